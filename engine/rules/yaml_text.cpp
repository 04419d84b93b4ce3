#include "rules/yaml_text.hpp"

#include "facts/records.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

Place place_of(const ArticleInput& ai, size_t block, uint32_t at) {
  Place p;
  const auto& sentences = ai.facts->blocks[block].sentences;
  auto [s, c] = facts::locate_in(sentences, at);
  p.sentence_index = s;
  p.clause_index = c;
  if (s >= 0) {
    p.sentence = &sentences[static_cast<size_t>(s)];
    if (c >= 0) p.clause = &p.sentence->clauses[static_cast<size_t>(c)];
  }
  return p;
}

std::string_view text_after(std::string_view text, uint32_t at, size_t n) {
  if (at >= text.size()) return {};
  return text.substr(at, n);
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

const std::string* find_any(std::string_view text, const std::vector<std::string>& words) {
  for (const auto& w : words)
    if (contains(text, w)) return &w;
  return nullptr;
}

std::vector<std::string> word_list(const RuleNode& root, const std::string& key,
                                   std::vector<std::string> fallback) {
  const RuleNode n = root[key];
  if (!n) return fallback;
  if (!n.IsSequence()) throw YamlError{n.Mark(), "'" + key + "' must be a list of words"};
  std::vector<std::string> out;
  for (const auto& w : n.items()) {
    out.push_back(scalar(w, key));
    if (out.back().empty()) throw YamlError{w.Mark(), "'" + key + "' lists an empty word"};
  }
  return out;
}

std::map<std::string, std::vector<std::string>> word_lists(const RuleNode& root,
                                                           const std::string& key) {
  std::map<std::string, std::vector<std::string>> out;
  const RuleNode n = root[key];
  if (!n) return out;
  if (!n.IsMap()) throw YamlError{n.Mark(), "'" + key + "' must be a map of zh/en word lists"};
  for (const auto& kv : n.pairs()) {
    auto lang = scalar(kv.first, key);
    if (lang != "zh" && lang != "en")
      throw YamlError{kv.first.Mark(), "'" + key + "' takes word lists for zh and en only"};
    out[lang] = word_list(n, lang);
  }
  return out;
}

const std::vector<std::string>& words_for(
    const std::map<std::string, std::vector<std::string>>& lists, const std::string& language) {
  static const std::vector<std::string> none;
  auto it = lists.find(language);
  return it == lists.end() ? none : it->second;
}

}  // namespace tally::rules
