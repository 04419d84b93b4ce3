#pragma once
// The figures of one block as the relation facts (shares, changes) read them: quantities and
// bare numbers in reading order, each with the class of its measure (名/位/人 are one measure;
// "$", "dlrs" and "dlr" are one) and the interval its written precision allows: "14.3万人" is
// [142500, 143500), "158.7 mln" ±50,000; a whole count ("899件") is exact; 约/余/more than keep
// the interval the number parser gave them.
#include <string>
#include <string_view>
#include <vector>

#include "facts/numbers.hpp"
#include "facts/record_sink.hpp"
#include "facts/sentences.hpp"

namespace tally::facts {

struct ArticleFacts;

struct Figure {
  uint32_t begin = 0, end = 0;  // logical bytes of the figure (number and measure)
  Number number;
  std::string measure;  // its class; empty for a bare number
  double lo = 0, hi = 0;
};

std::vector<Figure> block_figures(std::string_view text, const ArticleFacts& f, size_t block);

// Can two figures be part and whole, or old and new value, of one thing? Same measure class,
// or (in English) one of them a bare number.
bool same_measure(const Figure& a, const Figure& b);

// A bare integer from 1800 to 2100: in English copy a year ("up 12 pct from 1986", "Of the 1986
// total"), not a value to compute with.
bool year_like(const Figure& f);

// The last of `figs` (in reading order) lying wholly in [from, at), or nullptr.
const Figure* last_before(const std::vector<Figure>& figs, uint32_t from, uint32_t at);

// The sentence of `sentences` holding logical offset `at`, or nullptr.
const Sentence* sentence_at(const std::vector<Sentence>& sentences, uint32_t at);

// Writes a figure as a nested record object: text, value, interval, decimals, lbegin, lend.
void write_figure(RecordSink& sink, const char* key, std::string_view text, const Figure& fig);

}  // namespace tally::facts
