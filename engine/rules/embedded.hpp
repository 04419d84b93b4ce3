#pragma once
// The rule packs of rules/, compiled into the binary (see cmake/embed_files.cmake).
#include <span>

#include "text/embedded_file.hpp"

namespace tally::rules {

std::span<const EmbeddedFile> embedded_files();

// Paths of embedded files are shown under this prefix: "<embedded>/percent/recompute.yaml".
inline constexpr const char* kEmbeddedRoot = "<embedded>";

}  // namespace tally::rules
