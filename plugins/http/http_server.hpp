#pragma once
// `tally serve`: an HTTP server on loopback for browser-based editors and CMS plugins (the API
// and the page are described in docs/http.md). Rule folders and the .tally.yml are polled and
// reloaded when they change on disk.
#include <cstddef>
#include <string>
#include <vector>

namespace tally::http {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8765;  // 0: any free port (printed on startup)
  std::vector<std::string> rule_folders;
  std::string config_path;                 // "" : the .tally.yml found from the current folder
  size_t max_bytes = 4 << 20;              // largest request body
  size_t jobs = 0;                         // checks at once; 0: one per core
  size_t max_pending = 32;                 // checks queued behind them before 503
  int timeout_s = 10;                      // socket read/write, and the longest wait in the queue
  int header_timeout_s = 10;               // request line and headers, from the first byte
  int body_timeout_s = 60;                 // a whole request body
  size_t max_connections = 256;            // connections served at once
  size_t max_per_address = 64;             // of them from one client address
  std::vector<std::string> allow_hosts;    // Host names besides localhost and the listen address
  std::vector<std::string> allow_origins;  // CORS: origins (or "*") whose pages may call the API
  int poll_ms = 500;                       // how often rule files are looked at
  bool quiet = false;                      // no access log on stderr
  // A baseline (tally check --baseline): checks leave out the findings it knows, and the page's
  // Ignore (POST /v1/ignore) adds to it. "": the .tally-ignore that applies to the current
  // folder, or a new one there (report/ignore_file.hpp); none with no_tally_ignore.
  std::string baseline;
  bool no_tally_ignore = false;
  // LanguageTool's /v2/check: a check running longer is stopped (500, or the matches so far
  // with allowIncompleteResults=true), and more matches than this are "too many errors".
  int max_check_ms = 30000;
  size_t max_matches = 5000;
  int grace_s = 10;  // after SIGTERM, how long running checks may finish before they are stopped
};

// Serves until SIGINT or SIGTERM; returns the process exit code (2 when it cannot start).
int serve(const ServeOptions& options);

}  // namespace tally::http
