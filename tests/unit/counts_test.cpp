// Count claims, enumerations and their links.
#include "facts/counts.hpp"

#include <boost/test/unit_test.hpp>

#include "facts/find_text.hpp"

using namespace tally::facts;

namespace tally::facts {
std::ostream& operator<<(std::ostream& os, LinkEvidence e) {
  return os << link_evidence_name(e);
}
}  // namespace tally::facts

namespace {

CountFacts counts(const std::string& t) {
  return find_counts(t, find_quantities(t, find_numbers(t)).quantities, split_sentences(t));
}

std::string sub(const std::string& t, uint32_t b, uint32_t e) {
  return t.substr(b, e - b);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(count_words)

BOOST_AUTO_TEST_CASE(list_before_count) {
  std::string t = "包头市、呼和浩特市、巴彦淖尔市三地检察机关建立公益诉讼检察协作机制7个。";
  auto f = counts(t);
  BOOST_REQUIRE(f.claims.size() == 2u);  // "三地" and "7个"
  BOOST_TEST(sub(t, f.claims[0].begin, f.claims[0].end) == "三地");
  BOOST_TEST(f.claims[0].count == 3);
  BOOST_REQUIRE(f.lists.size() == 1u);
  BOOST_REQUIRE(f.lists[0].items.size() == 3u);
  BOOST_TEST(sub(t, f.lists[0].items[0].first, f.lists[0].items[0].second) == "包头市");
  BOOST_TEST(sub(t, f.lists[0].items[2].first, f.lists[0].items[2].second) == "巴彦淖尔市");
  BOOST_REQUIRE(f.links.size() == 2u);
  BOOST_TEST(f.links[0].evidence == LinkEvidence::ListBefore);
  BOOST_TEST(f.links[0].strong);
  BOOST_TEST(f.links[1].evidence == LinkEvidence::SameSentence);  // "7个": only a weak link
  BOOST_TEST(!f.links[1].strong);
}

BOOST_AUTO_TEST_CASE(four_places_for_three) {
  std::string t = "包头市、呼和浩特市、巴彦淖尔市、鄂尔多斯市三地检察机关建立协作机制。";
  auto f = counts(t);
  BOOST_REQUIRE(!f.links.empty());
  BOOST_TEST(f.links[0].strong);
  BOOST_TEST(f.lists[f.links[0].list].items.size() == 4u);
  BOOST_TEST(f.claims[f.links[0].claim].count == 3);
}

BOOST_AUTO_TEST_CASE(named_set_with_parenthesized_list) {
  std::string t =
      "审判“六个一”特色工作（建立一个联动机制、撰写一份风险防控报告、编辑一套案例汇编书、讲好一堂执"
      "法课、"
      "观摩一场全市行政审判庭审、建立一个法治建设教育基地），以司法的主动作为";
  auto f = counts(t);
  BOOST_REQUIRE(!f.claims.empty());
  BOOST_TEST(sub(t, f.claims[0].begin, f.claims[0].end) == "“六个一”");
  BOOST_TEST(f.claims[0].count == 6);
  BOOST_REQUIRE(f.links.size() >= 1u);
  BOOST_TEST(f.links[0].evidence == LinkEvidence::Parenthesized);
  BOOST_TEST(f.lists[f.links[0].list].items.size() == 6u);
}

BOOST_AUTO_TEST_CASE(open_list) {
  std::string t = "联合当地妇联、关工委等部门建立家庭教育指导工作站。";
  auto f = counts(t);
  BOOST_REQUIRE(f.lists.size() == 1u);
  BOOST_TEST(f.lists[0].open);
  BOOST_TEST(f.lists[0].items.size() == 2u);
}

BOOST_AUTO_TEST_CASE(list_with_conjunction) {
  std::string t = "法律顾问覆盖城区、郊区和园区。";
  auto f = counts(t);
  BOOST_REQUIRE(f.lists.size() == 1u);
  BOOST_TEST(f.lists[0].items.size() == 3u);
  BOOST_TEST(!f.lists[0].open);
}

BOOST_AUTO_TEST_CASE(english_colon_list) {
  std::string t =
      "The plan covers three cities: Springfield, Shelbyville, Ogdenville and North Haverbrook.";
  auto f = counts(t);
  BOOST_REQUIRE(f.claims.size() == 1u);
  BOOST_TEST(f.claims[0].count == 3);
  BOOST_TEST(sub(t, f.claims[0].begin, f.claims[0].end) == "three cities");
  BOOST_REQUIRE(f.links.size() == 1u);
  BOOST_TEST(f.links[0].evidence == LinkEvidence::Colon);
  BOOST_TEST(f.lists[f.links[0].list].items.size() == 4u);
}

// Place counts ("五省") are searched sixteen bytes at a time: the same count at every offset
// from the start, and none in the numerals and places that start no count.
BOOST_AUTO_TEST_CASE(place_count_at_any_offset) {
  for (size_t pad = 0; pad < 40; ++pad) {
    std::string lead(pad, 'x');
    std::string t = lead + "河南、湖北两省";
    auto f = counts(t);
    BOOST_REQUIRE_MESSAGE(f.claims.size() == 1u, pad);
    BOOST_TEST(sub(t, f.claims[0].begin, f.claims[0].end) == "两省", pad);
    BOOST_TEST(f.claims[0].count == 2);
    BOOST_TEST(f.claims[0].place);
    // The count ends the text: its place is the last three bytes.
    std::string u = lead + "俄、白两国。七国集团与第三国、十三五";
    auto g = counts(u);
    BOOST_REQUIRE_MESSAGE(g.claims.size() == 1u, pad);
    BOOST_TEST(sub(u, g.claims[0].begin, g.claims[0].end) == "两国", pad);
  }
}

// Spelled English counts with a list set after them, found in one pass over the text: the same
// claims at every offset, in the order of the words (two before three), never inside a word.
BOOST_AUTO_TEST_CASE(spelled_counts_in_apposition_at_any_offset) {
  for (size_t pad = 0; pad < 24; ++pad) {
    std::string t = std::string(pad, '.') +
                    " Visits by three of them - Paris, Rome and Oslo - and by two of us - Bonn "
                    "and Turin. Attention: lists.";
    auto f = counts(t);
    BOOST_REQUIRE_MESSAGE(f.claims.size() == 2u, pad);
    BOOST_TEST(sub(t, f.claims[0].begin, f.claims[0].end) == "two", pad);
    BOOST_TEST(f.claims[0].count == 2);
    BOOST_TEST(sub(t, f.claims[1].begin, f.claims[1].end) == "three", pad);
    BOOST_REQUIRE(f.links.size() == 2u);
    BOOST_TEST(f.links[0].evidence == LinkEvidence::Apposition);
    BOOST_TEST(f.lists[f.links[0].list].items.size() == 2u);
    BOOST_TEST(f.lists[f.links[1].list].items.size() == 3u);
  }
}

BOOST_AUTO_TEST_CASE(count_without_list_is_not_linked) {
  std::string t = "提出11个方面21项深化发展举措。";
  auto f = counts(t);
  BOOST_TEST(f.claims.size() == 1u);  // 21 is more than a count word names
  BOOST_TEST(f.links.empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(find_text_search)

// find_text gives what std::string_view::find gives: every word, every start, across the
// sixteen-byte steps, at the very end, and not at all.
BOOST_AUTO_TEST_CASE(same_as_find) {
  std::string t;
  for (int i = 0; i < 9; ++i) t += "abc and, x、和 or and\xE3\x80 ";
  t += " and";
  for (std::string_view w :
       {" and ", " and", "and", " or ", "、", "和", "abc", "zzz", "\xE3\x80", "d,", "a", ""}) {
    for (size_t from = 0; from <= t.size() + 1; ++from)
      BOOST_TEST(find_text(t, w, from) == std::string_view(t).find(w, from), w << " @" << from);
  }
}

BOOST_AUTO_TEST_SUITE_END()
