#include "rules/yaml_rule.hpp"

#include <algorithm>
#include <set>

#include "config/yaml_load.hpp"
#include "rules/embedded_yaml.hpp"
#include "rules/rule_meta.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

namespace {

// The keys every kind shares besides the metadata (meta_keys()); each kind adds its own.
const std::set<std::string> kCommon = {"scope", "kind", "languages"};

// A rule's metadata keys as rule_meta.cpp reads them, failing at the key's line and column.
class YamlMeta : public MetaReader {
 public:
  explicit YamlMeta(const RuleNode& root) : root_(root) {}
  bool has(const std::string& key) const override { return bool(root_[key]); }
  std::string text(const std::string& key) const override { return scalar(root_[key], key); }
  std::vector<std::pair<std::string, std::string>> texts(const std::string& key) const override {
    const RuleNode n = root_[key];
    if (n.IsScalar()) return {{"", n.as<std::string>()}};
    if (!n.IsMap())
      throw YamlError{n.Mark(), "'" + key + "' must be a string or a map of zh/en texts"};
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& kv : n.pairs()) {
      auto lang = scalar(kv.first, key);
      out.emplace_back(lang, scalar(kv.second, key + "." + lang));
    }
    return out;
  }
  std::vector<std::string> names(const std::string& key) const override {
    const RuleNode q = root_[key];
    if (!q.IsScalar() && !q.IsSequence())
      throw YamlError{q.Mark(), "'" + key + "' must be a name or a list of names"};
    if (q.IsScalar()) return {q.as<std::string>()};
    std::vector<std::string> out;
    for (const auto& x : q.items()) out.push_back(scalar(x, key));
    return out;
  }
  [[noreturn]] void fail(const std::string& key, const std::string& message) const override {
    throw YamlError{mark_of(key), message};
  }

 private:
  // The mark of "key" or "key.sub" (at the sub-key itself), else of the rule.
  YAML::Mark mark_of(const std::string& key) const {
    auto dot = key.find('.');
    const RuleNode n = root_[key.substr(0, dot)];
    if (key.empty() || !n) return root_.Mark();
    if (dot != std::string::npos && n.IsMap())
      for (const auto& kv : n.pairs())
        if (kv.first.as<std::string>() == key.substr(dot + 1)) return kv.first.Mark();
    return n.Mark();
  }
  const RuleNode& root_;
};

// An unknown key, or another kind's key, is an error at the key.
void check_keys(const RuleNode& root, const YamlKind& kind) {
  for (const auto& kv : root.pairs()) {
    auto key = kv.first.as<std::string>();
    if (kCommon.count(key)) continue;
    if (std::find(meta_keys().begin(), meta_keys().end(), key) != meta_keys().end()) continue;
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

YamlRule parse_rule(const RuleNode& root, const std::string& path,
                    std::vector<std::string>& warnings) {
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
  for (auto& w : read_rule_meta(YamlMeta(root), r.info)) warnings.push_back(std::move(w));
  if (!root["message"]) throw YamlError{root.Mark(), "missing 'message'"};
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
    for (const auto& x : l.items()) {
      auto v = scalar(x, "languages");
      if (v != "zh" && v != "en") throw YamlError{x.Mark(), "language must be zh or en"};
      r.languages.push_back(v);
    }
  }
  r.check = kind->parse(root);
  return r;
}

}  // namespace

YamlLoad load_yaml_rules(const std::string& path, const std::string& text, bool shipped) {
  std::vector<RuleTree> docs;
  try {
    for (const auto& d : shipped ? YAML::LoadAll(text) : config::load_all_yaml(text))
      docs.push_back(to_rule_tree(d));
  } catch (const YAML::Exception& e) {
    YamlLoad out;
    out.errors.push_back({path, e.mark.line + 1, e.mark.column + 1, "", e.msg});
    return out;
  }
  return load_yaml_trees(path, docs);
}

YamlLoad load_shipped_yaml(const std::string& path, std::string_view rel, const std::string& text) {
  std::vector<RuleTree> docs;
  if (embedded_yaml_trees(rel, text, docs)) return load_yaml_trees(path, docs);
  return load_yaml_rules(path, text, true);
}

YamlLoad load_yaml_trees(const std::string& path, const std::vector<RuleTree>& docs) {
  YamlLoad out;
  for (const auto& tree : docs) {
    RuleNode d(tree);
    if (d.IsNull()) continue;
    try {
      std::vector<std::string> warnings;
      out.rules.push_back(parse_rule(d, path, warnings));
      for (const auto& w : warnings)
        out.warnings.push_back(
            {path, d.Mark().line + 1, d.Mark().column + 1, out.rules.back().info.id, w});
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
