#pragma once
// The rule packs of rules/, compiled into the binary (see cmake/embed_files.cmake).
#include <cstddef>
#include <span>

namespace tally::rules {

struct EmbeddedFile {
  const char* path;  // relative to rules/: "percent/recompute.lua"
  const char* data;
  size_t size;
};

std::span<const EmbeddedFile> embedded_files();

// Paths of embedded files are shown under this prefix: "<embedded>/percent/recompute.lua".
inline constexpr const char* kEmbeddedRoot = "<embedded>";

}  // namespace tally::rules
