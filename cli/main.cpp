// tally: the command-line face of the engine.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "http_server.hpp"
#include "text/encoding.hpp"

int main(int argc, char** argv) {
  using namespace tally::cli;
  CLI::App app{"Tally: a fact-checking rules engine for news copy"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "tally 0.1.0");

  CommonOptions parse_opts, check_opts, facts_opts;
  auto encoding_name = [](const std::string& name) {
    return tally::text::encoding_known(name) ? std::string()
                                             : "unknown encoding '" + name + "' (see iconv --list)";
  };
  auto add_common = [&encoding_name](CLI::App* cmd, CommonOptions& o,
                                     std::vector<std::string> formats = {"text", "json"}) {
    cmd->add_option("--format", o.format, "output format")
        ->check(CLI::IsMember(formats))
        ->capture_default_str();
    cmd->add_option("--date", o.date, "publication date YYYY-MM-DD, when the page header has none");
    cmd->add_option("--config", o.config, "use this .tally.yml instead of searching upward");
    cmd->add_option(
           "--input-format", o.input_format,
           "read files as auto (by name and layout), page (print), plain (typed), markdown")
        ->check(CLI::IsMember({"auto", "page", "plain", "markdown"}))
        ->capture_default_str();
    cmd->add_option("--encoding", o.encoding, "encoding of drafts not in UTF-8 (gb18030, big5, …)")
        ->check(encoding_name);
  };
  auto* parse = app.add_subcommand("parse", "print the document structure: articles and blocks");
  parse->add_option("files", parse_opts.paths, "files or folders ('-' reads stdin)")->required();
  add_common(parse, parse_opts);

  auto* facts = app.add_subcommand(
      "facts", "list every fact: numbers, quantities, rates, dates, counts, lists, quotes");
  facts->add_option("files", facts_opts.paths, "files or folders ('-' reads stdin)")->required();
  add_common(facts, facts_opts);

  auto add_rules = [](CLI::App* cmd, CommonOptions& o) {
    // One value per occurrence: "--rules DIR FILE" must leave FILE to the paths.
    cmd->add_option("--rules", o.rules, "add a rule folder (repeatable); same ids override")
        ->allow_extra_args(false)
        ->check(CLI::ExistingDirectory);
    cmd->add_option("--disable", o.disable, "turn off a rule id or 'prefix.*' (repeatable)")
        ->allow_extra_args(false);
  };
  auto* check = app.add_subcommand("check", "check drafts and report findings");
  check->add_option("paths", check_opts.paths, "files or folders of .txt/.md ('-' reads stdin)");
  add_common(check, check_opts, {"text", "json", "sarif", "github", "junit", "checkstyle"});
  add_rules(check, check_opts);
  check->add_option("--fail-on", check_opts.fail_on, "lowest severity that makes the exit status 1")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->capture_default_str();
  check->add_option("--baseline", check_opts.baseline,
                    "leave out the findings recorded in this file (matched by rule and text)");
  check->add_option("--write-baseline", check_opts.write_baseline,
                    "record the current findings in this file and exit 0");
  check->add_option("--jobs,-j", check_opts.jobs, "files checked at once (default: one per core)");
  check->add_option("--jsonl", check_opts.jsonl,
                    "read one article per line ({\"id\", \"text\", \"date\"?, \"language\"?}) from "
                    "FILE or '-', write one result per line");

  CommonOptions rules_opts, explain_opts, test_opts;
  auto* rules = app.add_subcommand("rules", "list the rules in force and where they come from");
  rules->add_option("--format", rules_opts.format, "output format")
      ->check(CLI::IsMember({"text", "json"}));
  rules->add_option("--config", rules_opts.config, "use this .tally.yml");
  add_rules(rules, rules_opts);
  std::string explain_id;
  auto* explain = app.add_subcommand("explain", "describe a rule and show it on its example");
  explain->add_option("rule", explain_id, "rule id, e.g. percent.recompute")->required();
  explain->add_option("--config", explain_opts.config, "use this .tally.yml");
  add_rules(explain, explain_opts);
  auto* test_rules = app.add_subcommand(
      "test-rules", "run the NAME.test.yaml cases of rule folders (default: the shipped packs)");
  test_rules->add_option("folders", test_opts.paths, "rule folders")->check(CLI::ExistingDirectory);
  CommonOptions lsp_opts;
  auto* lsp = app.add_subcommand("lsp", "run the Language Server on stdio (for editors)");
  lsp->add_option("--config", lsp_opts.config, "use this .tally.yml for every document");
  lsp->add_option("--rules", lsp_opts.rules, "add a rule folder (repeatable)")
      ->allow_extra_args(false)
      ->check(CLI::ExistingDirectory);
  bool stdio = true;
  lsp->add_flag("--stdio", stdio, "accepted for editors that pass it; stdio is the only transport");
  tally::http::ServeOptions serve_opts;
  auto* serve = app.add_subcommand(
      "serve", "run the HTTP server: JSON API, LanguageTool protocol, and a checking page at /");
  serve->add_option("--host", serve_opts.host, "address to listen on")->capture_default_str();
  serve->add_option("--port", serve_opts.port, "port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve->add_option("--rules", serve_opts.rule_folders, "add a rule folder (repeatable)")
      ->allow_extra_args(false)
      ->check(CLI::ExistingDirectory);
  serve->add_option("--config", serve_opts.config_path, "use this .tally.yml");
  serve->add_option("--max-bytes", serve_opts.max_bytes, "largest request body")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  serve->add_option("--jobs", serve_opts.jobs, "checks at once (default: one per core)");
  serve
      ->add_option("--max-pending", serve_opts.max_pending,
                   "checks that may wait for a free slot before requests get 503")
      ->capture_default_str();
  serve->add_option("--timeout", serve_opts.timeout_s, "seconds for socket reads and writes")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve
      ->add_option("--allow-origin", serve_opts.allow_origins,
                   "let pages from this origin call the API (CORS; repeatable; '*' for any)")
      ->allow_extra_args(false);
  serve->add_flag("--quiet", serve_opts.quiet, "no access log on stderr");
  check->footer(
      "Exit status: 0 no findings (at or above --fail-on), 1 findings, 2 usage, input or rule "
      "error (the other files are still checked).");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kUsage;
  }
  if (*parse) return run_parse(parse_opts);
  if (*facts) return run_facts(facts_opts);
  if (*rules) return run_rules(rules_opts);
  if (*explain) return run_explain(explain_opts, explain_id);
  if (*test_rules) return run_test_rules(test_opts);
  if (*lsp) return run_lsp(lsp_opts);
  if (*serve) return tally::http::serve(serve_opts);
  if (!check_opts.jsonl.empty()) {
    if (!check_opts.paths.empty() || check_opts.format != "text" || !check_opts.baseline.empty() ||
        !check_opts.write_baseline.empty() || !check_opts.encoding.empty()) {
      std::cerr << "tally: --jsonl reads its own input and writes JSON lines; it takes no paths, "
                   "--format, --baseline, --write-baseline or --encoding (JSON is UTF-8)\n";
      return kUsage;
    }
    return run_check_jsonl(check_opts);
  }
  if (check_opts.paths.empty()) {
    std::cerr << "tally check: give files or folders to check, or --jsonl FILE (see --help)\n";
    return kUsage;
  }
  return run_check(check_opts);
}
