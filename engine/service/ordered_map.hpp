#pragma once
// Runs `work` on a stream of items on N threads and hands the results to `consume` on the
// calling thread in input order, so batch output is the same whatever the thread count. At most
// `window` items are in flight or waiting to be consumed: memory stays bounded however long the
// input (a JSONL archive of millions of articles).
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace tally::service {

// next(In&) -> bool: fills the next item, false at the end (called under a lock, in order).
// work(In&) -> Out: runs on a worker thread. consume(Out&): runs on the calling thread, in order.
template <class In, class Out, class Next, class Work, class Consume>
void ordered_map(size_t jobs, size_t window, Next next, Work work, Consume consume) {
  jobs = std::max<size_t>(jobs, 1);
  window = std::max(window, jobs);
  if (jobs == 1) {  // no threads: the simplest path, and the one a debugger wants
    In in;
    while (next(in)) {
      Out out = work(in);
      consume(out);
    }
    return;
  }
  std::mutex mu;
  std::condition_variable cv;
  std::map<size_t, Out> ready;
  size_t issued = 0, consumed = 0, running = jobs;
  bool ended = false;
  std::exception_ptr failure;
  auto worker = [&] {
    for (;;) {
      In in;
      size_t seq;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return ended || failure || issued - consumed < window; });
        if (ended || failure || !next(in)) {
          ended = true;
          --running;
          cv.notify_all();
          return;
        }
        seq = issued++;
      }
      std::optional<Out> out;
      try {
        out.emplace(work(in));
      } catch (...) {
        std::lock_guard lock(mu);
        failure = std::current_exception();
      }
      std::lock_guard lock(mu);
      if (out) ready.emplace(seq, std::move(*out));
      cv.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (size_t i = 0; i < jobs; ++i) threads.emplace_back(worker);
  for (;;) {
    std::optional<Out> out;
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] {
        return failure || ready.count(consumed) || (running == 0 && consumed == issued);
      });
      if (failure || !ready.count(consumed)) break;
      auto node = ready.extract(consumed);
      out.emplace(std::move(node.mapped()));
    }
    try {
      consume(*out);
    } catch (...) {
      std::lock_guard lock(mu);
      failure = std::current_exception();
      break;
    }
    std::lock_guard lock(mu);
    ++consumed;
    cv.notify_all();
  }
  {
    std::lock_guard lock(mu);
    ended = true;
  }
  cv.notify_all();
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace tally::service
