// Table-driven tests of number extraction: each row is a text, the number expected in it (as
// written, with its qualifier), its value, interval and precision.
#include "facts/numbers.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>

using namespace tally::facts;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Row {
  const char* text;
  const char* span;  // the number as written, qualifier included
  double value, lo, hi;
  int decimals;
  const char* qualifier;
};

std::ostream& operator<<(std::ostream& os, const Row& r) {
  return os << r.text;
}

const Row rows[] = {
    {"受理反映问题247件", "247", 247, 247, 247, 0, ""},
    {"共 1,234 人", "1,234", 1234, 1234, 1234, 0, ""},
    {"涉及3.06亿元", "3.06亿", 3.06e8, 3.06e8, 3.06e8, 2, ""},
    {"纠错率16.73%", "16.73", 16.73, 16.73, 16.73, 2, ""},
    {"累计 1.2 万余人次参训", "1.2 万余", 12000, 12000, 13000, 1, "余"},
    {"调解各类矛盾纠纷4万余件", "4万余", 40000, 40000, 50000, 0, "余"},
    {"涉及金额 9000 多万元", "9000 多万", 9e7, 9e7, 1e8, 0, "多"},
    {"汇编40余万字的典型案例集", "40余万", 4e5, 4e5, 5e5, 0, "余"},
    {"治理刺萼龙葵3000余亩", "3000余", 3000, 3000, 4000, 0, "余"},
    {"为 60余名未成年人", "60余", 60, 60, 70, 0, "余"},
    {"浏览量超过 5万次", "超过 5万", 50000, 50000, kInf, 0, "超过"},
    {"缩短近30%", "近30", 30, 27, 30, 0, "近"},
    {"开展培训十余次", "十余", 10, 10, 20, 0, "余"},
    {"组织四批次新增", "四", 4, 4, 4, 0, ""},
    {"全县17个乡镇", "17", 17, 17, 17, 0, ""},
    {"三地检察机关", "三", 3, 3, 3, 0, ""},
    {"两地检察机关", "两", 2, 2, 2, 0, ""},
    {"十二个月", "十二", 12, 12, 12, 0, ""},
    {"一百零五件", "一百零五", 105, 105, 105, 0, ""},
    {"二〇二四年", "二〇二四", 2024, 2024, 2024, 0, ""},
    {"四万人", "四万", 40000, 40000, 40000, 0, ""},
    {"第四批外来入侵物种", "四", 4, 4, 4, 0, ""},
    {"数字３件", "３", 3, 3, 3, 0, ""},
    {"about 200 people", "about 200", 200, 180, 220, 0, "about"},
    {"more than 1.2 million readers", "more than 1.2 million", 1.2e6, 1.2e6, kInf, 1, "more than"},
    {"nearly 30 percent", "nearly 30", 30, 27, 30, 0, "nearly"},
    {"挽回经济损失 818.1 万元", "818.1 万", 8181000, 8181000, 8181000, 1, ""},
    {"约 500 人", "约 500", 500, 450, 550, 0, "约"},
    {"不足 10 人", "不足 10", 10, 0, 10, 0, "不足"},
    {"逾 300 家", "逾 300", 300, 300, kInf, 0, "逾"},
    {"twelve people", "twelve", 12, 12, 12, 0, ""},
    {"办理一起未成年人寻衅滋事案时", "一", 1, 1, 1, 0, ""},
    {"推出原创普法剧12 期", "12", 12, 12, 12, 0, ""},
    {"发出检察建议12份", "12", 12, 12, 12, 0, ""},
    {"开展“法治进校园”活动 200 余场次", "200 余", 200, 200, 300, 0, "余"},
    {"直播观看量突破50万人次", "50万", 500000, 500000, 500000, 0, ""},
    {"废止文件12件、修改4件", "12", 12, 12, 12, 0, ""},
    {"about a dozen cases", "about a dozen", 12, 10.8, 13.2, 0, "about"},
    {"three cities", "three", 3, 3, 3, 0, ""},
    {"Twenty years", "Twenty", 20, 20, 20, 0, ""},
    {"30 左右的人", "30 左右", 30, 27, 33, 0, "左右"},
    {"全部 1,000,000 元", "1,000,000", 1e6, 1e6, 1e6, 0, ""},
    {"ＧＤＰ增长１２３件", "１２３", 123, 123, 123, 0, ""},
    {"共１２３４人", "１２３４", 1234, 1234, 1234, 0, ""},
    {"金额三百万元", "三百万", 3e6, 3e6, 3e6, 0, ""},
    {"二十余人参加", "二十余", 20, 20, 30, 0, "余"},
    {"占 0.5%", "0.5", 0.5, 0.5, 0.5, 1, ""},
    {"less than 10 cases", "less than 10", 10, 0, 10, 0, "less than"},
    {"over 300 firms", "over 300", 300, 300, kInf, 0, "over"},
    {"a dozen cases", "a dozen", 12, 12, 12, 0, ""},
    {"forty-two people", "forty-two", 42, 42, 42, 0, ""},
    {"2.5 billion yuan", "2.5 billion", 2.5e9, 2.5e9, 2.5e9, 1, ""},
    {"3 million people", "3 million", 3e6, 3e6, 3e6, 0, ""},
    {"一千二百人", "一千二百", 1200, 1200, 1200, 0, ""},
    {"十万元", "十万", 1e5, 1e5, 1e5, 0, ""},
    {"两千余件", "两千余", 2000, 2000, 3000, 0, "余"},
    {"三十多名干警", "三十多", 30, 30, 40, 0, "多"},
    {"1.5亿人", "1.5亿", 1.5e8, 1.5e8, 1.5e8, 1, ""},
    {"共 0.25 吨", "0.25", 0.25, 0.25, 0.25, 2, ""},
    {"近百名群众", "近百", 100, 90, 100, 0, "近"},
    {"超 2000 人", "超 2000", 2000, 2000, kInf, 0, "超"},
    {"逾千人", "逾千", 1000, 1000, kInf, 0, "逾"},
    {"约十人", "约十", 10, 9, 11, 0, "约"},
    {"不足百人", "不足百", 100, 0, 100, 0, "不足"},
    {"2万多人", "2万多", 20000, 20000, 30000, 0, "多"},
    {"第 3 名", "3", 3, 3, 3, 0, ""},
    {"5 万余元", "5 万余", 50000, 50000, 60000, 0, "余"},
    {"12.50 元", "12.50", 12.5, 12.5, 12.5, 2, ""},
    {"nearly 5,000 pages", "nearly 5,000", 5000, 4500, 5000, 0, "nearly"},
    {"more than twenty", "more than twenty", 20, 20, kInf, 0, "more than"},
    {"one hundred", "one hundred", 100, 100, 100, 0, ""},
    {"一万零一人", "一万零一", 10001, 10001, 10001, 0, ""},
    {"两百件", "两百", 200, 200, 200, 0, ""},
    {"五十五名", "五十五", 55, 55, 55, 0, ""},
    {"九十九个", "九十九", 99, 99, 99, 0, ""},
    {"共 65,000 人", "65,000", 65000, 65000, 65000, 0, ""},
    {"增加至 352 人", "352", 352, 352, 352, 0, ""},
    {"about 1.5 million", "about 1.5 million", 1.5e6, 1.35e6, 1.65e6, 1, "about"},
    // Wire and newspaper money: mln / bln, glued bn, m only after a currency sign.
    {"158.7 mln dlrs", "158.7 mln", 158.7e6, 158.7e6, 158.7e6, 1, ""},
    {"2.5 bln yen", "2.5 bln", 2.5e9, 2.5e9, 2.5e9, 1, ""},
    {"to $11.1bn from", "11.1bn", 11.1e9, 11.1e9, 11.1e9, 1, ""},
    {"takings of $7.2m (", "7.2m", 7.2e6, 7.2e6, 7.2e6, 1, ""},
    {"of which one mln came", "one mln", 1e6, 1e6, 1e6, 0, ""},
    {"ran the 100m final", "100", 100, 100, 100, 0, ""},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(numbers)

BOOST_DATA_TEST_CASE(finds_the_number, boost::unit_test::data::make(rows), row) {
  std::string text = row.text;
  auto found = find_numbers(text);
  BOOST_REQUIRE(!found.empty());
  const auto& n = found.front();
  BOOST_TEST(text.substr(n.begin, n.end - n.begin) == std::string(row.span));
  BOOST_TEST(n.value == row.value, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(n.lo == row.lo, boost::test_tools::tolerance(1e-9));
  if (std::isinf(row.hi))
    BOOST_TEST(std::isinf(n.hi));
  else
    BOOST_TEST(n.hi == row.hi, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(n.decimals == row.decimals);
  BOOST_TEST(n.qualifier == std::string(row.qualifier));
  BOOST_TEST(n.approximate == (std::string(row.qualifier) != ""));
}

BOOST_AUTO_TEST_CASE(numerals_inside_words_are_not_numbers) {
  for (const char* s :
       {"一些群众", "一体化样板", "统一行动方案", "万一出事", "三公经费", "四维八柱廉政体系",
        "一直坚持", "唯一的办法", "快喊小朋友一起学", "一年来，包头市高质量推动"}) {
    BOOST_TEST(find_numbers(s).empty(), s);
  }
}

BOOST_AUTO_TEST_CASE(english_words_inside_words_are_not_numbers) {
  BOOST_TEST(find_numbers("someone often tone").empty());
}

// Words are stepped over whole unless their first two letters start a number word (either
// case): the words that do are still found, those that only share two letters are not.
BOOST_AUTO_TEST_CASE(english_number_words_by_their_first_letters) {
  std::string t = "Tweed TWELVE theory Thirty-Five fo a Dozen hundredth ONE, tenth Ten";
  auto n = find_numbers(t);
  std::string got;
  for (const auto& x : n)
    got +=
        t.substr(x.begin, x.end - x.begin) + "=" + std::to_string(static_cast<int>(x.value)) + ";";
  BOOST_TEST(got == "TWELVE=12;Thirty-Five=35;a Dozen=12;ONE=1;Ten=10;");
}

BOOST_AUTO_TEST_CASE(left_and_right_qualifier) {
  auto n = find_numbers("约 30 人左右");
  BOOST_REQUIRE(n.size() == 1u);
  BOOST_TEST(n[0].qualifier == "约");
}

BOOST_AUTO_TEST_CASE(several_numbers_in_order) {
  std::string t = "办结案件899件，调解和解案件288件，调解和解率达32%";
  auto n = find_numbers(t);
  BOOST_REQUIRE(n.size() == 3u);
  BOOST_TEST(n[0].value == 899);
  BOOST_TEST(n[1].value == 288);
  BOOST_TEST(n[2].value == 32);
}

BOOST_AUTO_TEST_CASE(chinese_numeral_parser) {
  BOOST_TEST(*parse_chinese_numeral(U"十") == 10);
  BOOST_TEST(*parse_chinese_numeral(U"二十一") == 21);
  BOOST_TEST(*parse_chinese_numeral(U"三百零五") == 305);
  BOOST_TEST(*parse_chinese_numeral(U"一万二千") == 12000);
  BOOST_TEST(*parse_chinese_numeral(U"两") == 2);
  BOOST_TEST(!parse_chinese_numeral(U"十百"));
  BOOST_TEST(!parse_chinese_numeral(U""));
}

BOOST_AUTO_TEST_SUITE_END()
