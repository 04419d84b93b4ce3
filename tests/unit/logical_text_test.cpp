#include "text/logical_text.hpp"

#include <boost/test/unit_test.hpp>

using namespace tally;
using namespace tally::text;

namespace {

// Logical text of `s`, one segment per line as the page parser gives them.
LogicalText build(const std::string& s) {
  std::vector<Segment> segs;
  uint32_t pos = 0;
  while (pos <= s.size()) {
    auto nl = s.find('\n', pos);
    uint32_t end =
        nl == std::string::npos ? static_cast<uint32_t>(s.size()) : static_cast<uint32_t>(nl);
    segs.push_back({{pos, end}, true});
    if (nl == std::string::npos) break;
    pos = end + 1;
  }
  return build_logical_text(s, segs);
}

std::string at(const std::string& s, Span sp) {
  return s.substr(sp.begin, sp.size());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(logical_text)

BOOST_AUTO_TEST_CASE(cjk_lines_join_without_space) {
  std::string s = "包头市司法局以强\n化行政执法监督";
  auto lt = build(s);
  BOOST_TEST(lt.text == "包头市司法局以强化行政执法监督");
  BOOST_TEST(lt.repairs.empty());
  // "强化" spans the break: its original bytes run from 强 to 化 across the newline.
  auto pos = lt.text.find("强化");
  auto sp = lt.to_original(static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + 6));
  BOOST_TEST(at(s, sp) == "强\n化");
}

BOOST_AUTO_TEST_CASE(latin_lines_join_with_one_space) {
  std::string s = "The court said\nit would rule";
  auto lt = build(s);
  BOOST_TEST(lt.text == "The court said it would rule");
  auto sp = lt.to_original(15, 17);  // "it"
  BOOST_TEST(at(s, sp) == "it");
}

BOOST_AUTO_TEST_CASE(digits_split_by_wrap_join_in_chinese) {
  auto lt = build("近 5 年 1\n3254 件典型性行政案件");
  BOOST_TEST(lt.text == "近 5 年 13254 件典型性行政案件");
}

BOOST_AUTO_TEST_CASE(spaced_chars_removed_with_span) {
  std::string s = "金 戈 铁 马 闻\n征鼓";
  auto lt = build(s);
  BOOST_TEST(lt.text == "金戈铁马闻征鼓");
  BOOST_REQUIRE(lt.repairs.size() == 1u);
  BOOST_TEST(repair_kind_name(lt.repairs[0].kind) == std::string("spaced-chars"));
  BOOST_TEST(at(s, lt.repairs[0].original) == "金 戈 铁 马 闻");
  BOOST_TEST(lt.repairs[0].repaired == "金戈铁马闻");
}

// A spread-out line printed twice across a wrap: the copy's characters and the spaces between
// them are removed as one span (they were four, and deleting them left the copy's spaces).
BOOST_AUTO_TEST_CASE(a_spread_out_copy_is_removed_whole) {
  std::string s = "金 戈 铁 马\n金 戈 铁 马\n";
  auto lt = build(s);
  BOOST_TEST(lt.text == "金戈铁马");
  BOOST_REQUIRE(lt.repairs.size() == 2u);
  const auto& doubled = lt.repairs[1];
  BOOST_TEST(repair_kind_name(doubled.kind) == std::string("doubled-text"));
  BOOST_REQUIRE(doubled.removed.size() == 1u);
  BOOST_TEST(at(s, doubled.removed[0]) == "金 戈 铁 马");
  BOOST_TEST(doubled.removed[0].begin == 16u);
  // Copies apart by a kept unit stay apart: "司法鉴定司法鉴定 ；；" removes "司法鉴定" and "；".
  std::string t = "司法鉴定司法鉴定 ；；\n";
  auto lt2 = build(t);
  BOOST_REQUIRE(lt2.repairs.size() == 1u);
  BOOST_REQUIRE(lt2.repairs[0].removed.size() == 2u);
  BOOST_TEST(at(t, lt2.repairs[0].removed[0]) == "司法鉴定");
  BOOST_TEST(at(t, lt2.repairs[0].removed[1]) == "；");
}

BOOST_AUTO_TEST_CASE(spaced_chars_inside_a_line) {
  std::string s = "巴彦淖尔\n市 中 级 人 民 法 院 行 政 审 判 庭 着 眼 长\n远、打牢基础";
  auto lt = build(s);
  BOOST_TEST(lt.text == "巴彦淖尔市中级人民法院行政审判庭着眼长远、打牢基础");
  BOOST_REQUIRE(lt.repairs.size() == 1u);
  BOOST_TEST(at(s, lt.repairs[0].original) == "市 中 级 人 民 法 院 行 政 审 判 庭 着 眼 长");
}

// A break that is not a wrap inside one column (a short line, a column or block boundary):
// digits either side are two numbers, not one ("78" over "1946年" is not 781946).
BOOST_AUTO_TEST_CASE(digits_across_a_column_boundary_stay_apart) {
  std::string s = "全市共有旧桥78\n1946年建成的桥改为步行桥。";
  std::vector<Segment> segs{{{0, 20}, true}, {{21, static_cast<uint32_t>(s.size())}, true, false}};
  BOOST_TEST(at(s, segs[0].span) == "全市共有旧桥78");
  auto lt = build_logical_text(s, segs);
  BOOST_TEST(lt.text == "全市共有旧桥78 1946年建成的桥改为步行桥。");
}

// A curly quote at a wrap takes the side of its letter: English words either side of it stay
// apart ("Chandra’ can"), Chinese text closes up.
BOOST_AUTO_TEST_CASE(curly_quote_at_a_wrap_in_english) {
  BOOST_TEST(build("whether the ‘new Chandra’\ncan illuminate").text ==
             "whether the ‘new Chandra’ can illuminate");
  BOOST_TEST(build("a share for a\n‘nobler’ cause").text == "a share for a ‘nobler’ cause");
  BOOST_TEST(build("他说：“\n好的。”").text == "他说：“好的。”");
}

// Two headlines side by side, the right one letter-spaced: the gap between them stays, only the
// spaced word closes up.
BOOST_AUTO_TEST_CASE(spaced_run_stops_at_a_solid_word) {
  std::string s = "新桥今日建成通车 旧 桥 改 为 步 行 桥";
  auto lt = build(s);
  BOOST_TEST(lt.text == "新桥今日建成通车 旧桥改为步行桥");
  BOOST_REQUIRE(lt.repairs.size() == 1u);
  BOOST_TEST(at(s, lt.repairs[0].original) == "旧 桥 改 为 步 行 桥");
}

BOOST_AUTO_TEST_CASE(one_space_between_phrases_is_kept) {
  auto lt = build("蹄疾步稳以致远 笃行不怠勇担当");
  BOOST_TEST(lt.text == "蹄疾步稳以致远 笃行不怠勇担当");
  BOOST_TEST(lt.repairs.empty());
}

BOOST_AUTO_TEST_CASE(bold_doubling_collapsed_with_span) {
  std::string s =
      "帮助农牧民工\n挽回经济损失失 818818..11 "
      "万元万元；；司法鉴定更司法鉴定更\n有精度有精度，，组织修订";
  auto lt = build(s);
  BOOST_TEST(lt.text == "帮助农牧民工挽回经济损失 818.1 万元；司法鉴定更有精度，组织修订");
  BOOST_REQUIRE(lt.repairs.size() == 1u);
  BOOST_TEST(repair_kind_name(lt.repairs[0].kind) == std::string("doubled-text"));
  BOOST_TEST(at(s, lt.repairs[0].original) ==
             "失失 818818..11 万元万元；；司法鉴定更司法鉴定更\n有精度有精度，，");
  BOOST_TEST(lt.repairs[0].repaired == "失 818.1 万元；司法鉴定更有精度，");
  // The repaired "818.1" maps back to the first copy's bytes.
  auto pos = lt.text.find("818.1");
  auto sp = lt.to_original(static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + 5));
  BOOST_TEST(at(s, sp) == "818818..1");
}

BOOST_AUTO_TEST_CASE(doubled_caption) {
  auto lt = build("行政复议听证会行政复议听证会。。");
  BOOST_TEST(lt.text == "行政复议听证会。");
  BOOST_TEST(lt.repairs.size() == 1u);
}

BOOST_AUTO_TEST_CASE(intended_reduplication_is_kept) {
  for (std::string s : {"层层叠叠的“廉政榫卯”", "茫茫海岱,泱泱齐风。", "研究研究再说",
                        "共计 1100 元", "2020 年和 20202020 号"}) {
    auto lt = build(s);
    BOOST_TEST(lt.text == s);
    BOOST_TEST(lt.repairs.empty(), s);
  }
}

BOOST_AUTO_TEST_CASE(slice_keeps_pieces_and_repairs) {
  std::string s = "甲乙丙丁戊己";
  auto lt = build(s);
  auto part = slice(lt, 3, 9);  // 乙丙
  BOOST_TEST(part.text == "乙丙");
  BOOST_TEST(at(s, part.original()) == "乙丙");
}

// assemble() writes each character in place; it must give what push() per character gives,
// every UTF-8 length and the noncharacters included (U+FFFE and U+FFFF were once written as a
// lone byte, invalid UTF-8 in the logical text).
BOOST_AUTO_TEST_CASE(assemble_writes_what_push_writes) {
  std::vector<Ch> chars;
  uint32_t at = 0;
  for (char32_t cp :
       {U'a', U'\u00e9', U'\u4e2d', U'\ufffe', U'\uffff', U'\U00020000', U'\U0010ffff'}) {
    uint32_t size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    chars.push_back(Ch{cp, at, at + size});
    at += size;
  }
  LogicalText pushed;
  for (const auto& c : chars) pushed.push(c.cp, c.begin, c.end);
  auto assembled = assemble(chars);
  BOOST_TEST(assembled.text == pushed.text);
  BOOST_TEST(assembled.text ==
             "a\xC3\xA9\xE4\xB8\xAD\xEF\xBF\xBE\xEF\xBF\xBF\xF0\xA0\x80\x80\xF4\x8F\xBF\xBF");
  BOOST_TEST(assembled.char_pieces().size() == pushed.char_pieces().size());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(repeated_amounts)

// Copy repeats amounts on purpose; only bold doubling is undone, never a digit of a number.
BOOST_AUTO_TEST_CASE(repeated_amounts_are_not_doubled_text) {
  auto lt = build("累计培训300人次，分别为100人次、100人次、100人次。");
  BOOST_TEST(lt.text == "累计培训300人次，分别为100人次、100人次、100人次。");
  BOOST_TEST(lt.repairs.empty());
}

BOOST_AUTO_TEST_SUITE_END()

// One segment that no repair touches is taken from its bytes as they are (build_logical_text's
// fast path): the same text, pieces and repairs as the general path's steps give.
BOOST_AUTO_TEST_SUITE(plain_segment)

namespace {

LogicalText general_path(const std::string& s, const Segment& seg) {
  std::vector<Repair> repairs;
  auto chars = join_segments(s, {seg});
  chars = remove_spaced_chars(std::move(chars), repairs);
  chars = collapse_doubled_runs(std::move(chars), repairs);
  auto lt = assemble(chars);
  lt.repairs = std::move(repairs);
  return lt;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_plain_line_is_its_bytes_past_leading_blanks) {
  std::string s = "　 习近平会见总理。 ";
  auto lt = build_logical_text(s, {{{0, static_cast<uint32_t>(s.size())}, true}});
  BOOST_TEST(lt.text == "习近平会见总理。 ");
  BOOST_REQUIRE_EQUAL(lt.pieces.size(), 1u);
  BOOST_TEST(lt.pieces[0].logical == 0u);
  BOOST_TEST(lt.pieces[0].begin == 4u);
  BOOST_TEST(lt.pieces[0].end == static_cast<uint32_t>(s.size()));
  BOOST_TEST(lt.repairs.empty());
  // Not after a break: the blanks are text.
  auto kept = build_logical_text(s, {{{0, static_cast<uint32_t>(s.size())}, false}});
  BOOST_TEST(kept.text == s);
}

BOOST_AUTO_TEST_CASE(matches_the_general_path_on_generated_lines) {
  // Pieces that reach every way out of the fast path: blanks between CJK characters, marks a PDF
  // doubles, a line that is one run twice, bytes that are not UTF-8.
  const std::vector<std::string> parts = {"中",  "文", " ", "　", "，",      "。", "”",
                                          "。”", "1",  "a", "B",  "\xff",    "“",  "—",
                                          "!",   ".",  "é", "𠀀", "\xe4\xb8"};
  uint32_t state = 12345;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return (state >> 16) & 0x7FFF;
  };
  size_t plain = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    size_t len = next() % 12;
    for (size_t k = 0; k < len; ++k) s += parts[next() % parts.size()];
    if (next() % 4 == 0) s += s;  // a run twice
    Segment seg{{0, static_cast<uint32_t>(s.size())}, next() % 2 == 0};
    auto got = build_logical_text(s, {seg});
    auto want = general_path(s, seg);
    BOOST_TEST_CONTEXT("line '" << s << "'") {
      BOOST_TEST(got.text == want.text);
      BOOST_REQUIRE_EQUAL(got.pieces.size(), want.pieces.size());
      for (size_t i = 0; i < got.pieces.size(); ++i) {
        BOOST_TEST(got.pieces[i].logical == want.pieces[i].logical);
        BOOST_TEST(got.pieces[i].begin == want.pieces[i].begin);
        BOOST_TEST(got.pieces[i].end == want.pieces[i].end);
      }
      BOOST_TEST(got.repairs.size() == want.repairs.size());
    }
    if (want.repairs.empty()) ++plain;
  }
  BOOST_TEST(plain > 1000u);  // (most generated lines have no repair)
}

BOOST_AUTO_TEST_SUITE_END()
