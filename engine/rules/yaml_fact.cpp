// kind: fact. Every fact record of type `fact` (docs/facts.md) whose fields satisfy all the
// `where` conditions is reported, with the record's fields as placeholders ("{value}",
// "{normalized.unit}", "{lo}", "{hi}").
#include <algorithm>
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

// Reads records as facts::fact_records makes them, but keeps only the members the conditions
// read (by their first key) and tests each record as it ends: the records of an article as a
// JSON array, a std::map of every field of every date, were most of the kind's time, and few
// records match.
struct Probe : facts::RecordSink {
  Probe(const std::vector<std::string>& k, const std::vector<Condition>& w) : keys(k), where(w) {}
  const std::vector<std::string>& keys;
  const std::vector<Condition>& where;
  std::vector<size_t> matched;  // indices of the records that satisfy every condition
  size_t records = 0;
  nlohmann::json rec;
  std::vector<nlohmann::json*> open;
  int skipping = 0;  // depth within a member left out

  bool wanted(const char* key) const {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
  }
  // Where the value of `key` goes, as JsonSink places it; null when it is left out.
  nlohmann::json* slot(const char* key) {
    if (skipping) return nullptr;
    nlohmann::json& top = *open.back();
    if (top.is_array()) {
      top.push_back(nullptr);
      return &top.back();
    }
    if (open.size() == 1 && !wanted(key)) return nullptr;
    return &top[key];
  }
  void begin_record(facts::RecordKind, const char* type) override {
    rec = nlohmann::json::object();
    open = {&rec};
    skipping = 0;
    if (wanted("type")) rec["type"] = type;
  }
  void end_record() override {
    if (fact_matches(rec, where)) matched.push_back(records);
    ++records;
    open.clear();
  }
  void begin(const char* key, nlohmann::json empty) {
    if (skipping) {
      ++skipping;
      return;
    }
    nlohmann::json* s = slot(key);
    if (!s) {
      skipping = 1;
      return;
    }
    *s = std::move(empty);
    open.push_back(s);
  }
  void end() {
    if (skipping)
      --skipping;
    else
      open.pop_back();
  }
  void begin_object(const char* key) override { begin(key, nlohmann::json::object()); }
  void end_object() override { end(); }
  void begin_array(const char* key) override { begin(key, nlohmann::json::array()); }
  void end_array() override { end(); }
  template <typename T>
  void put(const char* key, T&& v) {
    if (auto* s = slot(key)) *s = std::forward<T>(v);
  }
  void null(const char* key) override { put(key, nullptr); }
  void boolean(const char* key, bool v) override { put(key, v); }
  void integer(const char* key, int64_t v) override { put(key, v); }
  void number(const char* key, double v) override { put(key, v); }
  void string(const char* key, std::string_view v) override {
    if (auto* s = slot(key)) *s = std::string(v);
  }
  void span(const char* key, Span sp) override {
    if (auto* s = slot(key)) *s = {{"begin", sp.begin}, {"end", sp.end}};
  }
  void interval(const char* key, double lo, double hi) override {
    auto end = [](double v) { return std::isinf(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
    if (auto* s = slot(key)) *s = {end(lo), end(hi)};
  }
};

struct FactCheck : YamlCheck {
  std::string type;
  std::vector<Condition> where;
  std::vector<std::string> keys;  // the records' members the conditions read

  void run(YamlRun& r) const override {
    for (const auto& ai : r.in.articles) {
      if (!r.applies(ai.index)) continue;
      Probe probe(keys, where);
      facts::emit_records(*ai.article, *ai.facts, probe, type);
      if (probe.matched.empty()) continue;
      auto records = facts::fact_records(*ai.article, *ai.facts, type);
      for (size_t i : probe.matched) {
        const auto& rec = records[i];
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
  for (const auto& cond : c->where) {
    c->keys.push_back(cond.field.substr(0, cond.field.find('.')));
    // "lo" and "hi" are read from "interval" when the record has no such member.
    if (cond.field == "lo" || cond.field == "hi") c->keys.push_back("interval");
  }
  return c;
}

}  // namespace tally::rules
