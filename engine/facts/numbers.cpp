#include "facts/numbers.hpp"

#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "facts/record_hooks.hpp"
#include "text/utf8.hpp"

namespace tally::facts {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct C {
  char32_t cp;
  uint32_t at;  // byte offset
  // Left unset: decode sizes its vector by bytes and writes every element it keeps (zeroing
  // three elements a character of Chinese text was a cost of its own).
  C() {}
  C(char32_t c, uint32_t a) : cp(c), at(a) {}
};

std::vector<C> decode(std::string_view s) {
  // At most one character a byte, and the sentinels: sized once and written through a pointer
  // (a push_back a character, with its capacity test, was most of the cost of English text).
  std::vector<C> out(s.size() + 2);
  C* o = out.data();
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      *o++ = {b, static_cast<uint32_t>(i)};
      ++i;
      continue;
    }
    // Three bytes (most of Chinese text) decoded here, as text::decode_at would: a lead E1-EC
    // or EE-EF and two continuation bytes are always a valid character (E0 may be overlong,
    // ED a surrogate; those go through decode_at).
    if (b >= 0xE1 && b <= 0xEF && b != 0xED && i + 2 < s.size()) {
      auto c1 = static_cast<unsigned char>(s[i + 1]), c2 = static_cast<unsigned char>(s[i + 2]);
      if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
        *o++ = {((b & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (c2 & 0x3Fu), static_cast<uint32_t>(i)};
        i += 3;
        continue;
      }
    }
    auto d = text::decode_at(s, i);
    *o++ = {d.size ? d.cp : U'\uFFFD', static_cast<uint32_t>(i)};
    i += d.size ? d.size : 1;
  }
  // Two sentinels: the scanners look one character past the one they stand on, which may be
  // the end (found by fuzzing: "…3 " at the very end read past the vector).
  *o++ = {0, static_cast<uint32_t>(s.size())};
  *o++ = {0, static_cast<uint32_t>(s.size())};
  out.resize(static_cast<size_t>(o - out.data()));
  return out;
}

int digit_value(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 0xFF10 && c <= 0xFF19) return static_cast<int>(c - 0xFF10);
  return -1;
}

int cn_digit(char32_t c) {
  switch (c) {
    case U'零':
    case U'〇':
      return 0;
    case U'一':
      return 1;
    case U'二':
    case U'两':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return -1;
  }
}

double cn_unit(char32_t c) {
  switch (c) {
    case U'十':
      return 10;
    case U'百':
      return 100;
    case U'千':
      return 1000;
    case U'万':
      return 1e4;
    case U'亿':
      return 1e8;
    default:
      return 0;
  }
}

bool is_cn_numeral(char32_t c) {
  if (c < U'〇') return false;  // the least of them: ASCII and Latin are none
  // The low six bits of every numeral, as a set: three in four other characters are not in
  // it and need no look-up (most characters of a Chinese text are not numerals).
  static constexpr uint64_t low_bits = [] {
    uint64_t m = 0;
    for (char32_t n : U"〇零一二两三四五六七八九十百千万亿") m |= uint64_t{1} << (n & 63);
    return m;
  }();
  if (!(low_bits >> (c & 63) & 1)) return false;
  return cn_digit(c) >= 0 || cn_unit(c) > 0;
}

// Measure words and units a count is written with; a lone Chinese numeral counts only before one.
bool is_measure(char32_t c) {
  static const std::u32string m =
      U"个件名人次项家批块年月日天号地级方张大期份位场所条起部种类支座户元亩吨斤米岁周倍成篇本台辆"
      U"间"
      U"套处"
      U"届轮代分秒小时季步点股只头匹棵株栋层道笔宗例封首枚轮员册";
  return m.find(c) != std::u32string::npos;
}

// Words in which a numeral is not a number ("统一", "一些", "万一"): the numeral with the
// character after it, or before it.
bool idiom(char32_t before, char32_t first, char32_t after) {
  std::u32string pair{first, after};
  static const std::u32string_view words[] = {
      U"一些", U"一体", U"一直", U"一定", U"一样", U"一致", U"一般", U"一切", U"一同", U"一律",
      U"一旦", U"一方", U"一边", U"一道", U"一带", U"一线", U"一举", U"一流", U"一贯", U"一心",
      U"一并", U"一度", U"一再", U"一向", U"三公", U"四维", U"八柱", U"万一", U"一系", U"一把",
      U"一步", U"一点", U"一站", U"一案", U"一片", U"一生", U"一幼", U"一老", U"一岗", U"一取",
      U"三不", U"一审", U"二审", U"一手", U"一键", U"一堂", U"一场"};
  for (auto w : words)
    if (pair == w) return true;
  std::u32string back{before, first};
  return back == U"统一" || back == U"万一" || back == U"唯一" || back == U"之一" ||
         back == U"同一" || back == U"专一" || back == U"第一";
}

// The unit of the last significant digit of an integer: 200 -> 100, 60 -> 10, 4 -> 1.
double last_digit_unit(double v) {
  if (v <= 0 || v != std::floor(v)) return 1;
  double u = 1;
  while (v >= u * 10 && std::fmod(v, u * 10) == 0) u *= 10;
  return u;
}

bool match_ascii(const std::vector<C>& cs, size_t i, std::string_view word, bool ignore_case) {
  for (size_t k = 0; k < word.size(); ++k) {
    if (i + k >= cs.size()) return false;
    char32_t c = cs[i + k].cp;
    if (ignore_case && c >= 'A' && c <= 'Z') c += 32;
    if (c != static_cast<unsigned char>(word[k])) return false;
  }
  return true;
}

bool latin_letter(char32_t c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

// English number words: "twelve", "a dozen", "three cities".
constexpr std::pair<std::string_view, double> kNumberWords[] = {
    {"a dozen", 12},  {"dozen", 12},    {"zero", 0},     {"one", 1},      {"two", 2},
    {"three", 3},     {"four", 4},      {"five", 5},     {"six", 6},      {"seven", 7},
    {"eight", 8},     {"nine", 9},      {"ten", 10},     {"eleven", 11},  {"twelve", 12},
    {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17},
    {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},  {"thirty", 30},  {"forty", 40},
    {"fifty", 50},    {"sixty", 60},    {"seventy", 70}, {"eighty", 80},  {"ninety", 90},
    {"hundred", 100}};

// The words under each first letter, in the order above: only they can match a word that
// starts with it (the first to match is the same), and most letters start none.
const std::array<std::vector<uint8_t>, 26>& number_words_by_letter() {
  static const auto by_letter = [] {
    std::array<std::vector<uint8_t>, 26> out;
    for (size_t k = 0; k < std::size(kNumberWords); ++k)
      out[static_cast<size_t>(kNumberWords[k].first[0] - 'a')].push_back(static_cast<uint8_t>(k));
    return out;
  }();
  return by_letter;
}

// Whether a number word can start with the characters `a` and `b` (either case): the first two
// letters of every word above, as a set. Most words of English copy start none, and need no
// comparison with the words of their first letter.
bool number_word_may_start(char32_t a, char32_t b) {
  // Index 0-25 a letter, 26 a space (after the "a" of "a dozen").
  static const std::array<uint32_t, 26> seconds = [] {
    std::array<uint32_t, 26> out{};
    for (auto [w, v] : kNumberWords) {
      (void)v;
      unsigned second = w[1] == ' ' ? 26u : static_cast<unsigned>(w[1] - 'a');
      out[static_cast<size_t>(w[0] - 'a')] |= uint32_t{1} << second;
    }
    return out;
  }();
  if (!latin_letter(a)) return false;
  unsigned second;
  if (latin_letter(b))
    second = (b | 0x20) - 'a';
  else if (b == ' ')
    second = 26;
  else
    return false;
  return seconds[(a | 0x20) - 'a'] >> second & 1;
}

struct Qual {
  std::u32string_view zh;
  std::string_view en;
  enum Kind { Over, Under, Near, About } kind;
};

void apply(Number& n, Qual::Kind k, double step) {
  n.approximate = true;
  switch (k) {
    case Qual::Over:
      n.lo = n.value;
      n.hi = step > 0 ? n.value + step : kInf;
      break;
    case Qual::Under:
      n.lo = 0;
      n.hi = n.value;
      break;
    case Qual::Near:
      n.lo = n.value * 0.9;
      n.hi = n.value;
      break;
    case Qual::About:
      n.lo = n.value * 0.9;
      n.hi = n.value * 1.1;
      break;
  }
}

}  // namespace

std::optional<double> parse_chinese_numeral(std::u32string_view s) {
  if (s.empty()) return std::nullopt;
  // "二〇二四": digits only, read positionally.
  bool digits_only = true;
  for (char32_t c : s) digits_only &= cn_digit(c) >= 0;
  if (digits_only) {
    if (s.size() == 1) return cn_digit(s[0]);
    double v = 0;
    for (char32_t c : s) v = v * 10 + cn_digit(c);
    return v;
  }
  double total = 0, section = 0, digit = -1;
  double last_unit = 1e18;
  for (char32_t c : s) {
    int d = cn_digit(c);
    if (d >= 0) {
      if (digit >= 0 && d != 0 && digit != 0) return std::nullopt;  // two digits in a row
      digit = d;
      continue;
    }
    double u = cn_unit(c);
    if (u >= 1e4) {
      if (digit > 0) section += digit;
      if (section == 0 && total == 0) section = 1;
      total = (total + section) * u;
      section = 0;
      digit = -1;
      last_unit = 1e18;
    } else {
      if (u >= last_unit) return std::nullopt;  // "十百"
      section += (digit < 0 ? 1 : digit) * u;
      digit = -1;
      last_unit = u;
    }
  }
  if (digit > 0) section += digit;
  return total + section;
}

std::vector<Number> find_numbers(std::string_view text) {
  static const Qual before_q[] = {{U"超过", "more than", Qual::Over},
                                  {U"多于", "over", Qual::Over},
                                  {U"逾", "", Qual::Over},
                                  {U"超", "", Qual::Over},
                                  {U"不足", "less than", Qual::Under},
                                  {U"不到", "fewer than", Qual::Under},
                                  {U"少于", "under", Qual::Under},
                                  {U"近", "nearly", Qual::Near},
                                  {U"将近", "almost", Qual::Near},
                                  {U"约", "about", Qual::About},
                                  {U"大约", "around", Qual::About},
                                  {U"", "approximately", Qual::About}};
  auto cs = decode(text);
  std::vector<Number> out;
  size_t n = cs.size() - 2;
  size_t i = 0;
  while (i < n) {
    // A character that can start no number (a letter inside a word, most ideographs,
    // punctuation) is stepped over before anything is built for it: the branches below
    // begin at a digit, a Chinese numeral or the first letter of a word, and for any other
    // character they find nothing and move on by one.
    // A run of Latin letters that starts no number word is stepped over whole: its later
    // letters start no word, and no branch takes its first.
    {
      char32_t c = cs[i].cp;
      auto word_start = [&] { return i == 0 || !latin_letter(cs[i - 1].cp); };
      if (c >= 0x80) {
        // Most characters of Chinese text: a full-width digit or a numeral, or nothing.
        if (!(c >= 0xFF10 && c <= 0xFF19 && word_start()) && !is_cn_numeral(c)) {
          ++i;
          continue;
        }
      } else if (latin_letter(c)) {
        if (!word_start() || !number_word_may_start(c, cs[i + 1].cp)) {
          do ++i;
          while (i < n && latin_letter(cs[i].cp));
          continue;
        }
      } else if (!(digit_value(c) >= 0 && word_start()) && !is_cn_numeral(c)) {
        ++i;
        continue;
      }
    }
    Number num;
    double magnitude = 1;  // 万, 亿, million … applied to the digits as written
    size_t start = i, j = i;
    bool found = false;
    if (digit_value(cs[i].cp) >= 0 && (i == 0 || !latin_letter(cs[i - 1].cp))) {
      std::string digits;
      while (j < n) {
        int d = digit_value(cs[j].cp);
        if (d >= 0) {
          digits += static_cast<char>('0' + d);
          ++j;
        } else if (cs[j].cp == ',' && j + 4 <= n && digit_value(cs[j + 1].cp) >= 0 &&
                   digit_value(cs[j + 2].cp) >= 0 && digit_value(cs[j + 3].cp) >= 0 &&
                   digit_value(cs[j + 4].cp) < 0 && digits.find('.') == std::string::npos) {
          ++j;  // a thousands separator: exactly three digits follow
        } else if ((cs[j].cp == '.' || cs[j].cp == 0xFF0E) &&
                   digits.find('.') == std::string::npos && j + 1 < n &&
                   digit_value(cs[j + 1].cp) >= 0) {
          digits += '.';
          ++j;
        } else {
          break;
        }
      }
      auto dot = digits.find('.');
      num.decimals = dot == std::string::npos ? 0 : static_cast<int>(digits.size() - dot - 1);
      num.value = std::strtod(digits.c_str(), nullptr);
      num.form = NumberForm::Arabic;
      found = true;
      // "1.2 万", "3.06亿", "1.2 million"
      size_t k = j;
      while (k < n && cs[k].cp == ' ') ++k;
      double mag = 0;
      size_t mag_end = k;
      if (k < n && (cs[k].cp == U'万' || cs[k].cp == U'亿')) {
        mag = cn_unit(cs[k].cp);
        mag_end = k + 1;
        if (cs[k].cp == U'万' && k + 1 < n && cs[k + 1].cp == U'亿') {
          mag = 1e12;
          mag_end = k + 2;
        }
      } else {
        for (auto [w, m] : {std::pair<std::string_view, double>{"million", 1e6},
                            {"billion", 1e9},
                            {"thousand", 1e3},
                            {"trillion", 1e12},
                            {"mln", 1e6},  // wire copy: "158.7 mln dlrs", "2.5 bln"
                            {"bln", 1e9}})
          if (k > j && match_ascii(cs, k, w, true) && !latin_letter(cs[k + w.size()].cp)) {
            mag = m;
            mag_end = k + w.size();
          }
        // Glued scale words of newspaper money: "$11.1bn", "£3m", "2bn". A bare "5m" may be
        // metres, so "m" counts only after a currency sign.
        bool currency =
            i > 0 && (cs[i - 1].cp == '$' || cs[i - 1].cp == U'£' || cs[i - 1].cp == U'€');
        if (mag == 0 && k == j) {
          if (match_ascii(cs, j, "bn", true) && !latin_letter(cs[j + 2].cp)) {
            mag = 1e9;
            mag_end = j + 2;
          } else if (currency && (cs[j].cp == 'm' || cs[j].cp == 'M') &&
                     !latin_letter(cs[j + 1].cp)) {
            mag = 1e6;
            mag_end = j + 1;
          }
        }
      }
      if (mag > 0) {
        magnitude = mag;
        num.value *= mag;
        num.form = NumberForm::Mixed;
        j = mag_end;
      }
    } else if (is_cn_numeral(cs[i].cp)) {
      while (j < n && is_cn_numeral(cs[j].cp)) ++j;
      std::u32string run;
      for (size_t k = i; k < j; ++k) run += cs[k].cp;
      char32_t before = i > 0 ? cs[i - 1].cp : 0;
      char32_t after = cs[j].cp;
      char32_t next = (after == U'余' || after == U'多') ? cs[j + 1].cp : after;
      bool per = i >= 3 && cs[i - 1].cp == U'之' && cs[i - 2].cp == U'分' &&
                 (cs[i - 3].cp == U'百' || cs[i - 3].cp == U'千');  // 百分之三十二
      bool counted = is_measure(next) || before == U'第' || after == U'%' || after == U'％' || per;
      // "万" or "百" alone is not a number ("万一", "百姓"); "十" is ten.
      // "近百名", "逾千人": after a qualifier a lone 百 or 千 is a round number.
      bool qualified = before == U'近' || before == U'逾' || before == U'超' ||
                       (before == U'足' && i >= 2 && cs[i - 2].cp == U'不');
      bool lone_unit =
          run.size() == 1 && cn_unit(run[0]) > 10 && !(qualified && cn_unit(run[0]) <= 1000);
      // "十二点五": a decimal written in Chinese numerals.
      int cn_decimals = 0;
      if (cs[j].cp == U'点' && cn_digit(cs[j + 1].cp) >= 0 && cs[j + 1].cp != U'两') {
        size_t k = j + 1;
        while (k < n && cn_digit(cs[k].cp) >= 0) ++k;
        cn_decimals = static_cast<int>(k - j - 1);
        after = cs[k].cp;
        next = after;
      }
      auto v = parse_chinese_numeral(run);
      // "一年来" is "over the past year", a period, not one of anything.
      bool period = run == U"一" && after == U'年' && cs[j + 1].cp == U'来';
      // "一起" is "together" unless a case follows ("一起未成年人寻衅滋事案").
      if (run == U"一" && after == U'起') {
        bool a_case = false;
        for (size_t k = j + 1; k < n && k < j + 14 && !a_case; ++k)
          a_case = cs[k].cp == U'案' ||
                   (cs[k].cp == U'事' && (cs[k + 1].cp == U'故' || cs[k + 1].cp == U'件'));
        period = period || !a_case;
      }
      if (cn_decimals > 0)
        counted = per || before == U'第' || is_measure(next) || after == U'%' || after == U'％';
      if (v && !lone_unit && counted && !period && !idiom(before, run.front(), after)) {
        num.value = *v;
        if (cn_decimals > 0) {
          double frac = 0, scale = 1;
          for (size_t k = j + 1; k <= j + static_cast<size_t>(cn_decimals); ++k) {
            scale /= 10;
            frac += cn_digit(cs[k].cp) * scale;
          }
          num.value += frac;
          num.decimals = cn_decimals;
          j += static_cast<size_t>(cn_decimals) + 1;
        }
        num.form = NumberForm::Chinese;
        found = true;
      }
    }
    if (!found && latin_letter(cs[i].cp) && (i == 0 || !latin_letter(cs[i - 1].cp))) {
      auto word_at = [&](size_t at, double& value) -> size_t {
        if (!number_word_may_start(cs[at].cp, cs[at + 1].cp)) return 0;
        for (uint8_t k : number_words_by_letter()[(cs[at].cp | 0x20) - 'a']) {
          auto [w, v] = kNumberWords[k];
          if (match_ascii(cs, at, w, true) && !latin_letter(cs[at + w.size()].cp)) {
            value = v;
            return w.size();
          }
        }
        return 0;
      };
      double v = 0;
      if (size_t len = word_at(i, v)) {
        j = i + len;
        // "forty-two", "twenty one"
        double units = 0;
        if (v >= 20 && v <= 90 && (cs[j].cp == '-' || cs[j].cp == ' ')) {
          if (size_t l2 = word_at(j + 1, units); l2 && units >= 1 && units <= 9) {
            v += units;
            j += 1 + l2;
          }
        }
        // "one hundred", "two thousand", "three million"
        for (auto [w, m] : {std::pair<std::string_view, double>{"hundred", 100},
                            {"thousand", 1e3},
                            {"million", 1e6},
                            {"billion", 1e9},
                            {"mln", 1e6},  // wire copy: "one mln"
                            {"bln", 1e9}})
          if (v < 100 && cs[j].cp == ' ' && match_ascii(cs, j + 1, w, true) &&
              !latin_letter(cs[j + 1 + w.size()].cp)) {
            v *= m;
            magnitude = m;
            j += 1 + w.size();
            break;
          }
        num.value = v;
        num.form = NumberForm::English;
        found = true;
      }
    }
    if (!found) {
      i = std::max(j, i + 1);
      continue;
    }
    num.lo = num.hi = num.value;
    // Qualifiers before the number, a space between allowed ("超过 5万").
    size_t lead = start;
    while (lead > 0 && cs[lead - 1].cp == ' ') --lead;
    for (const auto& q : before_q) {
      if (!q.zh.empty() && lead >= q.zh.size()) {
        bool m = true;
        for (size_t k = 0; k < q.zh.size(); ++k) m &= cs[lead - q.zh.size() + k].cp == q.zh[k];
        if (m) {
          num.qualifier = std::string(
              text.substr(cs[lead - q.zh.size()].at, cs[lead].at - cs[lead - q.zh.size()].at));
          apply(num, q.kind, 0);
          start = lead - q.zh.size();
          break;
        }
      }
      if (!q.en.empty() && start >= q.en.size() + 1 && cs[start - 1].cp == ' ' &&
          match_ascii(cs, start - 1 - q.en.size(), q.en, true) &&
          (start - 1 - q.en.size() == 0 || !latin_letter(cs[start - 2 - q.en.size()].cp))) {
        num.qualifier = std::string(q.en);
        apply(num, q.kind, 0);
        start -= q.en.size() + 1;
        break;
      }
    }
    // Qualifiers after it: "余", "多", "左右", "以上", "以下".
    if (num.qualifier.empty()) {
      size_t q = j;
      while (q < n && cs[q].cp == ' ') ++q;
      char32_t a = cs[q].cp, b = cs[q + 1].cp;
      // "余" adds less than one unit of the last digit written: 4万余 < 5万, 60余 < 70.
      double unit = (num.decimals > 0 ? std::pow(10.0, -num.decimals)
                                      : last_digit_unit(num.value / magnitude)) *
                    magnitude;
      if (a == U'余' || a == U'多') {
        num.qualifier = a == U'余' ? "余" : "多";
        apply(num, Qual::Over, unit);
        j = q + 1;
        // "40余万字", "9000 多万元": the magnitude comes after the qualifier.
        if (magnitude == 1 && (cs[j].cp == U'万' || cs[j].cp == U'亿')) {
          double m = cn_unit(cs[j].cp);
          num.value *= m;
          num.lo *= m;
          num.hi *= m;
          magnitude = m;
          if (num.form == NumberForm::Arabic) num.form = NumberForm::Mixed;
          ++j;
        }
      } else if (a == U'左' && b == U'右') {
        num.qualifier = "左右";
        apply(num, Qual::About, 0);
        j = q + 2;
      } else if (a == U'以' && (b == U'上' || b == U'下')) {
        num.qualifier = b == U'上' ? "以上" : "以下";
        apply(num, b == U'上' ? Qual::Over : Qual::Under, 0);
        j = q + 2;
      }
    }
    num.magnitude = magnitude;
    num.begin = cs[start].at;
    num.end = cs[j].at;
    out.push_back(std::move(num));
    i = j;
  }
  return out;
}

}  // namespace tally::facts

namespace tally::facts {

void write_fields(const At<Number>& x, const RecordContext&, RecordSink& sink) {
  write_number_fields(x.fact, sink);
}

}  // namespace tally::facts
