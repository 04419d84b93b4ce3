#include "rules/yaml_rule.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "config/yaml_load.hpp"
#include "rules/requirements.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

namespace {

// The keys every kind shares; each kind adds its own (yaml_kinds()).
const std::set<std::string> kCommon = {"id",    "severity", "message",   "description", "link",
                                       "scope", "kind",     "languages", "example",     "requires"};

// An unknown key, or another kind's key, is an error at the key.
void check_keys(const YAML::Node& root, const YamlKind& kind) {
  for (const auto& kv : root) {
    auto key = kv.first.as<std::string>();
    if (kCommon.count(key)) continue;
    auto owns = [&](const YamlKind& k) {
      return std::find(k.keys.begin(), k.keys.end(), key) != k.keys.end();
    };
    if (owns(kind)) continue;
    bool other_kind = std::any_of(yaml_kinds().begin(), yaml_kinds().end(), owns);
    throw YamlError{kv.first.Mark(), other_kind ? "key '" + key + "' does not belong to kind '" +
                                                      std::string(kind.name) + "'"
                                                : "unknown key '" + key + "'"};
  }
}

YamlRule parse_rule(const YAML::Node& root, const std::string& path) {
  if (!root.IsMap()) throw YamlError{root.Mark(), "a rule must be a mapping of keys"};
  YamlRule r;
  r.info.file = path;
  r.info.line = root.Mark().line + 1;
  if (!root["kind"]) throw YamlError{root.Mark(), "missing 'kind'"};
  std::string kind_name = scalar(root["kind"], "kind");
  const YamlKind* kind = find_yaml_kind(kind_name);
  if (!kind)
    throw YamlError{root["kind"].Mark(),
                    "unknown kind '" + kind_name + "' (" + yaml_kind_names() + ")"};
  r.info.kind = kind_name;
  check_keys(root, *kind);
  if (!root["id"]) throw YamlError{root.Mark(), "missing 'id'"};
  r.info.id = scalar(root["id"], "id");
  static const RE2 id_re(R"([a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*)");
  if (!RE2::FullMatch(r.info.id, id_re))
    throw YamlError{root["id"].Mark(), "id '" + r.info.id + "' must be dotted lowercase words"};
  if (root["severity"]) {
    auto s = parse_severity(scalar(root["severity"], "severity"));
    if (!s) throw YamlError{root["severity"].Mark(), "severity must be error, warning or info"};
    r.info.severity = *s;
  }
  if (!root["message"]) throw YamlError{root.Mark(), "missing 'message'"};
  r.info.message = texts(root["message"], "message");
  if (root["description"]) r.info.description = texts(root["description"], "description");
  if (root["link"]) r.info.link = scalar(root["link"], "link");
  if (root["example"]) r.info.example = scalar(root["example"], "example");
  r.scope = kind->default_scope;
  if (root["scope"]) {
    auto s = parse_scope(scalar(root["scope"], "scope"));
    if (!s)
      throw YamlError{
          root["scope"].Mark(),
          "scope must be document, article, headline, paragraph, sentence, quote or caption"};
    r.scope = *s;
  }
  if (auto l = root["languages"]) {
    if (!l.IsSequence()) throw YamlError{l.Mark(), "'languages' must be a list (zh, en)"};
    for (const auto& x : l) {
      auto v = scalar(x, "languages");
      if (v != "zh" && v != "en") throw YamlError{x.Mark(), "language must be zh or en"};
      r.languages.push_back(v);
    }
  }
  if (auto q = root["requires"]) {
    if (!q.IsScalar() && !q.IsSequence())
      throw YamlError{q.Mark(), "'requires' must be a name or a list of names"};
    std::vector<YAML::Node> names;
    if (q.IsScalar())
      names.push_back(q);
    else
      for (const auto& x : q) names.push_back(x);
    for (const auto& x : names) {
      auto v = scalar(x, "requires");
      if (!find_requirement(v))
        throw YamlError{x.Mark(),
                        "unknown requirement '" + v + "' (known: " + requirement_names() + ")"};
      r.info.needs.push_back(v);
    }
  }
  r.check = kind->parse(root);
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
    } catch (const YamlError& f) {
      std::string id = d.IsMap() && d["id"] && d["id"].IsScalar() ? d["id"].as<std::string>() : "";
      out.errors.push_back({path, f.mark.line + 1, f.mark.column + 1, id, f.message});
    } catch (const YAML::Exception& e) {
      out.errors.push_back({path, e.mark.line + 1, e.mark.column + 1, "", e.msg});
    }
  }
  return out;
}

}  // namespace tally::rules
