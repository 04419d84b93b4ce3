// Start-up: the shipped YAML rules load from trees parsed at build time (rules/embedded_yaml.hpp)
// only for the exact text each tree came from, and give the same rules, errors, warnings and
// findings as yaml-cpp's parse of the text; RuleNode reads a tree as a const YAML::Node does.
#include <yaml-cpp/yaml.h>

#include <boost/test/unit_test.hpp>

#include "parse/parse.hpp"
#include "rules/checker.hpp"
#include "rules/embedded.hpp"
#include "rules/embedded_yaml.hpp"
#include "rules/yaml_rule.hpp"
#include "text/source.hpp"

using namespace tally;

namespace {

bool is_rule_yaml(const std::string& p) {
  auto ends = [&](std::string_view s) {
    return p.size() >= s.size() && p.compare(p.size() - s.size(), s.size(), s) == 0;
  };
  return ends(".yaml") && !ends(".test.yaml");
}

std::vector<rules::RuleTree> parsed_by_yaml_cpp(const std::string& text) {
  std::vector<rules::RuleTree> out;
  for (const auto& d : YAML::LoadAll(text)) out.push_back(rules::to_rule_tree(d));
  return out;
}

std::string str(const rules::RuleError& e) {
  return e.str() + " [" + e.rule + "]";
}

std::vector<std::string> strs(const std::vector<rules::RuleError>& v) {
  std::vector<std::string> out;
  for (const auto& e : v) out.push_back(str(e));
  return out;
}

// Every field of two rules, one by one.
void same_rule(const rules::YamlRule& a, const rules::YamlRule& b) {
  BOOST_TEST(a.info.id == b.info.id);
  BOOST_TEST((a.info.severity == b.info.severity));
  BOOST_TEST((a.info.message == b.info.message));
  BOOST_TEST((a.info.description == b.info.description));
  BOOST_TEST(a.info.link == b.info.link);
  BOOST_TEST(a.info.kind == b.info.kind);
  BOOST_TEST(a.info.file == b.info.file);
  BOOST_TEST(a.info.line == b.info.line);
  BOOST_TEST(a.info.example == b.info.example);
  BOOST_TEST(a.info.needs == b.info.needs, boost::test_tools::per_element());
  BOOST_TEST(a.info.default_off == b.info.default_off);
  BOOST_TEST(a.info.default_hint == b.info.default_hint);
  BOOST_TEST((a.info.default_reason == b.info.default_reason));
  BOOST_TEST(static_cast<int>(a.scope) == static_cast<int>(b.scope));
  BOOST_TEST(a.languages == b.languages, boost::test_tools::per_element());
  BOOST_TEST(bool(a.check) == bool(b.check));
}

std::vector<std::string> findings_of(std::shared_ptr<const rules::RuleSet> set,
                                     const std::string& bytes) {
  auto src = text::make_source("t.txt", bytes);
  auto doc = parse::parse_document(*src.source);
  rules::Checker checker(std::move(set));
  std::vector<std::string> out;
  for (const auto& f : checker.check(doc, bytes, {}).findings) {
    out.push_back(f.rule + "@" + std::to_string(f.span.begin) + "-" + std::to_string(f.span.end) +
                  ":" + f.message);
    for (const auto& r : f.related)
      out.back() += " |" + std::to_string(r.span.begin) + ":" + r.label;
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(startup_yaml)

BOOST_AUTO_TEST_CASE(every_shipped_yaml_file_has_the_tree_yaml_cpp_parses) {
  size_t n = 0;
  for (const auto& f : rules::embedded_files()) {
    std::string path = f.path;
    if (!is_rule_yaml(path)) continue;
    ++n;
    std::string source(f.data, f.size);
    BOOST_TEST_CONTEXT(path) {
      std::vector<rules::RuleTree> docs;
      BOOST_TEST(rules::embedded_yaml_trees(path, source, docs));
      BOOST_TEST((docs == parsed_by_yaml_cpp(source)));
      // A tree is tied to its exact text: one byte more and the text is parsed instead.
      BOOST_TEST(!rules::embedded_yaml_trees(path, source + " ", docs));
    }
  }
  BOOST_TEST(n >= 15u);
  std::vector<rules::RuleTree> docs;
  BOOST_TEST(!rules::embedded_yaml_trees("no/such.yaml", "x: 1", docs));
}

BOOST_AUTO_TEST_CASE(trees_and_yaml_cpp_load_the_same_rules_field_by_field) {
  size_t rules_seen = 0;
  for (const auto& f : rules::embedded_files()) {
    std::string rel = f.path;
    if (!is_rule_yaml(rel)) continue;
    std::string path = std::string(rules::kEmbeddedRoot) + "/" + rel, text(f.data, f.size);
    auto a = rules::load_shipped_yaml(path, rel, text);
    auto b = rules::load_yaml_rules(path, text, true);
    BOOST_TEST_CONTEXT(rel) {
      BOOST_TEST(strs(a.errors) == strs(b.errors), boost::test_tools::per_element());
      BOOST_TEST(strs(a.warnings) == strs(b.warnings), boost::test_tools::per_element());
      BOOST_REQUIRE(a.rules.size() == b.rules.size());
      for (size_t i = 0; i < a.rules.size(); ++i) same_rule(a.rules[i], b.rules[i]);
      rules_seen += a.rules.size();
    }
  }
  BOOST_TEST(rules_seen >= 15u);
}

BOOST_AUTO_TEST_CASE(trees_and_yaml_cpp_give_the_same_findings) {
  auto loaded = std::make_shared<rules::RuleSet>(rules::load_rules({}, true));
  BOOST_TEST(loaded->errors.empty());
  // The same set with every shipped YAML rule compiled from yaml-cpp's parse of its text.
  auto text = std::make_shared<rules::RuleSet>(*loaded);
  std::map<std::string, rules::YamlRule> by_id;
  for (const auto& f : rules::embedded_files())
    if (is_rule_yaml(f.path))
      for (auto& r : rules::load_yaml_rules(std::string(rules::kEmbeddedRoot) + "/" + f.path,
                                            std::string(f.data, f.size), true)
                         .rules)
        by_id.emplace(r.info.id, std::move(r));
  for (auto& r : text->yaml) {
    auto it = by_id.find(r.info.id);
    BOOST_REQUIRE(it != by_id.end());
    BOOST_TEST(r.check != it->second.check);  // compiled apart
    r = it->second;
  }
  for (const char* name :
       {"zh-page-wrapped.txt", "en-lines.txt", "zh-lines.txt", "en-draft.md", "zh-draft.md"}) {
    auto r = text::load_file(std::string(TALLY_SOURCE_DIR) + "/samples/" + name);
    BOOST_REQUIRE(r.source);
    std::string bytes(r.source->bytes);
    auto expected = findings_of(text, bytes);
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(!expected.empty());
      BOOST_TEST(findings_of(loaded, bytes) == expected, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(the_compact_form_keeps_every_node_and_refuses_a_broken_one) {
  const std::string text =
      "a: &x [1, \"two\", ~]\n"
      "b: *x\n"
      "? [k]\n"
      ": !custom v\n"
      "c: 'quoted'\n"
      "d:\n"
      "---\n"
      "- 中文: 值\n"
      "...\n";
  auto docs = parsed_by_yaml_cpp(text);
  BOOST_REQUIRE(docs.size() == 2u);
  auto code = rules::encode_rule_trees(docs);
  std::vector<rules::RuleTree> back;
  BOOST_TEST(rules::decode_rule_trees(code, back));
  BOOST_TEST((back == docs));
  for (size_t cut = 0; cut < code.size(); ++cut)
    BOOST_TEST(!rules::decode_rule_trees(std::string_view(code).substr(0, cut), back));
  BOOST_TEST(!rules::decode_rule_trees(code + "x", back));
}

// What the kinds read of a node (types, marks, tags, conversions, missing keys, exceptions),
// from RuleNode and from yaml-cpp's own node of the same text.
BOOST_AUTO_TEST_CASE(a_rule_node_reads_as_a_yaml_node) {
  const std::string text =
      "s: plain\n"
      "q: \"true\"\n"
      "b: yes\n"
      "n: ~\n"
      "e:\n"
      "f: 1.5e3\n"
      "i: .inf\n"
      "l: [a, b]\n"
      "m: {k: v}\n";
  const YAML::Node y = YAML::Load(text);
  auto tree = rules::to_rule_tree(y);
  rules::RuleNode r(tree);
  auto what = [](const auto& f) -> std::string {
    try {
      return "= " + f();
    } catch (const YAML::Exception& e) {
      return "! " + std::to_string(e.mark.line) + ":" + std::to_string(e.mark.column) + " " + e.msg;
    }
  };
  for (std::string key : {"s", "q", "b", "n", "e", "f", "i", "l", "m", "missing"}) {
    BOOST_TEST_CONTEXT(key) {
      const YAML::Node yn = y[key];
      const rules::RuleNode rn = r[key];
      BOOST_TEST(bool(yn) == bool(rn));
      BOOST_TEST(what([&] { return std::to_string(yn.Type()); }) ==
                 what([&] { return std::to_string(rn.Type()); }));
      BOOST_TEST(what([&] { return yn.Tag(); }) == what([&] { return rn.Tag(); }));
      BOOST_TEST(what([&] { return std::to_string(yn.Mark().pos); }) ==
                 what([&] { return std::to_string(rn.Mark().pos); }));
      BOOST_TEST(what([&] { return std::to_string(yn.size()); }) ==
                 what([&] { return std::to_string(rn.size()); }));
      BOOST_TEST(what([&] { return yn.as<std::string>(); }) ==
                 what([&] { return rn.as<std::string>(); }));
      BOOST_TEST(what([&] { return std::to_string(yn.as<bool>()); }) ==
                 what([&] { return std::to_string(rn.as<bool>()); }));
      BOOST_TEST(what([&] { return std::to_string(yn.as<double>()); }) ==
                 what([&] { return std::to_string(rn.as<double>()); }));
      BOOST_TEST(what([&] { return std::to_string(bool(yn["k"])); }) ==
                 what([&] { return std::to_string(bool(rn["k"])); }));
      BOOST_TEST(what([&] { return std::to_string(bool(yn[0])); }) ==
                 what([&] { return std::to_string(bool(rn[0])); }));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
