// What a user types and Tally must understand however it is written: misspelt names answered
// with the nearest known one, rule ids in .tally.yml checked with their position, ignore globs
// matched whatever the path's spelling, and both config names.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "config/config.hpp"
#include "rules/rule_ids.hpp"
#include "service/engine.hpp"
#include "service/settings.hpp"
#include "text/suggest.hpp"

using namespace tally;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path dir;
  TempDir() {
    dir = fs::temp_directory_path() /
          ("tally-conventions-" + std::to_string(reinterpret_cast<uintptr_t>(this)) + "-" +
           std::to_string(::getpid()));
    fs::create_directories(dir);
  }
  ~TempDir() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) const {
    auto p = dir / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
};

rules::RuleSet set_of(const std::vector<std::string>& ids) {
  rules::RuleSet set;
  for (const auto& id : ids) {
    rules::RuleInfo info;
    info.id = id;
    set.infos.push_back(info);
  }
  return set;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(conventions)

BOOST_AUTO_TEST_CASE(edit_distance_counts_edits_and_swaps) {
  BOOST_TEST(text::edit_distance("check", "check") == 0u);
  BOOST_TEST(text::edit_distance("chek", "check") == 1u);   // deletion
  BOOST_TEST(text::edit_distance("chekc", "check") == 1u);  // two neighbours swapped
  BOOST_TEST(text::edit_distance("CHECK", "check") == 0u);  // ASCII case ignored
  BOOST_TEST(text::edit_distance("检查", "检察") == 1u);    // code points, not bytes
  BOOST_TEST(text::edit_distance("", "rules") == 5u);
  BOOST_TEST(text::edit_distance("parse", "facts") == 4u);
}

BOOST_AUTO_TEST_CASE(closest_only_when_near_enough) {
  std::vector<std::string> commands = {"parse", "facts", "check", "rules", "explain"};
  BOOST_TEST(text::did_you_mean("chek", commands) == "; did you mean 'check'?");
  BOOST_TEST(text::did_you_mean("rule", commands) == "; did you mean 'rules'?");
  BOOST_TEST(text::did_you_mean("explian", commands) == "; did you mean 'explain'?");
  BOOST_TEST(text::did_you_mean("zzz", commands) == "");  // nothing near: no guess
  BOOST_TEST(!text::closest("lint", commands));
  // Ties go to the first candidate, so the answer does not depend on anything but the list.
  BOOST_TEST(*text::closest("ab", {"ax", "xb"}) == "ax");
}

BOOST_AUTO_TEST_CASE(unknown_rule_ids_get_a_suggestion) {
  auto set = set_of({"date.future", "date.invalid", "percent.recompute", "percent.sum"});
  BOOST_TEST(rules::unknown_rule("percent.recompute", set) == "");
  BOOST_TEST(rules::unknown_rule("percent.*", set) == "");
  BOOST_TEST(rules::unknown_rule("percent.recompte", set) ==
             "no rule 'percent.recompte'; did you mean 'percent.recompute'?");
  BOOST_TEST(rules::unknown_rule("percnt.*", set) ==
             "no rule matches 'percnt.*'; did you mean 'percent.*'?");
  BOOST_TEST(rules::unknown_rule("date", set) == "no rule 'date'; did you mean 'date.*'?");
  BOOST_TEST(rules::unknown_rule("house.wording", set) == "no rule 'house.wording'");
  // A rule whose file failed to load is still a rule: the file is what needs fixing.
  set.errors.push_back({"house.yaml", 3, 1, "house.wording", "unknown key"});
  BOOST_TEST(rules::unknown_rule("house.wording", set) == "");
}

BOOST_AUTO_TEST_CASE(config_rule_ids_checked_with_their_position) {
  TempDir t;
  auto path = t.write(".tally.yml",
                      "disable: [percent.sum]\n"
                      "severity:\n"
                      "  date.futur: info\n");
  auto r = config::load_config(path);
  BOOST_REQUIRE(r.error.empty());
  auto set = set_of({"date.future", "percent.sum"});
  BOOST_TEST(service::unknown_rule_in_config(r.config, set) ==
             path + ":3:3: severity: no rule 'date.futur'; did you mean 'date.future'?");
  auto ignore = t.write("b/.tally.yml", "ignore:\n  - path: '*.md'\n    rules: [percnt.*]\n");
  r = config::load_config(ignore);
  BOOST_TEST(service::unknown_rule_in_config(r.config, set) ==
             ignore + ":3:13: ignore: no rule matches 'percnt.*'; did you mean 'percent.*'?");
}

// The engine refuses to check with such a config, as it does with a config it cannot parse.
BOOST_AUTO_TEST_CASE(engine_reports_a_misspelt_rule_in_the_config) {
  TempDir t;
  auto cfg = t.write(".tally.yml", "disable: [percent.recompte]\n");
  service::Engine engine({});
  service::CheckRequest req;
  req.text = "正文。\n";
  req.filename = (t.dir / "a.txt").string();
  auto out = engine.check(req);
  BOOST_REQUIRE(out.input_error);
  BOOST_TEST(out.input_error->message ==
             "config: " + cfg +
                 ":1:11: disable: no rule 'percent.recompte'; did you mean 'percent.recompute'?");
}

// A relative name is found from the working folder of the moment: a host of the C library may
// change it between checks, and the same name then has another .tally.yml (or none). Only the
// CLI, which never changes folder, caches a config by the folder as the name writes it.
BOOST_AUTO_TEST_CASE(relative_names_find_the_config_of_the_working_folder_now) {
  TempDir t;
  t.write("a/.tally.yml", "disable: [growth.*]\n");
  t.write("b/keep.txt", "");
  const std::string text =
      "Average waiting times fell from 50 minutes to 40 minutes, down 25 percent, officials "
      "said.\n";
  auto growth_findings = [&](service::Engine& engine, const fs::path& folder) {
    fs::current_path(folder);
    service::CheckRequest req;
    req.text = text;
    req.filename = "x.txt";
    auto out = engine.check(req);
    BOOST_REQUIRE(!out.input_error);
    size_t n = 0;
    for (const auto& f : out.findings) n += f.rule == "growth.recompute";
    return n;
  };
  auto was = fs::current_path();
  service::Engine host({});
  BOOST_TEST(growth_findings(host, t.dir / "a") == 0u);
  BOOST_TEST(growth_findings(host, t.dir / "b") == 1u);
  BOOST_TEST(growth_findings(host, t.dir / "a") == 0u);
  service::EngineOptions cli_options;
  cli_options.fixed_working_folder = true;
  service::Engine cli(cli_options);
  BOOST_TEST(growth_findings(cli, t.dir / "b") == 1u);
  fs::current_path(was);
}

// How the path was written must not matter: "drafts/./archive", "drafts/x/../archive", relative
// or absolute. Before, "drafts/./archive/old.txt" was compared as written and never matched.
BOOST_AUTO_TEST_CASE(ignore_globs_match_normalised_paths) {
  config::Config c;
  fs::path base = fs::current_path() / "cfg";
  c.path = (base / ".tally.yml").string();
  c.ignore = {"drafts/archive/*"};
  BOOST_TEST(config::ignored(c, (base / "drafts/archive/old.txt").string()));
  BOOST_TEST(config::ignored(c, (base / "drafts/./archive/old.txt").string()));
  BOOST_TEST(config::ignored(c, (base / "drafts/new/../archive/old.txt").string()));
  BOOST_TEST(config::ignored(c, "cfg/drafts/./archive/old.txt"));
  BOOST_TEST(config::ignored(c, "./cfg/drafts/archive/old.txt"));
  BOOST_TEST(!config::ignored(c, "cfg/drafts/new.txt"));
  BOOST_TEST(!config::ignored(c, "cfg/drafts/archive/../new.txt"));
  BOOST_TEST(config::path_in_config(c, "cfg/drafts/./archive/old.txt") == "drafts/archive/old.txt");
  // A config path written with "." and ".." is its folder all the same.
  c.path = (fs::current_path() / "cfg/sub/../.tally.yml").string();
  BOOST_TEST(config::ignored(c, "cfg/drafts/./archive/old.txt"));
  // The per-path rule switches go through the same matching.
  c.ignore_rules = {{"drafts/archive/*", {"date.future"}}};
  BOOST_TEST(config::disabled_for(c, "cfg/drafts/./archive/old.txt") ==
             std::vector<std::string>{"date.future"});
}

BOOST_AUTO_TEST_CASE(both_config_names_found_and_both_at_once_refused) {
  TempDir t;
  t.write("a/.tally.yaml", "language: en\n");
  t.write("a/sub/x.txt", "");
  auto found = config::locate_config((t.dir / "a/sub/x.txt").string());
  BOOST_TEST(found.path == (t.dir / "a/.tally.yaml").string());
  BOOST_TEST(found.error == "");
  t.write("a/.tally.yml", "language: zh\n");
  found = config::locate_config((t.dir / "a/sub/x.txt").string());
  BOOST_TEST(found.error == (t.dir / "a/.tally.yml").string() + " and " +
                                (t.dir / "a/.tally.yaml").string() +
                                ": two config files in one folder; keep one");
}

BOOST_AUTO_TEST_CASE(unknown_setting_suggests_the_nearest) {
  TempDir t;
  auto path = t.write(".tally.yml", "disabel: [date.future]\n");
  auto r = config::load_config(path);
  BOOST_TEST(r.error == path +
                            ":1:1: unknown setting 'disabel'; did you mean 'disable'? (settings: "
                            "date, publication_date, language, input_format, encoding, rules, "
                            "disable, enable, severity, ignore)");
}

BOOST_AUTO_TEST_SUITE_END()
