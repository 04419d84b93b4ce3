#pragma once
// Pictures for the HTML report, inline as data: URIs (its Content Security Policy allows images
// from nowhere else): a greyscale PNG encoder over zlib, and base64.
#include <cstdint>
#include <string>
#include <string_view>

namespace tally::report {

// An 8-bit greyscale PNG of `width` x `height` bytes, row by row. Each row takes the filter
// (none, sub, up, average, Paeth) that leaves the smallest sum of magnitudes, libpng's own
// heuristic: on a page of type most rows are white runs that "up" turns into zeros.
std::string png_gray(const uint8_t* pixels, int width, int height);

std::string base64(std::string_view bytes);

}  // namespace tally::report
