#include "parse/similarity.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "text/utf8.hpp"

namespace tally::parse {

uint64_t bigram_key(char32_t a, char32_t b) {
  return (uint64_t{1} << 62) | (uint64_t{a} << 21) | b;
}

TermCounts count_terms(std::string_view s) {
  std::vector<uint64_t> terms;
  terms.reserve(s.size());  // at most two terms per Han character (3 bytes), one per word
  char32_t prev = 0;
  uint64_t word = 0;
  bool in_word = false;
  auto flush_word = [&] {
    if (in_word) terms.push_back(word | (uint64_t{3} << 62));
    in_word = false;
    word = 1469598103934665603ull;
  };
  flush_word();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size();) {
    // (A character of the main Han block read from its bytes, as decode_at would: lead E5-E9,
    // or E4 with a second byte from B8.)
    unsigned c0 = p[i];
    if (c0 >= 0xE4 && c0 <= 0xE9 && s.size() - i >= 3 && (p[i + 1] & 0xC0) == 0x80 &&
        (p[i + 2] & 0xC0) == 0x80 && (c0 != 0xE4 || p[i + 1] >= 0xB8)) {
      char32_t c = ((c0 & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
      flush_word();
      terms.push_back(c);
      if (prev) terms.push_back(bigram_key(prev, c));
      prev = c;
      i += 3;
      continue;
    }
    auto d = text::decode_at(s, i);
    uint32_t n = d.size ? d.size : 1;
    char32_t c = d.cp;
    if (text::is_ideograph(c)) {
      flush_word();
      terms.push_back(c);
      if (prev) terms.push_back(bigram_key(prev, c));
      prev = c;
    } else {
      prev = 0;
      if (text::is_ascii_alnum(c)) {
        char lc = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        word = (word ^ static_cast<uint64_t>(lc)) * 1099511628211ull;
        word &= (uint64_t{1} << 62) - 1;
        in_word = true;
      } else {
        flush_word();
      }
    }
    i += n;
  }
  flush_word();
  std::sort(terms.begin(), terms.end());
  TermCounts out;
  out.reserve(terms.size());
  for (auto t : terms)
    if (!out.empty() && out.back().first == t)
      out.back().second += 1;
    else
      out.emplace_back(t, 1);
  return out;
}

namespace {

// The slot a term hashes to (Fibonacci hashing: the table's size is a power of two).
size_t home(uint64_t term, int shift) {
  return shift >= 64 ? 0 : static_cast<size_t>((term * 0x9E3779B97F4A7C15ull) >> shift);
}

}  // namespace

Lexicon::Lexicon(const std::vector<const TermCounts*>& docs) {
  size_t entries = 0;
  for (const auto* doc : docs) entries += doc->size();
  // At most half full, so that probes stay short.
  size_t size = 1;
  shift_ = 64;
  while (size < entries * 2) {
    size *= 2;
    --shift_;
  }
  slots_.assign(size, Term{});
  const size_t mask = size - 1;
  for (const auto* doc : docs)
    for (const auto& [t, _] : *doc) {
      size_t i = home(t, shift_);
      while (slots_[i].key != 0 && slots_[i].key != t) i = (i + 1) & mask;
      if (slots_[i].key == 0) slots_[i].key = t;
      ++slots_[i].df;
    }
  auto weight = [n = static_cast<double>(docs.size() + 1)](int df) {
    return std::log(1.0 + n / (df + 1));
  };
  // (A weight per document frequency, not a log per term: a term is in at most every text, when
  // each text's terms are distinct, as count_terms gives them.)
  std::vector<double> by_df(docs.size() + 1);
  for (size_t df = 0; df < by_df.size(); ++df) by_df[df] = weight(static_cast<int>(df));
  for (auto& term : slots_)
    if (term.key != 0)
      term.idf = static_cast<size_t>(term.df) < by_df.size() ? by_df[static_cast<size_t>(term.df)]
                                                             : weight(term.df);
  unseen_idf_ = by_df[0];
}

// (Inline: similarity() looks up every term of both bags, and as calls the lookups were as
// much as the comparison itself.)
__attribute__((always_inline)) inline const Lexicon::Term* Lexicon::find(uint64_t term) const {
  if (slots_.empty() || term == 0) return nullptr;
  const size_t mask = slots_.size() - 1;
  for (size_t i = home(term, shift_);; i = (i + 1) & mask) {
    if (slots_[i].key == term) return &slots_[i];
    if (slots_[i].key == 0) return nullptr;
  }
}

int Lexicon::bigram_df(char32_t a, char32_t b) const {
  const Term* t = find(bigram_key(a, b));
  return t ? t->df : 0;
}

__attribute__((always_inline)) inline double Lexicon::idf(uint64_t term) const {
  const Term* t = find(term);
  return t ? t->idf : unseen_idf_;
}

namespace {

// 1 + log(count), the term-frequency factor of a term's weight. Most terms occur once in a text
// (1 + log 1 is exactly 1), and small counts are looked up: a call to log per term of both bags
// was a third of a comparison. The table holds std::log's own values, so weights are unchanged.
double tf(double count) {
  static const auto table = [] {
    std::array<double, 16> t{};
    for (size_t k = 1; k < t.size(); ++k) t[k] = 1 + std::log(static_cast<double>(k));
    return t;
  }();
  if (count == 1) return 1;
  if (count >= 2 && count < 16 && count == static_cast<double>(static_cast<int>(count)))
    return table[static_cast<size_t>(count)];
  return 1 + std::log(count);
}

}  // namespace

double Lexicon::similarity(const TermCounts& a, const TermCounts& b) const {
  double dot = 0, na = 0, nb = 0;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) {
      double w = tf(a[i].second) * idf(a[i].first);
      na += w * w;
      ++i;
    } else if (i == a.size() || b[j].first < a[i].first) {
      double w = tf(b[j].second) * idf(b[j].first);
      nb += w * w;
      ++j;
    } else {
      double f = idf(a[i].first);
      double wa = tf(a[i].second) * f, wb = tf(b[j].second) * f;
      na += wa * wa;
      nb += wb * wb;
      dot += wa * wb;
      ++i;
      ++j;
    }
  }
  if (na == 0 || nb == 0) return 0;
  return dot / std::sqrt(na * nb);
}

std::vector<double> Lexicon::idfs(const TermCounts& all) const {
  std::vector<double> out;
  out.reserve(all.size());
  for (const auto& t : all) out.push_back(idf(t.first));
  return out;
}

double Lexicon::similarity(const TermCounts& a, const TermCounts& all,
                           const std::vector<double>& all_idf,
                           const std::vector<double>& counts) const {
  double dot = 0, na = 0, nb = 0;
  const size_t n = all.size();
  size_t i = 0, j = 0;
  auto next = [&] {
    while (j < n && counts[j] == 0) ++j;
  };
  next();
  while (i < a.size() || j < n) {
    if (j == n || (i < a.size() && a[i].first < all[j].first)) {
      double w = tf(a[i].second) * idf(a[i].first);
      na += w * w;
      ++i;
    } else if (i == a.size() || all[j].first < a[i].first) {
      double w = tf(counts[j]) * all_idf[j];
      nb += w * w;
      ++j;
      next();
    } else {
      double f = all_idf[j];
      double wa = tf(a[i].second) * f, wb = tf(counts[j]) * f;
      na += wa * wa;
      nb += wb * wb;
      dot += wa * wb;
      ++i;
      ++j;
      next();
    }
  }
  if (na == 0 || nb == 0) return 0;
  return dot / std::sqrt(na * nb);
}

namespace {

// The two sorted bags as one, counts of a term in both summed.
TermCounts merge_two(const TermCounts& a, const TermCounts& b) {
  TermCounts out;
  out.reserve(a.size() + b.size());
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].first < b[j].first))
      out.push_back(a[i++]);
    else if (i == a.size() || b[j].first < a[i].first)
      out.push_back(b[j++]);
    else {
      out.emplace_back(a[i].first, a[i].second + b[j].second);
      ++i;
      ++j;
    }
  }
  return out;
}

}  // namespace

void merge_into(TermCounts& into, const TermCounts& from) {
  into = merge_two(into, from);
}

TermCounts minus(const TermCounts& all, const TermCounts& part) {
  TermCounts out;
  out.reserve(all.size());
  size_t j = 0;
  for (const auto& t : all) {
    while (j < part.size() && part[j].first < t.first) ++j;
    double left = t.second;
    if (j < part.size() && part[j].first == t.first) left -= part[j++].second;
    if (left != 0) out.emplace_back(t.first, left);
  }
  return out;
}

TermCounts merged(const std::vector<const TermCounts*>& bags) {
  if (bags.empty()) return {};
  if (bags.size() == 1) return *bags[0];
  // Merged two by two, level by level: each level is one linear walk of all the terms, and
  // there are as many levels as doublings of the number of bags (a sort of them all walked
  // them as many times as doublings of the number of terms).
  std::vector<TermCounts> level;
  level.reserve((bags.size() + 1) / 2);
  for (size_t i = 0; i < bags.size(); i += 2)
    level.push_back(i + 1 < bags.size() ? merge_two(*bags[i], *bags[i + 1]) : *bags[i]);
  while (level.size() > 1) {
    std::vector<TermCounts> next;
    next.reserve((level.size() + 1) / 2);
    for (size_t i = 0; i < level.size(); i += 2)
      next.push_back(i + 1 < level.size() ? merge_two(level[i], level[i + 1])
                                          : std::move(level[i]));
    level = std::move(next);
  }
  return std::move(level.front());
}

}  // namespace tally::parse
