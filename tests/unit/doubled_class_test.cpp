// The pre-test of kind: repetition: which token patterns it reads, and the doubles it finds.
#include "rules/doubled_class.hpp"

#include <boost/test/unit_test.hpp>

using namespace tally::rules;

BOOST_AUTO_TEST_CASE(doubled_class_reads_literal_classes_only) {
  auto c = doubled_class_of("[。，a-c-]");
  BOOST_REQUIRE(c);
  BOOST_REQUIRE_EQUAL(c->ranges.size(), 4u);
  BOOST_CHECK(c->ranges[0] == std::make_pair(U'。', U'。'));
  BOOST_CHECK(c->ranges[1] == std::make_pair(U'，', U'，'));
  BOOST_CHECK(c->ranges[2] == std::make_pair(U'a', U'c'));
  BOOST_CHECK(c->ranges[3] == std::make_pair(U'-', U'-'));
  BOOST_CHECK(c->lead[0xE3] && c->lead[0xEF] && c->lead['a'] && c->lead['b'] && c->lead['-']);
  BOOST_CHECK(!c->lead['d'] && !c->lead[0xE4]);
  for (const char* p : {"[^,]", "[\\d]", "[[:alpha:]]", "[]", "a", "[a]b", "(?i)[a]", "[c-a]"})
    BOOST_CHECK_MESSAGE(!doubled_class_of(p), p);
}

BOOST_AUTO_TEST_CASE(doubled_class_finds_a_member_twice_in_a_row) {
  auto c = doubled_class_of("[。，,;]");
  BOOST_REQUIRE(c);
  BOOST_CHECK(has_doubled("他说，，好", *c));
  BOOST_CHECK(has_doubled("a,,", *c));
  BOOST_CHECK(!has_doubled("他说，。好", *c));  // two members, not the same
  BOOST_CHECK(!has_doubled("谢谢2000年", *c));  // doubles that are not members
  BOOST_CHECK(!has_doubled("，", *c));
  BOOST_CHECK(!has_doubled(std::string_view("\xEF\xBC\x8C\xEF\xBC", 5), *c));  // cut short
  auto wide = doubled_class_of("[一-龥]");
  BOOST_REQUIRE(wide);
  BOOST_CHECK(has_doubled("常常", *wide));
  BOOST_CHECK(!has_doubled("常见", *wide));
}
