// Table-driven tests of rate extraction: span as written, value, unit, subject and relation.
#include "facts/rates.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

using namespace tally::facts;

namespace {

struct Row {
  const char* text;
  const char* span;
  double value;
  RateUnit unit;
  const char* subject;
  const char* relation;
};

std::ostream& operator<<(std::ostream& os, const Row& r) {
  return os << r.text;
}

const Row rows[] = {
    {"调解和解案件288件，调解和解率达32%", "32%", 32, RateUnit::Percent, "调解和解", ""},
    {"直接纠错案件 136 件，纠错率 16.73%；", "16.73%", 16.73, RateUnit::Percent, "纠错", ""},
    {"调解成功率达98.9%，居自治区首位", "98.9%", 98.9, RateUnit::Percent, "调解成功", ""},
    {"增加至352人，增长35%，完成", "35%", 35, RateUnit::Percent, "", "增长"},
    {"审理周期缩短近30%", "近30%", 30, RateUnit::Percent, "", "缩短"},
    {"占比百分之三十二", "百分之三十二", 32, RateUnit::Percent, "", ""},
    {"同比下降3个百分点", "3个百分点", 3, RateUnit::PercentagePoints, "", "同比下降"},
    {"出生率为 5‰", "5‰", 5, RateUnit::PerMille, "出生", ""},
    {"合格率达 100%方能进入", "100%", 100, RateUnit::Percent, "合格", ""},
    {"表示合格率达 100%方能进入", "100%", 100, RateUnit::Percent, "合格", ""},
    {"a share of 80 percent.", "80 percent", 80, RateUnit::Percent, "", ""},
    {"a rate of 75 per cent.", "75 per cent", 75, RateUnit::Percent, "", ""},
    {"sales were up 12% on the year", "12%", 12, RateUnit::Percent, "", "up"},
    {"fell 2 percentage points", "2 percentage points", 2, RateUnit::PercentagePoints, "", "fell"},
    {"98%的帮教对象顺利回归社会", "98%", 98, RateUnit::Percent, "", ""},
    {"全市行政机关败诉率为13.66%", "13.66%", 13.66, RateUnit::Percent, "全市行政机关败诉", ""},
    {"占比 0.5%", "0.5%", 0.5, RateUnit::Percent, "", ""},
    {"增长１２％", "１２％", 12, RateUnit::Percent, "", "增长"},
    {"同比上升 4.2%", "4.2%", 4.2, RateUnit::Percent, "", "同比上升"},
    {"下降15%", "15%", 15, RateUnit::Percent, "", "下降"},
    {"提高了 8 个百分点", "8 个百分点", 8, RateUnit::PercentagePoints, "", "提高"},
    {"结案率达到95%", "95%", 95, RateUnit::Percent, "结案", ""},
    {"满意率 99.2%", "99.2%", 99.2, RateUnit::Percent, "满意", ""},
    {"百分之五十以上", "百分之五十以上", 50, RateUnit::Percent, "", ""},
    {"百分之十二点五", "百分之十二点五", 12.5, RateUnit::Percent, "", ""},
    {"unemployment rose 3 percent", "3 percent", 3, RateUnit::Percent, "", "rose"},
    {"revenue fell 7% last year", "7%", 7, RateUnit::Percent, "", "fell"},
    {"down 0.5 per cent", "0.5 per cent", 0.5, RateUnit::Percent, "", "down"},
    {"increased by 20%", "20%", 20, RateUnit::Percent, "", "increased"},
    {"a 45% share", "45%", 45, RateUnit::Percent, "", ""},
    {"rose 34 pct to 158.7 mln dlrs", "34 pct", 34, RateUnit::Percent, "", "rose"},
    {"were off 2.3 pct to", "2.3 pct", 2.3, RateUnit::Percent, "", "off"},
    {"rose 0.5 pct point", "0.5 pct point", 0.5, RateUnit::PercentagePoints, "", "rose"},
    {"死亡率 2‰", "2‰", 2, RateUnit::PerMille, "死亡", ""},
    {"增幅达 18.5%", "18.5%", 18.5, RateUnit::Percent, "", "增幅"},
    {"减少了约20%", "约20%", 20, RateUnit::Percent, "", "减少"},
    {"覆盖率达100%", "100%", 100, RateUnit::Percent, "覆盖", ""},
    {"rose 1.5 percentage points", "1.5 percentage points", 1.5, RateUnit::PercentagePoints, "",
     "rose"},
    {"提升至 60%", "60%", 60, RateUnit::Percent, "", "提升"},
    {"women make up 48% of staff", "48%", 48, RateUnit::Percent, "", ""},
    {"a fall of 25% in a year", "25%", 25, RateUnit::Percent, "", "fall"},
    {"an increase of 7 percent", "7 percent", 7, RateUnit::Percent, "", "increase"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(rates)

BOOST_DATA_TEST_CASE(finds_the_rate, boost::unit_test::data::make(rows), row) {
  std::string t = row.text;
  auto rs = find_rates(t, find_numbers(t));
  BOOST_REQUIRE(rs.size() == 1u);
  const auto& r = rs[0];
  BOOST_TEST(t.substr(r.begin, r.end - r.begin) == std::string(row.span));
  BOOST_TEST(r.number.value == row.value, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(static_cast<int>(r.unit) == static_cast<int>(row.unit));
  BOOST_TEST(r.subject == std::string(row.subject));
  BOOST_TEST(r.relation == std::string(row.relation));
}

BOOST_AUTO_TEST_CASE(plain_numbers_are_not_rates) {
  std::string t = "办结案件899件，百分百满意";
  BOOST_TEST(find_rates(t, find_numbers(t)).empty());
}

BOOST_AUTO_TEST_SUITE_END()
