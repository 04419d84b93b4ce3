// The fact kinds are listed once (engine/facts/kinds.def); what names them elsewhere is derived
// from that list or, for the docs a person writes, checked against it here.
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

#include "facts/kinds.hpp"

using namespace tally;

BOOST_AUTO_TEST_SUITE(fact_kinds)

BOOST_AUTO_TEST_CASE(types_accepted_are_the_registry_s) {
  BOOST_TEST(facts::fact_type_list() ==
             "number, quantity, ordinal, rank, rate, date, count, list, pair, unpaired");
  for (const auto& k : facts::kFactKinds) BOOST_TEST(facts::is_fact_type(k.type));
  BOOST_TEST(facts::is_fact_type("rank"));
  BOOST_TEST(!facts::is_fact_type("numbers"));  // a Lua list's name, not a record type
  BOOST_TEST(!facts::is_fact_type(""));
  BOOST_TEST(facts::fact_kind(facts::RecordKind::Count).lua_list == "counts");
}

BOOST_AUTO_TEST_CASE(docs_describe_every_kind) {
  std::ifstream in(std::string(TALLY_SOURCE_DIR) + "/docs/facts.md");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string doc = ss.str();
  for (const auto& k : facts::kFactKinds) {
    for (auto type : {k.type, k.also})
      if (!type.empty())
        BOOST_TEST(doc.find("| `" + std::string(type) + "`") != std::string::npos,
                   "docs/facts.md has no row for fact type " << type);
    BOOST_TEST(doc.find("`" + std::string(k.lua_list) + "`") != std::string::npos,
               "docs/facts.md does not name the Lua list " << k.lua_list);
  }
}

BOOST_AUTO_TEST_SUITE_END()
