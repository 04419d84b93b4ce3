#include "parse/page_units.hpp"

#include <re2/re2.h>
#include <utf8proc.h>

#include <algorithm>

#include "text/utf8.hpp"

namespace tally::parse::detail {

namespace {

// A heading line: no clause punctuation, no sentence end, no quote left open, and short: 32
// characters. `wide_latin`: 64 in a line without wide characters, for an English headline over
// a drop cap (elsewhere a line of 33-64 characters is as likely a line of figures, "Shr loss
// nine cts vs loss 1.92 dlrs", as a headline).
bool heading_like(const Line& l, bool wide_latin = false) {
  bool narrow = l.chars <= 32 || (wide_latin && l.width == l.chars && l.chars <= 64);
  return !l.clause_punct && !ends_sentence(l) && !l.open_quote && !l.spaced && narrow &&
         l.chars >= 2 && l.letters;
}

// A block that begins in lower case goes on from a sentence: it never opens with a heading
// (a dek's second line may begin in lower case).
bool starts_lower(const Line& l) {
  return l.first >= 'a' && l.first <= 'z';
}

// A letter's signature: "Ann Lee," (over the writer's town), "B.S. Yadav,": up to five words,
// each a capital then letters, dots, apostrophes or hyphens, set apart by blanks, the last
// right before the comma that ends the line (the pattern
// ^(?:\p{Lu}[\pL.’'-]*\s+){0,4}\p{Lu}[\pL.’'-]*,$ written out: compiling it with RE2's letter
// classes was 33 M instructions, a tenth of parsing a file of English copy, and a call into it
// thousands per line).
bool signature_line(std::string_view s) {
  if (s.empty() || s.back() != ',') return false;
  auto category = [](char32_t cp) { return utf8proc_category(static_cast<utf8proc_int32_t>(cp)); };
  auto upper = [&](char32_t cp) {
    return cp < 0x80 ? cp >= 'A' && cp <= 'Z' : category(cp) == UTF8PROC_CATEGORY_LU;
  };
  auto word_char = [&](char32_t cp) {
    if (cp < 0x80)
      return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || cp == '.' || cp == '\'' ||
             cp == '-';
    if (cp == U'’') return true;
    auto c = category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT ||
           c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_LO;
  };
  // RE2's \s: ASCII blanks, not \v.
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; };
  const size_t comma = s.size() - 1;
  size_t pos = 0;
  for (int words = 1; words <= 5; ++words) {
    auto d = text::decode_at(s, pos);
    if (!d.size || !upper(d.cp)) return false;
    pos += d.size;
    while (pos < comma) {
      d = text::decode_at(s, pos);
      if (!d.size || !word_char(d.cp)) break;
      pos += d.size;
    }
    if (pos == comma) return true;
    if (!blank(s[pos])) return false;
    while (pos < comma && blank(s[pos])) ++pos;
  }
  return false;
}

// The first line of a story: a dateline or credit line that opens news copy. (Tried only on
// text opening as every match does: most paragraphs do not.)
bool story_opening(std::string_view s) {
  auto opens = [&](std::string_view w) { return s.substr(0, w.size()) == w; };
  // (The pattern's plain words answer on their own: it is compiled, about 3 M instructions,
  // only for the two ways that need it, 本报…电 and "By" and a capital.)
  if (opens("本报讯") || opens("新华社") || opens("据新华社") || opens("本报记者")) return true;
  if (!opens("本报") && !opens("By ")) return false;
  static const RE2 opening(R"(^(?:本报讯|本报\p{Han}{0,6}电|新华社|据新华社|本报记者|By \p{Lu}))");
  return RE2::PartialMatch(s, opening);
}

// Whether `t` ends in a closing bracket, as a sign-off "（潘源）" does: the sign-off pattern is
// tried only then (searching every paragraph for it was a scan of all the text).
bool closes_bracket(std::string_view t) {
  auto ends = [&](std::string_view w) {
    return t.size() >= w.size() && t.substr(t.size() - w.size()) == w;
  };
  return ends(")") || ends("）");
}

int percentile_width(std::vector<int> w, double p) {
  if (w.empty()) return 0;
  std::sort(w.begin(), w.end());
  return w[std::min(w.size() - 1, static_cast<size_t>(p * static_cast<double>(w.size())))];
}

struct RawBlock {
  std::vector<uint32_t> lines;
  LineRole role = LineRole::Text;
  int gap_before = 0;
  int column = 0;
  int flow_column = 0;  // the column of the running text around it
};

std::vector<RawBlock> raw_blocks(const std::vector<Line>& lines) {
  std::vector<RawBlock> out;
  int gap = 0;
  bool prev_text = false;
  for (uint32_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    if (l.role == LineRole::Blank) {
      ++gap;
      prev_text = false;
      continue;
    }
    if (l.role == LineRole::Text && prev_text) {
      out.back().lines.push_back(i);
    } else {
      out.push_back({{i}, l.role, gap, 0, 0});
    }
    prev_text = l.role == LineRole::Text;
    gap = 0;
  }
  return out;
}

// Column width of each multi-line block; short blocks borrow the nearest one's.
void estimate_columns(std::vector<RawBlock>& blocks, const std::vector<Line>& lines) {
  for (auto& b : blocks) {
    if (b.role != LineRole::Text || b.lines.size() < 3) continue;
    std::vector<int> w;
    for (size_t k = 0; k + 1 < b.lines.size(); ++k) w.push_back(lines[b.lines[k]].width);
    b.column = percentile_width(w, 0.75);
  }
  int last = 0;
  for (auto& b : blocks)
    if (b.column)
      last = b.column;
    else
      b.column = last;
  int next = 0;
  for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) {
    if (it->role == LineRole::Text && it->lines.size() >= 3) next = it->column;
    if (it->column == 0) it->column = next;
  }
  for (auto& b : blocks) {
    b.flow_column = b.column;
    if (b.role != LineRole::Text || b.lines.size() != 2) continue;
    b.column = std::max({b.column, lines[b.lines[0]].width, lines[b.lines[1]].width});
  }
}

UnitKind kind_of(LineRole r) {
  switch (r) {
    case LineRole::PageHeader:
      return UnitKind::PageHeader;
    case LineRole::SectionLetter:
      return UnitKind::SectionLetter;
    case LineRole::Byline:
      return UnitKind::Byline;
    case LineRole::Caption:
      return UnitKind::Caption;
    case LineRole::Credit:
      return UnitKind::Credit;
    case LineRole::Name:
      return UnitKind::Name;
    default:
      return UnitKind::Text;
  }
}

}  // namespace

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

namespace {

// How often `word` occurs in `page` (lowercased) as a word of its own.
int word_count(const std::string& page, const std::string& word) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (word.empty()) return 0;
  int n = 0;
  for (size_t at = page.find(word); at != std::string::npos; at = page.find(word, at + 1)) {
    bool left = at == 0 || !letter(page[at - 1]);
    bool right = at + word.size() >= page.size() || !letter(page[at + word.size()]);
    if (left && right) ++n;
  }
  return n;
}

}  // namespace

bool drop_cap_joins(const std::string& page, char letter, std::string_view line) {
  size_t n = 0;
  while (n < line.size() && line[n] >= 'a' && line[n] <= 'z') ++n;
  std::string tail(line.substr(0, n));
  std::string whole = ascii_lower(std::string(1, letter) + tail);
  // The rest stands as a word once on the page by itself (the line the drop cap opens).
  return !((letter == 'A' || letter == 'I') && word_count(page, tail) >= 2 &&
           word_count(page, whole) == 0);
}

namespace {

// A drop cap: a capital letter on a line of its own, printed beside the paragraph it opens,
// which pdftotext puts before that paragraph's first line ("W", blank, "hen India…"). It joins
// the Text unit right after it when that unit begins in lower case. The letter is a word of its
// own only for "A" and "I" when the page uses the rest as a word and not the letter with it
// ("A" + "rise" is "A rise"; "I" + "ndia" is "India").
void merge_drop_caps(std::string_view bytes, const std::vector<Line>& lines,
                     std::vector<Unit>& units) {
  std::string page;  // lowercased once, only when the page has a drop cap
  std::vector<Unit> out;
  for (size_t k = 0; k < units.size(); ++k) {
    auto& u = units[k];
    bool cap = u.kind == UnitKind::SectionLetter && u.lines.size() == 1 && k + 1 < units.size();
    if (cap) {
      const auto& next = units[k + 1];
      const auto& first = lines[next.lines.front()];
      cap = next.kind == UnitKind::Text && next.gap_before <= 1 && first.first >= 'a' &&
            first.first <= 'z';
    }
    if (!cap) {
      out.push_back(std::move(u));
      continue;
    }
    auto& next = units[k + 1];
    const auto& line = lines[next.lines.front()];
    if (page.empty()) page = ascii_lower(bytes);
    next.drop_cap_word = drop_cap_joins(page, bytes[lines[u.lines.front()].span.begin],
                                        bytes.substr(line.span.begin, line.span.size()));
    next.lines.insert(next.lines.begin(), u.lines.front());
    next.gap_before = u.gap_before;
    next.drop_cap = true;
    next.joined = false;  // a drop cap opens an article's text: it continues nothing
  }
  units = std::move(out);
}

// A sidebar set in a narrow measure between the columns of running text: an author's bio
// ("Vincent / Arockiasamy / Clinical Assistant / Professor of …"), a pull quote. Its lines,
// none ending a sentence at the block's end, are under 60% of the running text's width on both
// sides. pdftotext prints it between two lines of one paragraph; as a caption it does not
// break that paragraph, nor head or end an article.
bool sidebar(const std::vector<RawBlock>& blocks, size_t bi, const std::vector<Line>& lines) {
  const auto& b = blocks[bi];
  if (b.lines.size() < 3 || ends_sentence(lines[b.lines.back()])) return false;
  int widest = 0;
  for (auto li : b.lines) widest = std::max(widest, lines[li].width);
  // The running text's width: the widest of the next few long blocks that way (another
  // sidebar may stand in between).
  auto flow = [&](size_t from, int step) {
    int w = 0, seen = 0;
    for (auto k = static_cast<long>(from) + step;
         k >= 0 && k < static_cast<long>(blocks.size()) && seen < 4; k += step) {
      const auto& o = blocks[static_cast<size_t>(k)];
      if (o.role != LineRole::Text) continue;
      ++seen;
      if (o.lines.size() >= 6) w = std::max(w, o.column);
    }
    return w;
  };
  int before = flow(bi, -1), after = flow(bi, 1);
  return before > 0 && after > 0 && widest * 10 < before * 6 && widest * 10 < after * 6;
}

}  // namespace

bool label_text(std::string_view t) {
  if (text::count_code_points(t) <= 5) return true;
  int upper = 0;
  for (char c : t) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  // Several words in capitals, or one ("ECONOMY", "HEALTH"): a headline in capitals is rare,
  // a section label or kicker in them common.
  return upper >= 6 || (upper >= 4 && static_cast<size_t>(upper) == t.size());
}

std::vector<text::Segment> line_segments(const std::vector<Line>& lines, const Unit& u) {
  std::vector<text::Segment> segs;
  for (size_t k = 0; k < u.lines.size(); ++k) {
    bool filled = k > 0 && lines[u.lines[k - 1]].width * 100 >= u.column * 85;
    // A drop cap joins its word without a break ("W" + "hen"), or stands as one ("A" + "rise").
    bool glued = u.drop_cap && k == 1 && u.drop_cap_word;
    segs.push_back({lines[u.lines[k]].span, !glued, filled});
  }
  return segs;
}

bool is_hard_wrapped(const std::vector<Line>& lines) {
  std::vector<int> w;
  size_t prose = 0, ended = 0;
  for (const auto& l : lines) {
    if (l.role != LineRole::Text) continue;
    w.push_back(l.width);
    if (dek_like(l)) continue;  // no punctuation to judge by
    ++prose;
    if (ends_sentence(l)) ++ended;
  }
  if (percentile_width(w, 0.5) > 100) return false;
  // A typed draft of short paragraphs is as narrow as a print column, but nearly every line of
  // its prose ends a sentence, where a column breaks most lines mid-sentence.
  return !(prose >= 2 && ended * 10 >= prose * 9);
}

std::vector<Unit> build_units(std::string_view bytes, const std::vector<Line>& lines_in,
                              bool hard_wrapped, ParseMemo* memo) {
  auto lines = lines_in;
  // A name or byline pattern inside running text is just text.
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].role != LineRole::Name) continue;
    bool blank_before = i == 0 || lines[i - 1].role == LineRole::Blank;
    bool blank_after = i + 1 == lines.size() || lines[i + 1].role == LineRole::Blank;
    if (!blank_before || !blank_after) lines[i].role = LineRole::Text;
  }
  auto blocks = raw_blocks(lines);
  estimate_columns(blocks, lines);

  std::vector<Unit> units;
  int last_text = -1;    // index of the last Text unit
  int top_headings = 0;  // typed drafts: heading lines above the first Text unit
  auto prev_open = [&] { return last_text >= 0 && units[static_cast<size_t>(last_text)].open; };
  auto emit = [&](UnitKind kind, std::vector<uint32_t> ls, int gap, int column) {
    Unit u;
    u.kind = kind;
    u.lines = std::move(ls);
    u.gap_before = gap;
    u.column = column;
    if (kind == UnitKind::Text) {
      const auto& tail = lines[u.lines.back()];
      u.open = !ends_sentence(tail);
      u.joined = prev_open();
      // A letter's signature: "Ann Lee," over "Harbour Town", after a paragraph that ended.
      const auto& head = lines[u.lines.front()];
      if (u.lines.size() <= 3 && last_text >= 0 && !prev_open() &&
          signature_line(bytes.substr(head.span.begin, head.span.size()))) {
        u.signoff = true;
        u.open = false;  // a name and a place: nothing runs on from it
      }
      last_text = static_cast<int>(units.size());
    }
    units.push_back(std::move(u));
  };

  for (size_t bi = 0; bi < blocks.size(); ++bi) {
    const auto& b = blocks[bi];
    if (b.role != LineRole::Text) {
      emit(kind_of(b.role), b.lines, b.gap_before, b.column);
      continue;
    }
    if (hard_wrapped && sidebar(blocks, bi, lines)) {
      emit(UnitKind::Caption, b.lines, b.gap_before, b.column);
      continue;
    }
    const int W = b.column;
    if (!hard_wrapped) {
      // One paragraph per line: a short line without prose punctuation is a heading. Above the
      // copy, the headline and the line right under it may be longer (an English headline, a
      // dek): otherwise a dek without a full stop would run on into the first paragraph.
      int gap = b.gap_before;
      for (auto li : b.lines) {
        const auto& l = lines[li];
        bool top = last_text < 0 && top_headings < 2 &&
                   (top_headings == 0 || (units.back().kind == UnitKind::Heading && gap <= 1));
        bool heading = heading_like(l) || (top && dek_like(l));
        if (heading && last_text < 0) ++top_headings;
        emit(heading ? UnitKind::Heading : UnitKind::Text, {li}, gap, W);
        gap = 0;
      }
      continue;
    }
    size_t n = b.lines.size();
    const auto& first = lines[b.lines[0]];
    // A wrapped paragraph that ran on over a blank line: the line continues it when it is as
    // wide as the column (a heading is narrower), or when it reads like prose.
    bool continues =
        prev_open() && (first.width * 100 >= W * 85 || !heading_like(first) || starts_lower(first));
    // English headline and dek may take four lines between blanks.
    bool latin = std::all_of(b.lines.begin(), b.lines.end(),
                             [&](uint32_t li) { return lines[li].width == lines[li].chars; });
    // A drop cap below marks a headline (one that does not go on from the text above).
    bool cap_next =
        latin && bi + 1 < blocks.size() && blocks[bi + 1].role == LineRole::SectionLetter;
    if (cap_next && n <= 4) continues = false;
    // (An English headline over a drop cap may hold a comma: "India at 80, a democracy in
    // search of renewal"; elsewhere a line with a comma is prose or a list item.)
    // (Nor is a letter-spaced line a paragraph in a block of two lines at most: "中 国 海 油
    // 党 组 召 开" is a headline set wide.)
    auto heading_line = [&](uint32_t li) {
      const auto& l = lines[li];
      if (heading_like(l, cap_next)) return true;
      Line plain = l;
      plain.clause_punct = plain.clause_punct && !cap_next;
      plain.spaced = plain.spaced && n > 2;
      return heading_like(plain, cap_next);
    };
    bool all_heading = n <= (latin ? 4u : 3u) && !starts_lower(first) &&
                       std::all_of(b.lines.begin(), b.lines.end(), heading_line);
    // A last line as wide as the running text is the first line of a paragraph under a
    // one-line sub-head, unless a byline below marks the block as a headline.
    bool byline_next =
        bi + 1 < blocks.size() && (blocks[bi + 1].role == LineRole::Byline || cap_next);
    if (n >= 2 && !byline_next && lines[b.lines.back()].width * 100 >= b.flow_column * 85)
      all_heading = false;
    // Text below that begins in lower case goes on from this block: it is not a heading.
    if (bi + 1 < blocks.size() && blocks[bi + 1].role == LineRole::Text &&
        starts_lower(lines[blocks[bi + 1].lines.front()]))
      all_heading = false;
    if (all_heading && !continues) {
      // A first line wider than the headline and dek under it is another story's headline,
      // set across the top of several columns.
      int rest = 0;
      for (size_t j = 1; j < n; ++j) rest = std::max(rest, lines[b.lines[j]].width);
      const auto& top = lines[b.lines[0]];
      // A section label in capitals over the headline is a unit of its own.
      bool caps_label =
          n >= 2 && top.chars > 5 && label_text(bytes.substr(top.span.begin, top.span.size()));
      if (caps_label || (latin && n >= 3 && top.width * 100 >= rest * 105)) {
        emit(UnitKind::Heading, {b.lines[0]}, b.gap_before, W);
        emit(UnitKind::Heading, {b.lines.begin() + 1, b.lines.end()}, 0, W);
        continue;
      }
      emit(UnitKind::Heading, b.lines, b.gap_before, W);
      continue;
    }
    size_t i = 0;
    while (!continues && !starts_lower(first) && i + 1 < n && heading_like(lines[b.lines[i]]) &&
           lines[b.lines[i]].width * 100 <= W * 72)
      ++i;
    // A line right above a story's opening ("本报讯…", "新华社…", "By …") is its headline, however
    // wide: the opening says a story starts under it.
    if (!continues && i == 0 && n >= 2 && heading_like(first) && first.width <= W &&
        story_opening(bytes.substr(lines[b.lines[1]].span.begin, lines[b.lines[1]].span.size())))
      i = 1;
    int gap = b.gap_before;
    if (i > 0) {
      emit(UnitKind::Heading, {b.lines.begin(), b.lines.begin() + static_cast<long>(i)}, gap, W);
      gap = 0;
    }
    size_t start = i;
    for (size_t j = i; j < n; ++j) {
      const auto& l = lines[b.lines[j]];
      bool short_end = ends_sentence(l) && l.width + 4 < W;
      bool signed_next = j + 1 < n && ends_sentence(l) &&
                         signature_line(bytes.substr(lines[b.lines[j + 1]].span.begin,
                                                     lines[b.lines[j + 1]].span.size()));
      if (j + 1 < n && !short_end && !signed_next) continue;
      emit(UnitKind::Text,
           {b.lines.begin() + static_cast<long>(start), b.lines.begin() + static_cast<long>(j + 1)},
           gap, W);
      gap = 0;
      start = j + 1;
    }
  }

  merge_drop_caps(bytes, lines, units);

  // (Compiled on first use, past closes_bracket: copy without a sign-off need not pay for it.)
  auto signoff = [] {
    static const RE2 re(R"([。！？”…]\s*[（(]\p{Han}{2,5}[）)]$)");
    return &re;
  };
  for (size_t k = 0; k < units.size(); ++k) {
    auto& u = units[k];
    const auto& a = lines[u.lines.front()];
    const auto& z = lines[u.lines.back()];
    u.span = {a.span.begin, z.span.end};
    u.gap_after = k + 1 < units.size() ? units[k + 1].gap_before : 2;
    auto segs = line_segments(lines, u);
    u.text = memo ? memo->logical_text(bytes, segs) : text::build_logical_text(bytes, segs);
    if (u.kind == UnitKind::Text) {
      for (size_t k = 0; k + 1 < u.lines.size() && hard_wrapped; ++k) {
        const auto& l = lines[u.lines[k]];
        // (CJK lines only: set solid, they fill the measure; an English line may stop short
        // before a long word, or hold a hyphenated break pdftotext kept.)
        bool wide = l.width > l.chars;
        if (wide && l.width * 2 < u.column && !ends_sentence(l)) u.short_inside = true;
      }
      u.signoff =
          u.signoff || (closes_bracket(u.text.text) && RE2::PartialMatch(u.text.text, *signoff()));
      u.opening = story_opening(u.text.text);
    }
  }
  // Photo captions: a short, complete sentence standing alone between larger gaps.
  for (size_t k = 0; k < units.size(); ++k) {
    auto& u = units[k];
    if (u.kind != UnitKind::Text || u.open || u.joined || u.signoff) continue;
    const auto& t = u.text.text;
    // (The byte tests first: counting code points walks the whole text.)
    if (t.size() < 4 || t.size() > 30 * 4 || t.compare(t.size() - 3, 3, "。") != 0) continue;
    size_t chars = text::count_code_points(t);
    if (chars < 4 || chars > 30) continue;
    if (t.find("，") != std::string::npos || t.find(',') != std::string::npos) continue;
    bool alone = hard_wrapped ? (u.lines.size() == 1 && chars <= 20 && u.gap_before >= 1)
                              : (u.gap_before >= 2 || u.gap_after >= 2);
    if (alone) u.kind = UnitKind::Caption;
  }
  return units;
}

}  // namespace tally::parse::detail
