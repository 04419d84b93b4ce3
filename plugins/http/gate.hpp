#pragma once
// Bounded concurrency for checks: at most `running` at once and at most `waiting` queued behind
// them; a request beyond that, or one that waits too long, is turned away (503) instead of
// piling up memory and latency for everyone.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace tally::http {

class Gate {
 public:
  Gate(size_t running, size_t waiting) : max_running_(running), max_waiting_(waiting) {}
  // True when the caller may run; it must then call leave().
  bool enter(std::chrono::milliseconds max_wait);
  void leave();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  size_t running_ = 0, waiting_ = 0;
  const size_t max_running_, max_waiting_;
};

// enter() on construction, leave() on destruction when entered.
struct GatePass {
  Gate& gate;
  bool entered;
  GatePass(Gate& g, std::chrono::milliseconds max_wait) : gate(g), entered(g.enter(max_wait)) {}
  ~GatePass() {
    if (entered) gate.leave();
  }
  GatePass(const GatePass&) = delete;
  GatePass& operator=(const GatePass&) = delete;
};

}  // namespace tally::http
