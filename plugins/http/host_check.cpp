#include "host_check.hpp"

#include <algorithm>

#include "api.hpp"
#include "send_reply.hpp"

namespace tally::http {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The media type of a Content-Type value: "application/json; charset=utf-8" → application/json.
std::string media_type(std::string_view value) {
  value = value.substr(0, value.find(';'));
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  return lower(value);
}

void refuse(httplib::Response& res, int status, const std::string& code,
            const std::string& message) {
  send_reply(res, {status, error_body(code, message)});
}

}  // namespace

std::string host_name_of(std::string_view header) {
  while (!header.empty() && header.back() == ' ') header.remove_suffix(1);
  std::string_view host = header;
  if (!host.empty() && host.front() == '[') {  // [::1]:8765
    size_t close = host.find(']');
    host = close == std::string_view::npos ? host.substr(1) : host.substr(1, close - 1);
  } else if (std::count(host.begin(), host.end(), ':') == 1) {
    host = host.substr(0, host.find(':'));
  }
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  return lower(host);
}

bool host_allowed(const HostPolicy& policy, std::string_view header,
                  const std::string& local_address) {
  if (header.empty()) return true;  // HTTP/1.0 without Host: not a browser
  std::string host = host_name_of(header);
  if (host == "localhost" || host == "127.0.0.1" || host == "::1") return true;
  // The address the request came in on: http://192.0.2.7:8765/ when listening on 0.0.0.0.
  if (host == lower(local_address) || host == host_name_of(policy.listen_host)) return true;
  for (const auto& name : policy.names)
    if (name == "*" || host == host_name_of(name)) return true;
  return false;
}

void install_request_checks(httplib::Server& server, HostPolicy policy) {
  server.set_pre_routing_handler(
      [policy = std::move(policy)](const httplib::Request& req, httplib::Response& res) {
        std::string host = req.get_header_value("Host");
        if (!host_allowed(policy, host, req.local_addr)) {
          refuse(res, 421, "misdirected",
                 "Host '" + host +
                     "' is not a name of this server (tally serve --allow-host NAME adds one)");
          return httplib::Server::HandlerResponse::Handled;
        }
        if (req.method == "POST" && (req.path == "/v1/check" || req.path == "/v1/fix" ||
                                     req.path == "/v1/ignore" || req.path == "/v1/edition")) {
          std::string type = media_type(req.get_header_value("Content-Type"));
          // A PDF page for /v1/check: application/pdf is not a type a form can send either.
          bool pdf = req.path == "/v1/check" && type == "application/pdf";
          if (type != "application/json" && !pdf) {
            refuse(res, 415, "unsupported_media_type",
                   "POST " + req.path + " takes Content-Type: application/json" +
                       (req.path == "/v1/check" ? " or application/pdf" : "") +
                       (type.empty() ? std::string(" (none given)") : ", not " + type));
            return httplib::Server::HandlerResponse::Handled;
          }
        }
        return httplib::Server::HandlerResponse::Unhandled;
      });
}

}  // namespace tally::http
