#pragma once
// Connections waiting for a request head (the first one, or the next one on a kept-alive
// connection) are held by one thread with poll() instead of a thread each: a client that sends
// its headers a byte every few seconds costs a socket and a buffer, not a thread, so however
// many there are (up to --max-connections-per-address from each address), the threads stay free
// for requests whose head has arrived. A connection is handed on once its head is complete, or
// when its deadline passes (for a 408); a client that goes away is dropped.
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tally::http {

struct Waiting {
  socket_t sock = INVALID_SOCKET;
  std::string address;                             // the client's, for the per-address count
  std::string buf;                                 // bytes read and not yet used
  std::chrono::steady_clock::time_point deadline;  // for the head, or for the idle wait
  bool idle = false;  // between requests, before the next one's first byte
  size_t served = 0;  // requests answered on this connection so far
};

class HeadWaiter {
 public:
  using Handler = std::function<void(Waiting&)>;
  // `ready`: the head is complete (or longer than `max_head`), or the deadline passed with
  // part of a head read. `drop`: the client closed, or sent nothing by the deadline, or the
  // server is stopping (`stopping`).
  HeadWaiter(size_t max_head, std::chrono::seconds header_timeout, Handler ready, Handler drop,
             std::function<bool()> stopping);
  ~HeadWaiter();
  void add(Waiting w);
  // Drops every waiting connection and ends the thread; later add()s drop theirs at once.
  void stop();

 private:
  void run();
  // Reads what `w`'s socket has; false when the client is gone.
  bool read_some(Waiting& w);
  bool head_done(Waiting& w) const;

  const size_t max_head_;
  const std::chrono::seconds header_timeout_;
  Handler ready_, drop_;
  std::function<bool()> stopping_;
  std::mutex mu_;
  std::vector<Waiting> incoming_;
  bool stop_ = false;
  int wake_[2] = {-1, -1};  // a pipe: add() and the destructor wake poll()
  std::thread thread_;
};

}  // namespace tally::http
