// kind: pair. Marks that must come in pairs (`pairs: [[open, close], …]`), paired by the
// mechanism of the pair facts (facts/pairs.hpp: apostrophes, ASCII quotes, quotations that run
// over paragraphs); each mark left unpaired is reported with {mark} and the {expected} partner.
#include <algorithm>
#include <cstdint>

#include "facts/pairs.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

namespace {

// A mark's string after its first byte: up to three bytes packed for one integer comparison at
// each place the first byte is found (in Chinese copy the first bytes of the brackets are those
// of 。 and ， too, so most places hold another mark), the rest compared only when those match.
struct MarkString {
  uint32_t mark;      // index in PairCheck::marks
  std::string text;   // the whole string
  uint32_t next = 0;  // its bytes 1..3, the first in the lowest byte
  uint32_t mask = 0;  // which bytes of `next` it has
};

// The marks' opening and closing strings that start with one byte.
struct Lead {
  char byte;
  std::vector<MarkString> strings;
};

// Bytes i+1..i+3 of `t` packed as MarkString::next packs them (zero past the end).
inline uint32_t next_bytes(std::string_view t, size_t i) {
  uint32_t v = 0;
  for (size_t k = 1; k <= 3 && i + k < t.size(); ++k)
    v |= static_cast<uint32_t>(static_cast<unsigned char>(t[i + k])) << (8 * (k - 1));
  return v;
}

// Sets present[k] for each mark k of `g` found in `texts`: one pass per first byte, rather than
// a search of the texts for each string.
void mark_present(const Lead& g, const std::vector<std::string_view>& texts,
                  std::vector<char>& present) {
  size_t left = 0;
  for (const auto& s : g.strings) left += present[s.mark] ? 0 : 1;
  for (std::string_view t : texts)
    for (size_t i = t.find(g.byte); left && i != std::string_view::npos;
         i = t.find(g.byte, i + 1)) {
      uint32_t next = next_bytes(t, i);
      for (const auto& s : g.strings)
        if (!present[s.mark] && (next & s.mask) == s.next && i + s.text.size() <= t.size() &&
            (s.text.size() <= 4 || t.compare(i, s.text.size(), s.text) == 0)) {
          present[s.mark] = 1;
          // A mark's two strings may share the byte: it is counted once.
          left = 0;
          for (const auto& x : g.strings) left += present[x.mark] ? 0 : 1;
        }
    }
}

struct PairCheck : YamlCheck {
  std::vector<facts::MarkPair> marks;
  std::vector<Lead> leads;

  void run(YamlRun& r) const override {
    std::vector<std::string_view> texts;
    std::vector<facts::MarkPair> held;
    std::vector<uint32_t> index;  // of each mark of `held` in `marks`
    std::vector<char> present;    // by mark: found in the unit
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
      present.assign(marks.size(), 0);
      for (const auto& g : leads) mark_present(g, texts, present);
      for (uint32_t k = 0; k < marks.size(); ++k)
        if (present[k]) {
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
  for (uint32_t k = 0; k < c->marks.size(); ++k)
    for (const auto* m : {&c->marks[k].open, &c->marks[k].close}) {
      auto g = std::find_if(c->leads.begin(), c->leads.end(),
                            [&](const Lead& l) { return l.byte == m->front(); });
      if (g == c->leads.end()) g = c->leads.insert(c->leads.end(), Lead{m->front(), {}});
      MarkString ms{k, *m, 0, 0};
      for (size_t b = 1; b <= 3 && b < m->size(); ++b) {
        ms.next |= static_cast<uint32_t>(static_cast<unsigned char>((*m)[b])) << (8 * (b - 1));
        ms.mask |= 0xFFu << (8 * (b - 1));
      }
      g->strings.push_back(std::move(ms));
    }
  return c;
}

}  // namespace tally::rules
