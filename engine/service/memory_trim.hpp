#pragma once
// Handing freed memory back to the system after a large input, for every front end that checks
// one (`tally check FILE`, `tally serve`'s requests, the language server's documents). A large
// check frees what it built into the malloc arena of the thread that ran it, where other threads
// cannot reuse it and the process keeps its high-water mark: 4 MB of small articles peaked at
// 200 MB of RSS for 107 MB of heap. malloc_trim walks every arena's free lists: worth it past
// 1 MiB of input, not after every keystroke on a short draft.
#include <cstddef>

namespace tally::service {

inline constexpr size_t kTrimAfterBytes = size_t{1} << 20;

// Calls malloc_trim(0) when `input_bytes` (the text, PDF or request body just checked) is at
// least kTrimAfterBytes; returns whether it did. Safe on any thread.
bool trim_after(size_t input_bytes);

// How many times trim_after has trimmed in this process (one counter per copy of the engine:
// the serve module has its own): the tests' evidence that a front end calls it.
size_t trims_so_far();

}  // namespace tally::service
