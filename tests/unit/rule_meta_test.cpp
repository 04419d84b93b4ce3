// Rule metadata, read by one parser for YAML and Lua (rules/rule_meta.cpp): id syntax and place,
// message languages, families, default: off with --enable; and every shipped rule proving itself
// (rules/rule_tests.cpp prove_rules) over the loaded set, not a list of ids.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "findings/families.hpp"
#include "findings/settings.hpp"
#include "parse/parse.hpp"
#include "rules/checker.hpp"
#include "rules/embedded.hpp"
#include "rules/rule_tests.hpp"
#include "rules/yaml_rule.hpp"

using namespace tally;
namespace fs = std::filesystem;

namespace {

struct Folder {
  fs::path dir;
  Folder() {
    dir = fs::temp_directory_path() / ("tally-meta-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::create_directories(dir);
  }
  ~Folder() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) {
    auto p = dir / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
};

const std::string kShipped = std::string(rules::kEmbeddedRoot) + "/";

}  // namespace

BOOST_AUTO_TEST_SUITE(rule_meta)

BOOST_AUTO_TEST_CASE(families_are_declared_once) {
  BOOST_TEST(rules::families().size() == 12u);  // edition: across the pages of an edition
  BOOST_TEST(rules::family_of("percent.recompute") == "percent");
  BOOST_TEST(rules::family_of("nodot") == "");
  BOOST_TEST(rules::family_name("bracket", "zh") == "括号");
  BOOST_TEST(rules::family_name("bracket", "en") == "Brackets");
  BOOST_TEST(rules::family_name("house", "zh") == "本社规范");
  BOOST_TEST(rules::family_name("desk", "zh") == "desk");  // undeclared: the id itself
  BOOST_TEST(rules::find_family("artifact") != nullptr);
  BOOST_TEST(rules::find_family("quotes") == nullptr);
}

BOOST_AUTO_TEST_CASE(yaml_message_in_another_language_is_an_error_at_the_key) {
  auto r = rules::load_yaml_rules(
      "house/x.yaml", "id: house.x\nkind: pattern\npattern: x\nmessage:\n  zh: 甲\n  fr: a\n");
  BOOST_REQUIRE_EQUAL(r.errors.size(), 1u);
  BOOST_TEST(r.errors[0].str() ==
             "house/x.yaml:6:3: rule house.x: 'message' has texts for zh and en only, not 'fr'");
}

BOOST_AUTO_TEST_CASE(lua_message_in_another_language_is_the_same_error) {
  Folder f;
  f.write("house/x.lua",
          "tally.rule{ id = 'house.x',\n  description = { en = 'e', fr = 'f' },\n"
          "  on_article = function() end }\n");
  auto set = rules::load_rules({f.dir.string()}, false);
  BOOST_REQUIRE_EQUAL(set.errors.size(), 1u);
  BOOST_TEST(set.errors[0].str() == (f.dir / "house/x.lua").string() +
                                        ":1: tally.rule: 'description' has texts for zh and en "
                                        "only, not 'fr'");
  BOOST_TEST(set.infos.empty());
}

BOOST_AUTO_TEST_CASE(id_must_be_family_dot_name) {
  for (const char* id : {"percent", "Percent.x", "percent.", ".x", "per cent.x"}) {
    auto r = rules::load_yaml_rules(
        "p/x.yaml", std::string("id: \"") + id + "\"\nkind: pattern\npattern: x\nmessage: m\n");
    BOOST_REQUIRE_EQUAL(r.errors.size(), 1u);
    BOOST_TEST(r.errors[0].message.find("must be family.name") != std::string::npos, id);
  }
}

BOOST_AUTO_TEST_CASE(shipped_rule_in_the_wrong_place_does_not_load) {
  auto r = rules::load_yaml_rules(kShipped + "quote/bracket-x.yaml",
                                  "id: bracket.x\nkind: pattern\npattern: x\nmessage: m\n");
  BOOST_REQUIRE_EQUAL(r.errors.size(), 1u);
  BOOST_TEST(r.errors[0].message ==
             "id 'bracket.x' belongs in bracket/x.yaml, not quote/bracket-x.yaml (a rule's id "
             "names its folder and file)");
  auto u = rules::load_yaml_rules(kShipped + "desk/x.yaml",
                                  "id: desk.x\nkind: pattern\npattern: x\nmessage: m\n");
  BOOST_REQUIRE_EQUAL(u.errors.size(), 1u);
  BOOST_TEST(u.errors[0].message.find("family 'desk' is not declared (percent, count,") == 13u);
}

BOOST_AUTO_TEST_CASE(house_rule_in_the_wrong_place_loads_with_warnings) {
  auto r = rules::load_yaml_rules("desk/wording.yaml",
                                  "id: desk.words\nkind: pattern\npattern: x\nmessage: m\n");
  BOOST_TEST(r.errors.empty());
  BOOST_REQUIRE_EQUAL(r.rules.size(), 1u);
  BOOST_REQUIRE_EQUAL(r.warnings.size(), 2u);
  BOOST_TEST(r.warnings[0].message.find("family 'desk' is not declared") != std::string::npos);
  BOOST_TEST(r.warnings[1].str() ==
             "desk/wording.yaml:1:1: rule desk.words: id 'desk.words' belongs in "
             "desk/words.yaml, not desk/wording.yaml (a rule's id names its folder and file)");
  // In its place, with a declared family (house: a newsroom's own): nothing to say.
  for (const char* id : {"quote.x", "house.x"}) {
    std::string family(rules::family_of(id));
    auto ok = rules::load_yaml_rules(
        "rules/" + family + "/x.yaml",
        std::string("id: ") + id + "\nkind: pattern\npattern: x\nmessage: m\n");
    BOOST_TEST(ok.errors.empty());
    BOOST_TEST(ok.warnings.empty(), id);
  }
}

BOOST_AUTO_TEST_CASE(lua_rule_warnings_reach_the_rule_set) {
  Folder f;
  f.write("desk/x.lua", "tally.rule{ id = 'quote.y', on_article = function() end }\n");
  auto set = rules::load_rules({f.dir.string()}, false);
  BOOST_TEST(set.errors.empty());
  BOOST_REQUIRE_EQUAL(set.warnings.size(), 1u);
  BOOST_TEST(set.warnings[0].line == 1);
  BOOST_TEST(set.warnings[0].message.find("belongs in quote/y.lua, not desk/x.lua") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(default_off_needs_a_reason_and_runs_only_when_enabled) {
  auto bad = rules::load_yaml_rules(
      "quote/x.yaml", "id: quote.x\nkind: pattern\npattern: x\nmessage: m\ndefault: off\n");
  BOOST_REQUIRE_EQUAL(bad.errors.size(), 1u);
  BOOST_TEST(bad.errors[0].message.find("says why in default_reason") != std::string::npos);
  auto r = rules::load_yaml_rules("quote/x.yaml",
                                  "id: quote.x\nkind: pattern\npattern: x\nmessage: m\n"
                                  "default: off\ndefault_reason: {zh: 误报多, en: noisy}\n");
  BOOST_REQUIRE(r.errors.empty());
  const auto& info = r.rules.at(0).info;
  BOOST_TEST(info.default_off);
  BOOST_TEST(info.default_reason.at("en") == "noisy");
  rules::CheckSettings s;
  BOOST_TEST(!rules::rule_enabled(info, s));
  s.enabled = {"quote.*"};
  BOOST_TEST(rules::rule_enabled(info, s));
  s.disabled = {"quote.x"};  // --disable wins over enable
  BOOST_TEST(!rules::rule_enabled(info, s));
  rules::CheckSettings only;
  only.only = {"quote.x"};  // naming it alone (explain, rule tests) runs it
  BOOST_TEST(rules::rule_enabled(info, only));
}

// `default: hint`: runs without --enable, at severity info whatever `severity` says, and says
// why like `default: off` does.
BOOST_AUTO_TEST_CASE(default_hint_runs_at_info_and_needs_a_reason) {
  auto bad = rules::load_yaml_rules("quote/x.yaml",
                                    "id: quote.x\nkind: pattern\npattern: x\nmessage: m\n"
                                    "severity: error\ndefault: hint\n");
  BOOST_REQUIRE_EQUAL(bad.errors.size(), 1u);
  BOOST_TEST(bad.errors[0].message.find("a hint by default says why") != std::string::npos);
  auto r = rules::load_yaml_rules("quote/x.yaml",
                                  "id: quote.x\nkind: pattern\npattern: x\nmessage: m\n"
                                  "severity: error\ndefault: hint\n"
                                  "default_reason: {zh: 样本少, en: few findings measured}\n");
  BOOST_REQUIRE(r.errors.empty());
  const auto& info = r.rules.at(0).info;
  BOOST_TEST(info.default_hint);
  BOOST_TEST(!info.default_off);
  BOOST_TEST(static_cast<int>(info.severity) == static_cast<int>(report::Severity::Info));
  BOOST_TEST(info.default_reason.at("en") == "few findings measured");
  BOOST_TEST(rules::rule_enabled(info, rules::CheckSettings{}));
  auto wrong = rules::load_yaml_rules("quote/x.yaml",
                                      "id: quote.x\nkind: pattern\npattern: x\nmessage: m\n"
                                      "default: sometimes\n");
  BOOST_REQUIRE_EQUAL(wrong.errors.size(), 1u);
  BOOST_TEST(wrong.errors[0].message.find("on, off or hint") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(lua_default_off) {
  Folder f;
  f.write("quote/y.lua",
          "tally.rule{ id = 'quote.y', default = 'off', default_reason = { zh = '甲', en = 'b' },\n"
          "  on_article = function(a, report) report{ at = a.blocks[1], message = 'm' } end }\n");
  auto set = rules::load_rules({f.dir.string()}, false);
  BOOST_REQUIRE(set.errors.empty());
  BOOST_TEST(set.find("quote.y")->default_off);
  auto checker = rules::Checker(std::make_shared<rules::RuleSet>(set));
  auto src = text::make_source("t.txt", "正文。\n");
  auto doc = parse::parse_document(*src.source);
  BOOST_TEST(checker.check(doc, src.source->bytes, {}).findings.empty());
  rules::CheckSettings on;
  on.enabled = {"quote.y"};
  BOOST_TEST(checker.check(doc, src.source->bytes, on).findings.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(shipped_packs)

// Every shipped rule loads in its place and proves itself: a NAME.test.yaml beside it with a
// fire case and a pass case, and an example that fires. A rule added without them fails here.
BOOST_AUTO_TEST_CASE(every_shipped_rule_proves_itself) {
  auto set = std::make_shared<rules::RuleSet>(rules::load_rules({}, true));
  BOOST_TEST(set->errors.empty());
  BOOST_TEST(set->warnings.empty());
  BOOST_TEST(set->infos.size() >= 20u);
  rules::Checker checker(set);
  auto rep = rules::run_rule_tests(checker, set->test_files);
  std::vector<const rules::RuleInfo*> all;
  for (const auto& r : set->infos) {
    all.push_back(&r);
    BOOST_TEST(rules::find_family(rules::family_of(r.id)) != nullptr, r.id);
  }
  rules::prove_rules(checker, all, rep);
  for (const auto& r : rep.results)
    BOOST_TEST(r.passed, r.file << ":" << r.line << " " << r.detail);
  BOOST_TEST(rep.errors.empty());
}

BOOST_AUTO_TEST_CASE(a_rule_without_its_test_file_fails) {
  auto set = std::make_shared<rules::RuleSet>(rules::load_rules({}, true));
  rules::Checker checker(set);
  std::vector<std::string> tests;
  for (const auto& t : set->test_files)
    if (t.find("/percent/range.test.yaml") == std::string::npos) tests.push_back(t);
  auto rep = rules::run_rule_tests(checker, tests);
  rules::prove_rules(checker, {set->find("percent.range")}, rep);
  BOOST_REQUIRE_EQUAL(rep.failed(), 1u);
  BOOST_TEST(rep.results.back().detail.find("no test file: " + kShipped +
                                            "percent/range.test.yaml") == 0u);
  rules::RuleInfo silent = *set->find("percent.range");
  silent.example = "没有数字。";
  rules::RuleTestReport none;
  rules::prove_rules(checker, {&silent}, none);
  BOOST_TEST(none.results.back().detail == "its example does not fire: 没有数字。");
}

BOOST_AUTO_TEST_SUITE_END()
