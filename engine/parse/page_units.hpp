#pragma once
// First pass of the page parser: physical lines grouped into units (a heading, a byline, a run of
// body text, a caption …) using layout only: line widths, blank lines, punctuation.
#include <string>
#include <string_view>
#include <vector>

#include "parse/lines.hpp"
#include "parse/parse_memo.hpp"
#include "parse/similarity.hpp"
#include "text/logical_text.hpp"

namespace tally::parse::detail {

enum class UnitKind { PageHeader, SectionLetter, Heading, Byline, Caption, Credit, Name, Text };

struct Unit {
  UnitKind kind = UnitKind::Text;
  std::vector<uint32_t> lines;  // indices into the page's lines
  int gap_before = 0;           // blank lines before the unit
  int gap_after = 0;
  bool open = false;     // Text: its last sentence runs on past its last line
  bool joined = false;   // Text: continues the paragraph of the previous Text unit
  bool signoff = false;  // Text: ends with an author's sign-off such as "（潘源）"
  bool opening = false;  // Text: opens a story with a dateline or credit ("本报讯…", "By …")
  int column = 0;        // estimated column width, display columns (hard-wrapped pages)
  // Text: a CJK line inside it stops at under half the column without ending a sentence, where a
  // hard-wrapped paragraph runs to the column's edge: its text was broken there.
  bool short_inside = false;
  // Text: its first line is a drop cap ("W" over "hen India…"); `drop_cap_word`: the letter
  // and the text's first letters are one word ("When"), not two ("A rise").
  bool drop_cap = false;
  bool drop_cap_word = false;
  Span span;
  text::LogicalText text;  // (its terms are counted when article assembly needs them)
};

// `hard_wrapped`: the page keeps its print line breaks (columns of ~10–40 characters) rather
// than one paragraph per line.
// `memo`: the logical texts of an earlier parse of the document, or nullptr.
std::vector<Unit> build_units(std::string_view bytes, const std::vector<Line>& lines,
                              bool hard_wrapped, ParseMemo* memo = nullptr);

// Whether a heading line reads as a section label above a headline: a few characters ("散文",
// "法治聚焦") or a line in capitals ("LETTERS TO THE EDITOR").
bool label_text(std::string_view t);

// Whether a drop cap `letter` and the first letters of `line` are one word ("W" + "hen"), not
// two ("A" + "rise"): only "A" and "I" stand alone, when `page` (lowercased) uses the rest as a
// word and never the letter with it.
std::string ascii_lower(std::string_view s);
bool drop_cap_joins(const std::string& page, char letter, std::string_view line);

// The unit's lines as segments of its logical text. A break counts as a wrap inside the column
// (digits either side join in CJK copy) only after a line filled to the column's edge.
std::vector<text::Segment> line_segments(const std::vector<Line>& lines, const Unit& u);

// Whether a page keeps its print line breaks, judged from its line widths.
bool is_hard_wrapped(const std::vector<Line>& lines);

}  // namespace tally::parse::detail
