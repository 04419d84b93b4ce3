#include "http_server.hpp"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cctype>
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "api.hpp"
#include "assets.hpp"
#include "config/config.hpp"
#include "gate.hpp"
#include "host_check.hpp"
#include "languagetool_routes.hpp"
#include "limits.hpp"
#include "report/ignore_file.hpp"
#include "send_reply.hpp"
#include "service/rule_files.hpp"

namespace tally::http {

using nlohmann::json;

namespace {

const char* error_code(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 408:
      return "timeout";
    case 413:
      return "too_large";
    case 414:
      return "uri_too_long";
    case 503:
      return "busy";
    default:
      return status >= 500 ? "internal" : "error";
  }
}

std::string error_message(int status, const ServeOptions& o) {
  switch (status) {
    case 404:
      return "no such page or endpoint (see docs/http.md)";
    case 413:
      return "request body larger than " + std::to_string(o.max_bytes) +
             " bytes (tally serve --max-bytes)";
    case 405:
      return "method not allowed";
    case 503:
      return "too many checks at once; try again";
    default:
      return "HTTP status " + std::to_string(status);
  }
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// Polls the rule files and the config; reloads the engine when they change.
class Watcher {
 public:
  Watcher(service::Engine& engine, std::vector<std::string> configs,
          std::vector<std::string> folders, int poll_ms, bool quiet)
      : engine_(engine), configs_(std::move(configs)), folders_(std::move(folders)) {
    // The first look is taken here, before the server answers: taken in the thread, it could
    // come after a rule file written once the first check had loaded the rules, and that
    // change would never be seen (it failed so under ASan on a loaded CI machine).
    std::string first = service::rule_files_signature(configs_, folders_);
    thread_ = std::thread([this, poll_ms, quiet, last = std::move(first)]() mutable {
      std::unique_lock lock(mu_);
      while (!cv_.wait_for(lock, std::chrono::milliseconds(poll_ms), [&] { return stop_; })) {
        lock.unlock();
        std::string now = service::rule_files_signature(configs_, folders_);
        if (now != last) {
          last = now;
          engine_.reload();
          auto rules = engine_.rules_for("<text>");
          if (!quiet)
            std::cerr << "tally serve: rules reloaded (" << rules->infos.size() << " rules, "
                      << rules->errors.size() << " errors)\n";
          for (const auto& e : rules->errors) std::cerr << e.str() << "\n";
        }
        lock.lock();
      }
    });
  }
  ~Watcher() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  service::Engine& engine_;
  std::vector<std::string> configs_, folders_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

void routes(httplib::Server& svr, service::Engine& engine, Gate& gate, const ServeOptions& o,
            const std::atomic<bool>& cancel_checks) {
  auto max_wait = std::chrono::seconds(o.timeout_s);
  auto checked = [&gate, max_wait](httplib::Response& res, auto&& run) {
    GatePass pass(gate, max_wait);
    if (!pass.entered) {
      res.set_header("Retry-After", "1");
      return send_reply(res, {503, error_body("busy", "too many checks at once; try again")});
    }
    auto t0 = std::chrono::steady_clock::now();
    Reply reply = run();
    std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - t0;
    res.set_header("Server-Timing", "check;dur=" + std::to_string(ms.count()));
    send_reply(res, reply);
  };

  svr.Get("/healthz", [&engine, &o](const httplib::Request&, httplib::Response& res) {
    auto rules = engine.rules_for("<text>");
    send_reply(res, {200,
                     {{"status", "ok"},
                      {"version", "0.1.0"},
                      {"rules", rules->infos.size()},
                      {"rule_errors", rules->errors.size()},
                      {"baseline", o.baseline.empty() ? json(nullptr) : json(o.baseline)}}});
  });
  svr.Get("/v1/rules", [&engine](const httplib::Request&, httplib::Response& res) {
    send_reply(res, rules_v1(engine));
  });
  svr.Post(
      "/v1/check", [&engine, &o, checked](const httplib::Request& req, httplib::Response& res) {
        // A PDF page (install_request_checks lets only JSON and PDF bodies through).
        std::string type = req.get_header_value("Content-Type").substr(0, 15);
        for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (type == "application/pdf") {
          std::map<std::string, std::string> query;
          for (const auto& p : req.params) query[p.first] = p.second;
          return checked(res, [&] { return check_pdf_v1(engine, req.body, query, o.baseline); });
        }
        checked(res, [&] { return check_v1(engine, req.body, o.baseline); });
      });
  svr.Post("/v1/fix", [&engine, &o, checked](const httplib::Request& req, httplib::Response& res) {
    checked(res, [&] { return fix_v1(engine, req.body, o.baseline); });
  });
  svr.Post("/v1/ignore",
           [&engine, &o, checked](const httplib::Request& req, httplib::Response& res) {
             checked(res, [&] { return ignore_v1(engine, req.body, o.baseline); });
           });
  svr.Post("/v1/edition",
           [&engine, &o, checked](const httplib::Request& req, httplib::Response& res) {
             checked(res, [&] { return edition_v1(engine, req.body, o.baseline); });
           });
  add_languagetool_routes(svr, engine, gate, o, cancel_checks);
  // The page, and 404/405 for everything else.
  static const char* kApiGet[] = {"/healthz",         "/v1/rules",      "/v2/languages",
                                  "/v2/info",         "/v2/configinfo", "/v2/healthcheck",
                                  "/v2/maxtextlength"};
  static const char* kApiPost[] = {"/v1/check", "/v1/fix", "/v1/ignore", "/v1/edition"};
  auto known = [](const std::string& path, auto& list) {
    return std::find(std::begin(list), std::end(list), path) != std::end(list);
  };
  svr.Get(".*", [known](const httplib::Request& req, httplib::Response& res) {
    if (known(req.path, kApiPost)) {
      res.set_header("Allow", "POST");
      return send_reply(res, {405, error_body("method_not_allowed", req.path + " takes POST")});
    }
    auto asset = find_asset(req.path);
    if (!asset) return send_reply(res, {404, error_body("not_found", "no page " + req.path)});
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; base-uri 'none'; "
                   "form-action 'none'; frame-ancestors 'none'");
    res.set_content(std::string(asset->data), asset->mime);
  });
  auto not_post = [known](const httplib::Request& req, httplib::Response& res) {
    if (known(req.path, kApiGet)) {
      res.set_header("Allow", "GET");
      return send_reply(res, {405, error_body("method_not_allowed", req.path + " takes GET")});
    }
    send_reply(res, {404, error_body("not_found", "no endpoint " + req.path)});
  };
  svr.Post(".*", not_post);
  svr.Put(".*", not_post);
  svr.Delete(".*", not_post);
  svr.Patch(".*", not_post);
  svr.Options(".*", [](const httplib::Request&, httplib::Response& res) {
    res.status = 204;
    res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    res.set_header("Access-Control-Allow-Headers", "Content-Type");
    res.set_header("Access-Control-Max-Age", "600");
  });

  // Errors httplib raises itself (too large, bad request line) get the same JSON body.
  svr.set_error_handler(httplib::Server::HandlerWithResponse([&o](const httplib::Request&,
                                                                  httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    send_reply(res, {res.status, error_body(error_code(res.status), error_message(res.status, o))});
    return httplib::Server::HandlerResponse::Handled;
  }));
  svr.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        std::cerr << "tally serve: internal error: " << what << "\n";
        send_reply(res, {500, error_body("internal", what)});
      });
  svr.set_post_routing_handler([&o](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    auto origin = req.get_header_value("Origin");
    if (origin.empty()) return;
    for (const auto& allowed : o.allow_origins)
      if (allowed == "*" || allowed == origin) {
        res.set_header("Access-Control-Allow-Origin", allowed == "*" ? "*" : origin);
        res.set_header("Vary", "Origin");
        return;
      }
  });
  if (!o.quiet)
    svr.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::cerr << req.method << ' ' << req.path << ' ' << res.status << ' ' << res.body.size()
                << "B\n";
    });
}

}  // namespace

int serve(const ServeOptions& given) {
  ServeOptions o = given;
  if (o.baseline.empty() && !o.no_tally_ignore) o.baseline = report::ignore_file_for_folder(".");
  service::EngineOptions eo;
  eo.rule_folders = o.rule_folders;
  eo.config_path = o.config_path;
  if (eo.config_path.empty()) {
    auto found = config::locate_config("./.");
    if (!found.error.empty()) {
      std::cerr << "tally serve: " << found.error << "\n";
      return 2;
    }
    eo.config_path = found.path;
  }
  eo.search_config = false;  // file names in requests are labels, not paths to read
  eo.split_articles = true;  // while requests leave cores idle, one draft uses two
  service::Engine engine(eo);
  if (auto err = engine.config_error("<text>"); !err.empty()) {
    std::cerr << "tally serve: " << err << "\n";
    return 2;
  }
  auto rules = engine.rules_for("<text>");
  for (const auto& e : rules->errors) std::cerr << e.str() << "\n";

  size_t jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  Gate gate(jobs, o.max_pending);
  TransportLimits limits;
  limits.max_bytes = o.max_bytes;
  limits.header_timeout_s = o.header_timeout_s;
  limits.body_timeout_s = o.body_timeout_s;
  limits.idle_timeout_s = o.timeout_s;
  limits.max_connections = o.max_connections;
  limits.max_per_address = o.max_per_address;
  AccessLog log;
  if (!o.quiet)
    log = [](const std::string& method, const std::string& path, int status, size_t bytes) {
      std::cerr << method << ' ' << path << ' ' << status << ' ' << bytes << "B\n";
    };
  // Enough threads that queued checks wait in the gate (where they are counted and timed out)
  // and /healthz or the page still get an answer while every check slot is busy.
  LimitedServer svr(limits, jobs + o.max_pending + 4, log);
  install_request_checks(svr, {o.host, o.allow_hosts});
  svr.set_read_timeout(o.timeout_s);
  svr.set_write_timeout(o.timeout_s);
  svr.set_keep_alive_timeout(5);
  // httplib also sets SO_REUSEPORT, which would let a second server share a port in use.
  svr.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  std::atomic<bool> cancel_checks = false;  // set once the grace period after SIGTERM is over
  routes(svr, engine, gate, o, cancel_checks);

  // SIGINT/SIGTERM are taken by one thread, which stops the server; the others never see them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  int port = o.port == 0 ? svr.bind_to_any_port(o.host) : o.port;
  if (port < 0 || (o.port != 0 && !svr.bind_to_port(o.host, o.port))) {
    std::cerr << "tally serve: cannot listen on " << o.host << ":" << o.port
              << " (in use, or not an address of this machine)\n";
    return 2;
  }
  if (!svr.raise_backlog()) std::cerr << "tally serve: warning: cannot lengthen the listen queue\n";
  if (!is_loopback(o.host))
    std::cerr << "tally serve: warning: listening on " << o.host
              << ", reachable from other machines; the server has no authentication\n";
  std::string shown = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
  std::vector<std::string> configs;
  if (!eo.config_path.empty()) configs.push_back(eo.config_path);
  Watcher watcher(engine, configs, o.rule_folders, o.poll_ms, o.quiet);
  std::cout << "tally serve: listening on http://" << shown << ":" << port << "/" << std::endl;
  std::atomic<bool> stopping = false;
  std::mutex done_mu;
  std::condition_variable done_cv;
  bool done = false;
  // On SIGTERM: no new connections; running checks have --grace seconds to finish, then are
  // stopped (they answer 503 within ~25 ms); if connections are still open 2 s later, the
  // process exits anyway, so a stop never waits on a client.
  std::thread signals([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    stopping = true;
    svr.stop();
    std::unique_lock lock(done_mu);
    if (done_cv.wait_for(lock, std::chrono::seconds(o.grace_s), [&] { return done; })) return;
    cancel_checks = true;
    if (done_cv.wait_for(lock, std::chrono::seconds(2), [&] { return done; })) return;
    std::cerr << "tally serve: connections still open " << o.grace_s + 2
              << " s after the signal; exiting\n";
    std::_Exit(0);
  });
  bool ok = svr.listen_after_bind();
  svr.drain();
  {
    std::lock_guard lock(done_mu);
    done = true;
  }
  done_cv.notify_all();
  // Whether a signal stopped it, read before the wake-up below sets `stopping` too.
  const bool signalled = stopping;
  if (!signalled) pthread_kill(signals.native_handle(), SIGTERM);  // wake the waiting thread
  signals.join();
  if (!ok && !signalled) {
    std::cerr << "tally serve: the server stopped with an error\n";
    return 2;
  }
  std::cerr << "tally serve: stopped\n";
  return 0;
}

}  // namespace tally::http
