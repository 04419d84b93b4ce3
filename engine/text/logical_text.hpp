#pragma once
// Logical text: what a paragraph says once the page's print layout is undone (hard wraps joined,
// justification spaces dropped, bold-doubled runs collapsed), with every character mapped back to
// the bytes it came from so findings land on the right place in the file the editor opened.
#include <string>
#include <string_view>
#include <vector>

#include "text/span.hpp"

namespace tally::text {

enum class RepairKind { DoubledText, SpacedChars };
const char* repair_kind_name(RepairKind k);

// One layout artifact undone while building logical text.
struct Repair {
  RepairKind kind;
  Span original;         // the affected bytes of the file
  std::string repaired;  // what the logical text holds for them
  // The bytes the repair took out, in file order, adjacent ones joined; deleting them from the
  // file leaves its line breaks where they were (a doubled run across a wrapped line), and
  // markup inside the span (Markdown `**金** 戈 铁 马`) where it was: for spaced characters,
  // the spaces.
  std::vector<Span> removed;
};

// A character of text with the original bytes it stands for. Synthetic characters (the space
// that replaces a line break between two Latin words) map to the break's bytes.
struct Ch {
  char32_t cp = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
};

// A run of original bytes to take as text. `after_break` marks a hard line break before it.
struct Segment {
  Span span;
  bool after_break = true;
  // The break is a wrap inside one column, the line before it filled to the column's edge: in
  // CJK copy, digits either side are one number split by the wrap. False across a column or
  // block boundary, or after a short line, where "78" and "1946" are two numbers.
  bool wrap_in_column = true;
};

struct LogicalText {
  // Logical bytes [logical, next piece's logical) stand for original bytes [begin, end). When
  // both have the same length they are the same characters byte for byte (a run of text taken
  // as it is, or a synthetic space standing for a one-byte break), and each byte maps to its
  // own; otherwise the piece is one character standing for those bytes as a whole. A piece per
  // code point took 12 bytes per character of every paragraph (issue 22).
  struct Piece {
    uint32_t logical = 0;  // byte offset in `text`
    uint32_t begin = 0;    // original bytes
    uint32_t end = 0;
  };
  std::string text;
  std::vector<Piece> pieces;  // in order, covering `text` from 0 without gaps
  std::vector<Repair> repairs;

  // The original bytes behind logical bytes [lbegin, lend).
  Span to_original(uint32_t lbegin, uint32_t lend) const;
  Span original() const { return to_original(0, static_cast<uint32_t>(text.size())); }
  // One piece per code point, as {logical, begin, end} of that character (tests, checks).
  std::vector<Piece> char_pieces() const;
  // Appends a character standing for original bytes [begin, end), joining it to the last piece
  // when it continues it byte for byte.
  void push(char32_t cp, uint32_t begin, uint32_t end);
};

// Code points of `bytes` within `span`, each with its own bytes.
std::vector<Ch> chars_in(std::string_view bytes, Span span);

// Joins segments into one paragraph's logical text and applies the layout repairs.
LogicalText build_logical_text(std::string_view bytes, const std::vector<Segment>& segments);

// The pieces, exposed so tests can drive each repair on its own.
std::vector<Ch> join_segments(std::string_view bytes, const std::vector<Segment>& segments);
std::vector<Ch> remove_spaced_chars(std::vector<Ch> chars, std::vector<Repair>& repairs);
std::vector<Ch> collapse_doubled_runs(std::vector<Ch> chars, std::vector<Repair>& repairs);
LogicalText assemble(const std::vector<Ch>& chars);

}  // namespace tally::text

namespace tally::text {
// The part of `lt` at logical bytes [lbegin, lend), with its pieces and the repairs inside it.
LogicalText slice(const LogicalText& lt, uint32_t lbegin, uint32_t lend);
// The same without leading and trailing blanks.
LogicalText trimmed(const LogicalText& lt);
}  // namespace tally::text
