// The page parser on text extracted from print (pdftotext's default output): masthead and
// colour-bar furniture, the publication date from the masthead, drop caps (beside their
// paragraph or printed apart from it), section labels in capitals, letters closed by their
// signatures, and the confidence of an article pieced together. The pages are written for
// these tests.
#include <boost/test/unit_test.hpp>

#include "parse/parse.hpp"
#include "text/source.hpp"

using namespace tally;
using parse::BlockType;

namespace {

parse::Document parse_page(const std::string& s) {
  auto r = text::make_source("page.txt", s);
  BOOST_REQUIRE(r.source);
  parse::ParseOptions opts;
  opts.format = parse::Format::Page;
  return parse::parse_document(*r.source, opts);
}

std::vector<std::string> texts(const parse::Article& a, BlockType t) {
  std::vector<std::string> out;
  for (const auto& b : a.blocks)
    if (b.type == t) out.push_back(b.text.text);
  return out;
}

bool holds(const parse::Document& d, const std::string& needle) {
  for (const auto& a : d.articles)
    for (const auto& b : a.blocks)
      if (b.text.text.find(needle) != std::string::npos) return true;
  return false;
}

// Masthead, an editorial under a drop cap, colour-bar letters, two letters with signatures.
const char* kEnglishPage =
    "THE HARBOUR LEDGER\n"
    "\n"
    "12\n"
    "\n"
    "Tuesday, March 3, 2026\n"
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
    "Harbour Town\n"
    "\n"
    "Library hours\n"
    "\n"
    "The library now shuts at five on weekdays, which\n"
    "leaves students with nowhere quiet to work in the\n"
    "evening. The old hours served the town well.\n"
    "Tom Reed,\n"
    "Eastfield\n";

// A drop cap left under its headline; its paragraph printed after a letter.
const char* kApartPage =
    "Market report\n"
    "Rates rise again\n"
    "Prices will stay high for months\n"
    "\n"
    "A\n"
    "\n"
    "Ferry fares\n"
    "\n"
    "The ferry company says fares will go up in May by\n"
    "a tenth on every route, the first rise in six years.\n"
    "Commuters who cross daily will pay the most.\n"
    "Jo Park,\n"
    "Bayside\n"
    "\n"
    "rise in prices was expected this summer, and the\n"
    "rise came in July when food and fuel costs rose\n"
    "faster than wages for the third month running.\n";

const char* kChinesePage =
    "城市晚报\n"
    "2026年3月\n"
    "\n"
    "3 日 星期二\n"
    "\n"
    "国内统一连续出版物号CN 12-3456 总第1234期\n"
    "\n"
    "新桥今日建成通车\n"
    "本报讯 全长1200米的新桥今日建成通车，总投资\n"
    "约5亿元，工期历时两年，比原计划提前了三个月\n"
    "完成。目前桥上设有双向四车道，日通行能力可达\n"
    "三万辆次，将大大缓解老城区的交通压力。\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(page_text)

BOOST_AUTO_TEST_CASE(english_masthead_is_furniture_and_dates_the_page) {
  auto d = parse_page(kEnglishPage);
  BOOST_REQUIRE(d.publication_date);
  BOOST_TEST(d.publication_date->iso() == "2026-03-03");
  BOOST_TEST(d.date_source == "page-header");
  BOOST_TEST(!holds(d, "THE HARBOUR LEDGER"));
  BOOST_TEST(!holds(d, "Tuesday"));
  BOOST_TEST(!holds(d, "CM"));
  BOOST_TEST(!holds(d, "YK"));
  BOOST_REQUIRE(d.articles.size() == 3u);
  BOOST_TEST(d.articles[0].headline ==
             "River plan needs a budget / The council must say how it will pay");
}

BOOST_AUTO_TEST_CASE(drop_cap_rejoins_its_word) {
  auto d = parse_page(kEnglishPage);
  BOOST_REQUIRE(!d.articles.empty());
  auto p = texts(d.articles[0], BlockType::Paragraph);
  BOOST_REQUIRE(p.size() == 1u);
  BOOST_TEST(p[0].rfind("When the council approved the river plan last month,", 0) == 0u, p[0]);
  BOOST_TEST(p[0].size() - p[0].rfind("before the vote.") ==
             std::string("before the vote.").size());
  BOOST_TEST(!d.articles[0].uncertain);
}

BOOST_AUTO_TEST_CASE(letters_end_at_their_signatures) {
  auto d = parse_page(kEnglishPage);
  BOOST_REQUIRE(d.articles.size() == 3u);
  BOOST_TEST(d.articles[1].headline == "Bus routes");
  BOOST_TEST(texts(d.articles[1], BlockType::Section) ==
             std::vector<std::string>{"LETTERS TO THE EDITOR"});
  BOOST_TEST(texts(d.articles[1], BlockType::Paragraph).back() == "Ann Lee, Harbour Town");
  BOOST_TEST(d.articles[2].headline == "Library hours");
  BOOST_TEST(texts(d.articles[2], BlockType::Paragraph).back() == "Tom Reed, Eastfield");
  BOOST_TEST(!d.articles[1].uncertain);
  BOOST_TEST(!d.articles[2].uncertain);
}

BOOST_AUTO_TEST_CASE(a_drop_cap_apart_finds_its_paragraph) {
  auto d = parse_page(kApartPage);
  BOOST_REQUIRE(d.articles.size() == 2u);
  const auto& a = d.articles[0];
  auto p = texts(a, BlockType::Paragraph);
  BOOST_REQUIRE(p.size() == 1u);
  BOOST_TEST(p[0].rfind("A rise in prices was expected this summer", 0) == 0u, p[0]);
  BOOST_REQUIRE(a.blocks.back().pieces.size() == 2u);  // the letter, then the rest
  // Pieced together across another article: not certain.
  BOOST_TEST(a.uncertain);
  BOOST_TEST(d.articles[1].headline == "Ferry fares");
  BOOST_TEST(texts(d.articles[1], BlockType::Paragraph).back() == "Jo Park, Bayside");
}

BOOST_AUTO_TEST_CASE(drop_caps_a_and_i_stand_as_words_when_the_page_says_so) {
  auto d = parse_page(
      "Rates rise again\n\nA\n\nrise in prices was expected, and the rise came in\n"
      "July. Prices of food rose most of all this summer.\n");
  BOOST_REQUIRE(d.articles.size() == 1u);
  auto p = texts(d.articles[0], BlockType::Paragraph);
  BOOST_REQUIRE(p.size() == 1u);
  BOOST_TEST(p[0].rfind("A rise in prices", 0) == 0u, p[0]);
  d = parse_page(
      "Doctors’ Day\n\nI\n\nndia marked the day on July 1, and India’s doctors\n"
      "were thanked across the country for their work.\n");
  BOOST_REQUIRE(d.articles.size() == 1u);
  p = texts(d.articles[0], BlockType::Paragraph);
  BOOST_REQUIRE(p.size() == 1u);
  BOOST_TEST(p[0].rfind("India marked", 0) == 0u, p[0]);
}

BOOST_AUTO_TEST_CASE(chinese_masthead_date_over_two_lines) {
  auto d = parse_page(kChinesePage);
  BOOST_REQUIRE(d.publication_date);
  BOOST_TEST(d.publication_date->iso() == "2026-03-03");
  BOOST_TEST(!holds(d, "星期二"));
  BOOST_TEST(!holds(d, "总第1234期"));
  BOOST_REQUIRE(d.articles.size() == 1u);
  BOOST_TEST(d.articles[0].headline == "新桥今日建成通车");
}

BOOST_AUTO_TEST_SUITE_END()
