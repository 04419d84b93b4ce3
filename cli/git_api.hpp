#pragma once
// The libgit2 functions a folder walk calls (walk.cpp), reached through the module tally_git.so
// (git_module.cpp): libgit2 brings twelve shared libraries (TLS, SSH, Kerberos, PCRE2) that a
// check of named files never needs, so it is loaded the first time a folder is walked with
// ignore files on. Only libgit2's types come from its headers here; tally does not link it.
#include <git2.h>
#include <git2/sys/repository.h>

#include <string>

namespace tally::cli {

struct GitApi {
  decltype(&git_libgit2_init) libgit2_init;
  decltype(&git_libgit2_shutdown) libgit2_shutdown;
  decltype(&git_repository_new) repository_new;
  decltype(&git_repository_set_workdir) repository_set_workdir;
  decltype(&git_repository_open_ext) repository_open_ext;
  decltype(&git_repository_is_bare) repository_is_bare;
  decltype(&git_repository_workdir) repository_workdir;
  decltype(&git_repository_free) repository_free;
  decltype(&git_ignore_path_is_ignored) ignore_path_is_ignored;
  decltype(&git_ignore_add_rule) ignore_add_rule;
};

// libgit2, its module loaded on the first call; null when it cannot be, with `error` saying
// why (naming the module and where it was looked for).
const GitApi* git_api(std::string& error);

}  // namespace tally::cli
