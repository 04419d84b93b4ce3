#include "server.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <map>
#include <set>
#include <thread>

#include "config/config.hpp"
#include "documents.hpp"
#include "envelope.hpp"
#include "findings/fix_plan.hpp"
#include "findings/rule_info.hpp"
#include "jsonrpc.hpp"
#include "parse/pdf_parser.hpp"
#include "parse/pdf_reader.hpp"
#include "report/json_format.hpp"
#include "service/engine.hpp"
#include "service/memory_trim.hpp"
#include "service/rule_files.hpp"

namespace tally::lsp {

using nlohmann::json;

namespace {

const char* const kPdfAsText =
    "a PDF is read from its file, not as text: run the command tally.checkPdf with its URI, or "
    "tally check FILE.pdf";

// What was last published for a document: enough to answer code actions and hovers.
using RulesPtr = std::shared_ptr<const rules::RuleSet>;

struct Published {
  int version = 0;
  std::string text;
  std::vector<report::Finding> findings;
  std::vector<std::string> languages;  // the language of each finding's article
  RulesPtr rules;                      // the rules this document was checked with
};

int lsp_severity(report::Severity s) {
  return s == report::Severity::Error ? 1 : s == report::Severity::Warning ? 2 : 3;
}

class Server {
 public:
  Server(std::ostream& out, ServerOptions options) : writer_(out), options_(std::move(options)) {}

  int run(std::istream& in) {
    while (true) {
      auto msg = read_message(in);
      if (msg.eof) break;
      if (!msg.message) {
        writer_.send({{"jsonrpc", "2.0"},
                      {"id", nullptr},
                      {"error", {{"code", -32700}, {"message", msg.error}}}});
        continue;
      }
      if (handle(*msg.message)) break;
    }
    stop();
    return shutdown_ ? 0 : 1;
  }

 private:
  // Returns true on `exit`. Whatever the message holds, it gets an answer or a log line and the
  // server goes on (docs/lsp.md "Bad messages").
  bool handle(const json& m) {
    Envelope e = classify(m);
    if (e.kind == Envelope::Response) return false;
    if (e.kind == Envelope::Invalid) {
      reply_error(e.id, -32600, e.error);
      return false;
    }
    if (e.method == "exit") return true;
    bool request = e.kind == Envelope::Request;
    // LSP's lifecycle: nothing but initialize before it, nothing but exit after shutdown.
    if (!initialized_ && e.method != "initialize" && e.method != "shutdown") {
      if (request) reply_error(e.id, -32002, "the server is not initialized yet");
      return false;
    }
    if (shutdown_) {
      if (request) reply_error(e.id, -32600, "the server is shut down: only exit is accepted");
      return false;
    }
    try {
      if (request)
        handle_request(e);
      else
        handle_notification(e);
    } catch (const InvalidParams& err) {
      fail(e, -32602, err.what());
    } catch (const json::exception& err) {
      fail(e, -32602, std::string("invalid params: ") + err.what());
    } catch (const std::exception& err) {
      fail(e, -32603, std::string("internal error: ") + err.what());
    }
    return false;
  }

  // A request's error reply; a notification cannot be answered, so the client's log is told.
  void fail(const Envelope& e, int code, const std::string& message) {
    if (e.kind == Envelope::Request)
      reply_error(e.id, code, message);
    else
      log(1, "ignored " + e.method + ": " + message);
  }

  void handle_request(const Envelope& e) {
    const json& params = e.params;
    if (e.method == "initialize") {
      if (initialized_) return reply_error(e.id, -32600, "initialize was already received");
      reply(e.id, initialize(params.is_object() ? params : json::object()));
    } else if (e.method == "shutdown") {
      shutdown_ = true;
      stop();
      reply(e.id, nullptr);
    } else if (e.method == "textDocument/codeAction") {
      reply(e.id, code_actions(params));
    } else if (e.method == "textDocument/hover") {
      reply(e.id, hover(params));
    } else if (e.method == "workspace/executeCommand") {
      execute_command(e);
    } else {
      reply_error(e.id, -32601, "method not found: " + e.method);
    }
  }

  void handle_notification(const Envelope& e) {
    const json& params = e.params;
    if (e.method == "initialized") {
      register_watchers();
    } else if (e.method == "textDocument/didOpen") {
      did_open(params);
    } else if (e.method == "textDocument/didChange") {
      did_change(params);
    } else if (e.method == "textDocument/didSave") {
      schedule(string_field(object_field(params, "textDocument", ""), "uri", "textDocument"));
    } else if (e.method == "textDocument/didClose") {
      std::string uri =
          string_field(object_field(params, "textDocument", ""), "uri", "textDocument");
      size_t closed_bytes = 0;
      {
        std::lock_guard lock(mu_);
        if (auto it = docs_.find(uri); it != docs_.end()) closed_bytes = it->second.text.size();
        docs_.erase(uri);
        lost_.erase(uri);
        published_.erase(uri);
        notified_.erase(uri);
        memos_.erase(uri);
      }
      publish_nothing(uri);
      // A large document's text, findings and memo are gone: so is their memory.
      service::trim_after(closed_bytes);
    } else if (e.method == "workspace/didChangeWatchedFiles") {
      reload_all();
    }
    // Other notifications ($/cancelRequest, $/setTrace, …) need nothing from us.
  }

  // workspace/executeCommand "tally.checkPdf" [uri]: the PDF at a file: URI read by layout, as
  // `tally check page.pdf` reads it, and checked; the reply is that command's JSON entry for the
  // file (docs/json.md: every finding with its "pdf" page and box) plus "text", the extracted
  // text its spans index. Only on this explicit request is a file opened by a name from the
  // client, and only a local .pdf: didOpen's text is always what is checked.
  void execute_command(const Envelope& e) {
    const json& params = e.params;
    if (!params.is_object() || !params.contains("command") || params["command"] != "tally.checkPdf")
      return reply_error(e.id, -32602, "unknown command; this server has tally.checkPdf");
    const json* args = params.contains("arguments") ? &params["arguments"] : nullptr;
    std::string uri = args && args->is_array() && args->size() == 1 && (*args)[0].is_string()
                          ? (*args)[0].get<std::string>()
                          : "";
    std::string path = uri_to_path(uri);
    if (path.empty() || !parse::is_pdf_path(path))
      return reply_error(e.id, -32602,
                         "tally.checkPdf takes one argument: the file: URI of a .pdf");
    auto loaded = parse::load_pdf(path);
    // LSP's RequestFailed: the request was right, the file is not a PDF that can be read.
    if (!loaded.source) return reply_error(e.id, -32803, path + ": " + loaded.error->message);
    service::CheckRequest req;
    req.filename = path;
    req.date = date_;
    req.disable = disable_;
    req.enable = enable_;
    auto out = engine_->check(*loaded.source, req);
    if (out.input_error)
      return reply_error(e.id, -32803, out.input_error->path + ": " + out.input_error->message);
    text::LineIndex index(loaded.source->bytes);
    json file = out.document ? report::file_json(*out.document, out.findings, out.rule_errors,
                                                 out.notices, index)
                             : json{{"path", path}, {"ignored", true}, {"findings", json::array()}};
    file["text"] = loaded.source->bytes;
    reply(e.id, file);
    service::trim_after(loaded.source->bytes.size());
  }

  void did_open(const json& params) {
    const json& td = object_field(params, "textDocument", "");
    Document d;
    d.uri = string_field(td, "uri", "textDocument");
    d.path = uri_to_path(d.uri);
    if (td.contains("languageId") && td["languageId"].is_string()) d.language_id = td["languageId"];
    d.version = optional_int_field(td, "version", "textDocument").value_or(0);
    d.text = string_field(td, "text", "textDocument");
    std::string uri = d.uri;
    {
      std::lock_guard lock(mu_);
      lost_.erase(uri);
      docs_[uri] = std::move(d);
    }
    schedule(uri);
  }

  // Edits apply in order to the text we hold; one that cannot (its range ends before it starts
  // or lies past the end of the text) or a version that does not increase means the client's
  // text is no longer ours: the document is dropped (lose_sync) until the client reopens it or
  // sends its full text.
  void did_change(const json& params) {
    const json& td = object_field(params, "textDocument", "");
    std::string uri = string_field(td, "uri", "textDocument");
    std::string problem;
    {
      std::lock_guard lock(mu_);
      auto it = docs_.find(uri);
      auto lost = lost_.find(uri);
      if (it == docs_.end() && lost == lost_.end()) return;  // never opened: nothing to follow
      std::optional<int32_t> version;
      try {
        version = optional_int_field(td, "version", "textDocument");
      } catch (const InvalidParams& err) {
        problem = err.what();
      }
      auto changes = params.find("contentChanges");
      if (problem.empty() && (changes == params.end() || !changes->is_array()))
        problem = "contentChanges must be a list";
      if (problem.empty() && it != docs_.end()) {
        if (version && *version <= it->second.version)
          problem = "version " + std::to_string(*version) + " does not follow version " +
                    std::to_string(it->second.version);
        // In place: a change that fails drops the document, so a half-applied list is never
        // checked.
        for (size_t i = 0; problem.empty() && i < changes->size(); ++i)
          problem = apply_change(it->second.text, (*changes)[i]);
        if (problem.empty()) it->second.version = version.value_or(it->second.version + 1);
      } else if (problem.empty()) {
        // Lost: only a change carrying the whole text brings the document back.
        size_t full = changes->size();
        for (size_t i = 0; i < changes->size(); ++i) {
          const json& c = (*changes)[i];
          if (c.is_object() && c.contains("text") && (!c.contains("range") || c["range"].is_null()))
            full = i;
        }
        if (full == changes->size()) return;
        Document d = lost->second;
        for (size_t i = full; problem.empty() && i < changes->size(); ++i)
          problem = apply_change(d.text, (*changes)[i]);
        if (!problem.empty()) return;  // still lost; said so when it was dropped
        d.version = version.value_or(0);
        docs_[uri] = std::move(d);
        lost_.erase(lost);
      }
      if (!problem.empty()) lose_sync(uri);
    }
    if (!problem.empty()) {
      log(2, "lost sync with " + uri + ": " + problem +
                 "; its diagnostics stop until it is reopened or its full text is sent");
      publish_nothing(uri);
      return;
    }
    schedule(uri);
  }

  // With mu_ held: forgets the document's text and what was published for it, keeping what a
  // full-text change needs to bring it back.
  void lose_sync(const std::string& uri) {
    auto it = docs_.find(uri);
    if (it == docs_.end()) return;
    Document shell = std::move(it->second);
    shell.text.clear();
    lost_[uri] = std::move(shell);
    docs_.erase(it);
    published_.erase(uri);
    notified_.erase(uri);
  }

  void publish_nothing(const std::string& uri) {
    writer_.send(notification("textDocument/publishDiagnostics",
                              {{"uri", uri}, {"diagnostics", json::array()}}));
  }

  void log(int type, const std::string& message) {
    writer_.send(
        notification("window/logMessage", {{"type", type}, {"message", "tally lsp: " + message}}));
  }

  json initialize(const json& params) {
    // Read whole before anything is kept: a wrong-typed option is -32602 and the client may
    // send initialize again.
    service::EngineOptions eo;
    eo.rule_folders = options_.rule_folders;
    eo.config_path = options_.config_path;
    eo.embedded = options_.embedded_rules;
    eo.search_config = options_.search_config;
    eo.split_articles = !options_.synchronous;  // one draft at a time, a person waiting
    std::optional<parse::Date> date;
    std::vector<std::string> disable, enable;
    std::string docs_base = options_.docs_base;
    auto init = params.find("initializationOptions");
    if (init != params.end() && init->is_object()) {
      const std::string where = "initializationOptions";
      for (auto& r : string_list_field(*init, "rules", where)) eo.rule_folders.push_back(r);
      if (init->contains("config") && (*init)["config"].is_string())
        eo.config_path = (*init)["config"];
      if (init->contains("date") && (*init)["date"].is_string())
        date = parse::parse_iso_date((*init)["date"].get<std::string>());
      disable = string_list_field(*init, "disable", where);
      enable = string_list_field(*init, "enable", where);
      if (init->contains("docsBase") && (*init)["docsBase"].is_string())
        docs_base = (*init)["docsBase"];
    }
    // capabilities.workspace.didChangeWatchedFiles.dynamicRegistration, false unless all there.
    const json* at = &params;
    for (const char* key : {"capabilities", "workspace", "didChangeWatchedFiles"}) {
      auto next = at->is_object() ? at->find(key) : at->end();
      at = at->is_object() && next != at->end() ? &*next : nullptr;
      if (!at) break;
    }
    client_watches_ = at && at->is_object() && at->contains("dynamicRegistration") &&
                      (*at)["dynamicRegistration"].is_boolean() &&
                      (*at)["dynamicRegistration"].get<bool>();
    date_ = date;
    disable_ = std::move(disable);
    enable_ = std::move(enable);
    options_.docs_base = std::move(docs_base);
    engine_ = std::make_unique<service::Engine>(std::move(eo));
    initialized_ = true;
    if (!options_.synchronous) {
      worker_ = std::thread([this] { work(); });
      // The first look before any document is checked, so no change after it can be missed.
      watcher_ = std::thread([this, first = signature()]() mutable { watch(std::move(first)); });
    }
    return {{"capabilities",
             {{"textDocumentSync",
               {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
              {"codeActionProvider",
               {{"codeActionKinds", json::array({"quickfix", "source.fixAll.tally"})}}},
              {"hoverProvider", true},
              {"executeCommandProvider", {{"commands", json::array({"tally.checkPdf"})}}}}},
            {"serverInfo", {{"name", "tally"}, {"version", "0.1.0"}}}};
  }

  void register_watchers() {
    if (!client_watches_) return;
    json watchers =
        json::array({{{"globPattern", "**/.tally.yml"}}, {{"globPattern", "**/*.{yaml,yml,lua}"}}});
    writer_.send(
        {{"jsonrpc", "2.0"},
         {"id", "tally-watch"},
         {"method", "client/registerCapability"},
         {"params",
          {{"registrations", json::array({{{"id", "tally-watch"},
                                           {"method", "workspace/didChangeWatchedFiles"},
                                           {"registerOptions", {{"watchers", watchers}}}}})}}}});
  }

  // --- checking, off the message thread -------------------------------------------------------

  void schedule(const std::string& uri) {
    if (options_.synchronous) return check_now(uri);
    {
      std::lock_guard lock(mu_);
      dirty_.insert(uri);
    }
    cv_.notify_one();
  }

  void work() {
    while (true) {
      Document snap;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || !dirty_.empty(); });
        if (stopping_) return;
        std::string uri = *dirty_.begin();
        dirty_.erase(dirty_.begin());
        auto it = docs_.find(uri);
        if (it == docs_.end()) continue;
        snap = it->second;
      }
      check_guarded(snap);
    }
  }

  // One document that cannot be checked must not end the server for every other one. After a
  // large one, what its check freed goes back to the system (service/memory_trim.hpp).
  void check_guarded(const Document& snap) {
    try {
      check(snap);
    } catch (const std::exception& e) {
      std::cerr << "tally lsp: " << snap.uri << ": internal error: " << e.what() << "\n";
    }
    service::trim_after(snap.text.size());
  }

  // The synchronous server's check: on the message thread, straight away.
  void check_now(const std::string& uri) {
    Document snap;
    {
      std::lock_guard lock(mu_);
      auto it = docs_.find(uri);
      if (it == docs_.end()) return;
      snap = it->second;
    }
    check_guarded(snap);
  }

  void check(const Document& d) {
    service::CheckRequest req;
    req.text = d.text;
    bool markdown = d.language_id == "markdown";
    req.filename = !d.path.empty() ? d.path : markdown ? "<untitled>.md" : "<untitled>.txt";
    req.date = date_;
    req.disable = disable_;
    req.enable = enable_;
    std::unique_ptr<rules::ArticleMemo> memo;
    {
      std::lock_guard lock(mu_);
      if (auto m = memos_.find(d.uri); m != memos_.end()) memo = std::move(m->second);
    }
    if (!memo) memo = std::make_unique<rules::ArticleMemo>();
    req.memo = memo.get();
    // A PDF's bytes are not a text to check (an editor shows them as such when asked to): the
    // page is read from its file, by the command below.
    service::CheckOutcome out;
    if (parse::looks_like_pdf(d.text))
      out.input_error = text::InputError{req.filename, 0, kPdfAsText};
    else
      out = engine_->check(req);
    std::lock_guard lock(mu_);
    if (docs_.count(d.uri)) memos_[d.uri] = std::move(memo);
    auto it = docs_.find(d.uri);
    // A newer edit arrived while this ran: its own check is queued, this result is stale.
    if (it == docs_.end() || it->second.version != d.version || it->second.text != d.text) return;
    text::LineIndex index(d.text);
    PositionCursor cursor(index, d.text);  // findings come in reading order
    // Built as text: a page can carry hundreds of diagnostics and a JSON tree of them costs
    // more than the rest of the publish.
    std::string body =
        R"({"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":)";
    body += quoted(d.uri) + R"(,"version":)" + std::to_string(d.version) + R"(,"diagnostics":[)";
    bool first = true;
    if (out.input_error) {
      body += R"({"range":)" + lsp_range(index, 0, 0).dump() +
              R"(,"severity":1,"source":"tally","message":)" + quoted(out.input_error->message) +
              "}";
      first = false;
    }
    for (const auto& f : out.findings) {
      if (!first) body += ',';
      first = false;
      append_diagnostic(body, f, cursor, out.rules, d.uri);
    }
    body += "]}}";
    for (const auto& e : out.rule_errors) {
      std::string msg = e.str();
      if (reported_errors_.insert(msg).second)
        writer_.send(notification("window/showMessage",
                                  {{"type", 1}, {"message", "tally rule error: " + msg}}));
    }
    // A rule family that could not run (no publication date: date.future) is told once per
    // document, while it lasts: again only after it went away and came back, or after reopening.
    std::set<std::string> now;
    auto& shown = notified_[d.uri];
    for (const auto& n : out.notices) {
      now.insert(n.id + "\n" + n.message);
      if (!shown.count(n.id + "\n" + n.message))
        writer_.send(notification(
            "window/showMessage",
            {{"type", 3}, {"message", "tally: " + display_name(d) + ": " + n.message}}));
    }
    shown = std::move(now);
    std::vector<std::string> languages;
    for (const auto& f : out.findings)
      languages.push_back(out.document && f.article >= 0
                              ? out.document->articles[static_cast<size_t>(f.article)].language
                              : "");
    published_[d.uri] = {d.version, d.text, std::move(out.findings), std::move(languages),
                         out.rules};
    writer_.send_raw(body);
  }

  // How a message names a document: its file name, or its URI when it has no path.
  static std::string display_name(const Document& d) {
    if (d.path.empty()) return d.uri;
    auto slash = d.path.find_last_of('/');
    return slash == std::string::npos ? d.path : d.path.substr(slash + 1);
  }

  static std::string quoted(const std::string& s) {
    return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
  }

  static void append_position(std::string& out, const text::Position& p) {
    out += R"({"line":)" + std::to_string(p.line - 1) + R"(,"character":)" +
           std::to_string(p.utf16) + "}";
  }

  static void append_range(std::string& out, PositionCursor& at, uint32_t b, uint32_t e) {
    out += R"({"start":)";
    append_position(out, at.at(b));
    out += R"(,"end":)";
    append_position(out, at.at(e));
    out += "}";
  }

  // One diagnostic, written straight into `out` (publishes are built as text).
  void append_diagnostic(std::string& out, const report::Finding& f, PositionCursor& index,
                         const RulesPtr& rules, const std::string& uri) {
    out += R"({"range":)";
    append_range(out, index, f.span.begin, f.span.end);
    out += R"(,"severity":)" + std::to_string(lsp_severity(f.severity)) + R"(,"code":)" +
           quoted(f.rule) + R"(,"source":"tally","message":)" + quoted(f.message);
    if (auto link = link_for(rules, f.rule); !link.empty())
      out += R"(,"codeDescription":{"href":)" + quoted(link) + "}";
    if (!f.related.empty()) {  // the figures it was computed from
      out += R"(,"relatedInformation":[)";
      for (size_t i = 0; i < f.related.size(); ++i) {
        out += i ? R"(,{"location":{"uri":)" : R"({"location":{"uri":)";
        out += quoted(uri) + R"(,"range":)";
        append_range(out, index, f.related[i].span.begin, f.related[i].span.end);
        out += R"(},"message":)" + quoted(f.related[i].label) + "}";
      }
      out += "]";
    }
    if (f.fix) {
      out += R"(,"data":{"fix":{"range":)";
      append_range(out, index, f.fix->span.begin, f.fix->span.end);
      out += R"(,"newText":)" + quoted(f.fix->replacement);
      if (!f.fix->more.empty()) {  // a grouped finding: every edit, the first included
        out += R"(,"edits":[)";
        bool first = true;
        for (const auto& e : f.fix->edits()) {
          out += first ? R"({"range":)" : R"(,{"range":)";
          first = false;
          append_range(out, index, e.span.begin, e.span.end);
          out += R"(,"newText":)" + quoted(e.replacement) + "}";
        }
        out += "]";
      }
      out += "}}";
    }
    out += "}";
  }

  json diagnostic(const report::Finding& f, const text::LineIndex& index, std::string_view text,
                  const RulesPtr& rules, const std::string& uri) {
    std::string s;
    PositionCursor at(index, text);
    append_diagnostic(s, f, at, rules, uri);
    return json::parse(s);
  }

  // The rule's explanation as a URL. Cached: a page can have hundreds of findings of a few rules.
  std::string link_for(const RulesPtr& rules, const std::string& rule) {
    auto key = std::make_pair(rules, rule);
    if (auto it = links_.find(key); it != links_.end()) return it->second;
    std::string link;
    if (auto* info = rules->find(rule); info && !info->link.empty())
      // Relative links need a base (docs_base.hpp); without one they are left out.
      link = info->link.find("://") != std::string::npos ? info->link
             : options_.docs_base.empty()                ? std::string()
                                                         : options_.docs_base + info->link;
    return links_[key] = link;
  }

  // --- requests answered from what was published ----------------------------------------------

  // Whether an action of kind `kind` answers a request limited to `only` (LSP: a requested kind
  // covers itself and its sub-kinds, "source" covers "source.fixAll.tally"). No `only`: any kind.
  static bool kind_wanted(const json& only, const std::string& kind) {
    if (!only.is_array()) return true;
    for (const auto& k : only) {
      if (!k.is_string()) continue;
      const std::string want = k;
      if (kind == want || (kind.size() > want.size() && kind.compare(0, want.size(), want) == 0 &&
                           kind[want.size()] == '.'))
        return true;
    }
    return false;
  }

  // Each fix touching the range as a `quickfix`; "Apply all" as a `quickfix` too (VS Code's
  // quick-fix menu drops every other kind) when several fixes exist and one touches the range;
  // and, asked for by kind only (`source`, `source.fixAll`: fix-on-save, the Source Action
  // menu), every fix of the document as `source.fixAll.tally`, even when there is one.
  json code_actions(const json& params) {
    std::string uri = string_field(object_field(params, "textDocument", ""), "uri", "textDocument");
    auto r = range_field(params, "range", "");
    json only;  // a context or `only` of the wrong type is read as none
    if (auto c = params.find("context"); c != params.end() && c->is_object())
      if (auto o = c->find("only"); o != c->end()) only = *o;
    const bool quickfix = kind_wanted(only, "quickfix");
    const bool fix_all = only.is_array() && kind_wanted(only, "source.fixAll.tally");
    std::lock_guard lock(mu_);
    auto it = published_.find(uri);
    json actions = json::array();
    if (it == published_.end() || (!quickfix && !fix_all)) return actions;
    const auto& pub = it->second;
    text::LineIndex index(pub.text);
    size_t begin = offset_of(pub.text, r.start.line, r.start.character);
    size_t end = offset_of(pub.text, r.end.line, r.end.character);
    auto edits_json = [&](const std::vector<report::Edit>& edits) {
      json out = json::array();
      for (const auto& e : edits)
        out.push_back(
            {{"range", lsp_range(index, e.span.begin, e.span.end)}, {"newText", e.replacement}});
      return out;
    };
    std::vector<std::string> rules_here;  // rules with a fix at the range, in order met
    bool any_touches = false;
    for (const auto& f : pub.findings) {
      if (!f.fix) continue;
      bool touches = f.span.begin <= end && begin <= f.span.end;
      if (!touches || !quickfix) continue;
      any_touches = true;
      auto edits = f.fix->edits();
      std::string title =
          f.fix->more.empty()
              ? "Replace with \"" + f.fix->replacement + "\" (" + f.rule + ")"
              : "Fix all " + std::to_string(edits.size()) + " marks (" + f.rule + ")";
      actions.push_back(
          {{"title", title},
           {"kind", "quickfix"},
           {"isPreferred", true},
           {"diagnostics", json::array({diagnostic(f, index, pub.text, pub.rules, uri)})},
           {"edit", {{"changes", {{uri, edits_json(edits)}}}}}});
      if (std::find(rules_here.begin(), rules_here.end(), f.rule) == rules_here.end())
        rules_here.push_back(f.rule);
    }
    // The fixes of one rule over the whole document, then of every rule: chosen as `tally check
    // --fix` chooses them (report::plan_fixes: by position then rule id, a fix that overlaps
    // one taken is left out whole).
    for (const auto& rule : rules_here) {
      auto plan = report::plan_fixes(pub.text, pub.findings, {rule});
      if (plan.applied.size() > 1)
        actions.push_back({{"title", "Fix all " + std::to_string(plan.applied.size()) + " of " +
                                         rule + " in this document"},
                           {"kind", "quickfix"},
                           {"edit", {{"changes", {{uri, edits_json(plan.edits)}}}}}});
    }
    auto plan = report::plan_fixes(pub.text, pub.findings);
    const std::string title = "Apply all " + std::to_string(plan.applied.size()) + " tally fixes";
    if (quickfix && any_touches && plan.applied.size() > 1)
      actions.push_back({{"title", title},
                         {"kind", "quickfix"},
                         {"edit", {{"changes", {{uri, edits_json(plan.edits)}}}}}});
    if (fix_all && !plan.applied.empty())
      actions.push_back({{"title", title},
                         {"kind", "source.fixAll.tally"},
                         {"edit", {{"changes", {{uri, edits_json(plan.edits)}}}}}});
    return actions;
  }

  json hover(const json& params) {
    std::string uri = string_field(object_field(params, "textDocument", ""), "uri", "textDocument");
    auto p = position_field(params, "position", "");
    std::lock_guard lock(mu_);
    auto it = published_.find(uri);
    if (it == published_.end()) return nullptr;
    const auto& pub = it->second;
    size_t at = offset_of(pub.text, p.line, p.character);
    std::string md;
    for (size_t i = 0; i < pub.findings.size(); ++i) {
      const auto& f = pub.findings[i];
      if (at < f.span.begin || at > f.span.end) continue;
      if (!md.empty()) md += "\n\n---\n\n";
      md += "**" + f.rule + "** (" + report::severity_name(f.severity) + ")\n\n" + f.message;
      if (auto* info = pub.rules->find(f.rule)) {
        auto desc = rules::pick_language(info->description, pub.languages[i]);
        if (!desc.empty()) md += "\n\n" + desc;
      }
      if (auto link = link_for(pub.rules, f.rule); !link.empty())
        md += "\n\n[Explanation](" + link + ")";
    }
    if (md.empty()) return nullptr;
    return {{"contents", {{"kind", "markdown"}, {"value", md}}}};
  }

  // --- rule and config files on disk -----------------------------------------------------------

  void reload_all() {
    engine_->reload();
    std::vector<std::string> uris;
    {
      std::lock_guard lock(mu_);
      reported_errors_.clear();
      links_.clear();
      for (const auto& [uri, d] : docs_) uris.push_back(uri);
    }
    for (const auto& u : uris) schedule(u);
  }

  // Paths, sizes and times of every rule file and config that applies to an open document.
  std::string signature() {
    std::vector<std::string> configs;
    std::vector<std::string> folders = options_.rule_folders;
    for (const auto& f : engine_->options().rule_folders) folders.push_back(f);
    {
      std::lock_guard lock(mu_);
      for (const auto& [uri, d] : docs_)
        if (!d.path.empty()) {
          auto c = engine_->options().config_path.empty() ? config::find_config(d.path)
                                                          : engine_->options().config_path;
          if (!c.empty()) configs.push_back(c);
        }
    }
    return service::rule_files_signature(configs, folders);
  }

  void watch(std::string last) {
    std::unique_lock lock(stop_mu_);
    while (!stop_cv_.wait_for(lock, std::chrono::milliseconds(options_.poll_ms),
                              [&] { return stopping_watch_; })) {
      lock.unlock();
      std::string now = signature();
      if (now != last) {
        last = now;
        reload_all();
      }
      lock.lock();
    }
  }

  void stop() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    {
      std::lock_guard lock(stop_mu_);
      stopping_watch_ = true;
    }
    stop_cv_.notify_all();
    if (worker_.joinable()) worker_.join();
    if (watcher_.joinable()) watcher_.join();
  }

  // --- messages ---------------------------------------------------------------------------------

  static json notification(const std::string& method, json params) {
    return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
  }
  void reply(const json& id, json result) {
    writer_.send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  }
  void reply_error(const json& id, int code, const std::string& message) {
    writer_.send(
        {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }

  Writer writer_;
  ServerOptions options_;
  std::unique_ptr<service::Engine> engine_;
  std::optional<parse::Date> date_;
  std::vector<std::string> disable_;
  std::vector<std::string> enable_;  // rules off by default to turn on
  bool client_watches_ = false;
  bool initialized_ = false;
  bool shutdown_ = false;

  std::mutex mu_;  // guards everything below, up to the threads
  std::condition_variable cv_;
  std::map<std::string, Document> docs_;
  std::map<std::string, Document> lost_;  // out of sync: uri, path and language, no text
  std::map<std::string, Published> published_;
  std::set<std::string> dirty_;
  std::set<std::string> reported_errors_;
  std::map<std::string, std::set<std::string>> notified_;  // uri -> notices shown for it
  // uri -> the Lua findings of its articles at the last check, so an edit re-runs the rules on
  // the articles it touched only (rules/article_memo.hpp). Taken out while a check uses it.
  std::map<std::string, std::unique_ptr<rules::ArticleMemo>> memos_;
  std::map<std::pair<RulesPtr, std::string>, std::string> links_;  // cleared on reload
  bool stopping_ = false;

  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stopping_watch_ = false;
  std::thread worker_, watcher_;
};

}  // namespace

int serve(std::istream& in, std::ostream& out, const ServerOptions& options) {
  // Reading stdin must not flush stdout behind the Writer's lock: the worker writes
  // diagnostics while the message thread waits for input.
  in.tie(nullptr);
  Server server(out, options);
  return server.run(in);
}

}  // namespace tally::lsp
