#include "facts/date_starts.hpp"

#include <array>
#include <cstring>

namespace tally::facts::date_starts {

namespace {

// A three-byte character as one number, to compare a character with a switch.
constexpr uint32_t code3(std::string_view s) {
  return static_cast<uint32_t>(static_cast<unsigned char>(s[0])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[2]));
}

// The three-byte character at `i`, as code3 gives it; 0 when fewer than three bytes are left or
// the byte at `i` cannot lead one (the characters compared here all start E3 or above).
uint32_t char3(std::string_view t, size_t i) {
  if (i + 2 >= t.size() || static_cast<unsigned char>(t[i]) < 0xE3) return 0;
  return code3(t.substr(i, 3));
}

bool is3(std::string_view t, size_t i, std::string_view c) {
  return char3(t, i) == code3(c);
}

// RE2's \s is [\t\n\f\r ]; \v too here (a wider class only means more places tried).
bool blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

size_t skip_blanks(std::string_view t, size_t i) {
  while (i < t.size() && blank(static_cast<unsigned char>(t[i]))) ++i;
  return i;
}

// The length of the figure or numeral at `i` (a character of the forms' counts: 0-9, ０-９,
// 〇零一两二三四五六七八九十百), or 0.
size_t count_char(std::string_view t, size_t i) {
  if (i >= t.size()) return 0;
  auto c = static_cast<unsigned char>(t[i]);
  if (c >= '0' && c <= '9') return 1;
  switch (char3(t, i)) {
    case code3("〇"):
    case code3("零"):
    case code3("一"):
    case code3("两"):
    case code3("二"):
    case code3("三"):
    case code3("四"):
    case code3("五"):
    case code3("六"):
    case code3("七"):
    case code3("八"):
    case code3("九"):
    case code3("十"):
    case code3("百"):
      return 3;
    default: {
      uint32_t v = char3(t, i);
      return v >= code3("０") && v <= code3("９") ? 3 : 0;
    }
  }
}

bool figure_at(std::string_view t, size_t i) {
  auto c = static_cast<unsigned char>(t[i]);
  if (c >= '0' && c <= '9') return true;
  uint32_t v = char3(t, i);
  return v >= code3("０") && v <= code3("９");
}

// The forms that a count's unit at `k` (after the count and its blanks) allows: 个 then a month,
// 日夜, a week or hours; 天, 周, 小时, 分钟.
uint32_t unit_forms(std::string_view t, size_t k) {
  switch (char3(t, k)) {
    case code3("个"): {
      size_t m = skip_blanks(t, k + 3);
      uint32_t u = char3(t, m), v = char3(t, m + 3);
      bool ok = u == code3("月") || (u == code3("日") && v == code3("夜")) ||
                (u == code3("星") && v == code3("期")) || (u == code3("小") && v == code3("时"));
      return ok ? kCount : 0;
    }
    case code3("天"):
    case code3("周"):
      return kUnit;
    case code3("小"):
      return is3(t, k + 3, "时") ? kUnit : 0;
    case code3("分"):
      return is3(t, k + 3, "钟") ? kUnit : 0;
    default:
      return 0;
  }
}

// The forms that start at the count at `i`, which runs `n` characters to byte `e`.
uint32_t count_forms(std::string_view t, size_t i, size_t e, size_t n) {
  size_t k = skip_blanks(t, e);
  uint32_t f = unit_forms(t, k);
  uint32_t c = char3(t, k);
  if (c == code3("年") && n <= 4) f |= kYear;
  if (c == code3("月") && n <= 2) f |= kMonth;
  if (k == e && k < t.size()) {
    auto b = static_cast<unsigned char>(t[k]);
    if (b == 0xC2 && k + 1 < t.size() && static_cast<unsigned char>(t[k + 1]) == 0xB7 && n <= 2)
      f |= kDot;  // ·
    if ((b == '/' || b == '-' || b == '.') && n == 4 && figure_at(t, i)) f |= kSeparated;
  }
  return f;
}

// The end of the count at `i` and its length in characters.
size_t count_end(std::string_view t, size_t i, size_t& n) {
  n = 0;
  for (size_t len; (len = count_char(t, i)) != 0; i += len) ++n;
  return i;
}

// Forms that may follow blanks or 为期: a count, then a unit.
uint32_t lead_forms(std::string_view t, size_t j) {
  if (!count_char(t, j)) return 0;
  size_t n;
  return unit_forms(t, skip_blanks(t, count_end(t, j, n))) & (kCount | kUnit);
}

// After 近 or 过去: blanks, a count of at most three characters, blanks, 年.
uint32_t recent_forms(std::string_view t, size_t j) {
  j = skip_blanks(t, j);
  if (!count_char(t, j)) return 0;
  size_t n;
  size_t e = count_end(t, j, n);
  return n <= 3 && is3(t, skip_blanks(t, e), "年") ? kRecent : 0;
}

// The trigger characters' last bytes (and the ASCII separators): the scan for them looks at one
// byte at a time and compares a whole character only at these.
constexpr auto kTriggerLast = [] {
  std::array<bool, 256> a{};
  for (unsigned char c : {0xB4, 0x88, 0xAA, 0xA9, 0xA8, 0x8F, 0x86, 0xB7}) a[c] = true;
  a['/'] = a['-'] = a['.'] = true;
  return a;
}();

// The next trigger character at or after `from`: its first byte, or npos.
size_t next_trigger(std::string_view t, size_t from) {
  for (size_t i = from; i < t.size(); ++i) {
    auto c = static_cast<unsigned char>(t[i]);
    if (!kTriggerLast[c]) continue;
    if (c < 0x80) return i;
    if (c == 0xB7 && i >= from + 1 && static_cast<unsigned char>(t[i - 1]) == 0xC2) return i - 1;
    if (i < from + 2) continue;
    switch (char3(t, i - 2)) {
      case code3("年"):
      case code3("月"):
      case code3("个"):
      case code3("天"):
      case code3("周"):
      case code3("小"):
      case code3("分"):
        return i - 2;
      default:
        break;
    }
  }
  return std::string_view::npos;
}

// A count character ending at byte `q` (ASCII, or three bytes): its length, or 0.
size_t count_char_before(std::string_view t, size_t q) {
  if (q == 0) return 0;
  auto c = static_cast<unsigned char>(t[q - 1]);
  if (c < 0x80) return c >= '0' && c <= '9' ? 1 : 0;
  return q >= 3 && count_char(t, q - 3) == 3 ? 3 : 0;
}

}  // namespace

uint32_t forms_at(std::string_view t, size_t i) {
  if (i >= t.size()) return 0;
  auto c = static_cast<unsigned char>(t[i]);
  if (blank(c)) return lead_forms(t, skip_blanks(t, i));
  if (count_char(t, i)) {
    size_t n;
    size_t e = count_end(t, i, n);
    return count_forms(t, i, e, n);
  }
  switch (char3(t, i)) {
    case code3("为"):
      return is3(t, i + 3, "期") ? lead_forms(t, skip_blanks(t, i + 6)) : 0;
    case code3("同"):
    case code3("去"):
    case code3("今"):
    case code3("明"):
    case code3("前"):
    case code3("当"):
    case code3("次"):
    case code3("翌"):
      return is3(t, i + 3, "年") ? kRelative : 0;
    case code3("近"):
      return recent_forms(t, i + 3);
    case code3("过"):
      return is3(t, i + 3, "去") ? recent_forms(t, i + 6) : 0;
    default:
      return 0;
  }
}

// Every start holds, before its trigger, only blanks and counts, after at most one word (为期,
// 近, 过去 or a relative year's first character). So the starts before a trigger lie between
// the start of that stretch and the trigger, and those of a later trigger after it: the
// stretches are read trigger by trigger, each place in them tested with forms_at.
size_t next_start(std::string_view t, size_t pos) {
  for (size_t p = next_trigger(t, pos); p != std::string_view::npos;
       p = next_trigger(t, p + (static_cast<unsigned char>(t[p]) < 0x80    ? 1
                                : static_cast<unsigned char>(t[p]) == 0xC2 ? 2
                                                                           : 3))) {
    size_t from = p;
    for (;;) {
      if (from > 0 && blank(static_cast<unsigned char>(t[from - 1]))) {
        --from;
        continue;
      }
      size_t len = count_char_before(t, from);
      if (!len) break;
      from -= len;
    }
    // The word before the stretch, if any: 为期 and 过去 (two characters), 近 or a relative
    // year's first character (one). Every place from there is tested.
    if (from >= 6 && (is3(t, from - 6, "为") || is3(t, from - 6, "过")))
      from -= 6;
    else if (from >= 3 && static_cast<unsigned char>(t[from - 3]) >= 0xE3)
      from -= 3;
    if (from < pos) from = pos;
    for (size_t c = from; c < p;) {
      auto b = static_cast<unsigned char>(t[c]);
      if (blank(b)) {
        // Every place in a run of blanks allows the same forms: tested once.
        size_t j = skip_blanks(t, c);
        if (lead_forms(t, j)) return c;
        c = j;
        continue;
      }
      size_t len = count_char(t, c);
      if (len) {
        // A count: its end found once, each of its characters tested with what is left of it.
        size_t n;
        size_t e = count_end(t, c, n);
        for (; c < e; c += count_char(t, c), --n)
          if (count_forms(t, c, e, n)) return c;
        continue;
      }
      if (forms_at(t, c)) return c;
      c += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    }
  }
  return std::string_view::npos;
}

bool has_ascii_letter(std::string_view t) {
  constexpr uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  size_t i = 0;
  for (; i + 8 <= t.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, t.data() + i, 8);
    // Lowercased (| 0x20), a letter is a byte above 0x60 and below 0x7B; a byte with its high
    // bit set is none (Bit Twiddling Hacks' "hasbetween").
    uint64_t y = x | 0x2020202020202020ull;
    uint64_t low7 = y & ~high;
    if (((ones * (127 + 0x7B) - low7) & ~y & (low7 + ones * (127 - 0x60)) & high) != 0) return true;
  }
  for (; i < t.size(); ++i) {
    auto c = static_cast<unsigned char>(t[i]) | 0x20u;
    if (c >= 'a' && c <= 'z') return true;
  }
  return false;
}

}  // namespace tally::facts::date_starts
