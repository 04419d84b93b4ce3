#include "cli/git_api.hpp"

#include "text/loadable_module.hpp"

namespace tally::cli {

const GitApi* git_api(std::string& error) {
  auto sym = text::module_symbol("tally_git.so", "tally_git_api");
  if (!sym.address) {
    error = sym.error;
    return nullptr;
  }
  return reinterpret_cast<const GitApi* (*)()>(sym.address)();
}

}  // namespace tally::cli
