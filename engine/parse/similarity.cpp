#include "parse/similarity.hpp"

#include <cmath>

#include "text/utf8.hpp"

namespace tally::parse {

uint64_t bigram_key(char32_t a, char32_t b) {
  return (uint64_t{1} << 62) | (uint64_t{a} << 21) | b;
}

TermCounts count_terms(std::string_view s) {
  TermCounts out;
  char32_t prev = 0;
  uint64_t word = 0;
  bool in_word = false;
  auto flush_word = [&] {
    if (in_word) out[word | (uint64_t{3} << 62)] += 1;
    in_word = false;
    word = 1469598103934665603ull;
  };
  flush_word();
  for (size_t i = 0; i < s.size();) {
    auto d = text::decode_at(s, i);
    uint32_t n = d.size ? d.size : 1;
    char32_t c = d.cp;
    if (text::is_ideograph(c)) {
      flush_word();
      out[c] += 1;
      if (prev) out[bigram_key(prev, c)] += 1;
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
  return out;
}

int Lexicon::bigram_df(char32_t a, char32_t b) const {
  auto it = df_.find(bigram_key(a, b));
  return it == df_.end() ? 0 : it->second;
}

void Lexicon::add(const TermCounts& doc) {
  ++docs_;
  for (const auto& [t, _] : doc) ++df_[t];
}

double Lexicon::idf(uint64_t term) const {
  auto it = df_.find(term);
  int df = it == df_.end() ? 0 : it->second;
  return std::log(1.0 + static_cast<double>(docs_ + 1) / (df + 1));
}

double Lexicon::similarity(const TermCounts& a, const TermCounts& b) const {
  const auto& small = a.size() < b.size() ? a : b;
  const auto& large = a.size() < b.size() ? b : a;
  double dot = 0, na = 0, nb = 0;
  for (const auto& [t, c] : a) {
    double w = (1 + std::log(c)) * idf(t);
    na += w * w;
  }
  for (const auto& [t, c] : b) {
    double w = (1 + std::log(c)) * idf(t);
    nb += w * w;
  }
  for (const auto& [t, c] : small) {
    auto it = large.find(t);
    if (it == large.end()) continue;
    double i = idf(t);
    dot += (1 + std::log(c)) * i * (1 + std::log(it->second)) * i;
  }
  if (na == 0 || nb == 0) return 0;
  return dot / std::sqrt(na * nb);
}

void merge_into(TermCounts& into, const TermCounts& from) {
  for (const auto& [t, c] : from) into[t] += c;
}

}  // namespace tally::parse
