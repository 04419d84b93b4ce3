#include "text/logical_text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "text/utf8.hpp"

namespace tally::text {

const char* repair_kind_name(RepairKind k) {
  switch (k) {
    case RepairKind::DoubledText:
      return "doubled-text";
    case RepairKind::SpacedChars:
      return "spaced-chars";
  }
  return "?";
}

namespace {

uint32_t utf8_lead_length(unsigned char c) {
  return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

}  // namespace

void LogicalText::push(char32_t cp, uint32_t begin, uint32_t end) {
  auto at = static_cast<uint32_t>(text.size());
  append_utf8(text, cp);
  auto n = static_cast<uint32_t>(text.size()) - at;
  if (!pieces.empty()) {
    auto& last = pieces.back();
    // The last piece is a byte-for-byte run, and this character continues it in both texts.
    if (at - last.logical == last.end - last.begin && last.end == begin && end - begin == n) {
      last.end = end;
      return;
    }
  }
  pieces.push_back({at, begin, end});
}

Span LogicalText::to_original(uint32_t lbegin, uint32_t lend) const {
  if (pieces.empty()) return {};
  auto size = static_cast<uint32_t>(text.size());
  auto piece_end = [&](size_t i) { return i + 1 < pieces.size() ? pieces[i + 1].logical : size; };
  auto run = [&](size_t i) {
    return piece_end(i) - pieces[i].logical == pieces[i].end - pieces[i].begin;
  };
  auto at = [&](uint32_t lpos) {
    auto it = std::upper_bound(pieces.begin(), pieces.end(), lpos,
                               [](uint32_t v, const Piece& p) { return v < p.logical; });
    return static_cast<size_t>((it == pieces.begin() ? it : std::prev(it)) - pieces.begin());
  };
  // The original bytes of the character holding logical byte `lpos` in piece i (the piece's
  // last character when lpos lies past it, its first when before it).
  auto char_at = [&](size_t i, uint32_t lpos) -> Span {
    const auto& p = pieces[i];
    if (!run(i)) return {p.begin, p.end};
    uint32_t e = piece_end(i);
    uint32_t c = std::clamp(lpos, p.logical, e - 1);
    while (c > p.logical && (static_cast<unsigned char>(text[c]) & 0xC0) == 0x80) --c;
    uint32_t n = std::min(utf8_lead_length(static_cast<unsigned char>(text[c])), e - c);
    uint32_t b = p.begin + (c - p.logical);
    return {b, b + n};
  };
  size_t first = at(lbegin);
  Span f = char_at(first, lbegin);
  if (lend <= lbegin) return {f.begin, f.begin};
  size_t last = at(lend - 1);
  // Text rejoined across the page (an opening printed below its continuation) can map back
  // out of order, so take the extent of every character in the range.
  Span s = f;
  for (size_t i = first; i <= last; ++i) {
    Span from = i == first ? f : char_at(i, pieces[i].logical);
    Span to = i == last ? char_at(i, lend - 1) : char_at(i, piece_end(i) - 1);
    s.begin = std::min({s.begin, from.begin, to.begin});
    s.end = std::max({s.end, from.end, to.end});
  }
  return s;
}

std::vector<LogicalText::Piece> LogicalText::char_pieces() const {
  std::vector<Piece> out;
  auto size = static_cast<uint32_t>(text.size());
  for (size_t i = 0; i < pieces.size(); ++i) {
    const auto& p = pieces[i];
    uint32_t e = i + 1 < pieces.size() ? pieces[i + 1].logical : size;
    if (e - p.logical != p.end - p.begin) {
      out.push_back(p);
      continue;
    }
    for (uint32_t c = p.logical; c < e;) {
      uint32_t n = std::min(utf8_lead_length(static_cast<unsigned char>(text[c])), e - c);
      uint32_t b = p.begin + (c - p.logical);
      out.push_back({c, b, b + n});
      c += n;
    }
  }
  return out;
}

std::vector<Ch> chars_in(std::string_view bytes, Span span) {
  std::vector<Ch> out;
  uint32_t pos = span.begin;
  while (pos < span.end) {
    auto d = decode_at(bytes, pos);
    uint32_t n = d.size ? d.size : 1;
    out.push_back({d.size ? d.cp : U'\uFFFD', pos, pos + n});
    pos += n;
  }
  return out;
}

namespace {

bool latin_word_char(char32_t cp) {
  return is_ascii_alnum(cp) || (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7);
}

}  // namespace

std::vector<Ch> join_segments(std::string_view bytes, const std::vector<Segment>& segments) {
  std::vector<Ch> out;
  // Reserved from the lead bytes (one per character of valid UTF-8): decoding every segment
  // twice, once to count, cost as much as the join itself.
  size_t total = 0;
  for (const auto& seg : segments)
    if (seg.span.begin < seg.span.end && seg.span.end <= bytes.size())
      total += count_code_points(bytes.substr(seg.span.begin, seg.span.size()));
  out.reserve(total + segments.size());
  if (segments.size() == 1) {
    // One segment (a line, a heading): no break to join across, so its characters as they
    // are, past the blanks it starts with after a break.
    const auto& seg = segments.front();
    bool leading = seg.after_break;
    for (uint32_t pos = seg.span.begin; pos < seg.span.end;) {
      auto d = decode_at(bytes, pos);
      uint32_t n = d.size ? d.size : 1;
      char32_t cp = d.size ? d.cp : U'\uFFFD';
      if (!(leading && is_space(cp))) {
        leading = false;
        out.push_back({cp, pos, pos + n});
      }
      pos += n;
    }
    return out;
  }
  // Digits split by a wrap belong together in Chinese copy ("1\n3254"), but are two numbers in
  // English copy, where the wrap stood for a space. Whether the paragraph is Chinese is counted
  // over all its characters, and only when a wrap falls between two digits (rarely).
  int cjk_paragraph = -1;  // unknown
  auto is_cjk_paragraph = [&] {
    if (cjk_paragraph < 0) {
      size_t ideographs = 0, letters = 0;
      for (const auto& seg : segments)
        for (uint32_t pos = seg.span.begin; pos < seg.span.end;) {
          auto d = decode_at(bytes, pos);
          pos += d.size ? d.size : 1;
          char32_t cp = d.size ? d.cp : U'\uFFFD';
          if (is_ideograph(cp))
            ++ideographs;
          else if (latin_word_char(cp))
            ++letters;
        }
      cjk_paragraph = ideographs * 2 >= letters ? 1 : 0;
    }
    return cjk_paragraph == 1;
  };
  std::vector<Ch> cs;  // one segment's characters, reused
  for (size_t i = 0; i < segments.size(); ++i) {
    cs.clear();
    const Span span = segments[i].span;
    for (uint32_t pos = span.begin; pos < span.end;) {
      auto d = decode_at(bytes, pos);
      uint32_t n = d.size ? d.size : 1;
      cs.push_back({d.size ? d.cp : U'\uFFFD', pos, pos + n});
      pos += n;
    }
    size_t from = 0;  // cs[from..] is what the segment adds
    if (segments[i].after_break) {
      // Trim the blanks a line starts and ends with; they are layout, not text.
      while (from < cs.size() && is_space(cs[from].cp)) ++from;
      while (!out.empty() && is_space(out.back().cp)) out.pop_back();
    }
    if (segments[i].after_break && i + 1 < segments.size() && segments[i + 1].after_break)
      while (cs.size() > from && is_space(cs.back().cp)) cs.pop_back();
    if (cs.size() == from) continue;
    if (segments[i].after_break && !out.empty()) {
      char32_t l = out.back().cp, r = cs[from].cp;
      bool both_digits = is_digit(l) && is_digit(r);
      // Curly quotes are shared by both scripts: one takes the side of the letter it is
      // set against ("Chandra’" + "can" is two English words; "说：“" + "好" is Chinese).
      auto quote = [](char32_t c) { return c == U'‘' || c == U'’' || c == U'“' || c == U'”'; };
      char32_t lc = l, rc = r;
      if (quote(l) && out.size() >= 2) lc = out[out.size() - 2].cp;
      if (quote(r) && cs.size() - from >= 2) rc = cs[from + 1].cp;
      bool cjk_l = quote(l) ? is_cjk(lc) || quote(lc) : is_cjk(l);
      bool cjk_r = quote(r) ? is_cjk(rc) || quote(rc) : is_cjk(r);
      bool space = !cjk_l && !cjk_r && l != '-' && l != 0x2014 &&
                   !(both_digits && segments[i].wrap_in_column && is_cjk_paragraph());
      if (space) out.push_back({U' ', out.back().end, cs[from].begin});
    }
    out.insert(out.end(), cs.begin() + static_cast<long>(from), cs.end());
  }
  return out;
}

namespace {

bool single_space(char32_t cp) {
  return cp == U' ' || cp == 0x3000;
}

bool is_clause_punct(char32_t cp) {
  return cp == U'，' || cp == U'。' || cp == U'；' || cp == U'、' || cp == U'：' || cp == U'！' ||
         cp == U'？';
}

}  // namespace

// Justified columns print "金 戈 铁 马": single spaces between CJK characters. One such space is
// a style choice ("蹄疾步稳以致远 笃行不怠勇担当"); three or more close together are layout
// when they split a word into its characters. A list of names set apart by spaces or U+3000
// ("张三　李四　王五") has words of two or more characters between its spaces: dropping those
// spaces would merge the names, so such a run is text, not layout.
std::vector<Ch> remove_spaced_chars(std::vector<Ch> chars, std::vector<Repair>& repairs) {
  std::vector<size_t> cand;  // indices of spaces with CJK on both sides
  for (size_t i = 1; i + 1 < chars.size(); ++i)
    if (single_space(chars[i].cp) && is_cjk(chars[i - 1].cp) && is_cjk(chars[i + 1].cp))
      cand.push_back(i);
  if (cand.size() < 3) return chars;  // too few for a spaced run: nothing to drop
  std::vector<bool> drop(chars.size(), false);
  size_t k = 0;
  while (k < cand.size()) {
    size_t j = k;
    // Neighbouring spaces at most two characters apart belong to one spaced run.
    while (j + 1 < cand.size() && cand[j + 1] - cand[j] <= 3) ++j;
    size_t next_k = j + 1;
    // A run's first space after a word set solid on the same printed line is a gap between
    // two texts side by side ("…模型发布 中 国 海 油"), not a letter-spaced word: kept. (A
    // run may end in a solid word: "金 戈 铁 马 守护平安" spreads "金戈铁马守".)
    auto solid = [&](size_t a, size_t b) {  // CJK chars a and b adjacent on one line
      return chars[a].end == chars[b].begin && is_cjk(chars[a].cp) && is_cjk(chars[b].cp);
    };
    // Only on a line without clause punctuation (a headline): in running text a justified
    // line may spread from mid-line ("检察官以 案 例 分 享").
    auto heading_line = [&](size_t at) {
      for (size_t m = at; m > 0 && chars[m - 1].end == chars[m].begin; --m)
        if (is_clause_punct(chars[m - 1].cp)) return false;
      return true;
    };
    while (k < j && cand[k] >= 2 && solid(cand[k] - 2, cand[k] - 1) && heading_line(cand[k])) ++k;
    size_t n = j - k + 1;
    // Characters between neighbouring spaces: one when layout spread a word out, two or more
    // in a list of words; mostly ones is a spread-out line.
    size_t singles = 0;
    for (size_t m = k; m < j; ++m)
      if (cand[m + 1] - cand[m] == 2) ++singles;
    if (n >= 3 && singles * 3 >= (n - 1) * 2) {
      size_t from = cand[k] - 1, to = cand[j] + 2;
      std::vector<Span> removed;
      for (size_t m = k; m <= j; ++m) {
        drop[cand[m]] = true;
        removed.push_back({chars[cand[m]].begin, chars[cand[m]].end});
      }
      std::string repaired;
      for (size_t m = from; m < to; ++m)
        if (!drop[m]) append_utf8(repaired, chars[m].cp);
      repairs.push_back({RepairKind::SpacedChars,
                         {chars[from].begin, chars[to - 1].end},
                         repaired,
                         std::move(removed)});
    }
    k = next_k;
  }
  std::vector<Ch> out;
  out.reserve(chars.size());
  for (size_t i = 0; i < chars.size(); ++i)
    if (!drop[i]) out.push_back(chars[i]);
  return out;
}

namespace {

constexpr size_t kMaxUnit = 40;

bool same_run(const std::vector<Ch>& c, size_t a, size_t b, size_t len) {
  for (size_t i = 0; i < len; ++i)
    if (c[a + i].cp != c[b + i].cp || is_space(c[a + i].cp)) return false;
  return true;
}

// For each index, the next index holding the same character (or kNone): a unit can only
// repeat at a distance where its first character recurs. 32-bit (the caller refuses longer
// texts): at 4 MB of one paragraph this and its sort were 64 MB.
constexpr uint32_t kNone = UINT32_MAX;
std::vector<uint32_t> next_same(const std::vector<Ch>& c) {
  std::vector<uint32_t> next(c.size(), kNone);
  // Positions sorted by (character, position): each one's successor in its character's run is
  // the next occurrence. (A node-based hash map here was a malloc per distinct character.)
  std::vector<uint32_t> order(c.size());
  for (size_t i = 0; i < c.size(); ++i) order[i] = static_cast<uint32_t>(i);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return c[a].cp != c[b].cp ? c[a].cp < c[b].cp : a < b; });
  for (size_t k = 0; k + 1 < order.size(); ++k)
    if (c[order[k]].cp == c[order[k + 1]].cp) next[order[k]] = order[k + 1];
  return next;
}

// Length of the shortest unit u such that chars[i..] starts with u u, or 0.
size_t tandem_at(const std::vector<Ch>& c, const std::vector<uint32_t>& next, size_t i) {
  for (size_t j = next[i]; j != kNone && j - i <= kMaxUnit; j = next[j]) {
    size_t len = j - i;
    if (i + 2 * len > c.size()) break;
    if (same_run(c, i, j, len)) return len;
  }
  return 0;
}

bool is_digit_cp(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

// A mark a PDF doubles with the bold run it belongs to, and copy never doubles on purpose:
// "，，", "。。", "““", "；；", "..". Not the marks Chinese writes twice ("……", "——") or doubles
// for emphasis ("！！", "？？").
bool doubled_only_by_pdf(char32_t c) {
  if (is_ideograph(c) || is_ascii_alnum(c) || is_space(c)) return false;
  switch (c) {
    case U'!':
    case U'?':
    case 0xFF01:
    case 0xFF1F:
    case 0x2026:
    case 0x2014:
    case 0x2015:
    case U'-':
    case U'~':
    case 0xFF5E:
    case 0x00B7:
    case 0x30FB:
      return false;
    default:
      return c < 0x2000 ? (c >= U'!' && c <= U'~')
                        : is_cjk_punct(c) || (c >= 0x2018 && c <= 0x201F);
  }
}

// The chain of doubled units that starts at an index ("万元万元；；" is two units), with its
// sums. A chain is the unit at i, then the chain at the index after its second copy (past one
// space); so the sums are filled from the right, and whether the chain at i looks doubled is
// known without walking it. Walking it from every index of a periodic stretch ("5件，5件，…", a
// results table) was quadratic.
struct Chain {
  uint32_t len = 0;   // unit length at i
  uint32_t next = 0;  // where the chain goes on after i's unit (0: it ends there)
  uint32_t units = 0, total = 0, ideographs = 0;
  uint32_t end = 0;       // index after the chain's last doubled copy
  bool pdf_mark = false;  // some unit of the chain is marks only ("；", "，，")
};

// The chains of the indices where a unit is doubled, and each index's place among them. Most
// characters start none: the sums kept for every character took 28 bytes a character (a
// 4 MB statistics table, one paragraph: 96 MB at once).
struct Chains {
  std::vector<uint32_t> slot;  // 1 + the index in `at` of the chain starting there; 0: none
  std::vector<Chain> at;
  const Chain* find(size_t i) const { return slot[i] ? &at[slot[i] - 1] : nullptr; }
};

Chains find_chains(const std::vector<Ch>& c) {
  const size_t n = c.size();
  const auto next = next_same(c);  // first: its sort's buffer is freed before the chains
  Chains ch;
  ch.slot.assign(n, 0);
  for (size_t i = n; i-- > 0;) {
    size_t len = is_space(c[i].cp) ? 0 : tandem_at(c, next, i);
    if (len == 0) continue;
    size_t ideographs = 0;
    bool marks_only = true;
    for (size_t m = i; m < i + len; ++m) {
      if (is_ideograph(c[m].cp)) ++ideographs;
      marks_only = marks_only && doubled_only_by_pdf(c[m].cp);
    }
    Chain e{static_cast<uint32_t>(len),
            0,
            1,
            static_cast<uint32_t>(len),
            static_cast<uint32_t>(ideographs),
            static_cast<uint32_t>(i + 2 * len),
            marks_only};
    size_t k = i + 2 * len;
    if (k < n && single_space(c[k].cp)) ++k;
    if (k < n && ch.slot[k] != 0) {
      const Chain& o = ch.at[ch.slot[k] - 1];
      e.next = static_cast<uint32_t>(k);
      e.units += o.units;
      e.total += o.total;
      e.ideographs += o.ideographs;
      e.pdf_mark = e.pdf_mark || o.pdf_mark;
      e.end = o.end;
    }
    ch.at.push_back(e);
    ch.slot[i] = static_cast<uint32_t>(ch.at.size());
  }
  return ch;
}

// Chinese doubles words on purpose: reduplication ("看看", "研究研究", "一个问题一个问题",
// "干干净净"), and tables repeat figures ("12.5 12.5"). A PDF doubling bold text doubles every
// run of a stretch, its punctuation included; so a chain is taken for doubling only when one of
// its doubled units is such a mark, or when it is the whole paragraph (a bold heading printed
// twice: "工作报告工作报告"). first/last: the first and last non-space index of the text.
bool looks_doubled(const Chain& ch, size_t i, size_t first, size_t last) {
  const size_t units = ch.units, total = ch.total, ideographs = ch.ideographs;
  if (units >= 2 && ch.pdf_mark && total >= 4 && ideographs + (total - ideographs) / 2 >= 3)
    return true;
  return units == 1 && total >= 4 && ideographs == total && first >= i && last < ch.end;
}

// What looks_doubled needs, found in one pass before the chains are (building them costs a
// sort of every character and a comparison wherever a character recurs, most of it on copy
// with no doubling at all): a unit of marks that doubled_only_by_pdf doubled in place ("，，",
// ".,.,"), which a chain of several units needs, or the paragraph being one run twice, which a
// single unit needs.
bool may_be_doubled(const std::vector<Ch>& c, size_t first, size_t last) {
  const size_t n = c.size();
  for (size_t i = 0; i < n;) {
    if (!doubled_only_by_pdf(c[i].cp)) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < n && doubled_only_by_pdf(c[j].cp)) ++j;
    for (size_t a = i; a < j; ++a)
      for (size_t len = 1; a + 2 * len <= j; ++len)
        if (same_run(c, a, a + len, len)) return true;
    i = j;
  }
  if (last >= n) return false;
  size_t width = last - first + 1;
  return width % 2 == 0 && same_run(c, first, first + width / 2, width / 2);
}

}  // namespace

// Bold text extracted from a PDF comes out twice, run by run: "万元万元；；" for "万元；".
std::vector<Ch> collapse_doubled_runs(std::vector<Ch> chars, std::vector<Repair>& repairs) {
  const size_t repairs_before = repairs.size();
  if (chars.size() >= UINT32_MAX) return chars;  // indices are 32-bit; no text is this long
  size_t first = 0, last = chars.size();         // first and last non-space (last = size: none)
  while (first < chars.size() && is_space(chars[first].cp)) ++first;
  for (size_t m = chars.size(); m-- > 0;)
    if (!is_space(chars[m].cp)) {
      last = m;
      break;
    }
  if (!may_be_doubled(chars, first, last)) return chars;
  std::vector<bool> drop(chars.size(), false);
  const Chains chains = find_chains(chars);
  size_t i = 0;
  while (i < chars.size()) {
    // A doubled run never starts inside a number: "100人次、100人次" is not "10人次、".
    bool mid_number = i > 0 && is_digit_cp(chars[i - 1].cp) && is_digit_cp(chars[i].cp);
    const Chain* at = mid_number ? nullptr : chains.find(i);
    if (!at || !looks_doubled(*at, i, first, last)) {
      ++i;
      continue;
    }
    const size_t begin = i, end = at->end;
    for (size_t u = i;; u = chains.find(u)->next) {
      const Chain& cu = *chains.find(u);
      for (size_t m = u + cu.len; m < u + 2 * cu.len; ++m) drop[m] = true;
      if (cu.next == 0) break;
    }
    std::string repaired;
    for (size_t m = begin; m < end; ++m)
      if (!drop[m]) append_utf8(repaired, chars[m].cp);
    std::vector<Span> removed;
    for (size_t m = begin; m < end; ++m) {
      if (!drop[m]) continue;
      if (!removed.empty() && removed.back().end == chars[m].begin)
        removed.back().end = chars[m].end;
      else
        removed.push_back({chars[m].begin, chars[m].end});
    }
    repairs.push_back({RepairKind::DoubledText,
                       {chars[begin].begin, chars[end - 1].end},
                       repaired,
                       std::move(removed)});
    i = end;
  }
  if (repairs.size() == repairs_before) return chars;  // nothing collapsed: no copy
  std::vector<Ch> out;
  out.reserve(chars.size());
  for (size_t m = 0; m < chars.size(); ++m)
    if (!drop[m]) out.push_back(chars[m]);
  return out;
}

namespace {

// Bytes append_utf8 writes for `cp` (utf8proc_encode_char: nothing for values past U+10FFFF;
// the noncharacters U+FFFE and U+FFFF as three bytes like any other, in utf8proc 2.8).
uint32_t utf8_size(char32_t cp) {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return cp < 0x110000 ? 4 : 0;
}

// Writes what append_utf8 appends for `cp` at `out`, utf8_size(cp) bytes.
void put_utf8(char32_t cp, char* out) {
  auto* o = reinterpret_cast<unsigned char*>(out);
  if (cp < 0x80) {
    o[0] = static_cast<unsigned char>(cp);
  } else if (cp < 0x800) {
    o[0] = static_cast<unsigned char>(0xC0 | (cp >> 6));
    o[1] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    o[0] = static_cast<unsigned char>(0xE0 | (cp >> 12));
    o[1] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
    o[2] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x110000) {
    o[0] = static_cast<unsigned char>(0xF0 | (cp >> 18));
    o[1] = static_cast<unsigned char>(0x80 | ((cp >> 12) & 0x3F));
    o[2] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
    o[3] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

// What push() per character gives, with the text sized once and each character written in
// place: push's append through utf8proc per character was a tenth of parsing English copy.
LogicalText assemble(const std::vector<Ch>& chars) {
  LogicalText lt;
  size_t size = 0;
  for (const auto& c : chars) size += utf8_size(c.cp);
  lt.text.resize(size);
  char* text = lt.text.data();
  uint32_t at = 0;
  for (const auto& c : chars) {
    uint32_t n = utf8_size(c.cp);
    put_utf8(c.cp, text + at);
    bool joins = false;
    if (!lt.pieces.empty()) {
      auto& last = lt.pieces.back();
      // The last piece is a byte-for-byte run, and this character continues it in both texts.
      if (at - last.logical == last.end - last.begin && last.end == c.begin &&
          c.end - c.begin == n) {
        last.end = c.end;
        joins = true;
      }
    }
    if (!joins) lt.pieces.push_back({at, c.begin, c.end});
    at += n;
  }
  lt.pieces.shrink_to_fit();
  return lt;
}

namespace {

// Whether `gap` is nothing but spaces (ASCII or U+3000).
bool only_spaces(std::string_view gap) {
  for (size_t i = 0; i < gap.size();) {
    if (gap[i] == ' ') {
      ++i;
    } else if (gap.substr(i, 3) == "\xE3\x80\x80") {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

// A doubled copy that was also spread out ("金 戈 铁 马" printed twice) lost its spaces to
// remove_spaced_chars before it was collapsed, so its characters came out as separate removed
// spans and deleting them left the copy's spaces behind. Within one copy only such spaces lie
// between its characters (a copy never holds a space, and two copies are apart by a kept unit),
// so neighbours apart by spaces alone are one span: the fix deletes the whole copy.
void join_copies_over_spaces(std::string_view bytes, std::vector<Repair>& repairs) {
  for (auto& r : repairs) {
    if (r.kind != RepairKind::DoubledText || r.removed.size() < 2) continue;
    std::vector<Span> joined;
    for (const auto& s : r.removed) {
      if (!joined.empty() &&
          only_spaces(bytes.substr(joined.back().end, s.begin - joined.back().end)))
        joined.back().end = s.end;
      else
        joined.push_back(s);
    }
    r.removed = std::move(joined);
  }
}

}  // namespace

namespace {

// The logical text of one segment that no repair touches, straight from its bytes: most
// paragraphs of typed copy are one line of valid UTF-8 with nothing spread out or doubled, and
// their logical text is their bytes past the leading blanks, one piece. Decoding them into
// characters and writing them back was a fifth of parsing. False (and `out` untouched) when the
// general path may give anything else: a byte that is not valid UTF-8 (it becomes U+FFFD),
// three spaces between CJK characters (remove_spaced_chars' candidates), a run of marks
// doubled_only_by_pdf holding a unit twice over or a text whose two halves are the same bytes
// (may_be_doubled's two ways in).
bool plain_segment(std::string_view bytes, const Segment& seg, LogicalText& out) {
  const Span span = seg.span;
  if (span.begin > span.end || span.end > bytes.size()) return false;
  uint32_t pos = span.begin;
  if (seg.after_break)
    while (pos < span.end) {
      auto d = decode_at(bytes, pos);
      if (!d.size || !is_space(d.cp)) break;
      pos += d.size;
    }
  const uint32_t start = pos;
  // doubled_only_by_pdf of each ASCII character, looked up: most of English copy is ASCII.
  static const auto ascii_marks = [] {
    std::array<bool, 0x80> t{};
    for (char32_t c = 0; c < 0x80; ++c) t[c] = doubled_only_by_pdf(c);
    return t;
  }();
  int spaced = 0;
  char32_t before = 0, last = 0;  // the last two characters (0: none yet)
  // The run of marks doubled_only_by_pdf just read ("。”", ".\""): may_be_doubled looks for a
  // unit repeated right after itself inside each such run.
  constexpr size_t kRun = 16;
  char32_t run[kRun];
  size_t marks = 0;
  auto square = [&] {
    for (size_t a = 0; a < marks; ++a)
      for (size_t len = 1; a + 2 * len <= marks; ++len)
        if (std::equal(run + a, run + a + len, run + a + len)) return true;
    return false;
  };
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  while (pos < span.end) {
    unsigned c = p[pos];
    // ASCII first: no CJK character, so no spaced-out candidate ends here.
    if (c < 0x80) {
      if (ascii_marks[c]) {
        if (marks == kRun) return false;
        run[marks++] = c;
      } else if (marks) {
        if (marks >= 2 && square()) return false;
        marks = 0;
      }
      before = last;
      last = c;
      ++pos;
      continue;
    }
    // The main Han block (lead bytes E4-E9): no mark, no blank, a CJK character.
    if (c >= 0xE4 && c <= 0xE9 && span.end - pos >= 3 && (p[pos + 1] & 0xC0) == 0x80 &&
        (p[pos + 2] & 0xC0) == 0x80) {
      char32_t cp = ((c & 0x0Fu) << 12) | ((p[pos + 1] & 0x3Fu) << 6) | (p[pos + 2] & 0x3Fu);
      if (cp >= 0x4E00) {
        if (marks) {
          if (marks >= 2 && square()) return false;
          marks = 0;
        }
        if (single_space(last) && is_cjk(before) && ++spaced >= 3) return false;
        before = last;
        last = cp;
        pos += 3;
        continue;
      }
    }
    auto d = decode_at(bytes, pos);
    if (!d.size) return false;
    char32_t cp = d.cp;
    bool mark = !is_ideograph(cp) && doubled_only_by_pdf(cp);
    if (mark) {
      if (marks == kRun) return false;
      run[marks++] = cp;
    } else if (marks) {
      if (marks >= 2 && square()) return false;
      marks = 0;
    }
    if (single_space(last) && is_cjk(before) && is_cjk(cp) && ++spaced >= 3) return false;
    before = last;
    last = cp;
    pos += d.size;
  }
  if (marks >= 2 && square()) return false;
  // (A last character running past the span: the general path keeps it whole.)
  if (pos != span.end) return false;
  // The bytes of the first to the last non-blank character (all of them valid UTF-8 here).
  uint32_t first_solid = UINT32_MAX, solid_end = 0;
  for (uint32_t i = start; i < span.end;) {
    auto d = decode_at(bytes, i);
    if (!is_space(d.cp)) {
      first_solid = i;
      break;
    }
    i += d.size;
  }
  for (uint32_t e = span.end; first_solid != UINT32_MAX && e > first_solid;) {
    uint32_t i = e - 1;
    while (i > first_solid && (p[i] & 0xC0) == 0x80) --i;
    auto d = decode_at(bytes, i);
    if (!is_space(d.cp)) {
      solid_end = i + d.size;
      break;
    }
    e = i;
  }
  if (first_solid != UINT32_MAX) {
    uint32_t w = solid_end - first_solid;
    if (w % 2 == 0 &&
        bytes.compare(first_solid, w / 2, bytes.substr(first_solid + w / 2, w / 2)) == 0)
      return false;
  }
  out = LogicalText{};
  out.text.assign(bytes.data() + start, span.end - start);
  if (start < span.end) out.pieces.push_back({0, start, span.end});
  return true;
}

}  // namespace

LogicalText build_logical_text(std::string_view bytes, const std::vector<Segment>& segments) {
  if (segments.size() == 1) {
    LogicalText lt;
    if (plain_segment(bytes, segments.front(), lt)) return lt;
  }
  std::vector<Repair> repairs;
  auto chars = join_segments(bytes, segments);
  chars = remove_spaced_chars(std::move(chars), repairs);
  chars = collapse_doubled_runs(std::move(chars), repairs);
  join_copies_over_spaces(bytes, repairs);
  auto lt = assemble(chars);
  std::sort(repairs.begin(), repairs.end(),
            [](const Repair& a, const Repair& b) { return a.original.begin < b.original.begin; });
  lt.repairs = std::move(repairs);
  return lt;
}

}  // namespace tally::text

namespace tally::text {

LogicalText slice(const LogicalText& lt, uint32_t lbegin, uint32_t lend) {
  LogicalText out;
  lend = std::min<uint32_t>(lend, static_cast<uint32_t>(lt.text.size()));
  if (lbegin >= lend) return out;
  out.text = lt.text.substr(lbegin, lend - lbegin);
  // The characters beginning in [lbegin, lend), as before pieces were runs: a run cut at
  // character boundaries (a character begun before lbegin left out, one begun before lend
  // kept whole).
  auto size = static_cast<uint32_t>(lt.text.size());
  auto boundary = [&](uint32_t pos) {  // the first character start at or after pos
    while (pos < size && (static_cast<unsigned char>(lt.text[pos]) & 0xC0) == 0x80) ++pos;
    return pos;
  };
  uint32_t from = boundary(lbegin), to = boundary(lend);
  auto it = std::upper_bound(lt.pieces.begin(), lt.pieces.end(), from,
                             [](uint32_t v, const LogicalText::Piece& p) { return v < p.logical; });
  if (it != lt.pieces.begin()) --it;
  for (; it != lt.pieces.end() && it->logical < to; ++it) {
    uint32_t e = std::next(it) != lt.pieces.end() ? std::next(it)->logical : size;
    if (e - it->logical != it->end - it->begin) {  // one character
      if (it->logical >= from) out.pieces.push_back({it->logical - lbegin, it->begin, it->end});
      continue;
    }
    uint32_t b = std::max(it->logical, from), z = std::min(e, to);
    if (b >= z) continue;
    auto orig = [&](uint32_t pos) { return it->begin + (pos - it->logical); };
    // A character cut at lend is kept whole in the map though `text` holds part of it: it
    // becomes a piece of its own.
    uint32_t cut = z > lend ? lend : z;
    while (cut < z && cut > b && (static_cast<unsigned char>(lt.text[cut]) & 0xC0) == 0x80) --cut;
    if (b < cut) out.pieces.push_back({b - lbegin, orig(b), orig(cut)});
    if (cut < z) out.pieces.push_back({cut - lbegin, orig(cut), orig(z)});
  }
  // A character cut at lbegin leaves bytes in `text` before the first piece, which
  // to_original reads as part of the first character, as before.
  Span orig = lt.to_original(lbegin, lend);
  for (const auto& r : lt.repairs)
    if (r.original.begin < orig.end && r.original.end > orig.begin) out.repairs.push_back(r);
  return out;
}

LogicalText trimmed(const LogicalText& lt) {
  uint32_t b = 0, e = static_cast<uint32_t>(lt.text.size());
  while (b < e) {
    auto d = decode_at(lt.text, b);
    if (!d.size || !is_space(d.cp)) break;
    b += d.size;
  }
  while (e > b) {
    uint32_t s = e - 1;
    while (s > b && (static_cast<unsigned char>(lt.text[s]) & 0xC0) == 0x80) --s;
    auto d = decode_at(lt.text, s);
    if (!d.size || !is_space(d.cp)) break;
    e = s;
  }
  if (b == 0 && e == lt.text.size()) return lt;
  return slice(lt, b, e);
}

}  // namespace tally::text
