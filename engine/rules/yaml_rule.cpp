#include "rules/yaml_rule.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "config/yaml_load.hpp"
#include "facts/kinds.hpp"

namespace tally::rules {

namespace {

struct Fail {
  YAML::Mark mark;
  std::string message;
};

const std::set<std::string> kCommon = {"id",    "severity", "message",   "description", "link",
                                       "scope", "kind",     "languages", "example"};
const std::map<std::string, std::set<std::string>> kKindKeys = {
    {"pattern", {"pattern", "must_match", "unless", "fix"}},
    {"substitution", {"swap", "ignore_case", "word"}},
    {"pair", {"pairs"}},
    {"repetition", {"token", "between"}},
    {"consistency", {"forms"}},
    {"fact", {"fact", "where"}},
};

std::string scalar(const YAML::Node& n, const std::string& key) {
  if (!n.IsScalar()) throw Fail{n.Mark(), "'" + key + "' must be a string"};
  return n.as<std::string>();
}

std::shared_ptr<RE2> regex(const YAML::Node& n, const std::string& key, bool ignore_case = false) {
  std::string src = scalar(n, key);
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive(!ignore_case);
  auto re = std::make_shared<RE2>(src, o);
  if (!re->ok()) throw Fail{n.Mark(), "'" + key + "' is not a valid RE2 pattern: " + re->error()};
  return re;
}

// `message: text` for every language, or `message: {zh: …, en: …}`.
std::map<std::string, std::string> texts(const YAML::Node& n, const std::string& key) {
  std::map<std::string, std::string> out;
  if (n.IsScalar()) {
    out[""] = n.as<std::string>();
    return out;
  }
  if (!n.IsMap()) throw Fail{n.Mark(), "'" + key + "' must be a string or a map of zh/en texts"};
  for (const auto& kv : n) {
    auto lang = kv.first.as<std::string>();
    if (lang != "zh" && lang != "en")
      throw Fail{kv.first.Mark(), "'" + key + "' has texts for zh and en only, not '" + lang + "'"};
    out[lang] = scalar(kv.second, key + "." + lang);
  }
  return out;
}

Condition condition(const std::string& field, const YAML::Node& n) {
  Condition c;
  c.field = field;
  if (n.IsNull()) {
    c.op = Condition::IsNull;
    return c;
  }
  if (n.IsSequence()) {
    c.op = Condition::OneOf;
    c.value = nlohmann::json::array();
    for (const auto& v : n) c.value.push_back(v.as<std::string>());
    return c;
  }
  if (!n.IsScalar()) throw Fail{n.Mark(), "condition on '" + field + "' must be a value or a list"};
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
      if (!c.re->ok()) throw Fail{n.Mark(), "'~ " + rest + "' is not a valid RE2 pattern"};
      return c;
    }
    char* end = nullptr;
    double v = std::strtod(rest.c_str(), &end);
    if (rest.empty() || *end != '\0') {
      if (op == Condition::Eq || op == Condition::Ne) {
        c.value = rest;
        return c;
      }
      throw Fail{n.Mark(), "'" + s + "' compares with something that is not a number"};
    }
    c.value = v;
    return c;
  }
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  c.value = (!s.empty() && *end == '\0' && n.Tag() != "!") ? nlohmann::json(v) : nlohmann::json(s);
  return c;
}

YamlRule parse_rule(const YAML::Node& root, const std::string& path) {
  if (!root.IsMap()) throw Fail{root.Mark(), "a rule must be a mapping of keys"};
  YamlRule r;
  r.info.file = path;
  r.info.line = root.Mark().line + 1;
  if (!root["kind"]) throw Fail{root.Mark(), "missing 'kind'"};
  std::string kind = scalar(root["kind"], "kind");
  auto kk = kKindKeys.find(kind);
  if (kk == kKindKeys.end())
    throw Fail{
        root["kind"].Mark(),
        "unknown kind '" + kind + "' (pattern, substitution, pair, repetition, consistency, fact)"};
  r.info.kind = kind;
  for (const auto& kv : root) {
    auto key = kv.first.as<std::string>();
    if (kCommon.count(key) || kk->second.count(key)) continue;
    bool other_kind = false;
    for (const auto& [k, keys] : kKindKeys) other_kind |= keys.count(key) > 0;
    throw Fail{kv.first.Mark(), other_kind
                                    ? "key '" + key + "' does not belong to kind '" + kind + "'"
                                    : "unknown key '" + key + "'"};
  }
  if (!root["id"]) throw Fail{root.Mark(), "missing 'id'"};
  r.info.id = scalar(root["id"], "id");
  static const RE2 id_re(R"([a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*)");
  if (!RE2::FullMatch(r.info.id, id_re))
    throw Fail{root["id"].Mark(), "id '" + r.info.id + "' must be dotted lowercase words"};
  if (root["severity"]) {
    auto s = parse_severity(scalar(root["severity"], "severity"));
    if (!s) throw Fail{root["severity"].Mark(), "severity must be error, warning or info"};
    r.info.severity = *s;
  }
  if (!root["message"]) throw Fail{root.Mark(), "missing 'message'"};
  r.info.message = texts(root["message"], "message");
  if (root["description"]) r.info.description = texts(root["description"], "description");
  if (root["link"]) r.info.link = scalar(root["link"], "link");
  if (root["example"]) r.info.example = scalar(root["example"], "example");
  if (root["scope"]) {
    auto s = parse_scope(scalar(root["scope"], "scope"));
    if (!s)
      throw Fail{
          root["scope"].Mark(),
          "scope must be document, article, headline, paragraph, sentence, quote or caption"};
    r.scope = *s;
  }
  if (auto l = root["languages"]) {
    if (!l.IsSequence()) throw Fail{l.Mark(), "'languages' must be a list (zh, en)"};
    for (const auto& x : l) {
      auto v = scalar(x, "languages");
      if (v != "zh" && v != "en") throw Fail{x.Mark(), "language must be zh or en"};
      r.languages.push_back(v);
    }
  }
  if (kind == "pattern") {
    r.kind = YamlKind::Pattern;
    if (root["pattern"]) r.pattern = regex(root["pattern"], "pattern");
    if (root["must_match"]) r.must_match = regex(root["must_match"], "must_match");
    if (root["unless"]) r.unless = regex(root["unless"], "unless");
    if (root["fix"]) r.fix = scalar(root["fix"], "fix");
    if (!r.pattern && !r.must_match)
      throw Fail{root.Mark(), "kind 'pattern' needs 'pattern' or 'must_match'"};
  } else if (kind == "substitution") {
    r.kind = YamlKind::Substitution;
    auto s = root["swap"];
    if (!s || !s.IsMap() || s.size() == 0)
      throw Fail{s ? s.Mark() : root.Mark(),
                 "kind 'substitution' needs 'swap', a map wrong: right"};
    for (const auto& kv : s)
      r.swap.push_back({scalar(kv.first, "swap"), scalar(kv.second, "swap")});
    std::sort(r.swap.begin(), r.swap.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    bool ic = root["ignore_case"] && root["ignore_case"].as<bool>();
    bool word = root["word"] && root["word"].as<bool>();
    std::string alt;
    for (const auto& [w, _] : r.swap) alt += (alt.empty() ? "" : "|") + RE2::QuoteMeta(w);
    std::string src = word ? "\\b(?:" + alt + ")\\b" : "(?:" + alt + ")";
    RE2::Options o;
    o.set_case_sensitive(!ic);
    r.swap_re = std::make_shared<RE2>(src, o);
  } else if (kind == "pair") {
    r.kind = YamlKind::Pair;
    auto p = root["pairs"];
    if (!p || !p.IsSequence())
      throw Fail{p ? p.Mark() : root.Mark(), "kind 'pair' needs 'pairs', a list of [open, close]"};
    for (const auto& x : p) {
      if (!x.IsSequence() || x.size() != 2)
        throw Fail{x.Mark(), "each pair is a list of two marks: [\"“\", \"”\"]"};
      r.pairs.push_back({scalar(x[0], "pairs"), scalar(x[1], "pairs")});
      if (r.pairs.back().open.empty() || r.pairs.back().close.empty())
        throw Fail{x.Mark(), "a pair's marks cannot be empty"};
    }
  } else if (kind == "repetition") {
    r.kind = YamlKind::Repetition;
    if (!root["token"]) throw Fail{root.Mark(), "kind 'repetition' needs 'token'"};
    r.token = regex(root["token"], "token");
    if (root["between"]) r.between = regex(root["between"], "between");
  } else if (kind == "consistency") {
    r.kind = YamlKind::Consistency;
    auto f = root["forms"];
    if (!f || !f.IsSequence() || f.size() < 2)
      throw Fail{f ? f.Mark() : root.Mark(),
                 "kind 'consistency' needs 'forms', two or more patterns"};
    for (const auto& x : f) r.forms.push_back(regex(x, "forms"));
    if (!root["scope"]) r.scope = Scope::Article;
  } else {
    r.kind = YamlKind::Fact;
    if (!root["fact"]) throw Fail{root.Mark(), "kind 'fact' needs 'fact' (a fact type)"};
    r.fact_type = scalar(root["fact"], "fact");
    if (!facts::is_fact_type(r.fact_type))
      throw Fail{root["fact"].Mark(), "unknown fact type '" + r.fact_type + "' (one of " +
                                          facts::fact_type_list() + ")"};
    if (auto w = root["where"]) {
      if (!w.IsMap()) throw Fail{w.Mark(), "'where' must map fields to conditions"};
      for (const auto& kv : w) r.where.push_back(condition(kv.first.as<std::string>(), kv.second));
    }
    if (!root["scope"]) r.scope = Scope::Article;
  }
  return r;
}

}  // namespace

YamlLoad load_yaml_rules(const std::string& path, const std::string& text) {
  YamlLoad out;
  std::vector<YAML::Node> docs;
  try {
    docs = config::load_all_yaml(text);
  } catch (const YAML::Exception& e) {
    out.errors.push_back({path, e.mark.line + 1, e.mark.column + 1, "", e.msg});
    return out;
  }
  for (const auto& d : docs) {
    if (d.IsNull()) continue;
    try {
      out.rules.push_back(parse_rule(d, path));
    } catch (const Fail& f) {
      std::string id = d.IsMap() && d["id"] && d["id"].IsScalar() ? d["id"].as<std::string>() : "";
      out.errors.push_back({path, f.mark.line + 1, f.mark.column + 1, id, f.message});
    } catch (const YAML::Exception& e) {
      out.errors.push_back({path, e.mark.line + 1, e.mark.column + 1, "", e.msg});
    }
  }
  return out;
}

}  // namespace tally::rules
