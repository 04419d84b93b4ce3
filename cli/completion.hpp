#pragma once
// `tally completion bash|zsh|fish`: completion scripts written from the CLI11 definition of the
// commands (their options, the values a validator allows, what a value is), so that they cannot
// fall behind the options the binary really takes.
#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace tally::cli {

inline const std::vector<std::string> kCompletionShells = {"bash", "zsh", "fish"};

// What a value of an option (or a positional) completes to. Read from the option's type name:
// an IsMember validator's "{a,b}" lists the values, "DIR" folders, "RULE" the rule ids
// `tally rules` lists, "COMMAND" the commands, "FILE"/"PATH"/"TEXT" files; other types (numbers,
// DATE, HOST…) are typed by hand.
enum class ValueKind { None, Files, Folders, Choices, Rules, Commands };

struct CompletionValue {
  ValueKind kind = ValueKind::None;
  std::vector<std::string> choices;
};

struct CompletionFlag {
  std::vector<std::string> names;  // "-j", "--jobs"
  std::string help;
  bool takes_value = false;
  bool repeatable = false;
  CompletionValue value;
};

struct CompletionCommand {
  std::string name, help;
  std::vector<CompletionFlag> flags;
  bool has_positional = false;
  CompletionValue positional;
};

struct CompletionModel {
  std::vector<CompletionFlag> flags;  // the top level's own (--help, --version)
  std::vector<CompletionCommand> commands;
};

CompletionModel completion_model(const CLI::App& app);

// Writes the script for `shell` (one of kCompletionShells); false for another shell.
bool write_completion(const CLI::App& app, const std::string& shell, std::ostream& out);

}  // namespace tally::cli
