// kind: range. A rate that names a share of a whole cannot lie outside [`min`, `max`] (a pass
// rate, a share of respondents: 0 to 100). Growth and completion rates can exceed 100, so only
// rates in percent with no relation (增长, "up") that read as shares are checked:
//   Chinese: the rate's subject holds one of `subjects` (合格, 满意, 占比…), or `marker` (占) is
//            in the 30 bytes before it without `marker_unless` (增);
//   English: "N% of (the|all) G" with G one of `groups` (respondents, voters…), or the 24 bytes
//            before it end with one of `verbs` followed by a space ("make up", "account for").
// Placeholders: {text}, {value}, {min}, {max}.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "rules/yaml_arith.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool contains(std::string_view text, std::string_view word) {
  return text.find(word) != std::string_view::npos;
}

bool ends_with(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

// The ASCII letters at the start of `s` ("%a+").
std::string_view letters(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && std::isalpha(static_cast<unsigned char>(s[n]))) ++n;
  return s.substr(0, n);
}

struct RangeCheck : YamlCheck {
  double min = 0, max = 100;
  std::vector<std::string> subjects, verbs;
  std::set<std::string, std::less<>> groups;
  std::string marker, marker_unless;

  bool is_share(const ArticleInput& ai, const facts::At<facts::Rate>& x) const {
    const auto& rate = x.fact;
    if (rate.unit != facts::RateUnit::Percent || !rate.relation.empty()) return false;
    std::string_view t = ai.article->blocks[x.block].text.text;
    if (ai.article->language == "zh") {
      for (const auto& w : subjects)
        if (!rate.subject.empty() && contains(rate.subject, w)) return true;
      auto before = text_before(t, rate.begin, 30);
      return !marker.empty() && contains(before, marker) &&
             (marker_unless.empty() || !contains(before, marker_unless));
    }
    std::string after = lower(t.substr(rate.end, 30));
    std::string_view group;
    for (std::string_view lead : {" of the ", " of all ", " of "})
      if (after.rfind(lead, 0) == 0 &&
          !letters(std::string_view(after).substr(lead.size())).empty()) {
        group = letters(std::string_view(after).substr(lead.size()));
        break;
      }
    if (!group.empty() && groups.count(group)) return true;
    std::string before = lower(text_before(t, rate.begin, 24));
    return std::any_of(verbs.begin(), verbs.end(),
                       [&](const std::string& v) { return ends_with(before, v + " "); });
  }

  void run(YamlRun& r) const override {
    for (const auto& ai : r.in.articles) {
      if (!r.applies(ai.index)) continue;
      for (const auto& x : ai.facts->rates) {
        const auto& n = x.fact.number;
        double lo = std::isinf(n.lo) ? -HUGE_VAL : n.lo, hi = std::isinf(n.hi) ? HUGE_VAL : n.hi;
        if (!(lo > max || hi < min) || !is_share(ai, x)) continue;
        const auto& t = ai.article->blocks[x.block].text.text;
        r.emit_span(ai.index, x.span,
                    {{"text", t.substr(x.fact.begin, x.fact.end - x.fact.begin)},
                     {"value", format_number(n.value, 4)},
                     {"min", format_number(min, 4)},
                     {"max", format_number(max, 4)}});
      }
    }
  }
};

std::vector<std::string> words(const RuleNode& root, const std::string& key) {
  std::vector<std::string> out;
  const RuleNode n = root[key];
  if (!n) return out;
  if (!n.IsSequence()) throw YamlError{n.Mark(), "'" + key + "' must be a list of words"};
  for (const auto& w : n.items()) out.push_back(scalar(w, key));
  return out;
}

}  // namespace

std::unique_ptr<const YamlCheck> parse_range(const RuleNode& root) {
  auto c = std::make_unique<RangeCheck>();
  c->min = number_key(root, "min", 0);
  c->max = number_key(root, "max", 100);
  c->subjects = words(root, "subjects");
  c->verbs = words(root, "verbs");
  for (auto& g : words(root, "groups")) c->groups.insert(g);
  if (root["marker"]) c->marker = scalar(root["marker"], "marker");
  if (root["marker_unless"]) c->marker_unless = scalar(root["marker_unless"], "marker_unless");
  return c;
}

}  // namespace tally::rules
