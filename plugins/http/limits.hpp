#pragma once
// The transport under `tally serve`: every connection is read by this layer before httplib sees
// a byte of it, so the limits hold whatever the client does (docs/http.md "Limits"):
// - the request line and headers must arrive within --header-timeout (a client sending a byte
//   every few seconds holds a thread for that long, not forever);
// - the body is read here with a counter, whatever its framing: Content-Length, chunked, or
//   compressed (gzip, deflate; inflated here, counted on the decoded bytes); past --max-bytes
//   the client gets 413 at once and nothing more is buffered. httplib then gets a plain
//   request with a Content-Length, so its own unbounded paths (chunked, inflate, read to EOF)
//   are never reached;
// - a connection waiting for a request head takes no thread (head_waiter.hpp); threads serve
//   requests whose head has arrived, --max-connections of them at once;
// - at most --max-connections-per-address connections from one address are open at once;
//   more get 503 at once;
// - the listen queue is SOMAXCONN long (httplib's is 5).
#include <httplib.h>

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "head_waiter.hpp"

namespace tally::http {

struct TransportLimits {
  size_t max_bytes = 4 << 20;    // request body, after decoding
  int header_timeout_s = 10;     // the request line and headers, from the first byte
  int body_timeout_s = 60;       // the whole body
  int idle_timeout_s = 10;       // the longest silence while reading a body or writing
  int keep_alive_s = 5;          // the wait for the next request on a connection
  size_t keep_alive_max = 100;   // requests on one connection
  size_t max_connections = 256;  // requests read and answered at once (threads)
  size_t max_per_address = 64;   // connections open from one client address
};

// One line of the access log: method, path, status, body bytes.
using AccessLog = std::function<void(const std::string&, const std::string&, int, size_t)>;

class LimitedServer : public httplib::Server {
 public:
  // `threads`: the pool serving requests (at least limits.max_connections).
  LimitedServer(TransportLimits limits, size_t threads, AccessLog log);
  ~LimitedServer() override;
  // Call after bind_to_port / bind_to_any_port: lengthens the listen queue to SOMAXCONN.
  bool raise_backlog();
  // Call after listen_after_bind returns: waits for the requests being answered, closes the
  // connections still open.
  void drain();

 private:
  bool process_and_close_socket(socket_t sock) override;
  bool stopping() const { return svr_sock_ == INVALID_SOCKET; }
  bool run(httplib::Stream& strm, bool close, bool& closed) {
    return process_request(strm, close, closed, nullptr);
  }
  bool take_slot(const std::string& address);
  void free_slot(const std::string& address);
  // Serves the requests of a connection whose head has arrived (on a worker thread), then hands
  // it back to the waiter or closes it.
  void serve_connection(Waiting& w);
  void close_connection(Waiting& w);

  const TransportLimits limits_;
  AccessLog log_;
  std::mutex mu_;
  std::map<std::string, size_t> per_address_;
  std::unique_ptr<httplib::ThreadPool> workers_;
  std::unique_ptr<HeadWaiter> waiter_;
  bool drained_ = false;
  friend class Connection;
};

}  // namespace tally::http
