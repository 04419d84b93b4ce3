#pragma once
// One object that turns text into findings for the faces that embed Tally (the C ABI, the
// language server, the HTTP server): rule folders and configuration are loaded once, the
// .tally.yml that applies to a file name is found and cached, and checks may run from many
// threads at once, each borrowing a Checker (a Lua state) from a pool.
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "findings/finding.hpp"
#include "parse/document.hpp"
#include "rules/checker.hpp"
#include "text/source.hpp"

namespace tally::service {

struct EngineOptions {
  std::vector<std::string> rule_folders;  // added after the embedded packs (and the config's)
  std::string config_path;                // a .tally.yml to use for every file; "" to search
  bool search_config = true;  // look upward from a file name for .tally.yml when no config_path
  bool embedded = true;       // include the shipped packs
  // Check the articles of one document on two threads (two Lua states) while fewer checks run
  // than there are cores: for faces that check one draft at a time and answer a person (the
  // language server, the HTTP server). Batch runs keep every core busy with whole files.
  bool split_articles = false;
  // Nothing changes the working folder while the engine lives (the CLI): a relative file name's
  // config is then cached by the folder as written. A host of the C library may chdir between
  // checks, so without this only absolute names are.
  bool fixed_working_folder = false;
};

struct CheckRequest {
  std::string text;
  std::string filename = "<text>";   // decides Markdown vs text and where .tally.yml is found
  std::string language;              // "zh", "en"; "" detects per article
  std::optional<parse::Date> date;   // publication date; else config, page header
  std::vector<std::string> disable;  // rule ids or "prefix.*", on top of the config's
  std::vector<std::string> enable;   // rules off by default to turn on, on top of the config's
  std::vector<std::string> only;     // when not empty, run only these rule ids
  std::string messages;  // "zh", "en": word findings in this language; "" in each article's
  // Forced input format (page, plain = Lines, markdown); nullopt for the config's
  // `input_format`, else by name and layout.
  std::optional<parse::Format> input_format;
  // Once set (by another thread: a client gone, a time limit), the Lua rules stop at their next
  // instruction count and no further rule runs; the outcome says `cancelled`. nullptr: never.
  const std::atomic<bool>* cancel = nullptr;
  // An editor's document checked again after an edit: the parse's logical texts, and the facts
  // and findings of the articles the edit did not touch, are reused from here, and it is
  // refilled (rules/article_memo.hpp). Used by one check at a time; nullptr: a full check.
  rules::ArticleMemo* memo = nullptr;
};

struct CheckOutcome {
  std::string path;
  std::optional<text::InputError> input_error;  // invalid UTF-8, binary, bad config: no findings
  bool ignored = false;  // the config's ignore globs name this file: not checked
  std::optional<parse::Document> document;
  std::vector<report::Finding> findings;
  std::vector<rules::RuleError> rule_errors;    // rules that failed on this text
  std::vector<report::Notice> notices;          // rules that could not run on it, and why
  std::shared_ptr<const rules::RuleSet> rules;  // the rules in force for this file name
  bool cancelled = false;  // request.cancel was set: the findings are those of the rules that ran
};

class Engine {
 public:
  explicit Engine(EngineOptions options);
  ~Engine();

  // Safe to call from many threads at once, including while reload() runs.
  CheckOutcome check(const CheckRequest& request);
  // For callers that have read and validated the file already (the CLI): `request.text` is not
  // used, `request.filename` still finds the config ("./-" for standard input: the current
  // folder's).
  CheckOutcome check(const text::Source& source, const CheckRequest& request);
  // An edition (tally check --edition): documents already checked one by one (`pages`, their
  // outcomes, with `bytes` the text each was checked in), now checked as one by the rules'
  // on_edition, in the order given (the first is the front page). The rules and settings are
  // those of `request.filename` (the first page's). Suppression comments apply in each page.
  rules::EditionResult check_edition(const std::vector<const CheckOutcome*>& pages,
                                     const std::vector<std::string_view>& bytes,
                                     const CheckRequest& request);
  // Whether the config that applies to `filename` says not to check it.
  bool ignored(const std::string& filename);
  // Drops loaded rule sets and configs; the next check loads them from disk again.
  void reload();

  // The rules in force for a file name (its config's folders plus the engine's), with their
  // load errors.
  std::shared_ptr<const rules::RuleSet> rules_for(const std::string& filename);
  // The configuration that applies to a file name (empty when none or when it has errors).
  config::Config config_for(const std::string& filename);
  // "file:line:column: message" when the .tally.yml for a file name cannot be used; else "".
  std::string config_error(const std::string& filename);
  const EngineOptions& options() const { return options_; }

 private:
  struct Loaded;
  struct Lease;
  std::shared_ptr<Loaded> loaded_for(const std::string& filename);
  // The config for a file name's folder, looked up once per folder: a walk of thousands of
  // drafts asks for each of them more than once, and each lookup is two stats per level.
  config::Located locate(const std::string& filename);
  static bool stopped_by_config(const Loaded& loaded, const std::string& filename,
                                const std::string& path, CheckOutcome& out);
  void run(Loaded& loaded, const text::Source& source, const CheckRequest& request,
           CheckOutcome& out);

  EngineOptions options_;
  std::atomic<unsigned> running_{0};  // checks in progress, for split_articles
  std::mutex mu_;
  std::vector<std::pair<std::string, std::shared_ptr<Loaded>>> by_config_;  // config path -> set
  std::map<std::string, config::Located> located_;  // folder -> its config, until reload()
  // The same by the folder as file names write it (relative names: to the working folder).
  std::map<std::string, config::Located, std::less<>> located_written_;
};

}  // namespace tally::service
