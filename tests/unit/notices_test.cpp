// Rules that need something a document lacks (`requires: publication_date`) are not run on it,
// and the check says so: one notice per unmet need, naming the rules held back, in the
// document's language. Unknown needs are load errors.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "parse/parse.hpp"
#include "rules/checker.hpp"
#include "rules/requirements.hpp"

using namespace tally;
namespace fs = std::filesystem;

namespace {

struct Folder {
  fs::path dir = fs::temp_directory_path() / ("tally-notices-" + std::to_string(::getpid()));
  Folder() { fs::create_directories(dir); }
  ~Folder() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
  }
};

// Two rules that need the date (one YAML, one Lua) and one that does not, all firing on "X".
const char* kYaml = R"(id: house.dated
kind: pattern
pattern: "X"
message: dated
requires: [publication_date]
---
id: house.plain
kind: pattern
pattern: "X"
message: plain
)";
const char* kLua = R"(tally.rule{ id = "house.lua-dated", requires = "publication_date",
  message = "lua dated",
  on_article = function(article, report)
    for _, b in ipairs(article.blocks) do
      local at = b.text:find("X", 1, true)
      if at then report{ at = tally.span(_, at - 1, at) } end
    end
  end }
)";

struct Checked {
  rules::CheckResult result;
  std::vector<std::string> rules() const {
    std::vector<std::string> out;
    for (const auto& f : result.findings) out.push_back(f.rule);
    return out;
  }
};

Checked run(const rules::RuleSet& set, const std::string& text,
            std::optional<parse::Date> date = {}, rules::CheckSettings settings = {},
            bool two_threads = false) {
  auto src = text::make_source("t.txt", text);
  parse::ParseOptions po;
  po.date = date;
  auto doc = parse::parse_document(*src.source, po);
  auto shared = std::make_shared<rules::RuleSet>(set);
  rules::Checker checker(shared), helper(shared);
  Checked c;
  c.result = two_threads ? checker.check(doc, src.source->bytes, settings, helper)
                         : checker.check(doc, src.source->bytes, settings);
  return c;
}

rules::RuleSet house(Folder& f) {
  f.write("house.yaml", kYaml);
  f.write("house.lua", kLua);
  auto set = rules::load_rules({f.dir.string()}, false);
  BOOST_TEST_REQUIRE(set.errors.empty());
  return set;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(notices)

BOOST_AUTO_TEST_CASE(rules_needing_a_date_are_held_back_and_named) {
  Folder f;
  auto set = house(f);
  auto c = run(set, "The X was held.\n");
  BOOST_TEST(c.rules() == std::vector<std::string>{"house.plain"});
  BOOST_TEST_REQUIRE(c.result.notices.size() == 1u);
  const auto& n = c.result.notices[0];
  BOOST_TEST(n.id == "no-publication-date");
  BOOST_TEST(n.requirement == "publication_date");
  BOOST_TEST(n.rules == (std::vector<std::string>{"house.dated", "house.lua-dated"}));
  BOOST_TEST(n.message ==
             "No publication date, so these rules did not run: house.dated, house.lua-dated "
             "(give one with --date or date: in .tally.yml)");
}

BOOST_AUTO_TEST_CASE(the_notice_speaks_the_documents_language) {
  Folder f;
  auto set = house(f);
  auto c = run(set, "会议于X召开，各方参加。\n");
  BOOST_TEST_REQUIRE(c.result.notices.size() == 1u);
  BOOST_TEST(c.result.notices[0].message ==
             "没有出版日期，以下规则未运行：house.dated, house.lua-dated（用 --date 或 .tally.yml "
             "的 date: 指定出版日期）");
}

BOOST_AUTO_TEST_CASE(with_a_date_everything_runs_and_nothing_is_said) {
  Folder f;
  auto set = house(f);
  auto c = run(set, "The X was held.\n", parse::Date{2025, 7, 22});
  BOOST_TEST(c.rules() ==
             (std::vector<std::string>{"house.dated", "house.lua-dated", "house.plain"}));
  BOOST_TEST(c.result.notices.empty());
}

BOOST_AUTO_TEST_CASE(disabled_rules_are_not_named) {
  Folder f;
  auto set = house(f);
  rules::CheckSettings s;
  s.disabled = {"house.lua-dated"};
  auto c = run(set, "The X was held.\n", {}, s);
  BOOST_TEST_REQUIRE(c.result.notices.size() == 1u);
  BOOST_TEST(c.result.notices[0].rules == std::vector<std::string>{"house.dated"});
  s.disabled = {"house.*"};
  BOOST_TEST(run(set, "The X was held.\n", {}, s).result.notices.empty());
  rules::CheckSettings only;
  only.only = {"house.plain"};
  BOOST_TEST(run(set, "The X was held.\n", {}, only).result.notices.empty());
}

BOOST_AUTO_TEST_CASE(two_threads_say_the_same) {
  Folder f;
  auto set = house(f);
  std::string page = "# One\n\nThe X was held.\n\n# Two\n\nAnother X.\n";
  auto src = text::make_source("t.md", page);
  auto one = run(set, page), two = run(set, page, {}, {}, true);
  BOOST_TEST(one.rules() == two.rules());
  BOOST_TEST_REQUIRE(two.result.notices.size() == 1u);
  BOOST_TEST(two.result.notices[0].message == one.result.notices[0].message);
}

BOOST_AUTO_TEST_CASE(nothing_is_said_about_an_empty_document) {
  Folder f;
  auto set = house(f);
  BOOST_TEST(run(set, "").result.notices.empty());
}

BOOST_AUTO_TEST_CASE(the_shipped_date_future_needs_the_date) {
  auto set = rules::load_rules({}, true);
  BOOST_TEST(set.find("date.future")->needs == std::vector<std::string>{"publication_date"});
  auto c = run(set, "2099年8月3日，该院召开了推进会。\n");
  BOOST_TEST(c.rules().empty());
  BOOST_TEST_REQUIRE(c.result.notices.size() == 1u);
  BOOST_TEST(c.result.notices[0].rules == std::vector<std::string>{"date.future"});
  auto dated = run(set, "2099年8月3日，该院召开了推进会。\n", parse::Date{2025, 7, 22});
  BOOST_TEST(dated.rules() == std::vector<std::string>{"date.future"});
  BOOST_TEST(dated.result.notices.empty());
}

BOOST_AUTO_TEST_CASE(an_unknown_need_is_a_load_error) {
  Folder f;
  f.write("a.yaml", "id: house.a\nkind: pattern\npattern: X\nmessage: m\nrequires: pub_date\n");
  f.write("b.lua",
          "tally.rule{ id = 'house.b', requires = {'publication_date', 'weather'},\n"
          "  on_article = function() end }\n");
  auto set = rules::load_rules({f.dir.string()}, false);
  BOOST_TEST_REQUIRE(set.errors.size() == 2u);
  std::vector<std::string> got;
  for (const auto& e : set.errors) got.push_back(e.str());
  std::sort(got.begin(), got.end());
  BOOST_TEST(got[0] == (f.dir / "a.yaml").string() +
                           ":5:11: rule house.a: unknown requirement 'pub_date' (known: "
                           "publication_date)");
  BOOST_TEST(got[1] == (f.dir / "b.lua").string() +
                           ":1: tally.rule: unknown requirement 'weather' (known: "
                           "publication_date)");
}

BOOST_AUTO_TEST_SUITE_END()
