#pragma once
// Physical lines of a page and what each one looks like on its own, before context is used.
#include <cstdint>
#include <string_view>
#include <vector>

#include "text/span.hpp"

namespace tally::parse {

enum class LineRole {
  Blank,
  PageHeader,     // "2025/07/22 05法治聚焦", "责任编辑：…"
  SectionLetter,  // "A"
  Byline,  // "□本报记者 沈静芳", "本报记者●王祯", "检察长 刘劲松", "By Jane Doe"
  Caption,  // starts with ► ◀ ▲ …, or ends with a photographer's credit ("…本报记者 王明 摄")
  Credit,  // a line that is only "（自治区监狱管理局供稿）", or a jump line ("Continued on page 4")
  Name,    // two or three Han characters alone: the signature of a signed piece
  Text,
};

struct Line {
  uint32_t number = 0;  // 1-based
  Span span;            // content with surrounding blanks and the line terminator trimmed
  int width = 0;        // display columns (wide characters count two)
  int chars = 0;        // code points
  char32_t first = 0, last = 0;
  char32_t before_last = 0;
  bool clause_punct = false;  // contains ，。；、,; — prose, not a heading
  bool open_quote = false;    // opens a “ it does not close
  bool spaced = false;        // has three or more single spaces between CJK characters
  bool letters = false;       // has a letter or an ideograph: not only figures (a folio "8")
  LineRole role = LineRole::Blank;
};

std::vector<Line> split_lines(std::string_view bytes, uint32_t content_begin);

// Whether text ending in `before_last`, `last` ends a sentence: a full stop and its kin, or a
// closing quote or bracket right after one ("…说道。”"); a bare closing quote ends a title.
bool ends_sentence(char32_t before_last, char32_t last);
inline bool ends_sentence(const Line& l) {
  return ends_sentence(l.before_last, l.last);
}

// Whether a line of a typed draft can stand right under its headline as the subheadline (or
// open the draft as the headline): a text line without clause punctuation, sentence end, open
// quote or justification spaces, narrower than a typed paragraph (100 columns). Longer than a
// heading elsewhere may be (32 characters): English headlines and decks often are.
bool dek_like(const Line& l);

}  // namespace tally::parse
