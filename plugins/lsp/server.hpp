#pragma once
// `tally lsp`: a Language Server over stdio. Documents are checked off the message thread by one
// worker; a newer edit makes a running check's result stale and it is dropped. Rule folders and
// .tally.yml files in use are polled (and workspace/didChangeWatchedFiles honoured), and open
// documents are rechecked when they change. Protocol notes: docs/lsp.md.
#include <iosfwd>
#include <string>
#include <vector>

namespace tally::lsp {

struct ServerOptions {
  std::vector<std::string> rule_folders;  // --rules, on top of initializationOptions.rules
  std::string config_path;                // --config
  std::string docs_base;                  // turns relative rule links into URLs
  int poll_ms = 500;                      // how often rule and config files are looked at
  bool embedded_rules = true;             // the shipped packs, beside the folders
  bool search_config = true;              // look upward from a document for .tally.yml
  // Check each document on the message thread as it changes, with no worker and no polling of
  // rule files: one message in, its diagnostics out, for the fuzz target (fuzz_lsp_frames).
  bool synchronous = false;
};

// Serves until `exit`; returns the process exit code (0 after shutdown, 1 otherwise).
int serve(std::istream& in, std::ostream& out, const ServerOptions& options);

}  // namespace tally::lsp
