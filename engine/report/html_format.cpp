// `tally check --format html` (docs/report.md): a whole-run format. Each file's findings are
// rendered as the file arrives, while its bytes are at hand, grouped by rule; the charts, the
// counts and the links between the two places of an edition finding wait for the end of the run.
#include "report/html_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <memory>
#include <optional>

#include "parse/pdf_render.hpp"
#include "report/html_page.hpp"
#include "report/png.hpp"
#include "report/writer.hpp"

namespace tally::report {

namespace {

// A related span in another file (an edition finding), resolved at the end of the run, when
// every file has been seen: the finding's card links to it and that file's section links back.
struct CrossRef {
  size_t from_file = 0;  // index into files_
  std::string from_id;   // the finding's card
  std::string rule, message, lang;
  Related related;
};

struct FileEntry {
  std::string path;
  std::string page;   // from the page header: "page 04 · 法治时讯"; empty without one
  std::string html;   // its rule groups; cross references as <!--xref:N--> until the end
  std::string pages;  // a PDF input: its pages with the findings drawn on them
  size_t counts[3] = {0, 0, 0};
  std::optional<std::string> error;
  std::vector<Notice> notices;
  std::vector<rules::RuleError> rule_errors;
  std::string bytes;  // kept for cross references into it, while the run's budget allows
  bool kept = false;
};

// Bytes of the run's files kept for cross references: an edition is a few pages, an archive of
// thousands of files is not kept whole (its cross references then link to the file only).
constexpr size_t kKeptBytes = size_t{64} << 20;

// A finding group's anchor: the rule id with anything but [A-Za-z0-9._-] as '_'.
std::string anchor_of(size_t file, std::string_view rule) {
  std::string id = fmt::format("g{}-", file + 1);
  for (char c : rule)
    id +=
        (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '_';
  return id;
}

// Each finding's box on a PDF input's pages, keyed by the card ids "f{file}-{i}", drawn on the
// pages that hold one; `on_page` says, per finding, which page its box is on.
std::string pdf_section(const CheckedFile& f, size_t file_no, const HtmlStrings& s,
                        std::vector<std::string>& on_page) {
  const auto& doc = *f.document;
  const auto& findings = f.report.findings;
  std::vector<const Finding*> list;
  on_page.assign(findings.size(), {});
  for (size_t i = 0; i < findings.size(); ++i) {
    list.push_back(&findings[i].finding);
    if (auto b = doc.box_of(findings[i].finding.span))
      on_page[i] = fmt::format(fmt::runtime(s.pdf_page), b->page);
  }
  return pdf_pages_section(doc.path, pdf_finding_boxes(doc, list, fmt::format("f{}-", file_no + 1)),
                           s);
}

std::string plural(const char* one, const char* many, size_t n) {
  return fmt::format(fmt::runtime(n == 1 ? one : many), n);
}

class HtmlWriter : public Writer {
 public:
  HtmlWriter(std::ostream& out, const WriterOptions& o) : out_(out), rules_(o.rules) {}

  void file(const CheckedFile& f) override {
    const auto& r = f.report;
    FileEntry e;
    e.path = r.path;
    e.notices = r.notices;
    e.rule_errors = r.rule_errors;
    if (r.error) {
      e.error = r.error->message;
      files_.push_back(std::move(e));
      return;
    }
    std::string doc_lang = main_language(*f.document);
    // The page speaks the language of the first file that has articles (docs/report.md).
    if (!strings_ && !doc_lang.empty()) strings_ = &html_strings(doc_lang);
    const HtmlStrings& s = strings();
    // A printed page says which page and section it is: a desk knows its pages by number.
    if (const auto& h = f.document->header; h && !h->page.empty()) {
      e.page = fmt::format(fmt::runtime(s.page), h->page);
      if (!h->section.empty()) e.page += " · " + h->section;
    }
    if (doc_lang.empty()) doc_lang = s.lang == std::string_view("en") ? "en" : "zh";
    const size_t file_no = files_.size();
    std::vector<std::string> on_page;
    if (f.document->format == parse::Format::Pdf && !f.document->placed.empty())
      e.pages = pdf_section(f, file_no, s, on_page);
    // Groups: a rule's findings, in file order; the groups by worst severity, then size.
    std::map<std::string, std::vector<size_t>> by_rule;
    for (size_t i = 0; i < r.findings.size(); ++i) by_rule[r.findings[i].finding.rule].push_back(i);
    struct Group {
      const std::string* rule;
      const std::vector<size_t>* items;
      int worst;
    };
    std::vector<Group> groups;
    for (const auto& entry : by_rule) {
      int worst = 2;
      for (size_t i : entry.second)
        worst = std::min(worst, static_cast<int>(r.findings[i].finding.severity));
      groups.push_back({&entry.first, &entry.second, worst});
    }
    std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
      return a.worst != b.worst ? a.worst < b.worst : a.items->size() > b.items->size();
    });
    for (const auto& g : groups) {
      std::string anchor = anchor_of(file_no, *g.rule);
      first_group_.try_emplace(*g.rule, anchor);
      const char* sev = severity_name(static_cast<Severity>(g.worst));
      // Long groups start folded: a page of thousands of findings opens at its outline.
      e.html += fmt::format(
          "<details class=\"rule\" id=\"{}\" data-rule=\"{}\"{}><summary><span class=\"sev {}\">"
          "{}</span> <code>{}</code> <span class=\"count\">{}</span>",
          anchor, html_escape(*g.rule), g.items->size() <= kOpenGroup ? " open" : "", sev,
          s.severity[g.worst], html_escape(*g.rule), g.items->size());
      if (auto d = description(*g.rule, s); !d.empty())
        e.html += "<span class=\"desc\">" + html_escape(d) + "</span>";
      e.html += "</summary>";
      for (size_t i : *g.items) {
        const auto& l = r.findings[i];
        ++e.counts[static_cast<int>(l.finding.severity)];
        ++by_rule_[l.finding.rule][static_cast<size_t>(l.finding.severity)];
        std::string lang = doc_lang;
        if (l.finding.article >= 0 &&
            static_cast<size_t>(l.finding.article) < f.document->articles.size())
          lang = f.document->articles[static_cast<size_t>(l.finding.article)].language;
        std::string id = fmt::format("f{}-{}", file_no + 1, i + 1);
        auto elsewhere = [&](const Related& rel) {
          refs_.push_back({file_no, id, l.finding.rule, l.finding.message, lang, rel});
          return fmt::format("<!--xref:{}-->", refs_.size() - 1);
        };
        e.html += finding_html(
            {l, f.bytes, *f.index, id, lang, e.pages.empty() ? std::string() : on_page[i]}, s,
            elsewhere);
      }
      e.html += "</details>";
    }
    if (kept_ + f.bytes.size() <= kKeptBytes) {
      e.bytes = std::string(f.bytes);
      e.kept = true;
      kept_ += f.bytes.size();
    }
    files_.push_back(std::move(e));
  }

  void finish(const RunTotals& t) override {
    const HtmlStrings& s = strings();
    resolve_refs(s);
    out_ << "<!DOCTYPE html>\n<html lang=\"" << s.lang << "\"><head><meta charset=\"utf-8\">"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         // Nothing from outside, no script but the page's own (by its hash).
         << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:; script-src '"
         << html_script_hash() << "'\">"
         << "<meta name=\"generator\" content=\"Tally\"><title>" << s.title << "</title><style>"
         << html_style() << "</style></head><body>\n";
    write_header(t, s);
    write_charts(s);
    out_ << "<main>\n";
    std::vector<const FileEntry*> clean;
    for (size_t i = 0; i < files_.size(); ++i) {
      const auto& e = files_[i];
      if (!e.error && e.html.empty() && e.notices.empty() && e.rule_errors.empty() &&
          back_refs_[i].empty()) {
        clean.push_back(&e);
        continue;
      }
      write_file(i, s);
    }
    if (files_.empty() || (clean.size() == files_.size() && !t.findings))
      out_ << "<p class=\"none\">" << s.no_findings << "</p>\n";
    if (!clean.empty()) {
      out_ << "<details class=\"clean\"><summary>"
           << fmt::format(fmt::runtime(s.clean_files), clean.size()) << "</summary><ul>";
      for (const auto* e : clean) out_ << "<li>" << html_escape(e->path) << "</li>";
      out_ << "</ul></details>\n";
    }
    out_ << "</main>\n<footer>Tally</footer>\n<script>" << html_script()
         << "</script>\n</body></html>\n";
  }

 private:
  static constexpr size_t kOpenGroup = 20;  // groups of more findings start folded

  const HtmlStrings& strings() const { return strings_ ? *strings_ : html_strings("en"); }

  std::string description(const std::string& rule, const HtmlStrings& s) const {
    for (const auto& info : rules_)
      if (info.id == rule)
        return rules::pick_language(info.description,
                                    s.lang == std::string_view("en") ? "en" : "zh");
    return {};
  }

  // Each cross reference: the card's placeholder becomes the place in the other file (with its
  // lines when that file's bytes were kept), and that file's section gets a link back.
  void resolve_refs(const HtmlStrings& s) {
    back_refs_.assign(files_.size(), {});
    std::map<std::string, size_t> by_path;
    for (size_t i = 0; i < files_.size(); ++i) by_path.try_emplace(files_[i].path, i);
    std::map<size_t, std::unique_ptr<text::LineIndex>> indexes;
    std::vector<std::string> cards(refs_.size());
    for (size_t k = 0; k < refs_.size(); ++k) {
      const auto& x = refs_[k];
      const auto& from = files_[x.from_file];
      std::string label = "<span class=\"label\" lang=\"" + x.lang + "\">" +
                          html_escape(x.related.label) + "</span>";
      auto it = by_path.find(x.related.file);
      if (it == by_path.end()) {  // not a file of this run
        cards[k] = fmt::format("<div class=\"elsewhere\" id=\"xr{}\">{} {} {}</div>", k + 1, label,
                               s.in_other_file, html_escape(x.related.file));
        continue;
      }
      auto& target = files_[it->second];
      std::string where = html_escape(target.path), context;
      if (target.kept && x.related.span.end <= target.bytes.size()) {
        auto& index = indexes[it->second];
        if (!index) index = std::make_unique<text::LineIndex>(target.bytes);
        auto p = index->position(x.related.span.begin);
        where += fmt::format(":{}:{}", p.line, p.column);
        context = context_html(target.bytes, *index, {{x.related.span, x.related.label, false}},
                               x.lang, s);
      }
      cards[k] =
          fmt::format("<div class=\"elsewhere\" id=\"xr{}\">{} {} <a href=\"#xb{}\">{}</a>{}</div>",
                      k + 1, label, s.in_other_file, k + 1, where, context);
      back_refs_[it->second].push_back(fmt::format(
          "<div class=\"backref\" id=\"xb{}\">{} <a href=\"#{}\">{}</a> <code class=\"rule\">{}"
          "</code> <span class=\"msg\" lang=\"{}\">{}</span>{}</div>",
          k + 1, label, x.from_id, html_escape(from.path), html_escape(x.rule), x.lang,
          html_escape(x.message), context));
    }
    if (refs_.empty()) return;
    for (auto& e : files_) {
      std::string done;
      size_t at = 0;
      for (size_t p; (p = e.html.find("<!--xref:", at)) != std::string::npos;) {
        size_t end = e.html.find("-->", p);
        done.append(e.html, at, p - at);
        done += cards[std::stoul(e.html.substr(p + 9, end - p - 9))];
        at = end + 3;
      }
      done.append(e.html, at, std::string::npos);
      e.html = std::move(done);
    }
  }

  void write_header(const RunTotals& t, const HtmlStrings& s) {
    out_ << "<header><h1>" << s.title << "</h1><p class=\"summary\">"
         << plural(s.findings_one, s.findings_many, t.findings) << " · "
         << plural(s.files_one, s.files_many, t.files);
    if (t.baseline) out_ << " · " << fmt::format(fmt::runtime(s.baseline), t.baseline);
    if (t.errors) out_ << " · " << t.errors << " " << s.input_error;
    if (t.rule_errors) out_ << " · " << t.rule_errors << " " << s.rule_error;
    out_ << "</p>\n<div class=\"sevs\" aria-label=\"" << s.severities << "\">";
    // Each severity's count is also its filter.
    for (int k = 0; k < 3; ++k)
      out_ << fmt::format(
          "<label class=\"{}\"><input type=\"checkbox\" value=\"{}\" checked> {} <b>{}</b>"
          "</label>",
          severity_name(static_cast<Severity>(k)), severity_name(static_cast<Severity>(k)),
          s.severity[k], t.by_severity[k]);
    out_ << "</div>\n<div class=\"tools\"><button id=\"expand\" type=\"button\">" << s.expand
         << "</button> <button id=\"collapse\" type=\"button\">" << s.collapse
         << "</button></div></header>\n";
  }

  void write_charts(const HtmlStrings& s) {
    constexpr size_t kRows = 30;  // bars per chart; the rest summed in a line under it
    std::vector<HtmlBar> per_file;
    for (size_t i = 0; i < files_.size(); ++i) {
      const auto& e = files_[i];
      if (e.counts[0] + e.counts[1] + e.counts[2] == 0) continue;
      HtmlBar b{e.path, fmt::format("#file-{}", i + 1), {e.counts[0], e.counts[1], e.counts[2]}};
      per_file.push_back(b);
    }
    std::map<std::string, HtmlBar> by_rule;
    for (const auto& entry : by_rule_) {
      HtmlBar b{entry.first,
                "#" + first_group_[entry.first],
                {entry.second[0], entry.second[1], entry.second[2]}};
      by_rule.emplace(entry.first, b);
    }
    if (per_file.empty()) return;
    auto total = [](const HtmlBar& b) { return b.counts[0] + b.counts[1] + b.counts[2]; };
    auto chart = [&](std::vector<HtmlBar> bars, const char* title) {
      std::stable_sort(bars.begin(), bars.end(),
                       [&](const HtmlBar& a, const HtmlBar& b) { return total(a) > total(b); });
      out_ << "<h2>" << title << "</h2>\n";
      size_t rest = 0, rest_findings = 0;
      if (bars.size() > kRows) {
        for (size_t i = kRows; i < bars.size(); ++i) rest_findings += total(bars[i]);
        rest = bars.size() - kRows;
        bars.resize(kRows);
      }
      out_ << bar_chart_svg(bars, title) << "\n";
      if (rest)
        out_ << "<p class=\"more\">" << fmt::format(fmt::runtime(s.more_rows), rest, rest_findings)
             << "</p>\n";
    };
    out_ << "<section class=\"charts\">";
    chart(per_file, s.per_file);
    std::vector<HtmlBar> per_rule;
    for (auto& entry : by_rule) per_rule.push_back(std::move(entry.second));
    chart(per_rule, s.per_rule);
    out_ << "</section>\n";
  }

  void write_file(size_t i, const HtmlStrings& s) {
    const auto& e = files_[i];
    size_t n = e.counts[0] + e.counts[1] + e.counts[2];
    out_ << fmt::format(
        "<section class=\"file\" id=\"file-{}\"><h2><a href=\"#file-{}\">{}</a> <span "
        "class=\"count\">{}</span>{}</h2>",
        i + 1, i + 1, html_escape(e.path), plural(s.findings_one, s.findings_many, n),
        e.page.empty() ? "" : " <span class=\"page\">" + html_escape(e.page) + "</span>");
    if (e.error)
      out_ << "<p class=\"input-error\">" << s.input_error << s.colon << html_escape(*e.error)
           << "</p>";
    if (!e.notices.empty()) {
      out_ << "<ul class=\"notices\">";
      for (const auto& nt : e.notices)
        out_ << "<li>" << s.notice << s.colon << html_escape(nt.message) << "</li>";
      out_ << "</ul>";
    }
    if (!e.rule_errors.empty()) {
      out_ << "<ul class=\"rule-errors\">";
      for (const auto& re : e.rule_errors)
        out_ << "<li>" << s.rule_error << s.colon << html_escape(re.str()) << "</li>";
      out_ << "</ul>";
    }
    out_ << e.pages << e.html;
    if (!back_refs_[i].empty()) {
      out_ << "<div class=\"refs\"><h3>" << s.referenced << "</h3>";
      for (const auto& b : back_refs_[i]) out_ << b;
      out_ << "</div>";
    }
    out_ << "</section>\n";
  }

  std::ostream& out_;
  std::vector<rules::RuleInfo> rules_;
  const HtmlStrings* strings_ = nullptr;
  std::vector<FileEntry> files_;
  std::vector<CrossRef> refs_;
  std::vector<std::vector<std::string>> back_refs_;  // per file, at the end
  std::map<std::string, std::string> first_group_;   // rule -> its first group's anchor
  std::map<std::string, std::array<size_t, 3>> by_rule_;
  size_t kept_ = 0;
};

}  // namespace

// The language most of a document's articles are in ("" when it has none).
std::string main_language(const parse::Document& doc) {
  size_t zh = 0;
  for (const auto& a : doc.articles) zh += a.language == "zh";
  if (doc.articles.empty()) return {};
  return 2 * zh >= doc.articles.size() ? "zh" : "en";
}

std::unique_ptr<Writer> make_html_writer(std::ostream& out, const WriterOptions& o) {
  return std::make_unique<HtmlWriter>(out, o);
}

}  // namespace tally::report
