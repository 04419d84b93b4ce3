#include "facts/pairs.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "facts/record_hooks.hpp"
#include "text/utf8.hpp"

namespace tally::facts {

namespace {

// The code points on either side of bytes [i, j): 0 at either end of the text.
char32_t before(std::string_view t, uint32_t i) {
  if (i == 0) return 0;
  uint32_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(t[j]) & 0xC0) == 0x80) --j;
  return text::decode_at(t, j).cp;
}
char32_t after(std::string_view t, uint32_t j) {
  return j < t.size() ? text::decode_at(t, j).cp : 0;
}
// The code point after the one at byte `j`.
char32_t after_next(std::string_view t, uint32_t j) {
  if (j >= t.size()) return 0;
  auto d = text::decode_at(t, j);
  return after(t, j + (d.size ? d.size : 1));
}

// A letter or digit of a word an apostrophe can sit in: Latin, Greek, Cyrillic and other
// alphabets, not CJK characters (“他说‘好’的” quotes 好).
bool word_char(char32_t c) {
  if (c < 0x80) return text::is_ascii_alnum(c);
  if (text::is_cjk(c)) return false;
  auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_MC) ||
         cat == UTF8PROC_CATEGORY_ND;
}

bool blank(char32_t c) {
  return c == 0 || text::is_space(c) || c == 0x00A0;
}

// ’ or ' used as an apostrophe, not as a closing quotation mark. `next2`: the character after
// `next`. `single_open`: an opening single quote is waiting for its partner; `closer_later`: a
// mark that can close it follows in the block.
bool apostrophe(char32_t mark, char32_t prev, char32_t next, char32_t next2, bool single_open,
                bool closer_later) {
  if (mark != U'’' && mark != U'\'') return false;
  bool pw = word_char(prev), nw = word_char(next);
  if (pw && nw) return true;                           // didn’t, Xi’an, O’Brien
  if (!pw && text::is_digit(next)) return true;        // ’90s
  if (mark == U'’' && blank(prev) && nw) return true;  // ’n’, ’em: ’ never opens
  if (pw && !nw && !single_open) return true;          // companies’
  // The possessive of a bracketed or quoted name: "(EU)’s", "“Jaws”’s".
  bool closed_before =
      prev == ')' || prev == U'）' || prev == ']' || prev == U'”' || prev == '"' || prev == U'’';
  if (closed_before && (next == 's' || next == 'S') && !word_char(next2)) return true;
  // A plural possessive inside a single quotation ("‘the editors’ views’"): the quotation's
  // own closing mark comes later.
  if (pw && (prev == 's' || prev == 'S') && single_open && closer_later && blank(next) &&
      word_char(next2))
    return true;
  return false;
}

// Whether a ’ or ' within kLookahead bytes after byte `from` of `t` can close a quotation: one
// not inside a word. (Bounded: a quotation is closed within a few sentences.)
constexpr size_t kLookahead = 2000;
bool closer_after(std::string_view t, uint32_t from) {
  t = t.substr(0, std::min(t.size(), from + kLookahead));
  for (size_t i = from; (i = t.find_first_of("\xE2'", i)) != std::string_view::npos;) {
    auto at = static_cast<uint32_t>(i);
    char32_t c = text::decode_at(t, at).cp;
    uint32_t len = c == '\'' ? 1 : 3;
    if ((c == U'’' || c == '\'') && !word_char(after(t, at + len))) return true;
    i += len;
  }
  return false;
}

// Which way a symmetric mark (ASCII ") faces, from its neighbours.
enum class Facing { Open, Close, Either };
Facing facing(char32_t prev, char32_t next) {
  auto opens_before = [](char32_t c) {
    return blank(c) || c == '(' || c == '[' || c == '{' || c == U'—' || c == U'–' || c == '/' ||
           c == U'（' || c == U'“' || c == U'‘';
  };
  auto closes_after = [](char32_t c) {
    return blank(c) || (c < 0x80 && std::strchr(".,;:!?)]}", static_cast<int>(c))) || c == U'—' ||
           c == U'–' || c == U'…' || text::is_cjk_punct(c);
  };
  bool o = opens_before(prev), c = closes_after(next);
  if (o && !c) return Facing::Open;
  if (c && !o) return Facing::Close;
  return Facing::Either;
}

// True when bytes before `i` end a sentence (or there are none): where a quotation resumes
// when archived copy ran two paragraphs into one line.
bool sentence_start(std::string_view t, uint32_t i) {
  while (i > 0) {
    uint32_t j = i - 1;
    while (j > 0 && (static_cast<unsigned char>(t[j]) & 0xC0) == 0x80) --j;
    char32_t c = text::decode_at(t, j).cp;
    if (!blank(c)) return text::is_terminal_punct(c);
    i = j;
  }
  return true;
}

bool is_quote(char32_t c) {
  return c == U'“' || c == U'‘' || c == U'「' || c == U'『' || c == U'"' || c == U'\'';
}

// The bytes a mark can start with: a table for any byte, and the list of them for a search
// sixteen bytes at a time (most text is long runs with no mark; a byte-by-byte walk of them
// was the most of find_pairs_in_blocks).
struct Leads {
  std::array<bool, 256> table{};
  std::array<unsigned char, 8> list{};
  size_t count = 0;  // more than 8 distinct: no list, the table alone
  // For each lead of the list, the second and third bytes its marks of three or more bytes go
  // on with (bit sets), and whether a shorter mark starts with it. CJK marks share their lead
  // with the commonest punctuation (E3 leads 、。 and 《「, EF leads ， and （）): the lead alone
  // stopped the search at every comma and full stop.
  std::array<std::array<uint64_t, 4>, 8> second{}, third{};
  std::array<bool, 8> short_mark{};
#if defined(__SSE2__)
  __m128i want[8] = {};  // each byte of the list in all sixteen lanes
#endif
};

bool has_bit(const std::array<uint64_t, 4>& set, unsigned char b) {
  return set[b >> 6] >> (b & 63) & 1;
}

Leads leads_of(const std::vector<MarkPair>& marks) {
  Leads out;
  for (const auto& m : marks)
    for (const auto* s : {&m.open, &m.close}) {
      if (s->empty()) continue;
      auto b = static_cast<unsigned char>(s->front());
      if (!out.table[b]) {
        out.table[b] = true;
        if (out.count < out.list.size()) out.list[out.count] = b;
        ++out.count;
      }
      size_t k = 0;
      while (k < out.count && k < out.list.size() && out.list[k] != b) ++k;
      if (k == out.list.size()) continue;  // past the list: the table alone
      if (s->size() < 3) {
        out.short_mark[k] = true;
        continue;
      }
      auto b1 = static_cast<unsigned char>((*s)[1]), b2 = static_cast<unsigned char>((*s)[2]);
      out.second[k][b1 >> 6] |= uint64_t{1} << (b1 & 63);
      out.third[k][b2 >> 6] |= uint64_t{1} << (b2 & 63);
    }
#if defined(__SSE2__)
  for (size_t k = 0; k < out.count && k < out.list.size(); ++k)
    out.want[k] = _mm_set1_epi8(static_cast<char>(out.list[k]));
#endif
  return out;
}

// Whether a mark may start at byte `i`, whose byte is a lead: a lead of the list followed by
// bytes no mark of three bytes or more has after it cannot (a filter: the marks are compared
// after it).
bool may_start(std::string_view t, size_t i, const Leads& leads) {
  if (leads.count > leads.list.size()) return true;
  auto b = static_cast<unsigned char>(t[i]);
  size_t k = 0;
  while (leads.list[k] != b) ++k;
  if (leads.short_mark[k] || i + 2 >= t.size()) return true;
  return has_bit(leads.second[k], static_cast<unsigned char>(t[i + 1])) &&
         has_bit(leads.third[k], static_cast<unsigned char>(t[i + 2]));
}

// The first byte at or after `i` where a mark may start; t.size() when none.
size_t next_lead(std::string_view t, size_t i, const Leads& leads) {
#if defined(__SSE2__)
  if (leads.count > 0 && leads.count <= leads.list.size()) {
    const __m128i* want = leads.want;
    for (; i + 16 <= t.size(); i += 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data() + i));
      __m128i hit = _mm_cmpeq_epi8(v, want[0]);
      for (size_t k = 1; k < leads.count; ++k) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, want[k]));
      for (auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit)); mask; mask &= mask - 1) {
        size_t at = i + static_cast<size_t>(__builtin_ctz(mask));
        if (may_start(t, at, leads)) return at;
      }
    }
  }
#endif
  for (; i < t.size(); ++i)
    if (leads.table[static_cast<unsigned char>(t[i])] && may_start(t, i, leads)) return i;
  return i;
}

struct Open {
  uint32_t at, len, pair;
  size_t block;  // the block the mark is in: an earlier one when carried over a split sentence
};

struct Scan {
  Pairs pairs;
  std::vector<Open> left_open;         // openers never closed in the block
  std::vector<Open> carried_unpaired;  // openers carried from earlier blocks, never closed
};

// Scans block `block` of text `t`, with `carried` open from earlier blocks (a sentence the
// archive split into paragraphs); a carried opener closed here makes no Pair (its marks are in
// two blocks) and one left unpaired is reported in its own block.
Scan scan(std::string_view t, const std::vector<MarkPair>& marks, const Leads& leads, size_t block,
          std::vector<Open> carried) {
  Scan out;
  auto& stack = out.left_open;
  stack = std::move(carried);
  auto unpaired_open = [&](const Open& o) {
    if (o.block != block)
      out.carried_unpaired.push_back(o);
    else
      out.pairs.unpaired.push_back({o.at, o.len, marks[o.pair].open, true, o.pair});
  };
  // The nearest open mark of pair k, as an index into the stack plus one; 0 when none.
  auto nearest = [&](uint32_t k) {
    size_t n = stack.size();
    while (n > 0 && stack[n - 1].pair != k) --n;
    return n;
  };
  // Closes stack entry n-1; the marks opened after it were never closed.
  auto close_at = [&](size_t n, uint32_t at, uint32_t len) {
    for (size_t m = n; m < stack.size(); ++m) unpaired_open(stack[m]);
    const Open& o = stack[n - 1];
    if (o.block == block) out.pairs.pairs.push_back({o.at, at, o.len, len, marks[o.pair].open});
    stack.resize(n - 1);
  };
  // Byte by byte: marks are one to three bytes, and compare() called memcmp at every CJK mark.
  auto starts = [&](uint32_t i, const std::string& m) {
    if (m.empty() || i > t.size() || m.size() > t.size() - i) return false;
    for (size_t k = 0; k < m.size(); ++k)
      if (t[i + k] != m[k]) return false;
    return true;
  };
  // A block with thousands of marks left open (a page of unclosed quotes) would make every
  // mark search the whole stack: when kMaxOpen are open, the older half is reported unpaired
  // (no copy nests quotations or brackets that deep).
  constexpr size_t kMaxOpen = 2048;
  auto bound_stack = [&] {
    if (stack.size() < kMaxOpen) return;
    for (size_t m = 0; m < kMaxOpen / 2; ++m) unpaired_open(stack[m]);
    stack.erase(stack.begin(), stack.begin() + static_cast<std::ptrdiff_t>(kMaxOpen / 2));
  };
  for (uint32_t i = 0; i < t.size();) {
    bound_stack();
    // Jump to the next byte that can start a mark (never a continuation byte).
    i = static_cast<uint32_t>(next_lead(t, i, leads));
    if (i >= t.size()) break;
    int closer = -1, opener = -1;
    char c0 = t[i];
    for (uint32_t k = 0; k < marks.size(); ++k) {
      // A mark whose first byte is another cannot start here (most of them at a CJK comma).
      const MarkPair& mk = marks[k];
      bool open_here = !mk.open.empty() && mk.open.front() == c0;
      bool close_here = !mk.close.empty() && mk.close.front() == c0;
      if (closer < 0 && close_here && starts(i, mk.close)) closer = static_cast<int>(k);
      if (opener < 0 && open_here && starts(i, mk.open)) opener = static_cast<int>(k);
    }
    if (closer < 0 && opener < 0) {
      auto d = text::decode_at(t, i);
      i += d.size ? d.size : 1;
      continue;
    }
    uint32_t k = static_cast<uint32_t>(closer >= 0 ? closer : opener);
    const MarkPair& m = marks[k];
    uint32_t len = static_cast<uint32_t>(closer >= 0 ? m.close.size() : m.open.size());
    char32_t mark = text::decode_at(t, i).cp, prev = before(t, i), next_cp = after(t, i + len);
    size_t open = nearest(k);
    if (closer < 0) {
      // The same quotation mark opening again at the start of a sentence while one is open:
      // the quotation runs on from a paragraph merged into this one (a new quotation inside a
      // quotation takes the other kind of mark).
      if (open && sentence_start(t, i) && is_quote(mark))
        stack.erase(stack.begin() + static_cast<std::ptrdiff_t>(open - 1));
      stack.push_back({i, len, k, block});
    } else if (apostrophe(mark, prev, next_cp, after_next(t, i + len), open > 0,
                          open > 0 && (prev == 's' || prev == 'S') && closer_after(t, i + len))) {
      // not a mark at all
    } else if (m.open != m.close) {
      if (open)
        close_at(open, i, len);
      else
        out.pairs.unpaired.push_back({i, len, m.close, false, k});
    } else {
      Facing f = facing(prev, next_cp);
      if (open && f != Facing::Open) {
        close_at(open, i, len);
      } else if (open) {
        // An opening mark while one is open: the earlier quotation ran into this sentence
        // from a merged paragraph when a sentence starts here, else it was never closed.
        if (!sentence_start(t, i)) unpaired_open(stack[open - 1]);
        stack.erase(stack.begin() + static_cast<std::ptrdiff_t>(open - 1));
        stack.push_back({i, len, k, block});
      } else if (f == Facing::Close) {
        out.pairs.unpaired.push_back({i, len, m.close, false, k});
      } else {
        stack.push_back({i, len, k, block});
      }
    }
    i += len;
  }
  return out;
}

void sort_unpaired(Pairs& p) {
  std::sort(p.unpaired.begin(), p.unpaired.end(),
            [](const Unpaired& a, const Unpaired& b) { return a.at < b.at; });
}

// Whether `text` begins, after blanks, with `mark`.
bool opens_with(std::string_view text, const std::string& mark) {
  size_t i = 0;
  while (i < text.size()) {
    auto d = text::decode_at(text, i);
    if (!d.size || !blank(d.cp)) break;
    i += d.size;
  }
  return text.compare(i, mark.size(), mark) == 0;
}

// A sentence split over two blocks: `a` ends without ending a sentence (its last mark is no
// full stop, question or exclamation mark, colon or closing quote) and `b` goes on in lowercase.
bool splits_sentence(std::string_view a, std::string_view b) {
  uint32_t i = static_cast<uint32_t>(a.size());
  char32_t last = 0;
  while (i > 0) {
    uint32_t j = i - 1;
    while (j > 0 && (static_cast<unsigned char>(a[j]) & 0xC0) == 0x80) --j;
    last = text::decode_at(a, j).cp;
    if (!blank(last)) break;
    i = j;
  }
  if (last == 0 || text::is_terminal_punct(last) || last == ':' || is_quote(last) || last == U'”' ||
      last == U'’' || last == U'」' || last == U'』')
    return false;
  size_t k = 0;
  while (k < b.size()) {
    auto d = text::decode_at(b, k);
    if (!d.size) return false;
    if (!blank(d.cp))
      return utf8proc_category(static_cast<utf8proc_int32_t>(d.cp)) == UTF8PROC_CATEGORY_LL;
    k += d.size;
  }
  return false;
}

}  // namespace

const std::vector<MarkPair>& quote_and_bracket_marks() {
  static const std::vector<MarkPair> marks = {
      {"“", "”"},   {"‘", "’"},   {"《", "》"}, {"（", "）"}, {"(", ")"},
      {"「", "」"}, {"『", "』"}, {"〈", "〉"}, {"【", "】"}, {"\"", "\""}};
  return marks;
}

Pairs find_pairs(std::string_view text, const std::vector<MarkPair>& marks) {
  return std::move(find_pairs_in_blocks({text}, marks).front());
}

std::vector<Pairs> find_pairs_in_blocks(const std::vector<std::string_view>& blocks,
                                        const std::vector<MarkPair>& marks) {
  std::vector<Pairs> out;
  out.reserve(blocks.size());
  std::vector<Open> carried;
  const Leads leads = leads_of(marks);  // once per article, not per block
  for (size_t b = 0; b < blocks.size(); ++b) {
    Scan s = scan(blocks[b], marks, leads, b, std::move(carried));
    carried.clear();
    for (const auto& o : s.carried_unpaired)
      out[o.block].unpaired.push_back({o.at, o.len, marks[o.pair].open, true, o.pair});
    bool more = b + 1 < blocks.size();
    // The sentence runs on into the next block (archived copy split it there, around an
    // italicised word): its open quotations run on with it.
    bool split = more && splits_sentence(blocks[b], blocks[b + 1]);
    // The outermost quotation left open continues when the next block reopens it (brackets do
    // not run over paragraphs).
    bool continued = false;
    for (const auto& o : s.left_open) {
      bool quote = is_quote(text::decode_at(marks[o.pair].open, 0).cp);
      if (quote && split) {
        carried.push_back(o);
        continue;
      }
      if (!continued && more && quote && opens_with(blocks[b + 1], marks[o.pair].open)) {
        continued = true;
        continue;
      }
      Pairs& home = o.block == b ? s.pairs : out[o.block];
      home.unpaired.push_back({o.at, o.len, marks[o.pair].open, true, o.pair});
    }
    out.push_back(std::move(s.pairs));
  }
  for (auto& p : out) sort_unpaired(p);
  return out;
}

}  // namespace tally::facts

namespace tally::facts {

void write_fields(const At<Pair>& x, const RecordContext&, RecordSink& sink) {
  sink.string("mark", x.fact.kind);
}

void write_fields(const At<Unpaired>& x, const RecordContext&, RecordSink& sink) {
  sink.string("mark", x.fact.mark);
  sink.boolean("opener", x.fact.opener);
}

}  // namespace tally::facts
