// The page parser on text extracted from print (pdftotext's default output): masthead and
// colour-bar furniture, the publication date from the masthead, drop caps (beside their
// paragraph or printed apart from it), section labels in capitals, letters closed by their
// signatures, the confidence of an article pieced together, a story scattered over the page,
// jump lines, photo credits and editors' credits. The pages are written for these tests.
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

// An op-ed scattered by the extraction: its headline across the top of the page (read with the
// editorial's headline under it), the rest of its text under a sub-head after the editorial,
// and its opening, under a drop cap, at the foot of the page.
const char* kScatteredPage =
    "THE HARBOUR LEDGER\n"
    "\n"
    "Tuesday, March 3, 2026\n"
    "\n"
    "Why the river needs its wetlands back\n"
    "Bus fares\n"
    "The operator owes riders\n"
    "\n"
    "W\n"
    "\n"
    "hen bus fares went up in May, riders were promised\n"
    "new buses for the busiest routes by autumn. Riders\n"
    "have paid the higher fares for six months and not\n"
    "one new bus has arrived; the operator still runs the\n"
    "old fleet. Publish what the higher fares raised.\n"
    "CM\n"
    "YK\n"
    "\n"
    "Where the water went\n"
    "Wetlands along this river were drained to make farms\n"
    "a century ago, so each flood since has reached our\n"
    "town faster. Wetlands hold water like a sponge, then\n"
    "release it slowly; without them a river rises in\n"
    "hours. Restoring wetlands on its lower reaches would\n"
    "cost less than a single flood wall. Wetlands also\n"
    "filter water and bring back birds this river lost.\n"
    "A flood plan should put wetlands first, walls second,\n"
    "with river towns sharing what wetlands would cost.\n"
    "\n"
    "Ferry fares go up\n"
    "\n"
    "T\n"
    "\n"
    "he ferry company says its fares will go up in June\n"
    "by a tenth on every crossing, the first rise in six\n"
    "years. Commuters who cross daily will pay the most,\n"
    "and the company has not said what the money buys.\n"
    "\n"
    "I\n"
    "\n"
    "n the spring the river flooded the low town for the\n"
    "third year running, and the wetlands that once took\n"
    "the flood water are farms now. The river towns ask\n"
    "for walls; the wetlands would do more for less.\n";

// Furniture and page labels on a page of short news: a section label in capitals over a
// headline, a jump line, a photo caption closed by its credit, the editors' credits and a
// telephone number at the foot.
const char* kNewsPage =
    "城市晚报\n"
    "2026年3月3日 星期二\n"
    "\n"
    "新桥今日建成通车\n"
    "本报讯 全长1200米的新桥今日建成通车，总投资\n"
    "约5亿元，工期历时两年，比原计划提前了三个月\n"
    "完成。桥上设有双向四车道，日通行能力可达三万\n"
    "辆次，将大大缓解老城区的交通压力。\n"
    "新桥通车后的第一辆公交车驶过桥面。本报记者 王明 摄\n"
    "旧桥明年起改建\n"
    "本报讯（通讯员 李华） 新桥通车后，旧桥将于明年\n"
    "起改建，工期一年，改建期间旧桥禁止车辆通行，\n"
    "新桥承担全部车流。\n"
    "（下转第二版）\n"
    "\n"
    "责任编辑 / 赵敏 责任校对 / 钱进 电话：\n"
    "（010）12345678\n";

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

BOOST_AUTO_TEST_CASE(a_scattered_story_is_put_back_together_and_doubted) {
  auto d = parse_page(kScatteredPage);
  BOOST_REQUIRE(d.articles.size() == 3u);
  const auto& op = d.articles[0];
  BOOST_TEST(op.headline == "Why the river needs its wetlands back");
  auto p = texts(op, BlockType::Paragraph);
  BOOST_REQUIRE(p.size() == 2u);
  // The opening first, then the text under the sub-head, whatever their order on the page.
  BOOST_TEST(p[0].rfind("In the spring the river flooded", 0) == 0u, p[0]);
  BOOST_TEST(p[1].rfind("Wetlands along this river", 0) == 0u, p[1]);
  BOOST_TEST(texts(op, BlockType::Subhead) == std::vector<std::string>{"Where the water went"});
  BOOST_TEST(op.uncertain);  // pieces apart on the page, joined by a decision
  BOOST_TEST(d.articles[1].headline == "Bus fares / The operator owes riders");
  BOOST_TEST(!d.articles[1].uncertain);
  BOOST_TEST(d.articles[2].headline == "Ferry fares go up");
  BOOST_TEST(!d.articles[2].uncertain);
}

BOOST_AUTO_TEST_CASE(news_page_furniture_captions_jump_lines_and_openings) {
  auto d = parse_page(kNewsPage);
  BOOST_REQUIRE(d.publication_date);
  BOOST_TEST(d.publication_date->iso() == "2026-03-03");
  BOOST_TEST(!holds(d, "责任编辑"));
  BOOST_TEST(!holds(d, "12345678"));
  // Text alike on both sides, but a heading over "本报讯…" starts a story: not a sub-head.
  BOOST_REQUIRE(d.articles.size() == 2u);
  BOOST_TEST(d.articles[0].headline == "新桥今日建成通车");
  BOOST_TEST(texts(d.articles[0], BlockType::Caption) ==
             std::vector<std::string>{"新桥通车后的第一辆公交车驶过桥面。本报记者 王明 摄"});
  BOOST_TEST(d.articles[1].headline == "旧桥明年起改建");
  BOOST_TEST(texts(d.articles[1], BlockType::SignOff) ==
             std::vector<std::string>{"（下转第二版）"});
  d = parse_page(
      "ECONOMY\nFerry fares go up in June\n\nThe ferry company says its fares will go up in\n"
      "June by a tenth on every crossing, the first rise in\n"
      "six years. Commuters who cross daily will pay most,\n"
      "and the company has not said what the money buys.\n"
      "Continued on page 4\n");
  BOOST_REQUIRE(d.articles.size() == 1u);
  BOOST_TEST(texts(d.articles[0], BlockType::Section) == std::vector<std::string>{"ECONOMY"});
  BOOST_TEST(texts(d.articles[0], BlockType::Headline) ==
             std::vector<std::string>{"Ferry fares go up in June"});
  BOOST_TEST(texts(d.articles[0], BlockType::SignOff) ==
             std::vector<std::string>{"Continued on page 4"});
}

BOOST_AUTO_TEST_SUITE_END()
