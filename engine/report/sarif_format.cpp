#include <nlohmann/json.hpp>

#include "findings/families.hpp"
#include "report/ci_formats.hpp"
#include "report/json_format.hpp"
#include "report/writer.hpp"
#include "text/uri.hpp"

namespace tally::report {

using nlohmann::json;

namespace {

const char* level(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "note";
  }
  return "none";
}

// A path as a relative URI reference.
std::string path_uri(const std::string& path) {
  return text::percent_encode_path(path.rfind("./", 0) == 0 ? path.substr(2) : path);
}

json region(const LocatedFinding& f) {
  return {{"startLine", f.start.line},
          {"startColumn", f.start.column},
          {"endLine", f.end.line},
          {"endColumn", f.end.column},
          {"byteOffset", f.finding.span.begin},
          {"byteLength", f.finding.span.size()}};
}

}  // namespace

void write_sarif(std::ostream& out, const std::vector<FileReport>& files,
                 const std::vector<rules::RuleInfo>& rules) {
  json driver_rules = json::array();
  std::map<std::string, size_t> index;
  for (const auto& r : rules) {
    index[r.id] = driver_rules.size();
    std::string en = rules::pick_language(r.description, "en");
    std::string zh = rules::pick_language(r.description, "zh");
    json rule = {
        {"id", r.id},
        {"shortDescription", {{"text", en.empty() ? r.id : en}}},
        {"fullDescription", {{"text", en.empty() ? r.id : en}}},
        {"help",
         {{"text", (en == zh ? en : en + "\n\n" + zh) + (r.link.empty() ? "" : "\n\n" + r.link)}}},
        {"defaultConfiguration", {{"level", level(r.severity)}}},
        // SARIF viewers group and filter rules by tags; the family is also given by name.
        {"properties",
         {{"kind", r.kind},
          {"source", r.file},
          {"family", std::string(rules::family_of(r.id))},
          {"tags", json::array({std::string(rules::family_of(r.id))})}}}};
    if (r.link.rfind("http", 0) == 0) rule["helpUri"] = r.link;
    driver_rules.push_back(std::move(rule));
  }
  json results = json::array(), notifications = json::array(), artifacts = json::array();
  bool failed = false;  // notices are notes; an unreadable file or a failing rule is not
  for (const auto& file : files) {
    std::string uri = path_uri(file.path);
    if (file.error) {
      failed = true;
      notifications.push_back(
          {{"level", "error"},
           {"message", {{"text", file.error->message}}},
           {"locations",
            {{{"physicalLocation",
               {{"artifactLocation", {{"uri", uri}}},
                {"region", {{"byteOffset", file.error->offset}, {"byteLength", 0}}}}}}}}});
      continue;
    }
    artifacts.push_back({{"location", {{"uri", uri}}}});
    failed |= !file.rule_errors.empty();
    for (const auto& n : file.notices)
      notifications.push_back(
          {{"level", "note"},
           {"message", {{"text", n.message}}},
           {"descriptor", {{"id", n.id}}},
           {"locations", {{{"physicalLocation", {{"artifactLocation", {{"uri", uri}}}}}}}},
           {"properties", {{"requirement", n.requirement}, {"rules", n.rules}}}});
    for (const auto& e : file.rule_errors)
      notifications.push_back({{"level", "error"},
                               {"message", {{"text", uri + ": " + e.str()}}},
                               {"descriptor", {{"id", e.rule.empty() ? "rule-error" : e.rule}}}});
    for (const auto& f : file.findings) {
      json loc = {
          {"physicalLocation", {{"artifactLocation", {{"uri", uri}}}, {"region", region(f)}}}};
      json r = {{"ruleId", f.finding.rule},
                {"level", level(f.finding.severity)},
                {"message", {{"text", f.finding.message}}},
                {"locations", json::array({loc})},
                // Stable across edits elsewhere in the file, as the baseline is.
                {"partialFingerprints", {{"tallyText/v1", f.finding.rule + ":" + f.line}}}};
      if (auto it = index.find(f.finding.rule); it != index.end()) r["ruleIndex"] = it->second;
      if (!f.finding.related.empty()) {  // the figures it was computed from
        json related = json::array();
        for (size_t i = 0; i < f.finding.related.size(); ++i) {
          const auto& rel = f.finding.related[i];
          related.push_back(
              {{"id", i + 1},
               {"message", {{"text", rel.label}}},
               {"physicalLocation",
                // In an edition the span may be in another file: that file's URI.
                {{"artifactLocation", {{"uri", rel.file.empty() ? uri : path_uri(rel.file)}}},
                 {"region", {{"byteOffset", rel.span.begin}, {"byteLength", rel.span.size()}}}}}});
        }
        r["relatedLocations"] = std::move(related);
      }
      if (f.finding.fix) {
        const auto& fx = *f.finding.fix;
        json replacements = json::array();
        for (const auto& e : fx.edits())  // a grouped finding's fix replaces every mark
          replacements.push_back(
              {{"deletedRegion", {{"byteOffset", e.span.begin}, {"byteLength", e.span.size()}}},
               {"insertedContent", {{"text", e.replacement}}}});
        std::string what = fx.more.empty()
                               ? "Replace with \"" + fx.replacement + "\""
                               : "Apply all " + std::to_string(replacements.size()) + " edits";
        r["fixes"] = json::array(
            {{{"description", {{"text", what}}},
              {"artifactChanges", json::array({{{"artifactLocation", {{"uri", uri}}},
                                                {"replacements", std::move(replacements)}}})}}});
      }
      results.push_back(std::move(r));
    }
  }
  json run = {
      {"tool",
       {{"driver",
         {{"name", "Tally"},
          {"version", "0.1.0"},
          {"semanticVersion", "0.1.0"},
          {"informationUri", "https://github.com/tally-news/tally"},
          {"rules", std::move(driver_rules)}}}}},
      {"columnKind", "unicodeCodePoints"},
      {"artifacts", std::move(artifacts)},
      {"results", std::move(results)},
      {"invocations", json::array({{{"executionSuccessful", !failed},
                                    {"toolExecutionNotifications", std::move(notifications)}}})}};
  json sarif = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", json::array({std::move(run)})}};
  out << dump_json(sarif, 2) << "\n";
}

namespace {

// The whole run at the end: the format has one document for all files.
class SarifWriter : public Writer {
 public:
  SarifWriter(std::ostream& out, const WriterOptions& o) : out_(out), rules_(o.rules) {}
  void file(const CheckedFile& f) override { files_.push_back(f.report); }
  void finish(const RunTotals&) override { write_sarif(out_, files_, rules_); }

 private:
  std::ostream& out_;
  std::vector<rules::RuleInfo> rules_;
  std::vector<FileReport> files_;
};

}  // namespace

std::unique_ptr<Writer> make_sarif_writer(std::ostream& out, const WriterOptions& o) {
  return std::make_unique<SarifWriter>(out, o);
}

}  // namespace tally::report
