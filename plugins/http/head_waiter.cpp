#include "head_waiter.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "request_head.hpp"

namespace tally::http {

using Clock = std::chrono::steady_clock;

HeadWaiter::HeadWaiter(Limits limits, Handler ready, Handler drop, std::function<bool()> stopping)
    : limits_(limits),
      ready_(std::move(ready)),
      drop_(std::move(drop)),
      stopping_(std::move(stopping)) {
  if (pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) wake_[0] = wake_[1] = -1;
  thread_ = std::thread([this] { run(); });
}

HeadWaiter::~HeadWaiter() {
  stop();
  for (int fd : wake_)
    if (fd >= 0) close(fd);
}

void HeadWaiter::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  if (wake_[1] >= 0) (void)!write(wake_[1], "x", 1);
  if (thread_.joinable()) thread_.join();
}

void HeadWaiter::add(Waiting w) {
  w.heard = Clock::now();
  {
    std::lock_guard lock(mu_);
    if (!stop_) {
      incoming_.push_back(std::move(w));
      w.sock = INVALID_SOCKET;
    }
  }
  if (w.sock != INVALID_SOCKET) return drop_(w);  // stopped already
  if (wake_[1] >= 0) (void)!write(wake_[1], "x", 1);
}

bool HeadWaiter::read_some(Waiting& w) {
  char tmp[16384];
  ssize_t n = recv(w.sock, tmp, sizeof(tmp), MSG_DONTWAIT);
  if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
  if (n == 0) return false;
  if (w.idle) {  // the next request has begun: it gets the whole head deadline
    w.idle = false;
    w.deadline = Clock::now() + limits_.header_timeout;
  }
  w.heard = Clock::now();
  w.buf.append(tmp, static_cast<size_t>(n));
  return true;
}

bool HeadWaiter::arrived(Waiting& w, Clock::time_point now) const {
  if (w.need) return w.buf.size() >= w.need;
  size_t skip = 0;  // empty lines before a request line are allowed
  while (w.buf.compare(skip, 2, "\r\n") == 0) skip += 2;
  size_t end = w.buf.find("\r\n\r\n", skip);
  if (end == std::string::npos) return w.buf.size() > limits_.max_head;
  // The head is here. A body with a plain Content-Length is waited for here too; anything else
  // (chunked, Expect: 100-continue, over the limit, a head the thread will refuse) goes on.
  RequestHead head;
  if (!parse_head(std::string_view(w.buf).substr(skip, end + 4 - skip), head).empty()) return true;
  auto cl = head.get("Content-Length");
  if (!cl || head.count("Content-Length") != 1 || head.get("Transfer-Encoding") ||
      head.get("Expect"))
    return true;
  auto value = content_length_value(*cl);
  if (!value) return true;
  size_t length = *value;
  if (length == 0 || length > limits_.max_body) return true;
  w.need = end + 4 + length;
  w.deadline = now + limits_.body_timeout;
  return w.buf.size() >= w.need;
}

Clock::time_point HeadWaiter::limit(const Waiting& w) const {
  return w.idle ? w.deadline : std::min(w.deadline, w.heard + limits_.silence);
}

void HeadWaiter::run() {
  std::vector<Waiting> waiting;
  std::vector<pollfd> fds;
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stop_) break;
      for (auto& w : incoming_) waiting.push_back(std::move(w));
      incoming_.clear();
    }
    if (stopping_()) {
      for (auto& w : waiting) drop_(w);
      waiting.clear();
    }
    auto now = Clock::now();
    auto wait = std::chrono::milliseconds(250);  // and look at stopping_() that often
    fds.assign(1, pollfd{wake_[0], POLLIN, 0});
    for (const auto& w : waiting) {
      fds.push_back(pollfd{w.sock, POLLIN, 0});
      wait = std::min(wait, std::chrono::ceil<std::chrono::milliseconds>(limit(w) - now));
    }
    int rc = poll(fds.data(), fds.size(), static_cast<int>(std::max<long>(0, wait.count())));
    if (rc < 0 && errno != EINTR) continue;
    if (fds[0].revents) {
      char drain[64];
      while (read(wake_[0], drain, sizeof(drain)) > 0) {
      }
    }
    now = Clock::now();
    std::vector<Waiting> still;
    still.reserve(waiting.size());
    for (size_t i = 0; i < waiting.size(); ++i) {
      Waiting& w = waiting[i];
      bool gone = false, ready = false;
      if (fds[i + 1].revents) {
        gone = !read_some(w);
        ready = !gone && arrived(w, now);
      }
      if (!gone && !ready && now >= limit(w)) {
        // Nothing of a request yet: close without a word; part of one: a 408.
        gone = w.buf.empty();
        ready = w.expired = !gone;
      }
      if (gone)
        drop_(w);
      else if (ready)
        ready_(w);
      else
        still.push_back(std::move(w));
    }
    waiting.swap(still);
  }
  for (auto& w : waiting) drop_(w);
  for (auto& w : incoming_) drop_(w);
}

}  // namespace tally::http
