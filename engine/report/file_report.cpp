#include "report/file_report.hpp"

#include "text/utf8.hpp"

namespace tally::report {

std::vector<LocatedFinding> locate_all(const std::vector<Finding>& findings, std::string_view bytes,
                                       const text::LineIndex& index) {
  std::vector<LocatedFinding> out;
  out.reserve(findings.size());
  for (const auto& l : locate(findings, index)) {
    const auto& f = *l.finding;
    // A long line is kept as the part around the finding: copying a megabyte line for each of
    // its thousands of findings would take gigabytes.
    auto w = text::line_window(bytes, index.line_start(l.start.line), index.line_end(l.start.line),
                               f.span.begin);
    std::string line(bytes.substr(w.begin, w.end - w.begin));
    out.push_back({f, l.start, l.end, std::string(bytes.substr(f.span.begin, f.span.size())),
                   std::move(line)});
  }
  return out;
}

std::vector<Finding> findings_of(const FileReport& report) {
  std::vector<Finding> out;
  out.reserve(report.findings.size());
  for (const auto& l : report.findings) out.push_back(l.finding);
  return out;
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      // Invalid UTF-8 (a file name, a house rule's message) would make the whole report
      // unreadable to an XML parser: each bad byte becomes U+FFFD, as the JSON formats do.
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
        out += "&apos;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += "&#9;";
        break;
      default:
        // Control characters are not allowed in XML 1.0, even escaped.
        if (static_cast<unsigned char>(c) < 0x20)
          out += "\xEF\xBF\xBD";
        else
          out += c;
    }
  }
  return out;
}

}  // namespace tally::report
