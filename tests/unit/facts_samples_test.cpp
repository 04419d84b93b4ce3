// No fact is invented: the exact number of facts of each kind in every sample. A change that adds
// noise (or loses a fact) changes a count here.
#include <boost/test/unit_test.hpp>
#include <map>

#include "facts/extract.hpp"
#include "parse/parse.hpp"
#include "text/source.hpp"

using namespace tally;

namespace {

std::map<std::string, size_t> kinds(const std::string& rel) {
  auto r = text::load_file(std::string(TALLY_SOURCE_DIR) + "/samples/" + rel);
  BOOST_REQUIRE(r.source);
  auto doc = parse::parse_document(*r.source);
  std::map<std::string, size_t> c;
  for (const auto& f : facts::extract_document_facts(doc)) {
    c["number"] += f.numbers.size();
    c["quantity"] += f.quantities.size();
    c["ordinal"] += f.ordinals.size();
    c["rate"] += f.rates.size();
    c["date"] += f.dates.size();
    c["count"] += f.claims.size();
    c["list"] += f.lists.size();
    c["link"] += f.links.size();
    c["pair"] += f.pairs.size();
    c["unpaired"] += f.unpaired.size();
  }
  for (auto it = c.begin(); it != c.end();) it = it->second ? std::next(it) : c.erase(it);
  return c;
}

using M = std::map<std::string, size_t>;

}  // namespace

BOOST_AUTO_TEST_SUITE(facts_in_samples)

BOOST_AUTO_TEST_CASE(exact_counts_per_kind) {
  BOOST_TEST((kinds("clean-zh.txt") == M{{"count", 1}, {"date", 1}, {"pair", 1}, {"quantity", 3}}));
  BOOST_TEST((kinds("en-draft.md") == M{{"count", 1},
                                        {"date", 1},
                                        {"link", 1},
                                        {"list", 1},
                                        {"number", 1},
                                        {"quantity", 2},
                                        {"rate", 1},
                                        {"unpaired", 1}}));
  BOOST_TEST((kinds("en-lines.txt") == M{{"number", 1}, {"quantity", 3}, {"rate", 2}}));
  BOOST_TEST(
      (kinds("zh-draft.md") ==
       M{{"count", 2}, {"link", 1}, {"list", 1}, {"pair", 4}, {"quantity", 6}, {"rate", 1}}));
  BOOST_TEST((kinds("zh-lines.txt") == M{{"count", 2}, {"date", 1}, {"pair", 1}, {"quantity", 7}}));
  BOOST_TEST((kinds("zh-page-wrapped.txt") == M{{"count", 1},
                                                {"date", 1},
                                                {"link", 1},
                                                {"list", 2},
                                                {"pair", 2},
                                                {"quantity", 6},
                                                {"rate", 1},
                                                {"unpaired", 1}}));
}

BOOST_AUTO_TEST_CASE(spans_point_at_the_fact_in_the_file) {
  auto r = text::load_file(std::string(TALLY_SOURCE_DIR) + "/samples/zh-page-wrapped.txt");
  BOOST_REQUIRE(r.source);
  const auto& bytes = r.source->bytes;
  auto doc = parse::parse_document(*r.source);
  auto f = facts::extract_document_facts(doc);
  BOOST_REQUIRE(f.size() == 2u);
  BOOST_REQUIRE(f[0].rates.size() == 1u);
  auto s = f[0].rates[0].span;
  BOOST_TEST(bytes.substr(s.begin, s.size()) == "32%");
  BOOST_TEST(f[0].rates[0].fact.subject == "调解和解");
  // "调\n解和解案件298件" is wrapped in the file; the quantity still maps to its own bytes.
  BOOST_REQUIRE(f[0].quantities.size() >= 3u);
  auto q = f[0].quantities[2].span;
  BOOST_TEST(bytes.substr(q.begin, q.size()) == "298件");
  BOOST_REQUIRE(f[0].links.size() == 1u);
  const auto& list = f[0].lists[f[0].links[0].list].fact;
  BOOST_TEST(list.items.size() == 4u);
  BOOST_TEST(f[0].claims[f[0].links[0].claim].fact.count == 3);
  BOOST_REQUIRE(f[1].blocks.size() > 3u);
  BOOST_TEST(f[1].unpaired.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
