// The page parser on text extracted from print (pdftotext's default output): masthead and
// colour-bar furniture, the publication date from the masthead, drop caps, section labels in
// capitals, digits across a column boundary, and the confidence of articles pieced together.
// The pages are written for these tests.
#include <boost/test/unit_test.hpp>

#include "parse/parse.hpp"
#include "text/source.hpp"

using namespace tally;
using parse::BlockType;

namespace {

parse::Document parse_text(const std::string& s) {
  auto r = text::make_source("page.txt", s);
  BOOST_REQUIRE(r.source);
  return parse::parse_document(*r.source);
}

std::string first_of(const parse::Article& a, BlockType t) {
  for (const auto& b : a.blocks)
    if (b.type == t) return b.text.text;
  return "";
}

bool holds(const parse::Document& d, const std::string& needle) {
  for (const auto& a : d.articles)
    for (const auto& b : a.blocks)
      if (b.text.text.find(needle) != std::string::npos) return true;
  return false;
}

const char* kEnglishPage =
    "THE HARBOUR LEDGER\n"
    "\n"
    "12\n"
    "\n"
    "Tuesday, March 3, 2026\n"
    "\n"
    "Opinion\n"
    "\n"
    "River plan needs a budget\n"
    "The council must say how it will pay\n"
    "\n"
    "W\n"
    "\n"
    "hen the council approved the river plan last\n"
    "month, it promised a full costing by spring. No\n"
    "such costing has appeared. The plan’s backers say\n"
    "the work will cost about 40 million, but the\n"
    "council’s own estimate, drawn up by the European\n"
    "Union (EU)’s advisers, is far higher than that.\n"
    "Residents deserve the figures before the vote.\n"
    "CM\n"
    "YK\n"
    "\n"
    "LETTERS TO THE EDITOR\n"
    "Bus routes\n"
    "\n"
    "The new timetable cuts the evening service on\n"
    "three of the busiest routes in the town. Workers\n"
    "who finish late now wait an hour for a bus home\n"
    "and the council has not said why it made the cut.\n"
    "Ann Lee,\n"
    "Harbour Town\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(page_text)

BOOST_AUTO_TEST_CASE(english_masthead_is_furniture_and_dates_the_page) {
  auto d = parse_text(kEnglishPage);
  BOOST_REQUIRE(d.publication_date);
  BOOST_TEST(d.publication_date->iso() == "2026-03-03");
  BOOST_TEST(d.date_source == "page-header");
  BOOST_TEST(!holds(d, "THE HARBOUR LEDGER"));
  BOOST_TEST(!holds(d, "Tuesday"));
  BOOST_TEST(!holds(d, "Opinion"));
  BOOST_TEST(!holds(d, "CM"));
  BOOST_REQUIRE(d.articles.size() == 2u);
  BOOST_TEST(d.articles[0].headline ==
             "River plan needs a budget / The council must say how it will pay");
}

BOOST_AUTO_TEST_CASE(drop_cap_rejoins_its_word) {
  auto d = parse_text(kEnglishPage);
  BOOST_REQUIRE(!d.articles.empty());
  auto p = first_of(d.articles[0], BlockType::Paragraph);
  BOOST_TEST(p.rfind("When the council approved", 0) == 0u, p);
  BOOST_TEST(p.find("before the vote.") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(capitals_label_is_not_the_headline) {
  auto d = parse_text(kEnglishPage);
  BOOST_REQUIRE(d.articles.size() == 2u);
  BOOST_TEST(d.articles[1].headline == "Bus routes");
  BOOST_TEST(first_of(d.articles[1], BlockType::Section) == "LETTERS TO THE EDITOR");
}

BOOST_AUTO_TEST_CASE(drop_caps_a_and_i_stand_as_words_when_the_page_says_so) {
  auto d = parse_text(
      "Rates rise again\n\nA\n\nrise in prices was expected, and the rise came in\n"
      "July. Prices of food rose most of all this summer.\n");
  BOOST_REQUIRE(d.articles.size() == 1u);
  auto p = first_of(d.articles[0], BlockType::Paragraph);
  BOOST_TEST(p.rfind("A rise in prices", 0) == 0u, p);
  d = parse_text(
      "Doctors’ Day\n\nI\n\nndia marked the day on July 1, and India’s doctors\n"
      "were thanked across the country for their work.\n");
  BOOST_REQUIRE(d.articles.size() == 1u);
  p = first_of(d.articles[0], BlockType::Paragraph);
  BOOST_TEST(p.rfind("India marked", 0) == 0u, p);
}

BOOST_AUTO_TEST_CASE(chinese_masthead_date_over_two_lines) {
  auto d = parse_text(
      "城市晚报\n2026年3月\n\n3 日 星期二\n\n国内统一连续出版物号CN 12-3456 总第1234期\n\n"
      "新桥今日建成通车\n"
      "本报讯 全长1200米的新桥今日建成通车，总投资\n"
      "约5亿元，工期历时两年，比原计划提前了三个月\n"
      "完成。目前桥上设有双向四车道，日通行能力可达\n"
      "三万辆次，将大大缓解老城区的交通压力。\n");
  BOOST_REQUIRE(d.publication_date);
  BOOST_TEST(d.publication_date->iso() == "2026-03-03");
  BOOST_TEST(!holds(d, "星期二"));
  BOOST_TEST(!holds(d, "总第1234期"));
  BOOST_REQUIRE(d.articles.size() == 1u);
  BOOST_TEST(d.articles[0].headline == "新桥今日建成通车");
}

BOOST_AUTO_TEST_SUITE_END()
