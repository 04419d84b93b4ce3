// kind: fact. Every fact record of type `fact` (docs/facts.md) whose fields satisfy all the
// `where` conditions is reported, with the record's fields as placeholders ("{value}",
// "{normalized.unit}", "{lo}", "{hi}").
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "facts/kinds.hpp"
#include "facts/records.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

namespace {

// One condition of a `fact` rule: a field compared with a value.
struct Condition {
  std::string field;  // "value", "normalized.unit"
  enum Op { Eq, Ne, Lt, Le, Gt, Ge, Matches, IsNull, OneOf } op = Eq;
  nlohmann::json value;     // what Eq/Ne/OneOf compare with, or the number for Lt…Ge
  std::shared_ptr<RE2> re;  // for Matches
};

Condition condition(const std::string& field, const RuleNode& n) {
  Condition c;
  c.field = field;
  if (n.IsNull()) {
    c.op = Condition::IsNull;
    return c;
  }
  if (n.IsSequence()) {
    c.op = Condition::OneOf;
    c.value = nlohmann::json::array();
    for (const auto& v : n.items()) c.value.push_back(v.as<std::string>());
    return c;
  }
  if (!n.IsScalar())
    throw YamlError{n.Mark(), "condition on '" + field + "' must be a value or a list"};
  std::string s = n.as<std::string>();
  if (n.Tag() != "!" && (s == "true" || s == "false")) {
    c.value = s == "true";
    return c;
  }
  static const std::pair<const char*, Condition::Op> ops[] = {
      {">=", Condition::Ge}, {"<=", Condition::Le}, {"!=", Condition::Ne},    {"==", Condition::Eq},
      {">", Condition::Gt},  {"<", Condition::Lt},  {"~", Condition::Matches}};
  for (auto [sym, op] : ops) {
    std::string_view sv(sym);
    if (s.compare(0, sv.size(), sv) != 0) continue;
    std::string rest = s.substr(sv.size());
    rest.erase(0, rest.find_first_not_of(' '));
    c.op = op;
    if (op == Condition::Matches) {
      RE2::Options o;
      o.set_log_errors(false);
      c.re = std::make_shared<RE2>(rest, o);
      if (!c.re->ok()) throw YamlError{n.Mark(), "'~ " + rest + "' is not a valid RE2 pattern"};
      return c;
    }
    char* end = nullptr;
    double v = std::strtod(rest.c_str(), &end);
    if (rest.empty() || *end != '\0') {
      if (op == Condition::Eq || op == Condition::Ne) {
        c.value = rest;
        return c;
      }
      throw YamlError{n.Mark(), "'" + s + "' compares with something that is not a number"};
    }
    c.value = v;
    return c;
  }
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  c.value = (!s.empty() && *end == '\0' && n.Tag() != "!") ? nlohmann::json(v) : nlohmann::json(s);
  return c;
}

const nlohmann::json* field(const nlohmann::json& rec, const std::string& path) {
  const nlohmann::json* cur = &rec;
  size_t start = 0;
  while (start <= path.size()) {
    auto dot = path.find('.', start);
    std::string key =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!cur->is_object() || !cur->contains(key)) return nullptr;
    cur = &(*cur)[key];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return cur;
}

void flatten(const nlohmann::json& j, const std::string& prefix, Vars& vars) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    std::string k = prefix + it.key();
    const auto& v = it.value();
    if (v.is_string())
      vars[k] = v.get<std::string>();
    else if (v.is_number())
      vars[k] = format_number(v.get<double>(), 4);
    else if (v.is_boolean())
      vars[k] = v.get<bool>() ? "true" : "false";
    else if (v.is_object() && prefix.empty())
      flatten(v, k + ".", vars);
  }
}

// True when `record` (a fact record) satisfies every condition.
bool fact_matches(const nlohmann::json& rec, const std::vector<Condition>& where) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  for (const auto& cond : where) {
    const nlohmann::json* v = field(rec, cond.field);
    nlohmann::json derived;
    if (!v && (cond.field == "lo" || cond.field == "hi") && rec.contains("interval")) {
      const auto& iv = rec["interval"][cond.field == "lo" ? 0 : 1];
      derived = iv.is_null() ? (cond.field == "lo" ? -kInf : kInf) : iv.get<double>();
      v = &derived;
    }
    if (cond.op == Condition::IsNull) {
      if (v && !v->is_null()) return false;
      continue;
    }
    if (!v || v->is_null()) {
      if (cond.op == Condition::Ne) continue;
      return false;
    }
    auto equal = [&](const nlohmann::json& want) {
      if (want.is_number() && v->is_number()) return v->get<double>() == want.get<double>();
      if (want.is_string() && v->is_number())
        return format_number(v->get<double>(), 6) == want.get<std::string>();
      return *v == want;
    };
    switch (cond.op) {
      case Condition::Eq:
        if (!equal(cond.value)) return false;
        break;
      case Condition::Ne:
        if (equal(cond.value)) return false;
        break;
      case Condition::OneOf: {
        bool any = false;
        for (const auto& x : cond.value) any |= equal(x);
        if (!any) return false;
        break;
      }
      case Condition::Matches:
        if (!v->is_string() || !RE2::PartialMatch(v->get<std::string>(), *cond.re)) return false;
        break;
      default: {
        if (!v->is_number()) return false;
        double x = v->get<double>(), y = cond.value.get<double>();
        bool ok = cond.op == Condition::Lt   ? x < y
                  : cond.op == Condition::Le ? x <= y
                  : cond.op == Condition::Gt ? x > y
                                             : x >= y;
        if (!ok) return false;
      }
    }
  }
  return true;
}

struct FactCheck : YamlCheck {
  std::string type;
  std::vector<Condition> where;

  void run(YamlRun& r) const override {
    for (const auto& ai : r.in.articles) {
      if (!r.applies(ai.index)) continue;
      for (const auto& rec : facts::fact_records(*ai.article, *ai.facts, type)) {
        if (!fact_matches(rec, where)) continue;
        Vars vars;
        flatten(rec, "", vars);
        if (rec.contains("interval")) {
          const auto& iv = rec["interval"];
          vars["lo"] = iv[0].is_null() ? "-∞" : format_number(iv[0].get<double>(), 4);
          vars["hi"] = iv[1].is_null() ? "∞" : format_number(iv[1].get<double>(), 4);
        }
        Span s{rec["span"]["begin"].get<uint32_t>(), rec["span"]["end"].get<uint32_t>()};
        r.emit_span(ai.index, s, vars);
      }
    }
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_fact(const RuleNode& root) {
  auto c = std::make_unique<FactCheck>();
  if (!root["fact"]) throw YamlError{root.Mark(), "kind 'fact' needs 'fact' (a fact type)"};
  c->type = scalar(root["fact"], "fact");
  if (!facts::is_fact_type(c->type))
    throw YamlError{root["fact"].Mark(),
                    "unknown fact type '" + c->type + "' (one of " + facts::fact_type_list() + ")"};
  if (auto w = root["where"]) {
    if (!w.IsMap()) throw YamlError{w.Mark(), "'where' must map fields to conditions"};
    for (const auto& kv : w.pairs())
      c->where.push_back(condition(kv.first.as<std::string>(), kv.second));
  }
  return c;
}

}  // namespace tally::rules
