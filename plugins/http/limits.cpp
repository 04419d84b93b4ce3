#include "limits.hpp"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <optional>

#include "api.hpp"
#include "body_decoding.hpp"
#include "request_head.hpp"
#include "service/memory_trim.hpp"
#include "socket_io.hpp"

namespace tally::http {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr size_t kMaxHead = 64 * 1024;   // request line and all header fields
constexpr size_t kMaxChunkLine = 1024;   // "1f4a;ext=…" before a chunk
constexpr milliseconds kStopCheck{250};  // how often a waiting connection looks at stop()

const char* reason(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 408:
      return "Request Timeout";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 431:
      return "Request Header Fields Too Large";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

// Why this layer refuses a request itself, before httplib sees it.
struct Refusal {
  int status = 0;
  std::string code, message;
};

}  // namespace

// One accepted socket: reads requests off it under the limits and hands each to httplib.
class Connection {
 public:
  Connection(LimitedServer& server, socket_t sock, std::string buf = "")
      : server_(server), limits_(server.limits_), sock_(sock), buf_(std::move(buf)) {}

  std::string& buffer() { return buf_; }
  bool has_head() const { return buf_.find("\r\n\r\n") != std::string::npos; }

  // A refusal straight onto the socket, then a lingering close so the client reads it.
  void refuse(const Refusal& r, const std::string& method, const std::string& path,
              bool linger = true) {
    std::string body = error_body(r.code, r.message)
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string reply = "HTTP/1.1 " + std::to_string(r.status) + " " + reason(r.status) +
                        "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
                        std::to_string(body.size()) +
                        "\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n" +
                        (r.status == 503 ? "Retry-After: 1\r\n" : "") + "\r\n" + body;
    send_all(sock_, reply, limits_.idle_timeout_s);
    if (server_.log_) server_.log_(method, path, r.status, body.size());
    // Half-close, then read and drop what the client is still sending for a moment: closing
    // with unread bytes resets the connection, and the client might lose the reply.
    if (!linger) return;
    shutdown(sock_, SHUT_WR);
    auto until = Clock::now() + std::chrono::seconds(1);
    size_t drained = 0;
    while (drained < (8u << 20) && more(until) == Got::data) {
      drained += buf_.size();
      buf_.clear();
    }
  }

  enum class Got { data, eof, timeout };

  // Reads what the socket has into buf_, waiting until `deadline` at most, and never longer
  // than --timeout of silence; a stopping server ends the wait.
  Got more(Clock::time_point deadline) {
    auto silence_ends = Clock::now() + std::chrono::seconds(limits_.idle_timeout_s);
    deadline = std::min(deadline, silence_ends);
    for (;;) {
      if (server_.stopping()) return Got::eof;
      auto left = std::chrono::ceil<milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return Got::timeout;
      pollfd p{sock_, POLLIN, 0};
      int rc = poll(&p, 1, static_cast<int>(std::min(left, kStopCheck).count()));
      if (rc < 0 && errno != EINTR) return Got::eof;
      if (rc <= 0) continue;
      char tmp[65536];
      ssize_t n = recv(sock_, tmp, sizeof(tmp), 0);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n <= 0) return Got::eof;
      buf_.append(tmp, static_cast<size_t>(n));
      return Got::data;
    }
  }

  // Makes buf_ hold at least `n` bytes.
  Got need(size_t n, Clock::time_point deadline) {
    while (buf_.size() < n) {
      Got g = more(deadline);
      if (g != Got::data) return g;
    }
    return Got::data;
  }

  // A CRLF-terminated line (without the CRLF) from buf_.
  Got line(std::string& out, size_t max, Clock::time_point deadline, bool& too_long) {
    size_t scanned = 0;
    for (;;) {
      size_t end = buf_.find("\r\n", scanned ? scanned - 1 : 0);
      if (end != std::string::npos && end <= max) {
        out = buf_.substr(0, end);
        buf_.erase(0, end + 2);
        return Got::data;
      }
      if (end != std::string::npos || buf_.size() > max + 1) {
        too_long = true;
        return Got::data;
      }
      scanned = buf_.size();
      Got g = more(deadline);
      if (g != Got::data) return g;
    }
  }

  // `deadline` is the one for the whole part (head or body); when it has not passed, the
  // client went silent for --timeout.
  Refusal timeout(const char* what, Clock::time_point deadline, int seconds, const char* option) {
    if (Clock::now() < deadline)
      return {408, "timeout",
              "the client sent nothing for " + std::to_string(limits_.idle_timeout_s) +
                  " s (tally serve --timeout)"};
    return {408, "timeout",
            std::string(what) + " did not arrive within " + std::to_string(seconds) +
                " s (tally serve " + option + ")"};
  }

  Refusal too_large() {
    return {413, "too_large",
            "request body larger than " + std::to_string(limits_.max_bytes) +
                " bytes (tally serve --max-bytes)"};
  }

  // Reads one request and has httplib answer it; false when the connection is to be closed.
  bool one_request(Clock::time_point deadline, bool last,
                   std::optional<Clock::time_point> body_deadline = std::nullopt) {
    body_bytes_ = 0;
    // Empty lines before a request line are allowed (RFC 9112 2.2).
    // They count against the head's limit, and are dropped in one erase: a client sending
    // nothing but CRLFs would otherwise cost a buffer shift per line.
    size_t end;
    size_t skipped = 0;
    for (;;) {
      size_t k = 0;
      while (buf_.compare(k, 2, "\r\n") == 0) k += 2;
      buf_.erase(0, k);
      skipped += k;
      end = buf_.find("\r\n\r\n");
      if (end != std::string::npos) break;
      if (buf_.size() + skipped > kMaxHead) {
        refuse({431, "headers_too_large",
                "request line and headers longer than " + std::to_string(kMaxHead) + " bytes"},
               "-", "-");
        return false;
      }
      Got g = more(deadline);
      if (g == Got::timeout && !buf_.empty())
        refuse(timeout("the request line and headers", deadline, limits_.header_timeout_s,
                       "--header-timeout"),
               "-", "-", /*linger=*/false);  // a slow client: no second more of its time
      if (g != Got::data) return false;
    }
    std::string head_text = buf_.substr(0, end + 4);
    buf_.erase(0, end + 4);
    RequestHead head;
    if (std::string error = parse_head(head_text, head); !error.empty()) {
      refuse({400, "bad_request", error}, "-", "-");
      return false;
    }
    const std::string& m = head.method;
    std::string path = head.target.substr(0, head.target.find('?'));

    std::string body;
    if (Refusal r = read_body(head, body, body_deadline); r.status) {
      refuse(r, m, path);
      return false;
    }
    for (const char* name : {"Transfer-Encoding", "Content-Encoding", "Content-Length", "Expect"})
      head.remove(name);
    if (!body.empty() || m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE")
      head.fields.emplace_back("Content-Length", std::to_string(body.size()));
    body_bytes_ = body.size();
    PresentedStream strm(sock_, head.str() + body, limits_.idle_timeout_s);
    bool closed = false;
    bool ok = server_.run(strm, last, closed);
    return ok && !closed && !last;
  }

  // The decoded body of the last request one_request handed to httplib (0: none).
  size_t body_bytes() const { return body_bytes_; }

 private:
  // The body, decoded, into `body`; a refusal when it cannot be (status 0: none).
  Refusal read_body(const RequestHead& head, std::string& body,
                    std::optional<Clock::time_point> given_deadline) {
    auto deadline =
        given_deadline.value_or(Clock::now() + std::chrono::seconds(limits_.body_timeout_s));
    auto te = head.get("Transfer-Encoding");
    auto cl = head.get("Content-Length");
    auto ce = head.get("Content-Encoding");
    if (head.count("Transfer-Encoding") > 1 || head.count("Content-Encoding") > 1)
      return {400, "bad_request", "Transfer-Encoding or Content-Encoding given twice"};
    if (te && cl)  // two framings: the way requests are smuggled past a proxy
      return {400, "bad_request", "both Transfer-Encoding and Content-Length"};
    Coding coding = ce ? coding_named(*ce) : Coding::identity;
    if (coding == Coding::unsupported)
      return {415, "unsupported_encoding",
              "Content-Encoding '" + *ce + "' is not supported (gzip, deflate)"};
    if (te && !iequals(*te, "chunked"))
      return {501, "not_implemented", "Transfer-Encoding '" + *te + "' (only chunked)"};

    size_t length = 0;
    if (cl) {
      // Every Content-Length field must say the same digits.
      for (const auto& f : head.fields)
        if (iequals(f.first, "Content-Length") && f.second != *cl)
          return {400, "bad_request", "Content-Length given twice with different values"};
      auto value = content_length_value(*cl);
      if (!value) return {400, "bad_request", "Content-Length is not a number"};
      length = *value;
      if (length > limits_.max_bytes) return too_large();  // before a byte of it is read
    }
    bool has_body = te || length > 0;
    if (has_body && head.get("Expect") && iequals(*head.get("Expect"), "100-continue"))
      send_all(sock_, "HTTP/1.1 100 Continue\r\n\r\n", limits_.idle_timeout_s);

    std::string raw;
    if (te) {
      if (Refusal r = read_chunked(raw, deadline); r.status) return r;
    } else if (length > 0) {
      Got g = need(length, deadline);
      if (g == Got::timeout)
        return timeout("the body", deadline, limits_.body_timeout_s, "--body-timeout");
      if (g != Got::data) return {400, "bad_request", "the connection closed inside the body"};
      raw = buf_.substr(0, length);
      buf_.erase(0, length);
    }
    if (coding == Coding::identity || raw.empty()) {
      body = std::move(raw);
      return {};
    }
    switch (inflate_bounded(raw, limits_.max_bytes, body)) {
      case Inflated::ok:
        return {};
      case Inflated::too_large:
        return too_large();
      case Inflated::corrupt:
        break;
    }
    return {400, "bad_request", "the body is not valid " + *ce + " data"};
  }

  // Chunked transfer coding: each chunk's size is checked against what is left of --max-bytes
  // before its bytes are read.
  Refusal read_chunked(std::string& raw, Clock::time_point deadline) {
    auto failed = [&](Got g) -> Refusal {
      if (g == Got::timeout)
        return timeout("the body", deadline, limits_.body_timeout_s, "--body-timeout");
      return {400, "bad_request", "the connection closed inside the body"};
    };
    for (;;) {
      std::string size_line;
      bool too_long = false;
      if (Got g = line(size_line, kMaxChunkLine, deadline, too_long); g != Got::data)
        return failed(g);
      std::string_view digits(size_line);
      digits = digits.substr(0, digits.find(';'));
      while (!digits.empty() && (digits.back() == ' ' || digits.back() == '\t'))
        digits.remove_suffix(1);
      if (too_long || digits.empty() || digits.size() > 15 ||
          !std::all_of(digits.begin(), digits.end(),
                       [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }))
        return {400, "bad_request", "malformed chunk size in a chunked body"};
      size_t size = std::stoull(std::string(digits), nullptr, 16);
      if (size == 0) break;
      if (size > limits_.max_bytes - raw.size()) return too_large();
      if (Got g = need(size + 2, deadline); g != Got::data) return failed(g);
      if (buf_.compare(size, 2, "\r\n") != 0)
        return {400, "bad_request", "a chunk of a chunked body does not end with CRLF"};
      raw.append(buf_, 0, size);
      buf_.erase(0, size + 2);
    }
    // Trailer fields, dropped, up to the empty line.
    size_t trailers = 0;
    for (;;) {
      std::string field;
      bool too_long = false;
      if (Got g = line(field, kMaxHead, deadline, too_long); g != Got::data) return failed(g);
      if (too_long || (trailers += field.size()) > kMaxHead)
        return {431, "headers_too_large", "trailer fields of a chunked body too long"};
      if (field.empty()) return {};
    }
  }

  LimitedServer& server_;
  const TransportLimits& limits_;
  socket_t sock_;
  std::string buf_;  // read from the socket, not yet used (pipelined requests stay here)
  size_t body_bytes_ = 0;
};

LimitedServer::LimitedServer(TransportLimits limits, size_t threads, AccessLog log)
    : limits_(limits), log_(std::move(log)) {
  // httplib's own threads only take accepted sockets to the waiter (or refuse them).
  new_task_queue = [] { return new httplib::ThreadPool(2); };
  // The threads started here take no signals: SIGINT and SIGTERM are for the thread that
  // stops the server (http_server.cpp), and a thread that does not block them would take them
  // and end the process.
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &old);
  workers_ = std::make_unique<httplib::ThreadPool>(std::max(threads, limits.max_connections));
  waiter_ = std::make_unique<HeadWaiter>(
      HeadWaiter::Limits{kMaxHead, limits.max_bytes, std::chrono::seconds(limits.header_timeout_s),
                         std::chrono::seconds(limits.body_timeout_s),
                         std::chrono::seconds(limits.idle_timeout_s)},
      [this](Waiting& w) {
        workers_->enqueue([this, w = std::move(w)]() mutable { serve_connection(w); });
      },
      [this](Waiting& w) { close_connection(w); }, [this] { return stopping(); });
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  // The body limit is this layer's; httplib only ever sees bodies within it.
  set_payload_max_length(limits.max_bytes);
}

LimitedServer::~LimitedServer() {
  drain();
}

void LimitedServer::drain() {
  if (drained_) return;
  drained_ = true;
  // Connections waiting for a head are closed; requests being answered finish (a kept-alive
  // connection handed back to the stopped waiter is closed then).
  waiter_->stop();
  workers_->shutdown();
  waiter_.reset();
}

void LimitedServer::close_connection(Waiting& w) {
  shutdown(w.sock, SHUT_RDWR);
  close(w.sock);
  free_slot(w.address);
}

void LimitedServer::serve_connection(Waiting& w) {
  Connection conn(*this, w.sock, std::move(w.buf));
  if (w.expired) {  // the waiter's time ran out: the head, the body, or the client went silent
    bool body = w.need != 0;
    conn.refuse(conn.timeout(body ? "the body" : "the request line and headers", w.deadline,
                             body ? limits_.body_timeout_s : limits_.header_timeout_s,
                             body ? "--body-timeout" : "--header-timeout"),
                "-", "-", /*linger=*/false);
    return close_connection(w);
  }
  for (;;) {
    bool last = w.served + 1 >= limits_.keep_alive_max;
    // A body the waiter waited for has had its time already.
    std::optional<Clock::time_point> body_deadline;
    if (w.need) body_deadline = w.deadline;
    bool keep = conn.one_request(w.deadline, last, body_deadline);
    // The request and its reply are gone: what a large one's check freed goes back to the
    // system (service/memory_trim.hpp), or a server that saw one 4 MB draft keeps its peak.
    service::trim_after(conn.body_bytes());
    ++w.served;
    w.need = 0;
    if (!keep || stopping()) return close_connection(w);
    auto now = Clock::now();
    if (conn.has_head()) {  // pipelined: the next head is here already
      w.deadline = now + std::chrono::seconds(limits_.header_timeout_s);
      continue;
    }
    w.buf = std::move(conn.buffer());
    w.idle = w.buf.empty();
    w.deadline =
        now + std::chrono::seconds(w.idle ? limits_.keep_alive_s : limits_.header_timeout_s);
    return waiter_->add(std::move(w));
  }
}

bool LimitedServer::raise_backlog() {
  return ::listen(svr_sock_, SOMAXCONN) == 0;
}

bool LimitedServer::take_slot(const std::string& address) {
  std::lock_guard lock(mu_);
  size_t& n = per_address_[address];
  if (n >= limits_.max_per_address) return false;
  ++n;
  return true;
}

void LimitedServer::free_slot(const std::string& address) {
  std::lock_guard lock(mu_);
  auto it = per_address_.find(address);
  if (it != per_address_.end() && --it->second == 0) per_address_.erase(it);
}

bool LimitedServer::process_and_close_socket(socket_t sock) {
  std::string address = peer_of(sock);
  if (!take_slot(address)) {
    Connection(*this, sock)
        .refuse({503, "too_many_connections",
                 std::to_string(limits_.max_per_address) + " connections from " + address +
                     " already (tally serve --max-connections-per-address)"},
                "-", "-", /*linger=*/false);
    shutdown(sock, SHUT_RDWR);
    close(sock);
    return true;
  }
  // The socket now belongs to the waiter, then to a worker; this thread is free at once.
  Waiting w;
  w.sock = sock;
  w.address = std::move(address);
  w.deadline = Clock::now() + std::chrono::seconds(limits_.header_timeout_s);
  waiter_->add(std::move(w));
  return true;
}

}  // namespace tally::http
