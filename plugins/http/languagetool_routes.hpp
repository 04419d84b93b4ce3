#pragma once
// Wires the LanguageTool protocol (languagetool.hpp) to cpp-httplib: /v2/check by GET and POST
// with the body read and decoded here (urlencoded up to --max-bytes, multipart), each check
// watched (time limit, client gone, shutdown), and the endpoints clients probe.
#include <httplib.h>

#include <atomic>

#include "gate.hpp"
#include "http_server.hpp"
#include "service/engine.hpp"

namespace tally::http {

// `shutdown`: set when running checks are to stop (the grace period after SIGTERM is over).
void add_languagetool_routes(httplib::Server& svr, service::Engine& engine, Gate& gate,
                             const ServeOptions& options, const std::atomic<bool>& shutdown);

// The paths it serves, for the server's 404/405 answers.
bool is_languagetool_path(const std::string& path);

}  // namespace tally::http
