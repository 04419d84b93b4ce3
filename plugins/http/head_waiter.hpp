#pragma once
// Connections waiting for a request (the first one, or the next one on a kept-alive
// connection) are held by one thread with poll() instead of a thread each: a client that sends
// its headers, or a body announced with Content-Length, a byte every few seconds costs a socket
// and a buffer, not a thread, so however many there are (up to --max-connections-per-address
// from each address), the threads stay free for requests that have arrived. A connection is
// handed on once its head is complete (and such a body), or when its deadline passes (for a
// 408); a client that goes away is dropped.
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
  size_t need = 0;    // once the head is here: head and body bytes to wait for (0: none)
  std::chrono::steady_clock::time_point heard;  // when the client last sent something
  bool expired = false;  // handed on because time ran out: the thread sends a 408
};

class HeadWaiter {
 public:
  using Handler = std::function<void(Waiting&)>;
  // `ready`: the head is complete (or longer than `max_head`), or the deadline passed with
  // part of a head read. `drop`: the client closed, or sent nothing by the deadline, or the
  // server is stopping (`stopping`).
  struct Limits {
    size_t max_head, max_body;
    std::chrono::seconds header_timeout, body_timeout;
    std::chrono::seconds silence;  // the longest a client may send nothing inside a request
  };
  HeadWaiter(Limits limits, Handler ready, Handler drop, std::function<bool()> stopping);
  ~HeadWaiter();
  void add(Waiting w);
  // Drops every waiting connection and ends the thread; later add()s drop theirs at once.
  void stop();

 private:
  void run();
  // Reads what `w`'s socket has; false when the client is gone.
  bool read_some(Waiting& w);
  // Whether `w` can go to a thread: its head is complete (or too long), and a Content-Length
  // body has arrived too.
  bool arrived(Waiting& w, std::chrono::steady_clock::time_point now) const;

  // When `w` must be handed on or dropped, arrived or not.
  std::chrono::steady_clock::time_point limit(const Waiting& w) const;

  const Limits limits_;
  Handler ready_, drop_;
  std::function<bool()> stopping_;
  std::mutex mu_;
  std::vector<Waiting> incoming_;
  bool stop_ = false;
  int wake_[2] = {-1, -1};  // a pipe: add() and the destructor wake poll()
  std::thread thread_;
};

}  // namespace tally::http
