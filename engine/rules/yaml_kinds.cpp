#include "rules/yaml_kinds.hpp"

#include <algorithm>

#include "rules/lua_rules.hpp"
#include "rules/yaml_kind.hpp"
#include "text/utf8.hpp"

namespace tally::rules {

// Each kind's file (yaml_NAME.cpp) defines its parse function.
std::unique_ptr<const YamlCheck> parse_pattern(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_substitution(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_pair(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_repetition(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_consistency(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_fact(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_breakdown(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_enumeration(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_weekday(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_elapsed(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_age(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_change(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_rate(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_range(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_restatement(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_partition(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_ranking(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_future(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_sequence(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_halfwidth(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_fragment(const RuleNode&);
std::unique_ptr<const YamlCheck> parse_repair(const RuleNode&);

const std::vector<YamlKind>& yaml_kinds() {
  static const std::vector<YamlKind> kinds = {
      {"pattern", {"pattern", "must_match", "unless", "fix"}, Scope::Sentence, parse_pattern},
      {"substitution", {"swap", "ignore_case", "word"}, Scope::Sentence, parse_substitution},
      {"pair", {"pairs"}, Scope::Sentence, parse_pair},
      {"repetition", {"token", "between"}, Scope::Sentence, parse_repetition},
      {"consistency", {"forms"}, Scope::Article, parse_consistency},
      {"fact", {"fact", "where"}, Scope::Article, parse_fact},
      // Arithmetic over the relation facts, evaluated natively (docs/rules.md).
      {"breakdown", {"compare"}, Scope::Article, parse_breakdown},
      {"enumeration", {"related_label", "min_items"}, Scope::Article, parse_enumeration},
      {"weekday", {}, Scope::Article, parse_weekday},
      {"elapsed", {}, Scope::Article, parse_elapsed},
      {"age", {}, Scope::Article, parse_age},
      {"change", {"tolerance", "multiples"}, Scope::Article, parse_change},
      {"rate", {"conventional", "ties", "part_label", "whole_label"}, Scope::Article, parse_rate},
      {"range",
       {"min", "max", "subjects", "marker", "marker_unless", "groups", "verbs"},
       Scope::Article,
       parse_range},
      {"restatement",
       {"headline", "related_label", "scale_message"},
       Scope::Article,
       parse_restatement},
      {"partition",
       {"verbs", "complete", "partition", "links", "short_message"},
       Scope::Article,
       parse_partition},
      {"ranking", {"cues", "ascending", "measures"}, Scope::Article, parse_ranking},
      {"future", {"past_words", "plan_words", "range_marks"}, Scope::Article, parse_future},
      {"sequence",
       {"unanchored", "unanchored_with_month", "next_words", "unanchored_message"},
       Scope::Article,
       parse_sequence},
      // Typography and layout repairs, evaluated natively over the logical text.
      {"halfwidth",
       {"marks", "group_min", "group_share", "paren_message", "group_message", "merge_message"},
       Scope::Article,
       parse_halfwidth},
      {"fragment", {"max_chars", "max_bytes"}, Scope::Article, parse_fragment},
      {"repair", {"repair"}, Scope::Article, parse_repair},
  };
  return kinds;
}

const YamlKind* find_yaml_kind(std::string_view name) {
  for (const auto& k : yaml_kinds())
    if (k.name == name) return &k;
  return nullptr;
}

std::string yaml_kind_names() {
  std::string out;
  for (const auto& k : yaml_kinds()) (out += out.empty() ? "" : ", ") += k.name;
  return out;
}

const std::vector<Unit>& YamlRun::units() {
  if (!have_units_) {
    units_ = units_of(in, rule.scope);
    have_units_ = true;
  }
  return units_;
}

bool YamlRun::applies(int a) const {
  if (rule.languages.empty()) return true;
  return std::find(rule.languages.begin(), rule.languages.end(), article(a).language) !=
         rule.languages.end();
}

void YamlRun::emit(const Piece& p, uint32_t lb, uint32_t le, const Vars& vars,
                   const std::string* replacement) {
  emit_span(p.article, text_of(p).to_original(lb, le), vars, replacement);
}

void YamlRun::emit_span(int a, Span s, const Vars& vars, const std::string* replacement,
                        std::vector<report::Related> related) {
  if (emitted >= kMaxFindingsPerRule) {
    ++dropped;
    return;
  }
  ++emitted;
  report::Finding f;
  f.rule = rule.info.id;
  f.severity = rule.info.severity;
  f.message = fill(pick_language(rule.info.message, message_language(a)), vars);
  f.span = s;
  f.article = a;
  f.related = std::move(related);
  // A replacement across a line break would re-wrap the column; offer it within a line only.
  std::string_view orig = in.bytes.substr(s.begin, s.size());
  if (replacement && orig.find('\n') == std::string_view::npos)
    f.fix = report::Fix{s, *replacement, {}};
  out.push_back(std::move(f));
}

report::Finding* YamlRun::emit_finding(int a, Span s, std::string message,
                                       std::optional<report::Fix> fix) {
  if (emitted >= kMaxFindingsPerRule) {
    ++dropped;
    return nullptr;
  }
  ++emitted;
  report::Finding f;
  f.rule = rule.info.id;
  f.severity = rule.info.severity;
  f.message = std::move(message);
  f.span = s;
  f.article = a;
  f.fix = std::move(fix);
  out.push_back(std::move(f));
  return &out.back();
}

void for_each_match(const RE2& re, const std::string& text, const Piece& p,
                    const std::function<void(uint32_t, uint32_t, const Vars&)>& f) {
  int ng = std::min(re.NumberOfCapturingGroups(), 9);
  std::vector<re2::StringPiece> g(ng + 1);
  re2::StringPiece whole(text);
  size_t pos = p.lbegin;
  while (pos <= p.lend && re.Match(whole, pos, p.lend, RE2::UNANCHORED, g.data(), ng + 1)) {
    auto b = static_cast<uint32_t>(g[0].data() - text.data());
    auto e = static_cast<uint32_t>(b + g[0].size());
    Vars vars{{"match", std::string(g[0].data(), g[0].size())}};
    for (int i = 1; i <= ng; ++i) vars[std::to_string(i)] = std::string(g[i].data(), g[i].size());
    f(b, e, vars);
    if (e > pos) {
      pos = e;
    } else {  // an empty match: step over one character
      auto d = text::decode_at(text, pos);
      pos += d.size ? d.size : 1;
    }
  }
}

size_t run_yaml_rule(const YamlRule& rule, const DocumentInput& in,
                     std::vector<report::Finding>& out) {
  YamlRun run{rule, in, out};
  rule.check->run(run);
  return run.dropped;
}

}  // namespace tally::rules
