// tally rules, tally explain, tally test-rules: what rule authors and editors ask of the rules.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "cli/color.hpp"
#include "cli/commands.hpp"
#include "cli/docs_base.hpp"
#include "cli/inputs.hpp"
#include "findings/families.hpp"
#include "parse/parse.hpp"
#include "report/json_format.hpp"
#include "report/text_format.hpp"
#include "rules/embedded.hpp"
#include "rules/rule_tests.hpp"
#include "service/settings.hpp"
#include "text/line_index.hpp"
#include "text/suggest.hpp"

namespace tally::cli {

namespace {

// The config that applies in the current folder (or --config), for its rule folders; problems
// with it are printed and counted in `problems`.
config::Config current_config(const CommonOptions& opts, int& problems) {
  config::Located found{opts.config, ""};
  if (found.path.empty()) found = config::locate_config("./.");
  if (!found.error.empty()) {
    std::cerr << found.error << "\n";
    ++problems;
    return {};
  }
  if (found.path.empty()) return {};
  auto r = config::load_config(found.path);
  if (!r.error.empty()) {
    std::cerr << r.error << "\n";
    ++problems;
  }
  return r.config;
}

// The rules of the config's folders and --rules; the config's rule ids and --disable are checked
// against them.
std::shared_ptr<rules::RuleSet> load_for(const CommonOptions& opts, const config::Config& cfg,
                                         int& problems) {
  std::vector<std::string> folders = cfg.rules;
  folders.insert(folders.end(), opts.rules.begin(), opts.rules.end());
  auto set = std::make_shared<rules::RuleSet>(rules::load_rules(folders, true));
  print_rule_problems(*set);
  if (auto e = service::unknown_rule_in_config(cfg, *set); !e.empty()) {
    std::cerr << e << "\n";
    ++problems;
  }
  if (!check_disable(opts.disable, opts.enable, {set})) ++problems;
  return set;
}

std::vector<std::string> ids_of(const rules::RuleSet& set) {
  std::vector<std::string> ids;
  for (const auto& r : set.infos) ids.push_back(r.id);
  return ids;
}

std::string text_in(const std::map<std::string, std::string>& m, const std::string& lang) {
  auto it = m.find(lang);
  if (it != m.end()) return it->second;
  it = m.find("");
  return it != m.end() ? it->second : "";
}

// The rules of `set` grouped by family: declared families first, in their order.
std::vector<std::pair<std::string, std::vector<const rules::RuleInfo*>>> by_family(
    const rules::RuleSet& set) {
  std::vector<std::pair<std::string, std::vector<const rules::RuleInfo*>>> groups;
  for (const auto& f : rules::families()) groups.push_back({f.id, {}});
  for (const auto& r : set.infos) {
    std::string family(rules::family_of(r.id));
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const auto& g) { return g.first == family; });
    if (it == groups.end()) it = groups.insert(groups.end(), {family, {}});
    it->second.push_back(&r);
  }
  groups.erase(
      std::remove_if(groups.begin(), groups.end(), [](const auto& g) { return g.second.empty(); }),
      groups.end());
  return groups;
}

// "", "  (disabled)", or why a rule that is off by default is off, or a hint.
std::string state(const rules::RuleInfo& r, const rules::CheckSettings& settings) {
  if (rules::rule_enabled(r, settings)) {
    if (r.default_hint) return "  hint by default: " + rules::pick_language(r.default_reason, "en");
    return r.default_off ? "  (enabled; off by default)" : "";
  }
  if (r.default_off && rules::rule_enabled(r.id, settings))
    return "  off by default: " + rules::pick_language(r.default_reason, "en");
  return "  (disabled)";
}

}  // namespace

int run_rules(const CommonOptions& opts) {
  int problems = 0;
  auto cfg = current_config(opts, problems);
  auto set = load_for(opts, cfg, problems);
  auto settings = service::settings_for(cfg, opts.disable, "", opts.enable);
  if (opts.format == "json") {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& r : set->infos) arr.push_back(report::rule_info_json(r, settings));
    std::cout << report::dump_json(nlohmann::json{{"rules", arr}}, 2) << "\n";
  } else {
    // By family, in the order families are declared; a house rule's undeclared family last.
    for (const auto& group : by_family(*set)) {
      // A house rule's undeclared family has no names: its id alone heads the group.
      if (rules::find_family(group.first))
        std::cout << group.first << "  " << rules::family_name(group.first, "zh") << " / "
                  << rules::family_name(group.first, "en") << "\n";
      else
        std::cout << group.first << "\n";
      for (const auto* r : group.second)
        std::cout << fmt::format("  {:<28} {:<8} {:<13} {}:{}{}\n", r->id,
                                 report::severity_name(r->severity), r->kind, r->file, r->line,
                                 state(*r, settings));
    }
    std::cout << set->infos.size() << " rules\n";
  }
  return set->errors.empty() && !problems ? kClean : kUsage;
}

int run_explain(const CommonOptions& opts, const std::string& id) {
  int problems = 0;
  auto cfg = current_config(opts, problems);
  auto set = load_for(opts, cfg, problems);
  const auto* r = set->find(id);
  if (!r) {
    std::cerr << "tally: no rule '" << id << "'" << text::did_you_mean(id, ids_of(*set))
              << " (see `tally rules`)\n";
    return kUsage;
  }
  std::cout << r->id << "  (" << report::severity_name(r->severity) << ", " << r->kind << ")\n";
  std::cout << "defined in " << r->file << ":" << r->line << "\n\n";
  for (const char* lang : {"zh", "en"}) {
    auto d = text_in(r->description, lang);
    if (!d.empty()) std::cout << d << "\n\n";
  }
  if (!r->link.empty()) std::cout << "More: " << resolve_link(r->link) << "\n\n";
  if (r->default_off) {
    auto en = rules::pick_language(r->default_reason, "en");
    auto zh = rules::pick_language(r->default_reason, "zh");
    std::cout << "Off by default: " << en << "\n"
              << (zh != en ? "默认关闭：" + zh + "\n" : "") << "(turn it on with --enable " << r->id
              << " or enable: in .tally.yml)\n\n";
  }
  if (r->default_hint) {
    auto en = rules::pick_language(r->default_reason, "en");
    auto zh = rules::pick_language(r->default_reason, "zh");
    std::cout << "A hint by default (severity info): " << en << "\n"
              << (zh != en ? "默认仅作提示：" + zh + "\n" : "")
              << "(raise it with severity: in .tally.yml)\n\n";
  }
  for (const auto& need : r->needs)
    std::cout << "Needs: " << need << " (without it the rule does not run; docs/notices.md)\n\n";
  if (!r->example.empty()) {
    std::cout << "Example:\n  " << r->example << "\n\n";
    auto src = text::make_source("example.txt", r->example);
    if (src.source) {
      parse::ParseOptions po;
      po.format = parse::Format::Lines;
      // A rule that needs the publication date shows its example as if published today.
      if (std::find(r->needs.begin(), r->needs.end(), "publication_date") != r->needs.end()) {
        auto now = std::chrono::year_month_day(
            std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
        po.date = parse::Date{static_cast<int>(now.year()), static_cast<int>(unsigned(now.month())),
                              static_cast<int>(unsigned(now.day()))};
        std::cout << "(checked as published on " << po.date->iso() << ")\n";
      }
      auto doc = parse::parse_document(*src.source, po);
      rules::Checker checker(set);
      rules::CheckSettings only;
      only.only = {id};
      // An edition rule's example parts its pages with form feeds (docs/rules.md).
      std::string bad;
      auto res = r->example.find('\f') == std::string::npos
                     ? checker.check(doc, src.source->bytes, only)
                     : rules::check_pages(checker, r->example, po, only, bad);
      text::LineIndex index(src.source->bytes);
      report::write_findings_text(std::cout, "example", src.source->bytes, index, res.findings,
                                  use_color(opts.color, STDOUT_FILENO));
    }
  }
  return problems ? kUsage : kClean;
}

int run_test_rules(const CommonOptions& opts) {
  // With folders: their rules over the embedded packs, and their tests. Without: the packs.
  auto set = std::make_shared<rules::RuleSet>(rules::load_rules(opts.paths, true));
  print_rule_problems(*set);
  std::vector<std::string> tests;
  std::string root = std::string(rules::kEmbeddedRoot) + "/";
  bool paths_given = !opts.paths.empty();
  for (const auto& t : set->test_files)
    if ((t.compare(0, root.size(), root) == 0) != paths_given) tests.push_back(t);
  rules::Checker checker(set);
  auto rep = rules::run_rule_tests(checker, tests);
  // Every shipped rule proves itself (a test file with both kinds of case, an example that
  // fires): the embedded packs, or the copies of them in the folders given (the source tree,
  // an installed share/tally/rules). A newsroom's own rules are tested as far as their files go.
  auto shipped = paths_given ? rules::load_rules({}, true) : rules::RuleSet{};
  std::vector<const rules::RuleInfo*> to_prove;
  for (const auto& r : set->infos)
    if ((r.file.compare(0, root.size(), root) == 0) != paths_given &&
        (!paths_given || shipped.find(r.id)))
      to_prove.push_back(&r);
  rules::prove_rules(checker, to_prove, rep);
  for (const auto& r : rep.results)
    if (!r.passed)
      std::cout << "FAIL " << r.file << ":" << r.line << " " << r.rule << ": " << r.detail << "\n";
  for (const auto& r : rep.results)
    if (r.known) std::cout << "KNOWN " << r.file << ":" << r.line << " " << r.rule << "\n";
  for (const auto& e : rep.errors) std::cout << "ERROR " << e.str() << "\n";
  size_t failed = rep.failed() + set->errors.size();
  std::cout << tests.size() << " test files, " << rep.passed() << " passed, " << failed
            << " failed";
  if (rep.known()) std::cout << " (" << rep.known() << " known misfires among the passed)";
  std::cout << "\n";
  if (tests.empty()) {
    std::cerr << "tally: no *.test.yaml files found\n";
    return kUsage;
  }
  return failed ? kFindings : kClean;
}

}  // namespace tally::cli
