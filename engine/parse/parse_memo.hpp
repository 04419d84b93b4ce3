#pragma once
// What the page parser may carry from one parse of a document to the next (an editor's
// re-check after an edit: rules/article_memo.hpp holds one per open document). The parser
// decides article boundaries from the whole page (column widths, how the page wraps, word
// weights over every unit, topic changes between them), so after an edit it runs in full; but
// most of its time goes into building each unit's logical text and counting its terms, which
// depend on that unit's own bytes only. Those are kept here, keyed by the bytes (and the layout
// of the lines) they were built from, and given back shifted to where the bytes now are: the
// result is the one a parse without the memo gives (tests/unit/incremental_test.cpp).
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parse/similarity.hpp"
#include "text/logical_text.hpp"

namespace tally::parse {

class ParseMemo {
 public:
  // text::build_logical_text(bytes, segments), built again only when these segments' bytes
  // were not built before (at any offset).
  text::LogicalText logical_text(std::string_view bytes, const std::vector<text::Segment>& segs);
  // count_terms(text), likewise.
  const TermCounts& terms(const std::string& text);
  // Called at the start of each parse: what the parse before the last one used and the last
  // one did not (text since deleted or changed) is dropped, so the memo stays near the size
  // of the document.
  void next_parse();
  // Logical texts given back from the memo and built, since the memo was made (tests).
  size_t hits = 0, built = 0;

 private:
  struct Text {
    text::LogicalText text;  // offsets relative to the first segment's first byte
    uint32_t used = 0;       // the parse that last asked for it
  };
  struct Terms {
    TermCounts terms;
    uint32_t used = 0;
  };
  std::unordered_map<std::string, Text> texts_;
  std::unordered_map<std::string, Terms> terms_;
  uint32_t parse_ = 0;
  std::string key_;  // reused between calls
};

// Moves every original offset of `lt` by `delta` bytes.
void shift_logical_text(text::LogicalText& lt, int64_t delta);

}  // namespace tally::parse
