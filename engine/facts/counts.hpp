#pragma once
// Count claims and the lists they count. "三地检察机关" after "包头市、呼和浩特市、巴彦淖尔市"
// claims three places; "“六个一”特色工作（建立…、撰写…、…）" claims six items and lists them in
// parentheses. An enumeration ending in "等"/"etc." or introduced by "such as" is open: it need not
// be complete. Each link between a claim and a list says on what evidence it was made.
#include <string>
#include <string_view>
#include <vector>

#include "facts/quantities.hpp"
#include "facts/sentences.hpp"

namespace tally::facts {

struct CountClaim {
  uint32_t begin = 0, end = 0;  // "三地", "“六个一”", "three cities"
  int count = 0;
  std::string noun;
  bool place = false;  // "五省", "两国": a numeral and a place word
};

struct Enumeration {
  uint32_t begin = 0, end = 0;
  std::vector<std::pair<uint32_t, uint32_t>> items;  // logical byte ranges
  bool open = false;                                 // "等", "etc.", "such as"
};

enum class LinkEvidence { ListBefore, Parenthesized, Colon, SameSentence, Apposition };
const char* link_evidence_name(LinkEvidence e);

struct CountLink {
  size_t claim = 0, list = 0;  // indices into the vectors below
  LinkEvidence evidence = LinkEvidence::SameSentence;
  bool strong = true;  // false when the list merely shares the sentence
};

struct CountFacts {
  std::vector<CountClaim> claims;
  std::vector<Enumeration> lists;
  std::vector<CountLink> links;
};

// `sentences` are those of `text` (split_sentences), used to judge same-sentence links.
CountFacts find_counts(std::string_view text, const std::vector<Quantity>& quantities,
                       const std::vector<Sentence>& sentences);

}  // namespace tally::facts
