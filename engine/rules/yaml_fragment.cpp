// kind: fragment. PDF extraction sometimes repeats the last characters of a column at the top of
// the next ("发挥了积极作用。\n\n用。先锋队的…"). A sentence of 2 to `max_chars` characters (in
// English, of at most `max_bytes` bytes), leading spaces aside, that ends in sentence
// punctuation and copies the end of the longer sentence before it (across paragraphs; in
// English ignoring case) is reported, deleting it as the fix.
// Placeholder: {text} (the fragment).
#include <algorithm>

#include "rules/yaml_arith.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_text.hpp"

namespace tally::rules {

namespace {

// Code points of valid UTF-8, or -1 (Lua's utf8.len failing).
long utf8_length(std::string_view s) {
  long n = 0;
  for (size_t i = 0; i < s.size(); ++n) {
    auto b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return -1;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return -1;
    i += len;
  }
  return n;
}

// The Lua version asked `text:find("[。！？!?%.]$")`, a byte class: the last byte is one of the
// bytes of 。！？ or ! ? . (so a character ending in one of those bytes ends a sentence too).
bool ends_sentence(std::string_view t) {
  if (t.empty()) return false;
  switch (static_cast<unsigned char>(t.back())) {
    case 0xE3:
    case 0x80:
    case 0x82:
    case 0xEF:
    case 0xBC:
    case 0x81:
    case 0x9F:
    case '!':
    case '?':
    case '.':
      return true;
    default:
      return false;
  }
}

struct FragmentCheck : YamlCheck {
  long max_chars = 4;
  size_t max_bytes = 8;

  void run(YamlRun& r) const override {
    for (const auto& ai : r.in.articles) {
      if (!r.applies(ai.index)) continue;
      bool en = ai.article->language == "en";
      std::string_view previous;
      bool have_previous = false;
      for (size_t b = 0; b < ai.article->blocks.size(); ++b) {
        const auto& lt = ai.article->blocks[b].text;
        for (const auto& s : ai.facts->blocks[b].sentences) {
          std::string_view whole = std::string_view(lt.text).substr(s.begin, s.end - s.begin);
          std::string_view text = whole;
          while (!text.empty() && lua_space(text.front())) text.remove_prefix(1);
          bool short_enough;
          if (en) {
            short_enough = text.size() <= max_bytes;
          } else {
            // A character is at most 4 bytes: a longer sentence is not counted (most are).
            long n = text.size() <= 4 * static_cast<size_t>(std::max(max_chars, 0L))
                         ? utf8_length(text)
                         : -1;
            short_enough = n >= 2 && n <= max_chars;
          }
          if (have_previous && short_enough && ends_sentence(text) &&
              previous.size() > text.size() &&
              (ends_with(previous, text) || ends_with(ascii_lower(previous), ascii_lower(text)))) {
            Span at = lt.to_original(s.begin, s.end);
            r.emit_finding(ai.index, at,
                           r.worded(r.rule.info.message, ai.index, {{"text", std::string(text)}}),
                           report::Fix{at, "", {}});
          }
          previous = whole;
          have_previous = true;
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_fragment(const RuleNode& root) {
  auto c = std::make_unique<FragmentCheck>();
  c->max_chars = static_cast<long>(number_key(root, "max_chars", 4));
  c->max_bytes = static_cast<size_t>(number_key(root, "max_bytes", 8));
  return c;
}

}  // namespace tally::rules
