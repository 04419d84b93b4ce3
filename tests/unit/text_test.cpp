#include <utf8proc.h>

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

// decode_at is written by hand for speed; utf8proc_iterate is the reference. Every one- and
// two-byte sequence, every lead and second byte of three-byte ones with third bytes at the
// class edges, four-byte ones likewise, and each cut short.
BOOST_AUTO_TEST_CASE(decode_at_agrees_with_utf8proc) {
  auto reference = [](const std::string& s) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                              static_cast<utf8proc_ssize_t>(s.size()), &cp);
    return n <= 0 ? Decoded{} : Decoded{static_cast<char32_t>(cp), static_cast<uint32_t>(n)};
  };
  const unsigned edges[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
  size_t checked = 0, mismatches = 0;
  auto compare = [&](const std::string& s) {
    for (size_t len = 1; len <= s.size(); ++len) {
      auto cut = s.substr(0, len);
      auto a = decode_at(cut, 0), b = reference(cut);
      ++checked;
      if (a.size != b.size || (a.size && a.cp != b.cp)) {
        if (++mismatches <= 5) BOOST_ERROR("decode_at differs on a " << len << "-byte input");
      }
    }
  };
  for (unsigned a = 0; a < 256; ++a)
    for (unsigned b = 0; b < 256; ++b) {
      compare({static_cast<char>(a), static_cast<char>(b)});
      if (a < 0xE0) continue;
      for (unsigned c : edges) {
        compare({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
        if (a < 0xF0) continue;
        for (unsigned d : edges)
          compare({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c),
                   static_cast<char>(d)});
      }
    }
  BOOST_TEST(mismatches == 0u);
  BOOST_TEST(checked > 1'000'000u);
  BOOST_TEST(decode_at("ab", 2).size == 0u);  // past the end
  BOOST_TEST(static_cast<uint32_t>(decode_at("a中", 1).cp) == 0x4E2Du);
}

// display_width answers two ranges without utf8proc; there it must say what utf8proc says.
BOOST_AUTO_TEST_CASE(display_width_fast_paths_agree_with_utf8proc) {
  size_t differ = 0;
  auto reference = [](char32_t c) {
    int w = utf8proc_charwidth(static_cast<utf8proc_int32_t>(c));
    return w <= 0 ? 1 : w;
  };
  for (char32_t c = 0; c < 0x1100; ++c) differ += display_width(c) != reference(c);
  for (char32_t c = 0x4E00; c <= 0x9FFF; ++c) differ += display_width(c) != reference(c);
  BOOST_TEST(differ == 0u);
  BOOST_TEST(display_width(U'中') == 2);
  BOOST_TEST(display_width(U'a') == 1);
  BOOST_TEST(display_width(0xFF0C) == 2);  // full-width comma, through utf8proc
}

BOOST_AUTO_TEST_CASE(overlong_and_surrogate_are_invalid) {
  BOOST_TEST(first_invalid_utf8("a\xC0\xAF").value_or(99) == 1u);
  BOOST_TEST(first_invalid_utf8("ab\xED\xA0\x80").value_or(99) == 2u);
  BOOST_TEST(!first_invalid_utf8("纯文本 plain"));
}

BOOST_AUTO_TEST_CASE(first_invalid_utf8_agrees_with_decode_at_everywhere) {
  // Its fast paths (eight ASCII bytes, a three-byte lead that cannot start an overlong form or
  // a surrogate) give the offset decoding byte by byte gives, the bad byte anywhere in a word.
  auto reference = [](std::string_view s) -> std::optional<size_t> {
    for (size_t pos = 0; pos < s.size();) {
      auto d = decode_at(s, pos);
      if (d.size == 0) return pos;
      pos += d.size;
    }
    return std::nullopt;
  };
  const std::vector<std::string> parts = {"abcdefgh",
                                          "x",
                                          "中",
                                          "\xEF\xBC\x8C",
                                          "\xED\x9F\xBF",
                                          "\xED\xA0\x80",
                                          "\xE0\xA0\x80",
                                          "\xE0\x9F\xBF",
                                          "\xE4\xB8",
                                          "\xC3\xA9",
                                          "\xF0\xA0\x80\x80",
                                          "\x80",
                                          "\xFF",
                                          "\xE4\x28\xAD"};
  uint32_t state = 777;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return (state >> 16) & 0x7FFF;
  };
  size_t differ = 0, invalid = 0, counted_differ = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    size_t len = next() % 10;
    for (size_t k = 0; k < len; ++k) s += parts[next() % parts.size()];
    auto want = reference(s);
    differ += first_invalid_utf8(s) != want;
    // (count_code_points, eight bytes at a time, against a byte at a time: lead bytes.)
    size_t leads = 0;
    for (char ch : s) leads += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    counted_differ += count_code_points(s) != leads;
    invalid += want.has_value();
  }
  BOOST_TEST(differ == 0u);
  BOOST_TEST(counted_differ == 0u);
  BOOST_TEST(invalid > 1000u);
  BOOST_TEST(first_invalid_utf8("abcdefghijklmno\xFF").value_or(99) == 15u);
  BOOST_TEST(first_invalid_utf8("abcdefgh中\xED\xA0\x80").value_or(99) == 11u);
}

// first_invalid_utf8 takes short cuts (ASCII eight bytes at a time, three-byte characters by
// their first two bytes); the reference walks decode_at. Each three-byte sequence of edge bytes,
// each cut short, placed after ASCII runs of every length up to 17 and after a valid character.
BOOST_AUTO_TEST_CASE(first_invalid_utf8_agrees_with_decode_at) {
  auto reference = [](std::string_view s) -> std::optional<size_t> {
    for (size_t pos = 0; pos < s.size();) {
      auto d = decode_at(s, pos);
      if (d.size == 0) return pos;
      pos += d.size;
    }
    return std::nullopt;
  };
  const unsigned edges[] = {0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF,
                            0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
  size_t checked = 0, mismatches = 0;
  for (unsigned a : edges)
    for (unsigned b : edges)
      for (unsigned c : edges)
        for (size_t ascii : {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{9}, size_t{17}})
          for (const char* before : {"", "中"})
            for (size_t len = 1; len <= 3; ++len) {
              std::string s = before + std::string(ascii, 'x');
              const char tail[] = {static_cast<char>(a), static_cast<char>(b),
                                   static_cast<char>(c)};
              s.append(tail, len);
              s += "中z";
              ++checked;
              if (first_invalid_utf8(s) != reference(s) && ++mismatches <= 5)
                BOOST_ERROR("first_invalid_utf8 differs on a " << s.size() << "-byte input");
            }
  BOOST_TEST(mismatches == 0u);
  BOOST_TEST(checked == 20u * 20u * 20u * 6u * 2u * 3u);
  BOOST_TEST(first_invalid_utf8("abcdefgh\xE0\x9F\x80").value_or(99) == 8u);  // overlong
  BOOST_TEST(first_invalid_utf8("中\xE4\xB8").value_or(99) == 3u);            // cut short
  BOOST_TEST(!first_invalid_utf8(std::string(40, 'a') + "中文\xF0\x9F\x98\x80"));
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

// count_code_points reads eight bytes at a time: every length around a word's edge, with a
// four-byte character, lone continuation bytes and a bad lead byte, counts as a byte at a time.
BOOST_AUTO_TEST_CASE(count_code_points_by_words) {
  const std::string base = std::string(
                               "ab中文\xF0\x9F\x98\x80"
                               "c\x80\x80"
                               "d\xC3") +
                           "é—x";
  for (size_t len = 0; len <= base.size(); ++len) {
    std::string_view s(base.data(), len);
    size_t expected = 0;
    for (unsigned char c : s)
      if ((c & 0xC0) != 0x80) ++expected;
    BOOST_TEST(count_code_points(s) == expected, "length " << len);
  }
  BOOST_TEST(count_code_points("中文中文中文") == 6u);
  BOOST_TEST(count_code_points("abcdefghijklmnopq") == 17u);
}

// The inline classes with their early outs give what their ranges say, at the ranges' edges.
BOOST_AUTO_TEST_CASE(character_class_edges) {
  BOOST_TEST(!is_ideograph(U'a'));
  BOOST_TEST(!is_ideograph(0x3006));
  BOOST_TEST(is_ideograph(0x3400));
  BOOST_TEST(is_ideograph(0x9FFF));
  BOOST_TEST(is_ideograph(0x3134F));
  BOOST_TEST(!is_ideograph(0x31350));
  BOOST_TEST(is_cjk_punct(0x00B7));
  BOOST_TEST(!is_cjk_punct(0x00B6));
  BOOST_TEST(!is_cjk(U'A'));
  BOOST_TEST(is_cjk(0x3042));  // あ
  BOOST_TEST(is_cjk(0xAC00));  // 가
}

// decode_at's inline three-byte path refuses what utf8proc refuses: overlong forms, surrogates,
// a sequence cut short at the end.
BOOST_AUTO_TEST_CASE(decode_three_byte_edges) {
  BOOST_TEST(decode_at("\xE0\x80\x80", 0).size == 0u);  // overlong
  BOOST_TEST(decode_at("\xED\xA0\x80", 0).size == 0u);  // surrogate
  BOOST_TEST(decode_at(std::string_view("\xE4\xB8", 2), 0).size == 0u);
  auto d = decode_at("\xE4\xB8\xAD", 0);
  BOOST_TEST(d.size == 3u);
  BOOST_TEST(static_cast<uint32_t>(d.cp) == 0x4E2Du);
}

BOOST_AUTO_TEST_SUITE_END()
