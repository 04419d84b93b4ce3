// Times parsing, fact extraction and checking with every shipped rule of one page, repeated,
// and prints per-page figures. (The check includes its own fact extraction.) Two floors follow:
// a check with no rule on (its fact extraction), and with one Lua rule that does nothing (facts
// plus building the read-only article view every Lua rule reads): what any rule set costs.
// The check is also timed with its articles shared between two threads (Checker::check with a
// helper). Usage: bench_extract FILE [ITERATIONS] [--no-per-rule | --only RULE]
// Both options are for profiling and run one check per iteration, on one thread: --no-per-rule
// the full check, --only RULE a check with that rule alone; neither prints the floors or the
// one-rule-on table.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <vector>

#include "facts/extract.hpp"
#include "parse/parse.hpp"
#include "rules/checker.hpp"
#include "text/source.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_extract FILE [ITERATIONS]\n");
    return 2;
  }
  int iterations = argc > 2 ? std::atoi(argv[2]) : 200;
  auto loaded = tally::text::load_file(argv[1]);
  if (!loaded.source) {
    std::fprintf(stderr, "%s: %s\n", argv[1], loaded.error->message.c_str());
    return 2;
  }
  const auto& src = *loaded.source;
  using clock = std::chrono::steady_clock;
  std::vector<double> parse_ms, facts_ms, check_ms, split_ms;
  tally::rules::Checker checker(
      std::make_shared<tally::rules::RuleSet>(tally::rules::load_rules({}, true)));
  size_t facts_seen = 0;
  tally::rules::CheckSettings settings;
  std::string_view mode = argc > 3 ? argv[3] : "";
  if (mode == "--only" && argc > 4) settings.only.insert(argv[4]);
  const bool profiling = !mode.empty();
  // The same check with the articles shared out over a second Lua state on another thread
  // (what the language server and `tally serve` do for one draft while a core is free), timed
  // in the same iterations so that both see the machine alike.
  tally::rules::Checker helper(checker.rules_ptr());
  for (int i = 0; i < iterations; ++i) {
    auto t0 = clock::now();
    auto doc = tally::parse::parse_document(src);
    auto t1 = clock::now();
    auto facts = tally::facts::extract_document_facts(doc);
    auto t2 = clock::now();
    auto findings = checker.check(doc, src.bytes, settings);
    auto t3 = clock::now();
    check_ms.push_back(std::chrono::duration<double, std::milli>(t3 - t2).count());
    if (!profiling) {
      checker.check(doc, src.bytes, settings, helper);
      split_ms.push_back(std::chrono::duration<double, std::milli>(clock::now() - t3).count());
    }
    for (const auto& f : facts) facts_seen += f.quantities.size() + f.rates.size() + f.dates.size();
    parse_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    facts_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
  }
  auto stat = [](std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
  };
  std::printf("%s: %zu bytes, %d iterations (%zu facts seen)\n", argv[1], src.bytes.size(),
              iterations, facts_seen / static_cast<size_t>(iterations));
  std::printf("  parse  p50 %.3f ms  p99 %.3f ms\n", stat(parse_ms, 0.5), stat(parse_ms, 0.99));
  std::printf("  facts  p50 %.3f ms  p99 %.3f ms\n", stat(facts_ms, 0.5), stat(facts_ms, 0.99));
  std::printf("  check  p50 %.3f ms  p99 %.3f ms  (%s)\n", stat(check_ms, 0.5),
              stat(check_ms, 0.99), settings.only.empty() ? "all shipped rules" : argv[4]);
  if (profiling) return 0;
  std::printf("  check  p50 %.3f ms  p99 %.3f ms  (the same, articles on 2 threads)\n",
              stat(split_ms, 0.5), stat(split_ms, 0.99));

  auto check_p50 = [&](tally::rules::Checker& c, const tally::rules::CheckSettings& settings) {
    std::vector<double> ms;
    for (int i = 0; i < std::max(1, iterations / 4); ++i) {
      auto doc = tally::parse::parse_document(src);
      auto t0 = clock::now();
      c.check(doc, src.bytes, settings);
      ms.push_back(std::chrono::duration<double, std::milli>(clock::now() - t0).count());
    }
    return stat(ms, 0.5);
  };
  {
    tally::rules::CheckSettings none;
    none.only.insert("no-such-rule");
    auto dir = std::filesystem::temp_directory_path() /
               ("tally-bench-" + std::to_string(static_cast<long>(::getpid())));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "empty.lua")
        << "tally.rule{ id = 'bench.empty', on_article = function() end }\n";
    tally::rules::Checker empty(
        std::make_shared<tally::rules::RuleSet>(tally::rules::load_rules({dir.string()}, false)));
    std::filesystem::remove_all(dir);
    std::printf("  floors, check p50: no rule on %.3f ms, one empty Lua rule %.3f ms\n",
                check_p50(checker, none), check_p50(empty, {}));
  }

  // Per rule: the same check with only that rule on, minus nothing (includes facts and the view),
  // so the spread between rules is what to read.
  std::vector<std::pair<double, std::string>> per_rule;
  for (const auto& info : checker.rules().infos) {
    tally::rules::CheckSettings only;
    only.only.insert(info.id);
    per_rule.emplace_back(check_p50(checker, only), info.id);
  }
  std::sort(per_rule.rbegin(), per_rule.rend());
  std::printf("  check with one rule on, p50:\n");
  for (const auto& [ms, id] : per_rule) std::printf("    %-28s %.3f ms\n", id.c_str(), ms);
  return 0;
}
