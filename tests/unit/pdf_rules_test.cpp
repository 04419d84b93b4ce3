// The rules a PDF page draws as layout evidence (parse/pdf_rules.hpp, pdf_layout.cpp): a rule
// between rows cuts a headline's reach, a box holds one story, rules framing display type in
// running text make it a pull quote. Pages are built here line by line; the reading of rules
// from a real PDF is covered by the generated pages (ctest pdf_pages).
#include "parse/pdf_rules.hpp"

#include <boost/test/unit_test.hpp>

#include "parse/pdf_layout.hpp"

using namespace tally::parse;

namespace {

PdfLine line(double x, double y, double width, const std::string& text, double size,
             bool bold = false) {
  PdfLine l;
  l.box = {x, y, x + width, y + size};
  l.size = size;
  l.bold = bold;
  l.font = bold ? "Serif-Bold" : "Serif";
  l.text = text;
  for (size_t i = 0; i < text.size(); ++i)
    l.edges.push_back(x + width * static_cast<double>(i) / static_cast<double>(text.size()));
  l.edges.push_back(x + width);
  return l;
}

// `n` lines of body text, 150 points wide, from (x, y), 11 points apart.
void text(PdfPage& p, double x, double y, int n, const std::string& first) {
  for (int i = 0; i < n; ++i)
    p.lines.push_back(line(x, y + i * 11, 150, i == 0 ? first : "and the text runs on here", 9));
}

PdfRule hrule(double x0, double x1, double y) {
  return PdfRule{{x0, y - 0.3, x1, y + 0.3}, false};
}
PdfRule vrule(double x, double y0, double y1) {
  return PdfRule{{x - 0.2, y0, x + 0.2, y1}, true};
}

std::string first(const LaidBlock& b) {
  return b.lines.empty() ? "" : b.lines.front().text;
}

// Row one: a headline across three columns over a short story in the first; a rule across the
// page; row two: a one-column headline over the first column, its text running on into the
// second, which has no headline over it in its row.
PdfPage two_rows(bool ruled) {
  PdfPage p;
  p.width = 600;
  p.height = 800;
  p.lines.push_back(line(40, 40, 420, "Council backs the harbour plan", 22, true));
  text(p, 40, 72, 5, "The council voted on Monday");
  text(p, 210, 72, 5, "Its members said the plan");
  text(p, 380, 72, 5, "The vote came after weeks");
  p.lines.push_back(line(40, 150, 150, "Ferry fares rise", 16, true));
  text(p, 40, 176, 12, "Fares on the morning ferry");
  text(p, 210, 176, 8, "commuters who cross daily");
  if (ruled) {
    p.rules.push_back(hrule(40, 530, 140));
    p.rules.push_back(vrule(370, 176, 310));
  }
  return p;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pdf_rules)

BOOST_AUTO_TEST_CASE(rule_between_rows_and_columns) {
  std::vector<PdfRule> rules = {hrule(40, 530, 140), vrule(370, 176, 310)};
  Box head{40, 40, 540, 62}, low{210, 176, 360, 264}, right{380, 176, 530, 264};
  BOOST_TEST(rule_between_rows(rules, head, low, 9));
  BOOST_TEST(!rule_between_rows(rules, Box{40, 150, 190, 166}, Box{40, 176, 190, 300}, 9));
  BOOST_TEST(rule_between_columns(rules, low, right, 9));
  BOOST_TEST(!rule_between_columns(rules, Box{40, 176, 190, 300}, low, 9));
  // A rule covering a third of the blocks' shared width separates nothing.
  BOOST_TEST(!rule_between_rows({hrule(40, 200, 140)}, head, Box{40, 176, 540, 300}, 9));
}

BOOST_AUTO_TEST_CASE(boxes_from_four_rules) {
  std::vector<PdfRule> rules = {hrule(100, 400, 100), hrule(100, 400, 300), vrule(100, 100, 300),
                                vrule(400, 100, 300), hrule(20, 580, 500)};
  auto boxes = ruled_boxes(rules, 9);
  BOOST_REQUIRE_EQUAL(boxes.size(), 1u);
  BOOST_TEST(boxes[0].x0 == 100);
  BOOST_TEST(boxes[0].y1 == 300);
  BOOST_TEST(box_inside(Box{110, 120, 390, 290}, boxes[0], 1));
  BOOST_TEST(!box_inside(Box{110, 120, 410, 290}, boxes[0], 1));
}

// A box drawn 200 times over is one box; a grid of hundreds of boxes is no layout's, and no
// box is taken from it (bounded work on a hostile page).
BOOST_AUTO_TEST_CASE(boxes_drawn_over_and_over) {
  std::vector<PdfRule> rules;
  for (int i = 0; i < 200; ++i)
    for (auto r :
         {hrule(100, 400, 100), hrule(100, 400, 300), vrule(100, 100, 300), vrule(400, 100, 300)})
      rules.push_back(r);
  auto boxes = ruled_boxes(rules, 9);
  BOOST_REQUIRE_EQUAL(boxes.size(), 1u);
  BOOST_TEST(boxes[0].x0 == 100);
  rules.clear();
  // 17 x 17 cells of 30 pt, each ruled on its own (shared sides drawn once per cell): 289 boxes.
  for (int r = 0; r < 17; ++r)
    for (int c = 0; c < 17; ++c)
      for (auto x :
           {hrule(30.0 * c, 30.0 * c + 30, 30.0 * r), hrule(30.0 * c, 30.0 * c + 30, 30.0 * r + 30),
            vrule(30.0 * c, 30.0 * r, 30.0 * r + 30),
            vrule(30.0 * c + 30, 30.0 * r, 30.0 * r + 30)})
        rules.push_back(x);
  BOOST_TEST(ruled_boxes(rules, 9).empty());
  rules.resize(4 * 16);  // the first 16 cells: a handful of boxes, kept
  BOOST_TEST(ruled_boxes(rules, 9).size() == 16u);
}

// Without rules the second column of row two is joined to its story by its neighbour; with
// them, the rule across the page tells the same and the column rule keeps the third column of
// row one out. Both ways it is the ferry story's; ruled, it is certain.
BOOST_AUTO_TEST_CASE(rule_cuts_a_headlines_reach) {
  for (bool ruled : {false, true}) {
    auto out = lay_out({two_rows(ruled)});
    BOOST_REQUIRE_EQUAL(out.articles.size(), 2u);
    const auto& ferry = out.articles[1];
    BOOST_REQUIRE_EQUAL(ferry.blocks.size(), 3u);
    BOOST_TEST(first(ferry.blocks[0]) == "Ferry fares rise");
    BOOST_TEST(first(ferry.blocks[1]) == "Fares on the morning ferry");
    BOOST_TEST(first(ferry.blocks[2]) == "commuters who cross daily");
    BOOST_TEST(ferry.confidence >= 0.75, "ruled " << ruled << ": " << ferry.confidence);
    BOOST_TEST(out.articles[0].blocks.size() == 4u);
  }
}

// A sidebar in a ruled box: its headline over the first column only, its text in two; the
// column rule beside the box and the box keep the next module's text out.
BOOST_AUTO_TEST_CASE(box_holds_one_story) {
  PdfPage p;
  p.width = 600;
  p.height = 800;
  p.lines.push_back(line(40, 40, 140, "Tide tables", 16, true));
  text(p, 40, 66, 10, "High water at the harbour");
  text(p, 210, 40, 12, "moves later each day this");
  p.lines.push_back(line(390, 40, 150, "Bridge repairs start", 16, true));
  text(p, 390, 66, 12, "Work on the old bridge");
  p.rules = {hrule(34, 366, 34), hrule(34, 366, 176), vrule(34, 34, 176), vrule(366, 34, 176),
             vrule(378, 34, 200)};
  auto out = lay_out({p});
  BOOST_REQUIRE_EQUAL(out.articles.size(), 2u);
  const auto& side = out.articles[0];
  BOOST_REQUIRE_EQUAL(side.blocks.size(), 3u);
  BOOST_TEST(first(side.blocks[2]) == "moves later each day this");
  BOOST_TEST(side.confidence >= 0.75, side.confidence);
  BOOST_REQUIRE_EQUAL(out.articles[1].blocks.size(), 2u);
}

// Display type cut mid-sentence (no full stop) between two rules in a column of running text
// is a pull quote in the story; without the rules it reads as a headline.
BOOST_AUTO_TEST_CASE(rules_frame_a_pull_quote) {
  for (bool ruled : {false, true}) {
    PdfPage p;
    p.width = 600;
    p.height = 800;
    p.lines.push_back(line(40, 40, 320, "Rents rise in Port Alder", 20, true));
    text(p, 40, 70, 20, "Rents in the town rose by");
    text(p, 210, 70, 5, "a tenth, the agency said");
    p.lines.push_back(line(210, 134, 150, "\xE2\x80\x9CWe will publish", 14));
    p.lines.push_back(line(210, 150, 150, "every number we", 14));
    text(p, 210, 180, 10, "The next meeting is set");
    if (ruled) {
      p.rules.push_back(hrule(210, 360, 127));
      p.rules.push_back(hrule(210, 360, 170));
    }
    auto out = lay_out({p});
    if (!ruled) {
      BOOST_TEST(out.articles.size() == 2u);
      continue;
    }
    BOOST_REQUIRE_EQUAL(out.articles.size(), 1u);
    const auto& a = out.articles[0].blocks;
    BOOST_REQUIRE_EQUAL(a.size(), 5u);
    BOOST_TEST(static_cast<int>(a[3].type) == static_cast<int>(BlockType::Caption));
    BOOST_TEST(first(a[3]) == "\xE2\x80\x9CWe will publish");
    BOOST_TEST(first(a[4]) == "The next meeting is set");
  }
}

// Two headlines of modules side by side, read as one line (the gutter between them narrower
// than a word gap), are cut where the column rule between the modules crosses them.
BOOST_AUTO_TEST_CASE(column_rule_cuts_a_line) {
  PdfPage p;
  p.width = 700;  // the second headline off the page's centre: no masthead
  p.height = 800;
  // 30 characters over 340 points: "Ferry fares rise" ends at 221.3, where the rule runs.
  p.lines.push_back(line(40, 40, 340, "Ferry fares riseBus routes cut", 18, true));
  text(p, 40, 70, 10, "Fares on the morning ferry");
  text(p, 230, 70, 10, "Two bus routes will close");
  p.rules.push_back(vrule(221, 36, 200));
  auto out = lay_out({p});
  BOOST_REQUIRE_EQUAL(out.articles.size(), 2u);
  BOOST_REQUIRE_EQUAL(out.articles[0].blocks.size(), 2u);
  BOOST_REQUIRE_EQUAL(out.articles[1].blocks.size(), 2u);
  BOOST_TEST(first(out.articles[0].blocks[0]) == "Ferry fares rise");
  BOOST_TEST(first(out.articles[0].blocks[1]) == "Fares on the morning ferry");
  BOOST_TEST(first(out.articles[1].blocks[0]) == "Bus routes cut");
  BOOST_TEST(first(out.articles[1].blocks[1]) == "Two bus routes will close");
  BOOST_TEST(out.articles[1].blocks[0].lines[0].box.x0 == 40 + 340.0 * 16 / 30);
}

BOOST_AUTO_TEST_SUITE_END()
