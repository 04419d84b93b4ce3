#include "facts/sentences.hpp"

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>

#include "text/utf8.hpp"

namespace tally::facts {

namespace {

bool closer(char32_t c) {
  return c == U'”' || c == U'’' || c == U'」' || c == U'』' || c == U'）' || c == U')' ||
         c == '"' || c == '\'';
}

bool upper_start(std::string_view t, size_t pos) {
  while (pos < t.size() && (t[pos] == ' ' || t[pos] == '"' || t[pos] == '(' || t[pos] == '\''))
    ++pos;
  if (pos >= t.size()) return true;
  auto d = text::decode_at(t, pos);
  return (d.cp >= 'A' && d.cp <= 'Z') || (d.cp >= '0' && d.cp <= '9') || text::is_cjk(d.cp) ||
         d.cp == U'“';
}

bool abbreviation_before(std::string_view t, size_t dot) {
  static constexpr std::string_view abbr[] = {"Mr",  "Mrs", "Ms", "Dr", "St",  "Prof", "Inc",
                                              "Ltd", "Jr",  "Sr", "vs", "etc", "No",   "Gov"};
  size_t b = dot;
  while (b > 0 && ((t[b - 1] | 0x20) >= 'a' && (t[b - 1] | 0x20) <= 'z')) --b;
  std::string_view w = t.substr(b, dot - b);
  if (w.size() == 1) return true;  // initials: "J. Smith", "U.S."
  for (auto a : abbr)
    if (w == a) return true;
  return false;
}

// How far the splitters step from a byte: 0 at the bytes a clause separator (，；： ; , :) or a
// sentence end (。！？； . ! ?) starts with, which are decoded and compared; else the length
// of the character the byte leads (1 for ASCII, and for a continuation byte, which a walk from
// a character boundary over valid UTF-8 never lands on), stepped over whole without decoding.
using StepTable = std::array<uint8_t, 256>;
constexpr StepTable step_table(std::initializer_list<int> marks) {
  StepTable a{};
  for (int c = 0; c < 256; ++c)
    a[static_cast<size_t>(c)] = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  for (int c : marks) a[static_cast<size_t>(c)] = 0;
  return a;
}
constexpr StepTable kClauseStep = step_table({0xEF, int{';'}, int{','}, int{':'}});
constexpr StepTable kSentenceStep = step_table({0xE3, 0xEF, int{'.'}, int{'!'}, int{'?'}});

std::vector<Clause> split_clauses(std::string_view t, uint32_t b, uint32_t e) {
  std::vector<Clause> out;
  uint32_t start = b;
  auto push = [&](uint32_t end) {
    uint32_t s = start;
    while (s < end && t[s] == ' ') ++s;
    if (end > s) {
      std::string_view c = t.substr(s, end - s);
      bool q = c.rfind("其中", 0) == 0 || c.rfind("of whom", 0) == 0 ||
               c.rfind("of which", 0) == 0 || c.rfind("including", 0) == 0;
      out.push_back({s, end, q});
    }
  };
  for (uint32_t i = b; i < e;) {
    // A continuation byte is never a separator's first byte.
    if (uint32_t step = kClauseStep[static_cast<unsigned char>(t[i])]) {
      i += step;
      continue;
    }
    auto d = text::decode_at(t, i);
    uint32_t n = d.size ? d.size : 1;
    bool sep = d.cp == U'，' || d.cp == U'；' || d.cp == U'：' || d.cp == U';' ||
               (d.cp == ',' && i + 1 < e &&
                (t[i + 1] == ' ' || !text::is_ascii_alnum(static_cast<unsigned char>(t[i + 1])))) ||
               (d.cp == ':' && i + 1 < e && t[i + 1] == ' ');
    // "1,234" is a number, not two clauses.
    if (d.cp == ',' && i > b && text::is_digit(static_cast<unsigned char>(t[i - 1])) && i + 1 < e &&
        text::is_digit(static_cast<unsigned char>(t[i + 1])))
      sep = false;
    if (sep) {
      push(i);
      start = i + n;
    }
    i += n;
  }
  // The sentence's final mark is not part of the last clause.
  uint32_t end = e;
  while (end > start) {
    size_t s = end - 1;
    while (s > start && (static_cast<unsigned char>(t[s]) & 0xC0) == 0x80) --s;
    auto d = text::decode_at(t, s);
    if (!(d.cp == U'。' || d.cp == U'！' || d.cp == U'？' || d.cp == '.' || d.cp == '!' ||
          d.cp == '?' || closer(d.cp) || d.cp == ' '))
      break;
    end = static_cast<uint32_t>(s);
  }
  push(end);
  return out;
}

}  // namespace

std::vector<Sentence> split_sentences(std::string_view t) {
  std::vector<Sentence> out;
  uint32_t start = 0;
  auto close = [&](uint32_t end) {
    while (start < end && (t[start] == ' ')) ++start;
    if (end > start) out.push_back({start, end, split_clauses(t, start, end)});
    start = end;
  };
  for (uint32_t i = 0; i < t.size();) {
    // A continuation byte is never a sentence end's first byte.
    if (uint32_t step = kSentenceStep[static_cast<unsigned char>(t[i])]) {
      i += step;
      continue;
    }
    auto d = text::decode_at(t, i);
    uint32_t n = d.size ? d.size : 1;
    bool cjk_end = d.cp == U'。' || d.cp == U'！' || d.cp == U'？' || d.cp == U'；';
    bool en_end = (d.cp == '.' || d.cp == '!' || d.cp == '?') && i + 1 < t.size() &&
                  (t[i + 1] == ' ' || t[i + 1] == '"') &&
                  upper_start(t, i + 1 + (t[i + 1] == '"')) &&
                  !(d.cp == '.' && abbreviation_before(t, i));
    // An ellipsis does not end a sentence: "……”在黄河路小学升旗仪式上" goes on.
    if (cjk_end || en_end) {
      uint32_t j = i + n;
      // Repeated marks and closing quotes stay with the sentence: "……”", "!?".
      while (j < t.size()) {
        auto e = text::decode_at(t, j);
        if (!(closer(e.cp) || e.cp == U'…' || e.cp == U'。' || e.cp == U'！' || e.cp == U'？' ||
              e.cp == '!' || e.cp == '?'))
          break;
        j += e.size ? e.size : 1;
      }
      close(j);
      i = j;
      continue;
    }
    i += n;
  }
  close(static_cast<uint32_t>(t.size()));
  return out;
}

}  // namespace tally::facts
