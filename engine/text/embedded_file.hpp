#pragma once
// A file compiled into the binary by cmake/embed_files.cmake (the rule packs, the browser page),
// so they work from any directory with no install step.
#include <cstddef>

namespace tally {

struct EmbeddedFile {
  const char* path;  // relative to the embedded folder: "percent/recompute.yaml", "app.js"
  const char* data;
  size_t size;
};

}  // namespace tally
