// The findings array and a file's result written as text (batch output, the C API) are byte for
// byte the JSON tree's dump, for every shipped sample and, when ../shared is there, the real
// pages: findings with and without fixes, messages with quotes and non-ASCII text, positions
// past astral characters.
#include "report/json_format.hpp"

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "parse/parse.hpp"
#include "rules/checker.hpp"
#include "text/source.hpp"

using namespace tally;
namespace fs = std::filesystem;

namespace {

void expect_same_json(const std::string& path, size_t& findings, size_t& fixes) {
  auto loaded = text::load_file(path);
  BOOST_TEST_REQUIRE(static_cast<bool>(loaded.source), path);
  const auto& src = *loaded.source;
  auto doc = parse::parse_document(src);
  rules::Checker checker(std::make_shared<rules::RuleSet>(rules::load_rules({}, true)));
  auto res = checker.check(doc, src.bytes, {});
  text::LineIndex index(src.bytes);
  std::string text;
  report::append_findings_json(text, res.findings, index);
  BOOST_TEST(text == report::findings_json(res.findings, index)
                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
             path);
  std::string file;
  std::vector<rules::RuleError> errors{{"r.lua", 3, 0, "x.y", "boom \"here\""}};
  std::vector<report::Notice> notices = res.notices;
  notices.push_back({"x-missing", "x", "没有 \"x\"", {"a.b", "c.d"}});
  report::append_file_json(file, doc, res.findings, errors, notices, index);
  auto tree = report::file_json(doc, res.findings, errors, notices, index);
  BOOST_TEST(file == tree.dump(), path);
  // A --jsonl line: "id" and "line" in place of "path", in the same key order.
  std::string record;
  report::append_record_json(record, doc, res.findings, errors, notices, index, R"("a/1")", 7);
  tree.erase("path");
  tree["id"] = "a/1";
  tree["line"] = 7;
  BOOST_TEST(record == tree.dump(), path);
  findings += res.findings.size();
  for (const auto& f : res.findings) fixes += f.fix ? 1 : 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(json_format)

BOOST_AUTO_TEST_CASE(findings_as_text_equal_the_json_tree) {
  size_t findings = 0, fixes = 0;
  for (const auto& e : fs::directory_iterator(std::string(TALLY_SOURCE_DIR) + "/samples"))
    expect_same_json(e.path().string(), findings, fixes);
  fs::path seeds = fs::path(TALLY_SOURCE_DIR).parent_path() / "shared" / "seeds";
  if (fs::exists(seeds))
    for (const auto& e : fs::directory_iterator(seeds))
      expect_same_json(e.path().string(), findings, fixes);
  // The samples alone (11 findings, 2 with a fix) carry findings of both shapes.
  BOOST_TEST(findings >= 11u);
  BOOST_TEST(fixes >= 2u);
  BOOST_TEST(fixes < findings);
}

BOOST_AUTO_TEST_CASE(document_findings_and_escapes) {
  std::string bytes = "a\"\\\n\xF0\x9F\x98\x80x";
  text::LineIndex index(bytes);
  report::Finding doc_level{"x.y", report::Severity::Info, "tab\there \"q\" \x01", {4, 9}, {}, -1,
                            {}};
  report::Finding fixed{
      "x.z", report::Severity::Error, "中文", {8, 9}, report::Fix{{8, 9}, "\\", {}}, 0, {}};
  std::vector<report::Finding> fs_{doc_level, fixed};
  std::string text;
  report::append_findings_json(text, fs_, index);
  BOOST_TEST(text == report::findings_json(fs_, index).dump());
  BOOST_TEST(text.find(R"("article":null)") != std::string::npos);
  BOOST_TEST(text.find(R"("utf16":2)") != std::string::npos);  // after the astral character
}

BOOST_AUTO_TEST_SUITE_END()
