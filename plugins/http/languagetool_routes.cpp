#include "languagetool_routes.hpp"

#include <chrono>

#include "check_watch.hpp"
#include "languagetool.hpp"
#include "lt_form.hpp"
#include "send_reply.hpp"

namespace tally::http {

using nlohmann::json;

namespace {

// The form fields of a POST body, read here: cpp-httplib's own parser refuses urlencoded
// bodies over 8,192 bytes. Counts every byte (chunked bodies included) against --max-bytes.
enum class BodyRead { ok, too_large, failed };
BodyRead read_form(const httplib::Request& req, const httplib::ContentReader& reader,
                   size_t max_bytes, FormParams& params) {
  size_t total = 0;
  // A declared length over the limit is refused before reading (cpp-httplib does the same).
  bool too_large = req.get_header_value<uint64_t>("Content-Length") > max_bytes;
  if (too_large) return BodyRead::too_large;
  auto count = [&](size_t n) {
    total += n;
    too_large = too_large || total > max_bytes;
    return !too_large;
  };
  bool ok;
  if (req.is_multipart_form_data()) {
    std::string name, value;
    bool open = false;
    ok = reader(
        [&](const httplib::MultipartFormData& part) {
          if (open) params.emplace(std::move(name), std::move(value));
          name = part.name;
          value.clear();
          open = true;
          return true;
        },
        [&](const char* data, size_t n) {
          if (!count(n)) return false;
          value.append(data, n);
          return true;
        });
    if (ok && open) params.emplace(std::move(name), std::move(value));
  } else {
    std::string body;
    ok = reader([&](const char* data, size_t n) {
      if (!count(n)) return false;
      body.append(data, n);
      return true;
    });
    // LanguageTool reads a body of any other type as urlencoded too (curl -d sends it so).
    if (ok) parse_urlencoded(body, params);
  }
  if (too_large) return BodyRead::too_large;
  return ok ? BodyRead::ok : BodyRead::failed;
}

}  // namespace

bool is_languagetool_path(const std::string& path) {
  for (const char* p : {"/v2/check", "/v2/languages", "/v2/info", "/v2/maxtextlength",
                        "/v2/configinfo", "/v2/healthcheck"})
    if (path == p) return true;
  return false;
}

void add_languagetool_routes(httplib::Server& svr, service::Engine& engine, Gate& gate,
                             const ServeOptions& o, const std::atomic<bool>& shutdown) {
  LanguageToolOptions lt;
  lt.max_matches = o.max_matches;
  lt.max_check_ms = o.max_check_ms;
  lt.max_bytes = o.max_bytes;
  auto max_wait = std::chrono::seconds(o.timeout_s);

  // A check: a slot in the gate, a watch over it, the reply (none when the client has gone).
  auto check = [&engine, &gate, &shutdown, lt, max_wait](
                   const httplib::Request& req, httplib::Response& res, const FormParams& params) {
    GatePass pass(gate, max_wait);
    if (!pass.entered) {
      res.set_header("Retry-After", "1");
      return send_reply(res, {503, error_body("busy", "too many checks at once; try again")});
    }
    auto t0 = std::chrono::steady_clock::now();
    CheckStop stop;
    Reply reply;
    {
      int fd = find_client_socket(req.remote_addr, req.remote_port, req.local_port);
      CheckWatch watch(stop, std::chrono::milliseconds(lt.max_check_ms), fd, shutdown);
      reply = languagetool_check(engine, params, lt, &stop);
    }
    std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - t0;
    res.set_header("Server-Timing", "check;dur=" + std::to_string(ms.count()));
    if (stop.why == StopReason::client_gone) res.set_header("Connection", "close");
    send_reply(res, reply);
  };

  svr.Get("/v2/check", [check](const httplib::Request& req, httplib::Response& res) {
    check(req, res, FormParams(req.params.begin(), req.params.end()));
  });
  svr.Post("/v2/check", [check, max = o.max_bytes](const httplib::Request& req,
                                                   httplib::Response& res,
                                                   const httplib::ContentReader& reader) {
    FormParams params;
    switch (read_form(req, reader, max, params)) {
      case BodyRead::too_large:
        res.set_header("Connection", "close");
        return send_reply(
            res, {413, error_body("too_large", "request body larger than " + std::to_string(max) +
                                                   " bytes (tally serve --max-bytes)")});
      case BodyRead::failed:
        res.set_header("Connection", "close");
        return send_reply(res, {400, error_body("bad_request", "could not read the request body")});
      case BodyRead::ok:
        break;
    }
    // Fields of the query string count too, after the body's (LanguageTool merges them).
    params.insert(req.params.begin(), req.params.end());
    check(req, res, params);
  });
  svr.Get("/v2/languages", [](const httplib::Request&, httplib::Response& res) {
    send_reply(res, languagetool_languages());
  });
  svr.Get("/v2/info", [](const httplib::Request&, httplib::Response& res) {
    send_reply(res, languagetool_info());
  });
  svr.Get("/v2/configinfo", [&engine, lt](const httplib::Request& req, httplib::Response& res) {
    send_reply(
        res, languagetool_configinfo(engine, FormParams(req.params.begin(), req.params.end()), lt));
  });
  // Plain text, as LanguageTool answers these two.
  svr.Get("/v2/maxtextlength",
          [max = o.max_bytes](const httplib::Request&, httplib::Response& res) {
            res.set_content(std::to_string(max), "text/plain; charset=utf-8");
          });
  svr.Get("/v2/healthcheck", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("OK", "text/plain; charset=utf-8");
  });
}

}  // namespace tally::http
