// report::check_fix: the soundness check `tally test-rules` and fuzz_check apply to every finding
// (spans inside the text on character boundaries, edits in order and apart, a fix on what its
// finding points at); and every shipped rule's findings on layout-damaged copy pass it.
#include "findings/fix_check.hpp"

#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>

#include "parse/parse.hpp"
#include "rules/checker.hpp"
#include "rules/rule_set.hpp"
#include "text/source.hpp"

using namespace tally;
using report::check_fix;
using report::Edit;
using report::Finding;
using report::Fix;

namespace {

Finding fixing(uint32_t b, uint32_t e, uint32_t fb, uint32_t fe, const std::string& text) {
  Finding f;
  f.rule = "t.rule";
  f.article = 0;
  f.span = {b, e};
  f.fix = Fix{{fb, fe}, text, {}};
  return f;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fix_check)

BOOST_AUTO_TEST_CASE(a_fix_on_its_finding_is_sound) {
  std::string text = "包头,呼和浩特";  // "," at byte 6
  Span all{0, static_cast<uint32_t>(text.size())};
  BOOST_TEST(check_fix(text, fixing(6, 7, 6, 7, "，"), all) == "");
  // An insertion just after the finding, or a deletion of all of it, is on it too.
  BOOST_TEST(check_fix(text, fixing(6, 7, 7, 7, "x"), all) == "");
  BOOST_TEST(check_fix(text, fixing(0, 6, 0, 6, ""), all) == "");
  Finding none = fixing(6, 7, 6, 7, "");
  none.fix.reset();
  BOOST_TEST(check_fix(text, none, all) == "");
}

BOOST_AUTO_TEST_CASE(spans_outside_the_text_or_inside_a_character_are_named) {
  std::string text = "包头,呼和浩特";  // 19 bytes
  Span all{0, 19};
  BOOST_TEST(check_fix(text, fixing(6, 7, 6, 20, ""), all) ==
             "fix edit 1 [6, 20) ends past the text (19 bytes)");
  BOOST_TEST(check_fix(text, fixing(6, 7, 7, 6, ""), all) ==
             "fix edit 1 [7, 6) ends before it begins");
  BOOST_TEST(check_fix(text, fixing(6, 7, 4, 7, ""), all) ==
             "fix edit 1 [4, 7) cuts a UTF-8 character");
  BOOST_TEST(check_fix(text, fixing(1, 7, 6, 7, ""), all) ==
             "finding span [1, 7) cuts a UTF-8 character");
  Finding f = fixing(6, 7, 6, 7, "，");
  f.related.push_back({{7, 40}, "whole", {}});
  BOOST_TEST(check_fix(text, f, all) == "related span [7, 40) ends past the text (19 bytes)");
}

BOOST_AUTO_TEST_CASE(a_fix_away_from_its_finding_is_named_with_both_texts) {
  std::string text = "包头,呼和浩特";
  Span all{0, 19};
  BOOST_TEST(check_fix(text, fixing(6, 7, 7, 10, "呼"), all) == "");  // touching
  BOOST_TEST(check_fix(text, fixing(6, 7, 10, 13, "和"), all) ==
             "fix edit 1 [10, 13) \"和\" is away from the finding [6, 7) \",\"");
  // A related span the finding was computed from may carry the fix.
  Finding f = fixing(6, 7, 10, 13, "和");
  f.related.push_back({{10, 16}, "part", {}});
  BOOST_TEST(check_fix(text, f, all) == "");
}

BOOST_AUTO_TEST_CASE(edits_must_be_in_order_apart_and_within_the_article) {
  std::string text = "会议指出,要坚持;各地要抓好";  // "," at 12, ";" at 22
  Span article{0, static_cast<uint32_t>(text.size())};
  Finding f = fixing(12, 13, 12, 13, "，");
  f.fix->more.push_back({{22, 23}, "；"});
  BOOST_TEST(check_fix(text, f, article) == "");  // marks spread over the article: one finding
  BOOST_TEST(check_fix(text, f, Span{0, 20}) ==
             "fix edit 2 [22, 23) \";\" is outside the finding's article [0, 20)");
  // Edits within the finding's own span are within reach (a paragraph's doubled copy lies past
  // its block's span, which is that of the logical text).
  Finding whole = fixing(0, 23, 12, 13, "，");
  whole.fix->more.push_back({{22, 23}, "；"});
  BOOST_TEST(check_fix(text, whole, Span{0, 20}) == "");
  Finding overlap = fixing(12, 13, 12, 13, "，");
  overlap.fix->more.push_back({{12, 13}, "，"});
  BOOST_TEST(check_fix(text, overlap, article) ==
             "fix edit 2 [12, 13) overlaps or comes before edit 1 [12, 13)");
  Finding away = fixing(0, 3, 12, 13, "，");
  away.fix->more.push_back({{22, 23}, "；"});
  BOOST_TEST(check_fix(text, away, article) ==
             "no edit of the fix meets the finding [0, 3) \"会\"");
}

// Every shipped rule on copy a PDF damaged (doubled bold runs, spread-out characters, wrapped
// lines, column fragments, half-width marks, doubled runs inside spread-out ones): each finding
// and its fix pass the check. fuzz_check asserts the same on arbitrary text.
BOOST_AUTO_TEST_CASE(shipped_rules_give_sound_fixes_on_damaged_copy) {
  rules::Checker checker(std::make_shared<rules::RuleSet>(rules::load_rules({}, true)));
  const char* texts[] = {
      "司法鉴定更司法鉴定更规范，，工作报告。",
      "金 戈 铁 马 守护平安。\n\n金 戈 铁 马金 戈 铁 马\n",
      "万元万元；；共计100人次、100人次。\n司法鉴定\n司法鉴定更规范。",
      "发挥了积极作用。\n\n用。先锋队的党员干警经常深入社区。",
      "发挥了积极作用。 用。先锋队的党员干警经常深入社区。",
      "检察院检察院,,昆都仑区检察院联合办案。包头,呼和浩特(化名)。",
      "会议指出,要坚持问题导向;各地要抓好落实,确保取得实效!会上,三个单位(部门)作了发言。",
      "The bill passed. Passed. It was signed on 2024-02-30, a Friday.",
      "全市共有学校120所，其中小学80所、中学50所，占比达到120%。“他说（很好。",
      "工作报告工作报告\n\n金 戈\n铁 马 守 护\n平安\n",
      "守 护 平 安 靠 大 家\n守 护 平 安 靠 大 家\n",
  };
  for (const char* t : texts) {
    auto loaded = text::make_source("t.txt", t);
    BOOST_REQUIRE(loaded.source);
    const auto& src = *loaded.source;
    auto doc = parse::parse_document(src);
    auto result = checker.check(doc, src.bytes, {});
    for (const auto& f : result.findings) {
      Span reach{0, static_cast<uint32_t>(src.bytes.size())};
      if (f.article >= 0) reach = doc.articles[f.article].extent();
      BOOST_TEST(check_fix(src.bytes, f, reach) == "", f.rule << " in " << t);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
