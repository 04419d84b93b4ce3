// What the HTTP server does with a request body, without a socket: POST /v1/check's JSON
// request (service/request_json through check_v1) and POST /v2/check's urlencoded form (Tally's
// own form parser, lt_form's parse_urlencoded, then languagetool_check). The first
// byte picks the endpoint, the rest is the body. Every body gets a reply whose status is one the
// server documents (docs/http.md) and whose body is JSON; nothing throws, nothing crashes.
// Checked against one small rule (small_rules.hpp): the check itself is fuzz_check's.
#include <cstddef>
#include <cstdint>
#include <string>

#include "api.hpp"
#include "fuzz_assert.hpp"
#include "languagetool.hpp"
#include "lt_form.hpp"
#include "small_rules.hpp"
#include "text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static tally::service::Engine engine([] {
    tally::service::EngineOptions o;
    o.rule_folders = {tally::fuzz::small_rules_folder()};
    o.embedded = false;
    o.search_config = false;
    return o;
  }());
  if (size == 0) return 0;
  std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  tally::http::Reply reply;
  if (data[0] & 1) {
    tally::http::FormParams params;
    tally::http::parse_urlencoded(body, params);
    reply = tally::http::languagetool_check(engine, params, tally::http::LanguageToolOptions{});
    FUZZ_REQUIRE(reply.status == 200 || reply.status == 400, reply.body.dump());
    // Matches lie inside what the client sent: `text`, or `data`'s text and markup together
    // (LanguageTool's offsets, in UTF-16 units).
    if (reply.status == 200) {
      size_t units = 0;
      if (auto t = params.find("text"); t != params.end()) {
        units = tally::text::utf16_offsets(t->second, {t->second.size()})[0];
      } else {
        auto d = nlohmann::json::parse(params.find("data")->second);
        for (const auto& a : d["annotation"])
          for (const char* key : {"text", "markup"})
            if (a.contains(key) && a[key].is_string()) {
              const auto& part = a[key].get_ref<const std::string&>();
              units += tally::text::utf16_offsets(part, {part.size()})[0];
              break;
            }
      }
      for (const auto& m : reply.body["matches"])
        FUZZ_REQUIRE(m["offset"].get<size_t>() + m["length"].get<size_t>() <= units, m.dump());
    }
  } else {
    reply = tally::http::check_v1(engine, body);
    FUZZ_REQUIRE(reply.status == 200 || reply.status == 400 || reply.status == 422,
                 reply.body.dump());
  }
  auto text = reply.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  FUZZ_REQUIRE(nlohmann::json::accept(text), text);
  return 0;
}
