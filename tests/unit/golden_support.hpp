#pragma once
// Shared checks for parser golden tests.
#include <boost/test/unit_test.hpp>
#include <ostream>
#include <string>

#include "parse/document.hpp"
#include "text/utf8.hpp"

namespace tally::parse {
inline std::ostream& operator<<(std::ostream& os, BlockType t) {
  return os << block_type_name(t);
}
}  // namespace tally::parse

// Every logical character of every block maps back to bytes of the file holding that same
// character, except the space that stands for a line break between Latin words.
inline void check_blocks_map_to_bytes(const tally::parse::Document& doc, const std::string& bytes) {
  using namespace tally;
  for (const auto& a : doc.articles)
    for (const auto& b : a.blocks) {
      BOOST_TEST_REQUIRE(b.span.end <= bytes.size());
      for (const auto& p : b.text.char_pieces()) {
        auto logical = text::decode_at(b.text.text, p.logical);
        std::string orig = bytes.substr(p.begin, p.end - p.begin);
        std::string want;
        text::append_utf8(want, logical.cp);
        bool synthetic_space =
            logical.cp == U' ' && orig.find_first_not_of(" \r\n\t") == std::string::npos;
        BOOST_TEST((orig == want || synthetic_space), doc.path << ": byte " << p.begin << " holds '"
                                                               << orig << "', logical text has '"
                                                               << want << "'");
        BOOST_TEST((p.begin >= b.span.begin && p.end <= b.span.end));
      }
    }
}
