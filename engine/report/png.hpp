#pragma once
// Pictures for the HTML report, inline as data: URIs (its Content Security Policy allows images
// from nowhere else): a greyscale PNG encoder over zlib, and base64.
#include <cstdint>
#include <string>
#include <string_view>

namespace tally::report {

// A greyscale PNG of `width` x `height` bytes (0 black, 255 white), row by row, stored with
// `bits` (8, or 4: sixteen levels, two pixels a byte) per pixel. Each row takes the filter (none,
// sub, up, average, Paeth) that leaves the smallest sum of magnitudes, libpng's own heuristic: on
// a page of type most rows are white runs that "up" turns into zeros. Sixteen levels keep type's
// antialiased edges and make a broadsheet page about 40% smaller than 256 (docs/report.md).
std::string png_gray(const uint8_t* pixels, int width, int height, int bits = 8);

std::string base64(std::string_view bytes);

}  // namespace tally::report
