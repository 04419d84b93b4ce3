// kind: enumeration. A count word that does not match the list it counts ("三地" after four
// places, "three cities" followed by four): the `count` facts linked to a `list` on firm
// evidence (the list right before the count, in parentheses after it, after a colon, or set
// after an English count). An open list ("等", "etc.") may hold more than it names, except
// that 等 right before the count ("A、B、C、D等三地") closes the list it sums up: more items than
// the count are then wrong, fewer may be examples.
// Placeholders: {text} (the count as written), {quoted} (in “ ” unless it opens with one),
// {count}, {items}. `related_label` labels the list beside the finding ({items} in it).
#include <string_view>

#include "rules/yaml_arith.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

namespace {

struct EnumerationCheck : YamlCheck {
  std::map<std::string, std::string> related_label;
  int min_items = 2;

  void run(YamlRun& r) const override {
    for (const auto& ai : r.in.articles) {
      if (!r.applies(ai.index)) continue;
      const auto& f = *ai.facts;
      for (size_t i = 0; i < f.claims.size(); ++i) {
        const facts::ArticleFacts::Link* link = nullptr;
        for (const auto& l : f.links)
          if (l.claim == i) link = &l;  // the last link found is the one kept (as the record)
        if (!link || !link->strong || link->list >= f.lists.size()) continue;
        const auto& claim = f.claims[i];
        const auto& list = f.lists[link->list];
        // In an article the page parser is unsure of, two paragraphs may be two stories.
        if (ai.article->uncertain && claim.block != list.block) continue;
        const auto& lt = ai.article->blocks[claim.block].text;
        int n = static_cast<int>(list.fact.items.size());
        if (list.fact.open &&
            !(n > claim.fact.count && text_before(lt.text, claim.fact.begin, 3) == "等"))
          continue;
        if (n == claim.fact.count || n < min_items) continue;
        std::string text = lt.text.substr(claim.fact.begin, claim.fact.end - claim.fact.begin);
        Vars vars{{"text", text},
                  {"quoted", text.rfind("“", 0) == 0 ? text : "“" + text + "”"},
                  {"count", std::to_string(claim.fact.count)},
                  {"items", std::to_string(n)}};
        std::vector<report::Related> related;
        if (!related_label.empty())
          related.push_back({list.span,
                             fill(pick_language(related_label, r.message_language(ai.index)), vars),
                             {}});
        r.emit_span(ai.index, claim.span, vars, nullptr, std::move(related));
      }
    }
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_enumeration(const RuleNode& root) {
  auto c = std::make_unique<EnumerationCheck>();
  if (root["related_label"]) c->related_label = texts(root["related_label"], "related_label");
  c->min_items = static_cast<int>(number_key(root, "min_items", 2));
  return c;
}

}  // namespace tally::rules
