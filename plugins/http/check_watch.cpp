#include "check_watch.hpp"

#include <dirent.h>
#include <poll.h>
#include <sys/socket.h>

#include <cstdlib>

#include "socket_io.hpp"

namespace tally::http {

int find_client_socket(const std::string& remote_addr, int remote_port, int local_port) {
  DIR* dir = opendir("/proc/self/fd");
  if (!dir) return -1;
  int found = -1;
  while (dirent* e = readdir(dir)) {
    char* end = nullptr;
    long fd = std::strtol(e->d_name, &end, 10);
    if (!end || *end || end == e->d_name) continue;
    // The addresses as the transport layer reports them to handlers (socket_io's peer_of:
    // an IPv4 client of a dual-stack socket as 1.2.3.4, not ::ffff:1.2.3.4).
    int port = 0, self_port = 0;
    std::string host = peer_of(static_cast<int>(fd), &port);
    if (host.empty() || host != remote_addr || port != remote_port) continue;
    local_of(static_cast<int>(fd), &self_port);
    if (self_port == local_port) {
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
