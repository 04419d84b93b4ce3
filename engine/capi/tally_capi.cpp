// The C ABI (engine/include/tally/tally.h) over service::Engine. Every entry point catches
// everything: a C caller cannot handle a C++ exception.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "report/baseline.hpp"
#include "report/ignore_file.hpp"
#include "report/json_format.hpp"
#include "service/engine.hpp"
#include "service/fix_text.hpp"
#include "service/pdf_check.hpp"
#include "service/record.hpp"
#include "tally/tally.h"
#include "text/line_index.hpp"

struct tally_engine {
  tally::service::Engine engine;
  explicit tally_engine(tally::service::EngineOptions o) : engine(std::move(o)) {}
};

struct tally_result {
  std::vector<tally::report::Finding> findings;  // owns the strings the views point at
  std::vector<tally_finding> views;
  std::deque<std::string> joined_fixes;  // fixes of several edits, as one replacement each
  std::vector<std::string> rule_errors;
  std::string json;
  std::string text;  // what the offsets index: the text checked, or a PDF's extracted text
  struct Box {
    bool set = false;
    int page = 0;
    double box[4] = {0, 0, 0, 0};
  };
  std::vector<Box> boxes;  // per view, for a PDF's result
};

namespace {

void set_error(char** error, const std::string& message) {
  if (!error) return;
  *error = static_cast<char*>(std::malloc(message.size() + 1));
  if (*error) std::memcpy(*error, message.c_str(), message.size() + 1);
}

void clear_error(char** error) {
  if (error) *error = nullptr;
}

tally_position to_c(const tally::text::Position& p) {
  return {p.offset, p.line, p.column, p.utf16};
}

// Runs `body`, turning any exception into TALLY_E_INTERNAL with its message.
template <typename F>
tally_status guarded(char** error, F&& body) {
  clear_error(error);
  try {
    return body();
  } catch (const std::bad_alloc&) {
    set_error(error, "out of memory");
  } catch (const std::exception& e) {
    set_error(error, std::string("internal error: ") + e.what());
  } catch (...) {
    set_error(error, "internal error");
  }
  return TALLY_E_INTERNAL;
}

tally_status rule_load_status(tally::service::Engine& engine, bool allow, char** error) {
  auto set = engine.rules_for("<text>");
  if (set->errors.empty() || allow) return TALLY_OK;
  std::string msg;
  for (const auto& e : set->errors) msg += (msg.empty() ? "" : "\n") + e.str();
  set_error(error, msg);
  return TALLY_E_RULES;
}

// The options of a check into `req`.
tally_status read_options(const tally_check_options* options, tally::service::CheckRequest& req,
                          char** error) {
  if (!options) return TALLY_OK;
  if (options->filename) req.filename = options->filename;
  if (options->language) {
    req.language = options->language;
    if (req.language != "zh" && req.language != "en") {
      set_error(error, "language: '" + req.language + "' is not zh or en");
      return TALLY_E_ARGUMENT;
    }
  }
  if (options->date) {
    req.date = tally::parse::parse_iso_date(options->date);
    if (!req.date) {
      set_error(error, std::string("date: '") + options->date + "' is not YYYY-MM-DD");
      return TALLY_E_ARGUMENT;
    }
  }
  return TALLY_OK;
}

// The caller's tally_fix_options into `o`: the fields its `size` covers, the rest zero (a
// caller built against an older header knows fewer fields). NULL is every rule, no known list.
tally_status read_fix_options(const tally_fix_options* in, tally_fix_options& o, char** error) {
  o = tally_fix_options{};
  o.size = sizeof o;
  if (!in) return TALLY_OK;
  if (in->size < sizeof in->size) {
    set_error(error, "fix_options: size is " + std::to_string(in->size) +
                         "; set it to sizeof(tally_fix_options)");
    return TALLY_E_ARGUMENT;
  }
  // Whole fields only: a size ending inside one (no header's struct ever did) leaves that field
  // zero rather than copying half a pointer or length.
  const size_t ends[] = {
      offsetof(tally_fix_options, rules) + sizeof o.rules,
      offsetof(tally_fix_options, rule_count) + sizeof o.rule_count,
      offsetof(tally_fix_options, baseline) + sizeof o.baseline,
      offsetof(tally_fix_options, known) + sizeof o.known,
      offsetof(tally_fix_options, known_length) + sizeof o.known_length,
      offsetof(tally_fix_options, tally_ignore) + sizeof o.tally_ignore,
  };
  size_t covered = sizeof o.size;
  for (size_t end : ends)
    if (end <= in->size) covered = end;
  std::memcpy(&o, in, covered);
  o.size = sizeof o;
  if (o.rule_count && !o.rules) {
    set_error(error, "rules: NULL with a non-zero rule_count");
    return TALLY_E_ARGUMENT;
  }
  if (!o.known && o.known_length) {
    set_error(error, "fix_options.known: NULL with a non-zero known_length");
    return TALLY_E_ARGUMENT;
  }
  return TALLY_OK;
}

// The known list the options name for the text named `filename` (tally.h: baseline, else known,
// else the .tally-ignore that applies when tally_ignore is set), or nothing.
tally_status read_known(const tally_fix_options& o, const std::string& filename,
                        std::optional<tally::report::Baseline>& known, char** error) {
  std::string why;
  if (o.baseline) {
    known = tally::report::load_baseline(o.baseline, why);
    if (!known) set_error(error, why);
    return known ? TALLY_OK : TALLY_E_ARGUMENT;
  }
  if (o.known) {
    known = tally::report::parse_baseline(std::string_view(o.known, o.known_length), ".",
                                          "fix_options.known", why);
    if (!known) set_error(error, why);
    return known ? TALLY_OK : TALLY_E_ARGUMENT;
  }
  if (!o.tally_ignore) return TALLY_OK;
  auto path = tally::report::find_ignore_file(filename);
  if (path.empty()) return TALLY_OK;
  known = tally::report::load_baseline(path, why);
  if (!known) set_error(error, why);
  return known ? TALLY_OK : TALLY_E_CONFIG;
}

}  // namespace

extern "C" {

uint32_t tally_abi_version(void) {
  return TALLY_ABI_VERSION;
}

const char* tally_version(void) {
  return "0.1.0";
}

const char* tally_status_name(tally_status status) {
  switch (status) {
    case TALLY_OK:
      return "TALLY_OK";
    case TALLY_E_ARGUMENT:
      return "TALLY_E_ARGUMENT";
    case TALLY_E_INPUT:
      return "TALLY_E_INPUT";
    case TALLY_E_CONFIG:
      return "TALLY_E_CONFIG";
    case TALLY_E_RULES:
      return "TALLY_E_RULES";
    case TALLY_E_INTERNAL:
      return "TALLY_E_INTERNAL";
  }
  return "TALLY_E_UNKNOWN";
}

tally_status tally_engine_new(const tally_engine_options* options, tally_engine** engine,
                              char** error) {
  return guarded(error, [&] {
    if (!engine) {
      set_error(error, "engine: NULL out-pointer");
      return TALLY_E_ARGUMENT;
    }
    *engine = nullptr;
    tally::service::EngineOptions o;
    bool allow = false;
    if (options) {
      if (options->rule_folder_count && !options->rule_folders) {
        set_error(error, "rule_folders: NULL with a non-zero count");
        return TALLY_E_ARGUMENT;
      }
      for (size_t i = 0; i < options->rule_folder_count; ++i) {
        if (!options->rule_folders[i]) {
          set_error(error, "rule_folders[" + std::to_string(i) + "] is NULL");
          return TALLY_E_ARGUMENT;
        }
        o.rule_folders.emplace_back(options->rule_folders[i]);
      }
      if (options->config_path) o.config_path = options->config_path;
      o.embedded = !options->no_embedded;
      allow = options->allow_rule_errors != 0;
    }
    auto e = std::make_unique<tally_engine>(std::move(o));
    if (auto cfg = e->engine.config_error("<text>"); !cfg.empty()) {
      set_error(error, cfg);
      return TALLY_E_CONFIG;
    }
    if (auto st = rule_load_status(e->engine, allow, error); st != TALLY_OK) return st;
    *engine = e.release();
    return TALLY_OK;
  });
}

void tally_engine_free(tally_engine* engine) {
  delete engine;
}

tally_status tally_engine_reload(tally_engine* engine, char** error) {
  return guarded(error, [&] {
    if (!engine) {
      set_error(error, "engine is NULL");
      return TALLY_E_ARGUMENT;
    }
    engine->engine.reload();
    return rule_load_status(engine->engine, false, error);
  });
}

tally_status tally_fix(tally_engine* engine, const char* text, size_t length,
                       const tally_check_options* options, const char* const* rules,
                       size_t rule_count, char** fixed, size_t* fixed_length, size_t* applied,
                       char** error) {
  tally_fix_options o{};
  o.size = sizeof o;
  o.rules = rules;
  o.rule_count = rule_count;
  return tally_fix_with(engine, text, length, options, &o, fixed, fixed_length, applied, error);
}

tally_status tally_fix_with(tally_engine* engine, const char* text, size_t length,
                            const tally_check_options* options,
                            const tally_fix_options* fix_options, char** fixed,
                            size_t* fixed_length, size_t* applied, char** error) {
  return guarded(error, [&] {
    if (!engine || !fixed || !fixed_length || (!text && length)) {
      set_error(error, "engine, text, fixed or fixed_length is NULL");
      return TALLY_E_ARGUMENT;
    }
    *fixed = nullptr;
    *fixed_length = 0;
    tally_fix_options o{};
    if (auto st = read_fix_options(fix_options, o, error); st != TALLY_OK) return st;
    tally::service::CheckRequest req;
    req.text.assign(text ? text : "", length);
    if (auto st = read_options(options, req, error); st != TALLY_OK) return st;
    auto src = tally::text::make_source(req.filename, req.text);
    if (!src.source) {
      set_error(error, src.error->path + ": " + src.error->message + " (offset " +
                           std::to_string(src.error->offset) + ")");
      return TALLY_E_INPUT;
    }
    std::optional<tally::report::Baseline> known;
    if (auto st = read_known(o, req.filename, known, error); st != TALLY_OK) return st;
    std::vector<std::string> only;
    for (size_t i = 0; i < o.rule_count; ++i) only.emplace_back(o.rules[i] ? o.rules[i] : "");
    auto run = tally::service::fix_text(engine->engine, *src.source, req, only, nullptr,
                                        known ? &*known : nullptr);
    if (run.last.input_error) {
      set_error(error, run.last.input_error->path + ": " + run.last.input_error->message);
      return TALLY_E_CONFIG;
    }
    *fixed = static_cast<char*>(std::malloc(run.bytes.size() + 1));
    if (!*fixed) throw std::bad_alloc();
    std::memcpy(*fixed, run.bytes.c_str(), run.bytes.size() + 1);
    *fixed_length = run.bytes.size();
    if (applied) *applied = run.fixes;
    return TALLY_OK;
  });
}

}  // extern "C"

namespace {

// A check's outcome as a result: its findings (the offsets index `text`), JSON and, for a PDF,
// each finding's box. A PDF's input errors are about the file, not a byte of it: no offset.
tally_status make_result(tally::service::CheckOutcome out, const std::string& text, bool pdf,
                         tally_result** result, char** error) {
  if (out.input_error) {
    bool config = out.input_error->message.rfind("config: ", 0) == 0;
    std::string msg = out.input_error->path + ": " + out.input_error->message;
    if (!config && !pdf) msg += " (offset " + std::to_string(out.input_error->offset) + ")";
    set_error(error, msg);
    return config ? TALLY_E_CONFIG : TALLY_E_INPUT;
  }
  auto r = std::make_unique<tally_result>();
  r->text = text;
  const std::string& checked = r->text;
  r->findings = std::move(out.findings);
  for (const auto& e : out.rule_errors) r->rule_errors.push_back(e.str());
  if (out.document) {
    tally::text::LineIndex index(checked);
    tally::report::append_file_json(r->json, *out.document, r->findings, out.rule_errors,
                                    out.notices, index);
    for (const auto& l : tally::report::locate(r->findings, index)) {
      const auto& f = *l.finding;
      tally_finding v{};
      v.rule = f.rule.c_str();
      v.severity = tally::report::severity_name(f.severity);
      v.message = f.message.c_str();
      v.offset = f.span.begin;
      v.length = f.span.size();
      v.start = to_c(l.start);
      v.end = to_c(l.end);
      if (f.fix && f.fix->more.empty()) {
        v.fix = f.fix->replacement.c_str();
        v.fix_offset = f.fix->span.begin;
        v.fix_length = f.fix->span.size();
      } else if (f.fix) {
        // Several edits (a grouped finding): one replacement of their extent, the text
        // between them carried along, so the struct's one fix still applies all of them.
        auto extent = f.fix->extent();
        std::string value;
        size_t at = extent.begin;
        for (const auto& e : f.fix->edits()) {
          value.append(checked, at, e.span.begin - at);
          value += e.replacement;
          at = e.span.end;
        }
        v.fix = r->joined_fixes.emplace_back(std::move(value)).c_str();
        v.fix_offset = extent.begin;
        v.fix_length = extent.size();
      }
      r->views.push_back(v);
      tally_result::Box b;
      if (auto sb = out.document->box_of(f.span); sb && !out.document->placed.empty()) {
        auto round = [](double x) { return std::round(x * 10) / 10; };
        b = {true, sb->page, {round(sb->x0), round(sb->y0), round(sb->x1), round(sb->y1)}};
      }
      r->boxes.push_back(b);
    }
  } else {  // ignored by the config: an empty result
    r->json = tally::report::dump_json(nlohmann::json{{"path", out.path},
                                                      {"error", nullptr},
                                                      {"ignored", true},
                                                      {"findings", nlohmann::json::array()},
                                                      {"rule_errors", nlohmann::json::array()}});
  }
  *result = r.release();
  return TALLY_OK;
}

}  // namespace

extern "C" {

tally_status tally_check(tally_engine* engine, const char* text, size_t length,
                         const tally_check_options* options, tally_result** result, char** error) {
  return guarded(error, [&] {
    if (!engine || !result || (!text && length)) {
      set_error(error, "engine, text or result is NULL");
      return TALLY_E_ARGUMENT;
    }
    *result = nullptr;
    tally::service::CheckRequest req;
    req.text.assign(text ? text : "", length);
    if (auto st = read_options(options, req, error); st != TALLY_OK) return st;
    return make_result(engine->engine.check(req), req.text, false, result, error);
  });
}

tally_status tally_check_pdf(tally_engine* engine, const char* data, size_t length,
                             const tally_check_options* options, tally_result** result,
                             char** error) {
  return guarded(error, [&] {
    if (!engine || !result || (!data && length)) {
      set_error(error, "engine, data or result is NULL");
      return TALLY_E_ARGUMENT;
    }
    *result = nullptr;
    tally::service::CheckRequest req;
    req.filename = "<pdf>";
    if (auto st = read_options(options, req, error); st != TALLY_OK) return st;
    auto run =
        tally::service::check_pdf(engine->engine, std::string_view(data ? data : "", length), req);
    return make_result(std::move(run.outcome), run.text, true, result, error);
  });
}

tally_status tally_check_record(tally_engine* engine, const char* line, size_t length,
                                const tally_check_options* options, char** result_json,
                                char** error) {
  return guarded(error, [&] {
    if (!engine || !result_json || (!line && length)) {
      set_error(error, "engine, line or result_json is NULL");
      return TALLY_E_ARGUMENT;
    }
    *result_json = nullptr;
    tally::service::CheckRequest defaults;
    if (auto st = read_options(options, defaults, error); st != TALLY_OK) return st;
    auto r = tally::service::check_record(engine->engine,
                                          std::string_view(line ? line : "", length), defaults, 0);
    if (r.json.empty()) return TALLY_OK;  // a blank line
    *result_json = static_cast<char*>(std::malloc(r.json.size() + 1));
    if (!*result_json) throw std::bad_alloc();
    std::memcpy(*result_json, r.json.c_str(), r.json.size() + 1);
    return TALLY_OK;
  });
}

const char* tally_result_text(const tally_result* result, size_t* length) {
  if (length) *length = result ? result->text.size() : 0;
  return result ? result->text.c_str() : nullptr;
}

int tally_result_finding_box(const tally_result* result, size_t index, int* page, double box[4]) {
  if (!result || index >= result->boxes.size() || !result->boxes[index].set) return 0;
  const auto& b = result->boxes[index];
  if (page) *page = b.page;
  if (box)
    for (int k = 0; k < 4; ++k) box[k] = b.box[k];
  return 1;
}

size_t tally_result_count(const tally_result* result) {
  return result ? result->views.size() : 0;
}

const tally_finding* tally_result_finding(const tally_result* result, size_t index) {
  if (!result || index >= result->views.size()) return nullptr;
  return &result->views[index];
}

const char* tally_result_json(const tally_result* result) {
  return result ? result->json.c_str() : nullptr;
}

size_t tally_result_rule_error_count(const tally_result* result) {
  return result ? result->rule_errors.size() : 0;
}

const char* tally_result_rule_error(const tally_result* result, size_t index) {
  if (!result || index >= result->rule_errors.size()) return nullptr;
  return result->rule_errors[index].c_str();
}

void tally_result_free(tally_result* result) {
  delete result;
}

void tally_string_free(char* s) {
  std::free(s);
}

}  // extern "C"
