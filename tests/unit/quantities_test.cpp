// Table-driven tests of quantities: span, measure, noun, normalised value.
#include "facts/quantities.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

using namespace tally::facts;

namespace {

struct Row {
  const char* text;
  const char* span;
  const char* measure;
  const char* noun;
  double normalized;  // 0 when not normalised
};

std::ostream& operator<<(std::ostream& os, const Row& r) {
  return os << r.text;
}

const Row rows[] = {
    {"办结案件899件，调解", "899件", "件", "办结案件", 0},
    {"对26个部门和地区进行约谈", "26个", "个", "部门和地区", 0},
    {"累计 1.2 万余人次参训", "1.2 万余人次", "人次", "累计", 0},
    {"治理刺萼龙葵3000余亩。", "3000余亩", "亩", "治理刺萼龙葵", 2e6},
    {"挽回经济损失 818.1 万元；", "818.1 万元", "元", "挽回经济损失", 8181000},
    {"涉及3.06亿元，推动", "3.06亿元", "元", "涉及", 306000000},
    {"涉及金额 9000 多万元；", "9000 多万元", "元", "涉及金额", 90000000},
    {"组织 17 人成立工作专班", "17 人", "人", "组织", 0},
    {"翻阅查找了近 5 年 13254 件典型性行政案件", "13254 件", "件", "典型性行政案件", 0},
    {"about 200 people attended", "about 200 people", "people", "people", 0},
    {"三地检察机关建立", "三地", "地", "检察机关", 0},
    {"提出11个方面21项深化发展举措", "11个", "个", "方面", 0},
    {"起草编写完成了 106 万余字汇编", "106 万余字", "字", "汇编", 0},
    {"涉及行政处罚等 5 大类行政行为", "5 大类", "大类", "行政行为", 0},
    {"受理投诉2024件。", "2024件", "件", "受理投诉", 0},
    {"共办理 56 起案件", "56 起", "起", "案件", 0},
    {"帮教 60 名未成年人", "60 名", "名", "未成年人", 0},
    {"建成12个工作站", "12个", "个", "工作站", 0},
    {"发放宣传资料3000余份", "3000余份", "份", "发放宣传资料", 0},
    {"面积 500 平方米", "500 平方米", "平方米", "面积", 500},
    {"耕地 2.5 公顷", "2.5 公顷", "公顷", "耕地", 25000},
    {"罚款 5000 元", "5000 元", "元", "罚款", 5000},
    {"资金 3 亿元", "3 亿元", "元", "资金", 3e8},
    {"奖金 2 万元", "2 万元", "元", "奖金", 20000},
    {"开展活动 30 场", "30 场", "场", "开展活动", 0},
    {"走访企业 86 家", "86 家", "家", "走访企业", 0},
    {"制发检察建议 12 份", "12 份", "份", "制发检察建议", 0},
    {"组建 8 支队伍", "8 支", "支", "队伍", 0},
    {"覆盖 17 个乡镇", "17 个", "个", "乡镇", 0},
    {"审结案件 1,234 件", "1,234 件", "件", "审结案件", 0},
    {"召开座谈会 5 次", "5 次", "次", "召开座谈会", 0},
    {"12 cases were filed", "12 cases", "cases", "cases", 0},
    {"350 students attended", "350 students", "students", "students", 0},
    {"清理河道 20 公里", "20 公里", "公里", "清理河道", 0},
    {"流转土地 1500 亩", "1500 亩", "亩", "流转土地", 1e6},
    {"惠及群众 1.5 万人", "1.5 万人", "人", "惠及群众", 0},
    {"编印手册两千册", "两千册", "册", "编印手册", 0},
    {"处理信访件十二件", "十二件", "件", "处理信访件", 0},
    {"培训干部 300 余人次", "300 余人次", "人次", "培训干部", 0},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(quantities)

BOOST_DATA_TEST_CASE(finds_the_quantity, boost::unit_test::data::make(rows), row) {
  std::string t = row.text;
  auto f = find_quantities(t, find_numbers(t));
  BOOST_REQUIRE(!f.quantities.empty());
  const auto& q = f.quantities[0];
  BOOST_TEST(t.substr(q.begin, q.end - q.begin) == std::string(row.span));
  BOOST_TEST(q.measure == std::string(row.measure));
  BOOST_TEST(q.noun == std::string(row.noun));
  if (row.normalized > 0)
    BOOST_TEST(q.normalized == row.normalized, boost::test_tools::tolerance(1e-9));
  else
    BOOST_TEST(q.unit.empty());
}

BOOST_AUTO_TEST_CASE(money_interval_scaled) {
  std::string t = "涉及金额 9000 多万元";
  auto q = find_quantities(t, find_numbers(t)).quantities.at(0);
  BOOST_TEST(q.unit == "yuan");
  BOOST_TEST(q.normalized_lo == 9e7);
  BOOST_TEST(q.normalized_hi == 1e8);
}

BOOST_AUTO_TEST_CASE(ordinals_are_not_quantities) {
  std::string t = "位列自治区第 1 名，第四批外来入侵物种，排在前四位的分别是";
  auto f = find_quantities(t, find_numbers(t));
  BOOST_TEST(f.quantities.empty());
  BOOST_REQUIRE(f.ordinals.size() == 3u);
  BOOST_TEST(t.substr(f.ordinals[0].begin, f.ordinals[0].end - f.ordinals[0].begin) == "第 1 名");
  BOOST_TEST(t.substr(f.ordinals[1].begin, f.ordinals[1].end - f.ordinals[1].begin) == "第四批");
  BOOST_TEST(t.substr(f.ordinals[2].begin, f.ordinals[2].end - f.ordinals[2].begin) == "前四位");
  BOOST_TEST(f.ordinals[2].rank);
  BOOST_TEST(!f.ordinals[0].rank);
}

BOOST_AUTO_TEST_SUITE_END()
