#include "rules/rule_meta.hpp"

#include <re2/re2.h>

#include <filesystem>

#include "findings/families.hpp"
#include "rules/embedded.hpp"
#include "rules/requirements.hpp"

namespace tally::rules {

namespace {

bool shipped(const std::string& path) {
  std::string root = std::string(kEmbeddedRoot) + "/";
  return path.compare(0, root.size(), root) == 0;
}

// Texts by language: one text for every language (""), or zh and en only.
std::map<std::string, std::string> read_texts(const MetaReader& in, const std::string& key) {
  std::map<std::string, std::string> out;
  for (const auto& [lang, text] : in.texts(key)) {
    if (!lang.empty() && lang != "zh" && lang != "en")
      in.fail(key + "." + lang, "'" + key + "' has texts for zh and en only, not '" + lang + "'");
    out[lang] = text;
  }
  return out;
}

// "rules/FAMILY/NAME.yaml" for FAMILY.NAME: what the id says against where the file is.
std::string placement_problem(const std::string& id, const std::string& path) {
  std::filesystem::path p(path);
  std::string stem = p.filename().string();
  stem = stem.substr(0, stem.find('.'));
  std::string here = p.parent_path().filename().string() + "/" + stem;
  std::string home = home_of(id);
  if (here == home) return "";
  return "id '" + id + "' belongs in " + home + p.extension().string() + ", not " + here +
         p.extension().string() + " (a rule's id names its folder and file)";
}

}  // namespace

const std::vector<std::string>& meta_keys() {
  static const std::vector<std::string> keys = {"id",          "severity", "message",
                                                "description", "link",     "example",
                                                "requires",    "default",  "default_reason"};
  return keys;
}

std::string home_of(const std::string& id) {
  auto dot = id.find('.');
  if (dot == std::string::npos) return "";
  return id.substr(0, dot) + "/" + id.substr(dot + 1);
}

std::vector<std::string> read_rule_meta(const MetaReader& in, RuleInfo& info) {
  std::vector<std::string> warnings;
  bool strict = shipped(info.file);
  if (!in.has("id")) in.fail("", "missing 'id'");
  info.id = in.text("id");
  // family.name: lowercase words, the family first; more dots are allowed after it.
  static const RE2 id_re(R"([a-z][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+)");
  if (!RE2::FullMatch(info.id, id_re))
    in.fail("id", "id '" + info.id + "' must be family.name in dotted lowercase words");
  std::string family(family_of(info.id));
  if (!find_family(family)) {
    std::string problem =
        "id '" + info.id + "': family '" + family + "' is not declared (" + family_ids() + ")";
    if (strict) in.fail("id", problem);
    warnings.push_back(problem);
  }
  if (auto problem = placement_problem(info.id, info.file); !problem.empty()) {
    if (strict) in.fail("id", problem);
    warnings.push_back(problem);
  }
  if (in.has("severity")) {
    auto s = parse_severity(in.text("severity"));
    if (!s) in.fail("severity", "severity must be error, warning or info");
    info.severity = *s;
  }
  if (in.has("message")) info.message = read_texts(in, "message");
  if (in.has("description")) info.description = read_texts(in, "description");
  if (in.has("link")) info.link = in.text("link");
  if (in.has("example")) info.example = in.text("example");
  if (in.has("requires"))
    for (const auto& need : in.names("requires")) {
      if (!find_requirement(need))
        in.fail("requires",
                "unknown requirement '" + need + "' (known: " + requirement_names() + ")");
      info.needs.push_back(need);
    }
  if (in.has("default")) {
    // YAML reads `off` as false: both spellings are accepted.
    auto v = in.text("default");
    if (v == "off" || v == "false")
      info.default_off = true;
    else if (v == "hint")
      info.default_hint = true;
    else if (v != "on" && v != "true")
      in.fail("default", "default must be on, off or hint");
  }
  // A hint runs at severity info, whatever `severity` says (the reason tells why).
  if (info.default_hint) info.severity = report::Severity::Info;
  bool reasoned = info.default_off || info.default_hint;
  if (in.has("default_reason")) {
    if (!reasoned) in.fail("default_reason", "default_reason goes with default: off or hint");
    info.default_reason = read_texts(in, "default_reason");
  } else if (reasoned) {
    in.fail("default", std::string("a rule that is ") + (info.default_off ? "off" : "a hint") +
                           " by default says why in default_reason: {zh, en}");
  }
  return warnings;
}

}  // namespace tally::rules
