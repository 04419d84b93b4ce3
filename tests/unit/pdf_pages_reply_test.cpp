// tally serve's pages=html (plugins/http/api.cpp, check_pdf_v1): only the pages that still hold
// a finding once the baseline's are left out are drawn at all, counted by the pages drawn
// (service::pages_drawn_so_far), not only those shown; labels in the page's language.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <regex>
#include <set>

#include "api.hpp"
#include "report/baseline.hpp"
#include "service/pdf_check.hpp"
#include "text/line_index.hpp"
#include "text/read_file.hpp"

using namespace tally;
namespace fs = std::filesystem;

namespace {

std::string sample(const std::string& name) {
  std::string why;
  auto bytes =
      text::read_whole_file(std::string(TALLY_SOURCE_DIR) + "/tests/e2e/samples/" + name, why);
  BOOST_REQUIRE_MESSAGE(bytes, why);
  return *bytes;
}

// The values of `group` 1 of every match of `re` in `html`.
std::vector<std::string> all(const std::string& html, const std::string& re) {
  std::vector<std::string> out;
  std::regex r(re);
  for (auto it = std::sregex_iterator(html.begin(), html.end(), r); it != std::sregex_iterator();
       ++it)
    out.push_back((*it)[1]);
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(pdf_pages_reply)

BOOST_AUTO_TEST_CASE(pages_whose_findings_the_baseline_knows_are_not_drawn) {
  service::EngineOptions eo;
  eo.search_config = false;
  service::Engine engine(eo);
  const std::string pdf = sample("page.pdf");
  fs::path dir = fs::temp_directory_path() / ("tally-pages-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string known = (dir / "known.json").string();
  // A baseline of the findings of `rules`, as --write-baseline records them.
  auto know = [&](const std::set<std::string>& rules) {
    service::CheckRequest req;
    req.filename = "page.pdf";
    auto run = service::check_pdf(engine, pdf, req);
    text::LineIndex index(run.text);
    report::FileReport rep;
    rep.path = "page.pdf";
    for (auto& l : report::locate_all(run.outcome.findings, run.text, index))
      if (rules.count(l.finding.rule)) rep.findings.push_back(l);
    std::string error;
    BOOST_REQUIRE_MESSAGE(report::write_baseline(known, {rep}, error), error);
  };
  const std::map<std::string, std::string> query = {{"filename", "page.pdf"}, {"pages", "html"}};
  auto drawn = [&](Strings& figures, Strings& captions) {
    size_t before = service::pages_drawn_so_far();
    auto reply = http::check_pdf_v1(engine, pdf, query, known);
    BOOST_TEST(reply.status == 200);
    std::string html = reply.body["files"][0]["pages_html"].get<std::string>();
    figures = all(html, "<figure class=\"pdfpage\" data-page=\"(\\d+)\"");
    captions = all(html, "<figcaption>(.*?)</figcaption>");
    return service::pages_drawn_so_far() - before;
  };
  Strings figures, captions;
  know({});
  BOOST_TEST(drawn(figures, captions) == 2u);
  BOOST_TEST(figures == (Strings{"1", "2"}));
  BOOST_TEST(captions == (Strings{"PDF page 1", "PDF page 2"}));
  know({"quote.unbalanced"});  // page 2's only finding
  BOOST_TEST(drawn(figures, captions) == 1u);
  BOOST_TEST(figures == (Strings{"1"}));
  know({"count.enumeration", "growth.recompute"});  // page 1's
  BOOST_TEST(drawn(figures, captions) == 1u);
  BOOST_TEST(figures == (Strings{"2"}));
  know({"count.enumeration", "growth.recompute", "quote.unbalanced"});
  BOOST_TEST(drawn(figures, captions) == 0u);
  BOOST_TEST(figures.empty());
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(labels_follow_the_page_unless_the_request_names_a_language) {
  service::EngineOptions eo;
  eo.search_config = false;
  service::Engine engine(eo);
  const std::string zh = sample("zh-page.pdf");
  auto captions = [&](std::map<std::string, std::string> query) {
    query["pages"] = "html";
    auto reply = http::check_pdf_v1(engine, zh, query);
    BOOST_TEST(reply.status == 200);
    return all(reply.body["files"][0]["pages_html"].get<std::string>(),
               "<figcaption>(.*?)</figcaption>");
  };
  BOOST_TEST(captions({}) == (Strings{"PDF 第 1 页"}));
  BOOST_TEST(captions({{"messages", "en"}}) == (Strings{"PDF page 1"}));
  BOOST_TEST(captions({{"language", "en"}}) == (Strings{"PDF page 1"}));  // read as English
}

BOOST_AUTO_TEST_SUITE_END()
