#include "cli/commands.hpp"
#include "http_server.hpp"

namespace tally::cli {

int run_serve(const http::ServeOptions& options) {
  return http::serve(options);
}

}  // namespace tally::cli
