// Sentences, clauses and paired delimiters.
#include <boost/test/unit_test.hpp>

#include "facts/pairs.hpp"
#include "facts/sentences.hpp"

using namespace tally::facts;

namespace {
std::string sub(const std::string& t, uint32_t b, uint32_t e) {
  return t.substr(b, e - b);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(structure)

BOOST_AUTO_TEST_CASE(chinese_sentences_and_clauses) {
  std::string t =
      "经过实地走访调查，共摸排特殊未成年人658人，其中违反治安处罚的139人。该院召开会议；部署工作"
      "！";
  auto s = split_sentences(t);
  BOOST_REQUIRE(s.size() == 3u);
  BOOST_TEST(sub(t, s[0].begin, s[0].end) ==
             "经过实地走访调查，共摸排特殊未成年人658人，其中违反治安处罚的139人。");
  BOOST_REQUIRE(s[0].clauses.size() == 3u);
  BOOST_TEST(sub(t, s[0].clauses[1].begin, s[0].clauses[1].end) == "共摸排特殊未成年人658人");
  BOOST_TEST(sub(t, s[0].clauses[2].begin, s[0].clauses[2].end) == "其中违反治安处罚的139人");
  BOOST_TEST(s[0].clauses[2].qizhong);
  BOOST_TEST(!s[0].clauses[1].qizhong);
  BOOST_TEST(sub(t, s[1].begin, s[1].end) == "该院召开会议；");
  BOOST_TEST(sub(t, s[2].begin, s[2].end) == "部署工作！");
}

BOOST_AUTO_TEST_CASE(closing_quote_stays_with_sentence) {
  std::string t = "他表示：“这是样本。”随后离开。";
  auto s = split_sentences(t);
  BOOST_REQUIRE(s.size() == 2u);
  BOOST_TEST(sub(t, s[0].begin, s[0].end) == "他表示：“这是样本。”");
}

BOOST_AUTO_TEST_CASE(ellipsis_inside_quote_does_not_end_sentence) {
  std::string t = "“保持阳光心态……”在黄河路小学升旗仪式上，检察官讲话。";
  BOOST_TEST(split_sentences(t).size() == 1u);
}

BOOST_AUTO_TEST_CASE(english_sentences) {
  std::string t = "Mr. Smith said 3.5 percent. Of the 40 members, 30 voted. It passed!";
  auto s = split_sentences(t);
  BOOST_REQUIRE(s.size() == 3u);
  BOOST_TEST(sub(t, s[0].begin, s[0].end) == "Mr. Smith said 3.5 percent.");
  BOOST_TEST(sub(t, s[1].begin, s[1].end) == "Of the 40 members, 30 voted.");
  BOOST_REQUIRE(s[1].clauses.size() == 2u);
  BOOST_TEST(sub(t, s[1].clauses[1].begin, s[1].clauses[1].end) == "30 voted");
  std::string u = "It cost 1,234 dollars, of whom none paid.";
  auto v = split_sentences(u);
  BOOST_REQUIRE(v.size() == 1u);
  BOOST_REQUIRE(v[0].clauses.size() == 2u);
  BOOST_TEST(v[0].clauses[1].qizhong);
}

BOOST_AUTO_TEST_CASE(balanced_pairs) {
  std::string t = "按照《包头市行政执法办法》（试行）予以“追究”和(核查)";
  auto p = find_pairs(t);
  BOOST_TEST(p.unpaired.empty());
  BOOST_REQUIRE(p.pairs.size() == 4u);
  BOOST_TEST(p.pairs[0].kind == "《");
  BOOST_TEST(sub(t, p.pairs[0].open, p.pairs[0].close + p.pairs[0].close_len) ==
             "《包头市行政执法办法》");
}

BOOST_AUTO_TEST_CASE(unclosed_quote_recorded_where_it_opens) {
  std::string t = "检察官表示，“法治课要讲到孩子心里去。";
  auto p = find_pairs(t);
  BOOST_REQUIRE(p.unpaired.size() == 1u);
  BOOST_TEST(p.unpaired[0].mark == "“");
  BOOST_TEST(p.unpaired[0].opener);
  BOOST_TEST(sub(t, p.unpaired[0].at, p.unpaired[0].at + p.unpaired[0].len) == "“");
}

BOOST_AUTO_TEST_CASE(stray_closer_recorded) {
  std::string t = "坚持和发展新时代枫桥经验”,持续提升";
  auto p = find_pairs(t);
  BOOST_REQUIRE(p.unpaired.size() == 1u);
  BOOST_TEST(p.unpaired[0].mark == "”");
  BOOST_TEST(!p.unpaired[0].opener);
}

BOOST_AUTO_TEST_CASE(ascii_quotes_and_apostrophes) {
  std::string t = "\"We can't wait,\" she said. \"Never";
  auto p = find_pairs(t);
  BOOST_REQUIRE(p.pairs.size() == 1u);
  BOOST_REQUIRE(p.unpaired.size() == 1u);
  BOOST_TEST(p.unpaired[0].at == t.rfind('"'));
}

BOOST_AUTO_TEST_CASE(nested_pairs) {
  std::string t = "“树立‘加油包’意识”";
  auto p = find_pairs(t);
  BOOST_TEST(p.unpaired.empty());
  BOOST_TEST(p.pairs.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
