#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "parse/parse.hpp"
#include "parse/pdf_layout.hpp"
#include "parse/pdf_parser.hpp"
#include "parse/pdf_reader.hpp"

using namespace tally::parse;

BOOST_AUTO_TEST_SUITE(pdf)

BOOST_AUTO_TEST_CASE(printed_dates) {
  BOOST_TEST(find_printed_date("Friday, August 14, 2026 Chennai")->iso() == "2026-08-14");
  BOOST_TEST(find_printed_date("Monday 3 March 2025")->iso() == "2025-03-03");
  BOOST_TEST(find_printed_date("2024年10月16日 星期三")->iso() == "2024-10-16");
  BOOST_TEST(find_printed_date("2024 年 10 月 16 日")->iso() == "2024-10-16");
  BOOST_TEST(find_printed_date("2025-07-22 05")->iso() == "2025-07-22");
  BOOST_TEST(!find_printed_date("Page 8 Editorial"));
  BOOST_TEST(!find_printed_date("2024年13月40日"));
}

BOOST_AUTO_TEST_CASE(pdf_paths) {
  BOOST_TEST(is_pdf_path("page.pdf"));
  BOOST_TEST(is_pdf_path("PAGE.PDF"));
  BOOST_TEST(!is_pdf_path("page.pdf.txt"));
  BOOST_TEST(!is_pdf_path("pdf"));
}

// A span inside one extracted line gets the box of its own characters; across lines, the
// union of the lines.
BOOST_AUTO_TEST_CASE(span_boxes) {
  Document doc;
  PlacedLine a;
  a.span = {0, 5};  // "ab cd"
  a.page = 2;
  a.x0 = 10, a.y0 = 100, a.x1 = 60, a.y1 = 110;
  a.edges = {10, 20, 30, 35, 45, 60};
  PlacedLine b;
  b.span = {6, 8};  // "ef"
  b.page = 2;
  b.x0 = 5, b.y0 = 112, b.x1 = 25, b.y1 = 122;
  b.edges = {5, 15, 25};
  doc.placed = {a, b};
  auto one = doc.box_of({3, 5});
  BOOST_REQUIRE(one);
  BOOST_TEST(one->page == 2);
  BOOST_TEST(one->x0 == 35);
  BOOST_TEST(one->x1 == 60);
  BOOST_TEST(one->y0 == 100);
  auto two = doc.box_of({3, 8});
  BOOST_REQUIRE(two);
  BOOST_TEST(two->x0 == 5);
  BOOST_TEST(two->x1 == 60);
  BOOST_TEST(two->y1 == 122);
  BOOST_TEST(!doc.box_of({5, 6}));  // the line break between them
}

BOOST_AUTO_TEST_CASE(unreadable_pdf_is_an_input_error) {
  auto r = load_pdf("/nonexistent/page.pdf");
  BOOST_TEST(!r.source);
  BOOST_REQUIRE(r.error);
  BOOST_TEST(r.error->message == "not a readable PDF");
}

// A real page, when ../shared is there: the masthead date and the Chinese front page's six
// articles with their headlines.
BOOST_AUTO_TEST_CASE(shared_chinese_page) {
  std::string path = std::string(TALLY_SOURCE_DIR) + "/../shared/pages/cnoocpress-20241016-01.pdf";
  if (!std::filesystem::exists(path)) {
    BOOST_TEST_MESSAGE("skipped: " << path << " is absent");
    return;
  }
  auto loaded = load_pdf(path);
  BOOST_REQUIRE(loaded.source);
  auto doc = parse_document(*loaded.source);
  BOOST_TEST(format_name(doc.format) == std::string("pdf"));
  BOOST_REQUIRE(doc.publication_date);
  BOOST_TEST(doc.publication_date->iso() == "2024-10-16");
  BOOST_REQUIRE(doc.articles.size() == 6u);
  BOOST_TEST(doc.articles[1].headline == "中国海油党组召开2024年下半年巡视动员部署会");
  BOOST_TEST(doc.articles[5].headline == "“深海一号”二期完成首船原油外输");
  BOOST_TEST(!doc.articles[5].uncertain);
}

BOOST_AUTO_TEST_SUITE_END()
