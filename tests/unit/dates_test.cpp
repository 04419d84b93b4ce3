// Table-driven tests of date extraction and resolution.
#include "facts/dates.hpp"

#include <algorithm>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "facts/date_starts.hpp"

using namespace tally::facts;
using tally::parse::Date;

namespace {

struct Row {
  const char* text;
  const char* span;
  DateKind kind;
  int year, month, day, weekday;
  bool valid;
};

std::ostream& operator<<(std::ostream& os, const Row& r) {
  return os << r.text;
}

}  // namespace

namespace tally::facts {
std::ostream& operator<<(std::ostream& os, DateKind k) {
  return os << static_cast<int>(k);
}
}  // namespace tally::facts

namespace {

const Row rows[] = {
    {"2024年12月,包头市", "2024年12月", DateKind::Absolute, 2024, 12, 0, 0, true},
    {"据了解,2016 年 3月,科尔沁区", "2016 年 3月", DateKind::Absolute, 2016, 3, 0, 0, true},
    {"7月29日,昆都仑区检察院", "7月29日", DateKind::Absolute, 0, 7, 29, 0, true},
    {"2025/07/22 05法治聚焦", "2025/07/22", DateKind::Absolute, 2025, 7, 22, 0, true},
    {"on July 22, 2025 the court", "July 22, 2025", DateKind::Absolute, 2025, 7, 22, 0, true},
    {"on 22 July 2025 the court", "22 July 2025", DateKind::Absolute, 2025, 7, 22, 0, true},
    {"2025年7月22日（周二）开庭", "2025年7月22日（周二）", DateKind::Absolute, 2025, 7, 22, 2,
     true},
    {"on Tuesday, July 22, 2025", "Tuesday, July 22, 2025", DateKind::Absolute, 2025, 7, 22, 2,
     true},
    {"2025年2月30日召开会议", "2025年2月30日", DateKind::Absolute, 2025, 2, 30, 0, false},
    {"2025年13月召开会议", "2025年13月", DateKind::Absolute, 2025, 13, 0, 0, false},
    {"二〇二四年工作总结", "二〇二四年", DateKind::Absolute, 2024, 0, 0, 0, true},
    {"同年11月,包头市检察院", "同年11月", DateKind::Relative, 0, 11, 0, 0, true},
    {"去年10月,最高检党组", "去年10月", DateKind::Relative, 0, 10, 0, 0, true},
    {"今年以来,杭锦旗坚持", "今年以来", DateKind::Relative, 0, 0, 0, 0, true},
    {"近三年累计开展", "近三年", DateKind::Relative, 0, 0, 0, 0, true},
    {"全市近 5 年 13254 件", "近 5 年", DateKind::Relative, 0, 0, 0, 0, true},
    {"prices rose last year", "last year", DateKind::Relative, 0, 0, 0, 0, true},
    {"通过 3 个月的艰苦付出", "3 个月", DateKind::Duration, 0, 0, 0, 0, true},
    {"在为期 6 个月的观护帮教中", "为期 6 个月", DateKind::Duration, 0, 0, 0, 0, true},
    {"入警的 365 个日夜", "365 个日夜", DateKind::Duration, 0, 0, 0, 0, true},
    {"in March 2024 the plan", "March 2024", DateKind::Absolute, 2024, 3, 0, 0, true},
    {"三月开学季，检察院", "三月", DateKind::Absolute, 0, 3, 0, 0, true},
    {"十二月召开会议", "十二月", DateKind::Absolute, 0, 12, 0, 0, true},
    {"在“3·15”国际消费者权益日之际", "3·15", DateKind::Absolute, 0, 3, 15, 0, true},
    {"入警一年来，从初入高墙", "一年来", DateKind::Duration, 0, 0, 0, 0, true},
    {"从警这一年，我在高墙内", "一年", DateKind::Duration, 0, 0, 0, 0, true},
    {"开展培训需 30分钟", "30分钟", DateKind::Duration, 0, 0, 0, 0, true},
    {"2024年以来发生败诉案件", "2024年以来", DateKind::Absolute, 2024, 0, 0, 0, true},
    {"评为2022年度法律融媒体好作品", "2022年度", DateKind::Absolute, 2022, 0, 0, 0, true},
    {"2025年7月22日开庭", "2025年7月22日", DateKind::Absolute, 2025, 7, 22, 0, true},
    {"２０２４年３月召开", "２０２４年３月", DateKind::Absolute, 2024, 3, 0, 0, true},
    {"2024-03-15 发布", "2024-03-15", DateKind::Absolute, 2024, 3, 15, 0, true},
    {"2024.03.15 发布", "2024.03.15", DateKind::Absolute, 2024, 3, 15, 0, true},
    {"on March 3, 2024 the", "March 3, 2024", DateKind::Absolute, 2024, 3, 3, 0, true},
    {"on 3 March 2024 the", "3 March 2024", DateKind::Absolute, 2024, 3, 3, 0, true},
    {"on Sept. 5, 2023 the", "Sept. 5, 2023", DateKind::Absolute, 2023, 9, 5, 0, true},
    {"on Monday, March 4, 2024", "Monday, March 4, 2024", DateKind::Absolute, 2024, 3, 4, 1, true},
    {"2024年2月29日", "2024年2月29日", DateKind::Absolute, 2024, 2, 29, 0, true},
    {"2023年2月29日", "2023年2月29日", DateKind::Absolute, 2023, 2, 29, 0, false},
    {"2024年4月31日", "2024年4月31日", DateKind::Absolute, 2024, 4, 31, 0, false},
    {"2024年3月5日（星期二）", "2024年3月5日（星期二）", DateKind::Absolute, 2024, 3, 5, 2, true},
    {"3月5日(周日)召开", "3月5日(周日)", DateKind::Absolute, 0, 3, 5, 7, true},
    {"二〇二三年十月", "二〇二三年十月", DateKind::Absolute, 2023, 10, 0, 0, true},
    {"2019 年", "2019 年", DateKind::Absolute, 2019, 0, 0, 0, true},
    {"12月31日前完成", "12月31日", DateKind::Absolute, 0, 12, 31, 0, true},
    {"次年3月,项目", "次年3月", DateKind::Relative, 0, 3, 0, 0, true},
    {"今年5月,项目", "今年5月", DateKind::Relative, 0, 5, 0, 0, true},
    {"明年1月,项目", "明年1月", DateKind::Relative, 0, 1, 0, 0, true},
    {"前年8月,项目", "前年8月", DateKind::Relative, 0, 8, 0, 0, true},
    {"近两年来", "近两年", DateKind::Relative, 0, 0, 0, 0, true},
    {"next year the plan", "next year", DateKind::Relative, 0, 0, 0, 0, true},
    {"this year the plan", "this year", DateKind::Relative, 0, 0, 0, 0, true},
    {"持续 2 年", "2 年", DateKind::Duration, 0, 0, 0, 0, true},
    {"历时 45 天", "45 天", DateKind::Duration, 0, 0, 0, 0, true},
    {"为期两周的培训", "为期两周", DateKind::Duration, 0, 0, 0, 0, true},
    {"用时 3 小时", "3 小时", DateKind::Duration, 0, 0, 0, 0, true},
    {"for six months", "six months", DateKind::Duration, 0, 0, 0, 0, true},
    {"for 3 weeks", "3 weeks", DateKind::Duration, 0, 0, 0, 0, true},
    {"2024年第一季度", "2024年", DateKind::Absolute, 2024, 0, 0, 0, true},
    {"In 2024 there were 95 fines", "2024", DateKind::Absolute, 2024, 0, 0, 0, true},
    {"fines rose since 2019.", "2019", DateKind::Absolute, 2019, 0, 0, 0, true},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(dates)

BOOST_DATA_TEST_CASE(finds_the_date, boost::unit_test::data::make(rows), row) {
  std::string t = row.text;
  auto ds = find_dates(t);
  BOOST_REQUIRE(ds.size() == 1u);
  const auto& d = ds[0];
  BOOST_TEST(t.substr(d.begin, d.end - d.begin) == std::string(row.span));
  BOOST_TEST((d.kind == row.kind));
  BOOST_TEST(d.year == row.year);
  BOOST_TEST(d.month == row.month);
  BOOST_TEST(d.day == row.day);
  BOOST_TEST(d.weekday == row.weekday);
  BOOST_TEST(d.valid == row.valid);
}

BOOST_AUTO_TEST_CASE(counts_are_not_years) {
  BOOST_TEST(find_dates("完成市政府1026件文件").empty());
  BOOST_TEST(find_dates("受理2024件投诉").empty());
  BOOST_TEST(find_dates("连续8个月在国家城市信用状况监测排名中").size() == 1u);  // a duration
  BOOST_TEST(find_dates("连续8个月")[0].kind == DateKind::Duration);
}

// English forms are tried around their keys (month names, "19"/"20", year/month/...): the word
// and blanks before a key ("12 years", "since\n2019", "5 March") and keys that start no date
// ("Money", "today" here) change nothing.
BOOST_AUTO_TEST_CASE(english_forms_around_their_keys) {
  std::string t =
      "Money rose for  \t12 years since\n2019; on Sept 30, 2024, and 5 March, today, last month.";
  std::vector<std::string> spans;
  for (const auto& d : find_dates(t)) spans.push_back(t.substr(d.begin, d.end - d.begin));
  std::vector<std::string> want = {"12 years", "2019", "Sept 30, 2024", "5 March", "last month"};
  BOOST_TEST(spans == want, boost::test_tools::per_element());
  // A key inside the figure before another key: "20" of "120" (the match starts at the "1").
  std::string figure = "It took 120 days";
  auto ds = find_dates(figure);
  BOOST_REQUIRE(ds.size() == 1u);
  BOOST_TEST(figure.substr(ds[0].begin, ds[0].end - ds[0].begin) == "120 days");
}

// Where the forms other than the English ones may begin, from the character after the count.
BOOST_AUTO_TEST_CASE(chinese_form_starts) {
  namespace ds = tally::facts::date_starts;
  std::string t = "于2024年3月，为期 3 个月，同年，近三年，3·15，2024-03-05，一个人，12345年";
  auto at = [&](std::string_view s) { return t.find(s); };
  BOOST_TEST(ds::forms_at(t, at("2024年")) == ds::kYear);
  BOOST_TEST(ds::forms_at(t, at("024年")) == ds::kYear);  // "24年" is a span of years
  BOOST_TEST(ds::forms_at(t, at("3月")) == ds::kMonth);
  BOOST_TEST(ds::forms_at(t, at("为期")) == ds::kCount);
  BOOST_TEST(ds::forms_at(t, at(" 3 个")) == ds::kCount);
  BOOST_TEST(ds::forms_at(t, at("同年")) == ds::kRelative);
  BOOST_TEST(ds::forms_at(t, at("近三")) == ds::kRecent);
  BOOST_TEST(ds::forms_at(t, at("3·")) == ds::kDot);
  BOOST_TEST(ds::forms_at(t, at("2024-")) == ds::kSeparated);
  BOOST_TEST(ds::forms_at(t, at("一个人")) == 0u);   // 个 before no month, week or hours
  BOOST_TEST(ds::forms_at(t, at("12345年")) == 0u);  // five figures: no year
  BOOST_TEST(ds::forms_at(t, at("2345年")) == ds::kYear);
  BOOST_TEST(ds::forms_at(t, at("于")) == 0u);
  // next_start visits exactly the places forms_at allows, in order.
  std::vector<size_t> want, got;
  for (size_t i = 0; i < t.size(); ++i)
    if ((static_cast<unsigned char>(t[i]) & 0xC0) != 0x80 && ds::forms_at(t, i)) want.push_back(i);
  auto next_char = [&](size_t p) {
    do ++p;
    while (p < t.size() && (static_cast<unsigned char>(t[p]) & 0xC0) == 0x80);
    return p;
  };
  for (size_t p = ds::next_start(t, 0); p != std::string::npos; p = ds::next_start(t, next_char(p)))
    got.push_back(p);
  BOOST_TEST(got == want, boost::test_tools::per_element());
  BOOST_TEST(want.size() == 17u);  // four in "2024年" and in "12345年", three in "为期 3 个月"…
}

// Eight bytes at a time, the same answer as a test of each byte.
BOOST_AUTO_TEST_CASE(ascii_letters_found_eight_bytes_at_a_time) {
  namespace ds = tally::facts::date_starts;
  BOOST_TEST(!ds::has_ascii_letter("二〇二四年，@[`{ 0123456789"));
  BOOST_TEST(ds::has_ascii_letter("二〇二四年，@[`{ 0123456789z"));
  BOOST_TEST(ds::has_ascii_letter("A二〇二四年"));
  uint32_t seed = 7;
  for (int n = 0; n < 2000; ++n) {
    std::string s(n % 23, ' ');
    for (auto& c : s) {
      seed = seed * 1103515245u + 12345u;
      // Mostly bytes that are no letter, a letter now and then.
      unsigned v = (seed >> 16) & 0xFF;
      c = static_cast<char>(((v | 0x20) >= 'a' && (v | 0x20) <= 'z' && (seed & 0x700)) ? '0' : v);
    }
    bool want = std::any_of(s.begin(), s.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
    BOOST_TEST(ds::has_ascii_letter(s) == want, s);
  }
}

BOOST_AUTO_TEST_CASE(relative_dates_resolve) {
  std::string t =
      "2024年7月,志愿者反映。7月29日,检察院送达建议。同年11月,回头看。去年10月,作出决定。";
  auto ds = find_dates(t);
  BOOST_REQUIRE(ds.size() == 4u);
  std::vector<DateFact*> order;
  for (auto& d : ds) order.push_back(&d);
  resolve_dates(order, Date{2025, 7, 22});
  BOOST_TEST(ds[1].resolved->iso() == "2024-07-29");
  BOOST_TEST(ds[1].anchor == "previous-date");
  BOOST_TEST(ds[2].resolved->iso() == "2024-11-01");
  BOOST_TEST(ds[2].anchor == "previous-date");
  BOOST_TEST(ds[3].resolved->iso() == "2024-10-01");
  BOOST_TEST(ds[3].anchor == "publication");
}

BOOST_AUTO_TEST_CASE(unresolved_without_anchor) {
  auto ds = find_dates("去年10月,作出决定。");
  std::vector<DateFact*> order{&ds[0]};
  resolve_dates(order, std::nullopt);
  BOOST_TEST(!ds[0].resolved);
}

BOOST_AUTO_TEST_CASE(weekday_computation) {
  BOOST_TEST(weekday_of(2025, 7, 22) == 2);  // a Tuesday
  BOOST_TEST(weekday_of(2024, 2, 29) == 4);
  BOOST_TEST(weekday_of(2000, 1, 1) == 6);
}

BOOST_AUTO_TEST_SUITE_END()
