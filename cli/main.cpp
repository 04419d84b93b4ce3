// tally: the command-line face of the engine.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  using namespace tally::cli;
  CLI::App app{"Tally: a fact-checking rules engine for news copy"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "tally 0.1.0");

  CommonOptions parse_opts, check_opts, facts_opts;
  auto add_common = [](CLI::App* cmd, CommonOptions& o) {
    cmd->add_option("--format", o.format, "output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    cmd->add_option("--date", o.date, "publication date YYYY-MM-DD, when the page header has none");
    cmd->add_option("--config", o.config, "use this .tally.yml instead of searching upward");
  };
  auto* parse = app.add_subcommand("parse", "print the document structure: articles and blocks");
  parse->add_option("files", parse_opts.paths, "files or folders ('-' reads stdin)")->required();
  add_common(parse, parse_opts);

  auto* facts = app.add_subcommand(
      "facts", "list every fact: numbers, quantities, rates, dates, counts, lists, quotes");
  facts->add_option("files", facts_opts.paths, "files or folders ('-' reads stdin)")->required();
  add_common(facts, facts_opts);

  auto* check = app.add_subcommand("check", "check drafts and report findings");
  check->add_option("paths", check_opts.paths, "files or folders of .txt/.md ('-' reads stdin)")
      ->required();
  add_common(check, check_opts);
  check->footer(
      "Exit status: 0 no findings, 1 findings, 2 usage or input error (the other files are "
      "still checked).");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kUsage;
  }
  if (*parse) return run_parse(parse_opts);
  if (*facts) return run_facts(facts_opts);
  return run_check(check_opts);
}
