#pragma once
// Tally's own HTTP API (docs/http.md), free of any HTTP library so it is tested directly:
// POST /v1/check and GET /v1/rules turn a request body into a status and a JSON body.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "service/engine.hpp"

namespace tally::http {

struct Reply {
  int status = 200;
  nlohmann::json body;
};

// {"error": {"code": code, "message": message}}: every 4xx and 5xx the server sends.
nlohmann::json error_body(const std::string& code, const std::string& message);

// POST /v1/check with a check request (service/request_json.hpp: "text", "id"?, "filename"?,
// "language"?, "date"?, "rules"?, "disable"?), read as `tally check --jsonl` reads a line, plus
// "messages"? ("zh" or "en": the findings worded in that language). With a `baseline` file (tally
// serve --baseline), the findings it knows are left out, as `tally check --baseline` leaves them.
Reply check_v1(service::Engine& engine, std::string_view body, const std::string& baseline = "");
// POST /v1/check with a PDF body (Content-Type: application/pdf): the
// page read by layout (service::check_pdf), each finding with its "pdf" page and box, the file
// entry's "text" the extracted text its spans index. The query gives what the JSON fields would:
// filename (only a name: nothing is opened by it), language, date, messages, id, and rules and
// disable as comma-separated lists. A body poppler cannot read is 422 "bad_pdf".
Reply check_pdf_v1(service::Engine& engine, std::string_view pdf,
                   const std::map<std::string, std::string>& query,
                   const std::string& baseline = "");
// POST /v1/fix: a check request plus "fix_rules"? (ids or "prefix.*"; every rule when absent):
// the text with the fixes applied by the CLI's fix engine (service/fix_text.hpp, every pass), and
// the edits from the text given to it, so a page can apply them as one undoable change.
// Findings the `baseline` file holds (what Ignore recorded) are not fixed, as `tally check
// --fix` leaves those of a .tally-ignore.
Reply fix_v1(service::Engine& engine, std::string_view body, const std::string& baseline = "");
// POST /v1/ignore: a check request plus "finding": {"rule", "offset"} (where the finding starts,
// in bytes, as /v1/check gave it): the finding is added to the `baseline` file, which
// `tally check --baseline FILE` reads. 409 when the server has no baseline.
Reply ignore_v1(service::Engine& engine, std::string_view body, const std::string& baseline);
// POST /v1/edition: {"pages": [{"name", "text"}, ...]} (the first is the front page) plus the
// check request's other fields for every page: each page checked, then the edition's rules
// (on_edition) over them all, as `tally check --edition` does; one "files" entry per page, in the
// order given, its "path" the page's name; a related span in another page carries that page's
// name in "file".
// The baseline's findings are left out of each page's, as in check_v1.
Reply edition_v1(service::Engine& engine, std::string_view body, const std::string& baseline);
// GET /v1/rules: every rule in force, and rule files that failed to load.
Reply rules_v1(service::Engine& engine);

}  // namespace tally::http
