#include "body_decoding.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace tally::http {

Coding coding_named(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  std::string v(value);
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
  if (v.empty() || v == "identity") return Coding::identity;
  if (v == "gzip" || v == "x-gzip") return Coding::gzip;
  if (v == "deflate") return Coding::deflate;
  return Coding::unsupported;
}

namespace {

// One pass of zlib over `in` with the given window bits; `produced` tells a caller whether any
// output came before an error (to retry raw deflate only when nothing did).
Inflated run(std::string_view in, size_t limit, int window_bits, std::string& out, bool& produced) {
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) return Inflated::corrupt;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  char buf[16384];
  Inflated result = Inflated::ok;
  for (;;) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof(buf);
    int rc = inflate(&zs, Z_NO_FLUSH);
    size_t n = sizeof(buf) - zs.avail_out;
    if (n) produced = true;
    if (out.size() + n > limit) {
      result = Inflated::too_large;
      break;
    }
    out.append(buf, n);
    if (rc == Z_STREAM_END) {
      // gzip allows several members one after the other; anything else after the end is junk.
      if (zs.avail_in == 0) break;
      if (window_bits != 15 + 32 || inflateReset(&zs) != Z_OK) {
        result = Inflated::corrupt;
        break;
      }
      continue;
    }
    if (rc != Z_OK && !(rc == Z_BUF_ERROR && n > 0)) {
      result = Inflated::corrupt;  // a data error, or input that ends inside the stream
      break;
    }
  }
  inflateEnd(&zs);
  return result;
}

}  // namespace

Inflated inflate_bounded(std::string_view in, size_t limit, std::string& out) {
  out.clear();
  bool produced = false;
  // 15 + 32: a zlib or a gzip wrapper, recognised from the first bytes.
  Inflated r = run(in, limit, 15 + 32, out, produced);
  if (r == Inflated::corrupt && !produced) {
    out.clear();
    r = run(in, limit, -15, out, produced);  // "deflate" as some clients send it: no wrapper
  }
  return r;
}

}  // namespace tally::http
