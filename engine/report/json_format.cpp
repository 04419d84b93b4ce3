#include "report/json_format.hpp"

#include <cmath>

#include "findings/families.hpp"
#include "report/writer.hpp"

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

void append_json_string(std::string& out, std::string_view s) {
  out += json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

namespace {

// Keys in the order nlohmann's object (a std::map) prints them.
void append_position(std::string& out, const text::Position& p) {
  out += "{\"column\":";
  out += std::to_string(p.column);
  out += ",\"line\":";
  out += std::to_string(p.line);
  out += ",\"offset\":";
  out += std::to_string(p.offset);
  out += ",\"utf16\":";
  out += std::to_string(p.utf16);
  out += '}';
}

void append_span(std::string& out, const text::Position& start, const text::Position& end) {
  out += "{\"end\":";
  append_position(out, end);
  out += ",\"start\":";
  append_position(out, start);
  out += '}';
}

}  // namespace

void append_findings_json(std::string& out, const std::vector<Finding>& findings,
                          const text::LineIndex& index, const OtherFiles* others,
                          const parse::Document* doc) {
  out += '[';
  bool first = true;
  for (const auto& l : locate(findings, index)) {
    const auto& f = *l.finding;
    if (!first) out += ',';
    first = false;
    out += "{\"article\":";
    out += f.article >= 0 ? std::to_string(f.article + 1) : "null";
    out += ",\"fix\":";
    if (f.fix) {
      out += '{';
      if (!f.fix->more.empty()) {
        out += "\"edits\":[";
        bool first_edit = true;
        for (const auto& e : f.fix->edits()) {
          if (!first_edit) out += ',';
          first_edit = false;
          out += "{\"replacement\":";
          append_json_string(out, e.replacement);
          out += ",\"span\":";
          append_span(out, index.position(e.span.begin), index.position(e.span.end));
          out += '}';
        }
        out += "],";
      }
      out += "\"replacement\":";
      append_json_string(out, f.fix->replacement);
      out += ",\"span\":";
      append_span(out, index.position(f.fix->span.begin), index.position(f.fix->span.end));
      out += '}';
    } else {
      out += "null";
    }
    out += ",\"message\":";
    append_json_string(out, f.message);
    if (auto pdf = pdf_json(doc, f.span); !pdf.is_null()) {
      out += ",\"pdf\":";
      out += dump_json(pdf);
    }
    if (!f.related.empty()) {
      out += ",\"related\":[";
      for (size_t i = 0; i < f.related.size(); ++i) {
        const auto& r = f.related[i];
        out += i ? ",{" : "{";
        if (!r.file.empty()) {  // another file of the edition
          out += "\"file\":";
          append_json_string(out, r.file);
          out += ',';
        }
        out += "\"label\":";
        append_json_string(out, r.label);
        if (auto pdf = r.file.empty() ? pdf_json(doc, r.span) : nullptr; !pdf.is_null()) {
          out += ",\"pdf\":";
          out += dump_json(pdf);
        }
        out += ",\"span\":";
        auto in = file_of(r, {{}, &index}, others);
        if (in.index)
          append_span(out, in.index->position(r.span.begin), in.index->position(r.span.end));
        else
          out += "null";
        out += '}';
      }
      out += ']';
    }
    out += ",\"rule\":";
    append_json_string(out, f.rule);
    out += ",\"severity\":\"";
    out += severity_name(f.severity);
    out += "\",\"span\":";
    append_span(out, l.start, l.end);
    out += '}';
  }
  out += ']';
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

// Keys in the order nlohmann prints them (sorted): `before` holds the members that sort between
// "findings" and "notices" ("id", "line"), `after` those between "notices" and
// "publication_date" ("path"); each is `"key":value` pairs, comma-separated, or empty.
void append_file_object(std::string& out, const parse::Document& doc,
                        const std::vector<Finding>& findings,
                        const std::vector<rules::RuleError>& rule_errors,
                        const std::vector<Notice>& notices, const text::LineIndex& index,
                        std::string_view before, std::string_view after,
                        const OtherFiles* others = nullptr) {
  out += "{\"articles\":";
  out += std::to_string(doc.articles.size());
  out += ",\"error\":null,\"findings\":";
  append_findings_json(out, findings, index, others, &doc);
  out += ',';
  if (!before.empty()) {
    out += before;
    out += ',';
  }
  out += "\"notices\":";
  out += dump_json(notices_json(notices));
  if (!after.empty()) {
    out += ',';
    out += after;
  }
  out += ",\"publication_date\":";
  if (doc.publication_date)
    append_json_string(out, doc.publication_date->iso());
  else
    out += "null";
  out += ",\"rule_errors\":";
  out += dump_json(rule_errors_json(rule_errors));
  out += '}';
}

}  // namespace

void append_file_json(std::string& out, const parse::Document& doc,
                      const std::vector<Finding>& findings,
                      const std::vector<rules::RuleError>& rule_errors,
                      const std::vector<Notice>& notices, const text::LineIndex& index,
                      const OtherFiles* others) {
  std::string path = "\"path\":";
  append_json_string(path, doc.path);
  append_file_object(out, doc, findings, rule_errors, notices, index, {}, path, others);
}

void append_record_json(std::string& out, const parse::Document& doc,
                        const std::vector<Finding>& findings,
                        const std::vector<rules::RuleError>& rule_errors,
                        const std::vector<Notice>& notices, const text::LineIndex& index,
                        std::string_view id_json, size_t line) {
  std::string before = "\"id\":";
  before += id_json;
  if (line > 0) before += ",\"line\":" + std::to_string(line);
  append_file_object(out, doc, findings, rule_errors, notices, index, before, {});
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
    // The entry without its findings, a marker in their place ("articles" and "error", the
    // members before "findings", hold no string here), then the findings one by one.
    json entry = file_json(*f.document, {}, r.rule_errors, r.notices, *f.index, f.others);
    entry["findings"] = kMarker;
    std::string head;
    {
      nlohmann::detail::serializer<json> s(nlohmann::detail::output_adapter<char>(head), ' ',
                                           json::error_handler_t::replace);
      s.dump(entry, true, false, 2, 4);
    }
    const std::string marker = "\"\\u0001findings\\u0001\"";
    size_t at = head.find(marker);
    out_.write(head.data(), static_cast<std::streamsize>(at));
    auto findings = findings_of(r);
    auto located = locate(findings, *f.index);
    if (located.empty()) {
      out_ << "[]";
    } else {
      out_ << "[\n";
      for (size_t i = 0; i < located.size(); ++i) {
        out_ << "        ";
        write_.dump(finding_json(located[i], *f.index, f.others, f.document), true, false, 2, 8);
        out_ << (i + 1 < located.size() ? ",\n" : "\n");
      }
      out_ << "      ]";
    }
    out_ << std::string_view(head).substr(at + marker.size());
  }

  void finish(const RunTotals& t) override {
    out_ << (files_ ? "\n  ],\n  \"summary\": " : "{\n  \"files\": [],\n  \"summary\": ");
    write_.dump(summary_json(t, notices_), true, false, 2, 2);
    out_ << ",\n  \"version\": " << kJsonSchemaVersion << "\n}\n";
  }

 private:
  static constexpr const char* kMarker = "\001findings\001";
  std::ostream& out_;
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
    if (r.error)
      line = dump_json(input_error_json(*r.error));
    else
      append_file_json(line, *f.document, findings_of(r), r.rule_errors, r.notices, *f.index,
                       f.others);
    out_ << line << '\n';
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
