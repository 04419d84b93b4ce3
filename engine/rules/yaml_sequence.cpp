// kind: sequence. A relative date must be possible where it stands:
//  * one of `unanchored` (同年, 次年, 翌年; with `unanchored_with_month`, 当年 followed by a
//    month: "当年" alone is mostly "back then") that the facts could not resolve: no year before
//    it to refer to, reported with `unanchored_message`;
//  * a relative date resolved from the article's previous date, with one of `next_words`
//    (随后, 此后; later, then) in the 30 bytes before it, that falls before that date ("2024年12月
//    …。随后，同年11月…"; dates without a day compare by month), reported with `message`.
// Placeholders: {text}, {previous} (message); {relative} (unanchored_message).
#include "rules/yaml_arith.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"
#include "rules/yaml_text.hpp"

namespace tally::rules {

namespace {

struct SequenceCheck : YamlCheck {
  std::vector<std::string> unanchored, unanchored_with_month;
  std::map<std::string, std::vector<std::string>> next_words;
  std::map<std::string, std::string> unanchored_message;

  static bool listed(const std::vector<std::string>& words, const std::string& w) {
    for (const auto& x : words)
      if (x == w) return true;
    return false;
  }

  void run(YamlRun& r) const override {
    for (const auto& ai : r.in.articles) {
      if (!r.applies(ai.index)) continue;
      const auto& a = *ai.article;
      const auto& next = words_for(next_words, a.language == "zh" ? "zh" : "en");
      const facts::At<facts::DateFact>* previous = nullptr;  // the last resolved date
      for (const auto* x : in_reading_order(ai.facts->dates)) {
        const auto& d = x->fact;
        if (d.kind == facts::DateKind::Duration) continue;
        std::string_view t = a.blocks[x->block].text.text;
        if (d.kind == facts::DateKind::Relative && !d.resolved &&
            (listed(unanchored, d.relative) ||
             (d.month && listed(unanchored_with_month, d.relative)))) {
          r.emit_finding(ai.index, x->span,
                         r.worded(unanchored_message, ai.index, {{"relative", d.relative}}));
        } else if (d.kind == facts::DateKind::Relative && d.resolved && previous &&
                   d.anchor == "previous-date") {
          const auto& p = *previous->fact.resolved;
          const auto& me = *d.resolved;
          auto key = [](const parse::Date& v) { return v.year * 10000 + v.month * 100 + v.day; };
          if (find_any(ascii_lower(text_before(t, d.begin, 30)), next) && key(me) < key(p) &&
              (d.day || d.month)) {
            // Month-level dates compare by month: "同年11月" after "2024年12月" is earlier.
            bool month_earlier = me.year * 100 + me.month < p.year * 100 + p.month;
            if (d.day || month_earlier) {
              const auto& pt = a.blocks[previous->block].text.text;
              r.emit_span(ai.index, x->span,
                          {{"text", std::string(t.substr(d.begin, d.end - d.begin))},
                           {"previous", pt.substr(previous->fact.begin,
                                                  previous->fact.end - previous->fact.begin)}});
            }
          }
        }
        if (d.resolved) previous = x;
      }
    }
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_sequence(const RuleNode& root) {
  auto c = std::make_unique<SequenceCheck>();
  c->unanchored = word_list(root, "unanchored");
  c->unanchored_with_month = word_list(root, "unanchored_with_month");
  c->next_words = word_lists(root, "next_words");
  if (!root["unanchored_message"]) throw YamlError{root.Mark(), "missing 'unanchored_message'"};
  c->unanchored_message = texts(root["unanchored_message"], "unanchored_message");
  return c;
}

}  // namespace tally::rules
