// Checker::check with a helper (articles shared out over two Lua states on two threads) gives
// exactly check()'s result: the same findings in the same order with every field, the same
// rule errors, on every sample, the real pages when ../shared is there, and documents where a
// rule fails part-way or runs away.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "parse/parse.hpp"
#include "rules/checker.hpp"
#include "service/engine.hpp"
#include "text/source.hpp"

using namespace tally;
namespace fs = std::filesystem;

namespace {

std::string describe(const rules::CheckResult& r, std::string_view bytes) {
  std::string s;
  for (const auto& f : r.findings) {
    s += f.rule + " " + report::severity_name(f.severity) + " " + std::to_string(f.article) + " [" +
         std::to_string(f.span.begin) + "," + std::to_string(f.span.end) + ") " +
         std::string(bytes.substr(f.span.begin, f.span.size())) + " | " + f.message;
    if (f.fix)
      s += " | fix [" + std::to_string(f.fix->span.begin) + "," + std::to_string(f.fix->span.end) +
           ") " + f.fix->replacement;
    s += "\n";
  }
  for (const auto& e : r.errors) s += "error " + e.str() + "\n";
  return s;
}

// Runs both ways, several times (the threads interleave differently each time).
size_t expect_same(rules::Checker& checker, rules::Checker& helper, const text::Source& src,
                   const rules::CheckSettings& settings = {}) {
  auto doc = parse::parse_document(src);
  auto want = describe(checker.check(doc, src.bytes, settings), src.bytes);
  for (int i = 0; i < 5; ++i)
    BOOST_TEST(describe(checker.check(doc, src.bytes, settings, helper), src.bytes) == want,
               src.path);
  return doc.articles.size();
}

std::shared_ptr<rules::RuleSet> shipped() {
  return std::make_shared<rules::RuleSet>(rules::load_rules({}, true));
}

struct Folder {
  fs::path dir = fs::temp_directory_path() / ("tally-parallel-" + std::to_string(::getpid()));
  Folder() { fs::create_directories(dir); }
  ~Folder() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
  }
};

const char* kFourArticles =
    "# 第一篇\n\n第一篇的正文，办结案件10件。\n\n# 第二篇\n\n第二篇的正文，办结案件20件。\n\n"
    "# 第三篇\n\n第三篇的正文，办结案件30件。\n\n# 第四篇\n\n第四篇的正文，办结案件40件。\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(parallel_check)

BOOST_AUTO_TEST_CASE(same_result_on_samples_and_real_pages) {
  auto set = shipped();
  rules::Checker checker(set), helper(set);
  size_t multi = 0;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(std::string(TALLY_SOURCE_DIR) + "/samples"))
    files.push_back(e.path());
  fs::path seeds = fs::path(TALLY_SOURCE_DIR).parent_path() / "shared" / "seeds";
  if (fs::exists(seeds))
    for (const auto& e : fs::directory_iterator(seeds)) files.push_back(e.path());
  for (const auto& f : files) {
    auto loaded = text::load_file(f.string());
    BOOST_TEST_REQUIRE(static_cast<bool>(loaded.source));
    multi += expect_same(checker, helper, *loaded.source) >= 2;
  }
  BOOST_TEST(multi >= 1u);  // zh-page-wrapped.txt has two articles
  // Settings apply the same way: a disabled pack and a severity override.
  rules::CheckSettings s;
  s.disabled.insert("punct.*");
  s.severity["percent.recompute"] = report::Severity::Info;
  auto page = text::load_file(std::string(TALLY_SOURCE_DIR) + "/samples/zh-page-wrapped.txt");
  expect_same(checker, helper, *page.source, s);
}

BOOST_AUTO_TEST_CASE(a_rule_failing_part_way_loses_its_later_findings) {
  Folder d;
  // Reports on every article and fails on the second: check() keeps the first article's
  // finding, reports one error and never runs the rule on articles 3 and 4.
  d.write("fail.lua",
          "tally.rule{ id = 'x.fail', on_article = function(a, report)\n"
          "  report{ at = a.blocks[1], message = 'seen ' .. a.index }\n"
          "  if a.index == 2 then error('broken on two') end\n"
          "end }\n");
  d.write("ok.lua",
          "tally.rule{ id = 'x.ok', on_article = function(a, report)\n"
          "  report{ at = a.blocks[1], message = 'ok ' .. a.index }\n"
          "end }\n");
  auto set = std::make_shared<rules::RuleSet>(rules::load_rules({d.dir.string()}, false));
  rules::Checker checker(set), helper(set);
  auto src = text::make_source("four.md", kFourArticles);
  BOOST_TEST(expect_same(checker, helper, *src.source) == 4u);
  auto doc = parse::parse_document(*src.source);
  auto r = checker.check(doc, src.source->bytes, {}, helper);
  std::vector<std::string> messages;
  for (const auto& f : r.findings) messages.push_back(f.message);
  BOOST_TEST(messages == (std::vector<std::string>{"seen 1", "ok 1", "ok 2", "ok 3", "ok 4"}),
             boost::test_tools::per_element());
  BOOST_REQUIRE_EQUAL(r.errors.size(), 1u);
  BOOST_TEST(r.errors[0].rule == "x.fail");
  BOOST_TEST(r.errors[0].line == 3);
  BOOST_TEST(r.errors[0].message.find("broken on two") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_runaway_rule_is_stopped_once) {
  Folder d;
  d.write("loop.lua",
          "tally.rule{ id = 'x.loop', on_article = function(a, report)\n"
          "  if a.index >= 3 then while true do end end\n"
          "  report{ at = a.blocks[1], message = 'before ' .. a.index }\n"
          "end }\n");
  rules::LuaLimits limits;
  limits.instructions = 2'000'000;
  auto set = std::make_shared<rules::RuleSet>(rules::load_rules({d.dir.string()}, false, limits));
  rules::Checker checker(set), helper(set);
  auto src = text::make_source("four.md", kFourArticles);
  expect_same(checker, helper, *src.source);
  auto doc = parse::parse_document(*src.source);
  auto r = checker.check(doc, src.source->bytes, {}, helper);
  BOOST_TEST(r.findings.size() == 2u);
  BOOST_REQUIRE_EQUAL(r.errors.size(), 1u);
  BOOST_TEST(r.errors[0].line == 2);
}

BOOST_AUTO_TEST_CASE(one_article_or_a_foreign_helper_runs_on_one_thread) {
  auto set = shipped();
  rules::Checker checker(set), other(shipped());
  auto src =
      text::make_source("one.txt", "今年办结案件899件，调解和解案件298件，调解和解率达32%。\n");
  auto doc = parse::parse_document(*src.source);
  BOOST_TEST(doc.articles.size() == 1u);
  auto want = describe(checker.check(doc, src.source->bytes, {}), src.source->bytes);
  BOOST_TEST(describe(checker.check(doc, src.source->bytes, {}, other), src.source->bytes) == want);
  BOOST_TEST(describe(checker.check(doc, src.source->bytes, {}, checker), src.source->bytes) ==
             want);
  BOOST_TEST(want.find("percent.recompute") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(engine_splits_only_when_asked_and_answers_the_same) {
  service::EngineOptions one, two;
  one.search_config = two.search_config = false;
  two.split_articles = true;
  service::Engine sequential(one), split(two);
  service::CheckRequest req;
  req.filename = "four.md";
  req.text = std::string(kFourArticles) +
             "\n# 第五篇\n\n今年办结案件899件，调解和解案件298件，调解和解率达32%。\n";
  auto a = sequential.check(req), b = split.check(req);
  BOOST_REQUIRE(a.document && b.document);
  BOOST_TEST(a.document->articles.size() == 5u);
  rules::CheckResult ra{a.findings, a.rule_errors, a.notices},
      rb{b.findings, b.rule_errors, b.notices};
  BOOST_TEST(describe(ra, req.text) == describe(rb, req.text));
  BOOST_TEST(describe(rb, req.text).find("percent.recompute") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
