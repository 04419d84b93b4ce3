#include <boost/test/unit_test.hpp>
#include <cmath>

#include "golden_support.hpp"
#include "parse/parse.hpp"
#include "parse/similarity.hpp"
#include "rules/checker.hpp"
#include "text/source.hpp"

using namespace tally;
using parse::BlockType;

namespace {

parse::Document parse_file(const std::string& rel, std::string* bytes = nullptr,
                           parse::ParseOptions opts = {}) {
  auto r = text::load_file(std::string(TALLY_SOURCE_DIR) + "/" + rel);
  BOOST_REQUIRE(r.source);
  if (bytes) *bytes = r.source->bytes;
  return parse::parse_document(*r.source, opts);
}

parse::Document parse_text(const std::string& path, const std::string& s) {
  auto r = text::make_source(path, s);
  BOOST_REQUIRE(r.source);
  return parse::parse_document(*r.source);
}

std::vector<BlockType> types(const parse::Article& a) {
  std::vector<BlockType> t;
  for (const auto& b : a.blocks) t.push_back(b.type);
  return t;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(parser)

BOOST_AUTO_TEST_CASE(wrapped_page_sample) {
  std::string bytes;
  auto doc = parse_file("samples/zh-page-wrapped.txt", &bytes);
  BOOST_TEST(parse::format_name(doc.format) == std::string("page"));
  BOOST_REQUIRE(doc.header);
  BOOST_TEST(doc.header->page == "04");
  BOOST_TEST(doc.header->section == "法治时讯");
  BOOST_TEST(doc.header->editors.size() == 2u);
  BOOST_REQUIRE(doc.publication_date);
  BOOST_TEST(doc.publication_date->iso() == "2026-03-18");
  BOOST_TEST(doc.date_source == "page-header");
  BOOST_REQUIRE(doc.articles.size() == 2u);
  const auto& a = doc.articles[0];
  BOOST_TEST(a.headline == "东河区法院 / 行政争议化解提速");
  BOOST_TEST(a.language == "zh");
  std::vector<BlockType> want{BlockType::Headline,  BlockType::Subheadline, BlockType::Dateline,
                              BlockType::Paragraph, BlockType::Paragraph,   BlockType::SignOff};
  BOOST_TEST(types(a) == want, boost::test_tools::per_element());
  BOOST_TEST(a.blocks[2].text.text == "东河讯");
  BOOST_TEST(a.blocks[3].text.text ==
             "今年以来，东河区人民法院推进行政争议实质化解，全年新收行政复议案件 1293 "
             "件，办结案件899件，调解和解案件298件，调解和解率达32%。");
  BOOST_TEST(a.blocks[5].text.text == "（韩晓）");
  BOOST_TEST(bytes.substr(a.blocks[5].span.begin, a.blocks[5].span.size()) == "（韩晓）");
  BOOST_TEST(doc.articles[1].headline == "青山区检察院 / 护航校园安全");
  check_blocks_map_to_bytes(doc, bytes);
}

BOOST_AUTO_TEST_CASE(artifacts_in_wrapped_sample) {
  std::string bytes;
  auto doc = parse_file("samples/zh-page-wrapped.txt", &bytes);
  // The artifact rules ship in rules/artifact/ and see the repairs the text layer recorded.
  rules::Checker checker(std::make_shared<rules::RuleSet>(rules::load_rules({}, true)));
  rules::CheckSettings only;
  only.only = {"artifact.doubled-text", "artifact.spaced-chars"};
  auto findings = checker.check(doc, bytes, only).findings;
  BOOST_REQUIRE(findings.size() == 2u);
  BOOST_TEST(findings[0].rule == "artifact.doubled-text");
  BOOST_TEST(bytes.substr(findings[0].span.begin, findings[0].span.size()) ==
             "欺凌欺凌的的知识知识，，");
  BOOST_TEST(findings[0].message ==
             "文字重复（PDF 提取粗体时常见）：“欺凌欺凌的的知识知识，，” 应为 “欺凌的知识，”");
  BOOST_REQUIRE(findings[0].fix);
  BOOST_TEST(findings[0].fix->replacement == "欺凌的知识，");
  BOOST_TEST(findings[1].rule == "artifact.spaced-chars");
  BOOST_TEST(bytes.substr(findings[1].span.begin, findings[1].span.size()) ==
             "以 案 例 分 享 的 形 式");
}

BOOST_AUTO_TEST_CASE(lines_sample) {
  std::string bytes;
  auto doc = parse_file("samples/zh-lines.txt", &bytes);
  BOOST_TEST(parse::format_name(doc.format) == std::string("lines"));
  BOOST_REQUIRE(doc.articles.size() == 1u);
  BOOST_TEST(doc.articles[0].headline == "全面摸排困境未成年人数据");
  std::vector<BlockType> want{BlockType::Headline, BlockType::Byline, BlockType::Paragraph,
                              BlockType::Paragraph, BlockType::Paragraph};
  BOOST_TEST(types(doc.articles[0]) == want, boost::test_tools::per_element());
  BOOST_TEST(!doc.publication_date);
  check_blocks_map_to_bytes(doc, bytes);
}

BOOST_AUTO_TEST_CASE(markdown_samples) {
  std::string bytes;
  auto doc = parse_file("samples/en-draft.md", &bytes);
  BOOST_TEST(parse::format_name(doc.format) == std::string("markdown"));
  BOOST_REQUIRE(doc.articles.size() == 1u);
  const auto& a = doc.articles[0];
  BOOST_TEST(a.headline == "City council approves transit budget");
  BOOST_TEST(a.language == "en");
  BOOST_REQUIRE(a.blocks.size() == 5u);
  BOOST_TEST(a.blocks[2].text.text ==
             "The council approved the budget on Tuesday. Of the 40 members present, 30 voted in "
             "favour, a share of 80 percent.");
  check_blocks_map_to_bytes(doc, bytes);

  auto zh = parse_file("samples/zh-draft.md", &bytes);
  BOOST_REQUIRE(zh.articles.size() == 1u);
  std::vector<BlockType> want{BlockType::Headline, BlockType::Paragraph, BlockType::Subhead,
                              BlockType::Paragraph};
  BOOST_TEST(types(zh.articles[0]) == want, boost::test_tools::per_element());
  check_blocks_map_to_bytes(zh, bytes);
}

BOOST_AUTO_TEST_CASE(markdown_inline_markup_is_not_text) {
  std::string s = "# Title\n\nSome **bold** and `code` and [a link](http://x).\n";
  auto doc = parse_text("x.md", s);
  BOOST_REQUIRE(doc.articles.size() == 1u);
  BOOST_REQUIRE(doc.articles[0].blocks.size() == 2u);
  const auto& p = doc.articles[0].blocks[1];
  BOOST_TEST(p.text.text == "Some bold and code and a link.");
  auto pos = p.text.text.find("bold");
  auto sp = p.text.to_original(static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + 4));
  BOOST_TEST(s.substr(sp.begin, sp.size()) == "bold");
  check_blocks_map_to_bytes(doc, s);
}

BOOST_AUTO_TEST_CASE(markdown_with_bom_keeps_offsets) {
  std::string s = "\xEF\xBB\xBF# 标题\n\n正文一句。\n";
  auto doc = parse_text("bom.md", s);
  BOOST_REQUIRE(doc.articles.size() == 1u);
  BOOST_TEST(doc.articles[0].headline == "标题");
  check_blocks_map_to_bytes(doc, s);
}

BOOST_AUTO_TEST_CASE(crlf_page) {
  std::string s = "标题一行\r\n\r\n正文第一行文字说明了这件事情的经过，\r\n第二行结束。\r\n";
  auto doc = parse_text("crlf.txt", s);
  BOOST_REQUIRE(doc.articles.size() == 1u);
  BOOST_TEST(doc.articles[0].headline == "标题一行");
  BOOST_REQUIRE(doc.articles[0].blocks.size() == 2u);
  BOOST_TEST(doc.articles[0].blocks[1].text.text ==
             "正文第一行文字说明了这件事情的经过，第二行结束。");
  check_blocks_map_to_bytes(doc, s);
}

BOOST_AUTO_TEST_CASE(empty_input_has_no_articles) {
  BOOST_TEST(parse_text("e.txt", "").articles.empty());
  BOOST_TEST(parse_text("e.txt", "\n\n  \n").articles.empty());
  BOOST_TEST(parse_text("e.md", "").articles.empty());
}

BOOST_AUTO_TEST_CASE(publication_date_precedence) {
  parse::ParseOptions opts;
  opts.date = parse::Date{2026, 1, 2};
  opts.config_date = parse::Date{2025, 5, 6};
  auto doc = parse_file("samples/zh-lines.txt", nullptr, opts);
  BOOST_REQUIRE(doc.publication_date);
  BOOST_TEST(doc.publication_date->iso() == "2026-01-02");
  BOOST_TEST(doc.date_source == "option");
  opts.date.reset();
  doc = parse_file("samples/zh-lines.txt", nullptr, opts);
  BOOST_TEST(doc.publication_date->iso() == "2025-05-06");
  BOOST_TEST(doc.date_source == "config");
  // The printed page header wins over both.
  opts.date = parse::Date{2026, 1, 2};
  doc = parse_file("samples/zh-page-wrapped.txt", nullptr, opts);
  BOOST_TEST(doc.publication_date->iso() == "2026-03-18");
}

// Term bags merged at once are what merging them one by one gives, and similarity is the
// tf-idf cosine with 1 + log(count) as the term factor, bit for bit (its small counts come from
// a table).
BOOST_AUTO_TEST_CASE(term_bags_and_similarity) {
  parse::TermCounts a{{1, 1}, {5, 3}, {9, 2}}, b{{5, 1}, {7, 17}}, c{{1, 2}, {7, 1}, {11, 1}};
  parse::TermCounts one_by_one;
  for (const auto* bag : {&a, &b, &c}) parse::merge_into(one_by_one, *bag);
  auto at_once = parse::merged({&a, &b, &c});
  BOOST_TEST((at_once == one_by_one));
  BOOST_TEST((at_once == parse::TermCounts{{1, 3}, {5, 4}, {7, 18}, {9, 2}, {11, 1}}));
  BOOST_TEST(parse::merged({}).empty());

  parse::Lexicon lex({&a, &b, &c});
  auto idf = [](int df) { return std::log(1.0 + 4.0 / (df + 1)); };
  // a and b share term 5 (in a and b: df 2); a's 1 and 9, b's 7 have df 2, 1, 2.
  double wa1 = (1 + std::log(1.0)) * idf(2), wa5 = (1 + std::log(3.0)) * idf(2),
         wa9 = (1 + std::log(2.0)) * idf(1);
  double wb5 = (1 + std::log(1.0)) * idf(2), wb7 = (1 + std::log(17.0)) * idf(2);
  double na = 0, nb = 0;
  na += wa1 * wa1;
  na += wa5 * wa5;
  nb += wb5 * wb5;
  nb += wb7 * wb7;
  na += wa9 * wa9;
  double expected = wa5 * wb5 / std::sqrt(na * nb);
  BOOST_TEST(lex.similarity(a, b) == expected);
  BOOST_TEST(lex.similarity(a, {}) == 0.0);
}

// A bag given as counts of a larger bag's terms, with that bag's weights looked up once, is
// compared bit for bit as the bag itself is.
BOOST_AUTO_TEST_CASE(similarity_of_a_part_given_as_counts) {
  parse::TermCounts a{{1, 1}, {5, 3}, {9, 2}}, b{{5, 1}, {7, 17}}, c{{1, 2}, {7, 1}, {11, 1}};
  parse::Lexicon lex({&a, &b, &c});
  auto all = parse::merged({&b, &c});  // {1, 2}, {5, 1}, {7, 18}, {11, 1}
  auto idf = lex.idfs(all);
  BOOST_TEST(idf.size() == 4u);
  BOOST_TEST(idf[2] == std::log(1.0 + 4.0 / 3));  // term 7: in b and c
  std::vector<double> as_b{0, 1, 17, 0}, as_c{2, 0, 1, 1}, none{0, 0, 0, 0};
  BOOST_TEST(lex.similarity(a, all, idf, as_b) == lex.similarity(a, b));
  BOOST_TEST(lex.similarity(a, all, idf, as_c) == lex.similarity(a, c));
  BOOST_TEST(lex.similarity(b, all, idf, as_c) == lex.similarity(b, c));
  BOOST_TEST(lex.similarity(a, all, idf, none) == 0.0);
  BOOST_TEST(lex.similarity({}, all, idf, as_b) == 0.0);
}

// Bags merged two by two give what merging them one at a time gives, for any number of bags.
BOOST_AUTO_TEST_CASE(term_bags_merged_in_pairs) {
  std::vector<parse::TermCounts> bags = {{{1, 1}, {4, 2}},          {{2, 1}}, {{1, 3}, {9, 1}}, {},
                                         {{4, 1}, {9, 2}, {12, 1}}, {{3, 5}}};
  for (size_t n = 1; n <= bags.size(); ++n) {
    std::vector<const parse::TermCounts*> some;
    parse::TermCounts one_by_one;
    for (size_t k = 0; k < n; ++k) {
      some.push_back(&bags[k]);
      parse::merge_into(one_by_one, bags[k]);
    }
    BOOST_TEST((parse::merged(some) == one_by_one));
  }
  std::vector<const parse::TermCounts*> all;
  for (const auto& b : bags) all.push_back(&b);
  BOOST_TEST(
      (parse::merged(all) == parse::TermCounts{{1, 4}, {2, 1}, {3, 5}, {4, 3}, {9, 3}, {12, 1}}));
}

// An article is Chinese when its Han characters are at least a third of its Latin letters; the
// count stops once the rest cannot change that, and gives the same answer as counting it all.
BOOST_AUTO_TEST_CASE(language_by_han_and_latin_counts) {
  auto blocks = [](std::vector<std::string> texts) {
    std::vector<parse::Block> out;
    for (auto& t : texts) {
      parse::Block b;
      b.text.text = std::move(t);
      out.push_back(std::move(b));
    }
    return out;
  };
  BOOST_TEST(parse::detect_language(blocks({})) == "zh");
  BOOST_TEST(parse::detect_language(blocks({"中文abc"})) == "zh");      // 2 * 3 >= 3
  BOOST_TEST(parse::detect_language(blocks({"中文abcdefg"})) == "en");  // 6 < 7
  BOOST_TEST(parse::detect_language(blocks({"中", "abc"})) == "zh");    // a tie is Chinese
  BOOST_TEST(parse::detect_language(blocks({"中", "abcd"})) == "en");
  // Long texts, where the count stops early: a Chinese block, then English; and the reverse.
  std::string han, latin;
  for (int i = 0; i < 300; ++i) han += "中";
  for (int i = 0; i < 899; ++i) latin += "a";
  BOOST_TEST(parse::detect_language(blocks({han, latin})) == "zh");         // 900 >= 899
  BOOST_TEST(parse::detect_language(blocks({han, latin + "bc"})) == "en");  // 900 < 901
  BOOST_TEST(parse::detect_language(blocks({latin + "bc", han})) == "en");
  BOOST_TEST(parse::detect_language(blocks({latin, han})) == "zh");
  // Ideographs outside the main block count too (U+3007, an extension B character).
  BOOST_TEST(parse::detect_language(blocks({"〇𠀀abcdef"})) == "zh");
  BOOST_TEST(parse::detect_language(blocks({"〇𠀀abcdefg"})) == "en");
}

BOOST_AUTO_TEST_SUITE_END()
