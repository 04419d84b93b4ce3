// tally: the command-line face of the engine. Every option is defined once here (the helpers
// below are shared by the commands that take it); help, `tally help`, the man page and the shell
// completions (`tally completion SHELL`) are all read from these definitions.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/color.hpp"
#include "cli/commands.hpp"
#include "cli/completion.hpp"
#include "cli/serve_command.hpp"
#include "report/writer.hpp"
#include "text/suggest.hpp"

namespace {

using namespace tally::cli;

const std::vector<std::string> kReadFormats = {"text", "json"};
const std::vector<std::string> kSeverities = {"error", "warning", "info"};

void add_format(CLI::App* cmd, std::string& format, const std::vector<std::string>& formats) {
  cmd->add_option("--format", format, "output format")
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
}

void add_config(CLI::App* cmd, std::string& config, const char* help) {
  cmd->add_option("--config", config, help)->type_name("FILE");
}

void add_rule_folders(CLI::App* cmd, std::vector<std::string>& folders) {
  // One value per occurrence: "--rules DIR FILE" must leave FILE to the paths.
  cmd->add_option("--rules", folders, "add a rule folder (repeatable); same ids override")
      ->allow_extra_args(false)
      ->check(CLI::ExistingDirectory);
}

void add_color(CLI::App* cmd, std::string& color) {
  cmd->add_option("--color", color,
                  "colour the text output: auto (a terminal, unless NO_COLOR is set), always, "
                  "never")
      ->check(CLI::IsMember(kColorModes))
      ->capture_default_str();
}

// The long option names of a command, for "did you mean" on a misspelt one.
std::vector<std::string> long_names(const CLI::App* cmd) {
  std::vector<std::string> names;
  for (const auto* opt : cmd->get_options())
    for (const auto& n : opt->get_lnames()) names.push_back("--" + n);
  return names;
}

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

// The command named `name`, or null (CLI11 2.1 has no non-throwing lookup).
CLI::App* find_command(CLI::App& app, const std::string& name) {
  auto found = app.get_subcommands([&](CLI::App* sub) { return sub->get_name() == name; });
  return found.empty() ? nullptr : found.front();
}

int unknown_command(const CLI::App& app, const std::string& name) {
  std::cerr << "tally: unknown command '" << name << "'"
            << tally::text::did_you_mean(name, command_names(app))
            << "\nRun 'tally help' for the list of commands.\n";
  return kUsage;
}

// CLI11 says "The following argument was not expected: --fromat"; name the nearest option.
bool explain_unknown_option(const CLI::App* cmd, int argc, char** argv) {
  auto known = long_names(cmd);
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.rfind("--", 0) != 0) continue;
    arg = arg.substr(0, arg.find('='));
    if (std::find(known.begin(), known.end(), arg) != known.end()) continue;
    std::cerr << "tally " << cmd->get_name() << ": unknown option '" << arg << "'"
              << tally::text::did_you_mean(arg, known) << "\nRun 'tally help " << cmd->get_name()
              << "' for its options.\n";
    return true;
  }
  return false;
}

}  // namespace
#include "text/encoding.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Tally: a fact-checking rules engine for news copy"};
  app.name("tally");
  app.require_subcommand(0, 1);
  app.set_version_flag("-V,--version", std::string("tally ") + TALLY_VERSION);
  app.set_help_all_flag("--help-all", "print this help with every command's options (man tally)");

  CommonOptions parse_opts, check_opts, facts_opts;
  auto encoding_name = [](const std::string& name) {
    return tally::text::encoding_known(name) ? std::string()
                                             : "unknown encoding '" + name + "' (see iconv --list)";
  };
  // Options of the commands that read drafts.
  auto add_common = [&encoding_name](CLI::App* cmd, CommonOptions& o,
                                     const std::vector<std::string>& formats = kReadFormats) {
    add_format(cmd, o.format, formats);
    cmd->add_option("--date", o.date, "publication date YYYY-MM-DD, when the page header has none")
        ->type_name("DATE");
    add_config(cmd, o.config, "use this .tally.yml instead of searching upward");
    cmd->add_option("--stdin-filename", o.stdin_filename,
                    "the name of what '-' reads: shown in output, finds .tally.yml, decides "
                    "Markdown or text and the config's ignores")
        ->type_name("PATH");
    cmd->add_option(
           "--input-format", o.input_format,
           "read files as auto (by name and layout), page (print), plain (typed), markdown")
        ->check(CLI::IsMember({"auto", "page", "plain", "markdown"}))
        ->capture_default_str();
    cmd->add_option("--encoding", o.encoding, "encoding of drafts not in UTF-8 (gb18030, big5, …)")
        ->check(encoding_name)
        ->type_name("NAME");
    cmd->add_flag("--no-ignore", o.no_ignore,
                  "walk folders without reading .gitignore/.ignore files and without skipping "
                  "hidden entries and node_modules");
  };
  auto add_paths = [](CLI::App* cmd, CommonOptions& o) {
    return cmd
        ->add_option("paths", o.paths,
                     "files, folders (walked for .txt/.md) or quoted globs; '-' reads stdin")
        ->type_name("PATH");
  };
  auto* parse = app.add_subcommand("parse", "print the document structure: articles and blocks");
  add_paths(parse, parse_opts)->required();
  add_common(parse, parse_opts);

  auto* facts = app.add_subcommand(
      "facts", "list every fact: numbers, quantities, rates, dates, counts, lists, quotes");
  add_paths(facts, facts_opts)->required();
  add_common(facts, facts_opts);

  auto add_rules = [](CLI::App* cmd, CommonOptions& o) {
    add_rule_folders(cmd, o.rules);
    cmd->add_option("--disable", o.disable, "turn off a rule id or 'prefix.*' (repeatable)")
        ->allow_extra_args(false)
        ->type_name("RULE");
    cmd->add_option("--enable", o.enable,
                    "turn on a rule that is off by default, by id or 'prefix.*' (repeatable)")
        ->allow_extra_args(false)
        ->type_name("RULE");
  };
  auto* check = app.add_subcommand("check", "check drafts and report findings");
  add_paths(check, check_opts);
  add_common(check, check_opts, tally::report::output_format_names());
  add_rules(check, check_opts);
  add_color(check, check_opts.color);
  check->add_option("--fail-on", check_opts.fail_on, "lowest severity that makes the exit status 1")
      ->check(CLI::IsMember(kSeverities))
      ->capture_default_str();
  check
      ->add_option("--baseline", check_opts.baseline,
                   "leave out the findings recorded in this file (matched by rule and text)")
      ->type_name("FILE");
  check->add_flag("--no-tally-ignore", check_opts.no_tally_ignore,
                  "read no .tally-ignore (without --baseline, the nearest one up to the "
                  "repository's root leaves out the findings it lists)");
  check
      ->add_option("--write-baseline", check_opts.write_baseline,
                   "record the current findings in this file and exit 0")
      ->type_name("FILE");
  check
      ->add_option("--output,-o", check_opts.output,
                   "write the report (any --format) to this file, whole or not at all")
      ->type_name("FILE");
  check->add_flag("--group", check_opts.group,
                  "text output: fold the findings of one rule in one article into one entry, "
                  "with their count and positions");
  check->add_flag("--edition", check_opts.edition,
                  "check the files as the pages of one edition, in path order (the first is the "
                  "front page): edition rules compare the articles across pages");
  check->add_flag("--fix", check_opts.fix,
                  "write the suggested fixes into the files (atomically), then report what is "
                  "left");
  check->add_flag("--diff,--fix-dry-run", check_opts.diff,
                  "print the suggested fixes as a unified diff (for patch -p0); write nothing");
  check
      ->add_option("--fix-rule", check_opts.fix_rules,
                   "apply only this rule's fixes, by id or 'prefix.*' (repeatable)")
      ->allow_extra_args(false)
      ->type_name("RULE");
  check->add_option("--jobs,-j", check_opts.jobs, "files checked at once (default: one per core)");
  check
      ->add_option("--jsonl", check_opts.jsonl,
                   "read one article per line ({\"id\", \"text\", \"date\"?, \"language\"?}) from "
                   "FILE or '-', write one result per line")
      ->type_name("FILE");

  CommonOptions rules_opts, explain_opts, test_opts;
  auto* rules = app.add_subcommand("rules", "list the rules in force and where they come from");
  add_format(rules, rules_opts.format, kReadFormats);
  add_config(rules, rules_opts.config, "use this .tally.yml");
  add_rules(rules, rules_opts);
  std::string explain_id;
  auto* explain = app.add_subcommand("explain", "describe a rule and show it on its example");
  explain->add_option("rule", explain_id, "rule id, e.g. percent.recompute")
      ->required()
      ->type_name("RULE");
  add_config(explain, explain_opts.config, "use this .tally.yml");
  add_rules(explain, explain_opts);
  add_color(explain, explain_opts.color);
  auto* test_rules = app.add_subcommand(
      "test-rules", "run the NAME.test.yaml cases of rule folders (default: the shipped packs)");
  test_rules->add_option("folders", test_opts.paths, "rule folders")->check(CLI::ExistingDirectory);
  CommonOptions lsp_opts;
  auto* lsp = app.add_subcommand("lsp", "run the Language Server on stdio (for editors)");
  add_config(lsp, lsp_opts.config, "use this .tally.yml for every document");
  add_rule_folders(lsp, lsp_opts.rules);
  bool stdio = true;
  lsp->add_flag("--stdio", stdio, "accepted for editors that pass it; stdio is the only transport");
  tally::http::ServeOptions serve_opts;
  auto* serve = app.add_subcommand(
      "serve", "run the HTTP server: JSON API, LanguageTool protocol, and a checking page at /");
  serve->add_option("--host", serve_opts.host, "address to listen on")
      ->capture_default_str()
      ->type_name("HOST");
  serve->add_option("--port", serve_opts.port, "port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  add_rule_folders(serve, serve_opts.rule_folders);
  add_config(serve, serve_opts.config_path, "use this .tally.yml");
  serve->add_option("--max-bytes", serve_opts.max_bytes, "largest request body")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  serve->add_option("--jobs", serve_opts.jobs, "checks at once (default: one per core)");
  serve
      ->add_option("--max-pending", serve_opts.max_pending,
                   "checks that may wait for a free slot before requests get 503")
      ->capture_default_str();
  serve
      ->add_option("--timeout", serve_opts.timeout_s,
                   "seconds a client may stay silent inside a request, and for writes")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve
      ->add_option("--header-timeout", serve_opts.header_timeout_s,
                   "seconds for a request line and headers to arrive (slow clients are cut off)")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve
      ->add_option("--body-timeout", serve_opts.body_timeout_s,
                   "seconds for a whole request body to arrive")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve
      ->add_option("--max-connections", serve_opts.max_connections,
                   "requests read and answered at once (threads; connections waiting for a request "
                   "take none; at least --jobs + --max-pending + 4)")
      ->check(CLI::Range(1, 4096))  // httplib starts every thread of its pool up front
      ->capture_default_str();
  serve
      ->add_option("--max-connections-per-address", serve_opts.max_per_address,
                   "connections from one client address at once; more get 503")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  serve
      ->add_option("--allow-origin", serve_opts.allow_origins,
                   "let pages from this origin call the API (CORS; repeatable; '*' for any)")
      ->allow_extra_args(false)
      ->type_name("ORIGIN");
  serve
      ->add_option("--max-check-ms", serve_opts.max_check_ms,
                   "LanguageTool API: stop a check after this many milliseconds")
      ->check(CLI::Range(1, 3600000))
      ->capture_default_str();
  serve
      ->add_option("--max-matches", serve_opts.max_matches,
                   "LanguageTool API: more matches than this are 'too many errors'")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  serve
      ->add_option("--grace", serve_opts.grace_s,
                   "seconds running checks may finish after SIGTERM before they are stopped")
      ->check(CLI::Range(0, 3600))
      ->capture_default_str();
  serve
      ->add_option("--allow-host", serve_opts.allow_hosts,
                   "serve requests for this Host name too (localhost, 127.0.0.1, [::1] and the "
                   "listen address always; others get 421; repeatable; '*' for any)")
      ->allow_extra_args(false)
      ->type_name("NAME");
  serve
      ->add_option("--baseline", serve_opts.baseline,
                   "leave out the findings this baseline knows; the page's Ignore adds to it "
                   "(made when missing)")
      ->type_name("FILE");
  serve->add_flag("--no-tally-ignore", serve_opts.no_tally_ignore,
                  "without --baseline: no ignore list (else the .tally-ignore that applies to "
                  "the current folder, or a new one there, which the page's Ignore adds to)");
  serve->add_flag("--quiet", serve_opts.quiet, "no access log on stderr");
  std::string formats = "Formats (--format):\n";
  for (const auto& f : tally::report::output_formats())
    formats += "  " + std::string(f.name) + std::string(12 - f.name.size(), ' ') +
               std::string(f.description) + "\n";
  check->footer(formats +
                "\nExit status: 0 no findings (at or above --fail-on), 1 findings, 2 usage, input "
                "or rule error (the other files are still checked).");

  std::string help_topic;
  auto* help = app.add_subcommand("help", "print the help of tally or of one command");
  help->add_option("command", help_topic, "the command to describe")->type_name("COMMAND");
  std::string shell;
  auto* completion =
      app.add_subcommand("completion", "print a completion script for bash, zsh or fish");
  completion->add_option("shell", shell, "the shell")
      ->required()
      ->check(CLI::IsMember(kCompletionShells));

  // The first word that is not an option names the command (tally's own options are flags).
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.empty() || arg[0] == '-') continue;
    if (!find_command(app, arg)) return unknown_command(app, arg);
    break;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ExtrasError& e) {
    auto chosen = app.get_subcommands();
    if (chosen.empty() || !explain_unknown_option(chosen.front(), argc, argv)) app.exit(e);
    return kUsage;
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kUsage;
  }
  if (app.get_subcommands().empty()) {
    std::cerr << app.help() << "\ntally: no command given\n";
    return kUsage;
  }
  if (*help) {
    // What `tally --help` and `tally COMMAND --help` print (app.help() would describe `help`).
    if (help_topic.empty()) {
      std::cout << app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
      return kClean;
    }
    auto* sub = find_command(app, help_topic);
    if (!sub) return unknown_command(app, help_topic);
    std::cout << sub->help(app.get_name());
    return kClean;
  }
  if (*completion) return write_completion(app, shell, std::cout) ? kClean : kUsage;
  if (*parse) return run_parse(parse_opts);
  if (*facts) return run_facts(facts_opts);
  if (*rules) return run_rules(rules_opts);
  if (*explain) return run_explain(explain_opts, explain_id);
  if (*test_rules) return run_test_rules(test_opts);
  if (*lsp) return run_lsp(lsp_opts);
  if (*serve) return run_serve(serve_opts);  // in the module tally_serve.so
  if (!check_opts.jsonl.empty()) {
    if (!check_opts.paths.empty() || check_opts.format != "text" || !check_opts.baseline.empty() ||
        !check_opts.write_baseline.empty() || !check_opts.stdin_filename.empty() ||
        !check_opts.encoding.empty() || check_opts.fix || check_opts.diff ||
        !check_opts.output.empty()) {
      std::cerr << "tally: --jsonl reads its own input and writes JSON lines; it takes no paths, "
                   "--format, --output, --baseline, --write-baseline, --stdin-filename or "
                   "--encoding (JSON is UTF-8); --fix and --diff need files\n";
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
