// Things listed once: the fact kinds (engine/facts/kinds.def) and the YAML rule kinds
// (engine/rules/yaml_kinds.cpp). What names them elsewhere is derived from those lists or, for
// the docs a person writes, checked against them here.
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

#include "facts/kinds.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_rule.hpp"

using namespace tally;

namespace {

std::string read_doc(const std::string& name) {
  std::ifstream in(std::string(TALLY_SOURCE_DIR) + "/docs/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(registries)

BOOST_AUTO_TEST_CASE(types_accepted_are_the_registry_s) {
  BOOST_TEST(facts::fact_type_list() ==
             "number, quantity, ordinal, rank, rate, date, count, list, pair, unpaired, breakdown, "
             "restatement, elapsed, age, share, change");
  for (const auto& k : facts::kFactKinds) BOOST_TEST(facts::is_fact_type(k.type));
  BOOST_TEST(facts::is_fact_type("rank"));
  BOOST_TEST(!facts::is_fact_type("numbers"));  // a Lua list's name, not a record type
  BOOST_TEST(!facts::is_fact_type(""));
  BOOST_TEST(facts::fact_kind(facts::RecordKind::Count).lua_list == "counts");
}

BOOST_AUTO_TEST_CASE(docs_describe_every_kind) {
  const std::string doc = read_doc("facts.md");
  for (const auto& k : facts::kFactKinds) {
    for (auto type : {k.type, k.also})
      if (!type.empty())
        BOOST_TEST(doc.find("| `" + std::string(type) + "`") != std::string::npos,
                   "docs/facts.md has no row for fact type " << type);
    BOOST_TEST(doc.find("`" + std::string(k.lua_list) + "`") != std::string::npos,
               "docs/facts.md does not name the Lua list " << k.lua_list);
  }
}

BOOST_AUTO_TEST_CASE(yaml_kinds_named_from_one_table) {
  BOOST_TEST(rules::yaml_kind_names() ==
             "pattern, substitution, pair, repetition, consistency, fact, breakdown, "
             "enumeration, weekday, elapsed, age, change, rate, range, restatement, partition, "
             "ranking, future, sequence, halfwidth, fragment, repair");
  auto r = rules::load_yaml_rules("r.yaml", "id: a.b\nkind: regex\nmessage: m\n");
  BOOST_REQUIRE(r.errors.size() == 1u);
  BOOST_TEST(r.errors[0].message == "unknown kind 'regex' (" + rules::yaml_kind_names() + ")");
  const std::string doc = read_doc("rules.md");
  std::string listed;
  for (const auto& k : rules::yaml_kinds()) {
    (listed += listed.empty() ? "" : ", ") += "`" + std::string(k.name) + "`";
    BOOST_TEST(doc.find("### `" + std::string(k.name) + "`") != std::string::npos,
               "docs/rules.md has no section for kind " << k.name);
  }
  BOOST_TEST(doc.find("| `kind` | yes | " + listed + " |") != std::string::npos,
             "docs/rules.md's row for `kind` does not list " << listed);
}

BOOST_AUTO_TEST_SUITE_END()
