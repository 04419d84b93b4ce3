#include "report/text_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>

#include "report/writer.hpp"
#include "text/utf8.hpp"

namespace tally::report {

namespace {

int width_of(std::string_view s) {
  int w = 0;
  for (size_t i = 0; i < s.size();) {
    auto d = text::decode_at(s, i);
    w += d.cp == '\t' ? 1 : text::display_width(d.cp);
    i += d.size ? d.size : 1;
  }
  return w;
}

std::string one_line(std::string_view s, size_t max_chars) {
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < s.size() && n < max_chars; ++n) {
    auto d = text::decode_at(s, i);
    uint32_t len = d.size ? d.size : 1;
    if (d.cp == '\n' || d.cp == '\r')
      out += "⏎";
    else
      out.append(s.substr(i, len));
    i += len;
  }
  if (n >= max_chars && out.size() < s.size()) out += "…";
  return out;
}

// ANSI SGR sequences, as compilers and linters colour a terminal: the place bold, the severity
// in its colour (and the carets under the text), the rule id dim, a fix green.
struct Style {
  bool on;
  std::string paint(std::string_view text, const char* sgr) const {
    if (!on) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", sgr, text);
  }
};

const char* severity_sgr(Severity s) {
  return s == Severity::Error ? "1;31" : s == Severity::Warning ? "1;33" : "1;36";
}

// A fix of several edits, by what each replaces: "12 edits: , → ， (9), ( → （ (2), …".
std::string fix_summary(std::string_view bytes, const Fix& fix, const Style& style) {
  std::vector<std::pair<std::pair<std::string, std::string>, size_t>> kinds;  // in order met
  auto edits = fix.edits();
  for (const auto& e : edits) {
    std::pair<std::string, std::string> k{std::string(bytes.substr(e.span.begin, e.span.size())),
                                          e.replacement};
    auto it = std::find_if(kinds.begin(), kinds.end(),
                           [&](const auto& entry) { return entry.first == k; });
    if (it == kinds.end())
      kinds.push_back({k, 1});
    else
      ++it->second;
  }
  std::string s = fmt::format("{} edits:", edits.size());
  for (size_t i = 0; i < kinds.size(); ++i)
    s += fmt::format("{} {} → {} ({})", i ? "," : "", kinds[i].first.first,
                     style.paint(kinds[i].first.second, "32"), kinds[i].second);
  return s;
}

}  // namespace

void write_findings_text(std::ostream& out, const std::string& path, std::string_view bytes,
                         const text::LineIndex& index, const std::vector<Finding>& findings,
                         bool color, bool group, const OtherFiles* other_files,
                         const parse::Document* doc) {
  const Style style{color};
  auto located = locate(findings, index);
  // --group: the other findings of each (rule, article), by the index of the first of them.
  std::vector<std::vector<size_t>> others(located.size());
  std::vector<bool> folded(located.size(), false);
  if (group) {
    // One pass with the first finding of each (rule, article) kept in a map: a page with
    // thousands of findings stays linear.
    std::map<std::pair<std::string_view, int>, size_t> first;
    for (size_t i = 0; i < located.size(); ++i) {
      const Finding& f = *located[i].finding;
      auto [it, inserted] = first.try_emplace({f.rule, f.article}, i);
      if (inserted) continue;
      folded[i] = true;
      others[it->second].push_back(i);
    }
  }
  for (size_t k = 0; k < located.size(); ++k) {
    if (folded[k]) continue;
    const auto& l = located[k];
    const auto& f = *l.finding;
    out << style.paint(fmt::format("{}:{}:{}:", path, l.start.line, l.start.column), "1") << ' '
        << style.paint(severity_name(f.severity), severity_sgr(f.severity)) << ' '
        << style.paint("[" + f.rule + "]", "2") << ' ' << f.message << '\n';
    uint32_t ls = index.line_start(l.start.line), le = index.line_end(l.start.line);
    if (l.start.line == 1 && ls == 0) ls = text::bom_length(bytes);
    auto w = text::line_window(bytes, ls, le, f.span.begin);  // long lines: the part around it
    std::string gutter = fmt::format("{:>5} | ", l.start.line);
    out << gutter << (w.cut_left ? "…" : "") << bytes.substr(w.begin, w.end - w.begin)
        << (w.cut_right ? "…" : "") << "\n";
    uint32_t mark_end = std::min(f.span.end, w.end);
    int pad = width_of(bytes.substr(w.begin, f.span.begin - w.begin)) + (w.cut_left ? 1 : 0);
    int len = std::max(1, width_of(bytes.substr(f.span.begin, mark_end - f.span.begin)));
    out << std::string(gutter.size() - 2, ' ') << "| " << std::string(static_cast<size_t>(pad), ' ')
        << style.paint(std::string(static_cast<size_t>(len), '^'), severity_sgr(f.severity));
    if (l.end.line > l.start.line) out << fmt::format(" (to line {}:{})", l.end.line, l.end.column);
    out << "\n";
    // A PDF: the line above is the extracted line; say where it is printed.
    if (auto box = doc && !doc->placed.empty() ? doc->box_of(f.span) : std::nullopt)
      out << std::string(gutter.size() - 2, ' ')
          << fmt::format("= page {}, x {:.0f}–{:.0f}, y {:.0f}–{:.0f} pt\n", box->page, box->x0,
                         box->x1, box->y0, box->y1);
    if (f.fix && f.fix->more.empty())
      out << std::string(gutter.size() - 2, ' ')
          << "= fix: " << style.paint(f.fix->replacement, "32") << "\n";
    else if (f.fix)
      out << std::string(gutter.size() - 2, ' ') << "= fix: " << fix_summary(bytes, *f.fix, style)
          << "\n";
    for (const auto& r : f.related) {  // the figures it was computed from, each underlined
      // In an edition the span may be in another file: its own bytes and lines, named.
      auto in = file_of(r, {bytes, &index}, other_files);
      if (!in.index || r.span.end > in.bytes.size()) {
        out << std::string(gutter.size() - 2, ' ')
            << fmt::format("= {} {} (bytes {}-{})\n", r.label, r.file, r.span.begin, r.span.end);
        continue;
      }
      std::string_view rb = in.bytes;
      auto at = in.index->position(r.span.begin);
      uint32_t rs = in.index->line_start(at.line), re = in.index->line_end(at.line);
      if (at.line == 1 && rs == 0) rs = text::bom_length(rb);
      auto rw = text::line_window(rb, rs, re, r.span.begin);
      std::string rg = fmt::format("{:>5} | ", at.line);
      out << std::string(gutter.size() - 2, ' ')
          << fmt::format("= {} {}{}:{}: {}\n", r.label, r.file.empty() ? "" : r.file + ":", at.line,
                         at.column, rb.substr(r.span.begin, r.span.size()));
      out << rg << (rw.cut_left ? "…" : "") << rb.substr(rw.begin, rw.end - rw.begin)
          << (rw.cut_right ? "…" : "") << "\n";
      int rpad = width_of(rb.substr(rw.begin, r.span.begin - rw.begin)) + (rw.cut_left ? 1 : 0);
      int rlen = std::max(
          1, width_of(rb.substr(r.span.begin, std::min(r.span.end, rw.end) - r.span.begin)));
      out << std::string(rg.size() - 2, ' ') << "| " << std::string(static_cast<size_t>(rpad), ' ')
          << style.paint(std::string(static_cast<size_t>(rlen), '-'), "36") << "\n";
    }
    if (!others[k].empty()) {
      std::string where = fmt::format("{}:{}", l.start.line, l.start.column);
      for (size_t j : others[k])
        where += fmt::format(", {}:{}", located[j].start.line, located[j].start.column);
      out << std::string(gutter.size() - 2, ' ')
          << fmt::format("= {} findings of [{}] in {}: {}\n", others[k].size() + 1, f.rule,
                         f.article >= 0 ? fmt::format("article {}", f.article + 1)
                                        : std::string("the document"),
                         where);
    }
  }
}

void write_notices_text(std::ostream& out,
                        const std::vector<std::pair<std::string, Notice>>& notices) {
  // Messages in the order first met; a folder of undated drafts gets one entry, not hundreds.
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const auto& entry : notices) {
    // Named, not a structured binding: clang 14 (the sanitizer build) cannot capture one.
    const std::string& path = entry.first;
    const Notice& n = entry.second;
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const auto& g) { return g.first == n.message; });
    if (it == groups.end()) it = groups.insert(groups.end(), {n.message, {}});
    it->second.push_back(path);
  }
  constexpr size_t kShown = 5;
  for (const auto& [message, paths] : groups) {
    if (paths.size() == 1) {
      out << paths.front() << ": notice: " << message << "\n";
      continue;
    }
    out << "notice: " << message << "\n  in ";
    for (size_t i = 0; i < paths.size() && i < kShown; ++i) out << (i ? ", " : "") << paths[i];
    if (paths.size() > kShown) out << " and " << paths.size() - kShown << " more";
    out << "\n";
  }
}

void write_document_text(std::ostream& out, const parse::Document& doc, std::string_view bytes,
                         const text::LineIndex& index) {
  (void)bytes;
  out << fmt::format("{}: {} format, {} article{}", doc.path, parse::format_name(doc.format),
                     doc.articles.size(), doc.articles.size() == 1 ? "" : "s");
  if (doc.publication_date)
    out << fmt::format(", published {} ({})", doc.publication_date->iso(), doc.date_source);
  out << "\n";
  if (doc.header) {
    auto p = index.position(doc.header->span.begin);
    out << fmt::format("  page header {}:{} date={} page={} section={}", p.line, p.column,
                       doc.header->date ? doc.header->date->iso() : "-", doc.header->page,
                       doc.header->section);
    for (const auto& e : doc.header->editors) out << " " << e;
    out << "\n";
  }
  for (size_t i = 0; i < doc.articles.size(); ++i) {
    const auto& a = doc.articles[i];
    out << fmt::format(
        "\narticle {} [{}] headline: {}{}\n", i + 1, a.language,
        a.headline.empty() ? "(none)" : a.headline,
        a.uncertain ? fmt::format("  (uncertain, confidence {:.2f})", a.confidence) : "");
    for (const auto& n : a.notes) out << "  note: " << n << "\n";
    for (const auto& b : a.blocks) {
      auto s = index.position(b.span.begin), e = index.position(b.span.end);
      out << fmt::format("  {:<12} {}:{}-{}:{} [{}..{}) {}\n", parse::block_type_name(b.type),
                         s.line, s.column, e.line, e.column, b.span.begin, b.span.end,
                         one_line(b.text.text, 60));
    }
  }
}

void write_counts_text(std::ostream& out, const RunTotals& t) {
  if (t.by_rule.empty()) return;
  // Commonest first: the rule that floods the report is the one to look at (or fix) first.
  std::vector<std::pair<std::string, size_t>> rules(t.by_rule.begin(), t.by_rule.end());
  std::stable_sort(rules.begin(), rules.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  size_t width = 0;
  for (const auto& r : rules) width = std::max(width, std::to_string(r.second).size());
  out << "by rule:\n";
  for (const auto& r : rules) out << fmt::format("  {:>{}}  {}\n", r.second, width, r.first);
  out << "by severity:";
  const char* sep = " ";
  for (auto s : {Severity::Error, Severity::Warning, Severity::Info}) {
    out << sep << t.by_severity[static_cast<int>(s)] << ' ' << severity_name(s);
    sep = ", ";
  }
  out << "\n";
}

namespace {

// Findings as they come, errors on the error stream, and at the end the notices and a summary.
class TextWriter : public Writer {
 public:
  TextWriter(std::ostream& out, const WriterOptions& o)
      : out_(out), err_(*o.err), color_(o.color), group_(o.group) {}

  void file(const CheckedFile& f) override {
    const auto& r = f.report;
    if (r.error) {
      err_ << r.path << ": error: " << r.error->message << "\n";
      return;
    }
    write_findings_text(out_, r.path, f.bytes, *f.index, findings_of(r), color_, group_, f.others,
                        f.document);
    for (const auto& e : r.rule_errors) err_ << r.path << ": rule error: " << e.str() << "\n";
    for (const auto& n : r.notices) notices_.emplace_back(r.path, n);
  }

  void finish(const RunTotals& t) override {
    write_notices_text(out_, notices_);
    write_counts_text(out_, t);
    auto count = [](size_t n, const char* what) {
      return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
    };
    out_ << count(t.findings, "finding") << " in " << count(t.files, "file");
    if (t.baseline) out_ << ", " << t.baseline << " known from the baseline";
    if (t.errors) out_ << ", " << count(t.errors, "input error");
    if (t.rule_errors) out_ << ", " << count(t.rule_errors, "rule error");
    out_ << "\n";
  }

 private:
  std::ostream& out_;
  std::ostream& err_;
  bool color_;
  bool group_;
  std::vector<std::pair<std::string, Notice>> notices_;
};

}  // namespace

std::unique_ptr<Writer> make_text_writer(std::ostream& out, const WriterOptions& o) {
  return std::make_unique<TextWriter>(out, o);
}

}  // namespace tally::report
