#include "text/suggest.hpp"

#include <algorithm>

#include "text/utf8.hpp"

namespace tally::text {

namespace {

std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    auto d = decode_at(s, i);
    char32_t cp = d.size ? d.cp : static_cast<unsigned char>(s[i]);
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    out.push_back(cp);
    i += d.size ? d.size : 1;
  }
  return out;
}

}  // namespace

// Optimal string alignment distance: Levenshtein plus a swap of two neighbours, the commonest
// typing slip ("chekc").
size_t edit_distance(std::string_view a_bytes, std::string_view b_bytes) {
  auto a = code_points(a_bytes), b = code_points(b_bytes);
  const size_t n = a.size(), m = b.size();
  // Three rows: the one before the previous is needed for swaps.
  std::vector<size_t> two(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], two[j - 2] + 1);
    }
    std::swap(two, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
  const size_t limit = std::max<size_t>(1, count_code_points(word) / 3);
  std::optional<std::string> best;
  size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto c = closest(word, candidates);
  return c ? "; did you mean '" + *c + "'?" : "";
}

}  // namespace tally::text
