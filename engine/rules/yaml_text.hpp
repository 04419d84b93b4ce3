#pragma once
// What the kinds moved from Lua (ranking, future, sequence, partition, fragment, halfwidth,
// repair) share: facts in the order the Lua view listed them, where a fact sits (its sentence
// and clause), bytes around it, and word tests with the byte semantics of Lua's string library
// (ASCII-only case folding and spaces), so that a rule moved from Lua finds what it found.
#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "facts/extract.hpp"
#include "rules/input.hpp"
#include "rules/rule_tree.hpp"

namespace tally::rules {

// A kind's facts in reading order (stably by where they start), as article.dates, … list them.
template <typename T>
std::vector<const facts::At<T>*> in_reading_order(const std::vector<facts::At<T>>& v) {
  std::vector<const facts::At<T>*> out;
  out.reserve(v.size());
  for (const auto& x : v) out.push_back(&x);
  std::stable_sort(out.begin(), out.end(), [](const facts::At<T>* a, const facts::At<T>* b) {
    return a->span.begin < b->span.begin;
  });
  return out;
}

// Where logical offset `at` of block `block` lies: the sentence and clause indices (0-based; -1
// when none), as a record's "sentence" and "clause" fields say.
struct Place {
  const facts::Sentence* sentence = nullptr;
  const facts::Clause* clause = nullptr;
  int sentence_index = -1, clause_index = -1;
};
Place place_of(const ArticleInput& ai, size_t block, uint32_t at);

// Up to `n` bytes of `text` from logical offset `at` on (tally.after).
std::string_view text_after(std::string_view text, uint32_t at, size_t n);

// Lua's string.lower: ASCII letters only.
std::string ascii_lower(std::string_view s);
// Lua's %s: space, \t, \n, \v, \f, \r.
inline bool lua_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}
// Lua's %a: ASCII letters.
inline bool lua_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool lua_digit(char c) {
  return c >= '0' && c <= '9';
}

// tally.find_any: the first of `words` (in list order) found in `text`, or null.
const std::string* find_any(std::string_view text, const std::vector<std::string>& words);

inline bool contains(std::string_view text, std::string_view w) {
  return text.find(w) != std::string_view::npos;
}
inline bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}
inline bool starts_with(std::string_view s, std::string_view head) {
  return s.substr(0, head.size()) == head;
}

// A list of words: `key: [a, b]` (absent: `fallback`). Throws YamlError.
std::vector<std::string> word_list(const RuleNode& root, const std::string& key,
                                   std::vector<std::string> fallback = {});
// Words per language: `key: {zh: [..], en: [..]}`. Throws YamlError.
std::map<std::string, std::vector<std::string>> word_lists(const RuleNode& root,
                                                           const std::string& key);
// The list for `language` ("" when there is none).
const std::vector<std::string>& words_for(
    const std::map<std::string, std::vector<std::string>>& lists, const std::string& language);

}  // namespace tally::rules
