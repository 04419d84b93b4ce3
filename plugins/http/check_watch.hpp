#pragma once
// Watches one running check from a second thread and stops it (CheckStop) when its time limit
// passes, when its client has closed the connection, or when the server's grace period after
// SIGTERM is over: a check nobody waits for stops within ~25 ms instead of running on.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "languagetool.hpp"

namespace tally::http {

// The socket of the connection from remote_addr:remote_port to local_port (as the transport
// layer reports them to handlers, socket_io's peer_of; handlers are not given the socket), or -1.
int find_client_socket(const std::string& remote_addr, int remote_port, int local_port);

// Whether the peer of a connected socket has closed it (or it has failed). Non-blocking.
bool peer_closed(int fd);

class CheckWatch {
 public:
  // `client_fd` -1: no disconnect detection. `shutdown`: set by the server once running checks
  // are to stop.
  CheckWatch(CheckStop& stop, std::chrono::milliseconds limit, int client_fd,
             const std::atomic<bool>& shutdown);
  ~CheckWatch();
  CheckWatch(const CheckWatch&) = delete;
  CheckWatch& operator=(const CheckWatch&) = delete;

 private:
  CheckStop& stop_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace tally::http
