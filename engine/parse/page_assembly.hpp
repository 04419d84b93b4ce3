#pragma once
// Second pass of the page parser: units grouped into articles. Layout decides most boundaries;
// where it cannot (a headline printed after its body, an article cut mid-word and resumed later
// on the page), lexical similarity between the candidate pieces decides, and the margin of that
// decision becomes the article's confidence.
#include <string>
#include <utility>
#include <vector>

#include "parse/page_units.hpp"

namespace tally::parse::detail {

struct Segment {
  std::vector<size_t> head;  // heading-group units: section label, headline lines, bylines
  std::vector<size_t> body;  // body units in page order
  bool cut_start = false;    // begins where a run of text was cut at a topic change
  bool scattered = false;    // headline and opening found apart on the page
  double confidence = 1.0;
  std::vector<std::string> notes;
};

struct Assembly {
  std::vector<Segment> articles;    // in reading order
  std::vector<size_t> continues;    // per unit: the Text unit it continues, or SIZE_MAX
  std::vector<size_t> subheads;     // Heading units demoted to sub-heads
  std::vector<size_t> page_header;  // PageHeader units
  // (drop cap, Text unit): a drop cap printed apart from the paragraph it opens
  std::vector<std::pair<size_t, size_t>> drop_caps;
};

// `memo`: counts the terms of text an earlier parse counted only once, or nullptr.
Assembly assemble_articles(const std::vector<Unit>& units, bool hard_wrapped,
                           ParseMemo* memo = nullptr);

}  // namespace tally::parse::detail
