// The findings array and a file's result written as text (batch output, the C API) are byte for
// byte the JSON tree's dump, for every shipped sample and, when ../shared is there, the real
// pages: findings with and without fixes, messages with quotes and non-ASCII text, positions
// past astral characters.
#include "report/json_format.hpp"

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <sstream>

#include "parse/parse.hpp"
#include "report/file_report.hpp"
#include "report/json_text.hpp"
#include "report/writer.hpp"
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

// `tally check --format json` and --format jsonl are written as text: byte for byte the dump of
// the tree they stand for, here with findings of every shape (a grouped fix of many edits,
// related spans, a document-level finding) and strings nlohmann escapes or repairs (quotes,
// control characters, invalid UTF-8).
// append_json_string skips eight bytes at a time up to one that needs escaping: every escaped
// byte (and a multi-byte character) at every place of strings of up to 20 bytes, against
// nlohmann's dump of the same string.
BOOST_AUTO_TEST_CASE(json_strings_escape_at_every_place) {
  const std::string specials[] = {"\"",   "\\",   "\n", "\t", std::string(1, '\0'),
                                  "\x1f", "\x7f", " ",  "中", "\xC3\xA9"};
  size_t checked = 0, differ = 0;
  for (size_t len = 0; len <= 20; ++len)
    for (size_t at = 0; at <= len; ++at)
      for (const auto& sp : specials) {
        std::string s = std::string(at, 'a') + sp + std::string(len - at, 'b');
        std::string out;
        report::append_json_string(out, s);
        ++checked;
        if (out != nlohmann::json(s).dump() && ++differ <= 5)
          BOOST_ERROR("append_json_string differs on " << nlohmann::json(s).dump());
      }
  BOOST_TEST(differ == 0u);
  BOOST_TEST(checked == 2310u);
}

BOOST_AUTO_TEST_CASE(json_and_jsonl_writers_print_the_tree) {
  std::string bytes = "第一段，有“引号”。\n\nSecond line, \"quoted\"\ttab.\n\xF0\x9F\x98\x80 end\n";
  auto src = text::make_source("a\x01b.txt", bytes);
  BOOST_TEST_REQUIRE(static_cast<bool>(src.source));
  auto doc = parse::parse_document(*src.source);
  text::LineIndex index(bytes);
  // Edits on one line after another (positions walked on from the one before), one over the
  // astral character (two UTF-16 units) and some after it.
  report::Fix grouped{{0, 3},
                      "一",
                      {{{9, 12}, "，"},
                       {{30, 31}, "\\"},
                       {{33, 34}, "E"},
                       {{40, 41}, ";"},
                       {{45, 46}, "“"},
                       {{59, 63}, "?"},
                       {{63, 64}, "_"},
                       {{65, 66}, "N"}}};
  std::vector<report::Finding> findings{
      {"x.a",
       report::Severity::Error,
       "bad \xC3( byte \x7F and \"q\" \x1F",
       {0, 3},
       grouped,
       0,
       {{{3, 6}, "part", {}}, {{30, 36}, "整体\n", {}}}},
      {"x.b", report::Severity::Warning, "", {28, 36}, report::Fix{{28, 36}, "", {}}, -1, {}},
      {"x.c", report::Severity::Info, "中文 \xF0\x9F\x98\x80", {52, 56}, std::nullopt, 1, {}}};
  std::vector<rules::RuleError> errors{{"r\xFF.lua", 3, 0, "x.y", "boom"},
                                       {"s.yaml", 0, 0, "", ""}};
  std::vector<report::Notice> notices{{"x-missing", "x", "没有 \"x\"", {"a.b", "c.d"}},
                                      {"y", "y", "", {}}};
  report::FileReport rep{"p", std::nullopt, report::locate_all(findings, bytes, index), errors,
                         notices};
  report::RunTotals totals;
  totals.files = 1;
  for (const auto& f : findings) totals.count(f);
  for (const char* format : {"json", "jsonl"}) {
    std::ostringstream out;
    auto writer = report::find_output_format(format)->make(out, {});
    writer->file({rep, &doc, bytes, &index, nullptr});
    writer->finish(totals);
    auto entry = report::file_json(doc, findings, errors, notices, index);
    auto dump = [](const nlohmann::json& j, int indent) {
      return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    if (std::string(format) == "jsonl") {
      BOOST_TEST(out.str() == dump(entry, -1) + "\n");
    } else {
      nlohmann::json all = {{"files", {entry}},
                            {"summary", report::summary_json(totals, notices.size())},
                            {"version", report::kJsonSchemaVersion}};
      BOOST_TEST(out.str() == dump(all, 2) + "\n");
    }
  }
  // A run with no file at all.
  std::ostringstream none;
  report::find_output_format("json")->make(none, {})->finish({});
  nlohmann::json empty = {{"files", nlohmann::json::array()},
                          {"summary", report::summary_json({}, 0)},
                          {"version", report::kJsonSchemaVersion}};
  BOOST_TEST(none.str() == empty.dump(2) + "\n");
}

BOOST_AUTO_TEST_SUITE_END()
