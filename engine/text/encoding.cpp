#include "text/encoding.hpp"

#include <iconv.h>

#include <cctype>
#include <cerrno>
#include <cstdio>

#include "text/utf8.hpp"

namespace tally::text {

namespace {

// iconv_t released on every path out.
struct Converter {
  iconv_t cd;
  explicit Converter(const std::string& from) : cd(iconv_open("UTF-8", from.c_str())) {}
  ~Converter() {
    if (ok()) iconv_close(cd);
  }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;
  bool ok() const { return cd != reinterpret_cast<iconv_t>(-1); }
};

std::string hex_bytes(std::string_view bytes, size_t at, size_t n) {
  std::string out;
  for (size_t i = at; i < bytes.size() && i < at + n; ++i) {
    char b[8];
    std::snprintf(b, sizeof b, "%s0x%02X", out.empty() ? "" : " ",
                  static_cast<unsigned char>(bytes[i]));
    out += b;
  }
  return out;
}

}  // namespace

bool encoding_known(const std::string& name) {
  return !name.empty() && (is_utf8_name(name) || Converter(name).ok());
}

namespace {
// Lower case without '-' and '_': "UTF-8", "utf_8" and "utf8" alike.
std::string folded(const std::string& name) {
  std::string n;
  for (char c : name)
    if (c != '-' && c != '_') n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return n;
}
}  // namespace

bool is_utf8_name(const std::string& name) {
  return folded(name) == "utf8";
}

bool is_unicode_name(const std::string& name) {
  auto n = folded(name);
  return n.rfind("utf16", 0) == 0 || n.rfind("utf32", 0) == 0 || n.rfind("ucs", 0) == 0;
}

Conversion convert_to_utf8(std::string_view bytes, const std::string& encoding) {
  Conversion c;
  Converter conv(encoding);
  if (!conv.ok()) {
    c.error = "unknown encoding '" + encoding + "' (`iconv --list` names the known ones)";
    return c;
  }
  // Chinese double-byte text grows by half in UTF-8, UTF-16 by at most half; grown on demand.
  c.utf8.resize(bytes.size() + bytes.size() / 2 + 16);
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write input
  size_t in_left = bytes.size();
  char* out = c.utf8.data();
  size_t out_left = c.utf8.size();
  auto grow = [&] {
    size_t used = static_cast<size_t>(out - c.utf8.data());
    c.utf8.resize(c.utf8.size() * 2);
    out = c.utf8.data() + used;
    out_left = c.utf8.size() - used;
  };
  auto fail = [&](const std::string& why) {
    c.utf8.clear();
    c.error = why;
    return c;
  };
  while (in_left > 0) {
    if (iconv(conv.cd, &in, &in_left, &out, &out_left) != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      grow();
      continue;
    }
    c.offset = static_cast<size_t>(in - bytes.data());
    if (errno == EINVAL)
      return fail("not valid " + encoding + ": the file ends inside a character (" +
                  hex_bytes(bytes, c.offset, 4) + " at offset " + std::to_string(c.offset) + ")");
    return fail("not valid " + encoding + ": " + hex_bytes(bytes, c.offset, 2) + " at offset " +
                std::to_string(c.offset));
  }
  // A call without input flushes what a stateful encoding (ISO-2022) still holds back.
  while (iconv(conv.cd, nullptr, nullptr, &out, &out_left) == static_cast<size_t>(-1)) {
    if (errno != E2BIG) {
      c.offset = bytes.size();
      return fail("not valid " + encoding + ": the file ends inside a character");
    }
    grow();
  }
  c.utf8.resize(static_cast<size_t>(out - c.utf8.data()));
  c.ok = true;
  return c;
}

std::optional<std::string> utf16_bom_encoding(std::string_view bytes) {
  if (bytes.size() >= 2) {
    auto a = static_cast<unsigned char>(bytes[0]), b = static_cast<unsigned char>(bytes[1]);
    if (a == 0xFF && b == 0xFE) return "UTF-16LE";
    if (a == 0xFE && b == 0xFF) return "UTF-16BE";
  }
  return std::nullopt;
}

std::string guess_legacy_encoding(std::string_view bytes) {
  // UTF-8 damaged in a few places (a cut-off character, one stray byte) is not a legacy file:
  // text in GB18030 or Big5 forms a valid UTF-8 sequence only now and then by chance.
  size_t valid = 0, invalid = 0;
  for (size_t i = 0; i < bytes.size();) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
      continue;
    }
    auto d = decode_at(bytes, i);
    d.size ? ++valid : ++invalid;
    i += d.size ? d.size : 1;
  }
  if (valid > invalid * 4) return "";

  struct Trial {
    const char* iconv_name;
    const char* flag;
  };
  // GB18030 first: it holds GBK and GB2312, and wins a tie.
  static const Trial trials[] = {{"GB18030", "gb18030"}, {"BIG5", "big5"}};
  std::string best;
  long best_score = 0;
  for (const auto& t : trials) {
    auto c = convert_to_utf8(bytes, t.iconv_name);
    if (!c.ok) continue;
    long score = 0;
    size_t han = 0;
    for (size_t i = 0; i < c.utf8.size();) {
      auto d = decode_at(c.utf8, i);
      i += d.size ? d.size : 1;
      if (is_ideograph(d.cp)) ++han;
      switch (d.cp) {
        case U'，':
        case U'。':
        case U'、':
        case U'：':
        case U'；':
        case U'“':
        case U'”':
        case U'（':
        case U'）':
        case U'《':
        case U'》':
        case U'「':
        case U'」':
          ++score;
          break;
        default:
          // Read in the wrong one of the two, the other's punctuation lands in the private use
          // area (Big5 "，" A1 41 is GB18030's user-defined U+E4C6).
          if (d.cp >= 0xE000 && d.cp <= 0xF8FF) score -= 4;
      }
    }
    if (han == 0) continue;
    if (best.empty() || score > best_score) {
      best = t.flag;
      best_score = score;
    }
  }
  return best;
}

}  // namespace tally::text
