// kind: rate. A stated rate that does not agree with the part and whole the article gives for
// it, at the precision it is written with, the figures' rounding included ("14.3万" is 142,500
// to 143,500). Two kinds of evidence, nothing weaker:
//  1. the `share` facts (engine/facts/shares.cpp): the text states the part and the whole;
//  2. a rate named for its part ("办结案件899件，调解和解案件288件，调解和解率达32%"; in English
//     "…, a settlement rate of 32%" in apposition): the part is the nearest quantity before the
//     rate whose noun holds the rate's subject (in English the nearest figure); candidate wholes
//     are earlier figures of the paragraph in the same measure and at least as large. A rate
//     whose subject ends with one of `conventional` (批捕, 结案…: rates with a denominator the
//     text need not state) takes only a whole tied to the part by one of `ties` (其中, 中有)
//     between them. It fires only when no candidate whole gives the rate.
// Placeholders: {text}, {part}, {whole} (a share's as written; a named rate's as numbers),
// {computed} (at one more decimal than the rate). `part_label` and `whole_label` mark the two
// figures beside the finding.
#include <cmath>
#include <cstdint>
#include <set>

#include "facts/figures.hpp"
#include "rules/yaml_arith.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

namespace {

// A figure of the block: a quantity, a bare number, or a share's part or whole.
struct Fig {
  Span span;
  uint32_t begin = 0, end = 0;
  double value = 0, lo = 0, hi = 0;
  const std::string* measure = nullptr;  // null for a bare number
  const std::string* noun = nullptr;
};

Fig fig(Span span, uint32_t b, uint32_t e, double value, double lo, double hi) {
  return {span, b, e, value, std::isinf(lo) ? -HUGE_VAL : lo, std::isinf(hi) ? HUGE_VAL : hi};
}

// tally.rate_matches: part/whole gives the rate at its written precision.
bool rate_matches(const facts::Rate& rate, const Fig& part, const Fig& whole) {
  double scale = rate.unit == facts::RateUnit::PerMille ? 1000 : 100;
  if (whole.hi <= 0) return true;
  double lo = part.lo / whole.hi * scale;
  double hi = whole.lo > 0 ? part.hi / whole.lo * scale : HUGE_VAL;
  double half = 0.5 * std::pow(10.0, -rate.number.decimals);
  const auto& n = rate.number;
  double rlo = std::isinf(n.lo) ? -HUGE_VAL : n.lo, rhi = std::isinf(n.hi) ? HUGE_VAL : n.hi;
  constexpr double eps = 1e-9;
  return lo <= rhi + half + eps && hi >= rlo - half - eps;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// ", an? [letters, hyphens, spaces]*rate of " ending the text (lowercased): "…, a settlement
// rate of 32%" names the rate in apposition to the figures before it.
bool en_named_rate(std::string_view before) {
  std::string b(before);
  for (auto& c : b) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!ends_with(b, "rate of ")) return false;
  size_t stop = b.size() - 8;
  for (size_t at = b.find(", a"); at != std::string::npos; at = b.find(", a", at + 1)) {
    size_t p = at + 3;
    if (p < b.size() && b[p] == 'n') ++p;
    if (p >= b.size() || b[p] != ' ' || p + 1 > stop) continue;
    bool ok = true;
    for (size_t i = p + 1; i < stop && ok; ++i)
      ok = std::isalpha(static_cast<unsigned char>(b[i])) || b[i] == '-' || b[i] == ' ';
    if (ok) return true;
  }
  return false;
}

struct RateCheck : YamlCheck {
  std::vector<std::string> conventional, ties;
  std::map<std::string, std::string> part_label, whole_label;

  void report(YamlRun& r, const ArticleInput& ai, Span at, std::string_view text,
              const facts::Rate& rate, const Fig& part, const Fig& whole, std::string shown_part,
              std::string shown_whole) const {
    if (rate_matches(rate, part, whole)) return;
    double scale = rate.unit == facts::RateUnit::PerMille ? 1000 : 100;
    Vars vars{
        {"text", std::string(text)},
        {"part", std::move(shown_part)},
        {"whole", std::move(shown_whole)},
        {"computed", arith_format(part.value / whole.value * scale, rate.number.decimals + 1)}};
    const auto& lang = r.message_language(ai.index);
    std::vector<report::Related> related;
    if (!part_label.empty()) related.push_back({part.span, pick_language(part_label, lang), {}});
    if (!whole_label.empty()) related.push_back({whole.span, pick_language(whole_label, lang), {}});
    r.emit_span(ai.index, at, vars, nullptr, std::move(related));
  }

  void run(YamlRun& r) const override {
    for (const auto& ai : r.in.articles)
      if (r.applies(ai.index)) article(r, ai);
  }

  void article(YamlRun& r, const ArticleInput& ai) const {
    const auto& f = *ai.facts;
    bool zh = ai.article->language == "zh";
    std::set<std::pair<size_t, uint32_t>> done;
    for (const auto& s : f.shares) {
      done.insert({s.block, s.fact.begin});
      const auto& lt = ai.article->blocks[s.block].text;
      std::string_view t = lt.text;
      auto figure = [&](const facts::Figure& g) {
        return fig(lt.to_original(g.begin, g.end), g.begin, g.end, g.number.value, g.lo, g.hi);
      };
      Fig part = figure(s.fact.part), whole = figure(s.fact.whole);
      if (whole.hi > 0)
        report(r, ai, s.span, t.substr(s.fact.begin, s.fact.end - s.fact.begin),
               f.rates[s.fact.rate].fact, part, whole,
               std::string(t.substr(part.begin, part.end - part.begin)),
               std::string(t.substr(whole.begin, whole.end - whole.begin)));
    }
    BlockFigures figs;
    for (const auto& x : f.rates) {
      const auto& rate = x.fact;
      if (rate.unit == facts::RateUnit::PercentagePoints || !rate.relation.empty()) continue;
      if (done.count({x.block, rate.begin})) continue;
      std::string_view t = ai.article->blocks[x.block].text.text;
      if (!zh && !en_named_rate(text_before(t, rate.begin, 48))) continue;
      named(r, ai, x, t, zh, figs);
    }
  }

  // The figures of one block in reading order (numbers before quantities at one offset), with
  // whether each is a quantity.
  static std::vector<Fig> amounts(const facts::ArticleFacts& f, size_t block,
                                  bool quantities_only) {
    std::vector<Fig> out;
    if (!quantities_only)
      for (const auto& n : f.numbers)
        if (n.block == block)
          out.push_back(fig(n.span, n.fact.begin, n.fact.end, n.fact.value, n.fact.lo, n.fact.hi));
    for (const auto& q : f.quantities)
      if (q.block == block) {
        const auto& n = q.fact.number;
        out.push_back(fig(q.span, q.fact.begin, q.fact.end, n.value, n.lo, n.hi));
        out.back().measure = &q.fact.measure;
        out.back().noun = &q.fact.noun;
      }
    std::stable_sort(out.begin(), out.end(),
                     [](const Fig& a, const Fig& b) { return a.span.begin < b.span.begin; });
    return out;
  }

  // The figures of the block the last rate was in: rates come in reading order, so each block's
  // are gathered once (a page of figures in hundreds of paragraphs made every rate walk them all).
  struct BlockFigures {
    size_t block = SIZE_MAX;
    std::vector<Fig> all, quantities;
  };

  void named(YamlRun& r, const ArticleInput& ai, const facts::At<facts::Rate>& x,
             std::string_view t, bool zh, BlockFigures& figs) const {
    const auto& rate = x.fact;
    const auto& f = *ai.facts;
    // A Chinese rate's part is named by its subject; without one there is none to find.
    if (zh && rate.subject.size() < 6) return;
    if (figs.block != x.block) {
      figs.block = x.block;
      figs.all = amounts(f, x.block, false);
      figs.quantities = zh ? amounts(f, x.block, true) : std::vector<Fig>();
    }
    const auto& all = figs.all;
    const auto& pool = zh ? figs.quantities : all;
    const Fig* part = nullptr;
    for (const auto& q : pool)
      if (q.end <= rate.begin && (!zh || q.noun->find(rate.subject) != std::string::npos))
        part = &q;
    if (!part) return;
    bool needs_tie = false;
    if (zh)
      for (const auto& w : conventional) needs_tie |= ends_with(rate.subject, w);
    std::vector<const Fig*> wholes;
    for (const auto& q : all) {
      if (q.begin >= part->begin) continue;
      bool comparable = !q.measure || !part->measure || *q.measure == *part->measure;
      if (!comparable || q.hi < part->lo) continue;
      if (needs_tie) {
        std::string_view between =
            q.end <= part->begin ? t.substr(q.end, part->begin - q.end) : std::string_view();
        bool tied = false;
        for (const auto& w : ties) tied |= between.find(w) != std::string_view::npos;
        if (!tied) continue;
      }
      wholes.push_back(&q);
    }
    if (wholes.empty()) return;
    for (const auto* w : wholes)
      if (rate_matches(rate, *part, *w)) return;
    const Fig& whole = *wholes.back();
    report(r, ai, x.span, t.substr(rate.begin, rate.end - rate.begin), rate, *part, whole,
           arith_format(part->value, 2), arith_format(whole.value, 2));
  }
};

std::vector<std::string> word_list(const RuleNode& root, const std::string& key) {
  std::vector<std::string> out;
  const RuleNode n = root[key];
  if (!n) return out;
  if (!n.IsSequence()) throw YamlError{n.Mark(), "'" + key + "' must be a list of words"};
  for (const auto& w : n.items()) out.push_back(scalar(w, key));
  return out;
}

}  // namespace

std::unique_ptr<const YamlCheck> parse_rate(const RuleNode& root) {
  auto c = std::make_unique<RateCheck>();
  c->conventional = word_list(root, "conventional");
  c->ties = word_list(root, "ties");
  if (root["part_label"]) c->part_label = texts(root["part_label"], "part_label");
  if (root["whole_label"]) c->whole_label = texts(root["whole_label"], "whole_label");
  return c;
}

}  // namespace tally::rules
