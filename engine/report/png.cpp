#include "report/png.hpp"

#include <zlib.h>

#include <array>
#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace tally::report {

namespace {

void put32(std::string& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out += static_cast<char>((v >> s) & 0xFF);
}

void chunk(std::string& out, const char* type, std::string_view data) {
  put32(out, static_cast<uint32_t>(data.size()));
  size_t at = out.size();
  out.append(type, 4);
  out.append(data);
  uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(out.data() + at),
                    static_cast<uInt>(data.size() + 4));
  put32(out, static_cast<uint32_t>(crc));
}

uint8_t paeth(int a, int b, int c) {
  int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return static_cast<uint8_t>(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

}  // namespace

std::string png_gray(const uint8_t* pixels, int width, int height, int bits) {
  const size_t h = static_cast<size_t>(height);
  // The rows as stored: four bits a pixel packs two pixels a byte, the first in the high half.
  std::vector<uint8_t> packed;
  if (bits == 4) {
    const size_t in = static_cast<size_t>(width), out = (in + 1) / 2;
    packed.assign(out * h, 0);
    for (size_t y = 0; y < h; ++y)
      for (size_t x = 0; x < in; ++x) {
        auto v = static_cast<uint8_t>((pixels[y * in + x] * 15 + 127) / 255);
        packed[y * out + x / 2] |= static_cast<uint8_t>(x % 2 ? v : v << 4);
      }
    pixels = packed.data();
  } else {
    bits = 8;
  }
  // Filters work on bytes, whatever a pixel's size.
  const size_t w = bits == 4 ? (static_cast<size_t>(width) + 1) / 2 : static_cast<size_t>(width);
  // Filtered rows: a filter byte, then the row.
  std::vector<uint8_t> raw;
  raw.reserve((w + 1) * h);
  std::array<std::vector<uint8_t>, 5> cand;
  for (auto& c : cand) c.resize(w);
  std::vector<uint8_t> zero(w, 0);
  for (size_t y = 0; y < h; ++y) {
    const uint8_t* row = pixels + y * w;
    const uint8_t* up = y ? pixels + (y - 1) * w : zero.data();
    size_t best = 0, best_sum = SIZE_MAX;
    for (size_t f = 0; f < 5; ++f) {
      size_t sum = 0;
      for (size_t x = 0; x < w; ++x) {
        int a = x ? row[x - 1] : 0, b = up[x], c = x ? up[x - 1] : 0;
        int pred = f == 0 ? 0 : f == 1 ? a : f == 2 ? b : f == 3 ? (a + b) / 2 : paeth(a, b, c);
        auto v = static_cast<uint8_t>(row[x] - pred);
        cand[f][x] = v;
        sum += v < 128 ? v : 256 - v;
      }
      if (sum < best_sum) best_sum = sum, best = f;
    }
    raw.push_back(static_cast<uint8_t>(best));
    raw.insert(raw.end(), cand[best].begin(), cand[best].end());
  }
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::string z(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(z.data()), &size, raw.data(),
                static_cast<uLong>(raw.size()), 6) != Z_OK)
    throw std::runtime_error("zlib could not compress a page image");
  z.resize(size);

  std::string out("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr;
  put32(ihdr, static_cast<uint32_t>(width));
  put32(ihdr, static_cast<uint32_t>(height));
  ihdr += static_cast<char>(bits);
  ihdr += std::string("\x00\x00\x00\x00", 4);  // greyscale, deflate, adaptive filters, no interlace
  chunk(out, "IHDR", ihdr);
  chunk(out, "IDAT", z);
  chunk(out, "IEND", {});
  return out;
}

std::string base64(std::string_view in) {
  static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = static_cast<uint8_t>(in[i]) << 16 | static_cast<uint8_t>(in[i + 1]) << 8 |
                 static_cast<uint8_t>(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += abc[(v >> s) & 63];
  }
  if (i < in.size()) {
    uint32_t v = static_cast<uint8_t>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<uint8_t>(in[i + 1]) << 8;
    out += abc[(v >> 18) & 63];
    out += abc[(v >> 12) & 63];
    out += i + 1 < in.size() ? abc[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace tally::report
