// kind: partition. Parts of one breakdown given in percent cannot add up to more than 100
// ("民事案件占45%，刑事案件占35%，行政案件占30%"): two or more shares (rates in percent with no
// relation) in one sentence, each stated as a part of the same whole. In Chinese each share's
// clause, before it and less the `links` ending it (为, 达到…), opens with one of `complete`
// (其余), ends with 占 or 占比, or reads 占W的 with one W for all; then the sentence holds one of
// `partition` (分为, 包括…), or every share's subject before 占 ends with the same character
// (民事案件/刑事案件: siblings; 农民工/女性 may overlap). In English the sentence before the
// first share holds one of `verbs` ("account for", "make up"). Never: 分别 / respectively (each
// item's own whole), 其中 between two shares (a part of the one before), two different subjects
// (rates of different things). When the sentence holds one of `complete` the parts must also
// reach 100, with `short_message`. Rounding allowed: half a unit of each share's last digit.
// Placeholders: {sum} (the parts' sum: the low ends when over, the high ends when short).
#include <cmath>

#include "rules/yaml_arith.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"
#include "rules/yaml_text.hpp"

namespace tally::rules {

namespace {

using RateAt = facts::At<facts::Rate>;

struct PartitionCheck : YamlCheck {
  std::vector<std::string> verbs, complete, partition, links;
  std::map<std::string, std::string> short_message;

  std::string strip_links(std::string s) const {
    for (bool moved = true; moved;) {
      moved = false;
      for (const auto& w : links)
        if (ends_with(s, w)) {
          s.resize(s.size() - w.size());
          moved = true;
          break;
        }
    }
    return s;
  }

  // The text of the rate's clause before it (45 bytes when it has no clause).
  static std::string_view clause_before(const ArticleInput& ai, const RateAt& x) {
    std::string_view t = ai.article->blocks[x.block].text.text;
    auto p = place_of(ai, x.block, x.fact.begin);
    uint32_t from = p.clause ? p.clause->begin : (x.fact.begin > 45 ? x.fact.begin - 45 : 0);
    if (from >= x.fact.begin) return {};
    return t.substr(from, x.fact.begin - from);
  }

  // The whole a Chinese share names: "" when bare ("X占45%"), nullopt when it is no share.
  std::optional<std::string> zh_whole(const ArticleInput& ai, const RateAt& x) const {
    auto pre = clause_before(ai, x);
    for (const auto& w : complete)
      if (starts_with(pre, w)) return std::string();
    std::string head = strip_links(std::string(pre));
    if (ends_with(head, "占比") || ends_with(head, "占")) return std::string();
    if (ends_with(head, "的")) {
      auto z = head.find("占");
      if (z != std::string::npos) {
        size_t from = z + 3, to = head.size() - 3;  // between 占 and 的
        return from < to ? head.substr(from, to - from) : std::string();
      }
    }
    return std::nullopt;
  }

  bool breakdown(const ArticleInput& ai, const std::vector<const RateAt*>& rates,
                 std::string_view sentence, uint32_t sentence_begin) const {
    std::string_view t = ai.article->blocks[rates[0]->block].text.text;
    if (contains(sentence, "分别") || contains(ascii_lower(sentence), "respectively")) return false;
    for (size_t i = 1; i < rates.size(); ++i) {
      uint32_t from = rates[i - 1]->fact.end, to = rates[i]->fact.begin;
      if (from < to && contains(t.substr(from, to - from), "其中")) return false;
    }
    if (ai.article->language != "zh") {
      uint32_t to = rates[0]->fact.begin;
      std::string head =
          sentence_begin < to ? ascii_lower(t.substr(sentence_begin, to - sentence_begin)) : "";
      return find_any(head, verbs) != nullptr;
    }
    std::optional<std::string> whole;
    for (const auto* x : rates) {
      auto w = zh_whole(ai, *x);
      if (!w) return false;
      if (!w->empty()) {
        if (whole && *whole != *w) return false;
        whole = *w;
      }
    }
    if (find_any(sentence, partition)) return true;
    // Without a word that says the parts partition the whole, sibling categories share their
    // head (民事案件/刑事案件, 男性/女性); overlapping ones (农民工/女性/青年) do not.
    std::string head;
    for (const auto* x : rates) {
      auto pre = clause_before(ai, *x);
      auto z = pre.find("占");
      std::string_view subject =
          z == std::string_view::npos ? std::string_view() : pre.substr(0, z);
      if (subject.size() < 3) return false;
      auto h = subject.substr(subject.size() - 3);
      if (!head.empty() && head != h) return false;
      head = std::string(h);
    }
    return true;
  }

  void run(YamlRun& r) const override {
    for (const auto& ai : r.in.articles) {
      if (!r.applies(ai.index)) continue;
      // Shares by sentence, in the order each sentence's first share comes.
      std::vector<std::pair<std::pair<size_t, int>, std::vector<const RateAt*>>> groups;
      for (const auto* x : in_reading_order(ai.facts->rates)) {
        if (x->fact.unit != facts::RateUnit::Percent || !x->fact.relation.empty()) continue;
        auto p = place_of(ai, x->block, x->fact.begin);
        if (p.sentence_index < 0) continue;
        std::pair<size_t, int> key{x->block, p.sentence_index};
        auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const auto& g) { return g.first == key; });
        if (it == groups.end()) {
          groups.push_back({key, {}});
          it = groups.end() - 1;
        }
        it->second.push_back(x);
      }
      for (const auto& g : groups) check(r, ai, g.second);
    }
  }

  void check(YamlRun& r, const ArticleInput& ai, const std::vector<const RateAt*>& rates) const {
    if (rates.size() < 2) return;
    const auto& first = *rates[0];
    std::string_view t = ai.article->blocks[first.block].text.text;
    auto p = place_of(ai, first.block, first.fact.begin);
    std::string_view sentence = t.substr(p.sentence->begin, p.sentence->end - p.sentence->begin);
    if (!breakdown(ai, rates, sentence, p.sentence->begin)) return;
    // Distinct subjects (ending in 率) are measures of different things.
    std::vector<const std::string*> subjects;
    for (const auto* x : rates)
      if (!x->fact.subject.empty() &&
          std::none_of(subjects.begin(), subjects.end(),
                       [&](const std::string* s) { return *s == x->fact.subject; }))
        subjects.push_back(&x->fact.subject);
    if (subjects.size() >= 2) return;
    double lo = 0, hi = 0, slack = 0;
    for (const auto* x : rates) {
      const auto& n = x->fact.number;
      lo += std::isinf(n.lo) ? -HUGE_VAL : n.lo;
      hi += std::isinf(n.hi) ? HUGE_VAL : n.hi;
      slack += 0.5 * std::pow(10.0, -static_cast<double>(n.decimals));
    }
    const auto& last = *rates.back();
    bool whole_list = find_any(ascii_lower(sentence), complete) != nullptr;
    if (lo > 100 + slack)
      r.emit_span(ai.index, last.span, {{"sum", arith_format(lo, 2)}});
    else if (whole_list && hi < 100 - slack)
      r.emit_finding(ai.index, last.span,
                     r.worded(short_message, ai.index, {{"sum", arith_format(hi, 2)}}));
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_partition(const RuleNode& root) {
  auto c = std::make_unique<PartitionCheck>();
  c->verbs = word_list(root, "verbs");
  c->complete = word_list(root, "complete");
  c->partition = word_list(root, "partition");
  c->links = word_list(root, "links");
  if (!root["short_message"]) throw YamlError{root.Mark(), "missing 'short_message'"};
  c->short_message = texts(root["short_message"], "short_message");
  return c;
}

}  // namespace tally::rules
