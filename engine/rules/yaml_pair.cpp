// kind: pair. Marks that must come in pairs (`pairs: [[open, close], …]`), paired by the
// mechanism of the pair facts (facts/pairs.hpp: apostrophes, ASCII quotes, quotations that run
// over paragraphs); each mark left unpaired is reported with {mark} and the {expected} partner.
#include <algorithm>

#include "facts/pairs.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

namespace {

struct PairCheck : YamlCheck {
  std::vector<facts::MarkPair> marks;

  void run(YamlRun& r) const override {
    std::vector<std::string_view> texts;
    std::vector<facts::MarkPair> held;
    std::vector<uint32_t> index;  // of each mark of `held` in `marks`
    for (const auto& u : r.units()) {
      if (std::none_of(u.pieces.begin(), u.pieces.end(),
                       [&](const Piece& p) { return r.applies(p.article); }))
        continue;
      texts.clear();
      for (const auto& p : u.pieces)
        texts.push_back(std::string_view(r.text_of(p).text).substr(p.lbegin, p.lend - p.lbegin));
      // The pairing with the marks the unit holds only is the same pairing: a mark found
      // nowhere never opens or closes, and kept in, it makes the pairing stop at every byte
      // it starts with (the first byte of 《 and （ is that of 。 and ， too).
      held.clear();
      index.clear();
      auto occurs = [&](const std::string& mark) {
        return std::any_of(texts.begin(), texts.end(), [&](std::string_view t) {
          return t.find(mark) != std::string_view::npos;
        });
      };
      for (uint32_t k = 0; k < marks.size(); ++k)
        if (occurs(marks[k].open) || occurs(marks[k].close)) {
          held.push_back(marks[k]);
          index.push_back(k);
        }
      if (held.empty()) continue;
      auto found = facts::find_pairs_in_blocks(texts, held);
      for (size_t i = 0; i < u.pieces.size(); ++i) {
        const auto& p = u.pieces[i];
        if (!r.applies(p.article)) continue;
        for (const auto& x : found[i].unpaired) {
          const auto& m = marks[index[x.pair]];
          Vars v{{"mark", x.mark}, {"expected", x.opener ? m.close : m.open}};
          r.emit(p, p.lbegin + x.at, p.lbegin + x.at + x.len, v);
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_pair(const RuleNode& root) {
  auto c = std::make_unique<PairCheck>();
  auto p = root["pairs"];
  if (!p || !p.IsSequence())
    throw YamlError{p ? p.Mark() : root.Mark(),
                    "kind 'pair' needs 'pairs', a list of [open, close]"};
  for (const auto& x : p.items()) {
    if (!x.IsSequence() || x.size() != 2)
      throw YamlError{x.Mark(), "each pair is a list of two marks: [\"“\", \"”\"]"};
    c->marks.push_back({scalar(x[0], "pairs"), scalar(x[1], "pairs")});
    if (c->marks.back().open.empty() || c->marks.back().close.empty())
      throw YamlError{x.Mark(), "a pair's marks cannot be empty"};
  }
  return c;
}

}  // namespace tally::rules
