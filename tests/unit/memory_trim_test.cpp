// Freed memory is handed back after a large input by every front end that checks one, at one
// threshold (service/memory_trim.hpp): the language server after checking or closing a document
// of 1 MiB or more, `tally serve` after a request body of that size, and neither after a smaller
// one. Counted with the engine's trim counter, not timed.
#include "service/memory_trim.hpp"

#include <httplib.h>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "limits.hpp"
#include "server.hpp"

using namespace tally;
using nlohmann::json;

namespace {

// A text of exactly `bytes` bytes, of short English lines.
std::string draft_of(size_t bytes) {
  std::string line = "The council met on Tuesday.\n";
  std::string text;
  while (text.size() + line.size() <= bytes) text += line;
  text.append(bytes - text.size(), 'x');
  return text;
}

std::string frame(const json& message) {
  std::string body = message.dump();
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// The trims a synchronous language server makes for one session that opens `text` and closes
// it: one after the check, one after the close, for a large document.
size_t lsp_trims_for(const std::string& text) {
  std::string session =
      frame({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", json::object()}}) +
      frame({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}}) +
      frame({{"jsonrpc", "2.0"},
             {"method", "textDocument/didOpen"},
             {"params",
              {{"textDocument",
                {{"uri", "untitled:big"},
                 {"languageId", "plaintext"},
                 {"version", 1},
                 {"text", text}}}}}}) +
      frame({{"jsonrpc", "2.0"},
             {"method", "textDocument/didClose"},
             {"params", {{"textDocument", {{"uri", "untitled:big"}}}}}}) +
      frame({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}}) +
      frame({{"jsonrpc", "2.0"}, {"method", "exit"}});
  lsp::ServerOptions options;
  options.embedded_rules = false;  // the trim follows the check, whatever the rules find
  options.search_config = false;
  options.synchronous = true;
  std::istringstream in(session);
  std::ostringstream out;
  size_t before = service::trims_so_far();
  BOOST_TEST(lsp::serve(in, out, options) == 0);
  BOOST_TEST(out.str().find("textDocument/publishDiagnostics") != std::string::npos);
  return service::trims_so_far() - before;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(memory_trim)

BOOST_AUTO_TEST_CASE(the_threshold_is_one_mebibyte) {
  size_t before = service::trims_so_far();
  BOOST_TEST(!service::trim_after(0));
  BOOST_TEST(!service::trim_after((1u << 20) - 1));
  BOOST_TEST(service::trims_so_far() == before);
  BOOST_TEST(service::trim_after(1u << 20));
  BOOST_TEST(service::trims_so_far() == before + 1);
}

BOOST_AUTO_TEST_CASE(the_language_server_trims_after_a_large_document) {
  BOOST_TEST(lsp_trims_for(draft_of((1u << 20) - 1)) == 0u);
  BOOST_TEST(lsp_trims_for(draft_of(1u << 20)) == 2u);
}

BOOST_AUTO_TEST_CASE(the_server_trims_after_a_large_request_body) {
  http::TransportLimits limits;
  limits.max_connections = 4;
  http::LimitedServer svr(limits, 4, nullptr);
  svr.Post("/v1/echo", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(std::to_string(req.body.size()), "text/plain");
  });
  int port = svr.bind_to_any_port("127.0.0.1");
  BOOST_REQUIRE(port > 0);
  std::thread listening([&] { svr.listen_after_bind(); });
  size_t before = service::trims_so_far();
  {
    httplib::Client client("127.0.0.1", port);
    for (size_t bytes : {size_t{(1u << 20) - 1}, size_t{1u << 20}, size_t{100}}) {
      auto res = client.Post("/v1/echo", std::string(bytes, 'a'), "text/plain");
      BOOST_REQUIRE(res);
      BOOST_TEST(res->body == std::to_string(bytes));
    }
  }
  svr.stop();
  listening.join();
  svr.drain();  // every request's connection thread is done, its trim made or not
  BOOST_TEST(service::trims_so_far() - before == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
