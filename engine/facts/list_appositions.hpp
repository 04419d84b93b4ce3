#pragma once
// English lists set after their count word: "seven Russian cities - Klin, Ivanovo and Omsk",
// "its three main rivals - A and B -", "the three sons, Avi and Joel, …", "five ads …: A, B and
// C", "the top four markets were Canada, Japan and Britain". The count word is spelled out (a
// claim of CountFacts); the list follows a dash, a colon, a comma (names only) or "were"/"are"
// (names only), within a short noun phrase of the count.
#include "facts/counts.hpp"

namespace tally::facts {

// Adds the lists found after the English claims of `out` and links them (LinkEvidence::
// Apposition). Claims already linked on firmer evidence keep their link.
void find_english_appositions(std::string_view text, CountFacts& out);

}  // namespace tally::facts
