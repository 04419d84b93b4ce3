// report::plan_fixes, compose_edits and unified_diff: which fixes are applied when they overlap
// (by position, then rule id), CRLF kept, and a diff that patch reads.
#include "findings/fix_plan.hpp"

#include <boost/test/unit_test.hpp>

#include "findings/unified_diff.hpp"

using namespace tally;
using report::Edit;
using report::Finding;
using report::Fix;

namespace {

Finding fixing(const std::string& rule, uint32_t b, uint32_t e, const std::string& text) {
  Finding f;
  f.rule = rule;
  f.span = {b, e};
  f.fix = Fix{{b, e}, text, {}};
  return f;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fix_plan)

BOOST_AUTO_TEST_CASE(overlapping_fixes_first_by_position_then_rule) {
  std::string text = "abcdef";
  std::vector<Finding> fs = {fixing("z.late", 2, 4, "X"), fixing("b.rule", 1, 3, "Y"),
                             fixing("a.rule", 1, 3, "Z"), fixing("c.rule", 4, 5, "W"),
                             fixing("d.same", 5, 6, "f")};  // changes nothing: not a fix
  auto plan = report::plan_fixes(text, fs);
  BOOST_TEST(plan.applied == (std::vector<size_t>{2, 3}));
  BOOST_REQUIRE(plan.conflicts.size() == 2u);
  BOOST_TEST(plan.conflicts[0].dropped == 1u);  // b.rule: same place as a.rule, later id
  BOOST_TEST(plan.conflicts[0].kept == 2u);
  BOOST_TEST(plan.conflicts[1].dropped == 0u);  // z.late overlaps a.rule
  BOOST_TEST(report::apply_edits(text, plan.edits) == "aZdWf");
  auto only = report::plan_fixes(text, fs, {"b.*"});
  BOOST_TEST(report::apply_edits(text, only.edits) == "aYdef");
}

BOOST_AUTO_TEST_CASE(line_breaks_a_fix_brings_follow_the_file) {
  std::string text = "a,b\r\nc\r\n";
  auto plan = report::plan_fixes(text, {fixing("r", 1, 2, "\n")});
  BOOST_TEST(report::apply_edits(text, plan.edits) == "a\r\nb\r\nc\r\n");
}

BOOST_AUTO_TEST_CASE(two_passes_compose_into_edits_of_the_original) {
  std::string original = "one two three";
  std::vector<Edit> first = {{{0, 3}, "1"}, {{8, 13}, "3"}};
  std::string after = report::apply_edits(original, first);   // "1 two 3"
  std::vector<Edit> second = {{{1, 2}, "_"}, {{2, 5}, "2"}};  // "1_2 3"
  auto total = report::compose_edits(after, first, second);
  BOOST_TEST(report::apply_edits(original, total) == "1_2 3");
  BOOST_TEST(report::apply_edits(after, second) == "1_2 3");
}

BOOST_AUTO_TEST_CASE(diff_hunks_with_context) {
  std::string text = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
  std::vector<Edit> edits = {{{2, 3}, "two"}, {{24, 26}, "twelve"}};
  BOOST_TEST(report::unified_diff("f.txt", text, edits) ==
             "--- f.txt\n+++ f.txt\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
             "@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+twelve\n");
  BOOST_TEST(report::unified_diff("f.txt", text, {}) == "");
  // A line break taken out: the two lines become one.
  BOOST_TEST(report::unified_diff("f.txt", "a\nb\nc\n", {{{1, 2}, ""}}) ==
             "--- f.txt\n+++ f.txt\n@@ -1,3 +1,2 @@\n-a\n-b\n+ab\n c\n");
}

BOOST_AUTO_TEST_SUITE_END()
