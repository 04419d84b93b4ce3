#include "service/memory_trim.hpp"

#include <malloc.h>

#include <atomic>

namespace tally::service {

namespace {
std::atomic<size_t> trims{0};
}  // namespace

bool trim_after(size_t input_bytes) {
  if (input_bytes < kTrimAfterBytes) return false;
  malloc_trim(0);
  trims.fetch_add(1, std::memory_order_relaxed);
  return true;
}

size_t trims_so_far() {
  return trims.load(std::memory_order_relaxed);
}

}  // namespace tally::service
