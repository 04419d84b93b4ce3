// The module tally_git.so: the one part of tally that links libgit2 (git_api.hpp says why).
#include "cli/git_api.hpp"
#include "text/loadable_module.hpp"

TALLY_MODULE_EXPORT const char* const tally_module_version = TALLY_MODULE_VERSION;

TALLY_MODULE_EXPORT const tally::cli::GitApi* tally_git_api() {
  static const tally::cli::GitApi api{&git_libgit2_init,           &git_libgit2_shutdown,
                                      &git_repository_new,         &git_repository_set_workdir,
                                      &git_repository_open_ext,    &git_repository_is_bare,
                                      &git_repository_workdir,     &git_repository_free,
                                      &git_ignore_path_is_ignored, &git_ignore_add_rule};
  return &api;
}
