#pragma once
// Who may read findings through `tally serve` from a browser. A page on another site can make
// a browser send requests to the server in two ways this check closes:
// - DNS rebinding: the page's own name is made to resolve to 127.0.0.1, so its requests reach
//   the server as same-origin and can read the replies; they carry `Host: evil.example`, which
//   is not a name of this server: 421 Misdirected Request.
// - a cross-site "simple" request (a form post, `text/plain`), which needs no CORS preflight:
//   POST /v1/check takes only `application/json` (or `application/pdf`, a page), which a page
//   can only send after a preflight the server answers without CORS headers: 415 otherwise.
#include <httplib.h>

#include <string>
#include <string_view>
#include <vector>

namespace tally::http {

struct HostPolicy {
  std::string listen_host;         // --host
  std::vector<std::string> names;  // --allow-host; "*" lets every Host through
};

// The host part of a Host header value, lowercase, without port, brackets or a final dot.
std::string host_name_of(std::string_view header);

// Whether a request with this Host header value (none: empty, as HTTP/1.0 clients send) that
// arrived on `local_address` is for this server.
bool host_allowed(const HostPolicy& policy, std::string_view header,
                  const std::string& local_address);

// Installs both checks as the server's pre-routing handler.
void install_request_checks(httplib::Server& server, HostPolicy policy);

}  // namespace tally::http
