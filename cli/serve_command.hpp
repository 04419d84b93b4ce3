#pragma once
// `tally serve`, run by the module tally_serve.so (plugins/http/serve_module.cpp), loaded only
// for this command.
#include "http_server.hpp"

namespace tally::cli {

// The server's exit code; 2 with a message naming the module when it cannot be loaded.
int run_serve(const http::ServeOptions& options);

}  // namespace tally::cli
