// Rule files (and every YAML file Tally reads) nested deeper than kMaxYamlDepth are refused in
// one pass before libyaml sees them (issue 22: 80,000 levels took 41 s to be refused). The time
// is measured by bench/scaling.py, not here.
#include "config/yaml_depth.hpp"

#include <boost/test/unit_test.hpp>
#include <string>

#include "config/yaml_load.hpp"
#include "rules/yaml_rule.hpp"

using namespace tally;

namespace {
std::string repeat(const std::string& s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(yaml_depth)

BOOST_AUTO_TEST_CASE(deep_flow_rule_file_is_refused_with_its_position) {
  std::string deep = "id: deep.rule\nwhen: " + repeat("{a: ", 80000) + "1" + repeat("}", 80000);
  auto r = rules::load_yaml_rules("deep.yaml", deep);
  BOOST_REQUIRE_EQUAL(r.errors.size(), 1u);
  BOOST_TEST(r.errors[0].message == "nesting deeper than 64 levels");
  BOOST_TEST(r.errors[0].line == 2);
  // The top mapping is one level, so the 64th '{' opens the 65th: byte 6 + 63 * 4 of the line
  // ("when: " is 6 bytes, each level 4), column 259.
  BOOST_TEST(r.errors[0].column == 259);
  auto at = config::yaml_too_deep(deep);
  BOOST_REQUIRE(at.has_value());
  BOOST_TEST(at->line == 1u);
  BOOST_TEST(at->column == 258u);
}

BOOST_AUTO_TEST_CASE(deep_block_nesting_is_counted) {
  // "- - - … x": compact sequences, one level each.
  auto seq = config::yaml_too_deep("when:\n  " + repeat("- ", 100) + "x\n");
  BOOST_REQUIRE(seq.has_value());
  BOOST_TEST(seq->line == 1u);
  // Indentation: a mapping 70 levels deep, one line per level.
  std::string nested;
  for (size_t i = 0; i < 70; ++i) nested += std::string(i, ' ') + "k:\n";
  auto ind = config::yaml_too_deep(nested);
  BOOST_REQUIRE(ind.has_value());
  BOOST_TEST(ind->line == 64u);
  BOOST_CHECK_THROW(config::load_yaml(nested), YAML::ParserException);
  // Flow inside block, counted together.
  BOOST_TEST(config::yaml_too_deep(repeat("- ", 40) + repeat("[", 30)).has_value());
  BOOST_TEST(!config::yaml_too_deep(repeat("- ", 30) + repeat("[", 30)).has_value());
}

BOOST_AUTO_TEST_CASE(brackets_in_scalars_comments_and_block_scalars_are_text) {
  std::string many = repeat("[", 200);
  std::string ok =
      "id: a.rule\n"
      "pattern: '" +
      many +
      "'\n"
      "other: \"" +
      many + "\\\"" + many +
      "\"\n"
      "plain: a" +
      many +
      "\n"
      "# " +
      many +
      "\n"
      "message: |\n"
      "  " +
      many + "\n" + "      " + repeat("{", 100) +
      "\n"
      "list: [a, '" +
      many +
      "', {b: c}]\n"
      "multi: 'one\n  " +
      many + "'\n";
  BOOST_TEST(!config::yaml_too_deep(ok).has_value());
  BOOST_TEST(config::load_yaml(ok)["list"][2]["b"].as<std::string>() == "c");
  // Sixty-four levels are allowed, the sixty-fifth is not ("a:" is the first).
  BOOST_TEST(!config::yaml_too_deep("a: " + repeat("[", 63) + repeat("]", 63)).has_value());
  BOOST_TEST(config::yaml_too_deep("a: " + repeat("[", 64) + repeat("]", 64)).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
