// The language server's PositionCursor gives, for offsets asked in any order, exactly the
// positions text::LineIndex gives: across line ends of every kind, multi-byte and astral
// characters, offsets inside a character, a byte order mark and invalid bytes.
#include <boost/test/unit_test.hpp>
#include <random>

#include "documents.hpp"

using namespace tally;

BOOST_AUTO_TEST_SUITE(lsp_positions)

BOOST_AUTO_TEST_CASE(cursor_matches_the_line_index) {
  std::string text =
      "\xEF\xBB\xBF"
      "第一行，共有120人。\n"
      "second line 😀 with an astral one\r\n"
      "第三行\rfourth \xFF\xC3 bad bytes\n\n"
      "最后一行没有换行";
  for (int i = 0; i < 40; ++i) text += "长行中的文字abc，";  // past a checkpoint stride
  text::LineIndex index(text);
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    lsp::PositionCursor cursor(index, text);
    std::vector<uint32_t> offsets;
    for (int i = 0; i < 200; ++i)
      offsets.push_back(
          std::uniform_int_distribution<uint32_t>(0, static_cast<uint32_t>(text.size()) + 2)(rng));
    if (round % 2) std::sort(offsets.begin(), offsets.end());  // as a publish mostly asks
    for (auto o : offsets) {
      auto want = index.position(o);
      auto got = cursor.at(o);
      BOOST_TEST_CONTEXT("offset " << o) {
        BOOST_TEST(got.offset == want.offset);
        BOOST_TEST(got.line == want.line);
        BOOST_TEST(got.column == want.column);
        BOOST_TEST(got.utf16 == want.utf16);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
