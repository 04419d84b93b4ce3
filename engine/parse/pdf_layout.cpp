#include "parse/pdf_layout.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <map>
#include <utility>

#include "parse/pdf_rules.hpp"
#include "text/utf8.hpp"

namespace tally::parse {

namespace {

constexpr size_t kNone = std::numeric_limits<size_t>::max();

std::u32string u32(const std::string& s) {
  std::u32string out;
  size_t i = 0;
  while (i < s.size()) {
    auto d = text::decode_at(s, i);
    if (d.size == 0) {
      ++i;
      continue;
    }
    out.push_back(d.cp);
    i += d.size;
  }
  return out;
}

double overlap(double a0, double a1, double b0, double b1) {
  return std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
}

bool ends_sentence_cp(char32_t c) {
  return c == U'.' || c == U'!' || c == U'?' || c == U'。' || c == U'！' || c == U'？' ||
         c == U'”' || c == U'"' || c == U'’' || c == U'）' || c == U')' || c == U'…';
}

// Display type ending in a full stop is a pull quote or a standfirst, not a headline: a
// headline is no sentence (closing quotation marks looked past).
bool ends_with_full_stop(const std::u32string& s) {
  size_t n = s.size();
  while (n > 0 && (s[n - 1] == U'”' || s[n - 1] == U'’' || s[n - 1] == U'"' || s[n - 1] == U' '))
    --n;
  return n > 0 && (s[n - 1] == U'.' || s[n - 1] == U'。');
}

bool has_clause_punct(const std::u32string& s) {
  for (char32_t c : s)
    if (c == U'，' || c == U'。' || c == U'；' || c == U',' || c == U';') return true;
  return false;
}

// A heading never begins in mid-sentence: a line that starts with a small letter runs on from
// the text before it, whatever face it is set in (a foreign word in italics, say).
bool starts_lowercase(const std::string& s) {
  return !s.empty() && std::islower(static_cast<unsigned char>(s[0]));
}

bool starts_with(const std::string& s, const char* p) {
  return s.rfind(p, 0) == 0;
}

// "By Jane Doe", "本报记者 …", "□ 田昀澍", "记者 …  通讯员 …".
bool looks_like_byline(const std::string& s) {
  if (s.size() > 90) return false;
  if (starts_with(s, "By ") || starts_with(s, "BY ") || starts_with(s, "□") ||
      starts_with(s, "■") || starts_with(s, "●"))
    return true;
  for (const char* k : {"本报记者", "记者", "通讯员", "特约撰稿", "文/", "文／"})
    if (s.find(k) != std::string::npos && s.size() < 60) return true;
  return false;
}

bool looks_like_jump(const std::string& s) {
  for (const char* k : {"下转", "上接", "转第", "接第", "Continued on", "Continued from",
                        "CONTINUED ON", "Turn to", "See page"})
    if (s.find(k) != std::string::npos && s.size() < 60) return true;
  return false;
}

struct Blk {
  std::vector<PdfLine> lines;
  Box box;
  double size = 0;
  bool bold = false;
  int page = 1;
  // classification
  int level = 0;  // 1 headline-size heading, 2 bold heading at body size, 0 other
  bool furniture = false;
  size_t owner = kNone;  // index of the heading block that owns it
  BlockType type = BlockType::Paragraph;
  double margin = 1.0;  // how clearly its owner won
  bool orphan = false;
};

int month_number(const std::string& w) {
  static const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                "jul", "aug", "sep", "oct", "nov", "dec"};
  if (w.size() < 3) return 0;
  std::string l;
  for (char c : w) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < 12; ++i)
    if (l.compare(0, 3, names[i]) == 0) return i + 1;
  return 0;
}

bool valid_date(int y, int m, int d) {
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

void debug_block(const char* what, const Blk& b) {
  std::cerr << "pdf: " << what << " p" << b.page << " [" << static_cast<int>(b.box.x0) << ","
            << static_cast<int>(b.box.y0) << "-" << static_cast<int>(b.box.x1) << ","
            << static_cast<int>(b.box.y1) << "] size " << b.size << (b.bold ? " bold" : "")
            << " level " << b.level << " owner "
            << (b.owner == kNone ? -1 : static_cast<long>(b.owner)) << ": "
            << b.lines.front().text.substr(0, 60) << "\n";
}

}  // namespace

std::optional<Date> find_printed_date(const std::string& in) {
  // Tokens: runs of digits, runs of letters; Han date markers read as separators with meaning.
  std::string s;
  for (char c : in)
    if (c != ' ') s += c;
  // 2024年10月16日
  for (size_t i = 0; i + 4 < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i])) ||
        (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))))
      continue;
    size_t j = i;
    int y = 0;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) && j - i < 5)
      y = y * 10 + (s[j++] - '0');
    if (j - i != 4) continue;
    auto num = [&](size_t& k, int& v) {
      size_t st = k;
      v = 0;
      while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k])) && k - st < 2)
        v = v * 10 + (s[k++] - '0');
      return k > st;
    };
    size_t k = j;
    int m = 0, d = 0;
    if (s.compare(k, 3, "年") == 0) {
      k += 3;
      if (num(k, m) && s.compare(k, 3, "月") == 0) {
        k += 3;
        if (num(k, d) && s.compare(k, 3, "日") == 0 && valid_date(y, m, d)) return Date{y, m, d};
      }
    } else if (k < s.size() && (s[k] == '-' || s[k] == '/' || s[k] == '.')) {
      char sep = s[k++];
      if (num(k, m) && k < s.size() && s[k] == sep) {
        ++k;
        if (num(k, d) && valid_date(y, m, d)) return Date{y, m, d};
      }
    }
  }
  // "August 14, 2026" / "14 August 2026"
  std::vector<std::string> words;
  std::string cur;
  for (char c : in) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      cur += c;
    } else if (!cur.empty()) {
      words.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(cur);
  auto is_num = [](const std::string& w) {
    return !w.empty() && w.size() <= 4 && std::all_of(w.begin(), w.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c));
    });
  };
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    int m = month_number(words[i]);
    if (m && is_num(words[i + 1]) && is_num(words[i + 2])) {
      int d = std::atoi(words[i + 1].c_str()), y = std::atoi(words[i + 2].c_str());
      if (valid_date(y, m, d)) return Date{y, m, d};
    }
    m = month_number(words[i + 1]);
    if (m && is_num(words[i]) && is_num(words[i + 2])) {
      int d = std::atoi(words[i].c_str()), y = std::atoi(words[i + 2].c_str());
      if (valid_date(y, m, d)) return Date{y, m, d};
    }
  }
  return std::nullopt;
}

namespace {

// A masthead that sets "2024年10月" and a large "16 日" apart: year and month, then a day
// number followed by 日 anywhere in the same furniture.
std::optional<Date> find_split_date(const std::string& in) {
  std::string s;
  for (char c : in)
    if (c != ' ') s += c;
  auto digits_before = [&](size_t end, int& v) {
    size_t b = end;
    while (b > 0 && std::isdigit(static_cast<unsigned char>(s[b - 1])) && end - b < 4) --b;
    if (b == end) return false;
    v = std::atoi(s.substr(b, end - b).c_str());
    return true;
  };
  size_t nian = s.find("年");
  while (nian != std::string::npos) {
    int y = 0, m = 0, d = 0;
    size_t yue = s.find("月", nian);
    if (digits_before(nian, y) && yue != std::string::npos && yue - nian <= 5 &&
        digits_before(yue, m)) {
      for (size_t ri = s.find("日"); ri != std::string::npos; ri = s.find("日", ri + 3))
        if (ri != yue + 3 && digits_before(ri, d) && valid_date(y, m, d)) return Date{y, m, d};
    }
    nian = s.find("年", nian + 3);
  }
  return std::nullopt;
}

// Two headlines of neighbouring stories set on one baseline read as one line. Cut a display
// line at a word gap wider than 0.4 em that falls on a gutter of the body columns (x that no
// body-size line covers).
std::vector<PdfLine> split_at_gutters(const std::vector<PdfLine>& lines, double S) {
  double lo = 1e9, hi = -1e9;
  for (const auto& l : lines)
    if (std::fabs(l.size - S) <= 0.1 * S) lo = std::min(lo, l.box.x0), hi = std::max(hi, l.box.x1);
  if (hi <= lo) return lines;
  std::vector<char> covered(static_cast<size_t>(hi - lo) + 2, 0);
  for (const auto& l : lines)
    if (std::fabs(l.size - S) <= 0.1 * S)
      for (double x = l.box.x0; x < l.box.x1; x += 1) covered[static_cast<size_t>(x - lo)] = 1;
  auto on_gutter = [&](double a, double b) {
    for (double x = std::max(a, lo); x < std::min(b, hi); x += 1)
      if (!covered[static_cast<size_t>(x - lo)]) return true;
    return false;
  };
  std::vector<PdfLine> out;
  for (const auto& l : lines) {
    if (l.size < 1.2 * S || l.edges.size() < 2) {
      out.push_back(l);
      continue;
    }
    auto t = u32(l.text);
    size_t from = 0;
    PdfLine rest = l;
    for (size_t k = 0; k + 1 < t.size() && k + 1 < l.edges.size(); ++k) {
      // A word space, or (Chinese set solid, with no space between headlines) a character
      // whose advance is wider than an em by the gap after it.
      bool space = t[k] == U' ';
      double a = space ? l.edges[k] : std::min(l.edges[k + 1], l.edges[k] + l.size);
      double b = l.edges[k + 1];
      if (!space && (t[k + 1] == U' ' || b - l.edges[k] <= 1.4 * l.size)) continue;
      if (b - a <= 0.4 * l.size || !on_gutter(a, b)) continue;
      size_t end = space ? k : k + 1;  // the head's characters: [from, end)
      PdfLine head = l;
      std::string s;
      for (size_t i = from; i < end; ++i) text::append_utf8(s, t[i]);
      head.text = s;
      head.edges.assign(l.edges.begin() + static_cast<long>(from),
                        l.edges.begin() + static_cast<long>(end));
      head.edges.push_back(a);
      head.box.x0 = head.edges.front();
      head.box.x1 = a;
      out.push_back(head);
      from = k + 1;
    }
    if (from > 0) {
      std::string s;
      for (size_t i = from; i < t.size(); ++i) text::append_utf8(s, t[i]);
      rest.text = s;
      rest.edges.assign(l.edges.begin() + static_cast<long>(from), l.edges.end());
      rest.box.x0 = rest.edges.front();
    }
    out.push_back(rest);
  }
  return out;
}

// poppler's reading order may put another column's words between two words of one line (a
// headline's "Why" and "library" read apart): fragments on one baseline, in one face and size,
// closer than a gutter (0.9 em, as the reader joins words), are one line again, the left first.
std::vector<PdfLine> join_line_fragments(std::vector<PdfLine> lines) {
  for (size_t i = 0; i < lines.size(); ++i) {
    // Each fragment to the right of line i joins it in turn; the scan starts over after each.
    for (size_t j = 0; j < lines.size(); ++j) {
      auto& a = lines[i];
      const auto& b = lines[j];
      if (i == j || a.page != b.page || a.font != b.font || a.bold != b.bold || a.text.empty() ||
          b.text.empty() || std::fabs(a.size - b.size) > 0.1 * std::min(a.size, b.size))
        continue;
      double h = std::min(a.box.height(), b.box.height());
      double gap = b.box.x0 - a.box.x1;
      if (std::fabs(a.box.y1 - b.box.y1) > 0.35 * h || gap < -0.3 * a.size || gap >= 0.9 * a.size)
        continue;
      auto ta = u32(a.text), tb = u32(b.text);
      if (a.edges.size() != ta.size() + 1 || b.edges.size() != tb.size() + 1) continue;
      if (text::is_cjk(ta.back()) && text::is_cjk(tb.front()))
        a.edges.pop_back();  // no space between CJK characters
      else
        a.text += " ";
      a.text += b.text;
      a.edges.insert(a.edges.end(), b.edges.begin(), b.edges.end());
      a.box.add(b.box);
      lines.erase(lines.begin() + static_cast<long>(j));
      if (j < i) --i;
      j = static_cast<size_t>(-1);  // ++j makes it 0
    }
  }
  return lines;
}

// No line of type runs across a column rule: two headlines of modules set side by side on one
// baseline, read as one line where the gutter between them is narrower than a word gap or
// filled by punctuation hung past a column's edge, are cut where a vertical rule crosses them.
std::vector<PdfLine> split_at_rules(const std::vector<PdfLine>& lines,
                                    const std::vector<PdfRule>& rules) {
  std::vector<PdfLine> out;
  for (const auto& l : lines) {
    auto t = u32(l.text);
    double mid = (l.box.y0 + l.box.y1) / 2;
    std::vector<double> cuts;
    for (const auto& r : rules)
      if (r.vertical && r.box.y0 <= mid && r.box.y1 >= mid && r.box.x0 > l.box.x0 + 0.5 * l.size &&
          r.box.x1 < l.box.x1 - 0.5 * l.size)
        cuts.push_back((r.box.x0 + r.box.x1) / 2);
    if (cuts.empty() || t.size() + 1 != l.edges.size()) {
      out.push_back(l);
      continue;
    }
    std::sort(cuts.begin(), cuts.end());
    size_t from = 0;
    // Characters [a, b), spaces at either end dropped, ending at most at `end` (the rule).
    auto piece = [&](size_t a, size_t b, double end) {
      while (a < b && t[a] == U' ') ++a;
      while (b > a && t[b - 1] == U' ') --b;
      if (a == b) return;
      PdfLine p = l;
      std::string txt;
      for (size_t i = a; i < b; ++i) text::append_utf8(txt, t[i]);
      p.text = txt;
      p.edges.assign(l.edges.begin() + static_cast<long>(a),
                     l.edges.begin() + static_cast<long>(b) + 1);
      p.edges.back() = std::min(p.edges.back(), end);
      p.box.x0 = p.edges.front();
      p.box.x1 = p.edges.back();
      out.push_back(std::move(p));
    };
    for (double x : cuts) {
      size_t k = from;
      while (k < t.size() && l.edges[k] < x) ++k;  // characters starting left of the rule
      piece(from, k, x);
      from = k;
    }
    piece(from, t.size(), l.box.x1);
  }
  return out;
}

// Chinese set with closing punctuation hung past the column's edge leaves a gutter narrower
// than a word gap, and the reader joins the line to the one beside it. Cut a body line after
// closing punctuation where the next character starts on the left edge of a column (an x
// where many body lines start, farther in than a paragraph indent).
std::vector<PdfLine> split_hung_punctuation(const std::vector<PdfLine>& lines, double S) {
  std::map<long, int> starts;
  for (const auto& l : lines)
    if (std::fabs(l.size - S) <= 0.15 * S) ++starts[std::lround(l.box.x0)];
  auto column_edge = [&](double x) {
    int n = 0;
    for (long d = -1; d <= 1; ++d) {
      auto it = starts.find(std::lround(x) + d);
      if (it != starts.end()) n += it->second;
    }
    return n >= 5;
  };
  auto closing = [](char32_t c) {
    return c == U'，' || c == U'。' || c == U'、' || c == U'；' || c == U'：' || c == U'！' ||
           c == U'？' || c == U'”' || c == U'）' || c == U'」' || c == U'》';
  };
  std::vector<PdfLine> out;
  for (const auto& l : lines) {
    auto t = u32(l.text);
    if (std::fabs(l.size - S) > 0.15 * S || t.size() + 1 != l.edges.size()) {
      out.push_back(l);
      continue;
    }
    size_t from = 0;
    for (size_t k = 1; k < t.size(); ++k) {
      if (!closing(t[k - 1]) || l.edges[k] < l.box.x0 + 4 * l.size || !column_edge(l.edges[k]))
        continue;
      PdfLine head = l;
      std::string txt;
      for (size_t i = from; i < k; ++i) text::append_utf8(txt, t[i]);
      head.text = txt;
      head.edges.assign(l.edges.begin() + static_cast<long>(from),
                        l.edges.begin() + static_cast<long>(k + 1));
      head.box.x0 = head.edges.front();
      head.box.x1 = l.edges[k];
      out.push_back(head);
      from = k;
    }
    if (from == 0) {
      out.push_back(l);
      continue;
    }
    PdfLine rest = l;
    std::string txt;
    for (size_t i = from; i < t.size(); ++i) text::append_utf8(txt, t[i]);
    rest.text = txt;
    rest.edges.assign(l.edges.begin() + static_cast<long>(from), l.edges.end());
    rest.box.x0 = rest.edges.front();
    out.push_back(rest);
  }
  return out;
}

std::string body_font_of(const std::vector<PdfPage>& pages) {
  std::map<std::string, size_t> fonts;
  for (const auto& p : pages)
    for (const auto& l : p.lines) fonts[l.font] += l.text.size();
  if (fonts.empty()) return "";
  return std::max_element(fonts.begin(), fonts.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })
      ->first;
}

double body_size_of(const std::vector<PdfPage>& pages) {
  std::map<double, size_t> sizes;
  for (const auto& p : pages)
    for (const auto& l : p.lines) sizes[std::round(l.size * 2) / 2] += l.text.size();
  if (sizes.empty()) return 10;
  return std::max_element(sizes.begin(), sizes.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })
      ->first;
}

// A drop cap: one or two letters set at least twice the size of the lines beside it. It is put
// back in front of the first line to its right.
void rejoin_drop_caps(std::vector<PdfLine>& lines) {
  for (size_t i = 0; i < lines.size(); ++i) {
    auto t = u32(lines[i].text);
    if (t.empty() || t.size() > 2 || lines[i].text.empty()) continue;
    const auto& dc = lines[i];
    size_t best = kNone;
    for (size_t j = 0; j < lines.size(); ++j) {
      if (j == i) continue;
      const auto& l = lines[j];
      if (l.page != dc.page || l.size * 1.8 > dc.size) continue;
      if (l.box.x0 < dc.box.x1 - 1 || l.box.x0 > dc.box.x1 + 2 * dc.box.width() + 2 * l.size)
        continue;
      if (overlap(l.box.y0, l.box.y1, dc.box.y0, dc.box.y1) < 0.5 * l.box.height()) continue;
      // The text a drop cap begins is body type: the smallest type beside it, not the last
      // line of a headline that the cap's box reaches up to; the topmost such line.
      if (best == kNone || l.size < lines[best].size - 0.5 ||
          (l.size <= lines[best].size + 0.5 && l.box.y0 < lines[best].box.y0))
        best = j;
    }
    if (best == kNone) continue;
    auto& l = lines[best];
    std::string letter = dc.text;
    // "A rise …" keeps its word space; "W" + "hen" does not. English capitals that are words
    // on their own ("A", "I") before a consonant-vowel start read as separate words.
    auto rest = u32(l.text);
    bool space = (letter == "A" || letter == "I") && rest.size() > 1 &&
                 std::string("aeiouy").find(static_cast<char>(rest[0])) == std::string::npos &&
                 std::string("aeiouy").find(static_cast<char>(rest[1])) != std::string::npos;
    l.text = letter + (space ? " " : "") + l.text;
    std::vector<double> edges;
    edges.reserve(l.edges.size() + 2);
    edges.push_back(dc.box.x0);
    if (space) edges.push_back(dc.box.x1);
    for (double e : l.edges) edges.push_back(e);
    l.edges = std::move(edges);
    l.box.add(dc.box);
    l.box.y0 = std::max(l.box.y0, dc.box.y0);
    l.box.y1 = l.box.y0 + l.size * 1.2;
    lines[i].text.clear();
  }
  lines.erase(
      std::remove_if(lines.begin(), lines.end(), [](const PdfLine& l) { return l.text.empty(); }),
      lines.end());
}

// Lines stacked in one column at one size and weight become a block.
std::vector<Blk> build_blocks(const std::vector<PdfLine>& page_lines) {
  std::vector<PdfLine> lines = page_lines;
  std::stable_sort(lines.begin(), lines.end(), [](const PdfLine& a, const PdfLine& b) {
    return a.box.y0 < b.box.y0 || (a.box.y0 == b.box.y0 && a.box.x0 < b.box.x0);
  });
  std::vector<Blk> blocks;
  for (auto& l : lines) {
    size_t best = kNone;
    double best_gap = 1e9;
    for (size_t i = 0; i < blocks.size(); ++i) {
      const auto& b = blocks[i];
      const auto& last = b.lines.back();
      double big = std::max(last.size, l.size), small = std::min(last.size, l.size);
      // A change of face ends a block too: Chinese papers set a heading at body size in 黑体
      // over text in 宋体, neither of them bold.
      if (big / small > 1.12 || last.bold != l.bold || last.font != l.font) continue;
      double gap = l.box.y0 - last.box.y1;
      if (gap < -0.4 * small || gap > 0.9 * small) continue;
      double ov = overlap(last.box.x0, last.box.x1, l.box.x0, l.box.x1);
      bool aligned = std::fabs(last.box.x0 - l.box.x0) < 1.5 * small;
      if (ov < 0.5 * std::min(last.box.width(), l.box.width()) && !aligned) continue;
      // Not when the line is much wider than the block: a headline over several columns.
      if (ov < 0.3 * std::max(last.box.width(), l.box.width()) && !aligned) continue;
      if (gap < best_gap) best_gap = gap, best = i;
    }
    if (best == kNone) {
      Blk b;
      b.page = l.page;
      b.box = l.box;
      b.size = l.size;
      b.bold = l.bold;
      b.lines.push_back(l);
      blocks.push_back(std::move(b));
    } else {
      blocks[best].box.add(l.box);
      blocks[best].lines.push_back(l);
    }
  }
  return blocks;
}

// Paragraph starts inside a body block: a first-line indent, or a line above that ends a
// sentence well short of the column's right edge.
std::vector<bool> paragraph_starts(const std::vector<PdfLine>& lines, const Box& box) {
  std::vector<bool> st(lines.size(), false);
  if (lines.empty()) return st;
  st[0] = true;
  for (size_t i = 1; i < lines.size(); ++i) {
    const auto& p = lines[i - 1];
    const auto& l = lines[i];
    double em = l.size;
    bool indent = l.box.x0 - box.x0 > 0.7 * em && l.box.x0 - box.x0 < 4 * em &&
                  l.box.x0 - p.box.x0 > 0.7 * em;
    auto pt = u32(p.text);
    bool short_end = !pt.empty() && box.x1 - p.box.x1 > 1.5 * em && ends_sentence_cp(pt.back());
    st[i] = indent || short_end;
  }
  return st;
}

// The size and face most of `blocks`' characters are set in.
std::pair<double, std::string> common_type(const std::vector<Blk>& all,
                                           const std::vector<size_t>& blocks) {
  std::map<double, size_t> sizes;
  std::map<std::string, size_t> fonts;
  for (size_t i : blocks)
    for (const auto& l : all[i].lines) {
      sizes[std::round(l.size * 2) / 2] += l.text.size();
      fonts[l.font] += l.text.size();
    }
  if (sizes.empty()) return {0, ""};
  auto most = [](const auto& m) {
    return std::max_element(m.begin(), m.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
  };
  return {most(sizes), most(fonts)};
}

// A labelled strip of short items (letters, briefs) is one text read in column order: columns
// left to right, top to bottom in each, an item running on from the foot of one column to the
// head of the next. An item starts at each heading (bold or another face, at about the strip's
// text size, with text right under it) and after each sign-off (the writer's name and place,
// set smaller than the text, after it): text after a sign-off with no heading over it is an
// item of its own. Headings become level 1 owning their item; a headless item is owned by its
// first block.
void segment_strip(std::vector<Blk>& all, const std::vector<size_t>& strip,
                   std::vector<char>& in_item) {
  if (strip.empty()) return;
  // Plain names, not a structured binding: clang 14 cannot capture one in a lambda.
  const auto type = common_type(all, strip);
  const double T = type.first;
  const std::string tfont = type.second;
  // Columns: blocks that share most of their width.
  std::vector<std::vector<size_t>> cols;
  std::vector<size_t> by_x = strip;
  std::sort(by_x.begin(), by_x.end(),
            [&](size_t a, size_t b) { return all[a].box.x0 < all[b].box.x0; });
  for (size_t i : by_x) {
    std::vector<size_t>* home = nullptr;
    for (auto& c : cols) {
      const auto& f = all[c.front()].box;
      const auto& b = all[i].box;
      if (overlap(f.x0, f.x1, b.x0, b.x1) > 0.5 * std::min(f.width(), b.width())) home = &c;
    }
    if (home)
      home->push_back(i);
    else
      cols.push_back({i});
  }
  std::vector<size_t> order;
  for (auto& c : cols) {
    std::sort(c.begin(), c.end(),
              [&](size_t a, size_t b) { return all[a].box.y0 < all[b].box.y0; });
    order.insert(order.end(), c.begin(), c.end());
  }
  auto below_in_column = [&](size_t k) {
    for (const auto& c : cols)
      for (size_t n = 0; n + 1 < c.size(); ++n)
        if (c[n] == k) return c[n + 1];
    return kNone;
  };
  auto is_heading = [&](size_t k) {
    const auto& b = all[k];
    auto t = u32(b.lines.back().text);
    bool face = b.bold || (b.lines.front().font != tfont && !b.lines.front().italic);
    if (!face || b.size < 0.92 * T || b.size >= 1.35 * T || b.lines.size() > 3 || t.empty() ||
        starts_lowercase(b.lines.front().text) || ends_sentence_cp(t.back()) || t.back() == U',' ||
        t.back() == U'，')
      return false;
    size_t n = below_in_column(k);
    return n != kNone && all[n].size >= 0.95 * T && all[n].box.y0 - b.box.y1 < 1.5 * T;
  };
  size_t cur = kNone;
  bool ended = false, after_text = false;
  for (size_t k : order) {
    auto& b = all[k];
    in_item[k] = 1;
    b.margin = 1.0;
    b.furniture = false;
    if (is_heading(k)) {
      b.level = 1;
      b.owner = kNone;
      b.type = BlockType::Paragraph;
      cur = k;
      ended = after_text = false;
      continue;
    }
    b.level = 0;
    if (b.size < 0.97 * T && b.lines.size() <= 3 && after_text) {
      // A sign-off: it closes the item it follows.
      if (cur == kNone) {
        b.furniture = true;
        continue;
      }
      b.owner = cur;
      b.type = BlockType::SignOff;
      ended = true;
      continue;
    }
    if (ended) cur = kNone;
    ended = false;
    b.type = BlockType::Paragraph;
    after_text = true;
    if (cur == kNone) {
      b.owner = kNone;  // the first block of a headless item
      cur = k;
    } else {
      b.owner = cur;
    }
  }
}

// The rules that separate stories: the page's rules but those that belong to one story: an
// ornament (shorter than a column, or drawn through a block), the pair framing a pull quote
// (display type without a headline's role, right over or under a rule no wider than it by
// much) and a heading's underline (a rule right under a headline or a section label, which
// heads what is under the rule).
std::vector<std::vector<PdfRule>> story_rules(const std::vector<Blk>& all,
                                              const std::vector<std::vector<PdfRule>>& rules,
                                              double S) {
  auto out = rules;
  for (size_t pg = 0; pg < out.size(); ++pg) {
    auto within_story = [&](const PdfRule& r) {
      // A short rule is an ornament (under a writer's name, around a deck), not a separator: a
      // rule between stories runs at least a column's width.
      if (std::max(r.box.width(), r.box.height()) < 8 * S) return true;
      // So is one drawn through a block (an underline, a strike, a deck's ornament).
      for (const auto& b : all)
        if (b.page == static_cast<int>(pg) &&
            (r.vertical ? (r.box.x0 > b.box.x0 + 1 && r.box.x1 < b.box.x1 - 1 &&
                           overlap(r.box.y0, r.box.y1, b.box.y0, b.box.y1) > 0)
                        : (r.box.y0 > b.box.y0 + 1 && r.box.y1 < b.box.y1 - 1 &&
                           overlap(r.box.x0, r.box.x1, b.box.x0, b.box.x1) > 0)))
          return true;
      if (r.vertical) return false;
      double y = (r.box.y0 + r.box.y1) / 2;
      const Blk* above = nullptr;
      const Blk* below = nullptr;
      for (const auto& b : all) {
        if (b.page != static_cast<int>(pg) || overlap(b.box.x0, b.box.x1, r.box.x0, r.box.x1) <
                                                  0.5 * std::min(b.box.width(), r.box.width()))
          continue;
        // Within one and a half lines of its own type (a headline's is large).
        double near = 1.5 * std::max(S, b.size);
        if (b.box.y1 <= y + 0.2 * S && y - b.box.y1 < near && (!above || b.box.y1 > above->box.y1))
          above = &b;
        if (b.box.y0 >= y - 0.2 * S && b.box.y0 - y < near && (!below || b.box.y0 < below->box.y0))
          below = &b;
      }
      auto quote = [&](const Blk* b) {
        return b && b->level != 1 && b->size > 1.1 * S && r.box.width() < 1.3 * b->box.width() + S;
      };
      if (quote(above) || quote(below)) return true;
      return above && above->level >= 1 && y - above->box.y1 < 0.8 * above->size;
    };
    out[pg].erase(std::remove_if(out[pg].begin(), out[pg].end(), within_story), out[pg].end());
  }
  return out;
}

}  // namespace

PdfLayout lay_out(const std::vector<PdfPage>& pages) {
  PdfLayout out;
  bool debug = std::getenv("TALLY_DEBUG_PARSE") != nullptr;
  double S = body_size_of(pages);
  std::string body_font = body_font_of(pages);
  out.body_size = S;
  std::vector<Blk> all;
  std::vector<double> page_height, page_width;
  for (const auto& p : pages) {
    auto lines = join_line_fragments(p.lines);
    rejoin_drop_caps(lines);
    lines = split_at_rules(lines, p.rules);
    lines = split_at_gutters(lines, S);
    lines = split_hung_punctuation(lines, S);
    // Margins: colour bars, prepress slugs, crop marks.
    std::vector<PdfLine> kept;
    for (auto& l : lines) {
      if (l.box.y1 < 0.02 * p.height || l.box.y0 > 0.98 * p.height)
        out.furniture.push_back(l);
      else
        kept.push_back(l);
    }
    for (auto& b : build_blocks(kept)) all.push_back(std::move(b));
    page_height.resize(std::max<size_t>(page_height.size(), p.number + 1), 0);
    page_height[p.number] = p.height;
    page_width.resize(page_height.size(), 0);
    page_width[p.number] = p.width;
  }
  std::vector<std::vector<PdfRule>> all_rules(page_height.size());
  for (const auto& p : pages) all_rules[p.number] = p.rules;

  // Headings: type clearly larger than the body (level 1), or a short bold block at body size
  // that ends no sentence (level 2).
  for (auto& b : all) {
    auto t = u32(b.lines.back().text);
    std::string joined;
    for (auto& l : b.lines) joined += l.text;
    auto jt = u32(joined);
    if (b.size >= 1.35 * S && b.lines.size() <= 6 && jt.size() > 1 && !ends_with_full_stop(jt))
      b.level = 1;
    else if ((b.bold || (b.lines.front().font != body_font && !b.lines.front().italic &&
                         b.size >= 0.97 * S)) &&
             b.size >= 0.92 * S && b.lines.size() <= 3 && !t.empty() &&
             !starts_lowercase(b.lines.front().text) && !ends_sentence_cp(t.back()) &&
             !has_clause_punct(jt) && !looks_like_byline(joined) && jt.size() <= 80)
      b.level = 2;
  }
  // Display type set between two rules inside running text (a rule right above it with body
  // text right over the rule, one right below it with body text right under it, neither rule
  // much wider than it) is a pull quote inside a story, not a headline (one cut mid-sentence
  // ends in no full stop). A headline between a module's top rule and a rule in its deck has
  // no text right under the lower rule. `between`: whether a block stands between display
  // block `q` and a rule at `y` above (`over`) or below it.
  auto between = [&](const Blk& q, double y, bool over) {
    for (const auto& t : all)
      if (&t != &q && t.page == q.page && overlap(t.box.x0, t.box.x1, q.box.x0, q.box.x1) > 0 &&
          (over ? t.box.y1 <= q.box.y0 + 0.5 && t.box.y0 >= y - 0.5
                : t.box.y0 >= q.box.y1 - 0.5 && t.box.y1 <= y + 0.5))
        return true;
    return false;
  };
  auto text_near_rule = [&](const Blk& q, double y, bool over) {
    if (between(q, y, over)) return false;
    for (const auto& t : all) {
      if (t.page != q.page || t.level != 0 || std::fabs(t.size - S) > 0.1 * S ||
          overlap(t.box.x0, t.box.x1, q.box.x0, q.box.x1) <
              0.5 * std::min(t.box.width(), q.box.width()))
        continue;
      double gap = over ? y - t.box.y1 : t.box.y0 - y;
      if (gap > -0.2 * S && gap < 1.5 * S) return true;
    }
    return false;
  };
  for (auto& b : all) {
    if (b.level != 1) continue;
    bool above = false, below = false;
    for (const auto& r : all_rules[b.page]) {
      if (r.vertical || r.box.width() > 1.3 * b.box.width() + S ||
          overlap(r.box.x0, r.box.x1, b.box.x0, b.box.x1) < 0.6 * b.box.width())
        continue;
      double y = (r.box.y0 + r.box.y1) / 2;
      above = above || (y <= b.box.y0 + 0.2 * S && b.box.y0 - y < 1.5 * b.size &&
                        text_near_rule(b, y, true));
      below = below || (y >= b.box.y1 - 0.2 * S && y - b.box.y1 < 1.5 * b.size &&
                        text_near_rule(b, y, false));
    }
    if (above && below) b.level = 0;
  }
  // The masthead: the topmost heading of a page, in its top sixth and centred on it, with no
  // text above it. It heads the page, not the story under it.
  for (size_t i = 0; i < all.size(); ++i) {
    auto& M = all[i];
    double W = page_width[M.page], H = page_height[M.page];
    if (M.level != 1 || M.box.y1 > H / 6 || std::fabs((M.box.x0 + M.box.x1) / 2 - W / 2) > 0.05 * W)
      continue;
    bool topmost = true;
    for (size_t j = 0; j < all.size() && topmost; ++j)
      topmost = j == i || all[j].page != M.page || all[j].box.y1 > M.box.y0 ||
                (all[j].level == 0 && all[j].lines.size() <= 2);
    if (topmost) M.furniture = true;
  }
  // Rules that separate stories: the page's rules but those that belong to one story.
  const auto rules = story_rules(all, all_rules, S);
  if (debug)
    for (size_t pg = 1; pg < rules.size(); ++pg)
      if (!all_rules[pg].empty())
        std::cerr << "pdf: page " << pg << ": " << all_rules[pg].size() << " rules, "
                  << rules[pg].size() << " between stories, "
                  << ruled_boxes(all_rules[pg], S).size() << " boxes\n";
  if (debug)
    for (size_t pg = 1; pg < all_rules.size(); ++pg)
      for (const auto& r : all_rules[pg])
        std::cerr << "pdf: rule p" << pg << (r.vertical ? " vertical [" : " horizontal [")
                  << static_cast<int>(r.box.x0) << "," << static_cast<int>(r.box.y0) << "-"
                  << static_cast<int>(r.box.x1) << "," << static_cast<int>(r.box.y1) << "]\n";

  // Ownership: each block goes to the nearest level-1 heading above it that spans it.
  auto owner_of = [&](size_t i, int max_level, double* margin) {
    const auto& b = all[i];
    size_t best = kNone, second = kNone;
    for (size_t h = 0; h < all.size(); ++h) {
      const auto& H = all[h];
      if (h == i || H.page != b.page || H.level == 0 || H.level > max_level || H.furniture)
        continue;
      if (H.box.y1 > b.box.y0 + 0.5 * S) continue;
      double ov = overlap(H.box.x0, H.box.x1, b.box.x0, b.box.x1);
      if (ov < 0.25 * std::min(b.box.width(), H.box.width()) || ov < 2 * S) continue;
      // A rule across the block's columns between it and the headline: another story's.
      if (rule_between_rows(rules[b.page], H.box, b.box, S)) continue;
      if (best == kNone || H.box.y1 > all[best].box.y1) {
        second = best;
        best = h;
      } else if (second == kNone || H.box.y1 > all[second].box.y1) {
        second = h;
      }
    }
    if (margin) {
      *margin = 1.0;
      if (best != kNone) {
        double ov = overlap(all[best].box.x0, all[best].box.x1, b.box.x0, b.box.x1);
        *margin = std::min(1.0, ov / std::max(1.0, b.box.width()));
      }
    }
    return best;
  };

  // A level-1 heading directly over another one is its kicker (smaller) or its first line.
  // A smaller heading right under a headline is its deck.
  // A bold or display-face block at body size right under a headline is its deck too.
  std::vector<size_t> heads;
  for (size_t i = 0; i < all.size(); ++i)
    if (all[i].level >= 1) heads.push_back(i);
  std::vector<size_t> attached_to(all.size(), kNone);
  for (size_t i : heads) {
    for (size_t j : heads) {
      if (i == j || attached_to[j] != kNone || attached_to[i] != kNone) continue;
      auto& A = all[i];
      auto& B = all[j];
      if (A.level != 1 && B.level != 1) continue;
      // A bold line at body size under a label is an item's heading, not a deck.
      if (B.level == 2 && B.size < 1.1 * S) continue;
      if (A.page != B.page) continue;
      double gap = B.box.y0 - A.box.y1;
      double ov = overlap(A.box.x0, A.box.x1, B.box.x0, B.box.x1);
      if (gap < -0.3 * S || gap > 1.2 * std::min(A.size, B.size) ||
          ov < 0.5 * std::min(A.box.width(), B.box.width()))
        continue;
      // Nothing may stand between a headline and its deck or kicker: a date line or section
      // name under a masthead keeps the masthead off the first headline.
      bool between = false;
      for (size_t k = 0; k < all.size() && !between; ++k) {
        const auto& M = all[k].box;
        between =
            k != i && k != j && all[k].page == A.page && M.y0 >= A.box.y1 - 0.2 * S &&
            M.y1 <= B.box.y0 + 0.2 * S &&
            overlap(M.x0, M.x1, std::min(A.box.x0, B.box.x0), std::max(A.box.x1, B.box.x1)) > 0;
      }
      if (between) continue;
      // B sits right under A: the smaller is a kicker (above) or a deck (below).
      if (B.size < A.size * 0.9) {
        B.type = BlockType::Subheadline;
        attached_to[j] = i;
      } else if (A.size < B.size * 0.9) {
        A.type = BlockType::Kicker;
        attached_to[i] = j;
      } else {
        B.type = BlockType::Headline;
        attached_to[j] = i;
      }
    }
  }
  for (size_t i : heads)
    if (attached_to[i] != kNone) all[i].level = 0;
  heads.erase(
      std::remove_if(heads.begin(), heads.end(), [&](size_t i) { return all[i].level != 1; }),
      heads.end());

  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].level == 1 || attached_to[i] != kNone) continue;
    double margin = 1;
    all[i].owner = owner_of(i, 1, &margin);
    all[i].margin = margin;
  }
  // Blocks already placed in a labelled strip's items: later passes leave them be.
  std::vector<char> in_item(all.size(), 0);
  // A label (a heading whose nearest block below is a bold heading, not text): the bold
  // headings under it start articles of their own. Elsewhere they are sub-heads.
  for (size_t h : heads) {
    if (all[h].level != 1) continue;
    // The first block under it: the topmost, the leftmost of those level with it.
    size_t first = kNone;
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].owner != h || all[i].type != BlockType::Paragraph) continue;
      if (first == kNone || all[i].box.y0 < all[first].box.y0 - 0.8 * S ||
          (all[i].box.y0 < all[first].box.y0 + 0.8 * S && all[i].box.x0 < all[first].box.x0))
        first = i;
    }
    if (first == kNone || all[first].level != 2) continue;
    // An item's heading has its text right under it; a bold line with nothing under it under
    // a masthead (a section name) makes no strip.
    bool heads_text = false;
    for (size_t j = 0; j < all.size() && !heads_text; ++j) {
      const auto& F = all[first].box;
      const auto& n = all[j];
      heads_text =
          j != first && n.page == all[first].page && n.box.y0 >= F.y1 - 0.3 * S &&
          n.box.y0 - F.y1 < 1.5 * S &&
          overlap(n.box.x0, n.box.x1, F.x0, F.x1) > 0.5 * std::min(n.box.width(), F.width());
    }
    if (!heads_text) continue;
    all[h].furniture = true;  // a section label
    // Its strip: what lies below it and from its left edge on, whether under the label or
    // under a headline above it (a label is often set over the first column only).
    const Box L = all[h].box;
    auto in_strip = [&](size_t i) {
      const auto& b = all[i];
      if (i == h || b.page != all[h].page || b.box.y0 < L.y1 - 0.5 * S || b.box.x0 < L.x0 - S)
        return false;
      return b.owner == h || b.owner == kNone || all[b.owner].box.y1 < L.y0;
    };
    std::vector<size_t> strip;
    for (size_t i = 0; i < all.size(); ++i)
      if (in_strip(i) && all[i].level != 1 && attached_to[i] == kNone) strip.push_back(i);
    segment_strip(all, strip, in_item);
  }
  for (auto& b : all)
    if (b.level == 2) b.type = BlockType::Subhead;

  // A headline shorter than its story's columns: the column right of the story's text, level
  // with it, belongs to that story rather than to a headline farther up.
  for (bool moved = true; moved;) {
    moved = false;
    for (size_t i = 0; i < all.size(); ++i) {
      auto& b = all[i];
      if (b.level == 1 || attached_to[i] != kNone || b.furniture || in_item[i]) continue;
      for (size_t j = 0; j < all.size(); ++j) {
        const auto& n = all[j];
        if (j == i || in_item[j] || n.page != b.page || n.owner == kNone || n.owner == b.owner ||
            all[n.owner].box.y1 > b.box.y0 + 0.5 * S)
          continue;
        if (n.box.x1 > b.box.x0 + S || n.box.x1 < b.box.x0 - 3 * S ||
            std::fabs(n.box.y0 - b.box.y0) > 2 * S)
          continue;
        // A column rule between them: modules set side by side.
        if (rule_between_columns(rules[b.page], n.box, b.box, S)) continue;
        // Only from a headline of an earlier row: wholly above the neighbour's.
        if (b.owner != kNone && all[b.owner].box.y1 >= all[n.owner].box.y0) continue;
        b.owner = n.owner;
        b.margin = std::min(b.margin, 0.85);
        moved = true;
      }
    }
  }

  // A story set between a headline and a block cuts the headline's reach: a block whose
  // nearest neighbour above in its column belongs to a story headed lower down than its own
  // headline (a jump line or a last short column below a headline narrower than its text)
  // goes with that story.
  for (size_t i = 0; i < all.size(); ++i) {
    auto& b = all[i];
    if (b.level == 1 || attached_to[i] != kNone || b.furniture || in_item[i] || b.owner == kNone)
      continue;
    size_t above = kNone;
    for (size_t j = 0; j < all.size(); ++j) {
      const auto& n = all[j];
      if (j == i || in_item[j] || n.page != b.page || n.level != 0 || n.furniture ||
          attached_to[j] != kNone || n.owner == kNone || n.box.y1 > b.box.y0 + 0.3 * S)
        continue;
      if (overlap(n.box.x0, n.box.x1, b.box.x0, b.box.x1) <
          0.5 * std::min(n.box.width(), b.box.width()))
        continue;
      if (above == kNone || n.box.y1 > all[above].box.y1) above = j;
    }
    if (above == kNone) continue;
    size_t p = all[above].owner;
    if (p == b.owner || all[above].box.y1 < all[b.owner].box.y1 ||
        all[p].box.y0 < all[b.owner].box.y1 || b.box.y0 - all[above].box.y1 > 2 * S)
      continue;
    // A rule under the story above ends it.
    if (rule_between_rows(rules[b.page], all[above].box, b.box, S)) continue;
    b.owner = p;
    b.margin = std::min(b.margin, 0.85);
  }

  // A box drawn around blocks holds one story: with one headline inside it, every block inside
  // is that story's (a sidebar whose headline is narrower than its text). Innermost box first.
  std::vector<char> boxed(all.size(), 0);
  for (size_t pg = 1; pg < all_rules.size(); ++pg) {
    for (const Box& bx : ruled_boxes(all_rules[pg], S)) {
      size_t head = kNone;
      int inside = 0;
      for (size_t h : heads)
        if (all[h].page == static_cast<int>(pg) && all[h].level == 1 && !all[h].furniture &&
            box_inside(all[h].box, bx, 0.5 * S))
          head = h, ++inside;
      if (inside != 1) continue;
      for (size_t i = 0; i < all.size(); ++i) {
        auto& b = all[i];
        if (b.page != static_cast<int>(pg) || b.level == 1 || attached_to[i] != kNone ||
            b.furniture || in_item[i] || boxed[i] || !box_inside(b.box, bx, 0.5 * S))
          continue;
        boxed[i] = 1;
        b.owner = head;
        b.margin = 1.0;
      }
    }
  }

  // Headings that own nothing are furniture (masthead, section title, banner).
  std::vector<size_t> owned(all.size(), 0);
  for (auto& b : all)
    if (b.owner != kNone) owned[b.owner] += b.lines.size();
  for (size_t i = 0; i < all.size(); ++i)
    if (all[i].level == 1 && owned[i] == 0) all[i].furniture = true;
  for (size_t i = 0; i < all.size(); ++i)
    if (attached_to[i] != kNone && all[attached_to[i]].furniture) all[i].furniture = true;

  // Blocks with no heading over them: page furniture when short and near the top, else text
  // that continues the article beside it (turned around a picture or into the next column).
  for (size_t i = 0; i < all.size(); ++i) {
    auto& b = all[i];
    if (b.level == 1 || attached_to[i] != kNone || b.owner != kNone || in_item[i]) continue;
    double H = page_height[b.page];
    size_t chars = 0;
    for (auto& l : b.lines) chars += u32(l.text).size();
    if (b.lines.size() <= 2 && (b.box.y1 < 0.2 * H || b.box.y0 > 0.9 * H || chars < 30)) {
      b.furniture = true;
      continue;
    }
    // The article of the block that ends nearest to the left of this one, or above it.
    size_t best = kNone;
    double best_d = 1e9;
    for (size_t j = 0; j < all.size(); ++j) {
      const auto& o = all[j];
      if (j == i || o.page != b.page || o.owner == kNone) continue;
      if (rule_between_columns(rules[b.page], o.box, b.box, S)) continue;
      double dx = b.box.x0 - o.box.x1;
      double dy_ov = overlap(o.box.y0, o.box.y1, b.box.y0, b.box.y1);
      if (dx > -S && dx < 3 * S && dy_ov > 0) {
        double d = dx;
        if (d < best_d) best_d = d, best = j;
      }
    }
    if (best != kNone) {
      b.owner = all[best].owner;
      // On a ruled page, text beside a story's column with no rule between them, nor between
      // it and the story's headline, sits in the story's ruled module: its column beyond a
      // short headline, not a guess.
      bool same_module =
          !rules[b.page].empty() && !rule_between_rows(rules[b.page], all[b.owner].box, b.box, S);
      b.orphan = !same_module;
      b.margin = same_module ? 0.85 : 0.5;
    }
  }
  // Whatever is left has neither headline nor neighbour: an article without a headline.

  // Block types in the body.
  for (size_t i = 0; i < all.size(); ++i) {
    auto& b = all[i];
    if (b.furniture || b.level == 1 || attached_to[i] != kNone || b.type == BlockType::Subhead ||
        in_item[i])
      continue;
    std::string first = b.lines.front().text;
    if (b.lines.size() <= 2 && looks_like_byline(first))
      b.type = BlockType::Byline;
    else if (b.size < 0.93 * S)
      b.type = BlockType::Caption;
    else if (b.size > 1.1 * S)
      b.type = BlockType::Caption;  // a pull quote: part of the article, not its body
    else if (b.lines.size() == 1 && looks_like_jump(first))
      b.type = BlockType::SignOff;
  }

  // Articles: one per owning heading (its kicker and deck with it), then headless ones.
  std::vector<size_t> order;
  for (size_t i = 0; i < all.size(); ++i)
    if (!all[i].furniture && ((all[i].level == 1 && owned[i] > 0) ||
                              (all[i].level == 0 && all[i].owner == kNone &&
                               attached_to[i] == kNone && all[i].type != BlockType::Subhead)))
      order.push_back(i);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (all[a].page != all[b].page) return all[a].page < all[b].page;
    if (std::fabs(all[a].box.y0 - all[b].box.y0) > 2 * S) return all[a].box.y0 < all[b].box.y0;
    return all[a].box.x0 < all[b].box.x0;
  });
  // A headless text block that runs on from one with a heading joins it.
  for (size_t a : order) {
    LaidArticle art;
    std::vector<size_t> members;
    bool headed = all[a].level == 1;
    if (headed) {
      for (size_t i = 0; i < all.size(); ++i)
        if (attached_to[i] == a && all[i].type == BlockType::Kicker) members.push_back(i);
      if (all[a].type != BlockType::Kicker) all[a].type = BlockType::Headline;
      members.push_back(a);
      for (size_t i = 0; i < all.size(); ++i)
        if (attached_to[i] == a && all[i].type != BlockType::Kicker) members.push_back(i);
      for (size_t i = 0; i < all.size(); ++i)
        if (attached_to[i] == kNone && attached_to[a] == kNone) {
        }
    }
    size_t nhead = members.size();
    std::vector<size_t> body;
    for (size_t i = 0; i < all.size(); ++i)
      if (!all[i].furniture && (i == a ? !headed : all[i].owner == a)) body.push_back(i);
    // Reading order: columns left to right, top to bottom in each.
    std::sort(body.begin(), body.end(), [&](size_t x, size_t y) {
      double cx = all[x].box.x0, cy = all[y].box.x0;
      if (overlap(all[x].box.x0, all[x].box.x1, all[y].box.x0, all[y].box.x1) >
          0.5 * std::min(all[x].box.width(), all[y].box.width()))
        return all[x].box.y0 < all[y].box.y0;
      return cx < cy;
    });
    // Bylines right under the heading come first.
    std::stable_partition(body.begin(), body.end(),
                          [&](size_t x) { return all[x].type == BlockType::Byline; });
    members.insert(members.end(), body.begin(), body.end());
    double conf = headed ? 0.95 : 0.55;
    if (!headed) art.notes.push_back("no headline over this text");
    size_t body_lines = 0;
    for (size_t m : body) {
      if (all[m].type == BlockType::Paragraph) body_lines += all[m].lines.size();
      if (all[m].orphan) {
        conf = std::min(conf, 0.6);
        art.notes.push_back("text beside the article, not under its headline, joined to it");
      } else if (all[m].margin < 0.8 && all[m].margin != 0.85) {
        // Mostly right on the real pages measured when most of the block is under the
        // headline (a column a little wider than it); less than half under it often is not.
        conf = std::min(conf, all[m].margin >= 0.5 ? 0.8 : 0.7);
        if (art.notes.empty() || art.notes.back() != "a block only partly under the headline")
          art.notes.push_back("a block only partly under the headline");
      }
    }
    if (headed && all[a].size < 1.35 * S) conf = std::min(conf, 0.85);
    if (body_lines < 3) {
      conf = std::min(conf, 0.6);
      art.notes.push_back("little body text");
    }
    art.confidence = conf;
    for (size_t k = 0; k < members.size(); ++k) {
      const auto& b = all[members[k]];
      LaidBlock lb;
      lb.type = k < nhead && b.type == BlockType::Paragraph ? BlockType::Headline : b.type;
      lb.lines = b.lines;
      lb.box = b.box;
      lb.starts = b.type == BlockType::Paragraph ? paragraph_starts(b.lines, b.box)
                                                 : std::vector<bool>(b.lines.size(), false);
      if (!lb.starts.empty()) lb.starts[0] = true;
      art.blocks.push_back(std::move(lb));
    }
    out.articles.push_back(std::move(art));
  }

  for (auto& b : all)
    if (b.furniture)
      for (auto& l : b.lines) out.furniture.push_back(l);
  std::stable_sort(out.furniture.begin(), out.furniture.end(),
                   [](const PdfLine& a, const PdfLine& b) {
                     return a.page < b.page || (a.page == b.page && a.box.y0 < b.box.y0);
                   });
  // The date line: the first date printed in the furniture of the first page's top fifth.
  std::string top;
  for (auto& l : out.furniture)
    if (l.page == pages.front().number && l.box.y1 < 0.25 * pages.front().height)
      top += l.text + " ";
  out.date = find_printed_date(top);
  if (!out.date) out.date = find_split_date(top);
  if (debug)
    for (size_t i = 0; i < all.size(); ++i)
      debug_block(all[i].furniture ? "furniture" : "block", all[i]);
  return out;
}

}  // namespace tally::parse
