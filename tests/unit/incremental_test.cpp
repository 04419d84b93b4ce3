// An editor's re-check (Checker::check with an ArticleMemo) gives exactly the findings of a
// full check after any edit: random edits to the samples and the real pages, each checked both
// ways; and it does reuse the articles the edit did not touch.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <random>

#include "parse/parse.hpp"
#include "rules/checker.hpp"
#include "text/source.hpp"

using namespace tally;
namespace fs = std::filesystem;

namespace {

std::string describe(const std::vector<report::Finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    out += f.rule + ' ' + std::to_string(static_cast<int>(f.severity)) + ' ' +
           std::to_string(f.span.begin) + '-' + std::to_string(f.span.end) + " a" +
           std::to_string(f.article) + ' ' + f.message;
    if (f.fix) {
      for (const auto& e : f.fix->edits())
        out += " fix " + std::to_string(e.span.begin) + '-' + std::to_string(e.span.end) + '=' +
               e.replacement;
    }
    for (const auto& r : f.related)
      out += " rel " + std::to_string(r.span.begin) + '-' + std::to_string(r.span.end) + r.label;
    out += '\n';
  }
  return out;
}

// Start of the code point at or before `i`.
size_t boundary(const std::string& s, size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

// One random edit that keeps the text UTF-8: a character typed, a line broken, a character or
// a short run deleted, a figure changed.
void edit(std::string& s, std::mt19937& rng) {
  static const char* typed[] = {"1", "a", " ", "，", "。", "的", "%", "\n", "7", "万"};
  size_t at = s.empty() ? 0 : boundary(s, std::uniform_int_distribution<size_t>(0, s.size())(rng));
  int what = std::uniform_int_distribution<int>(0, 3)(rng);
  if (what == 0 && at < s.size()) {
    size_t end = at;
    size_t n = std::uniform_int_distribution<size_t>(1, 6)(rng);
    for (size_t i = 0; i < n && end < s.size(); ++i) {
      ++end;
      while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) ++end;
    }
    s.erase(at, end - at);
  } else if (what == 1) {
    size_t digit = s.find_first_of("0123456789", at);
    if (digit != std::string::npos) s[digit] = static_cast<char>('0' + rng() % 10);
  } else {
    s.insert(at, typed[rng() % std::size(typed)]);
  }
}

struct Pair {
  std::string full, incremental;
  size_t reused = 0;
};

Pair check_both(const std::shared_ptr<const rules::RuleSet>& set, rules::Checker& a,
                rules::Checker& b, rules::ArticleMemo& memo, const std::string& bytes) {
  auto src = text::make_source("draft.txt", bytes);
  BOOST_REQUIRE(src.source);
  auto doc = parse::parse_document(*src.source);
  Pair p;
  p.full = describe(a.check(doc, src.source->bytes, {}).findings);
  p.incremental = describe(b.check(doc, src.source->bytes, {}, memo).findings);
  p.reused = memo.reused;
  (void)set;
  return p;
}

void random_edits(const std::string& original, int edits, unsigned seed, size_t& reused_total) {
  auto set = std::make_shared<rules::RuleSet>(rules::load_rules({}, true));
  rules::Checker full(set), incremental(set);
  rules::ArticleMemo memo;
  std::mt19937 rng(seed);
  std::string text = original;
  for (int i = 0; i <= edits; ++i) {
    if (i > 0) edit(text, rng);
    auto p = check_both(set, full, incremental, memo, text);
    BOOST_TEST_CONTEXT("edit " << i << " (seed " << seed << ")") {
      BOOST_TEST(p.incremental == p.full);
    }
    if (p.incremental != p.full) return;  // one report per text is enough
    reused_total += p.reused;
  }
}

std::string read(const fs::path& p) {
  auto r = text::load_file(p.string());
  return r.source ? r.source->bytes : std::string();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(incremental)

BOOST_AUTO_TEST_CASE(random_edits_of_the_samples_match_a_full_check) {
  size_t reused = 0;
  unsigned seed = 1;
  for (const auto& e : fs::directory_iterator(fs::path(TALLY_SOURCE_DIR) / "samples"))
    random_edits(read(e.path()), 25, seed++, reused);
  BOOST_TEST(reused > 0u);  // untouched articles were not checked again
}

BOOST_AUTO_TEST_CASE(random_edits_of_the_real_pages_match_a_full_check) {
  fs::path seeds = fs::path(TALLY_SHARED_DIR) / "seeds";
  if (!fs::is_directory(seeds)) {
    BOOST_TEST_MESSAGE("skipped: " << seeds << " not present");
    return;
  }
  size_t reused = 0;
  unsigned seed = 100;
  for (const auto& e : fs::directory_iterator(seeds))
    random_edits(read(e.path()), 12, seed++, reused);
  BOOST_TEST(reused > 0u);
}

BOOST_AUTO_TEST_CASE(an_edit_in_one_article_runs_only_that_article) {
  // Three articles apart (a headline line, then the body); the edit changes the second.
  std::string text =
      "第一篇标题\n\n今年全市共有120家企业参与，其中80家为民营企业，占比达到了50%。\n\n\n\n"
      "第二篇标题\n\n全年完成投资300亿元，同比增长12%，其中基础设施投资180亿元。\n\n\n\n"
      "第三篇标题\n\n参加比赛的共有3支队伍，分别是甲队、乙队、丙队和丁队。\n";
  auto set = std::make_shared<rules::RuleSet>(rules::load_rules({}, true));
  rules::Checker full(set), incremental(set);
  rules::ArticleMemo memo;
  auto first = check_both(set, full, incremental, memo, text);
  BOOST_TEST(first.incremental == first.full);
  size_t articles = memo.ran;
  BOOST_TEST(memo.reused == 0u);
  auto at = text.find("300亿元");
  text.replace(at, 3, "350");
  auto second = check_both(set, full, incremental, memo, text);
  BOOST_TEST(second.incremental == second.full);
  if (articles >= 3) {
    BOOST_TEST(memo.ran == 1u);
    BOOST_TEST(memo.reused == articles - 1);
  } else {
    BOOST_TEST_MESSAGE("the parser made " << articles << " article(s) of the sample");
  }
}

BOOST_AUTO_TEST_SUITE_END()
