// Start-up: the shipped Lua rules load from bytecode compiled at build time, only for the exact
// source each chunk came from and with the same rules, lines and findings as the text; anything
// else (a stale or foreign chunk, any rule file on disk) is compiled as text.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "parse/parse.hpp"
#include "rules/checker.hpp"
#include "rules/embedded.hpp"
#include "rules/embedded_bytecode.hpp"
#include "text/source.hpp"

using namespace tally;

namespace {

std::vector<std::string> findings_of(std::shared_ptr<const rules::RuleSet> set,
                                     const std::string& bytes) {
  auto src = text::make_source("t.txt", bytes);
  auto doc = parse::parse_document(*src.source);
  rules::Checker checker(std::move(set));
  std::vector<std::string> out;
  for (const auto& f : checker.check(doc, bytes, {}).findings)
    out.push_back(f.rule + "@" + std::to_string(f.span.begin) + ":" + f.message);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(startup)

BOOST_AUTO_TEST_CASE(every_shipped_lua_file_has_its_bytecode) {
  size_t n = 0;
  for (const auto& f : rules::embedded_files()) {
    std::string path = f.path;
    if (path.size() < 4 || path.compare(path.size() - 4, 4, ".lua") != 0) continue;
    ++n;
    std::string_view source(f.data, f.size);
    BOOST_TEST_CONTEXT(path) {
      BOOST_TEST(!rules::bytecode_for(path, source).empty());
      // A chunk is tied to its exact source: one byte more and the text is compiled instead.
      BOOST_TEST(rules::bytecode_for(path, std::string(source) + " ").empty());
    }
  }
  // The edition rules (every per-article check is a YAML kind).
  BOOST_TEST(n >= 3u);
  BOOST_TEST(rules::bytecode_for("no/such.lua", "x").empty());
}

BOOST_AUTO_TEST_CASE(bytecode_and_text_load_the_same_rules_and_findings) {
  auto loaded = std::make_shared<rules::RuleSet>(rules::load_rules({}, true));
  BOOST_TEST(loaded->errors.empty());
  size_t with_bytecode = 0;
  for (const auto& f : loaded->lua_files)
    if (!f.bytecode.empty()) ++with_bytecode;
  BOOST_TEST(with_bytecode == loaded->lua_files.size());

  // The same set compiled from text, by a Checker that loads the files itself.
  auto text = std::make_shared<rules::RuleSet>(*loaded);
  text->spare_lua = nullptr;
  for (auto& f : text->lua_files) f.bytecode = {};
  // And from bytecode by a Checker of its own (as a second thread's or the helper's).
  auto again = std::make_shared<rules::RuleSet>(*loaded);
  again->spare_lua = nullptr;

  rules::LuaRules from_text(loaded->limits, rules::module_lookup());
  rules::LuaRules from_bytecode(loaded->limits, rules::module_lookup());
  for (const auto& f : loaded->lua_files) {
    BOOST_TEST(from_text.load_file(f.path, f.folder, f.text).empty());
    BOOST_TEST(from_bytecode.load_file(f.path, f.folder, f.text, f.bytecode).empty());
  }
  BOOST_REQUIRE(from_text.rules().size() == from_bytecode.rules().size());
  for (size_t i = 0; i < from_text.rules().size(); ++i) {
    const auto &a = from_text.rules()[i].info, &b = from_bytecode.rules()[i].info;
    BOOST_TEST(a.id == b.id);
    BOOST_TEST(a.file == b.file);
    BOOST_TEST(a.line == b.line);  // debug information kept: errors still say file:line
    BOOST_TEST(a.line > 0);
  }

  for (const char* name : {"zh-page-wrapped.txt", "en-lines.txt", "zh-lines.txt"}) {
    auto r = text::load_file(std::string(TALLY_SOURCE_DIR) + "/samples/" + name);
    BOOST_REQUIRE(r.source);
    std::string bytes(r.source->bytes);
    auto expected = findings_of(text, bytes);
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(!expected.empty());
      BOOST_TEST(findings_of(loaded, bytes) == expected, boost::test_tools::per_element());
      BOOST_TEST(findings_of(again, bytes) == expected, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(a_chunk_this_lua_refuses_falls_back_to_the_text) {
  rules::LuaRules lua({}, rules::module_lookup());
  std::string code = "tally.rule{ id = 'house.x', message = 'x', on_article = function() end }";
  // Not a binary chunk at all, and one with a broken header: both compiled from the text.
  BOOST_TEST(lua.load_file("<embedded>/house/x.lua", "<embedded>/house", code, "garbage").empty());
  BOOST_TEST(
      lua.load_file("<embedded>/house/y.lua", "<embedded>/house",
                    "tally.rule{ id = 'house.y', message = 'y', on_article = function() end }",
                    std::string_view("\x1bLua\x01\x02", 6))
          .empty());
  BOOST_TEST(lua.rules().size() == 2u);
}

BOOST_AUTO_TEST_CASE(rule_files_on_disk_stay_text_only) {
  auto dir =
      std::filesystem::temp_directory_path() / ("tally-startup-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "house");
  // A file that is a binary chunk, and a rule that hands load() one: neither runs.
  std::ofstream(dir / "house" / "bin.lua") << "\x1bLuaT" << std::string(40, '\0');
  std::ofstream(dir / "house" / "dump.lua")
      << "local f, err = load('\\27LuaT\\0')\n"
         "assert(f == nil and err:find('binary'), tostring(err))\n"
         "tally.rule{ id = 'house.dump', message = 'x', on_article = function() end }\n";
  auto set = rules::load_rules({dir.string()}, false);
  std::filesystem::remove_all(dir);
  BOOST_REQUIRE(set.errors.size() == 1u);
  BOOST_TEST(set.errors[0].file.find("bin.lua") != std::string::npos);
  BOOST_TEST(set.errors[0].message.find("binary") != std::string::npos, set.errors[0].message);
  BOOST_TEST(set.find("house.dump") != nullptr);
  for (const auto& f : set.lua_files) BOOST_TEST(f.bytecode.empty());
}

BOOST_AUTO_TEST_SUITE_END()
