#include <boost/test/unit_test.hpp>

#include "text/line_index.hpp"
#include "text/source.hpp"
#include "text/utf8.hpp"

using namespace tally::text;

BOOST_AUTO_TEST_SUITE(text_layer)

BOOST_AUTO_TEST_CASE(invalid_utf8_reports_first_bad_byte) {
  auto r = make_source("bad.txt", std::string("中文\xC3\x28ok", 9));
  BOOST_TEST(!r.source);
  BOOST_REQUIRE(r.error);
  BOOST_TEST(r.error->offset == 6u);
  BOOST_TEST(r.error->message == "invalid UTF-8: byte 0xC3 at offset 6");
  BOOST_TEST(r.error->path == "bad.txt");
}

BOOST_AUTO_TEST_CASE(overlong_and_surrogate_are_invalid) {
  BOOST_TEST(first_invalid_utf8("a\xC0\xAF").value_or(99) == 1u);
  BOOST_TEST(first_invalid_utf8("ab\xED\xA0\x80").value_or(99) == 2u);
  BOOST_TEST(!first_invalid_utf8("纯文本 plain"));
}

BOOST_AUTO_TEST_CASE(utf16_offsets_count_surrogate_pairs_in_any_order) {
  // "a" (1 unit), "中" (1 unit, 3 bytes), "𠀀" (2 units, 4 bytes), "b"
  std::string s =
      "a\xE4\xB8\xAD\xF0\xA0\x80\x80"
      "b";
  auto got = utf16_offsets(s, {9, 0, 4, 1, 8, 100});
  BOOST_TEST(got == (std::vector<size_t>{5, 0, 2, 1, 4, 5}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(nul_byte_means_binary) {
  auto r = make_source("x.bin", std::string("ab\0cd", 5));
  BOOST_REQUIRE(r.error);
  BOOST_TEST(r.error->offset == 2u);
  BOOST_TEST(r.error->message == "binary file (NUL byte at offset 2)");
}

BOOST_AUTO_TEST_CASE(empty_file_is_a_source) {
  auto r = make_source("empty.txt", "");
  BOOST_REQUIRE(r.source);
  BOOST_TEST(r.source->bytes.empty());
}

BOOST_AUTO_TEST_CASE(bom_is_skipped_for_columns) {
  auto r = make_source("bom.txt",
                       "\xEF\xBB\xBF"
                       "ab");
  BOOST_REQUIRE(r.source);
  BOOST_TEST(r.source->content_begin == 3u);
  LineIndex idx(r.source->bytes);
  auto p = idx.position(4);  // 'b'
  BOOST_TEST(p.line == 1u);
  BOOST_TEST(p.column == 2u);
  BOOST_TEST(p.utf16 == 1u);
}

BOOST_AUTO_TEST_CASE(columns_in_code_points_and_utf16) {
  std::string s =
      "a中\xF0\x9F\x98\x80"
      "b\n第二行";  // a 中 😀 b
  LineIndex idx(s);
  auto b = idx.position(8);  // 'b' after 1 + 3 + 4 bytes
  BOOST_TEST(b.line == 1u);
  BOOST_TEST(b.column == 4u);
  BOOST_TEST(b.utf16 == 4u);           // the emoji is two UTF-16 units
  auto second = idx.position(10 + 3);  // "二"
  BOOST_TEST(second.line == 2u);
  BOOST_TEST(second.column == 2u);
  BOOST_TEST(second.utf16 == 1u);
}

BOOST_AUTO_TEST_CASE(crlf_line_ends) {
  std::string s = "ab\r\ncd\r\n";
  LineIndex idx(s);
  BOOST_TEST(idx.line_count() == 3u);
  BOOST_TEST(idx.line_end(1) == 2u);
  auto c = idx.position(4);
  BOOST_TEST(c.line == 2u);
  BOOST_TEST(c.column == 1u);
}

BOOST_AUTO_TEST_CASE(character_classes) {
  BOOST_TEST(is_ideograph(U'中'));
  BOOST_TEST(is_ideograph(U'〇'));
  BOOST_TEST(!is_ideograph(U'，'));
  BOOST_TEST(is_cjk_punct(U'，'));
  BOOST_TEST(is_cjk_punct(U'“'));
  BOOST_TEST(display_width(U'中') == 2);
  BOOST_TEST(display_width(U'a') == 1);
}

BOOST_AUTO_TEST_SUITE_END()
