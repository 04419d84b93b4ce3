// Pairing quotation marks and brackets (engine/facts/pairs.hpp): apostrophes in both languages,
// ASCII quotes by the way they face, and quotations that run over paragraphs.
#include "facts/pairs.hpp"

#include <boost/test/unit_test.hpp>
#include <string>

using namespace tally::facts;

namespace {

std::string unpaired_text(std::string_view t, const Pairs& p) {
  std::string out;
  for (const auto& u : p.unpaired)
    out += std::string(t.substr(u.at, u.len)) + "@" + std::to_string(u.at) + " ";
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pairs)

BOOST_AUTO_TEST_CASE(apostrophes_are_not_quotes) {
  for (std::string t :
       {"He visited Xi’an and didn’t stay.", "the companies’ results, the company’s plan",
        "a hit of the ’90s", "rock ’n’ roll", "Mr O’Brien said", "c’est la vie, l’été",
        "‘She didn’t go,’ he said of the companies’ plans.", "don't and 'em? it's the 1990s'"}) {
    auto p = find_pairs(t);
    BOOST_TEST(unpaired_text(t, p) == "", t);
  }
  std::string t = "‘She didn’t go,’ he said.";
  auto p = find_pairs(t);
  BOOST_REQUIRE(p.pairs.size() == 1u);
  BOOST_TEST(p.pairs[0].open == 0u);
  BOOST_TEST(p.pairs[0].close == t.find("’ he"));
}

// ’s after a closing bracket or quote is a possessive; a plural possessive inside a single
// quotation leaves the quotation to its own closing mark.
BOOST_AUTO_TEST_CASE(possessives_after_brackets_and_in_quotations) {
  for (std::string t : {"the European Union (EU)’s rules", "the “Open Door”’s end",
                        "the group said ‘the editors’ views differ’ and left."}) {
    auto p = find_pairs(t);
    BOOST_TEST(unpaired_text(t, p) == "", t);
  }
  std::string t = "the group said ‘the editors’ views differ’ and left.";
  auto p = find_pairs(t);
  BOOST_REQUIRE(p.pairs.size() == 1u);
  BOOST_TEST(p.pairs[0].close == t.find("’ and"));
  // A closing single quote after a plural with no other to close it still closes.
  std::string u = "he called them ‘the new editors’ and left.";
  auto q = find_pairs(u);
  BOOST_REQUIRE(q.pairs.size() == 1u);
  BOOST_TEST(q.pairs[0].close == u.find("’ and"));
}

BOOST_AUTO_TEST_CASE(cjk_single_quotes_are_quotations) {
  std::string t = "他说“要有‘加油包’的意识”，‘好’字当头。";
  auto p = find_pairs(t);
  BOOST_TEST(p.unpaired.empty());
  BOOST_TEST(p.pairs.size() == 3u);
  std::string open = "他说：‘好的";
  BOOST_TEST(unpaired_text(open, find_pairs(open)) == "‘@9 ");
}

BOOST_AUTO_TEST_CASE(ascii_quotes_face_their_words) {
  // A closing " with nothing open is stray, not the opening of a quotation.
  std::string t = "the company said it was \"confident\" and \"ready";
  BOOST_TEST(unpaired_text(t, find_pairs(t)) == "\"@40 ");
  std::string stray = "he called it a charade\" and left";
  BOOST_TEST(unpaired_text(stray, find_pairs(stray)) == "\"@22 ");
}

BOOST_AUTO_TEST_CASE(quotation_continued_over_paragraphs) {
  std::vector<std::string_view> blocks = {"He said: “The first paragraph of the quote.",
                                          "“The second, still the same speaker.",
                                          "“The last one closes it.”"};
  auto p = find_pairs_in_blocks(blocks, quote_and_bracket_marks());
  BOOST_REQUIRE(p.size() == 3u);
  BOOST_TEST(p[0].unpaired.empty());
  BOOST_TEST(p[1].unpaired.empty());
  BOOST_TEST(p[2].pairs.size() == 1u);
  // The next paragraph does not reopen it: the quotation was left open.
  std::vector<std::string_view> broken = {"他说：“第一段。", "第二段没有前引号。”"};
  auto q = find_pairs_in_blocks(broken, quote_and_bracket_marks());
  BOOST_TEST(unpaired_text(broken[0], q[0]) == "“@9 ");
  BOOST_TEST(unpaired_text(broken[1], q[1]) == "”@27 ");
  // A paragraph that runs into the next only with brackets is not a quotation.
  std::vector<std::string_view> brackets = {"(an aside", "(another)"};
  auto r = find_pairs_in_blocks(brackets, quote_and_bracket_marks());
  BOOST_TEST(unpaired_text(brackets[0], r[0]) == "(@0 ");
}

BOOST_AUTO_TEST_CASE(merged_paragraphs_continue_a_quotation) {
  // Archived copy with paragraphs run together: "…hard. "We just…" reopens at a sentence start.
  std::string t = "Byrne said: \"It was a hard game. \"We had to stick to it.\" Then he left.";
  BOOST_TEST(unpaired_text(t, find_pairs(t)) == "");
  std::string typo = "Byrne said: “It was a hard game. “We had to stick to it.” Then he left.";
  BOOST_TEST(unpaired_text(typo, find_pairs(typo)) == "");
  // Not at a sentence start: the first quotation was never closed.
  std::string slip = "He called it \"a charade, and said \"no\" again.";
  BOOST_TEST(unpaired_text(slip, find_pairs(slip)) == "\"@13 ");
}

// The search for marks looks at their second and third bytes too: CJK commas, full stops and
// dashes share a first byte with the brackets, and are stepped over at any offset.
BOOST_AUTO_TEST_CASE(cjk_punctuation_beside_marks) {
  for (size_t pad = 0; pad < 20; ++pad) {
    std::string t =
        std::string(pad, ' ') + "他说，。、——《报》（注）：「好」『对』【题】〈文〉…“完”";
    auto p = find_pairs(t);
    BOOST_TEST(p.pairs.size() == 7u, pad);
    BOOST_TEST(unpaired_text(t, p) == "", pad);
    std::string u = std::string(pad, ' ') + "未完，（注。」";
    BOOST_TEST(unpaired_text(u, find_pairs(u)) ==
                   "（@" + std::to_string(pad + 9) + " 」@" + std::to_string(pad + 18) + " ",
               pad);
  }
}

BOOST_AUTO_TEST_CASE(rule_marks_only) {
  std::vector<MarkPair> brackets = {{"（", "）"}, {"(", ")"}};
  std::string t = "“引文（括号）";
  auto p = find_pairs(t, brackets);
  BOOST_TEST(p.unpaired.empty());
  BOOST_REQUIRE(p.pairs.size() == 1u);
  BOOST_TEST(p.pairs[0].kind == "（");
}

BOOST_AUTO_TEST_SUITE_END()
