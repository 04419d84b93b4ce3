#include <iostream>

#include "cli/commands.hpp"
#include "cli/docs_base.hpp"
#include "server.hpp"

namespace tally::cli {

int run_lsp(const CommonOptions& opts) {
  lsp::ServerOptions o;
  o.rule_folders = opts.rules;
  o.config_path = opts.config;
  o.docs_base = docs_base();
  return lsp::serve(std::cin, std::cout, o);
}

}  // namespace tally::cli
