// tally check --jsonl: an archive as JSON lines, one article per line in, one result per line
// out, in input order, in memory bounded by the thread count (not by the archive's size).
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/inputs.hpp"
#include "report/json_format.hpp"
#include "service/engine.hpp"
#include "service/ordered_map.hpp"
#include "text/line_index.hpp"

namespace tally::cli {

namespace {

using nlohmann::json;

struct Line {
  size_t number = 0;
  std::string text;
  bool too_long = false;
};

struct Result {
  std::string out;  // the result line; empty for a blank input line
  size_t line = 0;
  std::string error;  // what was wrong with a bad line
  size_t findings = 0, rule_errors = 0;
  bool bad = false;
  int worst = 0;  // 3 error, 2 warning, 1 info
};

std::string dumped(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

int rank(report::Severity s) {
  return s == report::Severity::Error ? 3 : s == report::Severity::Warning ? 2 : 1;
}

Result bad_line(size_t number, const json& id, const std::string& message, size_t offset = 0) {
  Result r;
  r.bad = true;
  r.line = number;
  r.error = message;
  r.out = dumped({{"line", number},
                  {"id", id},
                  {"error", {{"message", message}, {"offset", offset}}},
                  {"findings", json::array()}});
  return r;
}

Result check_line(service::Engine& engine, const Line& line, const std::optional<parse::Date>& date,
                  const CommonOptions& opts) {
  const auto n = line.number;
  if (line.too_long)
    return bad_line(n, nullptr, "line longer than the 8 MiB limit for one article");
  json in;
  try {
    in = json::parse(line.text);
  } catch (const json::parse_error& e) {
    return bad_line(n, nullptr, std::string("not JSON: ") + e.what(), e.byte > 0 ? e.byte - 1 : 0);
  }
  if (!in.is_object()) return bad_line(n, nullptr, "expected an object {\"id\", \"text\"}");
  json id = in.value("id", json(nullptr));
  if (!in.contains("text") || !in["text"].is_string())
    return bad_line(n, id, "'text' is required and must be a string");
  service::CheckRequest req;
  req.text = in["text"].get<std::string>();
  req.filename = in.value("filename", std::string("<jsonl>"));
  req.date = date;
  req.disable = opts.disable;
  parse::parse_input_format(opts.input_format, req.input_format);
  if (in.contains("date") && !in["date"].is_null()) {
    req.date = in["date"].is_string() ? parse::parse_iso_date(in["date"].get<std::string>())
                                      : std::nullopt;
    if (!req.date) return bad_line(n, id, "'date' must be a date as YYYY-MM-DD");
  }
  if (in.contains("language")) {
    auto lang = in["language"].is_string() ? in["language"].get<std::string>() : "?";
    if (lang != "zh" && lang != "en" && lang != "auto")
      return bad_line(n, id, "'language' must be \"zh\", \"en\" or \"auto\"");
    req.language = lang == "auto" ? "" : lang;
  }
  auto outcome = engine.check(req);
  if (outcome.input_error)
    return bad_line(n, id, "text: " + outcome.input_error->message, outcome.input_error->offset);
  Result r;
  text::LineIndex index(req.text);
  // The file's result with "id" and "line" instead of "path", written as text like the findings
  // (most of a batch run's output).
  report::append_file_json(r.out, *outcome.document, outcome.findings, outcome.rule_errors, index,
                           "\"id\":" + dumped(id) + ",\"line\":" + std::to_string(n));
  r.findings = outcome.findings.size();
  r.rule_errors = outcome.rule_errors.size();
  for (const auto& f : outcome.findings) r.worst = std::max(r.worst, rank(f.severity));
  return r;
}

}  // namespace

int run_check_jsonl(const CommonOptions& opts) {
  std::optional<parse::Date> date;
  if (!parse_date_option(opts.date, date)) return kUsage;
  std::ifstream file;
  std::istream* in = &std::cin;
  if (opts.jsonl != "-") {
    file.open(opts.jsonl, std::ios::binary);
    if (!file) {
      std::cerr << "tally: " << opts.jsonl << ": cannot open\n";
      return kUsage;
    }
    in = &file;
  }
  service::Engine engine({opts.rules, opts.config});
  auto rules = engine.rules_for("./-");
  for (const auto& e : rules->errors) print_rule_error(e);
  if (!check_disable(opts.disable, {rules})) return kUsage;

  size_t number = 0, articles = 0, findings = 0, bad = 0, rule_errors = 0;
  int worst = 0;
  // Lines are read byte by byte from the stream buffer so that a line over the limit is
  // skipped without ever being held: memory stays bounded whatever the input.
  auto* buf = in->rdbuf();
  auto next = [&](Line& line) {
    line = Line{};
    int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) return false;
    for (; c != std::char_traits<char>::eof() && c != '\n'; c = buf->sbumpc()) {
      if (line.text.size() < text::kMaxInputBytes)
        line.text.push_back(static_cast<char>(c));
      else
        line.too_long = true;
    }
    line.number = ++number;
    if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
    if (line.too_long) std::string().swap(line.text);
    return true;
  };
  auto work = [&](const Line& line) {
    // Blank lines (a trailing newline, spacing) are skipped, not errors.
    if (line.text.find_first_not_of(" \t") == std::string::npos && !line.too_long) return Result{};
    return check_line(engine, line, date, opts);
  };
  auto consume = [&](Result& r) {
    if (r.out.empty()) return;
    if (r.bad) {
      ++bad;
      std::cerr << opts.jsonl << ":" << r.line << ": error: " << r.error << "\n";
    } else {
      ++articles;
    }
    findings += r.findings;
    rule_errors += r.rule_errors;
    worst = std::max(worst, r.worst);
    std::cout << r.out << '\n';
  };
  service::ordered_map<Line, Result>(jobs_for(opts.jobs), 4 * jobs_for(opts.jobs), next, work,
                                     consume);
  std::cout.flush();
  std::cerr << "tally: " << findings << " finding" << (findings == 1 ? "" : "s") << " in "
            << articles << " article" << (articles == 1 ? "" : "s");
  if (bad) std::cerr << ", " << bad << " bad line" << (bad == 1 ? "" : "s");
  if (rule_errors + rules->errors.size())
    std::cerr << ", " << rule_errors + rules->errors.size() << " rule errors";
  std::cerr << "\n";
  if (bad || rule_errors || !rules->errors.empty()) return kUsage;
  auto threshold = rules::parse_severity(opts.fail_on).value_or(report::Severity::Info);
  return worst >= rank(threshold) ? kFindings : kClean;
}

}  // namespace tally::cli
