#pragma once
// Socket calls of the HTTP transport (limits.cpp, head_waiter.cpp): numeric addresses, writes
// with a time limit, and the stream httplib reads a request from once this layer has read it.
#include <httplib.h>

#include <string>
#include <string_view>

namespace tally::http {

// The numeric address of the other end, or of this end, of a connected socket ("127.0.0.1",
// "::1"; IPv4-mapped IPv6 as IPv4); "" when unknown.
std::string peer_of(socket_t sock, int* port = nullptr);
std::string local_of(socket_t sock, int* port = nullptr);

bool wait_writable(socket_t sock, int timeout_s);
// Some of `data` (never SIGPIPE); -1 when the socket takes nothing for `timeout_s`.
ssize_t send_some(socket_t sock, const char* data, size_t size, int timeout_s);
bool send_all(socket_t sock, std::string_view data, int timeout_s);

// The request httplib parses: the head as this layer rewrote it and the decoded body, from
// memory; replies go straight to the socket.
class PresentedStream : public httplib::Stream {
 public:
  PresentedStream(socket_t sock, std::string bytes, int write_timeout_s)
      : sock_(sock), bytes_(std::move(bytes)), write_timeout_s_(write_timeout_s) {}
  bool is_readable() const override { return pos_ < bytes_.size(); }
  bool is_writable() const override { return wait_writable(sock_, write_timeout_s_); }
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override {
    return send_some(sock_, ptr, size, write_timeout_s_);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = peer_of(sock_, &port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = local_of(sock_, &port);
  }
  socket_t socket() const override { return sock_; }

 private:
  socket_t sock_;
  std::string bytes_;
  size_t pos_ = 0;
  int write_timeout_s_;
};

}  // namespace tally::http
