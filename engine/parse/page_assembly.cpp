#include "parse/page_assembly.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>

#include "text/utf8.hpp"

namespace tally::parse::detail {

namespace {

constexpr size_t kNone = std::numeric_limits<size_t>::max();

// Thresholds on tf-idf cosine similarity, set on the real pages in ../shared/seeds; see
// docs/parser.md for what each one decides.
constexpr double kSubheadSame = 0.10;  // text around a heading this alike: same article
constexpr double kCutBelow = 0.10;     // text across a mid-sentence break this unlike: cut
constexpr double kResumeMin = 0.15;    // … or this alike to an earlier broken-off article
constexpr double kResumeRatio = 1.5;   // … and that much more alike than to its own side
constexpr double kMergeLead = 0.20;    // lead before a headline this alike to what follows
constexpr double kBalance = 1.6;       // … with the headline fitting both within this ratio
constexpr double kContinueMin = 0.08;  // a dangling end and a continuation at least this alike
constexpr double kUncertain = 0.03;
// Evidence that pieces of two stories were put under one headline (judge_evidence):
constexpr double kHeadElsewhere = 0.12;  // a headline this alike to another article's text
constexpr double kParaElsewhere = 0.15;  // a paragraph this alike to another article's headline
constexpr double kParaShare = 0.20;      // … making up this share of the text
constexpr int kRunTogether = 3;          // spaces between CJK characters in running text
constexpr double kOwnHeading = 3.0;      // a text this many times more alike to a sub-head
constexpr size_t kNeighbours = 40;       // articles compared either side of one
constexpr double kPageInDoubt = 0.75;    // share of a page's articles in doubt
constexpr double kCertain = 0.75;        // below this an article is marked uncertain
constexpr size_t kLongLead = 1500;   // bytes of lead above a headline beyond which it is doubted
constexpr size_t kCutContext = 600;  // bytes of text needed on each side to judge a cut    //
                                     // decisions won by less than this are flagged

bool debug() {
  static const bool on = std::getenv("TALLY_DEBUG_PARSE") != nullptr;
  return on;
}

struct Ctx {
  const std::vector<Unit>& units;
  bool hard_wrapped;
  ParseMemo* memo;  // counts terms again only for text it has not seen, or nullptr
  std::vector<size_t> continues;
  // Each unit's terms, and the lexicon over the page's texts, are made on first use: a
  // document of one article without breaks to judge (most typed copy) needs none, and making
  // them for every unit was a third of parsing Chinese copy.
  mutable std::vector<std::optional<TermCounts>> unit_terms;
  mutable std::optional<Lexicon> lexicon;
  const TermCounts& terms_of(size_t u) const {
    auto& t = unit_terms[u];
    if (!t) {
      const auto& text = units[u].text.text;
      t = memo ? memo->terms(text) : count_terms(text);
    }
    return *t;
  }
  const Lexicon& lex() const {
    if (!lexicon) {
      // The texts the lexicon weighs terms by: Text and Heading units.
      std::vector<const TermCounts*> texts;
      for (size_t u = 0; u < units.size(); ++u)
        if (is(u, UnitKind::Text) || is(u, UnitKind::Heading)) texts.push_back(&terms_of(u));
      lexicon.emplace(texts);
    }
    return *lexicon;
  }

  bool is(size_t u, UnitKind k) const { return units[u].kind == k; }
  bool headed(const Segment& s) const {
    return std::any_of(s.head.begin(), s.head.end(),
                       [&](size_t u) { return is(u, UnitKind::Heading); });
  }
  bool has_byline(const Segment& s) const {
    auto by = [&](size_t u) { return is(u, UnitKind::Byline); };
    return std::any_of(s.head.begin(), s.head.end(), by) ||
           std::any_of(s.body.begin(), s.body.end(), by);
  }
  TermCounts terms(const std::vector<size_t>& us, UnitKind kind, size_t limit = kNone) const {
    std::vector<const TermCounts*> bags;
    for (auto u : us) {
      if (!is(u, kind)) continue;
      bags.push_back(&terms_of(u));
      if (bags.size() >= limit) break;
    }
    return merged(bags);
  }
  TermCounts body_terms(const Segment& s, size_t limit = kNone) const {
    return terms(s.body, UnitKind::Text, limit);
  }
  // Terms of the last Text units of `us`, about kCutContext bytes of them.
  TermCounts tail_terms(const std::vector<size_t>& us) const {
    std::vector<const TermCounts*> bags;
    size_t bytes = 0;
    for (auto it = us.rbegin(); it != us.rend() && bytes < kCutContext; ++it) {
      if (!is(*it, UnitKind::Text)) continue;
      bags.push_back(&terms_of(*it));
      bytes += units[*it].text.text.size();
    }
    return merged(bags);
  }
  TermCounts head_terms(const Segment& s) const { return terms(s.head, UnitKind::Heading); }
  bool has_text(const Segment& s) const {
    return std::any_of(s.body.begin(), s.body.end(),
                       [&](size_t u) { return is(u, UnitKind::Text); });
  }
  size_t last_text(const Segment& s) const {
    for (auto it = s.body.rbegin(); it != s.body.rend(); ++it)
      if (is(*it, UnitKind::Text)) return *it;
    return kNone;
  }
  size_t first_text(const Segment& s) const {
    for (auto u : s.body)
      if (is(u, UnitKind::Text)) return u;
    return kNone;
  }
  // (0 for an empty bag whatever the weights, as Lexicon::similarity gives: no lexicon needed.)
  double sim(const TermCounts& a, const TermCounts& b) const {
    return a.empty() || b.empty() ? 0 : lex().similarity(a, b);
  }
  // Whether the last character of unit `a` and the first of unit `b` form a bigram that occurs
  // elsewhere on the page.
  bool word_across(size_t a, size_t b) const {
    const auto& ta = units[a].text.text;
    const auto& tb = units[b].text.text;
    if (ta.empty() || tb.empty()) return false;
    size_t s = ta.size() - 1;
    while (s > 0 && (static_cast<unsigned char>(ta[s]) & 0xC0) == 0x80) --s;
    auto x = text::decode_at(ta, s), y = text::decode_at(tb, 0);
    return text::is_ideograph(x.cp) && text::is_ideograph(y.cp) && lex().bigram_df(x.cp, y.cp) > 0;
  }
};

size_t first_unit(const Segment& s) {
  size_t m = kNone;
  for (auto u : s.head) m = std::min(m, u);
  for (auto u : s.body) m = std::min(m, u);
  return m;
}

void note(Segment& s, double margin, std::string what) {
  if (margin < kUncertain) s.confidence = std::min(s.confidence, 0.5 + margin * 10);
  s.notes.push_back(std::move(what));
}

std::string fmt(double v) {
  char b[16];
  std::snprintf(b, sizeof b, "%.3f", v);
  return b;
}

// A Text unit continues the previous one when the latter ran on, with only captions between.
std::vector<size_t> initial_links(const std::vector<Unit>& units) {
  std::vector<size_t> links(units.size(), kNone);
  for (size_t k = 0; k < units.size(); ++k) {
    if (units[k].kind != UnitKind::Text || !units[k].joined) continue;
    size_t j = k;
    while (j > 0) {
      --j;
      if (units[j].kind == UnitKind::Caption) continue;
      if (units[j].kind == UnitKind::Text && units[j].open) links[k] = j;
      break;
    }
  }
  return links;
}

// The Text units after `from` up to the next heading, byline or sign-off.
std::vector<size_t> text_ahead(const Ctx& c, size_t from, size_t limit) {
  std::vector<size_t> out;
  for (size_t k = from; k < c.units.size() && out.size() < limit; ++k) {
    auto kind = c.units[k].kind;
    if (kind == UnitKind::Heading || kind == UnitKind::Byline || kind == UnitKind::Credit) break;
    if (kind == UnitKind::Text) {
      out.push_back(k);
      if (c.units[k].signoff) break;
    }
  }
  return out;
}

size_t next_non_caption(const std::vector<Unit>& units, size_t k) {
  while (k < units.size() && units[k].kind == UnitKind::Caption) ++k;
  return k;
}

// Pass 1: walk the units; start a new segment at each headline group, standalone byline and
// after each sign-off. Headings whose surroundings read as one text become sub-heads.
std::vector<Segment> segment(Ctx& c, std::vector<size_t>& subheads, std::vector<size_t>& header) {
  const auto& units = c.units;
  std::vector<Segment> segs(1);
  bool closed = false;
  struct Running {
    size_t seg = kNone;  // the segment whose body terms these are
    size_t upto = 0;     // body units merged so far
    TermCounts terms;
  } run;
  auto start = [&] {
    if (!segs.back().head.empty() || !segs.back().body.empty()) segs.emplace_back();
    closed = false;
  };
  for (size_t k = 0; k < units.size(); ++k) {
    const auto& u = units[k];
    switch (u.kind) {
      case UnitKind::PageHeader:
        header.push_back(k);
        continue;
      case UnitKind::Byline:
        start();
        segs.back().head.push_back(k);
        while (k + 1 < units.size() && units[k + 1].kind == UnitKind::Byline &&
               units[k + 1].gap_before <= 1)
          segs.back().head.push_back(++k);
        continue;
      case UnitKind::Heading:
        break;
      default:
        // A drop cap opens a story: text before it in the segment is another's.
        if (closed || (u.kind == UnitKind::Text && u.drop_cap && c.has_text(segs.back()))) start();
        segs.back().body.push_back(k);
        if (u.kind == UnitKind::Credit || (u.kind == UnitKind::Text && u.signoff)) closed = true;
        continue;
    }
    // A heading group: up to two heading lines (a section label does not count), then bylines.
    std::vector<size_t> group{k};
    size_t lines = u.lines.size();
    bool label = false;
    while (k + 1 < units.size() && units[k + 1].kind == UnitKind::Heading &&
           units[k + 1].gap_before <= 3) {
      bool first_is_label =
          group.size() == 1 && lines == 1 && label_text(units[group[0]].text.text);
      size_t more = units[k + 1].lines.size();
      if (!first_is_label && lines + more > 2) break;
      if (first_is_label) {
        label = true;
        lines = 0;
      }
      group.push_back(++k);
      lines += more;
    }
    bool bylined = false;
    while (k + 1 < units.size() && units[k + 1].kind == UnitKind::Byline &&
           units[k + 1].gap_before <= 1) {
      group.push_back(++k);
      bylined = true;
    }
    // Sub-head: a lone heading inside running text about the same things.
    const auto& cur = segs.back();
    size_t after = next_non_caption(units, k + 1);
    // (A heading over a drop cap, a story's opening such as "本报讯…" or a dek "——…" is a
    // headline: each says a story starts there; a sub-head has none of them.)
    bool between_text = !closed && c.has_text(cur) && after < units.size() &&
                        units[after].kind == UnitKind::Text && !units[after].drop_cap &&
                        !units[after].opening && units[after].text.text.rfind("——", 0) != 0;
    if (group.size() == 1 && !bylined && !label && between_text &&
        (c.hard_wrapped || (u.gap_before < 2 && u.gap_after < 2))) {
      auto ahead = text_ahead(c, after, 6);
      // (The current segment's body only grows here: its terms are kept up, not made again
      // for every heading.)
      size_t si = segs.size() - 1;
      if (run.seg != si || run.upto > cur.body.size()) run = {si, 0, {}};
      // (The units added since the last heading are merged together first, then into the
      // running bag once: merging them one by one copied the whole bag for each.)
      std::vector<const TermCounts*> added;
      for (; run.upto < cur.body.size(); ++run.upto)
        if (c.is(cur.body[run.upto], UnitKind::Text))
          added.push_back(&c.terms_of(cur.body[run.upto]));
      if (!added.empty()) merge_into(run.terms, added.size() == 1 ? *added[0] : merged(added));
      const auto& before_terms = run.terms;
      auto after_terms = c.terms(ahead, UnitKind::Text);
      double s = c.sim(before_terms, after_terms);
      bool same_column = true;
      if (c.hard_wrapped) {
        int wb = units[c.last_text(cur)].column, wa = units[after].column;
        same_column = std::abs(wb - wa) * 100 <= std::max(wb, wa) * 15;
      }
      if (debug())
        std::fprintf(stderr, "subhead? line %u sim=%.3f same_column=%d\n",
                     units[k].lines.empty() ? 0 : units[k].lines[0] + 1, s, same_column);
      if (same_column && s >= kSubheadSame) {
        subheads.push_back(k);
        segs.back().body.push_back(k);
        continue;
      }
    }
    start();
    segs.back().head = group;
  }
  if (segs.back().head.empty() && segs.back().body.empty()) segs.pop_back();
  return segs;
}

// Pass 2: a paragraph that ran on over a break may in fact have been cut there, with another
// article printed in between. Cut where the text on either side has little in common.
void cut_at_topic_changes(Ctx& c, std::vector<Segment>& segs) {
  // The body terms of the segments before the one being cut, made once each: a segment before
  // i is not changed again (a cut shortens segment i and inserts its tail after it).
  std::vector<std::optional<TermCounts>> earlier;
  auto earlier_body = [&](size_t j) -> const TermCounts& {
    if (earlier.size() <= j) earlier.resize(j + 1);
    if (!earlier[j]) earlier[j] = c.body_terms(segs[j]);
    return *earlier[j];
  };
  for (size_t i = 0; i < segs.size(); ++i) {
    auto& s = segs[i];
    // The terms and bytes of the Text units before `pos`, kept up as pos advances: made again
    // for every break they were quadratic in a long article.
    TermCounts left_terms;
    size_t left_upto = 0, left_bytes = 0;
    for (size_t pos = 1; pos < s.body.size(); ++pos) {
      size_t u = s.body[pos];
      if (c.continues[u] == kNone) continue;
      std::vector<size_t> right;
      size_t right_bytes = 0;
      for (size_t q = pos; q < s.body.size() && right_bytes < kCutContext; ++q)
        if (c.is(s.body[q], UnitKind::Text)) {
          right.push_back(s.body[q]);
          right_bytes += c.units[s.body[q]].text.text.size();
        }
      for (; left_upto < pos; ++left_upto)
        if (c.is(s.body[left_upto], UnitKind::Text)) {
          merge_into(left_terms, c.terms_of(s.body[left_upto]));
          left_bytes += c.units[s.body[left_upto]].text.text.size();
        }
      // Cosine over a few dozen characters is noise: judge only with enough text either side.
      if (left_bytes < kCutContext || right_bytes < kCutContext) continue;
      auto right_terms = c.terms(right, UnitKind::Text);
      double sm = c.sim(left_terms, right_terms);
      // Or the text after the break reads far more like an earlier article that broke off
      // mid-sentence: that article resumes here ("…安全隐患排" … "查等方面…").
      // When the two are close, the break itself decides: "…排" + "查…" makes a word the page
      // uses elsewhere (排查), "…赋" + "查…" makes none.
      double alt = 0;
      bool alt_word = false;
      for (size_t j = 0; j < i; ++j) {
        size_t lt = c.last_text(segs[j]);
        if (lt == kNone || !c.units[lt].open) continue;
        double a = c.sim(earlier_body(j), right_terms);
        if (a > alt) {
          alt = a;
          alt_word = c.word_across(lt, u);
        }
      }
      bool own_word = c.word_across(c.continues[u], u);
      if (debug())
        std::fprintf(stderr, "join at line %u: sim=%.3f alt=%.3f words own=%d alt=%d\n",
                     c.units[u].lines[0] + 1, sm, alt, own_word, alt_word);
      bool resumes_other =
          alt >= kResumeMin && (alt >= sm * kResumeRatio || (alt >= sm && alt_word && !own_word));
      if (sm >= kCutBelow && !resumes_other) continue;
      Segment tail;
      tail.body.assign(s.body.begin() + static_cast<long>(pos), s.body.end());
      tail.cut_start = true;
      note(tail, resumes_other ? alt - sm : kCutBelow - sm,
           "starts where a run of text was cut (similarity " + fmt(sm) + ")");
      s.body.resize(pos);
      c.continues[u] = kNone;
      segs.insert(segs.begin() + static_cast<long>(i) + 1, std::move(tail));
      break;
    }
  }
}

bool glued_to_body(const Ctx& c, const Segment& s) {
  // In a hard-wrapped column a heading with no blank line before its first paragraph heads it.
  if (!c.hard_wrapped || s.head.empty() || s.body.empty()) return false;
  size_t last_heading = kNone;
  for (auto u : s.head)
    if (c.is(u, UnitKind::Heading)) last_heading = u;
  return last_heading != kNone && s.body.front() == last_heading + 1 &&
         c.units[s.body.front()].gap_before == 0 && c.is(s.body.front(), UnitKind::Text);
}

bool has_label(const Ctx& c, const Segment& s) {
  size_t headings = 0;
  for (auto u : s.head)
    if (c.is(u, UnitKind::Heading)) ++headings;
  return headings >= 2 && c.units[s.head[0]].lines.size() == 1 &&
         label_text(c.units[s.head[0]].text.text);
}

// Pass 3: a headline may belong to the text above it (printed after its body) rather than to
// the text below. Decide by which of the two it shares more words with.
void place_headlines(Ctx& c, std::vector<Segment>& segs, std::vector<size_t>& orphans) {
  for (size_t i = 0; i < segs.size(); ++i) {
    auto& s = segs[i];
    if (!c.headed(s)) continue;
    Segment* prev = i > 0 ? &segs[i - 1] : nullptr;
    bool prev_free = prev && !c.headed(*prev) && c.has_text(*prev);
    if (!c.has_text(s)) {
      if (prev_free) {
        note(*prev, 1, "headline printed after its body");
        prev->head.insert(prev->head.begin(), s.head.begin(), s.head.end());
        prev->body.insert(prev->body.end(), s.body.begin(), s.body.end());
        segs.erase(segs.begin() + static_cast<long>(i));
        --i;
      } else if (i + 1 < segs.size() && !c.headed(segs[i + 1])) {
        auto& next = segs[i + 1];
        s.body.insert(s.body.end(), next.head.begin(), next.head.end());
        s.body.insert(s.body.end(), next.body.begin(), next.body.end());
        segs.erase(segs.begin() + static_cast<long>(i) + 1);
      } else {
        orphans.push_back(i);
      }
      continue;
    }
    if (!prev_free || glued_to_body(c, s) || has_label(c, s)) continue;
    auto g = c.head_terms(s);
    auto p = c.body_terms(*prev);
    auto f = c.body_terms(s);
    double sb = c.sim(g, p), sf = c.sim(g, f), spf = c.sim(p, f);
    if (debug())
      std::fprintf(stderr, "headline seg %zu: back=%.3f fwd=%.3f prev~fwd=%.3f\n", i, sb, sf, spf);
    // One article with its lead above the headline: the two sides read alike and the headline
    // fits both about equally. (A headline fitting one side much better heads that side.)
    bool balanced = std::min(sb, sf) * kBalance >= std::max(sb, sf);
    if (spf >= kMergeLead && balanced) {
      note(s, spf - kMergeLead, "lead printed before the headline (similarity " + fmt(spf) + ")");
      // A lead set above its headline is a paragraph or two; pages of text above a headline
      // are more likely another story with a headline the layout hid.
      size_t lead = 0;
      for (auto u : prev->body)
        if (c.is(u, UnitKind::Text)) lead += c.units[u].text.text.size();
      if (lead > kLongLead) {
        s.confidence = std::min(s.confidence, 0.6);
        s.notes.push_back("long text before its headline");
      }
      s.body.insert(s.body.begin(), prev->body.begin(), prev->body.end());
      s.head.insert(s.head.end(), prev->head.begin(), prev->head.end());
      segs.erase(segs.begin() + static_cast<long>(i) - 1);
      --i;
    } else if (sb > sf) {
      note(*prev, sb - sf, "headline printed after its body (" + fmt(sb) + " vs " + fmt(sf) + ")");
      prev->head.insert(prev->head.begin(), s.head.begin(), s.head.end());
      s.head.clear();
    } else {
      note(s, sf - sb, "headline placed above its body (" + fmt(sf) + " vs " + fmt(sb) + ")");
    }
  }
}

// Whether a segment's text opens a story: its first paragraph is set with a drop cap or begins
// with a dateline or credit ("本报讯…", "By …").
bool opens_story(const Ctx& c, const Segment& s) {
  size_t ft = c.first_text(s);
  return ft != kNone && (c.units[ft].drop_cap || c.units[ft].opening);
}

// Pass 4a: pdftotext reads a headline set across the top of the page with the furniture there,
// and the story's opening where the text flow of its column puts it, often far below. A headline
// with no text of its own takes a story opening that has no headline: the only pair on the
// page, or, with several, the one its words fit best. Paired orphans leave `orphans`.
void openings_for_orphans(Ctx& c, std::vector<Segment>& segs, std::vector<size_t>& orphans) {
  std::vector<size_t> openings;
  for (size_t i = 0; i < segs.size(); ++i)
    if (!c.headed(segs[i]) && opens_story(c, segs[i])) openings.push_back(i);
  if (openings.empty() || orphans.empty()) return;
  struct Pair {
    double sim;
    size_t orphan, opening;
  };
  std::vector<Pair> pairs;
  for (auto o : orphans)
    for (auto x : openings) {
      double sm = c.sim(c.head_terms(segs[o]), c.body_terms(segs[x]));
      if (debug()) std::fprintf(stderr, "orphan %zu opening %zu: %.3f\n", o, x, sm);
      pairs.push_back({sm, o, x});
    }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.sim > b.sim; });
  bool alone = pairs.size() == 1;
  std::vector<bool> gone(segs.size(), false), paired(segs.size(), false);
  for (const auto& p : pairs) {
    if (paired[p.orphan] || gone[p.opening] || (!alone && p.sim <= 0)) continue;
    paired[p.orphan] = gone[p.opening] = true;
    auto& o = segs[p.orphan];
    auto& x = segs[p.opening];
    o.head.insert(o.head.end(), x.head.begin(), x.head.end());
    o.body.insert(o.body.end(), x.body.begin(), x.body.end());
    o.scattered = true;
    note(o, alone ? 1 : p.sim, "opening found apart from its headline (" + fmt(p.sim) + ")");
  }
  std::vector<size_t> index(segs.size(), kNone), left;
  std::vector<Segment> kept;
  for (size_t i = 0; i < segs.size(); ++i)
    if (!gone[i]) {
      index[i] = kept.size();
      kept.push_back(std::move(segs[i]));
    }
  for (auto o : orphans)
    if (!paired[o]) left.push_back(index[o]);
  segs = std::move(kept);
  orphans = std::move(left);
}

// Pass 4: a headline with no text of its own, at the end of the page, heads the tail of an
// earlier article's text: split that text where the tail reads most like the headline.
void split_for_orphans(Ctx& c, std::vector<Segment>& segs, std::vector<size_t> orphans) {
  openings_for_orphans(c, segs, orphans);
  std::sort(orphans.rbegin(), orphans.rend());
  for (auto oi : orphans) {
    auto g = c.head_terms(segs[oi]);
    double best = 0;
    size_t best_seg = kNone, best_pos = 0;
    for (size_t back = 1; back <= 3 && back <= oi; ++back) {
      const auto& s = segs[oi - back];
      auto own = c.head_terms(s);
      // The text before `pos` (tp) and from pos on (ts) are kept as counts of the article's
      // terms, updated unit by unit as pos advances, and compared with the weights of those
      // terms looked up once: merging and subtracting bags at every place, and a table lookup
      // per term per comparison, were most of this pass.
      const TermCounts all = c.body_terms(s);
      // (With no headline terms no place can win, and no weights are needed but for the log.)
      const bool weigh = !all.empty() && (!g.empty() || debug());
      const std::vector<double> all_idf = weigh ? c.lex().idfs(all) : std::vector<double>{};
      std::vector<double> tp(all.size(), 0), ts(all.size());
      for (size_t k = 0; k < all.size(); ++k) ts[k] = all[k].second;
      size_t tp_terms = 0, ts_terms = all.size();  // terms with a count other than 0
      size_t upto = 0;                             // body units counted into tp
      for (size_t pos = 1; pos < s.body.size(); ++pos) {
        size_t u = s.body[pos];
        if (!c.is(u, UnitKind::Text) || c.continues[u] != kNone) continue;
        for (; upto < pos; ++upto) {
          if (!c.is(s.body[upto], UnitKind::Text)) continue;
          auto at = all.begin();
          for (const auto& t : c.terms_of(s.body[upto])) {
            // (Every term of a text of the article is among its terms.)
            at = std::lower_bound(at, all.end(), t.first,
                                  [](const auto& e, uint64_t key) { return e.first < key; });
            auto k = static_cast<size_t>(at - all.begin());
            bool was_tp = tp[k] != 0, was_ts = ts[k] != 0;
            tp[k] += t.second;
            ts[k] = all[k].second - tp[k];
            tp_terms += (tp[k] != 0) - was_tp;
            ts_terms += (ts[k] != 0) - was_ts;
          }
        }
        if (tp_terms == 0 || ts_terms == 0) continue;
        // (The score is at most its first term, and at most the first less the second: once
        // either is no better than the best so far the place cannot win, and the other
        // comparisons, each a walk of the article's terms, are left out. With the debug log
        // every score is worked out, to be printed. Ctx::sim's 0 for an empty bag is kept.)
        const auto& lex = c.lex();
        double first = g.empty() ? 0 : lex.similarity(g, all, all_idf, ts);
        if (first <= best && !debug()) continue;
        double second = g.empty() ? 0 : lex.similarity(g, all, all_idf, tp);
        if (first - second <= best && !debug()) continue;
        double third = own.empty() ? 0 : lex.similarity(own, all, all_idf, ts);
        double score = first - std::max(second, third);
        if (debug())
          std::fprintf(stderr, "orphan split seg %zu pos %zu: %.3f\n", oi - back, pos, score);
        if (score > best) {
          best = score;
          best_seg = oi - back;
          best_pos = pos;
        }
      }
    }
    auto& o = segs[oi];
    if (best_seg == kNone) {
      note(o, 0, "headline with no text found for it");
      o.confidence = 0.3;
      continue;
    }
    auto& s = segs[best_seg];
    o.body.insert(o.body.begin(), s.body.begin() + static_cast<long>(best_pos), s.body.end());
    s.body.resize(best_pos);
    note(
        o, best,
        "headline printed after its body, which follows another article (score " + fmt(best) + ")");
  }
}

// Pass 5: join each text that breaks off mid-sentence with the piece that continues it
// elsewhere on the page: a cut tail, or, for an opening printed at the end of the page, the
// headed article it opens.
void join_continuations(Ctx& c, std::vector<Segment>& segs) {
  struct Pair {
    double sim;
    size_t e, k;
  };
  std::vector<Pair> pairs;
  // The candidates of each kind, listed once: testing every pair of segments for them was
  // quadratic on a page of many short articles (issue 22). Pairs come out in the old order,
  // openings (k < e) then tails (k > e), each by k.
  std::vector<size_t> tails, openings;
  std::vector<bool> headed(segs.size()), byline(segs.size());
  for (size_t k = 0; k < segs.size(); ++k) {
    headed[k] = c.headed(segs[k]);
    byline[k] = c.has_byline(segs[k]);
    if (segs[k].cut_start) tails.push_back(k);
    if (headed[k] && !byline[k]) openings.push_back(k);
  }
  for (size_t e = 0; e < segs.size(); ++e) {
    size_t lt = c.last_text(segs[e]);
    if (lt == kNone || !c.units[lt].open) continue;
    std::optional<TermCounts> own;
    auto consider = [&](size_t k) {
      if (!own) own = c.body_terms(segs[e]);
      double sm = c.sim(*own, c.body_terms(segs[k]));
      if (debug()) std::fprintf(stderr, "continue %zu -> %zu: %.3f\n", e, k, sm);
      if (sm >= kContinueMin) pairs.push_back({sm, e, k});
    };
    if (!headed[e] && byline[e])
      for (size_t i = 0; i < openings.size() && openings[i] < e; ++i) consider(openings[i]);
    for (auto it = std::upper_bound(tails.begin(), tails.end(), e); it != tails.end(); ++it)
      consider(*it);
  }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.sim > b.sim; });
  std::vector<bool> used_e(segs.size()), used_k(segs.size()), gone(segs.size());
  for (const auto& p : pairs) {
    if (used_e[p.e] || used_k[p.k] || gone[p.e] || gone[p.k]) continue;
    used_e[p.e] = used_k[p.k] = true;
    auto& e = segs[p.e];
    auto& k = segs[p.k];
    size_t from = c.last_text(e), to = c.first_text(k);
    if (to != kNone) c.continues[to] = from;
    if (p.k > p.e) {
      note(e, p.sim - kContinueMin,
           "continues further down the page (similarity " + fmt(p.sim) + ")");
      e.body.insert(e.body.end(), k.body.begin(), k.body.end());
      gone[p.k] = true;
    } else {
      note(k, p.sim - kContinueMin,
           "opening printed further down the page (similarity " + fmt(p.sim) + ")");
      std::vector<size_t> body = e.head;
      body.insert(body.end(), e.body.begin(), e.body.end());
      body.insert(body.end(), k.body.begin(), k.body.end());
      k.body = std::move(body);
      gone[p.e] = true;
    }
  }
  std::vector<Segment> kept;
  for (size_t i = 0; i < segs.size(); ++i)
    if (!gone[i]) kept.push_back(std::move(segs[i]));
  segs = std::move(kept);
}

// Pass 5b: a story whose headline and opening pdftotext printed apart (pass 4a) has the rest
// of its text printed apart too: columns under a sub-head, which the first pass took for a
// headline because it stands after another story's text or the page's furniture. On a page
// whose headlines stand apart from their text, a lone heading set right on its text like a
// sub-head, with no byline and no story opening under it, goes with the scattered story whose
// text its own reads like (kSubheadSame or more; the best of several). A story with its text
// under its headline is missing nothing, so it is no candidate, however alike.
void rejoin_subheads(Ctx& c, std::vector<Segment>& segs, std::vector<size_t>& subheads) {
  if (!c.hard_wrapped) return;
  size_t apart = 0;
  for (const auto& s : segs)
    if (c.headed(s) && c.has_text(s) && !glued_to_body(c, s)) ++apart;
  if (apart < 2) return;
  auto subhead_like = [&](const Segment& s) {
    return !s.scattered && glued_to_body(c, s) && s.head.size() == 1 &&
           c.units[s.head[0]].lines.size() == 1 && !opens_story(c, s) && !c.has_byline(s);
  };
  std::vector<bool> gone(segs.size(), false);
  for (size_t i = 0; i < segs.size(); ++i) {
    if (!subhead_like(segs[i])) continue;
    auto own = c.body_terms(segs[i]);
    double best = 0;
    size_t to = kNone;
    for (size_t j = 0; j < segs.size(); ++j) {
      if (!segs[j].scattered) continue;
      double sm = c.sim(own, c.body_terms(segs[j]));
      if (debug()) std::fprintf(stderr, "subhead seg %zu ~ scattered seg %zu: %.3f\n", i, j, sm);
      if (sm > best) {
        best = sm;
        to = j;
      }
    }
    if (to == kNone || best < kSubheadSame) continue;
    auto& s = segs[i];
    auto& t = segs[to];
    subheads.push_back(s.head[0]);
    t.body.push_back(s.head[0]);
    t.body.insert(t.body.end(), s.body.begin(), s.body.end());
    note(t, best - kSubheadSame,
         "sub-head printed apart from the story (similarity " + fmt(best) + ")");
    gone[i] = true;
  }
  std::vector<Segment> kept;
  for (size_t i = 0; i < segs.size(); ++i)
    if (!gone[i]) kept.push_back(std::move(segs[i]));
  segs = std::move(kept);
}

// A drop cap left on its own under a headline ("A" with the headline above and the next
// headline below): pdftotext put its paragraph elsewhere on the page. That paragraph begins in
// lower case and continues nothing (or only a scrap of furniture such as a prepress code).
bool latin_capital(const Unit& u) {
  const auto& t = u.text.text;
  return u.kind == UnitKind::SectionLetter && t.size() == 1 && t[0] >= 'A' && t[0] <= 'Z';
}

bool starts_lower(const Unit& u) {
  const auto& t = u.text.text;
  return !t.empty() && t[0] >= 'a' && t[0] <= 'z';
}

// Pass 2b: each orphan drop cap takes the paragraph that begins in lower case with nothing
// before it, and the text after it up to its segment's end. One of each on the page: they go
// together; several: each drop cap takes the one its headline shares most words with.
void rejoin_drop_caps(Ctx& c, std::vector<Segment>& segs,
                      std::vector<std::pair<size_t, size_t>>& pairs) {
  struct Cap {
    size_t seg, unit;
  };
  std::vector<Cap> caps;
  for (size_t i = 0; i < segs.size(); ++i) {
    if (!c.headed(segs[i]) || c.has_text(segs[i])) continue;
    for (auto u : segs[i].body)
      if (latin_capital(c.units[u])) caps.push_back({i, u});
  }
  if (caps.empty()) return;
  struct Start {
    size_t seg, pos;
  };
  std::vector<Start> starts;
  for (size_t i = 0; i < segs.size(); ++i)
    for (size_t pos = 0; pos < segs[i].body.size(); ++pos) {
      size_t u = segs[i].body[pos];
      if (!c.is(u, UnitKind::Text) || !starts_lower(c.units[u]) || c.units[u].drop_cap) continue;
      size_t prev = c.continues[u];
      bool scrap = prev != kNone && c.units[prev].text.text.size() < 24;
      if (prev == kNone || scrap) starts.push_back({i, pos});
    }
  if (starts.empty()) return;
  std::vector<bool> taken(starts.size(), false);
  for (const auto& cap : caps) {
    auto g = c.head_terms(segs[cap.seg]);
    size_t best = kNone;
    double best_sim = -1;
    for (size_t k = 0; k < starts.size(); ++k) {
      if (taken[k]) continue;
      const auto& s = segs[starts[k].seg];
      std::vector<size_t> rest(s.body.begin() + static_cast<long>(starts[k].pos), s.body.end());
      double sm = c.sim(g, c.terms(rest, UnitKind::Text));
      if (sm > best_sim) {
        best_sim = sm;
        best = k;
      }
    }
    if (best == kNone) break;
    taken[best] = true;
    auto& from = segs[starts[best].seg];
    size_t u = from.body[starts[best].pos];
    c.continues[u] = kNone;
    auto& to = segs[cap.seg];
    to.body.insert(to.body.end(), from.body.begin() + static_cast<long>(starts[best].pos),
                   from.body.end());
    from.body.resize(starts[best].pos);
    pairs.push_back({cap.unit, u});
    bool alone = caps.size() == 1 && starts.size() == 1;
    note(to, alone ? 1 : best_sim, "text found for its drop cap elsewhere on the page");
    if (!alone) to.confidence = std::min(to.confidence, 0.6);
  }
  segs.erase(std::remove_if(segs.begin(), segs.end(),
                            [](const Segment& s) { return s.head.empty() && s.body.empty(); }),
             segs.end());
}

// One Latin word and nothing else ("Opinion", "Nation"): a label, hardly an English headline.
bool one_word(const std::string& t) {
  return t.size() >= 2 && std::all_of(t.begin(), t.end(), [](char ch) {
           return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
         });
}

// Whether a paragraph begins inside a sentence: in lower case ("ing the plan…"), with
// punctuation that closes a clause ("，没有…", ". The…") or inside a quotation.
bool opens_inside_sentence(const std::string& t);
bool starts_mid_sentence(const std::string& t) {
  return (!t.empty() && t[0] >= 'a' && t[0] <= 'z') || opens_inside_sentence(t);
}

// The signs of starting mid-sentence besides lower case: closing punctuation first, or a
// quotation closed before any opened.
bool opens_inside_sentence(const std::string& t) {
  if (t.empty()) return false;
  char32_t c = text::decode_at(t, 0).cp;
  static const std::u32string closers = U"，。、；：！？）》」』,.;:!?)";
  if (closers.find(c) != std::u32string::npos) return true;
  // Or inside a quotation: its first quotation mark closes one, right after the quoted
  // sentence's end ("每一个数字都会公开。”…", "… every number.” Local…"). (A closing mark after a
  // word, "新时代枫桥经验”，", is as likely an opening quote the print dropped.)
  char32_t prev = 0;
  for (size_t i = 0; i < t.size() && i < 600;) {
    auto d = text::decode_at(t, i);
    i += d.size ? d.size : 1;
    if (d.cp == U'\u201c') return false;
    if (d.cp == U'\u201d')
      return prev == U'。' || prev == U'！' || prev == U'？' || prev == '.' || prev == '!' ||
             prev == '?';
    prev = d.cp;
  }
  return false;
}

// A letter's signature on one line: the writer's name and place, capitalised words between
// commas ("Ann Lee, Harbour Town", "B.S. Yadav, Greater Noida, Uttar Pradesh"). Written out
// rather than as a pattern: \\pL classes make RE2 run out of DFA memory.
bool signature_text(const std::string& t) {
  if (t.size() > 80) return false;
  size_t parts = 0, pos = 0;
  while (pos <= t.size()) {
    size_t comma = std::min(t.find(',', pos), t.size());
    bool last = comma == t.size();
    size_t words = 0;
    bool start = true;
    for (size_t i = pos; i < comma; ++i) {
      char ch = t[i];
      if (ch == ' ') {
        start = true;
        continue;
      }
      if (start) {
        bool joiner = t.compare(i, 4, "and ") == 0 || t.compare(i, 3, "of ") == 0;
        if (!(ch >= 'A' && ch <= 'Z') && !joiner) return false;
        ++words;
        start = false;
      }
      bool letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '.' ||
                    ch == '-' || ch == '\'' || (static_cast<unsigned char>(ch) & 0x80);
      if (!letter) return false;
    }
    if (words > 4 || (words == 0 && !(last && parts > 0))) return false;
    if (words > 0) ++parts;
    if (last) return parts >= 2 || (parts == 1 && t.back() == ',');
    pos = comma + 1;
  }
  return false;
}

// The text after the last sentence end: a letter's signature run on into its last line
// ("… over the year. Jonah Reyes, Ashford Vale").
std::string signature_tail(const std::string& t) {
  size_t at = 0;
  for (size_t i = 0; i + 1 < t.size(); ++i)
    if ((t[i] == '.' || t[i] == '?' || t[i] == '!') && t[i + 1] == ' ') at = i + 2;
  return t.substr(at);
}

// Spaces between CJK characters left in running text after the layout repairs: pdftotext
// printed lines of two columns side by side ("…修订为45。 县的居民…").
int spaces_between_cjk(const std::string& t) {
  int n = 0;
  char32_t prev = 0;
  bool space = false;
  for (size_t i = 0; i < t.size();) {
    auto d = text::decode_at(t, i);
    i += d.size ? d.size : 1;
    if (d.cp == ' ') {
      space = prev != 0;
      continue;
    }
    bool cjk = text::is_ideograph(d.cp) || (text::is_cjk_punct(d.cp) && d.cp != U'\u3000');
    if (space && cjk) ++n;
    space = false;
    prev = cjk ? d.cp : 0;
  }
  return n;
}

bool has_ideograph(const std::string& t) {
  for (size_t i = 0; i < t.size();) {
    auto d = text::decode_at(t, i);
    if (text::is_ideograph(d.cp)) return true;
    i += d.size ? d.size : 1;
  }
  return false;
}

// Marks inside an article's text that it holds pieces of more than one item, whatever the
// page around it: a paragraph that starts mid-sentence and continues nothing, lines of two
// columns run together, a byline or signature with more text after it, the same byline twice,
// a headline of three lines or more among the paragraphs.
void doubt_mixed_text(const Ctx& c, Segment& s, bool several) {
  auto doubt = [&](double v, const char* why) {
    if (v >= s.confidence) return;
    s.confidence = v;
    s.notes.push_back(why);
  };
  size_t ft = c.first_text(s);
  if (ft == kNone) return;
  // A paragraph inside that begins mid-sentence and continues nothing: a piece of another
  // text, cut and resumed.
  int run_together = 0;
  for (auto u : s.body) {
    if (!c.is(u, UnitKind::Text)) continue;
    // (Several lines: one long line of phrases set apart by spaces is a headline's style.)
    if (c.units[u].lines.size() >= 2) run_together += spaces_between_cjk(c.units[u].text.text);
    if (u == ft || c.continues[u] != kNone || c.units[u].drop_cap) continue;
    // (In a document of one article, lower case alone is no sign: wire copy starts a paragraph
    // in lower case now and then. Punctuation that closes a clause or a quotation is.)
    const auto& t = c.units[u].text.text;
    if (several ? starts_mid_sentence(t) : opens_inside_sentence(t))
      doubt(0.6, "a paragraph starts mid-sentence");
  }
  if (debug()) std::fprintf(stderr, "judge: cjk spaces %d\n", run_together);
  if (run_together >= kRunTogether) doubt(0.6, "lines of two columns run together");
  for (auto u : s.body)
    if (c.is(u, UnitKind::Text) && c.units[u].short_inside) {
      doubt(0.6, "a paragraph breaks at a short line mid-sentence");
      break;
    }
  // The marks of one item ending and another starting inside the text: a byline, a
  // signature ("Ann Lee, Harbour Town") or a sign-off with more text after it, the same byline
  // twice, or a headline of three lines or more set among the paragraphs as a "sub-head".
  {
    size_t last = s.body.size();
    for (size_t p = s.body.size(); p-- > 0;)
      if (c.is(s.body[p], UnitKind::Text)) {
        last = p;
        break;
      }
    bool text_before = false;
    size_t heading_run = 0;
    std::vector<std::string> bylines;
    for (auto u : s.head)
      if (c.is(u, UnitKind::Byline)) bylines.push_back(c.units[u].text.text);
    for (size_t p = 0; p < s.body.size(); ++p) {
      size_t u = s.body[p];
      const auto& unit = c.units[u];
      heading_run = c.is(u, UnitKind::Heading) ? heading_run + unit.lines.size() : 0;
      if (heading_run >= 3) doubt(0.6, "a headline of several lines inside its text");
      bool mark = c.is(u, UnitKind::Byline) || c.is(u, UnitKind::Name) ||
                  // (A caption is a bio or a picture's line, with names and places of its own; one
                  // that starts mid-sentence is a piece of running text taken for one.)
                  ((c.is(u, UnitKind::Text) ||
                    (c.is(u, UnitKind::Caption) && starts_mid_sentence(unit.text.text))) &&
                   (unit.signoff || signature_text(signature_tail(unit.text.text))));
      if (mark && text_before && p < last) doubt(0.6, "text goes on after a byline or signature");
      if (c.is(u, UnitKind::Byline)) bylines.push_back(unit.text.text);
      if (c.is(u, UnitKind::Text)) text_before = true;
    }
    // A sub-head that heads the text after it far better than the headline does, where the
    // headline heads the text before it far better than the sub-head: two stories, the
    // second's headline taken for a sub-head. (A true sub-head names a part of the story: the
    // text before it reads somewhat like it too.)
    // Each side is the section between the sub-head and the heading before or after it, so
    // that every unit is read twice at most, however many sub-heads.
    auto head = c.head_terms(s);
    size_t section = 0;  // where the section before the sub-head starts
    for (size_t p = 0; p < s.body.size() && !head.empty(); ++p) {
      size_t u = s.body[p];
      if (!c.is(u, UnitKind::Heading)) continue;
      std::vector<size_t> before(s.body.begin() + static_cast<long>(section),
                                 s.body.begin() + static_cast<long>(p)),
          after;
      section = p + 1;
      for (size_t q = p + 1; q < s.body.size() && !c.is(s.body[q], UnitKind::Heading); ++q)
        after.push_back(s.body[q]);
      auto tb = c.terms(before, UnitKind::Text), ta = c.terms(after, UnitKind::Text);
      const auto& sub = c.terms_of(u);
      double sub_after = c.sim(sub, ta), head_after = c.sim(head, ta);
      double sub_before = c.sim(sub, tb), head_before = c.sim(head, tb);
      if (debug())
        std::fprintf(stderr, "sub-head line %u: after %.3f vs %.3f, before %.3f vs %.3f\n",
                     c.units[u].lines[0] + 1, sub_after, head_after, sub_before, head_before);
      if (sub_after >= kSubheadSame && sub_after > kOwnHeading * head_after &&
          head_before > kOwnHeading * sub_before) {
        doubt(0.6, "a sub-head heads the text after it better than the headline");
        break;
      }
    }
    // Headings printed apart (a blank line between headline and dek) where one of them
    // shares no word with the text: headline and dek both say what the story says; this is
    // another item's heading stacked on it.
    auto text_terms = c.body_terms(s);
    bool apart = false, wordless = false, text_han = false;
    for (auto u : s.body)
      if (c.is(u, UnitKind::Text) && has_ideograph(c.units[u].text.text)) {
        text_han = true;
        break;
      }
    size_t headings = 0;
    for (auto u : s.head) {
      if (!c.is(u, UnitKind::Heading) || label_text(c.units[u].text.text)) continue;
      if (headings++ > 0 && c.units[u].gap_before >= 1) apart = true;
      // (Only a heading in the text's script can share its words: a Latin line over Chinese
      // text, such as a markup comment "<!--body.begin-->", is judged by nothing here.)
      bool same_script = has_ideograph(c.units[u].text.text) == text_han;
      if (same_script && !text_terms.empty() && c.sim(c.terms_of(u), text_terms) == 0)
        wordless = true;
    }
    if (apart && wordless) doubt(0.6, "a heading printed apart shares no word with the text");
    std::sort(bylines.begin(), bylines.end());
    if (std::adjacent_find(bylines.begin(), bylines.end()) != bylines.end())
      doubt(0.6, "the same byline twice");
  }
}

// Lines of a few characters each, stacked ("吴雪梅" over "西山港": a signature's name and
// place; a label over a label): no headline is set that short.
bool stacked_labels(const Unit& u) {
  return u.lines.size() >= 2 && text::count_code_points(u.text.text) <= 4 * u.lines.size();
}

// Pass 6: each article's confidence from the evidence it stands on, beyond the margins of the
// decisions above. On a page of several articles, an article is likely wrong when it has no
// headline, no text, starts or ends mid-sentence with nothing found to continue it, has its
// headline apart from its text, or is a scrap too short to be a story (a pull quote, a bio).
void judge_evidence(const Ctx& c, std::vector<Segment>& segs,
                    const std::vector<std::pair<size_t, size_t>>& drop_caps, bool page_header) {
  // (Under a masthead or date line the text is a page, not one wire story: a page of one
  // article is more likely several run together, so lower case counts there too.)
  for (auto& s : segs) doubt_mixed_text(c, s, segs.size() >= 2 || page_header);
  if (segs.size() < 2) return;  // one article: the whole document is it
  std::vector<size_t> owner(c.units.size(), kNone);
  for (size_t i = 0; i < segs.size(); ++i) {
    for (auto u : segs[i].head) owner[u] = i;
    for (auto u : segs[i].body) owner[u] = i;
  }
  bool page_drop_caps = !drop_caps.empty() || std::any_of(c.units.begin(), c.units.end(),
                                                          [](const Unit& u) { return u.drop_cap; });
  size_t apart_headlines = 0;
  for (const auto& s : segs)
    if (c.headed(s) && c.has_text(s) && !glued_to_body(c, s)) ++apart_headlines;
  // Each article's headline and text terms, once: compared with every other article's below.
  std::vector<TermCounts> heads, bodies;
  std::vector<double> fits;  // how well each headline fits its own text
  for (const auto& s : segs) {
    heads.push_back(c.head_terms(s));
    bodies.push_back(c.body_terms(s));
    fits.push_back(c.sim(heads.back(), bodies.back()));
  }
  for (size_t i = 0; i < segs.size(); ++i) {
    auto& s = segs[i];
    auto doubt = [&](double v, const char* why) {
      if (v >= s.confidence) return;
      s.confidence = v;
      s.notes.push_back(why);
    };
    size_t ft = c.first_text(s), lt = c.last_text(s);
    if (ft == kNone) {
      doubt(0.3, "no text of its own");
      continue;
    }
    if (!c.headed(s)) doubt(0.5, "no headline");
    // Headings that all read as section labels or kickers ("ECONOMY" over "LOCAL", "散文", a
    // single word such as "Opinion"): the story's own headline was printed elsewhere.
    bool labels_only = c.headed(s);
    for (auto u : s.head)
      if (c.is(u, UnitKind::Heading))
        labels_only =
            labels_only && (c.units[u].lines.size() == 1
                                ? label_text(c.units[u].text.text) || one_word(c.units[u].text.text)
                                : stacked_labels(c.units[u]));
    if (labels_only) doubt(0.6, "headline reads as a section label");
    // A first heading that opens with a dash ("——…表示将…") is a dek, set under a headline
    // that was printed elsewhere.
    for (auto u : s.head)
      if (c.is(u, UnitKind::Heading)) {
        if (c.units[u].text.text.rfind("—", 0) == 0) doubt(0.6, "headline reads as a dek");
        break;
      }
    const auto& first = c.units[ft];
    char32_t opening = first.text.text.empty() ? 0 : text::decode_at(first.text.text, 0).cp;
    bool lower = opening >= 'a' && opening <= 'z';
    bool capped = first.drop_cap || std::any_of(drop_caps.begin(), drop_caps.end(),
                                                [&](const auto& p) { return p.second == ft; });
    if (lower && !capped) doubt(0.5, "text starts mid-sentence");
    if (c.continues[ft] != kNone && owner[c.continues[ft]] != i)
      doubt(0.5, "text continues another article's");
    if (c.units[lt].open && !c.units[lt].signoff) doubt(0.6, "text ends mid-sentence");
    // On a page that sets drop caps, a capital left alone whose paragraph was not found.
    for (auto u : s.body)
      if (page_drop_caps && latin_capital(c.units[u]) &&
          std::none_of(drop_caps.begin(), drop_caps.end(),
                       [&](const auto& p) { return p.first == u; }))
        doubt(0.5, "a drop cap whose paragraph was not found");
    // A paragraph inside that breaks off mid-sentence with nothing of the article going on
    // from it: text of two stories, or a story missing a piece.
    for (auto u : s.body) {
      if (u == lt || !c.is(u, UnitKind::Text) || !c.units[u].open) continue;
      bool continued =
          std::any_of(s.body.begin(), s.body.end(), [&](size_t v) { return c.continues[v] == u; });
      if (!continued) {
        doubt(0.6, "a paragraph breaks off mid-sentence");
        break;
      }
    }
    // On a page whose headlines stand apart from their text (a blank line, a byline or a drop
    // cap between), a heading set right on its text is a sub-head more likely than a headline.
    if (glued_to_body(c, s) && apart_headlines >= 2)
      doubt(0.6, "headline set on its text like a sub-head");
    size_t chars = 0;
    for (auto u : s.body)
      if (c.is(u, UnitKind::Text)) chars += text::count_code_points(c.units[u].text.text);
    if (chars < 120) doubt(0.6, "too little text for an article");
    // Words put under the wrong headline: the headline reads more like another article's text
    // than its own, or a good part of its text reads more like another article's headline.
    // (Compared with the kNeighbours articles either side in page order: all of a newspaper
    // page's, and linear time on a document of thousands.)
    size_t lo = i > kNeighbours ? i - kNeighbours : 0,
           hi = std::min(segs.size(), i + kNeighbours + 1);
    if (c.headed(s)) {
      // (Another article's text it fits better than that article's own headline does: a
      // letter answering an editorial reads like the editorial, but not more than its headline.)
      double own = fits[i], other = 0;
      for (size_t j = lo; j < hi; ++j) {
        if (j == i) continue;
        double sm = c.sim(heads[i], bodies[j]);
        if (heads[j].empty() || sm > fits[j]) other = std::max(other, sm);
      }
      if (debug())
        std::fprintf(stderr, "judge seg %zu: headline own=%.3f other=%.3f\n", i, own, other);
      if (other >= kHeadElsewhere && other >= own)
        doubt(0.6, "headline reads more like another article's text");
    }
    size_t elsewhere = 0, bytes = 0;
    for (auto u : s.body) {
      if (!c.is(u, UnitKind::Text)) continue;
      const auto& tu = c.terms_of(u);
      double own = heads[i].empty() ? 0 : c.sim(tu, heads[i]), other = 0;
      for (size_t j = lo; j < hi; ++j)
        if (j != i && !heads[j].empty()) other = std::max(other, c.sim(tu, heads[j]));
      bytes += c.units[u].text.text.size();
      if (other >= kParaElsewhere && other > own * 1.5) elsewhere += c.units[u].text.text.size();
    }
    if (bytes > 0 && static_cast<double>(elsewhere) >= kParaShare * static_cast<double>(bytes))
      doubt(0.6, "part of its text reads like another article's headline");
    // Headline right above its text, text in one run: another article's units in between
    // mean the pieces were put together by a decision, not read off the layout.
    std::vector<size_t> all(s.head.begin(), s.head.end());
    all.insert(all.end(), s.body.begin(), s.body.end());
    std::sort(all.begin(), all.end());
    for (size_t k = 0; k + 1 < all.size(); ++k) {
      bool between = false;
      for (size_t u = all[k] + 1; u < all[k + 1] && !between; ++u)
        between = owner[u] != kNone && owner[u] != i &&
                  (c.is(u, UnitKind::Text) || c.is(u, UnitKind::Heading));
      if (between) {
        doubt(0.6, "put together from pieces apart on the page");
        break;
      }
    }
  }
  // When most of a page's articles are in doubt, its reading order is: the few that look
  // whole were read from the same scrambled text.
  size_t doubtful = 0;
  for (const auto& s : segs)
    if (s.confidence < kCertain) ++doubtful;
  if (segs.size() >= 4 && doubtful < segs.size() &&
      static_cast<double>(doubtful) >= kPageInDoubt * static_cast<double>(segs.size()))
    for (auto& s : segs)
      if (s.confidence >= kCertain) {
        s.confidence = 0.6;
        s.notes.push_back("most articles on the page are in doubt");
      }
}

}  // namespace

Assembly assemble_articles(const std::vector<Unit>& units, bool hard_wrapped, ParseMemo* memo) {
  Ctx c{units, hard_wrapped, memo, initial_links(units), {}, std::nullopt};
  c.unit_terms.resize(units.size());
  Assembly a;
  auto segs = segment(c, a.subheads, a.page_header);
  cut_at_topic_changes(c, segs);
  rejoin_drop_caps(c, segs, a.drop_caps);
  std::vector<size_t> orphans;
  place_headlines(c, segs, orphans);
  split_for_orphans(c, segs, orphans);
  join_continuations(c, segs);
  rejoin_subheads(c, segs, a.subheads);
  if (hard_wrapped) judge_evidence(c, segs, a.drop_caps, !a.page_header.empty());
  std::stable_sort(segs.begin(), segs.end(), [](const Segment& x, const Segment& y) {
    return first_unit(x) < first_unit(y);
  });
  a.articles = std::move(segs);
  a.continues = std::move(c.continues);
  return a;
}

}  // namespace tally::parse::detail
