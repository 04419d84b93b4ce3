#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

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

// A hostile MediaBox: the layout works a cell per point, so a page of 1e8 pt is refused at the
// reader (it cost gigabytes) with its size in the message.
BOOST_AUTO_TEST_CASE(page_larger_than_pdf_allows_is_an_input_error) {
  auto path = std::filesystem::temp_directory_path() / "tally-huge-page.pdf";
  {
    std::ofstream f(path, std::ios::binary);
    f << "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
         "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
         "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 100000000 100000000]>>endobj\n"
         "trailer<</Root 1 0 R>>\n%%EOF\n";
  }
  auto r = load_pdf(path.string());
  std::filesystem::remove(path);
  BOOST_TEST(!r.source);
  BOOST_REQUIRE(r.error);
  BOOST_TEST(r.error->message ==
             "page 1 is 100000000 x 100000000 pt, larger than the 14400 pt a PDF page may be");
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

namespace {

// A printed line for lay_out: `width` points wide from (x, y); a word space half as wide as
// a letter.
PdfLine printed(double x, double y, double width, const std::string& text, double size,
                bool bold = false, const std::string& font = "Serif", bool italic = false) {
  PdfLine l;
  l.box = {x, y, x + width, y + size};
  l.size = size;
  l.bold = bold;
  l.italic = italic;
  l.font = bold ? font + "-Bold" : font;
  l.text = text;
  std::vector<double> advance;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) advance.push_back(c == ' ' ? 0.5 : 1.0);
  double total = 0;
  for (double a : advance) total += a;
  double at = x;
  for (double a : advance) {
    l.edges.push_back(at);
    at += width * a / total;
  }
  l.edges.push_back(x + width);
  return l;
}

// `n` full-measure lines of text from (x, y), `lead` apart.
void column(PdfPage& p, double x, double y, int n, const std::string& first, double size = 9.5,
            double lead = 11.4) {
  for (int i = 0; i < n; ++i)
    p.lines.push_back(printed(x, y + i * lead, 150, i == 0 ? first : "and more of the letter runs",
                              size, false, "Letters"));
}

std::string first_text(const LaidBlock& b) {
  return b.lines.empty() ? "" : b.lines.front().text;
}

}  // namespace

// A letters strip is read in column order: a letter runs on from the foot of one column to
// the head of the next; its writer's name and place (smaller) end it, and the text after
// them with no heading of its own is the next letter.
BOOST_AUTO_TEST_CASE(letters_strip_in_column_order) {
  PdfPage p;
  p.width = 600;
  p.height = 800;
  p.lines.push_back(printed(40, 480, 200, "LETTERS TO THE EDITOR", 13, true));
  p.lines.push_back(printed(40, 505, 60, "Bus fares", 9, true));
  column(p, 40, 516, 12, "The new fares hit the");
  column(p, 210, 505, 4, "commuters who ride daily");
  p.lines.push_back(printed(210, 552, 60, "Jane Roe,", 8.5, true));
  p.lines.push_back(printed(210, 562, 50, "Riverton", 8));
  column(p, 210, 580, 7, "A second letter on fares");
  column(p, 380, 505, 3, "the council should act");
  p.lines.push_back(printed(380, 541, 50, "Tom Poe,", 8.5, true));
  p.lines.push_back(printed(380, 551, 50, "Eastmere", 8));
  auto out = lay_out({p});
  BOOST_REQUIRE_EQUAL(out.articles.size(), 2u);
  const auto& a = out.articles[0].blocks;
  BOOST_REQUIRE_EQUAL(a.size(), 5u);
  BOOST_TEST(static_cast<int>(a[0].type) == static_cast<int>(BlockType::Headline));
  BOOST_TEST(first_text(a[0]) == "Bus fares");
  BOOST_TEST(first_text(a[1]) == "The new fares hit the");
  BOOST_TEST(first_text(a[2]) == "commuters who ride daily");
  BOOST_TEST(static_cast<int>(a[3].type) == static_cast<int>(BlockType::SignOff));
  BOOST_TEST(first_text(a[3]) == "Jane Roe,");
  BOOST_TEST(first_text(a[4]) == "Riverton");
  const auto& b = out.articles[1].blocks;
  BOOST_REQUIRE_EQUAL(b.size(), 4u);
  BOOST_TEST(first_text(b[0]) == "A second letter on fares");
  BOOST_TEST(first_text(b[1]) == "the council should act");
  BOOST_TEST(first_text(b[2]) == "Tom Poe,");
  BOOST_TEST(first_text(b[3]) == "Eastmere");
  BOOST_REQUIRE_EQUAL(out.furniture.size(), 1u);
  BOOST_TEST(out.furniture[0].text == "LETTERS TO THE EDITOR");
}

// Display type inside a column that ends in a full stop is a pull quote in the story, not
// the headline of another; a centred masthead over the first headline heads the page.
BOOST_AUTO_TEST_CASE(pull_quote_and_masthead) {
  PdfPage p;
  p.width = 600;
  p.height = 800;
  p.lines.push_back(printed(230, 40, 140, "The Courier", 30, true));
  p.lines.push_back(printed(40, 76, 80, "Friday, August 14, 2026", 8));
  p.lines.push_back(printed(40, 96, 300, "Rents rise in Port Alder", 20, true));
  column(p, 40, 125, 20, "Rents in the town rose", 9, 11);
  column(p, 210, 125, 5, "by a tenth, the agency", 9, 11);
  p.lines.push_back(
      printed(210, 186, 150, "\xE2\x80\x9CWe will publish every", 14, false, "Serif", true));
  p.lines.push_back(printed(210, 202, 120, "number.\xE2\x80\x9D", 14, false, "Serif", true));
  column(p, 210, 226, 10, "The next meeting is set", 9, 11);
  auto out = lay_out({p});
  BOOST_REQUIRE_EQUAL(out.articles.size(), 1u);
  const auto& a = out.articles[0].blocks;
  BOOST_REQUIRE_EQUAL(a.size(), 5u);
  BOOST_TEST(first_text(a[0]) == "Rents rise in Port Alder");
  BOOST_TEST(static_cast<int>(a[0].type) == static_cast<int>(BlockType::Headline));
  BOOST_TEST(first_text(a[1]) == "Rents in the town rose");
  BOOST_TEST(first_text(a[2]) == "by a tenth, the agency");
  BOOST_TEST(static_cast<int>(a[3].type) == static_cast<int>(BlockType::Caption));
  BOOST_TEST(first_text(a[4]) == "The next meeting is set");
  BOOST_REQUIRE(out.date);
  BOOST_TEST(out.date->iso() == "2026-08-14");
  BOOST_TEST(out.furniture.front().text == "The Courier");
}

// poppler's reading order may put another column's words between two words of a headline:
// the fragments on one baseline, closer than a gutter, are one line again.
BOOST_AUTO_TEST_CASE(line_fragments_rejoin) {
  PdfPage p;
  p.width = 600;
  p.height = 800;
  p.lines.push_back(printed(40, 100, 36, "Why", 17, true));
  column(p, 210, 100, 6, "Text of the next column");
  p.lines.push_back(printed(80, 100, 60, "library", 17, true));
  p.lines.push_back(printed(40, 120, 120, "loans matter", 17, true));
  column(p, 40, 150, 8, "The library lent more books");
  auto out = lay_out({p});
  BOOST_REQUIRE(!out.articles.empty());
  const auto& head = out.articles[0].blocks[0];
  BOOST_REQUIRE_EQUAL(head.lines.size(), 2u);
  BOOST_TEST(head.lines[0].text == "Why library");
  BOOST_TEST(head.lines[0].edges.size() == 12u);  // 11 characters and the right end
  BOOST_TEST(head.lines[0].box.x1 == 140);
  BOOST_TEST(head.lines[1].text == "loans matter");
}

BOOST_AUTO_TEST_SUITE_END()
