// The rule runtime: YAML schema errors, each YAML kind, Lua errors with file:line, the sandbox,
// the instruction budget and memory cap, and that a failing rule does not hide the others.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "facts/extract.hpp"
#include "parse/parse.hpp"
#include "rules/checker.hpp"
#include "rules/lua_view.hpp"
#include "rules/yaml_rule.hpp"

using namespace tally;
namespace fs = std::filesystem;

namespace {

// A folder of rule files for one test, removed afterwards.
struct RuleDir {
  fs::path dir;
  RuleDir() {
    dir = fs::temp_directory_path() /
          ("tally-rules-" + std::to_string(reinterpret_cast<uintptr_t>(this)) + "-" +
           std::to_string(::getpid()));
    fs::create_directories(dir);
  }
  ~RuleDir() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) {
    auto p = dir / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
};

struct Run {
  std::string bytes;
  rules::CheckResult result;
  std::vector<std::string> texts() const {
    std::vector<std::string> out;
    for (const auto& f : result.findings)
      out.push_back(f.rule + "@" + bytes.substr(f.span.begin, f.span.size()));
    return out;
  }
};

Run check(const rules::RuleSet& set, const std::string& text, rules::LuaLimits = {},
          const std::string& name = "t.txt") {
  Run r;
  r.bytes = text;
  auto src = text::make_source(name, text);
  auto doc = parse::parse_document(*src.source);
  rules::Checker checker(std::make_shared<rules::RuleSet>(set));
  r.result = checker.check(doc, r.bytes, {});
  return r;
}

rules::RuleSet only_dir(const RuleDir& d, rules::LuaLimits limits = {}) {
  return rules::load_rules({d.dir.string()}, false, limits);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(yaml_schema)

BOOST_AUTO_TEST_CASE(unknown_key_is_an_error_with_position) {
  auto r = rules::load_yaml_rules(
      "r.yaml", "id: a.b\nkind: pattern\nmessage: m\npattern: x\nseverty: error\n");
  BOOST_REQUIRE_EQUAL(r.errors.size(), 1u);
  BOOST_TEST(r.errors[0].str() == "r.yaml:5:1: rule a.b: unknown key 'severty'");
  BOOST_TEST(r.rules.empty());
}

BOOST_AUTO_TEST_CASE(unknown_kind_and_foreign_key) {
  auto r = rules::load_yaml_rules("r.yaml", "id: a.b\nkind: regex\nmessage: m\n");
  BOOST_REQUIRE_EQUAL(r.errors.size(), 1u);
  BOOST_TEST(r.errors[0].line == 2);
  BOOST_TEST(r.errors[0].column == 7);
  BOOST_TEST(r.errors[0].message.find("unknown kind 'regex'") == 0u);
  auto f = rules::load_yaml_rules("r.yaml", "id: a.b\nkind: pattern\nmessage: m\nswap: {a: b}\n");
  BOOST_REQUIRE_EQUAL(f.errors.size(), 1u);
  BOOST_TEST(f.errors[0].message == "key 'swap' does not belong to kind 'pattern'");
}

BOOST_AUTO_TEST_CASE(empty_pair_mark_is_an_error) {
  // An empty mark matches everywhere without advancing: it would hang the check.
  auto r = rules::load_yaml_rules(
      "r.yaml", "id: a.b\nkind: pair\nmessage: m\npairs:\n  - [\"(\", \")\"]\n  - [\"\", \"]\"]\n");
  BOOST_REQUIRE_EQUAL(r.errors.size(), 1u);
  BOOST_TEST(r.errors[0].str() == "r.yaml:6:5: rule a.b: a pair's marks cannot be empty");
}

BOOST_AUTO_TEST_CASE(bad_regex_severity_and_missing_fields) {
  auto r = rules::load_yaml_rules(
      "r.yaml",
      "id: a.b\nkind: pattern\nmessage: m\npattern: \"(unclosed\"\n---\nid: c.d\nkind: pair\n"
      "message: m\nseverity: fatal\npairs: [[\"(\", \")\"]]\n---\nkind: fact\nmessage: m\nfact: "
      "rate\n");
  BOOST_REQUIRE_EQUAL(r.errors.size(), 3u);
  BOOST_TEST(r.errors[0].line == 4);
  BOOST_TEST(r.errors[0].message.find("not a valid RE2 pattern") != std::string::npos);
  BOOST_TEST(r.errors[1].line == 9);
  BOOST_TEST(r.errors[1].message == "severity must be error, warning or info");
  BOOST_TEST(r.errors[2].message == "missing 'id'");
}

BOOST_AUTO_TEST_CASE(broken_yaml_names_the_position) {
  auto r = rules::load_yaml_rules("r.yaml", "id: a.b\nkind: [pattern\n");
  BOOST_REQUIRE_EQUAL(r.errors.size(), 1u);
  BOOST_TEST(r.errors[0].file == "r.yaml");
  BOOST_TEST(r.errors[0].line >= 2);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(yaml_kinds)

BOOST_AUTO_TEST_CASE(pattern_with_captures_and_fix) {
  RuleDir d;
  d.write("p.yaml",
          "id: house.wording\nkind: pattern\nscope: sentence\npattern: '(进一步)+加强'\n"
          "message: '避免套话：{match}（{1}）'\nfix: 加强\n");
  auto r = check(only_dir(d), "我们要进一步加强管理。\n");
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 1u);
  const auto& f = r.result.findings[0];
  BOOST_TEST(r.bytes.substr(f.span.begin, f.span.size()) == "进一步加强");
  BOOST_TEST(f.message == "避免套话：进一步加强（进一步）");
  BOOST_REQUIRE(f.fix);
  BOOST_TEST(f.fix->replacement == "加强");
}

BOOST_AUTO_TEST_CASE(must_match_reports_the_unit) {
  RuleDir d;
  d.write("m.yaml",
          "id: house.source\nkind: pattern\nscope: paragraph\nmust_match: '记者|通讯员|供稿'\n"
          "message: {zh: 段落未注明来源, en: No source}\n");
  auto r = check(only_dir(d), "今天天气很好。\n\n本报记者报道。\n");
  BOOST_TEST(r.texts() == std::vector<std::string>{"house.source@今天天气很好。"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(substitution_longest_first_with_fix) {
  RuleDir d;
  d.write("s.yaml",
          "id: house.terms\nkind: substitution\nscope: article\nswap:\n  公安局长: 公安局局长\n"
          "  局长: 负责人\nmessage: '{match} 应为 {replacement}'\n");
  auto r = check(only_dir(d), "市公安局长到场。\n");
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 1u);
  BOOST_TEST(r.result.findings[0].message == "公安局长 应为 公安局局长");
  BOOST_TEST(r.result.findings[0].fix->replacement == "公安局局长");
}

BOOST_AUTO_TEST_CASE(repetition_reports_the_second_copy) {
  RuleDir d;
  d.write("r.yaml",
          "id: house.twice\nkind: repetition\nscope: sentence\ntoken: '[A-Za-z]+'\n"
          "between: '\\s+'\nmessage: 'repeated {match}'\n");
  auto r = check(only_dir(d), "We saw the the court.\n");
  BOOST_TEST(r.texts() == std::vector<std::string>{"house.twice@ the"},
             boost::test_tools::per_element());
  BOOST_TEST(r.result.findings[0].fix->replacement == "");
}

BOOST_AUTO_TEST_CASE(consistency_flags_the_other_form) {
  RuleDir d;
  d.write("c.yaml",
          "id: house.wechat\nkind: consistency\nforms: ['微信公众号', '微信公号']\n"
          "message: '本文先用了“{first}”，此处为“{match}”'\n");
  auto r = check(only_dir(d), "关注微信公号。\n\n请关注微信公众号，也可搜索微信公号。\n");
  BOOST_TEST(r.texts() == std::vector<std::string>{"house.wechat@微信公众号"},
             boost::test_tools::per_element());
  BOOST_TEST(r.result.findings[0].message == "本文先用了“微信公号”，此处为“微信公众号”");
}

BOOST_AUTO_TEST_CASE(fact_selects_by_predicate) {
  RuleDir d;
  d.write("f.yaml",
          "id: house.old-date\nkind: fact\nfact: date\nwhere:\n  year: '< 1900'\n  kind: absolute\n"
          "message: '{text} 早于 1900 年（{year}）'\n");
  auto r = check(only_dir(d), "1850年3月建成，2024年5月修缮。\n");
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 1u);
  BOOST_TEST(r.result.findings[0].message == "1850年3月 早于 1900 年（1850）");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(lua_runtime)

BOOST_AUTO_TEST_CASE(runtime_error_names_file_and_line) {
  RuleDir d;
  auto path = d.write("bad.lua",
                      "tally.rule{ id = 'x.bad', on_article = function(a, report)\n"
                      "  local t = nil\n  return t.field\nend }\n");
  auto r = check(only_dir(d), "一段文字。\n");
  BOOST_REQUIRE_EQUAL(r.result.errors.size(), 1u);
  BOOST_TEST(r.result.errors[0].file == path);
  BOOST_TEST(r.result.errors[0].line == 3);
  BOOST_TEST(r.result.errors[0].rule == "x.bad");
}

BOOST_AUTO_TEST_CASE(syntax_error_is_a_load_error) {
  RuleDir d;
  auto path = d.write("syntax.lua", "tally.rule{ id = 'x.s',\n  on_article = function( end }\n");
  auto set = only_dir(d);
  BOOST_REQUIRE_EQUAL(set.errors.size(), 1u);
  BOOST_TEST(set.errors[0].file == path);
  BOOST_TEST(set.errors[0].line == 2);
}

BOOST_AUTO_TEST_CASE(sandbox_has_no_io_os_debug_or_binary_load) {
  RuleDir d;
  d.write("probe.lua",
          "tally.rule{ id = 'x.probe', on_article = function(a, report)\n"
          "  local seen = {}\n"
          "  for _, name in ipairs({'io', 'os', 'debug', 'package', 'dofile', 'loadfile',"
          " 'rawset', 'coroutine'}) do\n"
          "    if _G[name] ~= nil then seen[#seen + 1] = name end\n"
          "  end\n"
          "  local f = load(string.dump and 'x' or '\\27Lua')\n"
          "  local ok = pcall(function() string.upper = nil end)\n"
          "  local req = pcall(require, '../../etc/passwd')\n"
          "  report{ at = a, message = table.concat(seen, ',') .. '|' .. tostring(ok) .. '|' ..\n"
          "    tostring(req) .. '|' .. tostring(load('\\27Lua binary')) }\n"
          "end }\n");
  auto r = check(only_dir(d), "一段文字。\n");
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 1u);
  BOOST_TEST(r.result.findings[0].message == "|false|false|nil");
}

BOOST_AUTO_TEST_CASE(find_byte_scans_for_any_byte_of_a_set) {
  RuleDir d;
  d.write("fb.lua",
          "tally.rule{ id = 'x.fb', on_article = function(a, report)\n"
          "  local t = 'ab,c;d'\n"
          "  local r = { tally.find_byte(t, ',;'), tally.find_byte(t, ',;', 4),\n"
          "    tostring(tally.find_byte(t, ',;', 6)), tostring(tally.find_byte(t, '')),\n"
          "    tally.find_byte(t, 'a', -5), tally.find_byte('文,字', ',') }\n"
          "  report{ at = a, message = table.concat(r, ' ') }\n"
          "end }\n");
  auto r = check(only_dir(d), "一段文字。\n");
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 1u);
  BOOST_TEST(r.result.findings[0].message == "3 5 nil nil 1 4");
}

BOOST_AUTO_TEST_CASE(article_view_is_read_only) {
  RuleDir d;
  d.write("ro.lua",
          "tally.rule{ id = 'x.ro', on_article = function(a, report)\n"
          "  a.language = 'fr'\nend }\n");
  auto r = check(only_dir(d), "一段文字。\n");
  BOOST_REQUIRE_EQUAL(r.result.errors.size(), 1u);
  BOOST_TEST(r.result.errors[0].message.find("read-only") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(spans_read_like_sealed_tables) {
  // Spans are userdata with a shared metatable (the cheapest read-only object): fields, pairs,
  // # and report{at = span} behave as for a sealed table, and writing is refused.
  RuleDir d;
  d.write(
      "sp.lua",
      "tally.rule{ id = 'x.sp', on_article = function(a, report)\n"
      "  local s = a.blocks[1].span\n"
      "  local keys = {}\n"
      "  for k, v in pairs(s) do keys[#keys + 1] = k .. '=' .. v end\n"
      "  local ok, err = pcall(function() s.begin = 0 end)\n"
      "  report{ at = a.blocks[1].sentences[1].span, message = table.concat(keys, ',') ..\n"
      "    ' ' .. #s .. ' ' .. tostring(s.nothing) .. ' ' .. tostring(getmetatable(s)) ..\n"
      "    ' ' .. tostring(ok) .. ' ' .. tostring(err:find('read-only table', 1, true) ~= nil) }\n"
      "end }\n");
  auto r = check(only_dir(d), "一段文字。又一句。\n");
  BOOST_REQUIRE_EQUAL(r.result.errors.size(), 0u);
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 1u);
  BOOST_TEST(r.result.findings[0].message == "begin=0,end=27 0 nil false false true");
  BOOST_TEST(r.texts()[0] == "x.sp@一段文字。");
}

BOOST_AUTO_TEST_CASE(endless_loop_is_stopped_and_others_still_report) {
  RuleDir d;
  auto loop = d.write("a-loop.lua",
                      "tally.rule{ id = 'x.loop', on_article = function(a, report)\n"
                      "  while true do pcall(function() while true do end end) end\nend }\n");
  d.write("b-ok.lua",
          "tally.rule{ id = 'x.ok', on_article = function(a, report)\n"
          "  report{ at = a.quantities[1], message = 'seen' }\nend }\n");
  auto r = check(only_dir(d, {2'000'000, 64u << 20}), "办结案件899件。\n");
  BOOST_REQUIRE_EQUAL(r.result.errors.size(), 1u);
  BOOST_TEST(r.result.errors[0].file == loop);
  BOOST_TEST(r.result.errors[0].line == 2);
  BOOST_TEST(r.result.errors[0].message.find("instruction budget exceeded") != std::string::npos);
  BOOST_TEST(r.texts() == std::vector<std::string>{"x.ok@899件"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(runaway_allocation_is_stopped) {
  RuleDir d;
  auto mem = d.write("mem.lua",
                     "tally.rule{ id = 'x.mem', on_article = function(a, report)\n"
                     "  local t = {}\n"
                     "  while true do t[#t + 1] = string.rep('x', 1000000) .. #t end\nend }\n");
  d.write("ok.yaml", "id: x.yaml\nkind: pattern\npattern: '899'\nmessage: seen\n");
  auto r = check(only_dir(d, {50'000'000, 16u << 20}), "办结案件899件。\n");
  BOOST_REQUIRE_EQUAL(r.result.errors.size(), 1u);
  BOOST_TEST(r.result.errors[0].file == mem);
  BOOST_TEST(r.result.errors[0].line == 3);
  BOOST_TEST(r.result.errors[0].message.find("memory cap exceeded") != std::string::npos);
  BOOST_TEST(r.texts() == std::vector<std::string>{"x.yaml@899"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(state_is_reused_across_documents) {
  RuleDir d;
  d.write("count.lua",
          "local n = 0\n"
          "tally.rule{ id = 'x.count', on_article = function(a, report)\n"
          "  n = n + 1\n  report{ at = a, message = tostring(n) }\nend }\n");
  auto set = std::make_shared<rules::RuleSet>(only_dir(d));
  rules::Checker checker(set);
  std::string text = "一段文字。\n";
  auto src = text::make_source("t.txt", text);
  auto doc = parse::parse_document(*src.source);
  BOOST_TEST(checker.check(doc, text, {}).findings[0].message == "1");
  BOOST_TEST(checker.check(doc, text, {}).findings[0].message == "2");
}

BOOST_AUTO_TEST_CASE(later_folder_overrides_an_embedded_rule) {
  RuleDir d;
  d.write("q.yaml",
          "id: quote.unbalanced\nkind: pattern\nseverity: info\npattern: '“'\nmessage: mine\n");
  auto set = rules::load_rules({d.dir.string()}, true);
  BOOST_TEST(set.errors.empty());
  BOOST_REQUIRE(set.find("quote.unbalanced"));
  BOOST_TEST(set.find("quote.unbalanced")->file == (d.dir / "q.yaml").string());
  auto r = check(set, "他说：“好。”\n");
  std::vector<std::string> mine;
  for (const auto& f : r.result.findings)
    if (f.rule == "quote.unbalanced") mine.push_back(f.message);
  BOOST_TEST(mine == std::vector<std::string>{"mine"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

// The shipped packs, rule by rule from the loaded set: rule_meta_test.cpp.

// Escapes from the sandbox tried as a hostile rule author (issue 22, docs/robustness.md): each
// case hung, wrote through a read-only table or went past a limit before the fix.
BOOST_AUTO_TEST_SUITE(lua_sandbox_escapes)

namespace {
// A rule file whose on_article body is `body`.
std::string rule(const std::string& id, const std::string& body) {
  return "tally.rule{ id = '" + id + "', on_article = function(a, report)\n" + body + "\nend }\n";
}
rules::LuaLimits small_budget() {
  rules::LuaLimits l;
  l.instructions = 2'000'000;
  return l;
}
const char* kThree = "# 一\n\n办结案件10件。\n\n# 二\n\n办结案件20件。\n\n# 三\n\n办结案件30件。\n";
}  // namespace

BOOST_AUTO_TEST_CASE(pairs_never_hands_out_the_table_behind_a_proxy) {
  // pairs(proxy) used to return the real table as its state: writable, shared by every rule.
  RuleDir d;
  d.write("a-evil.lua",
          rule("x.evil",
               "  local n = 0\n"
               "  for _, t in ipairs({tally, string, math, table, utf8, a, a.facts, a.blocks}) do\n"
               "    local _, inner = pairs(t)\n"
               "    if pcall(function() inner.format = 1; inner.rate_matches = 1;\n"
               "      inner.language = 'fr'; inner[1] = nil end) then n = n + 1 end\n"
               "  end\n"
               "  local f = pairs(string)\n"
               "  local bad = pcall(f, '', nil)\n"
               "  report{ at = a, message = n .. ' ' .. tostring(bad) .. ' ' ..\n"
               "    tostring(next(string)) .. ' ' .. tostring(rawget(string, 'format')) .. ' ' ..\n"
               "    tostring(getmetatable(string)) .. ' ' .. tostring(getmetatable('')) }"));
  d.write("b-victim.lua",
          rule("x.victim",
               "  report{ at = a, message = type(string.format) .. ' ' ..\n"
               "    type(tally.rate_matches) .. ' ' .. a.language .. ' ' .. #a.facts }"));
  auto r = check(only_dir(d), "办结案件899件。\n");
  BOOST_TEST(r.result.errors.empty());
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 2u);
  std::map<std::string, std::string> m;
  for (const auto& f : r.result.findings) m[f.rule] = f.message;
  BOOST_TEST(m["x.evil"] == "0 false nil nil false false");
  BOOST_TEST(m["x.victim"] == "function function zh 1");
}

BOOST_AUTO_TEST_CASE(pairs_over_a_sealed_table_still_lists_its_fields) {
  RuleDir d;
  d.write("p.lua", rule("x.p",
                        "  local keys = {}\n"
                        "  for k in pairs(a.facts[1]) do if k == 'type' or k == 'value' then\n"
                        "    keys[#keys + 1] = k end end\n"
                        "  table.sort(keys)\n"
                        "  local n = 0\n  for _ in pairs(string) do n = n + 1 end\n"
                        "  report{ at = a, message = table.concat(keys, ',') .. ' ' ..\n"
                        "    tostring(n > 10) }"));
  auto r = check(only_dir(d), "办结案件899件。\n");
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 1u);
  BOOST_TEST(r.result.findings[0].message == "type,value true");
}

BOOST_AUTO_TEST_CASE(pairs_over_the_lazy_view_lists_fields_not_yet_built) {
  // The article view builds blocks, repairs, facts, the lists of records and each block's
  // sentences when first read (rules/lua_view.hpp); a walk with pairs sees them all, before any
  // was read, and still hands out no table behind a proxy.
  RuleDir d;
  d.write(
      "p.lua",
      rule(
          "x.p",
          "  local keys = {}\n"
          "  for k in pairs(a) do keys[#keys + 1] = k end\n"
          "  table.sort(keys)\n"
          "  local b = {}\n"
          "  for k in pairs(a.blocks[1]) do b[#b + 1] = k end\n"
          "  for k in pairs(a.blocks[1].sentences[2]) do b[#b + 1] = k end\n"
          "  table.sort(b)\n"
          "  local f, state = pairs(a)\n"
          "  local wrote = pcall(function() state.blocks = {}; state.numbers = {} end)\n"
          "  local k, v = f(a, nil)\n"
          "  report{ at = a, message = table.concat(keys, ',') }\n"
          "  report{ at = a, message = table.concat(b, ',') .. ' ' .. tostring(state == a)\n"
          "    .. ' ' .. tostring(wrote) .. ' ' .. tostring(next(a)) .. ' ' ..\n"
          "    tostring(rawget(a, 'blocks')) .. ' ' .. tostring(rawget(a.blocks[1], 'sentences'))\n"
          "    .. ' ' .. #a.blocks[1].sentences .. ' ' .. #a.quantities .. ' ' .. type(k) }"));
  auto r = check(only_dir(d), "办结案件899件。全年共3起。\n");
  BOOST_TEST(r.result.errors.empty());
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 2u);
  std::vector<std::string> m;
  for (const auto& f : r.result.findings) m.push_back(f.message);
  std::sort(m.begin(), m.end());
  BOOST_TEST(m[0] ==
             "ages,blocks,breakdowns,changes,counts,dates,elapsed,facts,headline,index,language,"
             "lists,message_language,numbers,ordinals,pairs,path,quantities,rates,repairs,"
             "restatements,shares,"
             "span,uncertain,unpaired");
  BOOST_TEST(m[1] ==
             "block,clauses,index,index,lbegin,lend,sentences,span,span,text,text,type true "
             "false nil nil nil 2 2 string");
}

BOOST_AUTO_TEST_CASE(lazy_fields_are_shared_by_the_article_rules) {
  // What one rule had built is what the next reads: the same tables.
  RuleDir d;
  d.write("a.lua", rule("x.a", "  local _ = a.quantities[1]"));
  d.write("b.lua", rule("x.b",
                        "  local q = a.quantities[1]\n"
                        "  report{ at = q, message = tostring(a.facts[1] == q) .. ' ' ..\n"
                        "    q.type .. ' ' .. #a.facts .. ' ' .. a.blocks[1].sentences[1].text }"));
  auto r = check(only_dir(d), "办结案件899件。\n");
  BOOST_TEST(r.result.errors.empty());
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 1u);
  BOOST_TEST(r.result.findings[0].message == "true quantity 1 办结案件899件。");
}

BOOST_AUTO_TEST_CASE(blocks_are_built_when_read_and_keep_their_identity_while_held) {
  // article.blocks builds each block when read, kept in a weak cache and a window of the last
  // 64 (rules/lua_view.cpp): a block a rule holds is the same table however many it reads since.
  std::string text;
  for (int i = 1; i <= 100; ++i) text += "第" + std::to_string(i) + "段。\n\n";
  RuleDir d;
  d.write("b.lua",
          rule("x.b",
               "  local bs = a.blocks\n"
               "  local first = bs[1]\n"
               "  local n = 0\n"
               "  for i, b in pairs(bs) do n = n + 1; assert(b.index == i) end\n"
               "  for _ = 1, 3 do for i = 2, #bs do local _ = bs[i].sentences[1].text end end\n"
               "  local wrote = pcall(function() bs[1] = 1 end)\n"
               "  report{ at = a, message = #bs .. ' ' .. n .. ' ' .. tostring(first == bs[1])\n"
               "    .. ' ' .. tostring(bs[1.0] == first) .. ' ' .. tostring(bs[0]) .. ' ' ..\n"
               "    tostring(bs[101]) .. ' ' .. tostring(bs['1']) .. ' ' .. tostring(bs[1.5]) ..\n"
               "    ' ' .. tostring(next(bs)) .. ' ' .. tostring(getmetatable(bs)) .. ' ' ..\n"
               "    tostring(wrote) .. ' ' .. bs[100].text .. ' ' .. first.sentences[1].text }"));
  auto r = check(only_dir(d), text, {}, "blocks.txt");
  BOOST_TEST(r.result.errors.empty());
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 1u);
  BOOST_TEST(r.result.findings[0].message ==
             "100 100 true true nil nil nil nil nil false false 第100段。 第1段。");
}

BOOST_AUTO_TEST_CASE(shipped_packs_build_no_article_view) {
  // Every shipped per-article check is a YAML kind evaluated natively (docs/rules.md): a check
  // with the shipped packs, every rule on, builds no Lua article view (and calls no Lua); a Lua
  // rule of one's own that runs on articles gets one per article.
  auto shipped = std::make_shared<rules::RuleSet>(rules::load_rules({}, true));
  std::string text =
      "# 甲\n\n排在前四位的分别是：甲139人、乙129人、丙147人。2099年8月3日，该院召开了推进会。"
      "检察院,昆都仑区检察院。民事案件占45%，刑事案件占35%，行政案件占30%。\n\n# 乙\n\n"
      "发挥了积极作用。用。\n";
  auto src = text::make_source("t.md", text);
  auto doc = parse::parse_document(*src.source);
  doc.publication_date = parse::Date{2025, 7, 22};
  rules::CheckSettings all;
  for (const auto& r : shipped->infos) all.enabled.insert(r.id);
  rules::Checker checker(shipped);
  auto before = rules::article_views_built();
  auto res = checker.check(doc, text, all);
  BOOST_TEST(rules::article_views_built() == before);
  std::set<std::string> fired;
  for (const auto& f : res.findings) fired.insert(f.rule);
  BOOST_TEST(res.errors.empty());
  for (const char* id : {"count.ranking", "date.future", "percent.sum", "punct.halfwidth-in-cjk",
                         "artifact.repeated-fragment"})
    BOOST_TEST(fired.count(id) == 1u, id);

  RuleDir d;
  d.write("a.lua", rule("x.a", "  local _ = a.language"));
  auto own = check(only_dir(d), kThree, {}, "three.md");
  BOOST_TEST(own.result.errors.empty());
  BOOST_TEST(rules::article_views_built() == before + 3);
}

BOOST_AUTO_TEST_CASE(a_view_kept_past_its_article_reads_only_what_was_built) {
  // A rule that keeps the view and reads it on the next article: fields built while the first
  // article's rules ran are there; one never read then is an error, not a read of freed memory.
  RuleDir d;
  d.write("k.lua", rule("x.k",
                        "  if kept == nil then kept = a; local _ = a.blocks; return end\n"
                        "  report{ at = a, message = kept.language .. ' ' .. #kept.blocks }\n"
                        "  local ok, err = pcall(function() return kept.numbers end)\n"
                        "  report{ at = a, message = tostring(ok) .. ' ' .. tostring(err) }"));
  auto r = check(only_dir(d), kThree, {}, "three.md");
  BOOST_TEST(r.result.errors.empty());
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 4u);
  BOOST_TEST(r.result.findings[0].message == "zh 2");
  BOOST_TEST(r.result.findings[1].message.find("false ") == 0u);
  BOOST_TEST(r.result.findings[1].message.find(
                 "the article view's 'numbers' was first read after the rules' calls on that "
                 "article ended") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(each_file_has_its_own_globals) {
  RuleDir d;
  d.write("a.lua", rule("x.a", "  leaked = 1; print = nil; string = nil; tally = nil"));
  d.write("b.lua", rule("x.b",
                        "  report{ at = a, message = type(leaked) .. ' ' .. type(print) ..\n"
                        "    ' ' .. type(string) .. ' ' .. type(tally) }"));
  auto r = check(only_dir(d), "一段文字。\n");
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 1u);
  BOOST_TEST(r.result.findings[0].message == "nil function table table");
}

BOOST_AUTO_TEST_CASE(finalizers_are_refused) {
  // Lua runs __gc with hooks off: a finalizer that loops hung the check for ever.
  RuleDir d;
  d.write("gc.lua", rule("x.gc",
                         "  setmetatable({}, {__gc = function() while true do end end})\n"
                         "  collectgarbage()"));
  d.write("ok.lua", rule("x.ok", "  report{ at = a, message = 'seen' }"));
  auto r = check(only_dir(d, small_budget()), "一段文字。\n");
  BOOST_REQUIRE_EQUAL(r.result.errors.size(), 1u);
  BOOST_TEST(r.result.errors[0].line == 2);
  BOOST_TEST(r.result.errors[0].message.find("may not set __gc") != std::string::npos);
  BOOST_TEST(r.result.findings.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_looping_xpcall_handler_is_stopped) {
  // The handler used to run inside the budget's own error, with hooks off: it never stopped.
  RuleDir d;
  d.write("xp.lua", rule("x.xp",
                         "  local ok, m = xpcall(error, function(e) return 'h:' .. e end, 'x', 0)\n"
                         "  local ok2, r2 = xpcall(function(p) return p + 1 end, print, 41)\n"
                         "  report{ at = a, message = tostring(ok) .. m .. tostring(ok2) .. r2 }\n"
                         "  xpcall(function() while true do end end,\n"
                         "         function() while true do end end)"));
  auto r = check(only_dir(d, small_budget()), "一段文字。\n");
  BOOST_REQUIRE_EQUAL(r.result.errors.size(), 1u);
  BOOST_TEST(r.result.errors[0].message.find("instruction budget exceeded") != std::string::npos);
  BOOST_TEST(r.result.findings.empty());  // a failing rule keeps no finding on the article
}

BOOST_AUTO_TEST_CASE(xpcall_calls_its_handler_with_the_error) {
  RuleDir d;
  d.write("xp.lua", rule("x.xp",
                         "  local ok, m = xpcall(error, function(e) return 'h:' .. e end, 'x', 0)\n"
                         "  local ok2, r2 = xpcall(function(p) return p + 1 end, print, 41)\n"
                         "  report{ at = a, message = tostring(ok) .. m .. tostring(ok2) .. r2 }"));
  auto r = check(only_dir(d), "一段文字。\n");
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 1u);
  BOOST_TEST(r.result.findings[0].message == "falseh:xtrue42");
}

BOOST_AUTO_TEST_CASE(close_handlers_and_error_tostring_run_under_the_budget) {
  RuleDir d;
  d.write("close.lua", rule("x.close",
                            "  do local x <close> = setmetatable({}, {__close = function()\n"
                            "    while true do end end}) end"));
  d.write("tostr.lua",
          rule("x.tostr",
               "  error(setmetatable({}, {__tostring = function() while true do end end}))"));
  auto r = check(only_dir(d, small_budget()), "一段文字。\n");
  BOOST_REQUIRE_EQUAL(r.result.errors.size(), 2u);
  std::map<std::string, std::string> m;
  for (const auto& e : r.result.errors) m[e.rule] = e.message;
  BOOST_TEST(m["x.close"].find("instruction budget exceeded") != std::string::npos);
  BOOST_TEST(m["x.tostr"] == "(error object is a table value)");
}

BOOST_AUTO_TEST_CASE(slow_c_calls_meet_the_wall_clock_limit) {
  RuleDir d;
  d.write("slow.lua", rule("x.slow",
                           "  local t = {}\n"
                           "  while true do t[1] = ('x'):rep(200000) end"));
  rules::LuaLimits l;
  l.instructions = 1'000'000'000'000;
  l.wall = std::chrono::milliseconds(200);
  auto start = std::chrono::steady_clock::now();
  auto r = check(only_dir(d, l), "一段文字。\n");
  auto took = std::chrono::steady_clock::now() - start;
  BOOST_REQUIRE_EQUAL(r.result.errors.size(), 1u);
  BOOST_TEST(r.result.errors[0].message.find("time limit exceeded (200 ms per rule per document") !=
             std::string::npos);
  BOOST_TEST(r.result.errors[0].line == 3);
  BOOST_TEST(took < std::chrono::seconds(5));
}

BOOST_AUTO_TEST_CASE(long_results_of_rep_and_concat_cost_instructions) {
  // A thousand 1 MB strings in a few thousand instructions went unnoticed by the budget.
  RuleDir d;
  d.write("rep.lua", rule("x.rep", "  for i = 1, 1000 do local s = ('x'):rep(1000000) end"));
  d.write("cat.lua", rule("x.cat",
                          "  local t = {('y'):rep(100000)}\n"
                          "  for i = 1, 2000 do local s = table.concat({t[1], t[1], t[1]}) end"));
  d.write("ok.lua",
          rule("x.ok",
               "  report{ at = a, message = ('-'):rep(3) .. table.concat({'a', 'b'}, ',') ..\n"
               "    ('ab'):rep(2, '|') }"));
  auto r = check(only_dir(d, small_budget()), "一段文字。\n");
  std::map<std::string, std::string> m;
  for (const auto& e : r.result.errors) m[e.rule] = e.message;
  BOOST_TEST(m.size() == 2u);
  BOOST_TEST(m["x.rep"].find("instruction budget exceeded") != std::string::npos);
  BOOST_TEST(m["x.cat"].find("instruction budget exceeded") != std::string::npos);
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 1u);
  BOOST_TEST(r.result.findings[0].message == "---a,bab|ab");
}

BOOST_AUTO_TEST_CASE(the_time_limit_is_per_rule_per_document) {
  // Each article's call takes t (measured first); with 2t per document, six articles cannot
  // all run. Per call, each would have been within the limit.
  RuleDir d;
  d.write("slow.lua", rule("x.slow",
                           "  for i = 1, 1000 do local s = ('x'):rep(200000) end\n"
                           "  report{ at = a, message = 'done' }"));
  rules::LuaLimits l;
  l.instructions = 1'000'000'000'000;
  auto start = std::chrono::steady_clock::now();
  auto one = check(only_dir(d, l), "一段文字。\n");
  auto t = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start);
  BOOST_REQUIRE(one.result.errors.empty());
  l.wall = std::max(std::chrono::milliseconds(20), 2 * t);
  std::string six;
  for (int k = 1; k <= 6; ++k) six += "# " + std::to_string(k) + "\n\n一段文字。\n\n";
  auto r = check(only_dir(d, l), six, {}, "six.md");
  BOOST_REQUIRE_EQUAL(r.result.errors.size(), 1u);
  BOOST_TEST(r.result.errors[0].message.find("time limit exceeded") != std::string::npos);
  BOOST_TEST(r.result.findings.size() < 6u);
}

BOOST_AUTO_TEST_CASE(the_budget_is_per_rule_per_document) {
  // 0.8 M instructions per article, 2 M per document: the third article goes over.
  RuleDir d;
  d.write("spend.lua", rule("x.spend",
                            "  for i = 1, 800000 do end\n"
                            "  report{ at = a, message = 'done ' .. a.index }"));
  auto r = check(only_dir(d, small_budget()), kThree, {}, "three.md");
  BOOST_REQUIRE_EQUAL(r.result.errors.size(), 1u);
  BOOST_TEST(r.result.errors[0].message.find("instruction budget exceeded") != std::string::npos);
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 2u);
  BOOST_TEST(r.result.findings[1].message == "done 2");
  // Another document starts afresh.
  auto again = check(only_dir(d, small_budget()), "一段文字。\n");
  BOOST_TEST(again.result.errors.empty());
}

BOOST_AUTO_TEST_CASE(what_a_rule_hands_over_is_bounded) {
  RuleDir d;
  d.write("big.lua", rule("x.big", "  report{ at = a, message = ('x'):rep(100000) }"));
  d.write("fix.lua", rule("x.fix", "  report{ at = a, message = 'm', fix = ('x'):rep(100000) }"));
  d.write("sum.lua", rule("x.sum",
                          "  for i = 1, 40 do report{ at = a, message = ('y'):rep(60000) .. i }\n"
                          "  end"));
  rules::LuaLimits l;
  l.memory = 1u << 20;
  auto r = check(only_dir(d, l), "一段文字。\n");
  std::map<std::string, std::string> m;
  for (const auto& e : r.result.errors) m[e.rule] = e.message;
  BOOST_TEST(m["x.big"] == "report: message longer than 65536 bytes");
  BOOST_TEST(m["x.fix"] == "report: fix text longer than 65536 bytes");
  BOOST_TEST(m["x.sum"].find("memory cap exceeded") != std::string::npos);
  BOOST_TEST(r.result.findings.empty());
  RuleDir many;
  many.write("many.lua",
             rule("x.many", "  for i = 1, 20000 do report{ at = a, message = 'm' .. i } end"));
  auto r2 = check(only_dir(many), "一段文字。\n");
  // Past the cap findings are counted, not kept, and a notice says so: no rule error, and the
  // first 10,000 stand.
  BOOST_TEST(r2.result.errors.empty());
  BOOST_TEST(r2.result.findings.size() == 10000u);
  BOOST_REQUIRE_EQUAL(r2.result.notices.size(), 1u);
  BOOST_TEST(r2.result.notices[0].id == "findings-capped");
  BOOST_TEST(r2.result.notices[0].message ==
             "规则 x.many 在本文档中只报告前 10000 处，另有 10000 处未列出");
}

BOOST_AUTO_TEST_CASE(a_slow_pattern_is_stopped_by_the_budget) {
  // Lua's matcher backtracks in C, out of the hook's sight: this ran for ever.
  RuleDir d;
  d.write("pat.lua", rule("x.pat", "  string.find(('a'):rep(40), ('a*'):rep(20) .. 'b')"));
  d.write("meth.lua",
          rule("x.meth", "  local s = ('a'):rep(40)\n  s:match(('a-'):rep(20) .. 'b')"));
  auto start = std::chrono::steady_clock::now();
  auto r = check(only_dir(d, small_budget()), "一段文字。\n");
  bool quick = std::chrono::steady_clock::now() - start < std::chrono::seconds(10);
  BOOST_TEST(quick);
  BOOST_REQUIRE_EQUAL(r.result.errors.size(), 2u);
  for (const auto& e : r.result.errors)
    BOOST_TEST(e.message.find("instruction budget exceeded") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(counted_patterns_answer_as_lua_does) {
  // The counted matcher against answers of Lua 5.4's own (lua5.4 -e, the same expressions).
  RuleDir d;
  d.write("pm.lua",
          rule("x.pm",
               "  local r = {}\n"
               "  local function add(...) local t = table.pack(...)\n"
               "    for i = 1, t.n do r[#r + 1] = tostring(t[i]) end r[#r + 1] = '|' end\n"
               "  add(('hello world'):find('o w'))\n"
               "  add(('hello world'):find('o', 6))\n"
               "  add(('hello world'):find('l+'))\n"
               "  add(('hello world'):find('(l+)(o)'))\n"
               "  add(('a.b'):find('.', 1, true))\n"
               "  add(('abc'):find('', 10))\n"
               "  add(('abc'):find('', 4))\n"
               "  add(('key = value'):match('^(%w+)%s*=%s*(%w+)$'))\n"
               "  add(('f(a(b)c)d'):match('%b()'))\n"
               "  add(('THE (quick) fox'):find('%f[%a]%a+', 5))\n"
               "  add(('hello'):match('()ll()'))\n"
               "  add(('abab'):match('(ab)%1'))\n"
               "  add(('x = 1, y = 22'):gsub('(%w+) = (%w+)', '%2=%1'))\n"
               "  add(('abc'):gsub('', '-'))\n"
               "  add(('hello world'):gsub('o', {o = '0'}))\n"
               "  add(('hello world'):gsub('%w+', function(w) return w:upper() end, 1))\n"
               "  add(('abc'):gsub('%w', '%0%0'))\n"
               "  add(('[x]'):match('[]%[]'))\n"
               "  add(('a-b'):match('[a%-]+'))\n"
               "  add(('2024年3月'):match('(%d+)年(%d+)月'))\n"
               "  add(('  trim  '):match('^%s*(.-)%s*$'))\n"
               "  add(('abc'):match('^b'))\n"
               "  add(('abc'):match('c$'))\n"
               "  add(('a,b,,c'):gsub(',', ';', 2))\n"
               "  for k, v in ('a=1, b=2'):gmatch('(%w+)=(%w+)') do add(k, v) end\n"
               "  for w in ('one two'):gmatch('%a*') do add(w) end\n"
               "  add(pcall(string.find, 'a', '[a'))\n"
               "  add(pcall(string.find, 'a', '%'))\n"
               "  add(pcall(string.gsub, 'a', 'a', '%2'))\n"
               "  report{ at = a, message = table.concat(r, ' ') }"));
  auto r = check(only_dir(d), "一段文字。\n");
  BOOST_REQUIRE_EQUAL(r.result.findings.size(), 1u);
  BOOST_TEST(
      r.result.findings[0].message ==
      "5 7 | 8 8 | 3 4 | 3 5 ll o | 2 2 | nil | 4 3 | key value | (a(b)c) | 6 10 | 3 5 | ab | 1=x, "
      "22=y 2 | -a-b-c- 4 | hell0 w0rld 2 | HELLO world 1 | aabbcc 3 | [ | a- | 2024 3 | trim | "
      "nil | c | a;b;,c 2 | a 1 | b 2 | one | two | false malformed pattern (missing ']') | false "
      "malformed pattern (ends with '%') | false invalid capture index %2 |");
}

BOOST_AUTO_TEST_CASE(report_called_from_a_metamethod_of_its_argument) {
  // report read its argument while building the finding in shared members: a metamethod that
  // called report again cleared the outer call's edits under it (undefined behaviour).
  RuleDir d;
  d.write("re.lua", rule("x.re",
                         "  local inner = 0\n"
                         "  local at = setmetatable({}, {__index = function(t, k)\n"
                         "    if k ~= 'span' then return nil end\n"
                         "    inner = inner + 1\n"
                         "    report{ at = a, message = 'inner', fix = {{ at = a, text = 'i' }} }\n"
                         "    return a.span end})\n"
                         "  report{ at = a, message = 'outer', fix = {{ at = at, text = 'o' }} }\n"
                         "  report{ at = a, message = tostring(inner) }"));
  auto r = check(only_dir(d), "一段文字。\n");
  BOOST_TEST(r.result.errors.empty());
  std::vector<std::string> got;
  for (const auto& f : r.result.findings)
    got.push_back(f.message + ":" + (f.fix ? f.fix->replacement : std::string("-")));
  std::sort(got.begin(), got.end());
  BOOST_TEST(got == (std::vector<std::string>{"1:-", "inner:i", "outer:o"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(tally_rule_reads_its_table_raw) {
  // tally.rule{} used to read `merge` and `on_article` through metamethods while C++ objects
  // were alive: a metamethod that raised (or looped into the budget) skipped their destructors.
  RuleDir d;
  auto path = d.write("meta.lua",
                      "tally.rule(setmetatable({ id = 'x.meta' }, { __index = function(t, k)\n"
                      "  while true do end end }))\n");
  auto set = only_dir(d, small_budget());
  BOOST_REQUIRE_EQUAL(set.errors.size(), 1u);
  BOOST_TEST(set.errors[0].file == path);
  BOOST_TEST(set.errors[0].message == "tally.rule: 'on_article' must be a function");
}

BOOST_AUTO_TEST_CASE(memory_kept_across_documents_counts_against_the_cap) {
  RuleDir d;
  d.write("keep.lua", "local kept = {}\n" + rule("x.keep",
                                                 "  kept[#kept + 1] = ('k'):rep(1000000) .. #kept\n"
                                                 "  report{ at = a, message = tostring(#kept) }"));
  rules::LuaLimits l;
  l.memory = 4u << 20;
  auto set = std::make_shared<rules::RuleSet>(only_dir(d, l));
  rules::Checker checker(set);
  std::string text = "一段文字。\n";
  auto src = text::make_source("t.txt", text);
  auto doc = parse::parse_document(*src.source);
  std::string failed;
  int n = 0;
  for (; n < 10 && failed.empty(); ++n) {
    auto res = checker.check(doc, text, {});
    if (!res.errors.empty()) failed = res.errors[0].message;
  }
  BOOST_TEST(failed.find("memory cap exceeded") != std::string::npos);
  BOOST_TEST(n <= 5);
}

BOOST_AUTO_TEST_SUITE_END()

// An article is read for at most kMaxFactsPerArticle facts (issue 22): the first ones in reading
// order are kept, and a notice names the article and the line where reading stopped.
BOOST_AUTO_TEST_SUITE(facts_cap)

BOOST_AUTO_TEST_CASE(past_the_cap_the_rest_is_not_read_and_a_notice_says_so) {
  std::string para;
  for (int i = 0; i < 30'000; ++i) para += "5件，";
  std::string text = para + "。\n\n" + para + "。\n";
  auto src = text::make_source("t.txt", text);
  auto doc = parse::parse_document(*src.source);
  BOOST_REQUIRE_EQUAL(doc.articles.size(), 1u);
  auto f = facts::extract_facts(doc.articles[0], std::nullopt);
  BOOST_TEST(f.capped);
  BOOST_TEST(f.quantities.size() == facts::kMaxFactsPerArticle);
  // The cut falls in the second paragraph, on line 3: its first 20,000 figures are kept.
  BOOST_TEST(f.quantities.back().block == f.quantities.front().block + 1);
  RuleDir d;
  auto r = check(only_dir(d), text);
  BOOST_REQUIRE_EQUAL(r.result.notices.size(), 1u);
  BOOST_TEST(r.result.notices[0].id == "facts-capped");
  BOOST_TEST(r.result.notices[0].requirement == "facts_per_article");
  BOOST_TEST(
      r.result.notices[0].message ==
      "第 1 篇稿件的事实超过 50000 项，第 3 行起的部分未读取事实，依据事实的规则未检查该部分");
  // Under the cap: no notice.
  auto small = check(only_dir(d), para + "。\n");
  BOOST_TEST(small.result.notices.empty());
}

// A paragraph longer than kMaxBlockBytes is read up to a sentence end within it (every
// extractor holds a block's figures at once); the notice names the paragraph's length.
BOOST_AUTO_TEST_CASE(a_paragraph_past_the_length_cap_is_read_in_part) {
  std::string filler;
  while (filler.size() < facts::kMaxBlockBytes) filler += "这是一句没有数字的话。";
  std::string text = "首段有3件。\n\n开头有4件。" + filler + "末尾有6件。\n";
  auto src = text::make_source("t.txt", text);
  auto doc = parse::parse_document(*src.source);
  BOOST_REQUIRE_EQUAL(doc.articles.size(), 1u);
  auto f = facts::extract_facts(doc.articles[0], std::nullopt);
  BOOST_TEST(f.capped);
  BOOST_TEST(f.capped_by_length);
  BOOST_REQUIRE_EQUAL(f.quantities.size(), 2u);  // 3件 and 4件, not 6件 past the cut
  BOOST_TEST(f.quantities[1].fact.number.value == 4);
  RuleDir d;
  auto r = check(only_dir(d), text);
  BOOST_REQUIRE_EQUAL(r.result.notices.size(), 1u);
  BOOST_TEST(r.result.notices[0].id == "facts-capped");
  BOOST_TEST(
      r.result.notices[0].message ==
      "第 1 篇稿件有一段超过 262144 字节，第 3 行起的部分未读取事实，依据事实的规则未检查该部分");
}

BOOST_AUTO_TEST_SUITE_END()
