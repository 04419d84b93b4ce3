#include "rules/yaml_node.hpp"

namespace tally::rules {

std::string scalar(const RuleNode& n, const std::string& key) {
  if (!n.IsScalar()) throw YamlError{n.Mark(), "'" + key + "' must be a string"};
  return n.as<std::string>();
}

std::shared_ptr<RE2> regex(const RuleNode& n, const std::string& key, bool ignore_case) {
  std::string src = scalar(n, key);
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive(!ignore_case);
  auto re = std::make_shared<RE2>(src, o);
  if (!re->ok())
    throw YamlError{n.Mark(), "'" + key + "' is not a valid RE2 pattern: " + re->error()};
  return re;
}

std::map<std::string, std::string> texts(const RuleNode& n, const std::string& key) {
  std::map<std::string, std::string> out;
  if (n.IsScalar()) {
    out[""] = n.as<std::string>();
    return out;
  }
  if (!n.IsMap())
    throw YamlError{n.Mark(), "'" + key + "' must be a string or a map of zh/en texts"};
  for (const auto& kv : n.pairs()) {
    auto lang = kv.first.as<std::string>();
    if (lang != "zh" && lang != "en")
      throw YamlError{kv.first.Mark(),
                      "'" + key + "' has texts for zh and en only, not '" + lang + "'"};
    out[lang] = scalar(kv.second, key + "." + lang);
  }
  return out;
}

bool flag(const RuleNode& n, const std::string& key) {
  try {
    return n.as<bool>();
  } catch (const YAML::BadConversion&) {
    throw YamlError{n.Mark(), "'" + key + "' must be true or false"};
  }
}

}  // namespace tally::rules
