// An editor's re-check (Checker::check with an ArticleMemo, and the language server's way in,
// service::Engine::check with a memo) gives exactly the result of a full check of the same
// text after any sequence of edits: random edits to the samples and the real pages (characters
// typed and deleted, lines broken, figures changed, a headline edited, the text between two
// articles deleted or blank lines put inside one), each text checked both ways and compared
// finding by finding with every field, and notice by notice; and it does reuse the facts and
// findings of the articles an edit did not touch.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <random>

#include "parse/parse.hpp"
#include "rules/checker.hpp"
#include "service/engine.hpp"
#include "text/source.hpp"

using namespace tally;
namespace fs = std::filesystem;

namespace {

std::string describe(const std::vector<report::Finding>& findings,
                     const std::vector<report::Notice>& notices = {}) {
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
  for (const auto& n : notices) out += "notice " + n.id + ' ' + n.message + '\n';
  return out;
}

// Start of the code point at or before `i`.
size_t boundary(const std::string& s, size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

size_t pick(std::mt19937& rng, size_t lo, size_t hi) {
  return std::uniform_int_distribution<size_t>(lo, hi)(rng);
}

// One random edit that keeps the text UTF-8: a character typed, a line broken, a character or
// a short run deleted, a figure changed; or, placed by the text's parse: a character typed
// into a headline, the text from inside one article to inside the next deleted (the two run
// together), blank lines put into an article (it may split in two).
void edit(std::string& s, std::mt19937& rng) {
  static const char* typed[] = {"1", "a", " ", "，", "。", "的", "%", "\n", "7", "万", "\n\n"};
  size_t at = s.empty() ? 0 : boundary(s, pick(rng, 0, s.size()));
  int what = static_cast<int>(pick(rng, 0, 6));
  if (what >= 4) {
    auto src = text::make_source("draft.txt", s);
    if (!src.source) return;
    auto doc = parse::parse_document(*src.source);
    const auto& arts = doc.articles;
    if (arts.empty()) return;
    size_t k = pick(rng, 0, arts.size() - 1);
    Span ext = arts[k].extent();
    if (what == 4) {  // into the headline, or the article's first line
      Span where = ext;
      for (const auto& b : arts[k].blocks)
        if (b.type == parse::BlockType::Headline) where = b.span;
      s.insert(boundary(s, pick(rng, where.begin, std::min<size_t>(where.end, s.size()))),
               typed[rng() % std::size(typed)]);
    } else if (what == 5 && k + 1 < arts.size()) {  // across the boundary to the next article
      Span next = arts[k + 1].extent();
      size_t from = boundary(s, pick(rng, (ext.begin + ext.end) / 2, ext.end));
      size_t to = boundary(s, pick(rng, next.begin, (next.begin + next.end) / 2));
      if (from < to) s.erase(from, to - from);
    } else {  // blank lines inside the article
      s.insert(boundary(s, pick(rng, ext.begin, ext.end)), "\n\n\n");
    }
    return;
  }
  if (what == 0 && at < s.size()) {
    size_t end = at;
    size_t n = pick(rng, 1, 6);
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
  size_t reused = 0, facts_reused = 0;
};

Pair check_both(rules::Checker& a, rules::Checker& b, rules::ArticleMemo& memo,
                const std::string& bytes) {
  auto src = text::make_source("draft.txt", bytes);
  BOOST_REQUIRE(src.source);
  auto doc = parse::parse_document(*src.source);
  Pair p;
  auto full = a.check(doc, src.source->bytes, {});
  p.full = describe(full.findings, full.notices);
  auto inc = b.check(doc, src.source->bytes, {}, memo);
  p.incremental = describe(inc.findings, inc.notices);
  p.reused = memo.reused;
  p.facts_reused = doc.articles.size() - memo.facts_read;
  return p;
}

struct Reused {
  size_t lua = 0, facts = 0;
};

void random_edits(const std::string& original, int edits, unsigned seed, Reused& reused) {
  auto set = std::make_shared<rules::RuleSet>(rules::load_rules({}, true));
  rules::Checker full(set), incremental(set);
  rules::ArticleMemo memo;
  std::mt19937 rng(seed);
  std::string text = original;
  for (int i = 0; i <= edits; ++i) {
    if (i > 0) edit(text, rng);
    auto p = check_both(full, incremental, memo, text);
    BOOST_TEST_CONTEXT("edit " << i << " (seed " << seed << ")") {
      BOOST_TEST(p.incremental == p.full);
    }
    if (p.incremental != p.full) return;  // one report per text is enough
    if (i > 0) {
      reused.lua += p.reused;
      reused.facts += p.facts_reused;
    }
  }
}

// The same through the service, as the language server checks: the parse and everything after
// it, the configuration's settings and suppression comments.
void random_engine_edits(const std::string& original, int edits, unsigned seed) {
  service::EngineOptions eo;
  eo.search_config = false;
  eo.split_articles = true;  // facts read on two threads where several articles changed
  service::Engine engine(eo);
  rules::ArticleMemo memo;
  std::mt19937 rng(seed);
  std::string text = original;
  for (int i = 0; i <= edits; ++i) {
    if (i > 0) edit(text, rng);
    service::CheckRequest req;
    req.text = text;
    req.filename = "draft.txt";
    auto full = engine.check(req);
    req.memo = &memo;
    auto inc = engine.check(req);
    BOOST_TEST_CONTEXT("engine, edit " << i << " (seed " << seed << ")") {
      BOOST_TEST(describe(inc.findings, inc.notices) == describe(full.findings, full.notices));
    }
    if (describe(inc.findings, inc.notices) != describe(full.findings, full.notices)) return;
  }
  // And the memo is used: after the first parse, an edit builds the logical text of the units
  // it touched only (a memo that always missed would give the same findings).
  if (edits >= 2) BOOST_TEST(memo.parse.hits > memo.parse.built);
}

std::string read(const fs::path& p) {
  auto r = text::load_file(p.string());
  return r.source ? r.source->bytes : std::string();
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
  std::sort(out.begin(), out.end());  // the same seeds for the same files on every run
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(incremental)

BOOST_AUTO_TEST_CASE(random_edits_of_the_samples_match_a_full_check) {
  Reused reused;
  unsigned seed = 1;
  for (const auto& f : files_in(fs::path(TALLY_SOURCE_DIR) / "samples"))
    random_edits(read(f), 40, seed++, reused);
  BOOST_TEST(reused.lua > 0u);  // untouched articles were not checked again
  BOOST_TEST(reused.facts > 0u);
}

BOOST_AUTO_TEST_CASE(random_edits_of_the_real_pages_match_a_full_check) {
  fs::path seeds = fs::path(TALLY_SHARED_DIR) / "seeds";
  if (!fs::is_directory(seeds)) {
    BOOST_TEST_MESSAGE("skipped: " << seeds << " not present");
    return;
  }
  Reused reused;
  unsigned seed = 100;
  for (const auto& f : files_in(seeds)) random_edits(read(f), 15, seed++, reused);
  BOOST_TEST(reused.lua > 0u);
  BOOST_TEST(reused.facts > 0u);
}

BOOST_AUTO_TEST_CASE(random_edits_through_the_service_match_a_full_check) {
  unsigned seed = 200;
  for (const auto& f : files_in(fs::path(TALLY_SOURCE_DIR) / "samples"))
    random_engine_edits(read(f), 15, seed++);
  fs::path seeds = fs::path(TALLY_SHARED_DIR) / "seeds";
  if (!fs::is_directory(seeds)) {
    BOOST_TEST_MESSAGE("real pages skipped: " << seeds << " not present");
    return;
  }
  for (const auto& f : files_in(seeds)) random_engine_edits(read(f), 8, seed++);
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
  auto first = check_both(full, incremental, memo, text);
  BOOST_TEST(first.incremental == first.full);
  size_t articles = memo.ran;
  BOOST_TEST(memo.reused == 0u);
  BOOST_TEST(memo.facts_read == articles);
  auto at = text.find("300亿元");
  text.replace(at, 3, "350");
  auto second = check_both(full, incremental, memo, text);
  BOOST_TEST(second.incremental == second.full);
  BOOST_TEST_REQUIRE(articles == 3u);
  BOOST_TEST(memo.ran == 1u);
  BOOST_TEST(memo.reused == 2u);
  BOOST_TEST(memo.facts_read == 1u);
  // A line typed above the first article moves the others: their facts and findings are
  // reused, shifted by its length.
  text.insert(0, "x");
  auto third = check_both(full, incremental, memo, text);
  BOOST_TEST(third.incremental == third.full);
  BOOST_TEST(memo.facts_read == 1u);
  BOOST_TEST(memo.reused == 2u);
}

BOOST_AUTO_TEST_CASE(findings_merged_across_articles_are_made_again) {
  // punct.halfwidth-in-cjk makes one page-wide finding of the articles set with ASCII marks
  // throughout: an edit giving the second article its third mark changes that finding, which
  // only a run over every article makes (its kind is not re-run per article). ("12%," is a
  // figure's comma, not counted.)
  std::string text =
      "第一篇标题\n\n今年,全市共有120家企业参与,其中80家为民营企业,占比过半。\n\n\n\n"
      "第二篇标题\n\n全年完成投资300亿元,同比增长12%,其中基础设施投资180亿元。\n";
  auto set = std::make_shared<rules::RuleSet>(rules::load_rules({}, true));
  rules::Checker full(set), incremental(set);
  rules::ArticleMemo memo;
  rules::CheckSettings on;
  on.enabled.insert("punct.halfwidth-in-cjk");
  auto run = [&] {
    auto src = text::make_source("draft.txt", text);
    BOOST_REQUIRE(src.source);
    auto doc = parse::parse_document(*src.source);
    auto a = full.check(doc, src.source->bytes, on);
    auto b = incremental.check(doc, src.source->bytes, on, memo);
    BOOST_TEST(describe(b.findings, b.notices) == describe(a.findings, a.notices));
    return a.findings;
  };
  auto before = run();
  text.replace(text.find("其中基础设施"), 0, "另外,此外,");
  auto after = run();
  size_t merged = 0;
  for (const auto& f : after) merged += f.rule == "punct.halfwidth-in-cjk" && f.article < 0;
  BOOST_TEST(merged == 1u);
  for (const auto& f : before) BOOST_TEST(!(f.rule == "punct.halfwidth-in-cjk" && f.article < 0));
}

BOOST_AUTO_TEST_CASE(an_article_put_above_moves_the_others_facts) {
  // The articles below a new one keep their facts (read from the same text) but not their
  // index, so their rules run again on those facts, shifted: the findings of a full check.
  std::string text =
      "第一篇标题\n\n今年全市共有120家企业参与，其中80家为民营企业，占比达到了50%。\n\n\n\n"
      "第二篇标题\n\n全年完成投资300亿元，其中基础设施投资380亿元，同比增长12%。\n";
  auto set = std::make_shared<rules::RuleSet>(rules::load_rules({}, true));
  rules::Checker full(set), incremental(set);
  rules::ArticleMemo memo;
  auto first = check_both(full, incremental, memo, text);
  BOOST_TEST(first.incremental == first.full);
  BOOST_TEST_REQUIRE(memo.ran == 2u);
  BOOST_TEST(!first.full.empty());  // findings that point at the figures
  text.insert(0, "新的标题\n\n新的一篇正文，共有3人参加。\n\n\n\n");
  auto second = check_both(full, incremental, memo, text);
  BOOST_TEST(second.incremental == second.full);
  BOOST_TEST(memo.facts_read == 1u);  // the new article only
  BOOST_TEST(memo.ran == 3u);         // every article is at a new index
}

BOOST_AUTO_TEST_SUITE_END()
