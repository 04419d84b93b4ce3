#include "check_watch.hpp"

#include <dirent.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

#include <cstdlib>

namespace tally::http {

namespace {

// "127.0.0.1" / "::1" and the port of a socket address, as cpp-httplib writes them.
bool numeric(const sockaddr_storage& addr, socklen_t len, std::string& host, int& port) {
  char buf[NI_MAXHOST];
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&addr), len, buf, sizeof buf, nullptr, 0,
                  NI_NUMERICHOST) != 0)
    return false;
  host = buf;
  port = addr.ss_family == AF_INET ? ntohs(reinterpret_cast<const sockaddr_in*>(&addr)->sin_port)
                                   : ntohs(reinterpret_cast<const sockaddr_in6*>(&addr)->sin6_port);
  return true;
}

}  // namespace

int find_client_socket(const std::string& remote_addr, int remote_port, int local_port) {
  DIR* dir = opendir("/proc/self/fd");
  if (!dir) return -1;
  int found = -1;
  while (dirent* e = readdir(dir)) {
    char* end = nullptr;
    long fd = std::strtol(e->d_name, &end, 10);
    if (!end || *end || end == e->d_name) continue;
    sockaddr_storage peer{}, self{};
    socklen_t peer_len = sizeof peer, self_len = sizeof self;
    if (getpeername(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0 ||
        getsockname(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&self), &self_len) != 0)
      continue;
    std::string host, ignored;
    int port = 0, self_port = 0;
    if (numeric(peer, peer_len, host, port) && numeric(self, self_len, ignored, self_port) &&
        host == remote_addr && port == remote_port && self_port == local_port) {
      found = static_cast<int>(fd);
      break;
    }
  }
  closedir(dir);
  return found;
}

bool peer_closed(int fd) {
  pollfd p{fd, POLLIN | POLLRDHUP, 0};
  if (poll(&p, 1, 0) <= 0) return false;
  if (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) return true;
  // Readable: more bytes (a pipelined request) or the end of the stream.
  char c;
  return recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

CheckWatch::CheckWatch(CheckStop& stop, std::chrono::milliseconds limit, int client_fd,
                       const std::atomic<bool>& shutdown)
    : stop_(stop) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  thread_ = std::thread([this, deadline, client_fd, &shutdown] {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, std::chrono::milliseconds(25), [&] { return done_; })) {
      if (shutdown) {
        stop_.stop(StopReason::shutting_down);
      } else if (std::chrono::steady_clock::now() >= deadline) {
        stop_.stop(StopReason::time_limit);
      } else if (client_fd >= 0 && peer_closed(client_fd)) {
        stop_.stop(StopReason::client_gone);
      } else {
        continue;
      }
      return;
    }
  });
}

CheckWatch::~CheckWatch() {
  {
    std::lock_guard lock(mu_);
    done_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

}  // namespace tally::http
