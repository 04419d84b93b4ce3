#include "gate.hpp"

namespace tally::http {

bool Gate::enter(std::chrono::milliseconds max_wait) {
  std::unique_lock lock(mu_);
  if (running_ < max_running_) {
    ++running_;
    return true;
  }
  if (waiting_ >= max_waiting_) return false;
  ++waiting_;
  bool got = cv_.wait_for(lock, max_wait, [&] { return running_ < max_running_; });
  --waiting_;
  if (got) ++running_;
  return got;
}

void Gate::leave() {
  {
    std::lock_guard lock(mu_);
    --running_;
  }
  cv_.notify_one();
}

}  // namespace tally::http
