#include "socket_io.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace tally::http {

namespace {

std::string address_of(const sockaddr_storage& addr, socklen_t len, int* port) {
  char host[NI_MAXHOST] = "", serv[NI_MAXSERV] = "";
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&addr), len, host, sizeof(host), serv,
                  sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV) != 0)
    return "";
  if (port) *port = std::atoi(serv);
  std::string s = host;
  if (s.rfind("::ffff:", 0) == 0 && s.find('.') != std::string::npos) s = s.substr(7);
  return s;
}

}  // namespace

std::string peer_of(socket_t sock, int* port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  if (getpeername(sock, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return "";
  return address_of(addr, len, port);
}

std::string local_of(socket_t sock, int* port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  if (getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return "";
  return address_of(addr, len, port);
}

bool wait_writable(socket_t sock, int timeout_s) {
  pollfd p{sock, POLLOUT, 0};
  int rc;
  do rc = poll(&p, 1, timeout_s * 1000);
  while (rc < 0 && errno == EINTR);
  return rc > 0 && (p.revents & POLLOUT);
}

ssize_t send_some(socket_t sock, const char* data, size_t size, int timeout_s) {
  if (!wait_writable(sock, timeout_s)) return -1;
  ssize_t n;
  do n = ::send(sock, data, size, MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  return n;
}

bool send_all(socket_t sock, std::string_view data, int timeout_s) {
  while (!data.empty()) {
    ssize_t n = send_some(sock, data.data(), data.size(), timeout_s);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

ssize_t PresentedStream::read(char* ptr, size_t size) {
  size_t n = std::min(size, bytes_.size() - pos_);
  std::memcpy(ptr, bytes_.data() + pos_, n);
  pos_ += n;
  return static_cast<ssize_t>(n);
}

}  // namespace tally::http
