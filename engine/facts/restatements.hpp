#pragma once
// Restatements: one figure given twice for the same thing in one story. The evidence that two
// figures are the same entity, and not two things that share a noun:
//   heading  — the first is in a headline or a story's heading line and the second in that
//              story's body, in the same measure, named by the same words (the lead-in words
//              before the figure or the words after it: "外汇储备规模为" / "信贷资金" / "sales").
//              News copy repeats the headline's figure in the lead.
//   lead     — the first is the only figure in its measure of a headline, the second the only
//              one in that measure of the first sentence of the lead that gives one (copy puts
//              the headline's figure in the lead), not a part (各, 分别, additional, A和B).
//   lead-in  — both in body prose, in the same measure, after the same lead-in of at least four
//              characters and before the same words, in sentences that name no other subject,
//              place, period or source (乌什县… / 阿合奇县…, 此外, 此前…报道, 同比, dates), and
//              neither is a bound (至少, 超过) of a running count. English copy names many
//              things of one kind with one noun, so an English pair needs narrower evidence, in
//              sentences that set no other figure against theirs: the same three words after
//              both ("100 home photo printers"); a back-reference (the, this, a possessive)
//              with the same noun after both and a name both sentences give ("Deutsche
//              Boerse's £1.3bn offer"); the same verb before both and the same party after
//              ("repaid £500,000 to … Lord Ashcroft"); a change named by its verb and then by
//              its noun, with a shared name ("increased … 0.50 cent" / "the 0.50 cent
//              increase"). Not a second figure with "a"/"an", a model's number or a multiple.
// For each later figure the candidate that agrees (at the precision each is written with: "1.8亿"
// is 1.75亿 to 1.85亿, "5%" 4.5% to 5.5%, a whole count exact) is taken; only when none agrees is
// the pair a conflict (`agree` false).
#include <cstdint>
#include <string>

#include "parse/document.hpp"
#include "text/span.hpp"

namespace tally::facts {

struct ArticleFacts;

struct FigureMention {
  size_t block = 0;
  Span span;
  std::string text;
  double value = 0, lo = 0, hi = 0;  // scaled (万, 亿, mln), the interval its precision allows
};

// Opening: two articles of an edition give a figure after the same opening of its sentence
// (edition restatements below).
enum class RestatementEvidence { Heading, LeadIn, Lead, Opening };
const char* restatement_evidence_name(RestatementEvidence e);

struct Restatement {
  uint32_t begin = 0, end = 0;  // the later figure, logical bytes of its block
  FigureMention first;          // the earlier mention (the headline's, for heading evidence)
  FigureMention second;         // the later one (this record's block and span)
  std::string measure;  // the measure class both are in: "人" (名/位/人), "元", "%", "dlr"
  std::string words;    // the words that name the thing in both
  RestatementEvidence evidence = RestatementEvidence::Heading;
  bool headline = false;  // the first is in the article's headline
  bool agree = true;      // the two agree at their written precision
};

// Derives the restatements of an article from its quantities, rates and numbers.
void find_restatements(const parse::Article& article, ArticleFacts& facts);

// One article of an edition (several files checked as one: `tally check --edition`).
struct EditionArticle {
  const parse::Article* article = nullptr;
  const ArticleFacts* facts = nullptr;
  size_t page = 0;  // the file it is in, 0-based in edition order (0: the front page)
};

// A figure given in one article of an edition and again in an article on another page.
struct EditionRestatement {
  size_t first_article = 0, second_article = 0;  // indices into the articles given
  Restatement r;  // `first` in the first article, `second` in the second (on a later page)
};

// Restatements across the pages of an edition, with narrower evidence than within one story
// (another article may well speak of another place or period with the same words):
//   opening — both figures end the same opening of their sentence (from its start: at least ten
//             characters, eight of them Han, in Chinese; eight words in English), are in the
//             same measure and followed by the same words (two characters; or the same word);
//             neither a bound nor a vague number. The opening names the subject, place and
//             period as far as the sentence does, so the two say the same thing;
//   heading — a figure in an article's headline and one in the headline or first two
//             paragraphs of an article on another page, in the same measure, named by the same
//             four or more characters (two words in English), when no figure of that article in
//             the measure agrees with the headline's: a front page's line over the story inside.
// Chinese and English articles are compared only with articles of their own language.
std::vector<EditionRestatement> find_edition_restatements(
    const std::vector<EditionArticle>& articles);

}  // namespace tally::facts
