#pragma once
// Libraries that only some runs need, loaded on first use: the PDF reader (poppler and its 22
// shared libraries) and the ignore-file reader of folder walks (libgit2 and its TLS, SSH and
// Kerberos libraries). Linked into every run, loading and relocating them was half of
// `tally check` on an empty file. Each is a small shared module built beside the executable,
// installed under LIBDIR/tally/, and found from where the running executable is.
#include <string>
#include <vector>

// What a module exports: extern "C" and visible, so it is found by dlsym under that name
// (modules are built with hidden visibility).
#define TALLY_MODULE_EXPORT extern "C" __attribute__((visibility("default")))

namespace tally::text {

struct ModuleSymbol {
  void* address = nullptr;
  std::string error;  // when address is null: what is missing, naming the module and the paths
};

// `symbol` in the module `name` ("tally_pdf.so"), loaded once per process (thread-safe; never
// unloaded). A module of another version than this tally is refused: its structs may differ.
ModuleSymbol module_symbol(const std::string& name, const char* symbol);

// Where `name` is looked for, in order: beside the executable (the build tree), the install
// folder relative to the executable (BINDIR/../LIBDIR/tally), then, for a program inside the
// build tree this was compiled in (tests, benches in its sub-folders), that tree's top.
std::vector<std::string> module_paths(const std::string& name);

}  // namespace tally::text
