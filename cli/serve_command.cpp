#include "cli/serve_command.hpp"

#include <cstdio>

#include "text/loadable_module.hpp"

namespace tally::cli {

int run_serve(const http::ServeOptions& options) {
  auto sym = text::module_symbol("tally_serve.so", "tally_serve");
  if (!sym.address) {
    std::fprintf(stderr, "tally serve: cannot start the server: %s\n", sym.error.c_str());
    return 2;
  }
  return reinterpret_cast<int (*)(const http::ServeOptions*)>(sym.address)(&options);
}

}  // namespace tally::cli
