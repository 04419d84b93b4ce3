#include "api.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include "findings/fix_plan.hpp"
#include "report/baseline.hpp"
#include "report/file_report.hpp"
#include "report/html_format.hpp"
#include "report/json_format.hpp"
#include "report/other_files.hpp"
#include "service/fix_text.hpp"
#include "service/pdf_check.hpp"
#include "service/request_json.hpp"
#include "service/settings.hpp"
#include "text/line_index.hpp"

namespace tally::http {

using nlohmann::json;

json error_body(const std::string& code, const std::string& message) {
  return {{"error", {{"code", code}, {"message", message}}}};
}

namespace {

Reply bad(const std::string& code, const std::string& message, int status = 400) {
  return {status, error_body(code, message)};
}

json load_errors_json(const rules::RuleSet& rules) {
  return report::rule_errors_json(rules.errors);
}

// A check request with the HTTP API's own fields taken off it first: "messages" on every POST,
// and those `extra` names (kept in `extras`). The rest is read as `tally check --jsonl` reads a
// line, so the two refuse the same mistakes.
std::optional<Reply> read_http_request(std::string_view body, service::Engine& engine,
                                       service::CheckRequest& req, json& id,
                                       std::initializer_list<const char*> extra, json& extras) {
  req.filename = "<text>";
  json in;
  auto e = service::parse_request_json(body, in);
  if (!e && in.is_object()) {
    extras = json::object();
    for (const char* name : extra)
      if (auto it = in.find(name); it != in.end()) {
        extras[name] = *it;
        in.erase(it);
      }
    if (auto it = in.find("messages"); it != in.end()) {
      if (*it != "zh" && *it != "en" && *it != "")
        return bad("bad_request", "'messages' must be \"zh\" or \"en\"");
      req.messages = it->get<std::string>();
      in.erase(it);
    }
  }
  if (!e) e = service::read_request(in, engine, req, id);  // refuses what is not an object
  if (e)
    return bad(e.kind == service::RequestError::NotJson ? "bad_json" : "bad_request", e.message);
  return std::nullopt;
}

Reply bad_text(const text::InputError& error) {
  json e = error_body("bad_text", error.message);
  e["error"]["offset"] = error.offset;
  return {422, e};
}

// One writer at a time: Ignore reads the file, adds to it and writes it back.
std::mutex baseline_mutex;

// The findings Ignore recorded (`--baseline FILE` or the `.tally-ignore` in force): nothing
// when there is no such file yet; a reply when it cannot be read. Read once per request, so
// the pages of an edition are judged against one list.
struct Known {
  std::optional<report::Baseline> baseline;
  std::optional<Reply> refused;
};

Known load_known(const std::string& baseline) {
  Known k;
  std::error_code ec;
  if (baseline.empty() || !std::filesystem::exists(baseline, ec)) return k;
  std::string error;
  {
    std::lock_guard lock(baseline_mutex);
    k.baseline = report::load_baseline(baseline, error);
  }
  if (!k.baseline) k.refused = bad("bad_baseline", error, 500);
  return k;
}

// Leaves out of `findings` (of the text `text` named `filename`) those `known` holds, as
// `tally check --baseline` does; adds how many to `left_out`.
void apply_known(report::Baseline& known, const std::string& filename, std::string_view text,
                 const text::LineIndex& index, std::vector<report::Finding>& findings,
                 size_t& left_out) {
  report::FileReport rep;
  rep.path = filename;
  rep.findings = report::locate_all(findings, text, index);
  left_out += report::apply_baseline(known, rep);
  findings = report::findings_of(rep);
}

}  // namespace

namespace {

// The reply to a check of `text` (the request's, or a PDF's extracted text): the findings the
// baseline does not know, as `tally check --format json` gives them.
Reply check_reply(service::Engine& engine, const service::CheckRequest& req,
                  service::CheckOutcome out, const std::string& text, const json& id,
                  const std::string& baseline, bool pdf,
                  const service::PdfCheck* draw_from = nullptr) {
  auto rules = engine.rules_for(req.filename);
  if (out.input_error) {
    if (!pdf) return bad_text(*out.input_error);
    return bad("bad_pdf", out.input_error->path + ": " + out.input_error->message, 422);
  }
  json files = json::array();
  report::RunTotals totals;
  totals.rule_errors = rules->errors.size();
  if (!out.ignored) {
    text::LineIndex index(text);
    auto known = load_known(baseline);
    if (known.refused) return *known.refused;
    if (known.baseline)
      apply_known(*known.baseline, req.filename, text, index, out.findings, totals.baseline);
    json file = report::file_json(*out.document, out.findings, out.rule_errors, out.notices, index);
    for (const auto& e : load_errors_json(*rules)) file["rule_errors"].push_back(e);
    if (!id.is_null()) file["id"] = id;
    if (pdf) file["text"] = text;  // what the spans index: no client has the PDF's text
    if (draw_from) {
      // The pages that still hold a finding once the baseline's are left out, drawn as the HTML
      // report draws them (from the upload's file, still there), the findings boxed on them;
      // the i-th finding's boxes carry data-f "f1-i". Labelled in the language the findings'
      // messages are asked in, else the page's own, as the report labels it.
      std::vector<const report::Finding*> kept;
      for (const auto& f : out.findings) kept.push_back(&f);
      auto boxes = report::pdf_finding_boxes(*out.document, kept, "f1-");
      std::string lang =
          !req.messages.empty() ? req.messages : report::main_language(*out.document);
      file["pages_html"] =
          report::pdf_pages_drawn(service::draw_pages(*draw_from, boxes), req.filename, boxes,
                                  report::html_strings(lang == "zh" ? "zh" : "en"), false);
    }
    totals.findings = out.findings.size();
    for (const auto& f : out.findings) totals.count(f);
    totals.rule_errors += out.rule_errors.size();
    files.push_back(std::move(file));
  }
  totals.files = files.size();
  return {200,
          {{"version", report::kJsonSchemaVersion},
           {"files", std::move(files)},
           {"summary", report::summary_json(totals, out.notices.size())}}};
}

}  // namespace

Reply check_v1(service::Engine& engine, std::string_view body, const std::string& baseline) {
  service::CheckRequest req;
  json id, extras;
  if (auto refused = read_http_request(body, engine, req, id, {}, extras)) return *refused;
  auto out = engine.check(req);
  return check_reply(engine, req, std::move(out), req.text, id, baseline, false);
}

Reply check_pdf_v1(service::Engine& engine, std::string_view pdf,
                   const std::map<std::string, std::string>& query, const std::string& baseline) {
  // The query read as the JSON request would be, so that both refuse the same mistakes.
  json in = {{"text", ""}, {"filename", "<pdf>"}};
  bool draw = false;  // pages=html: the page's pictures with the findings boxed (pages_html)
  for (const auto& [key, value] : query) {
    if (key == "filename" || key == "language" || key == "date" || key == "messages" ||
        key == "id") {
      in[key] = value;
    } else if (key == "pages") {
      if (value != "html") return bad("bad_request", "'pages' takes 'html'");
      draw = true;
    } else if (key == "rules" || key == "disable") {
      json list = json::array();
      for (size_t at = 0; at <= value.size();) {
        size_t comma = std::min(value.find(',', at), value.size());
        if (comma > at) list.push_back(value.substr(at, comma - at));
        at = comma + 1;
      }
      in[key] = std::move(list);
    } else {
      return bad("bad_request", "unknown query parameter '" + key + "'");
    }
  }
  service::CheckRequest req;
  json id, extras;
  if (auto refused = read_http_request(in.dump(), engine, req, id, {}, extras)) return *refused;
  // With pages=html the upload's file is kept until the reply is made (and removed with `run`).
  auto run = service::check_pdf(engine, pdf, req, draw);
  return check_reply(engine, req, std::move(run.outcome), run.text, id, baseline, true,
                     draw ? &run : nullptr);
}

Reply fix_v1(service::Engine& engine, std::string_view body, const std::string& baseline) {
  service::CheckRequest req;
  json id, extras;
  if (auto refused = read_http_request(body, engine, req, id, {"fix_rules"}, extras))
    return *refused;
  std::vector<std::string> only;
  if (extras.contains("fix_rules")) {
    const json& list = extras["fix_rules"];
    auto rules = engine.rules_for(req.filename);
    for (const auto& v : list.is_array() ? list : json::array({nullptr})) {
      if (!v.is_string()) return bad("bad_request", "'fix_rules' must be a list of rule ids");
      auto pattern = v.get<std::string>();
      bool named = std::any_of(rules->infos.begin(), rules->infos.end(),
                               [&](const auto& r) { return report::rule_named(pattern, r.id); });
      if (!named) return bad("bad_request", "'fix_rules': no rule '" + pattern + "'");
      only.push_back(pattern);
    }
  }
  json reply = {
      {"text", req.text}, {"fixes", 0}, {"passes", 0}, {"settled", true}, {"edits", json::array()}};
  // "fix_rules": [] names no rule: nothing to apply (an absent list applies every rule's fixes).
  if (engine.ignored(req.filename) || (extras.contains("fix_rules") && only.empty()))
    return {200, reply};
  auto src = text::make_source(req.filename, req.text);
  if (!src.source) return bad_text(*src.error);
  auto known = load_known(baseline);
  if (known.refused) return *known.refused;
  auto run = service::fix_text(engine, *src.source, req, only, nullptr,
                               known.baseline ? &*known.baseline : nullptr);
  if (run.last.input_error) return bad_text(*run.last.input_error);
  text::LineIndex index(req.text);
  for (const auto& e : run.edits)
    reply["edits"].push_back(
        {{"span", report::span_json(e.span, index)}, {"replacement", e.replacement}});
  reply["text"] = std::move(run.bytes);
  reply["fixes"] = run.fixes;
  reply["passes"] = run.passes;
  reply["settled"] = run.settled;
  if (!id.is_null()) reply["id"] = id;
  return {200, reply};
}

Reply ignore_v1(service::Engine& engine, std::string_view body, const std::string& baseline) {
  if (baseline.empty())
    return bad("no_baseline",
               "this server keeps no baseline; start it with `tally serve --baseline FILE` to "
               "ignore findings",
               409);
  service::CheckRequest req;
  json id, extras;
  if (auto refused = read_http_request(body, engine, req, id, {"finding"}, extras)) return *refused;
  const json which = extras.value("finding", json());
  if (!which.is_object() || !which.contains("rule") || !which["rule"].is_string() ||
      !which.contains("offset") || !which["offset"].is_number_unsigned())
    return bad("bad_request",
               "'finding' is required: {\"rule\": id, \"offset\": the byte its span starts at}");
  auto rule = which["rule"].get<std::string>();
  auto offset = which["offset"].get<uint64_t>();
  auto out = engine.check(req);
  if (out.input_error) return bad_text(*out.input_error);
  auto found = std::find_if(out.findings.begin(), out.findings.end(), [&](const auto& f) {
    return f.rule == rule && f.span.begin == offset;
  });
  if (found == out.findings.end())
    return bad("bad_request", "no finding of [" + rule + "] starts at byte " +
                                  std::to_string(offset) + " of this text");
  text::LineIndex index(req.text);
  auto located = report::locate_all({*found}, req.text, index);
  std::string error;
  std::optional<report::BaselineEntry> entry;
  {
    std::lock_guard lock(baseline_mutex);
    entry = report::add_to_baseline(baseline, req.filename, located.front(), error);
  }
  if (!entry) return bad("bad_baseline", error, 500);
  return {200,
          {{"baseline", baseline},
           {"ignored",
            {{"path", entry->path},
             {"rule", entry->rule},
             {"text", entry->text},
             {"line", entry->line},
             {"count", entry->count}}}}};
}

Reply edition_v1(service::Engine& engine, std::string_view body, const std::string& baseline) {
  json in;
  if (auto e = service::parse_request_json(body, in)) return bad("bad_json", e.message);
  auto it = in.is_object() ? in.find("pages") : in.end();
  if (it == in.end() || !it->is_array() || it->empty())
    return bad("bad_request",
               "'pages' is required: a list of {\"name\", \"text\"}, front page first");
  json pages = std::move(*it);
  in.erase("pages");
  std::vector<service::CheckRequest> reqs(pages.size());
  std::vector<service::CheckOutcome> outs(pages.size());
  std::set<std::string> names;
  for (size_t p = 0; p < pages.size(); ++p) {
    const json& page = pages[p];
    const std::string which = "pages[" + std::to_string(p) + "]";
    if (!page.is_object() || !page.contains("name") || !page["name"].is_string() ||
        page["name"].get<std::string>().empty() || !page.contains("text"))
      return bad("bad_request", which + " must be {\"name\": a file name, \"text\": its text}");
    auto name = page["name"].get<std::string>();
    if (!names.insert(name).second)
      return bad("bad_request", which + ": the name '" + name + "' is given twice");
    // Each page is read as a /v1/check body is, with its name as the file name: the same
    // fields are accepted and the same mistakes refused.
    json one = in;
    one["text"] = page["text"];
    one["filename"] = name;
    json id, extras;
    if (auto refused = read_http_request(one.dump(), engine, reqs[p], id, {}, extras)) {
      refused->body["error"]["message"] =
          which + ": " + refused->body["error"]["message"].get<std::string>();
      return *refused;
    }
    outs[p] = engine.check(reqs[p]);
    if (outs[p].input_error) {
      Reply r = bad_text(*outs[p].input_error);
      r.body["error"]["page"] = p;
      return r;
    }
  }
  // The edition is the pages not ignored by their config, in the order given.
  std::vector<size_t> kept;
  std::vector<const service::CheckOutcome*> outcomes;
  std::vector<std::string_view> bytes;
  for (size_t p = 0; p < pages.size(); ++p)
    if (!outs[p].ignored && outs[p].document) {
      kept.push_back(p);
      outcomes.push_back(&outs[p]);
      bytes.push_back(reqs[p].text);
    }
  std::vector<std::unique_ptr<text::LineIndex>> lines;
  report::OtherFiles others;
  for (size_t k = 0; k < kept.size(); ++k) {
    lines.push_back(std::make_unique<text::LineIndex>(bytes[k]));
    others[reqs[kept[k]].filename] = {bytes[k], lines.back().get()};
  }
  if (!kept.empty()) {
    auto res = engine.check_edition(outcomes, bytes, reqs[kept.front()]);
    for (size_t k = 0; k < kept.size(); ++k) {
      auto& found = outs[kept[k]].findings;
      for (auto& f : res.findings[k]) found.push_back(std::move(f));
      report::sort_findings(found);
    }
    auto& errors = outs[kept.front()].rule_errors;  // as the CLI does: with the front page
    errors.insert(errors.end(), res.errors.begin(), res.errors.end());
  }
  json files = json::array();
  report::RunTotals totals;
  size_t notices = 0;
  auto known = load_known(baseline);
  if (known.refused) return *known.refused;
  for (size_t k = 0; k < kept.size(); ++k) {
    auto& out = outs[kept[k]];
    // What Ignore recorded for this page is left out, its edition findings' included (as
    // `tally check --edition` leaves them out with a .tally-ignore or --baseline).
    if (known.baseline)
      apply_known(*known.baseline, reqs[kept[k]].filename, bytes[k], *lines[k], out.findings,
                  totals.baseline);
    json file = report::file_json(*out.document, out.findings, out.rule_errors, out.notices,
                                  *lines[k], &others);
    if (k == 0)
      for (const auto& e : load_errors_json(*out.rules)) file["rule_errors"].push_back(e);
    totals.findings += out.findings.size();
    for (const auto& f : out.findings) totals.count(f);
    totals.rule_errors += out.rule_errors.size() + (k == 0 ? out.rules->errors.size() : 0);
    notices += out.notices.size();
    files.push_back(std::move(file));
  }
  totals.files = files.size();
  return {200,
          {{"version", report::kJsonSchemaVersion},
           {"files", std::move(files)},
           {"summary", report::summary_json(totals, notices)}}};
}

Reply rules_v1(service::Engine& engine) {
  auto rules = engine.rules_for("<text>");
  auto settings = service::settings_for(engine.config_for("<text>"), {}, "");
  json arr = json::array();
  for (const auto& r : rules->infos) arr.push_back(report::rule_info_json(r, settings));
  return {200, {{"rules", std::move(arr)}, {"errors", load_errors_json(*rules)}}};
}

}  // namespace tally::http
