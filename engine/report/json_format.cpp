#include "report/json_format.hpp"

#include <algorithm>
#include <cmath>

#include "findings/families.hpp"
#include "report/json_text.hpp"
#include "report/writer.hpp"
#include "text/utf8.hpp"

namespace tally::report {

using nlohmann::json;

json position_json(const text::Position& p) {
  return {{"offset", p.offset}, {"line", p.line}, {"column", p.column}, {"utf16", p.utf16}};
}

json span_json(Span s, const text::LineIndex& index) {
  return {{"start", position_json(index.position(s.begin))},
          {"end", position_json(index.position(s.end))}};
}

namespace {
// Where a finding on a PDF sits: its page and box in PDF points from the page's top left.
json pdf_json(const parse::Document* doc, Span span) {
  if (!doc || doc->placed.empty()) return nullptr;
  auto b = doc->box_of(span);
  if (!b) return nullptr;
  auto r = [](double v) { return std::round(v * 10) / 10; };
  return {{"page", b->page}, {"bbox", {r(b->x0), r(b->y0), r(b->x1), r(b->y1)}}};
}
}  // namespace

namespace {

// One finding of findings_json.
json finding_json(const Located& l, const text::LineIndex& index, const OtherFiles* others,
                  const parse::Document* doc) {
  const auto& f = *l.finding;
  json j = {{"rule", f.rule},
            {"severity", severity_name(f.severity)},
            {"message", f.message},
            {"span", {{"start", position_json(l.start)}, {"end", position_json(l.end)}}},
            {"article", f.article >= 0 ? json(f.article + 1) : json(nullptr)}};
  if (f.fix) {
    j["fix"] = {{"span", span_json(f.fix->span, index)}, {"replacement", f.fix->replacement}};
    // A fix of several edits lists them all; `span`/`replacement` stay the first.
    if (!f.fix->more.empty()) {
      json edits = json::array();
      for (const auto& e : f.fix->edits())
        edits.push_back({{"span", span_json(e.span, index)}, {"replacement", e.replacement}});
      j["fix"]["edits"] = std::move(edits);
    }
  } else
    j["fix"] = nullptr;
  if (!f.related.empty()) {
    json related = json::array();
    for (const auto& r : f.related) {
      auto in = file_of(r, {{}, &index}, others);
      json one = {{"label", r.label},
                  {"span", in.index ? span_json(r.span, *in.index) : json(nullptr)}};
      if (!r.file.empty())
        one["file"] = r.file;  // another file of the edition
      else if (auto pdf = pdf_json(doc, r.span); !pdf.is_null())
        one["pdf"] = std::move(pdf);
      related.push_back(std::move(one));
    }
    j["related"] = std::move(related);
  }
  if (auto pdf = pdf_json(doc, f.span); !pdf.is_null()) j["pdf"] = std::move(pdf);
  return j;
}

}  // namespace

json findings_json(const std::vector<Finding>& findings, const text::LineIndex& index,
                   const OtherFiles* others, const parse::Document* doc) {
  json arr = json::array();
  for (const auto& l : locate(findings, index)) arr.push_back(finding_json(l, index, others, doc));
  return arr;
}

std::string dump_json(const json& j, int indent) {
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

namespace {

void write_position(JsonText& w, const text::Position& p) {
  w.begin_object();
  w.key("column");
  w.number(p.column);
  w.key("line");
  w.number(p.line);
  w.key("offset");
  w.number(p.offset);
  w.key("utf16");
  w.number(p.utf16);
  w.end_object();
}

void write_span(JsonText& w, const text::Position& start, const text::Position& end) {
  w.begin_object();
  w.key("end");
  write_position(w, end);
  w.key("start");
  write_position(w, start);
  w.end_object();
}

// The positions of a fix's offsets. With the file's bytes, each is walked on from the one
// before when on the same line (a grouped fix has hundreds of edits on a page, in file order,
// and a look-up walks from the line's start or the last checkpoint); else, and for an offset
// before the last, the index's look-up. Both count the same characters: the walk steps as
// LineIndex::position does, from a place that walk passes through.
class Positions {
 public:
  Positions(const text::LineIndex& index, std::string_view bytes) : index_(index), bytes_(bytes) {}

  text::Position operator()(uint32_t offset) {
    if (bytes_.empty()) return index_.position(offset);
    offset = std::min<uint32_t>(offset, static_cast<uint32_t>(bytes_.size()));
    bool same_line =
        walk_.line > 1 && offset >= walk_.pos &&
        (walk_.line == index_.line_count() || offset < index_.line_start(walk_.line + 1));
    if (!same_line) {
      auto p = index_.position(offset);
      // A walk stops on every byte that starts a character (it steps over continuation bytes
      // only): from there it can go on. Line 1 may start after a byte order mark: looked up.
      bool starts_char =
          offset == bytes_.size() || (static_cast<unsigned char>(bytes_[offset]) & 0xC0) != 0x80;
      walk_ = starts_char && p.line > 1 ? Walk{p.line, offset, p.column, p.utf16} : Walk{};
      return p;
    }
    while (walk_.pos < offset) {
      auto d = text::decode_at(bytes_, walk_.pos);
      ++walk_.column;
      walk_.utf16 += (d.size && d.cp > 0xFFFF) ? 2 : 1;
      walk_.pos += d.size ? static_cast<uint32_t>(d.size) : 1;
    }
    return {offset, walk_.line, walk_.column, walk_.utf16};
  }

 private:
  struct Walk {
    uint32_t line = 0, pos = 0, column = 0, utf16 = 0;
  };
  const text::LineIndex& index_;
  std::string_view bytes_;
  Walk walk_;
};

void write_edit(JsonText& w, Span span, const std::string& replacement, Positions& at) {
  w.begin_object();
  w.key("replacement");
  w.string(replacement);
  w.key("span");
  auto begin = at(span.begin);
  write_span(w, begin, at(span.end));
  w.end_object();
}

// One finding as finding_json builds it, members in its order (sorted).
// `bytes`: the file's, or empty (positions then looked up one by one).
void write_finding(JsonText& w, const Finding& f, const text::Position& start,
                   const text::Position& end, const text::LineIndex& index,
                   const OtherFiles* others, const parse::Document* doc,
                   std::string_view bytes = {}) {
  w.begin_object();
  w.key("article");
  if (f.article >= 0)
    w.number(f.article + 1);
  else
    w.null();
  w.key("fix");
  if (f.fix) {
    w.begin_object();
    // A fix of several edits lists them all; `span`/`replacement` stay the first.
    if (!f.fix->more.empty()) {
      w.key("edits");
      w.begin_array();
      Positions at(index, bytes);
      write_edit(w, f.fix->span, f.fix->replacement, at);
      for (const auto& e : f.fix->more) write_edit(w, e.span, e.replacement, at);
      w.end_array();
    }
    w.key("replacement");
    w.string(f.fix->replacement);
    w.key("span");
    write_span(w, index.position(f.fix->span.begin), index.position(f.fix->span.end));
    w.end_object();
  } else {
    w.null();
  }
  w.key("message");
  w.string(f.message);
  if (auto pdf = pdf_json(doc, f.span); !pdf.is_null()) {
    w.key("pdf");
    w.value(pdf);
  }
  if (!f.related.empty()) {
    w.key("related");
    w.begin_array();
    for (const auto& r : f.related) {
      w.begin_object();
      if (!r.file.empty()) {  // another file of the edition
        w.key("file");
        w.string(r.file);
      }
      w.key("label");
      w.string(r.label);
      if (auto pdf = r.file.empty() ? pdf_json(doc, r.span) : nullptr; !pdf.is_null()) {
        w.key("pdf");
        w.value(pdf);
      }
      w.key("span");
      auto in = file_of(r, {{}, &index}, others);
      if (in.index)
        write_span(w, in.index->position(r.span.begin), in.index->position(r.span.end));
      else
        w.null();
      w.end_object();
    }
    w.end_array();
  }
  w.key("rule");
  w.string(f.rule);
  w.key("severity");
  w.string(severity_name(f.severity));
  w.key("span");
  write_span(w, start, end);
  w.end_object();
}

void write_notices(JsonText& w, const std::vector<Notice>& notices) {
  w.begin_array();
  for (const auto& n : notices) {
    w.begin_object();
    w.key("id");
    w.string(n.id);
    w.key("message");
    w.string(n.message);
    w.key("requirement");
    w.string(n.requirement);
    w.key("rules");
    w.begin_array();
    for (const auto& r : n.rules) w.string(r);
    w.end_array();
    w.end_object();
  }
  w.end_array();
}

void write_rule_errors(JsonText& w, const std::vector<rules::RuleError>& errors) {
  w.begin_array();
  for (const auto& e : errors) {
    w.begin_object();
    w.key("file");
    w.string(e.file);
    w.key("line");
    if (e.line)
      w.number(e.line);
    else
      w.null();
    w.key("message");
    w.string(e.message);
    w.key("rule");
    w.string(e.rule);
    w.end_object();
  }
  w.end_array();
}

}  // namespace

void append_findings_json(std::string& out, const std::vector<Finding>& findings,
                          const text::LineIndex& index, const OtherFiles* others,
                          const parse::Document* doc) {
  JsonText w(out);
  w.begin_array();
  for (const auto& f : findings)
    write_finding(w, f, index.position(f.span.begin), index.position(f.span.end), index, others,
                  doc);
  w.end_array();
}

json rule_errors_json(const std::vector<rules::RuleError>& errors) {
  json arr = json::array();
  for (const auto& e : errors)
    arr.push_back({{"rule", e.rule},
                   {"file", e.file},
                   {"line", e.line ? json(e.line) : json(nullptr)},
                   {"message", e.message}});
  return arr;
}

json notices_json(const std::vector<Notice>& notices) {
  json arr = json::array();
  for (const auto& n : notices)
    arr.push_back(
        {{"id", n.id}, {"requirement", n.requirement}, {"message", n.message}, {"rules", n.rules}});
  return arr;
}

json file_json(const parse::Document& doc, const std::vector<Finding>& findings,
               const std::vector<rules::RuleError>& rule_errors, const std::vector<Notice>& notices,
               const text::LineIndex& index, const OtherFiles* others) {
  return {{"path", doc.path},
          {"error", nullptr},
          {"articles", doc.articles.size()},
          {"publication_date",
           doc.publication_date ? json(doc.publication_date->iso()) : json(nullptr)},
          {"findings", findings_json(findings, index, others, &doc)},
          {"notices", notices_json(notices)},
          {"rule_errors", rule_errors_json(rule_errors)}};
}

namespace {

// A file's entry (file_json) with its findings written by `findings`, members in nlohmann's
// order: a --jsonl record has "id" (`id_json`, already JSON) and "line" (0: none) where a
// file has "path".
template <typename Findings>
void write_file_entry(JsonText& w, const parse::Document& doc, Findings&& findings,
                      const std::vector<rules::RuleError>& rule_errors,
                      const std::vector<Notice>& notices, bool with_path, std::string_view id_json,
                      size_t line) {
  w.begin_object();
  w.key("articles");
  w.number(static_cast<int64_t>(doc.articles.size()));
  w.key("error");
  w.null();
  w.key("findings");
  findings();
  if (!id_json.empty()) {
    w.key("id");
    w.raw(id_json);
  }
  if (line > 0) {
    w.key("line");
    w.number(static_cast<int64_t>(line));
  }
  w.key("notices");
  write_notices(w, notices);
  if (with_path) {
    w.key("path");
    w.string(doc.path);
  }
  w.key("publication_date");
  if (doc.publication_date)
    w.string(doc.publication_date->iso());
  else
    w.null();
  w.key("rule_errors");
  write_rule_errors(w, rule_errors);
  w.end_object();
}

void append_file_object(std::string& out, const parse::Document& doc,
                        const std::vector<Finding>& findings,
                        const std::vector<rules::RuleError>& rule_errors,
                        const std::vector<Notice>& notices, const text::LineIndex& index,
                        bool with_path, std::string_view id_json, size_t line,
                        const OtherFiles* others = nullptr) {
  JsonText w(out);
  auto all = [&] {
    w.begin_array();
    for (const auto& f : findings)
      write_finding(w, f, index.position(f.span.begin), index.position(f.span.end), index, others,
                    &doc);
    w.end_array();
  };
  write_file_entry(w, doc, all, rule_errors, notices, with_path, id_json, line);
}

}  // namespace

void append_file_json(std::string& out, const parse::Document& doc,
                      const std::vector<Finding>& findings,
                      const std::vector<rules::RuleError>& rule_errors,
                      const std::vector<Notice>& notices, const text::LineIndex& index,
                      const OtherFiles* others) {
  append_file_object(out, doc, findings, rule_errors, notices, index, true, {}, 0, others);
}

void append_record_json(std::string& out, const parse::Document& doc,
                        const std::vector<Finding>& findings,
                        const std::vector<rules::RuleError>& rule_errors,
                        const std::vector<Notice>& notices, const text::LineIndex& index,
                        std::string_view id_json, size_t line) {
  append_file_object(out, doc, findings, rule_errors, notices, index, false, id_json, line);
}

json family_json(std::string_view id) {
  return {{"id", std::string(id)},
          {"name", {{"zh", rules::family_name(id, "zh")}, {"en", rules::family_name(id, "en")}}}};
}

json rule_info_json(const rules::RuleInfo& r, const rules::CheckSettings& settings) {
  auto sev = settings.severity.find(r.id);
  return {{"id", r.id},
          {"severity", severity_name(sev != settings.severity.end() ? sev->second : r.severity)},
          {"kind", r.kind},
          {"file", r.file},
          {"line", r.line},
          {"enabled", rules::rule_enabled(r, settings)},
          {"description", r.description},
          {"link", r.link},
          {"requires", r.needs},
          {"family", family_json(rules::family_of(r.id))},
          {"default", r.default_off    ? "off"
                      : r.default_hint ? "hint"
                                       : "on"},
          {"default_reason", r.default_reason}};
}

json input_error_json(const text::InputError& e) {
  return {{"path", e.path},
          {"error", {{"message", e.message}, {"offset", e.offset}}},
          {"findings", json::array()}};
}

json document_json(const parse::Document& doc, const text::LineIndex& index) {
  json j = {{"path", doc.path}, {"format", parse::format_name(doc.format)}};
  j["publication_date"] = doc.publication_date ? json(doc.publication_date->iso()) : json(nullptr);
  j["date_source"] = doc.date_source.empty() ? json(nullptr) : json(doc.date_source);
  if (doc.header) {
    const auto& h = *doc.header;
    j["page_header"] = {{"span", span_json(h.span, index)},
                        {"date", h.date ? json(h.date->iso()) : json(nullptr)},
                        {"page", h.page},
                        {"section", h.section},
                        {"editors", h.editors}};
  } else {
    j["page_header"] = nullptr;
  }
  json arts = json::array();
  for (const auto& a : doc.articles) {
    json blocks = json::array();
    for (const auto& b : a.blocks) {
      json jb = {{"type", parse::block_type_name(b.type)},
                 {"span", span_json(b.span, index)},
                 {"text", b.text.text}};
      if (!b.pieces.empty()) {
        json pieces = json::array();
        for (auto p : b.pieces) pieces.push_back(span_json(p, index));
        jb["pieces"] = std::move(pieces);
      }
      json repairs = json::array();
      for (const auto& r : b.text.repairs)
        repairs.push_back({{"kind", text::repair_kind_name(r.kind)},
                           {"span", span_json(r.original, index)},
                           {"repaired", r.repaired}});
      jb["repairs"] = std::move(repairs);
      blocks.push_back(std::move(jb));
    }
    arts.push_back({{"headline", a.headline},
                    {"language", a.language},
                    {"confidence", a.confidence},
                    {"uncertain", a.uncertain},
                    {"notes", a.notes},
                    {"span", span_json(a.extent(), index)},
                    {"blocks", std::move(blocks)}});
  }
  j["articles"] = std::move(arts);
  return j;
}

json summary_json(const RunTotals& t, size_t notices) {
  json severities = json::object();
  for (auto s : {Severity::Error, Severity::Warning, Severity::Info})
    severities[severity_name(s)] = t.by_severity[static_cast<int>(s)];
  json rules = json::object();
  for (const auto& [id, n] : t.by_rule) rules[id] = n;
  return {{"files", t.files},
          {"findings", t.findings},
          {"by_severity", std::move(severities)},
          {"by_rule", std::move(rules)},
          {"baseline", t.baseline},
          {"input_errors", t.errors},
          {"rule_errors", t.rule_errors},
          {"notices", notices}};
}

namespace {

// One object for the run: every file's entry, then the summary, written as nlohmann's dump(2)
// of the whole would print it (keys sorted: "files", "summary", "version") but one file and
// one finding at a time: a document of 18,000 findings held as one json value took 64 MB.
class JsonWriter : public Writer {
 public:
  explicit JsonWriter(std::ostream& out)
      : out_(out),
        write_(nlohmann::detail::output_adapter<char>(out), ' ', json::error_handler_t::replace) {}

  void file(const CheckedFile& f) override {
    out_ << (files_ ? ",\n    " : "{\n  \"files\": [\n    ");
    ++files_;
    const auto& r = f.report;
    if (r.error) {
      write_.dump(input_error_json(*r.error), true, false, 2, 4);
      return;
    }
    notices_ += r.notices.size();
    // Written as text straight from the located findings, a piece at a time: a document of
    // 18,000 findings held as one json value took 64 MB.
    JsonText w(buf_, 2, 4);
    auto all = [&] {
      w.begin_array();
      for (const auto& l : r.findings) {
        write_finding(w, l.finding, l.start, l.end, *f.index, f.others, f.document, f.bytes);
        if (buf_.size() >= kFlushBytes) flush();
      }
      w.end_array();
    };
    write_file_entry(w, *f.document, all, r.rule_errors, r.notices, true, {}, 0);
    flush();
  }

  void finish(const RunTotals& t) override {
    out_ << (files_ ? "\n  ],\n  \"summary\": " : "{\n  \"files\": [],\n  \"summary\": ");
    write_.dump(summary_json(t, notices_), true, false, 2, 2);
    out_ << ",\n  \"version\": " << kJsonSchemaVersion << "\n}\n";
  }

 private:
  void flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }
  static constexpr size_t kFlushBytes = 1 << 16;
  std::ostream& out_;
  std::string buf_;
  nlohmann::detail::serializer<json> write_;
  size_t files_ = 0;
  size_t notices_ = 0;
};

// The same entries, one line each, written as each file is done (for large runs and jq).
class JsonLinesWriter : public Writer {
 public:
  explicit JsonLinesWriter(std::ostream& out) : out_(out) {}

  void file(const CheckedFile& f) override {
    const auto& r = f.report;
    std::string line;
    if (r.error) {
      line = dump_json(input_error_json(*r.error));
    } else {
      JsonText w(line);
      auto all = [&] {
        w.begin_array();
        for (const auto& l : r.findings)
          write_finding(w, l.finding, l.start, l.end, *f.index, f.others, f.document, f.bytes);
        w.end_array();
      };
      write_file_entry(w, *f.document, all, r.rule_errors, r.notices, true, {}, 0);
    }
    line += '\n';
    out_ << line;
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<Writer> make_json_writer(std::ostream& out, const WriterOptions&) {
  return std::make_unique<JsonWriter>(out);
}

std::unique_ptr<Writer> make_jsonl_writer(std::ostream& out, const WriterOptions&) {
  return std::make_unique<JsonLinesWriter>(out);
}

}  // namespace tally::report
