// text::json_too_deep: nesting counted outside strings only, escapes included, in one pass.
#include "text/json_depth.hpp"

#include <boost/test/unit_test.hpp>
#include <string>

using namespace tally;

BOOST_AUTO_TEST_SUITE(json_depth)

BOOST_AUTO_TEST_CASE(levels_are_counted_outside_strings) {
  BOOST_TEST(!text::json_too_deep(R"({"a": [[1], {"b": 2}]})", 3));
  BOOST_TEST(text::json_too_deep(R"({"a": [[[1]]]})", 3).value() == 8);
  // Brackets and escaped quotes inside strings do not count.
  BOOST_TEST(!text::json_too_deep(R"({"a": "[[[[\"[[[["})", 1));
  BOOST_TEST(!text::json_too_deep(R"({"a": "\\"}, {"b": 1})", 1));
  // Closing brackets without openers, and text that is not JSON, are no problem.
  BOOST_TEST(!text::json_too_deep("]]]}}} [", 1));
  std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
  BOOST_TEST(text::json_too_deep(deep).value() == text::kMaxJsonDepth);
}

BOOST_AUTO_TEST_SUITE_END()
