// The page parser's doubts about an article read from its own text (docs/parser.md,
// "Confidence"): pieces of more than one item under one headline, a headline that reads like
// another article's text, lines of two columns run together, a page mostly in doubt. Each
// page is written for these tests: small, with one sign of trouble each, and a clean control.
#include <boost/test/unit_test.hpp>

#include "parse/parse.hpp"
#include "text/source.hpp"

using namespace tally;

namespace {

parse::Document parse_page(const std::string& s) {
  auto r = text::make_source("page.txt", s);
  BOOST_REQUIRE(r.source);
  parse::ParseOptions opts;
  opts.format = parse::Format::Page;
  return parse::parse_document(*r.source, opts);
}

using Notes = std::vector<std::string>;

// Two stories, each under its headline and byline, whole sentences: nothing to doubt.
const char* kClean =
    "Harbour dredging starts in May\n"
    "By Ann Lee\n"
    "\n"
    "The harbour board will start dredging the main\n"
    "channel in May, a month earlier than it planned.\n"
    "Ships will use the north berth while it works.\n"
    "\n"
    "Library hours cut\n"
    "By Jo Park\n"
    "\n"
    "The town library will close at five on weekdays\n"
    "from next month, the council said on Monday. It\n"
    "says the later hours cost more than they bring.\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(page_confidence)

BOOST_AUTO_TEST_CASE(clean_stories_stay_certain) {
  auto d = parse_page(kClean);
  BOOST_REQUIRE(d.articles.size() == 2u);
  for (const auto& a : d.articles) {
    BOOST_TEST(!a.uncertain, a.headline);
    BOOST_TEST(a.notes == Notes{}, a.headline);
  }
}

BOOST_AUTO_TEST_CASE(a_paragraph_starting_mid_sentence_is_a_piece_of_another_text) {
  const std::string dredging =
      "Harbour dredging starts in May\nBy Ann Lee\n\n"
      "The harbour board will start dredging the main\n"
      "channel in May, a month earlier than it planned.\n"
      "Ships will use the north berth while it works.\n\n";
  const std::string library =
      "Library hours cut\nBy Jo Park\n\n"
      "The town library will close at five on weekdays\n"
      "from next month, the council said on Monday. It\n"
      "says the later hours cost more than they bring.\n";
  auto d = parse_page(dredging +
                      "and the ferry timetable will change for the\n"
                      "summer months, the board said in its notice.\n\n" +
                      library);
  BOOST_REQUIRE(d.articles.size() == 2u);
  BOOST_TEST(d.articles[0].uncertain);
  BOOST_TEST(d.articles[0].confidence == 0.6);
  BOOST_TEST(d.articles[0].notes == Notes{"a paragraph starts mid-sentence"});
  BOOST_TEST(!d.articles[1].uncertain);
  // Alone in its document, a story may start a paragraph in lower case (wire copy does): no
  // other text to have come from.
  d = parse_page(dredging +
                 "and the ferry timetable will change for the\n"
                 "summer months, the board said in its notice.\n");
  BOOST_REQUIRE(d.articles.size() == 1u);
  BOOST_TEST(!d.articles[0].uncertain);
  // Under a masthead's date line the text is a page: one article there is more likely several
  // run together, and lower case is a sign again.
  d = parse_page("The Harbour Gazette\n\nSaturday, November 19, 2022\n\n" + dredging +
                 "and the ferry timetable will change for the\n"
                 "summer months, the board said in its notice.\n");
  BOOST_REQUIRE(d.articles.size() == 1u);
  BOOST_REQUIRE(d.publication_date);
  BOOST_TEST(d.publication_date->iso() == "2022-11-19");
  BOOST_TEST(d.articles[0].uncertain);
  BOOST_TEST(d.articles[0].notes == Notes{"a paragraph starts mid-sentence"});
  // Opening inside a quotation, right after the quoted sentence's end, is a sign anywhere.
  d = parse_page(dredging +
                 "every number.\u201d The board will meet again in\n"
                 "June, when the work is half done, it said.\n");
  BOOST_REQUIRE(d.articles.size() == 1u);
  BOOST_TEST(d.articles[0].notes == Notes{"a paragraph starts mid-sentence"});
}

BOOST_AUTO_TEST_CASE(text_after_a_signature_is_another_letter) {
  auto d = parse_page(
      "Bus routes\n\n"
      "The new timetable cuts the evening service on\n"
      "three of the busiest routes in the town. Workers\n"
      "who finish late now wait an hour for a bus home.\n\n"
      "Ann Lee, Harbour Town\n\n"
      "The library now shuts at five on weekdays, which\n"
      "leaves students with nowhere quiet to work in the\n"
      "evening. The old hours served the town well.\n");
  BOOST_REQUIRE(d.articles.size() == 1u);
  BOOST_TEST(d.articles[0].uncertain);
  BOOST_TEST(d.articles[0].notes == Notes{"text goes on after a byline or signature"});
}

BOOST_AUTO_TEST_CASE(lines_of_two_columns_run_together) {
  // Three spaces between CJK characters left in the running text.
  auto d = parse_page(
      "新桥今日建成通车\n\n"
      "新桥今日正式建成通车，全长一千二百米，双向\n"
      "六车道。 旧桥明年起改建，工期两年，改建期间\n"
      "公交线路绕行。 市民可以通过热线电话查询新的\n"
      "线路安排。 交通部门表示，将在桥头增设指示牌\n"
      "和临时站点，方便市民出行。\n");
  BOOST_REQUIRE(d.articles.size() == 1u);
  BOOST_TEST(d.articles[0].uncertain);
  BOOST_TEST(d.articles[0].notes == Notes{"lines of two columns run together"});
}

BOOST_AUTO_TEST_CASE(a_cjk_paragraph_broken_at_a_short_line) {
  // "公交线路绕行和" stops at a third of the measure mid-sentence: set solid, a Chinese
  // paragraph runs to the column's edge unless the text was broken there.
  auto d = parse_page(
      "新桥今日建成通车\n\n"
      "新桥今日正式建成通车，全长一千二百米，双向\n"
      "六车道，旧桥明年起改建，工期两年，改建期间\n"
      "公交线路绕行和\n"
      "电话查询新的线路安排，交通部门表示，将在桥\n"
      "头增设指示牌和临时站点，方便市民出行。\n");
  BOOST_REQUIRE(d.articles.size() == 1u);
  BOOST_TEST(d.articles[0].uncertain);
  BOOST_TEST(d.articles[0].notes == Notes{"a paragraph breaks at a short line mid-sentence"});
}

BOOST_AUTO_TEST_CASE(a_signature_taken_for_a_headline) {
  // A name over a place, a few characters each: no headline is set that short.
  auto d = parse_page(
      "旧桥明年起改建\n\n"
      "旧桥明年起改建，工期两年，改建期间公交线路\n"
      "绕行。市民可以通过热线电话查询新的线路安排。\n\n"
      "吴雪梅\n西山港\n\n"
      "新桥今日正式建成通车，全长一千二百米，双向\n"
      "六车道。交通部门表示，将在桥头增设指示牌和\n"
      "临时站点，方便市民出行。\n");
  BOOST_REQUIRE(d.articles.size() == 2u);
  BOOST_TEST(d.articles[1].headline == "吴雪梅 / 西山港");
  BOOST_TEST(d.articles[1].uncertain);
  BOOST_TEST(d.articles[1].notes == Notes{"headline reads as a section label"});
}

BOOST_AUTO_TEST_CASE(the_same_byline_twice_is_two_stories) {
  auto d = parse_page(
      "新桥今日建成通车\n"
      "本报记者 王明\n"
      "本报记者 王明\n\n"
      "新桥今日正式建成通车，全长一千二百米，双向\n"
      "六车道。旧桥明年起改建，工期两年，改建期间\n"
      "公交线路绕行。交通部门表示，将在桥头增设指\n"
      "示牌和临时站点，方便市民出行。\n");
  BOOST_REQUIRE(d.articles.size() == 1u);
  BOOST_TEST(d.articles[0].notes == Notes{"the same byline twice"});
}

BOOST_AUTO_TEST_CASE(headlines_over_each_others_text) {
  auto d = parse_page(
      "Ferry fares rise in June\n"
      "By Ann Lee\n\n"
      "The town library will close at five on weekdays\n"
      "from next month. Library staff say the later hours\n"
      "cost more than they bring, and students will lose\n"
      "their quiet evening room at the library.\n\n"
      "Library hours cut at five\n"
      "By Tom Reed\n\n"
      "The ferry company says its ferry fares will go up\n"
      "in June by a tenth on every crossing. Ferry riders\n"
      "who cross daily will pay most, and the ferry firm\n"
      "has not said what the fares buy.\n");
  BOOST_REQUIRE(d.articles.size() == 2u);
  for (const auto& a : d.articles) {
    BOOST_TEST(a.uncertain, a.headline);
    BOOST_TEST(a.notes == Notes{"headline reads more like another article's text"}, a.headline);
  }
}

BOOST_AUTO_TEST_CASE(a_sub_head_that_heads_its_own_story) {
  // Alike enough on both sides to be taken for a sub-head (shared words of the council), but
  // each heading fits only its own side.
  auto d = parse_page(
      "Ferry fares rise in June\n\n"
      "The ferry company said on Monday that ferry fares\n"
      "will go up in June by a tenth on every crossing,\n"
      "the council said. Ferry riders will pay most.\n"
      "The council said the town would see the change.\n\n"
      "Library hours cut at five\n"
      "The town library will close at five on weekdays,\n"
      "the council said on Monday. Library staff said\n"
      "the library hours cost more than they bring.\n"
      "The council said the town would see the change.\n");
  BOOST_REQUIRE(d.articles.size() == 1u);
  BOOST_TEST(d.articles[0].uncertain);
  BOOST_TEST(d.articles[0].notes ==
             Notes{"a sub-head heads the text after it better than the headline"});
}

BOOST_AUTO_TEST_CASE(a_page_mostly_in_doubt_doubts_the_rest) {
  // Three of four stories hold a paragraph that starts mid-sentence; the fourth looks whole
  // but was read from the same text.
  auto d = parse_page(
      "Harbour dredging starts in May\nBy Ann Lee\n\n"
      "The harbour board will start dredging the main\n"
      "channel in May, a month earlier than it planned.\n"
      "Ships will use the north berth while it works.\n\n"
      "Bus routes change\nBy Tom Reed\n\n"
      "The new timetable cuts the evening service on\n"
      "three of the busiest routes in the town.\n\n"
      "and riders who finish late now wait an hour\nfor a bus home, the operator said.\n\n"
      "Library hours cut\nBy Jo Park\n\n"
      "The town library will close at five on weekdays\n"
      "from next month, the council said on Monday.\n\n"
      "while students lose their quiet room in the\nevening, the librarians said in a letter.\n\n"
      "Ferry fares go up\nBy Mia Cole\n\n"
      "The ferry company says its fares will go up in\n"
      "June by a tenth on every crossing this summer.\n\n"
      "but riders who cross daily will pay the most,\nand the company has not said what it "
      "buys.\n");
  BOOST_REQUIRE(d.articles.size() == 4u);
  BOOST_TEST(d.articles[0].headline == "Harbour dredging starts in May");
  BOOST_TEST(d.articles[0].notes == Notes{"most articles on the page are in doubt"});
  for (size_t k = 1; k < 4; ++k)
    BOOST_TEST(d.articles[k].notes == Notes{"a paragraph starts mid-sentence"}, k);
  for (const auto& a : d.articles) BOOST_TEST(a.uncertain);
  // Half the page in doubt is not enough: the clean page's stories stay certain beside them.
  auto half = parse_page(std::string(kClean) + "\n" +
                         "Bus routes change\nBy Tom Reed\n\n"
                         "The new timetable cuts the evening service on\n"
                         "three of the busiest routes in the town.\n\n"
                         "and riders who finish late now wait an hour\n"
                         "for a bus home, the operator said.\n");
  BOOST_REQUIRE(half.articles.size() == 3u);
  BOOST_TEST(!half.articles[0].uncertain);
  BOOST_TEST(!half.articles[1].uncertain);
  BOOST_TEST(half.articles[2].uncertain);
}

BOOST_AUTO_TEST_SUITE_END()
