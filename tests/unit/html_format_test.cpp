// The HTML report's pieces, as exact HTML: escaping, a finding with related spans and a fix in
// its lines, long lines and far-apart lines, a fix of many edits, the chart; then whole pages:
// a draft holding "<script>" stays text, and an edition finding's two places link to each other.
#include "report/html_format.hpp"

#include <boost/test/unit_test.hpp>
#include <sstream>

#include "parse/parse.hpp"
#include "report/writer.hpp"
#include "text/source.hpp"

using namespace tally;
using report::HtmlMark;
using report::Related;
using tally::Span;

namespace {

report::LocatedFinding located(const report::Finding& f, std::string_view bytes,
                               const text::LineIndex& index) {
  return report::locate_all({f}, bytes, index).front();
}

std::string no_elsewhere(const Related&) {
  return "(none)";
}

// The span of the first `needle` in `bytes`.
Span span_of(std::string_view bytes, std::string_view needle) {
  auto at = static_cast<uint32_t>(bytes.find(needle));
  return {at, at + static_cast<uint32_t>(needle.size())};
}

std::string repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

size_t count_of(const std::string& s, std::string_view what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

// A run of `files` (path, bytes, findings) through the html writer, as `tally check` drives it.
std::string page_of(
    const std::vector<std::tuple<std::string, std::string, std::vector<report::Finding>>>& files) {
  std::ostringstream out, err;
  report::WriterOptions o;
  o.err = &err;
  auto writer = report::find_output_format("html")->make(out, o);
  report::RunTotals totals;
  for (const auto& [path, bytes, findings] : files) {
    auto src = text::make_source(path, bytes).source;
    auto doc = parse::parse_document(*src);
    text::LineIndex index(src->bytes);
    report::FileReport rep{
        path, std::nullopt, report::locate_all(findings, src->bytes, index), {}, {}};
    ++totals.files;
    for (const auto& f : findings) {
      ++totals.findings;
      totals.count(f);
    }
    writer->file({rep, &doc, src->bytes, &index});
  }
  writer->finish(totals);
  return out.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(html_format)

BOOST_AUTO_TEST_CASE(escapes_markup_quotes_and_bad_bytes) {
  BOOST_TEST(report::html_escape("<script>alert(\"x\" & 'y')</script>") ==
             "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
  BOOST_TEST(report::html_escape("分子\t1\n2") == "分子\t1\n2");
  BOOST_TEST(report::html_escape("a\xFF"
                                 "b\x01"
                                 "c\x7F") ==
             "a\xEF\xBF\xBD"
             "b\xEF\xBF\xBD"
             "c\xEF\xBF\xBD");
}

BOOST_AUTO_TEST_CASE(a_finding_with_related_spans_and_a_fix) {
  const std::string bytes =
      "Title\nOf 899 staff, 298 voted.\nThat is 32% of them <b>.\nEnd.\nMore.\nLast.\n";
  text::LineIndex index(bytes);
  report::Finding f;
  f.rule = "percent.recompute";
  f.severity = report::Severity::Error;
  f.message = "298 of 899 is 33.1%, not 32% <i>";
  f.span = span_of(bytes, "32%");
  f.fix = report::Fix{f.span, "33.1%", {}};
  f.related = {{span_of(bytes, "298"), "part", {}}, {span_of(bytes, "899"), "whole", {}}};
  auto l = located(f, bytes, index);
  auto html = report::finding_html({l, bytes, index, "f1-1", "en", {}}, report::html_strings("en"),
                                   no_elsewhere);
  BOOST_TEST(html ==
             "<div class=\"finding error\" id=\"f1-1\"><div class=\"head\"><a class=\"where\" "
             "href=\"#f1-1\">3:9</a> <span class=\"sev error\">error</span> <code "
             "class=\"rule\">percent.recompute</code></div><p class=\"msg\" lang=\"en\">298 of 899 "
             "is 33.1%, not 32% &lt;i&gt;</p><table class=\"ctx\" lang=\"en\">"
             "<tr><td class=\"n\">1</td><td class=\"t\">Title</td></tr>"
             "<tr><td class=\"n\">2</td><td class=\"t\">Of <mark class=\"rel\">899</mark><span "
             "class=\"label\">whole</span> staff, <mark class=\"rel\">298</mark><span "
             "class=\"label\">part</span> voted.</td></tr>"
             "<tr class=\"on\"><td class=\"n\">3</td><td class=\"t\">That is <mark "
             "class=\"hit\">32%</mark> of them &lt;b&gt;.</td></tr>"
             "<tr><td class=\"n\">4</td><td class=\"t\">End.</td></tr></table>"
             "<p class=\"fix\"><span class=\"what\">Fix</span> <del>32%</del><ins "
             "lang=\"en\">33.1%</ins></p></div>");
}

BOOST_AUTO_TEST_CASE(a_chinese_finding_in_the_chinese_page) {
  const std::string bytes = "共有 899 人参加，其中 298 人投票，占 32%。\n";
  text::LineIndex index(bytes);
  report::Finding f;
  f.rule = "percent.recompute";
  f.message = "按 298/899 计算应为 33.1%";
  f.span = span_of(bytes, "32%");
  f.related = {{span_of(bytes, "298"), "分子", {}}};
  auto l = located(f, bytes, index);
  auto html = report::finding_html({l, bytes, index, "f2-7", "zh", {}}, report::html_strings("zh"),
                                   no_elsewhere);
  BOOST_TEST(html ==
             "<div class=\"finding warning\" id=\"f2-7\"><div class=\"head\"><a class=\"where\" "
             "href=\"#f2-7\">1:25</a> <span class=\"sev warning\">警告</span> <code "
             "class=\"rule\">percent.recompute</code></div><p class=\"msg\" lang=\"zh\">按 "
             "298/899 计算应为 33.1%</p><table class=\"ctx\" lang=\"zh\"><tr class=\"on\"><td "
             "class=\"n\">1</td><td class=\"t\">共有 899 人参加，其中 <mark "
             "class=\"rel\">298</mark><span class=\"label\">分子</span> 人投票，占 <mark "
             "class=\"hit\">32%</mark>。</td></tr></table></div>");
}

BOOST_AUTO_TEST_CASE(far_lines_long_lines_and_overlaps) {
  std::string bytes = "headline 12 people\n";
  for (int i = 0; i < 9; ++i) bytes += "filler\n";
  bytes += std::string(500, 'x') + " 13 people " + std::string(500, 'y') + "\n";
  text::LineIndex index(bytes);
  uint32_t at = static_cast<uint32_t>(bytes.find("13"));
  std::vector<HtmlMark> marks{
      {{at, at + 9}, {}, true}, {{at + 3, at + 9}, "who", false}, {{9, 11}, "headline", false}};
  auto html = report::context_html(bytes, index, marks, "en", report::html_strings("en"));
  std::string xs(150, 'x'), ys(150, 'y');
  BOOST_TEST(html ==
             "<table class=\"ctx\" lang=\"en\"><tr><td class=\"n\">1</td><td "
             "class=\"t\">headline <mark class=\"rel\">12</mark><span "
             "class=\"label\">headline</span> people</td></tr><tr><td class=\"n\">2</td><td "
             "class=\"t\">filler</td></tr><tr class=\"gap\"><td class=\"n\">⋯</td><td "
             "class=\"t\">7 lines</td></tr><tr><td class=\"n\">10</td><td "
             "class=\"t\">filler</td></tr><tr class=\"on\"><td class=\"n\">11</td><td "
             "class=\"t\">…" +
                 xs.substr(0, 149) +
                 " <mark class=\"hit\">13 </mark><mark class=\"hit rel\">people</mark><span "
                 "class=\"label\">who</span>" +
                 " " + ys.substr(0, 149) + "…</td></tr></table>");
}

BOOST_AUTO_TEST_CASE(a_fix_of_many_edits_and_a_block_fix) {
  const std::string bytes = "会议指出,要坚持;各地要抓好,确保实效。\n第二行\n";
  text::LineIndex index(bytes);
  report::Finding f;
  f.rule = "punct.halfwidth-in-cjk";
  f.message = "本文通篇使用半角标点";
  uint32_t c1 = static_cast<uint32_t>(bytes.find(','));
  uint32_t sc = static_cast<uint32_t>(bytes.find(';'));
  uint32_t c2 = static_cast<uint32_t>(bytes.find(',', c1 + 1));
  f.span = {c1, c1 + 1};
  f.fix = report::Fix{{c1, c1 + 1}, "，", {{{sc, sc + 1}, "；"}, {{c2, c2 + 1}, "，"}}};
  auto html = report::finding_html({located(f, bytes, index), bytes, index, "f1-1", "zh", {}},
                                   report::html_strings("zh"), no_elsewhere);
  BOOST_TEST(html.find("<p class=\"fix\"><span class=\"what\">修改</span> 3 处修改： "
                       "<del>,</del><ins lang=\"zh\">，</ins> ×2, <del>;</del><ins "
                       "lang=\"zh\">；</ins> ×1</p></div>") != std::string::npos,
             html);
  // A fix over a line break shows the block it becomes.
  f.fix =
      report::Fix{{0, static_cast<uint32_t>(bytes.size() - 1)}, "会议指出，要坚持。\n第二行", {}};
  html = report::finding_html({located(f, bytes, index), bytes, index, "f1-1", "zh", {}},
                              report::html_strings("zh"), no_elsewhere);
  BOOST_TEST(
      html.find("<div class=\"fix\"><span class=\"what\">修改</span> 第 1–2 行改为<pre "
                "lang=\"zh\">会议指出，要坚持。\n第二行</pre></div></div>") != std::string::npos,
      html);
}

BOOST_AUTO_TEST_CASE(a_bar_chart) {
  const std::string long_name = repeat("长", 25) + ".txt";  // 54 columns: its end is kept
  std::vector<report::HtmlBar> bars{{"a<b>.txt", "#file-1", {1, 2, 0}},
                                    {long_name, "#file-2", {0, 0, 6}}};
  auto svg = report::bar_chart_svg(bars, "Findings per file");
  BOOST_TEST(svg ==
             "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 760 56\" width=\"760\" "
             "height=\"56\" xmlns=\"http://www.w3.org/2000/svg\"><title>Findings per file</title>"
             "<a href=\"#file-1\"><title>a&lt;b&gt;.txt: 3</title><text x=\"292\" y=\"21\" "
             "text-anchor=\"end\">a&lt;b&gt;.txt</text><rect x=\"300.0\" y=\"9\" width=\"63.3\" "
             "height=\"16\" fill=\"#c62828\"/><rect x=\"363.3\" y=\"9\" width=\"126.7\" "
             "height=\"16\" fill=\"#e08a00\"/><text x=\"496.0\" y=\"21\">3</text></a>"
             "<a href=\"#file-2\"><title>" +
                 long_name + ": 6</title><text x=\"292\" y=\"43\" text-anchor=\"end\">…" +
                 repeat("长", 19) +
                 ".txt</text><rect x=\"300.0\" y=\"31\" width=\"380.0\" height=\"16\" "
                 "fill=\"#1f6fb2\"/><text x=\"686.0\" y=\"43\">6</text></a></svg>");
}

BOOST_AUTO_TEST_CASE(a_page_keeps_script_as_text) {
  const std::string bytes = "Markup <script>alert(1)</script> in a draft: 50% of 3 is 2.\n";
  report::Finding f;
  f.rule = "house.<script>";
  f.message = "<script>alert(2)</script>";
  f.span = {7, 15};
  f.related = {{{40, 43}, "<img src=x onerror=alert(3)>", {}}};
  auto page = page_of({{"a<script>.txt", bytes, {f}}});
  // The page's own script, once; everything else is text.
  BOOST_TEST(count_of(page, "<script") == 1);
  BOOST_TEST(count_of(page, "<img") == 0);
  BOOST_TEST(page.find("Markup <mark class=\"hit\">&lt;script&gt;</mark>alert(1)&lt;/script&gt; "
                       "in") != std::string::npos);
  BOOST_TEST(page.find("<p class=\"msg\" lang=\"en\">&lt;script&gt;alert(2)&lt;/script&gt;</p>") !=
             std::string::npos);
  BOOST_TEST(page.find("id=\"g1-house._script_\"") != std::string::npos);
  BOOST_TEST(page.find("Content-Security-Policy") != std::string::npos);
  // Nothing from elsewhere: the only address is the SVG namespace's.
  BOOST_TEST(count_of(page, "://") == count_of(page, "http://www.w3.org/2000/svg"));
}

BOOST_AUTO_TEST_CASE(an_edition_findings_two_places_link_to_each_other) {
  const std::string front = "Headline: 120 jobs lost\n";
  const std::string inside = "Story\nThe plant cut 210 jobs in May.\n";
  report::Finding f;
  f.rule = "edition.figure-conflict";
  f.message = "120 here, 210 on page 5";
  f.span = {10, 13};
  f.related = {{{20, 23}, "page 5", "p5.txt"}, {{0, 2}, "elsewhere", "not-in-run.txt"}};
  auto page = page_of({{"p1.txt", front, {f}}, {"p5.txt", inside, {}}});
  // On page 1: the place on page 5, its line marked, linked to page 5's section.
  BOOST_TEST(page.find("<div class=\"elsewhere\" id=\"xr1\"><span class=\"label\" lang=\"en\">page "
                       "5</span> in <a href=\"#xb1\">p5.txt:2:15</a><table class=\"ctx\" "
                       "lang=\"en\"><tr><td class=\"n\">1</td><td class=\"t\">Story</td></tr><tr>"
                       "<td class=\"n\">2</td><td class=\"t\">The plant cut <mark "
                       "class=\"rel\">210</mark><span class=\"label\">page 5</span> jobs in "
                       "May.</td></tr></table></div>") != std::string::npos,
             page);
  BOOST_TEST(page.find("<div class=\"elsewhere\" id=\"xr2\"><span class=\"label\" "
                       "lang=\"en\">elsewhere</span> in not-in-run.txt</div>") !=
             std::string::npos);
  // On page 5: a link back to the finding on page 1.
  BOOST_TEST(page.find("<section class=\"file\" id=\"file-2\">") != std::string::npos);
  BOOST_TEST(page.find("<div class=\"backref\" id=\"xb1\"><span class=\"label\" lang=\"en\">page "
                       "5</span> <a href=\"#f1-1\">p1.txt</a> <code "
                       "class=\"rule\">edition.figure-conflict</code> <span class=\"msg\" "
                       "lang=\"en\">120 here, 210 on page 5</span>") != std::string::npos);
  BOOST_TEST(page.find("<!--xref") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
