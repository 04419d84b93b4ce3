// A finding of the HTML report in its context: escaping, the page's words, the lines around a
// finding with its spans marked, and the card that holds them (html_format.hpp).
#include <fmt/format.h>

#include <algorithm>

#include "report/html_format.hpp"
#include "text/utf8.hpp"

namespace tally::report {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      auto d = text::decode_at(s, i);
      if (d.size == 0) {
        out += "\xEF\xBF\xBD";
      } else {
        out.append(s.substr(i, d.size));
        i += d.size - 1;
      }
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\t':
      case '\n':
        out += c;
        break;
      default:
        // A control character is not text a reader can see, and NUL ends some parsers' reading.
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
          out += "\xEF\xBF\xBD";
        else
          out += c;
    }
  }
  return out;
}

const HtmlStrings& html_strings(std::string_view language) {
  static const HtmlStrings en = {
      "en",
      "Tally report",
      {"error", "warning", "info"},
      "By severity",
      "Findings per file",
      "Findings per rule",
      "{} finding",
      "{} findings",
      "{} file",
      "{} files",
      "… and {} more ({} findings)",
      "Fix",
      "{} edits:",
      "replace lines {}–{} with",
      "Expand all",
      "Collapse all",
      "Show",
      "{} files without findings",
      "could not be read",
      "rule error",
      "notice",
      "{} known from the baseline",
      "in",
      "Referenced from other files",
      "line {}, column {}",
      "{} lines",
      "No findings.",
      ": ",
      "page {}",
      "PDF page {}",
  };
  static const HtmlStrings zh = {
      "zh-CN",
      "Tally 核查报告",
      {"错误", "警告", "提示"},
      "按严重程度",
      "各文件问题数",
      "各规则问题数",
      "{} 处问题",
      "{} 处问题",
      "{} 个文件",
      "{} 个文件",
      "… 另有 {} 项（{} 处问题）",
      "修改",
      "{} 处修改：",
      "第 {}–{} 行改为",
      "全部展开",
      "全部收起",
      "显示",
      "{} 个文件没有问题",
      "无法读取",
      "规则出错",
      "提示",
      "{} 处已记入基线",
      "见",
      "其他文件引用此处",
      "第 {} 行第 {} 列",
      "{} 行",
      "没有发现问题。",
      "：",
      "第 {} 版",
      "PDF 第 {} 页",
  };
  return language == "zh" ? zh : en;
}

namespace {

// Back to the first byte of the character at `i`.
uint32_t char_start(std::string_view bytes, uint32_t i, uint32_t floor) {
  while (i > floor && i < bytes.size() && (static_cast<unsigned char>(bytes[i]) & 0xC0) == 0x80)
    --i;
  return i;
}

// Lines longer than this are cut around their marks: a page set a paragraph a line has lines of
// kilobytes, and a card is read for the few words around the finding.
constexpr uint32_t kWholeLine = 400;     // bytes shown whole
constexpr uint32_t kAround = 150;        // bytes kept before the first mark and after the last
constexpr uint32_t kMaxShown = 1500;     // bytes of one line at most
constexpr uint32_t kBareLine = 150;      // bytes shown of a long line without marks
constexpr uint32_t kMaxRangeLines = 14;  // a longer run of lines shows its first and last 6

void line_row(std::string& out, std::string_view bytes, const text::LineIndex& index, uint32_t line,
              const std::vector<HtmlMark>& marks) {
  uint32_t ls = index.line_start(line), le = index.line_end(line);
  if (line == 1 && ls == 0) ls = text::bom_length(bytes);
  // The marks on this line, clipped to it.
  std::vector<const HtmlMark*> here;
  bool on = false;
  uint32_t first = le, last = ls;
  for (const auto& m : marks) {
    bool touches = m.span.empty() ? (m.span.begin >= ls && m.span.begin <= le)
                                  : (m.span.begin < le + 1 && m.span.end > ls);
    if (!touches) continue;
    here.push_back(&m);
    on = on || m.main;
    first = std::min(first, std::max(m.span.begin, ls));
    last = std::max(last, std::min(m.span.end, le));
  }
  uint32_t from = ls, to = le;
  if (le - ls > kWholeLine) {
    if (here.empty()) {
      to = char_start(bytes, ls + kBareLine, ls);
    } else {
      from = first - ls > kAround ? char_start(bytes, first - kAround, ls) : ls;
      to = std::min(le, std::max(last, first) + kAround);
      if (to - from > kMaxShown) to = from + kMaxShown;
      if (to < le) to = char_start(bytes, to, from);
    }
  }
  out +=
      fmt::format("<tr{}><td class=\"n\">{}</td><td class=\"t\">", on ? " class=\"on\"" : "", line);
  if (from > ls) out += "…";
  // Cut the window at every mark's ends; each piece is inside the same marks throughout.
  std::vector<uint32_t> cuts{from, to};
  for (const auto* m : here) {
    for (uint32_t at : {m->span.begin, m->span.end})
      if (at > from && at < to) cuts.push_back(at);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  auto ends_here = [&](uint32_t at) {  // marks that end (or, empty, stand) at `at`
    for (const auto* m : here) {
      if (m->span.end != at || at < from || at > to) continue;
      if (m->main && m->span.empty())
        out += "<mark class=\"hit empty\"></mark>";
      else if (!m->main)
        out += "<span class=\"label\">" + html_escape(m->label) + "</span>";
    }
  };
  for (size_t k = 0; k + 1 < cuts.size(); ++k) {
    uint32_t a = cuts[k], b = cuts[k + 1];
    if (k == 0) ends_here(a);
    bool hit = false, rel = false;
    for (const auto* m : here) {
      if (m->span.empty() || m->span.begin > a || m->span.end < b) continue;
      (m->main ? hit : rel) = true;
    }
    std::string piece = html_escape(bytes.substr(a, b - a));
    if (hit || rel)
      out += fmt::format("<mark class=\"{}\">{}</mark>",
                         hit && rel ? "hit rel"
                         : hit      ? "hit"
                                    : "rel",
                         piece);
    else
      out += piece;
    ends_here(b);
  }
  if (cuts.size() == 1) ends_here(from);  // an empty line
  if (to < le) out += "…";
  out += "</td></tr>";
}

}  // namespace

std::string context_html(std::string_view bytes, const text::LineIndex& index,
                         const std::vector<HtmlMark>& marks, const std::string& lang,
                         const HtmlStrings& s) {
  // The lines to show: each mark's lines and one on either side, runs that touch merged.
  std::vector<std::pair<uint32_t, uint32_t>> runs;
  uint32_t last_line = static_cast<uint32_t>(index.line_count());
  // The empty "line" after a file's last line break is not one to show.
  if (last_line > 1 && index.line_start(last_line) == bytes.size()) --last_line;
  for (const auto& m : marks) {
    uint32_t a = index.position(m.span.begin).line, b = index.position(m.span.end).line;
    // A span that ends with its line's break ends on that line, not at the start of the next.
    if (b > a && !m.span.empty() && index.line_start(b) == m.span.end) --b;
    runs.push_back({a > 1 ? a - 1 : 1, std::min(b + 1, last_line)});
  }
  std::sort(runs.begin(), runs.end());
  std::vector<std::pair<uint32_t, uint32_t>> merged;
  for (const auto& r : runs) {
    if (!merged.empty() && r.first <= merged.back().second + 1)
      merged.back().second = std::max(merged.back().second, r.second);
    else
      merged.push_back(r);
  }
  std::string out = "<table class=\"ctx\" lang=\"" + lang + "\">";
  auto gap = [&](uint32_t n) {
    out += fmt::format("<tr class=\"gap\"><td class=\"n\">⋯</td><td class=\"t\">{}</td></tr>",
                       fmt::format(fmt::runtime(s.lines_omitted), n));
  };
  for (size_t i = 0; i < merged.size(); ++i) {
    uint32_t a = merged[i].first, b = merged[i].second;
    if (i > 0) gap(a - merged[i - 1].second - 1);
    if (b - a + 1 > kMaxRangeLines) {
      for (uint32_t l = a; l < a + 6; ++l) line_row(out, bytes, index, l, marks);
      gap(b - a + 1 - 12);
      for (uint32_t l = b - 5; l <= b; ++l) line_row(out, bytes, index, l, marks);
    } else {
      for (uint32_t l = a; l <= b; ++l) line_row(out, bytes, index, l, marks);
    }
  }
  out += "</table>";
  return out;
}

namespace {

// The fix: what it replaces and with what, or for a fix of many edits, each kind of edit and
// how often; a replacement over several lines as the block it becomes.
std::string fix_html(const Fix& fix, std::string_view bytes, const text::LineIndex& index,
                     const std::string& lang, const HtmlStrings& s) {
  std::string head = fmt::format("<span class=\"what\">{}</span> ", s.fix);
  if (!fix.more.empty()) {
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
    std::string out = "<p class=\"fix\">" + head + fmt::format(fmt::runtime(s.edits), edits.size());
    for (size_t i = 0; i < kinds.size(); ++i)
      out += fmt::format("{} <del>{}</del><ins lang=\"{}\">{}</ins> ×{}", i ? "," : "",
                         html_escape(kinds[i].first.first), lang,
                         html_escape(kinds[i].first.second), kinds[i].second);
    return out + "</p>";
  }
  std::string_view old = bytes.substr(fix.span.begin, fix.span.size());
  bool block = fix.replacement.find('\n') != std::string::npos ||
               old.find('\n') != std::string_view::npos || fix.replacement.size() > 120;
  if (block) {
    uint32_t a = index.position(fix.span.begin).line, b = index.position(fix.span.end).line;
    return "<div class=\"fix\">" + head +
           fmt::format(fmt::runtime(s.replace_lines), a, std::max(a, b)) +
           fmt::format("<pre lang=\"{}\">{}</pre></div>", lang, html_escape(fix.replacement));
  }
  std::string out = "<p class=\"fix\">" + head;
  if (!old.empty()) out += "<del>" + html_escape(old) + "</del>";
  if (!fix.replacement.empty())
    out += fmt::format("<ins lang=\"{}\">{}</ins>", lang, html_escape(fix.replacement));
  return out + "</p>";
}

}  // namespace

std::string finding_html(const HtmlFinding& h, const HtmlStrings& s,
                         const std::function<std::string(const Related&)>& elsewhere) {
  const auto& l = h.located;
  const Finding& f = l.finding;
  const char* sev = severity_name(f.severity);
  std::string out = fmt::format(
      "<div class=\"finding {}\" id=\"{}\"><div class=\"head\"><a class=\"where\" "
      "href=\"#{}\">{}:{}</a> <span class=\"sev {}\">{}</span> <code class=\"rule\">{}</code>"
      "</div><p class=\"msg\" lang=\"{}\">{}</p>",
      sev, h.id, h.id, l.start.line, l.start.column, sev, s.severity[static_cast<int>(f.severity)],
      html_escape(f.rule), h.lang, html_escape(f.message));
  if (!h.on_page.empty()) {
    size_t head_end = out.find("</div>");
    out.insert(head_end, fmt::format(" <a class=\"onpage\" href=\"#b-{}\">{}</a>", h.id,
                                     html_escape(h.on_page)));
  }
  std::vector<HtmlMark> marks{{f.span, {}, true}};
  for (const auto& r : f.related)
    if (r.file.empty()) marks.push_back({r.span, r.label, false});
  out += context_html(h.bytes, h.index, marks, h.lang, s);
  if (f.fix) out += fix_html(*f.fix, h.bytes, h.index, h.lang, s);
  for (const auto& r : f.related)
    if (!r.file.empty()) out += elsewhere(r);
  return out + "</div>";
}

}  // namespace tally::report
