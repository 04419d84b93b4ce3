// A PDF input in the HTML report: the PNG encoder read back by zlib (every filter undone gives the
// pixels again), the boxes' markup, and the report of tests/e2e/samples/page.pdf: its two pages
// drawn, each finding's box where the JSON says, linked to its card and back.
#include <zlib.h>

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <regex>
#include <sstream>

#include "parse/parse.hpp"
#include "parse/pdf_parser.hpp"
#include "parse/pdf_render.hpp"
#include "report/html_format.hpp"
#include "report/png.hpp"
#include "report/writer.hpp"

using namespace tally;

namespace {

uint32_t be32(const std::string& s, size_t at) {
  return static_cast<uint32_t>(static_cast<uint8_t>(s[at])) << 24 |
         static_cast<uint32_t>(static_cast<uint8_t>(s[at + 1])) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(s[at + 2])) << 8 |
         static_cast<uint32_t>(static_cast<uint8_t>(s[at + 3]));
}

// The pixels of a greyscale PNG of one IDAT, every row's filter undone, four-bit pixels
// unpacked to 0..15.
std::vector<uint8_t> decode_gray(const std::string& png, int& w, int& h) {
  BOOST_REQUIRE(png.compare(0, 8, std::string("\x89PNG\r\n\x1a\n", 8)) == 0);
  BOOST_REQUIRE(png.compare(12, 4, "IHDR") == 0);
  w = static_cast<int>(be32(png, 16));
  h = static_cast<int>(be32(png, 20));
  const int bits = png[24];
  BOOST_REQUIRE((bits == 8 || bits == 4));
  BOOST_REQUIRE(png[25] == 0);  // greyscale
  const int pixels_wide = w;
  if (bits == 4) w = (w + 1) / 2;  // bytes a row
  size_t at = 33;
  BOOST_REQUIRE(png.compare(at + 4, 4, "IDAT") == 0);
  uint32_t len = be32(png, at);
  // The chunk's CRC covers its type and data.
  uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(png.data() + at + 4), len + 4);
  BOOST_TEST(be32(png, at + 8 + len) == static_cast<uint32_t>(crc));
  std::vector<uint8_t> raw(static_cast<size_t>((w + 1) * h));
  uLongf size = static_cast<uLongf>(raw.size());
  BOOST_REQUIRE(uncompress(raw.data(), &size, reinterpret_cast<const Bytef*>(png.data() + at + 8),
                           len) == Z_OK);
  BOOST_REQUIRE(size == raw.size());
  BOOST_TEST(png.compare(png.size() - 8, 4, "IEND") == 0);
  std::vector<uint8_t> px(static_cast<size_t>(w * h));
  for (int y = 0; y < h; ++y) {
    int f = raw[static_cast<size_t>(y * (w + 1))];
    for (int x = 0; x < w; ++x) {
      int v = raw[static_cast<size_t>(y * (w + 1) + 1 + x)];
      int a = x ? px[static_cast<size_t>(y * w + x - 1)] : 0;
      int b = y ? px[static_cast<size_t>((y - 1) * w + x)] : 0;
      int c = x && y ? px[static_cast<size_t>((y - 1) * w + x - 1)] : 0;
      int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
      int pred = f == 0   ? 0
                 : f == 1 ? a
                 : f == 2 ? b
                 : f == 3 ? (a + b) / 2
                          : (pa <= pb && pa <= pc ? a
                             : pb <= pc           ? b
                                                  : c);
      px[static_cast<size_t>(y * w + x)] = static_cast<uint8_t>(v + pred);
    }
  }
  if (bits == 8) return px;
  std::vector<uint8_t> out(static_cast<size_t>(pixels_wide * h));
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < pixels_wide; ++x) {
      uint8_t b = px[static_cast<size_t>(y * w + x / 2)];
      out[static_cast<size_t>(y * pixels_wide + x)] = x % 2 ? b & 15 : b >> 4;
    }
  w = pixels_wide;
  return out;
}

std::string sample_pdf() {
  return std::string(TALLY_SOURCE_DIR) + "/tests/e2e/samples/page.pdf";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(html_pdf)

BOOST_AUTO_TEST_CASE(png_round_trip) {
  // Rows that favour each filter: flat, a ramp, a repeat of the row above, noise.
  const int w = 37, h = 9;
  std::vector<uint8_t> px(w * h);
  uint32_t seed = 7;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      seed = seed * 1103515245 + 12345;
      uint8_t v = y == 0   ? 255
                  : y == 1 ? static_cast<uint8_t>(x * 7)
                  : y == 2 ? px[static_cast<size_t>(w + x)]
                  : y < 6  ? static_cast<uint8_t>(seed >> 16)
                           : static_cast<uint8_t>(x * y);
      px[static_cast<size_t>(y * w + x)] = v;
    }
  int dw = 0, dh = 0;
  auto back = decode_gray(report::png_gray(px.data(), w, h), dw, dh);
  BOOST_TEST(dw == w);
  BOOST_TEST(dh == h);
  BOOST_TEST(back == px);
  // Sixteen greys: each pixel to its nearest level, an odd width's last byte half used.
  auto four = decode_gray(report::png_gray(px.data(), w, h, 4), dw, dh);
  BOOST_TEST(dw == w);
  BOOST_TEST(dh == h);
  std::vector<uint8_t> levels;
  for (uint8_t v : px) levels.push_back(static_cast<uint8_t>((v * 15 + 127) / 255));
  BOOST_TEST(four == levels);
  BOOST_TEST(levels[0] == 15);  // white
}

BOOST_AUTO_TEST_CASE(base64_of_every_tail) {
  BOOST_TEST(report::base64("") == "");
  BOOST_TEST(report::base64("M") == "TQ==");
  BOOST_TEST(report::base64("Ma") == "TWE=");
  BOOST_TEST(report::base64("Man") == "TWFu");
  BOOST_TEST(report::base64(std::string("\xff\x00\xfe", 3)) == "/wD+");
}

BOOST_AUTO_TEST_CASE(boxes_in_percent_linked_to_their_cards) {
  report::HtmlPageImage page{2, 200, 400, "PNG"};
  std::vector<report::HtmlBox> boxes = {
      {2, 20, 40, 70, 50, "f1-3", "error", "count.enumeration: \"three\" <4>", false},
      {2, 10, 60, 190, 84, "f1-3", "error", "4 items", true},
      {1, 0, 0, 5, 5, "f1-1", "info", "on another page", false},
      {2, -5, 390, 250, 420, "f1-4", "warning", "off the edge", false},
  };
  auto html = report::pdf_pages_html({page}, boxes, report::html_strings("en"));
  BOOST_TEST(
      html ==
          "<div class=\"pdfpages\"><figure class=\"pdfpage\" data-page=\"2\" data-width=\"200\" "
          "data-height=\"400\"><figcaption>PDF page 2</figcaption><div class=\"sheet\"><img "
          "alt=\"PDF page 2\" src=\"data:image/png;base64,UE5H\">"
          // The related span under the finding's own box.
          "<a class=\"box error rel\" href=\"#f1-3\" data-f=\"f1-3\" title=\"4 items\" "
          "style=\"left:5.000%;top:15.000%;width:90.000%;height:6.000%\" "
          "data-pos=\"left:5.000%;top:15.000%;width:90.000%;height:6.000%\"></a>"
          "<a class=\"box error\" id=\"b-f1-3\" href=\"#f1-3\" data-f=\"f1-3\" "
          "title=\"count.enumeration: &quot;three&quot; &lt;4&gt;\" "
          "style=\"left:10.000%;top:10.000%;width:25.000%;height:2.500%\" "
          "data-pos=\"left:10.000%;top:10.000%;width:25.000%;height:2.500%\"></a>"
          // Cut to the page.
          "<a class=\"box warning\" id=\"b-f1-4\" href=\"#f1-4\" data-f=\"f1-4\" "
          "title=\"off the edge\" style=\"left:0.000%;top:97.500%;width:100.000%;"
          "height:2.500%\" data-pos=\"left:0.000%;top:97.500%;width:100.000%;height:2.500%\">"
          "</a></div></figure></div>",
      html);
}

BOOST_AUTO_TEST_CASE(sample_pages_render) {
  auto r = parse::render_pdf_pages(sample_pdf(), {2, 1, 7}, 1100);
  BOOST_TEST(r.error == "");
  BOOST_REQUIRE(r.pages.size() == 2u);  // no page 7
  BOOST_TEST(r.pages[0].page == 2);
  BOOST_TEST(r.pages[0].width_pt == 595);
  BOOST_TEST(r.pages[0].height_pt == 842);
  // An A4 page is drawn 1100 pixels wide (under twice its size in points).
  BOOST_TEST(r.pages[0].width == 1100);
  BOOST_TEST(r.pages[0].height == 1557);
  size_t dark = 0;
  for (uint8_t v : r.pages[1].gray) dark += v < 128;
  BOOST_TEST(dark > 5000u);  // type, not a blank page
  auto bad = parse::render_pdf_pages("/nonexistent/page.pdf", {1}, 1100);
  BOOST_TEST(bad.error == "not a readable PDF");
  BOOST_TEST(bad.pages.empty());
}

// The whole report of the sample page: every finding's box, at the place the JSON gives, on the
// page its card names.
BOOST_AUTO_TEST_CASE(report_of_a_pdf) {
  auto loaded = parse::load_pdf(sample_pdf());
  BOOST_REQUIRE(loaded.source);
  const auto& src = *loaded.source;
  auto doc = parse::parse_document(src);
  text::LineIndex index(src.bytes);
  auto at = [&](std::string_view needle) {
    auto b = static_cast<uint32_t>(src.bytes.find(needle));
    return Span{b, b + static_cast<uint32_t>(needle.size())};
  };
  report::Finding a, b;
  a.rule = "count.enumeration";
  a.severity = report::Severity::Error;
  a.message = "three towns, four listed";
  a.span = at("three towns");
  a.related = {{at("Alder Point"), "4 items", {}}};
  b.rule = "quote.unbalanced";
  b.severity = report::Severity::Warning;
  b.message = "unbalanced";
  b.span = at("\"We");
  std::vector<report::Finding> findings = {a, b};
  report::FileReport rep{
      src.path, std::nullopt, report::locate_all(findings, src.bytes, index), {}, {}};
  std::ostringstream out, err;
  report::WriterOptions o;
  o.err = &err;
  auto writer = report::find_output_format("html")->make(out, o);
  writer->file({rep, &doc, src.bytes, &index});
  report::RunTotals totals;
  totals.files = 1;
  writer->finish(totals);
  std::string html = out.str();
  std::smatch m;
  std::vector<std::string> pages;
  const std::regex page_re("data-page=\"(\\d)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), page_re);
       it != std::sregex_iterator(); ++it)
    pages.push_back((*it)[1]);
  BOOST_TEST(pages == (std::vector<std::string>{"1", "2"}));
  // Each card names its page and links to its box; each box links back.
  for (size_t i = 0; i < findings.size(); ++i) {
    auto box = doc.box_of(findings[i].span);
    BOOST_REQUIRE(box);
    std::string id = "f1-" + std::to_string(i + 1);
    BOOST_TEST(html.find("<a class=\"onpage\" href=\"#b-" + id + "\">PDF page " +
                         std::to_string(box->page) + "</a>") != std::string::npos);
    std::regex style("id=\"b-" + id + "\" href=\"#" + id +
                     "\"[^>]*style=\"left:([0-9.]+)%;top:([0-9.]+)%;width:([0-9.]+)%");
    BOOST_REQUIRE(std::regex_search(html, m, style));
    BOOST_TEST(std::fabs(std::stod(m[1]) - 100 * box->x0 / 595) < 0.001);
    BOOST_TEST(std::fabs(std::stod(m[2]) - 100 * box->y0 / 842) < 0.001);
    BOOST_TEST(std::fabs(std::stod(m[3]) - 100 * (box->x1 - box->x0) / 595) < 0.001);
  }
  BOOST_TEST(doc.box_of(a.span)->page == 1);
  BOOST_TEST(doc.box_of(b.span)->page == 2);
  BOOST_TEST(
      html.find("class=\"box error rel\" href=\"#f1-1\" data-f=\"f1-1\" title=\"4 items\"") !=
      std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
