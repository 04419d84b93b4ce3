#pragma once
#include <optional>
#include <string>
#include <vector>

#include "parse/document.hpp"

namespace tally::cli {

enum ExitCode { kClean = 0, kFindings = 1, kUsage = 2 };

struct CommonOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string date;                  // --date YYYY-MM-DD
  std::string config;                // --config FILE
  std::vector<std::string> rules;    // --rules DIR, added after the embedded packs
  std::vector<std::string> disable;  // --disable ID
  std::vector<std::string> enable;   // --enable ID: a rule that is off by default
  std::string fail_on = "info";      // lowest severity that makes the exit code 1
  std::string baseline;              // --baseline FILE: known findings left out
  std::string write_baseline;        // --write-baseline FILE
  bool no_tally_ignore = false;      // --no-tally-ignore: no .tally-ignore read (ignore_file.hpp)
  std::string output;                // --output FILE: the report there (atomically), not stdout
  size_t jobs = 0;                   // --jobs N: threads; 0 for one per core
  std::string jsonl;                 // --jsonl FILE|-: one article per line
  std::string color = "auto";        // --color auto|always|never (text output only)
  std::string stdin_filename;        // --stdin-filename NAME: what '-' stands for
  bool no_ignore = false;            // --no-ignore: walk folders without ignore files
  // --input-format auto|page|plain|markdown, --encoding NAME of drafts that are not UTF-8
  std::string input_format = "auto";
  std::string encoding;
  bool group = false;                  // --group: one text entry per rule and article
  bool fix = false;                    // --fix: write the fixes into the files
  bool diff = false;                   // --diff (--fix-dry-run): print them as a unified diff
  std::vector<std::string> fix_rules;  // --fix-rule ID: only these rules' fixes
  bool edition = false;                // --edition: the files are the pages of one edition
};

// --jobs: 0 means one per core.
size_t jobs_for(size_t requested);

int run_parse(const CommonOptions& opts);
int run_check_jsonl(const CommonOptions& opts);
int run_check(const CommonOptions& opts);
int run_facts(const CommonOptions& opts);
int run_rules(const CommonOptions& opts);
int run_explain(const CommonOptions& opts, const std::string& id);
int run_test_rules(const CommonOptions& opts);
int run_lsp(const CommonOptions& opts);

}  // namespace tally::cli
