#pragma once
// Lexical similarity between stretches of copy. The page parser uses it where layout alone
// cannot tell whether two pieces of text belong to one article: Han character unigrams and
// bigrams (no dictionary needed) and Latin words, weighted by how rare they are on the page.
#include <cstdint>
#include <string_view>
#include <vector>

namespace tally::parse {

// Term -> count, sorted by term (merged and compared by walking two of them in step).
using TermCounts = std::vector<std::pair<uint64_t, double>>;

TermCounts count_terms(std::string_view text);
uint64_t bigram_key(char32_t a, char32_t b);

class Lexicon {
 public:
  // The texts of a page; a term weighs more the fewer of them contain it. The weights are
  // computed once here: similarity() is asked thousands of times per page.
  explicit Lexicon(const std::vector<const TermCounts*>& docs);
  // tf-idf cosine of two term bags; 0 when either is empty.
  double similarity(const TermCounts& a, const TermCounts& b) const;
  // Each term's weight in the table, looked up once for a bag compared many times.
  std::vector<double> idfs(const TermCounts& all) const;
  // similarity(a, b) for the bag b given as `counts` of the terms of `all` (0: not in b), with
  // `all_idf` = idfs(all): bit for bit the same sums in the same order, without a bag made for b
  // nor a lookup per term (split_for_orphans compares many parts of one article's terms).
  double similarity(const TermCounts& a, const TermCounts& all, const std::vector<double>& all_idf,
                    const std::vector<double>& counts) const;
  // How many of the texts contain the Han bigram `a b`.
  int bigram_df(char32_t a, char32_t b) const;

 private:
  // An open-addressing table of the page's terms (key 0: an empty slot; no term is 0): a
  // node-based hash map here was an allocation per distinct term, a sixth of parsing a page.
  struct Term {
    uint64_t key = 0;
    int df = 0;
    double idf = 0;
  };
  const Term* find(uint64_t term) const;
  double idf(uint64_t term) const;
  std::vector<Term> slots_;
  int shift_ = 64;
  double unseen_idf_ = 0;
};

void merge_into(TermCounts& into, const TermCounts& from);
// The bags merged into one, as merge_into of each in turn gives (counts are whole numbers, so
// their sums do not depend on the order): merging one at a time copied the growing bag once
// per text, quadratic in the texts of an article.
TermCounts merged(const std::vector<const TermCounts*>& bags);
// `all` less `part`, where `part` is a sub-bag of `all` (the merge of some of the bags `all` was
// merged from): terms whose count falls to 0 are dropped. Counts are whole numbers, so this is
// exactly the merge of the other bags, without sorting them again.
TermCounts minus(const TermCounts& all, const TermCounts& part);

}  // namespace tally::parse
