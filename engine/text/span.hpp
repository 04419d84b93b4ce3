#pragma once
#include <cstdint>

namespace tally {

// Half-open byte range [begin, end) in the original file.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return begin >= end; }
  uint32_t size() const { return end > begin ? end - begin : 0; }
  bool operator==(const Span&) const = default;
};

}  // namespace tally
