#include "parse/page_parser.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "parse/furniture.hpp"
#include "parse/page_assembly.hpp"
#include "parse/page_units.hpp"
#include "text/utf8.hpp"

namespace tally::parse {

namespace {

using detail::Unit;
using detail::UnitKind;
constexpr size_t kNone = std::numeric_limits<size_t>::max();

Block make_block(BlockType type, text::LogicalText lt) {
  Block b;
  b.type = type;
  b.text = text::trimmed(lt);
  b.span = b.text.original();
  return b;
}

// build_logical_text, from the memo when there is one.
text::LogicalText logical_text(std::string_view bytes, const std::vector<text::Segment>& segs,
                               ParseMemo* memo) {
  return memo ? memo->logical_text(bytes, segs) : text::build_logical_text(bytes, segs);
}

// The logical text of one line of unit `u`: the unit's own when that is its only line (one
// segment makes the same text whatever its flags), built otherwise.
text::LogicalText line_text(std::string_view bytes, const std::vector<Line>& lines, const Unit& u,
                            uint32_t li, ParseMemo* memo) {
  if (u.lines.size() == 1 && u.lines.front() == li) return u.text;
  return logical_text(bytes, {{lines[li].span, true}}, memo);
}

// Per-line blocks for units whose lines are separate items (headline lines, byline lines).
void line_blocks(std::string_view bytes, const std::vector<Line>& lines, const Unit& u,
                 BlockType type, std::vector<Block>& out, ParseMemo* memo) {
  for (auto li : u.lines) out.push_back(make_block(type, line_text(bytes, lines, u, li, memo)));
}

// Whether `t` (its first 64 bytes `head`) holds what every match of the dateline pattern below
// holds: after 本报, a 讯 or 电; otherwise a 讯 after two to eight Han characters from the start.
// Each character before it is then one a Han character may be: from U+2E80 on, and none of the
// CJK marks and brackets (U+3000-3004, U+3008-3020) nor the full-width forms (U+FF00-FFEF). The
// pattern's compiling (7 M instructions) and a call into it wait for such a paragraph.
bool may_open_dateline(std::string_view t, std::string_view head) {
  if (head.substr(0, 6) == "本报")
    return head.find("讯") != std::string_view::npos || head.find("电") != std::string_view::npos;
  size_t chars = 0;
  for (size_t i = 0; i < t.size() && chars <= 8;) {
    auto d = text::decode_at(t, i);
    char32_t cp = d.cp;
    if (cp == U'讯' && chars >= 2) return true;
    bool may_be_han = cp >= 0x2E80 && !(cp >= 0x3000 && cp <= 0x3004) &&
                      !(cp >= 0x3008 && cp <= 0x3020) && !(cp >= 0xFF00 && cp <= 0xFFEF);
    if (!may_be_han) return false;
    ++chars;
    i += d.size ? d.size : 1;
  }
  return false;
}

// Splits "包头讯 近年来…" and "本报讯(通讯员 姚晓滨) 近日…" into dateline and paragraph, and
// "…追究。 （潘源）" into paragraph and sign-off.
void paragraph_blocks(const text::LogicalText& lt, std::vector<Block>& out) {
  // (Each pattern compiled on its first use, past its pre-test below: the two were 8.8 M
  // instructions, which copy with neither need not pay.)
  auto dateline = [] {
    static const RE2 re(
        R"(^((?:本报讯\s*[（(][^）)]{1,30}[）)])|(?:\p{Han}{2,8}讯)|(?:本报\p{Han}{0,8}\d{1,2}月\d{1,2}日电))[ 　]*)");
    return &re;
  };
  auto signoff = [] {
    static const RE2 re(R"(([。！？”…])\s*([（(]\p{Han}{2,5}[）)])$)");
    return &re;
  };
  const std::string& t = lt.text;
  uint32_t body_begin = 0, body_end = static_cast<uint32_t>(t.size());
  re2::StringPiece m[2];
  // Each pattern is tried only when the text holds what its matches must: a dateline's 讯 or 电
  // near its start (may_open_dateline), a sign-off's closing bracket at the end. Most paragraphs
  // have neither, and the sign-off search read the whole paragraph.
  std::string_view head = std::string_view(t).substr(0, 64);
  bool may_date = may_open_dateline(t, head);
  std::string_view tv = t;
  bool may_sign =
      (tv.size() >= 1 && tv.back() == ')') || (tv.size() >= 3 && tv.substr(tv.size() - 3) == "）");
  if (may_date && dateline()->Match(t, 0, t.size(), RE2::ANCHOR_START, m, 2)) {
    auto len = static_cast<uint32_t>(m[1].size());
    bool byline = t.compare(0, 9, "本报讯") == 0;
    out.push_back(
        make_block(byline ? BlockType::Byline : BlockType::Dateline, text::slice(lt, 0, len)));
    body_begin = static_cast<uint32_t>(m[0].size());
  }
  re2::StringPiece s[3];
  std::optional<Block> sign;
  if (may_sign && signoff()->Match(t, body_begin, t.size(), RE2::UNANCHORED, s, 3)) {
    auto at = static_cast<uint32_t>(s[2].data() - t.data());
    sign = make_block(BlockType::SignOff, text::slice(lt, at, static_cast<uint32_t>(t.size())));
    body_end = static_cast<uint32_t>(s[1].data() - t.data() + s[1].size());
  }
  out.push_back(make_block(BlockType::Paragraph, text::slice(lt, body_begin, body_end)));
  if (sign) out.push_back(std::move(*sign));
}

PageHeader page_header(std::string_view bytes, const std::vector<Line>& lines,
                       const std::vector<Unit>& units, const std::vector<size_t>& idx) {
  static const RE2 date_page(R"((\d{4})/(\d{1,2})/(\d{1,2})\s*(\d{1,3})?\s*(\p{Han}*))");
  static const RE2 editor(R"((\p{Han}{2,6}编辑[：:]\s*\p{Han}{2,4}))");
  PageHeader h;
  h.span = {UINT32_MAX, 0};
  std::string joined;  // the header lines' text, run together
  for (auto k : idx) {
    for (auto li : units[k].lines) {
      const auto& l = lines[li];
      h.span.begin = std::min(h.span.begin, l.span.begin);
      h.span.end = std::max(h.span.end, l.span.end);
      re2::StringPiece text(bytes.data() + l.span.begin, l.span.size());
      int y = 0, m = 0, d = 0;
      std::string page, section;
      if (RE2::PartialMatch(text, date_page, &y, &m, &d, &page, &section)) {
        Date dt{y, m, d};
        if (parse_iso_date(dt.iso())) h.date = dt;
        h.page = page;
        h.section = section;
      }
      re2::StringPiece in = text;
      std::string ed;
      while (RE2::FindAndConsume(&in, editor, &ed)) h.editors.push_back(ed);
      joined.append(text.data(), text.size());
    }
  }
  // A masthead's date line: "Friday, August 14, 2026", or "2024年10月" over "16 日 星期三".
  if (!h.date) h.date = masthead_date(joined);
  return h;
}

}  // namespace

Document parse_page(const text::Source& src, std::optional<bool> hard_wrapped, ParseMemo* memo) {
  Document doc;
  doc.path = src.path;
  std::string_view bytes = src.bytes;
  auto lines = split_lines(bytes, src.content_begin);
  mark_furniture(bytes, lines);
  bool wrapped = hard_wrapped.value_or(detail::is_hard_wrapped(lines));
  if (hard_wrapped)
    doc.format = wrapped ? Format::Page : Format::Lines;
  else
    doc.format = wrapped || lines.size() < 2 ? Format::Page : Format::Lines;
  auto units = detail::build_units(bytes, lines, wrapped, memo);
  auto a = detail::assemble_articles(units, wrapped, memo);
  std::vector<bool> subhead(units.size(), false);
  for (auto k : a.subheads) subhead[k] = true;
  // Drop caps printed apart from their paragraphs, both ways.
  // Looked up per unit: maps, not walks of every drop cap (issue 22: linear on any page). The
  // first pair naming a unit wins, as the walks did.
  std::unordered_map<size_t, size_t> cap_text, text_cap;
  for (const auto& p : a.drop_caps) {
    cap_text.emplace(p.first, p.second);
    text_cap.emplace(p.second, p.first);
  }
  auto cap_of = [&](size_t letter) {
    auto it = cap_text.find(letter);
    return it == cap_text.end() ? kNone : it->second;
  };
  auto text_of_cap = [&](size_t text_unit) {
    auto it = text_cap.find(text_unit);
    return it == text_cap.end() ? kNone : it->second;
  };
  std::string lower;  // the page lowercased, when a drop cap needs it

  if (!a.page_header.empty()) doc.header = page_header(bytes, lines, units, a.page_header);

  for (const auto& seg : a.articles) {
    Article art;
    art.confidence = seg.confidence;
    art.uncertain = seg.confidence < 0.75;
    art.notes = seg.notes;
    // Heading blocks: a short first line above another is a section label; a line followed by
    // a "place: …" line is a kicker; the first remaining line is the headline.
    std::vector<size_t> heading_lines;
    std::unordered_map<size_t, size_t> heading_pos;  // line -> its first place in heading_lines
    for (auto k : seg.head)
      if (units[k].kind == UnitKind::Heading)
        for (auto li : units[k].lines) {
          heading_pos.emplace(li, heading_lines.size());
          heading_lines.push_back(li);
        }
    // The body's units, and for each the last body unit continuing it: found per unit below,
    // where walking the body each time was quadratic in an article of many units.
    std::unordered_set<size_t> in_body(seg.body.begin(), seg.body.end());
    std::unordered_map<size_t, size_t> continued_by;
    for (auto n : seg.body)
      if (a.continues[n] != kNone) continued_by[a.continues[n]] = n;
    for (auto k : seg.head) {
      const auto& u = units[k];
      if (u.kind == UnitKind::Byline) {
        line_blocks(bytes, lines, u, BlockType::Byline, art.blocks, memo);
        continue;
      }
      for (auto li : u.lines) {
        auto lt = line_text(bytes, lines, u, li, memo);
        auto hp = heading_pos.find(li);
        size_t pos = hp == heading_pos.end() ? heading_lines.size() : hp->second;
        // (A label in capitals may share its unit with the headline under it.)
        bool label = pos == 0 && heading_lines.size() >= 2 && detail::label_text(lt.text) &&
                     (u.lines.size() == 1 || text::count_code_points(lt.text) > 5);
        BlockType t = BlockType::Subheadline;
        if (label)
          t = BlockType::Section;
        else if (std::none_of(art.blocks.begin(), art.blocks.end(), [](const Block& b) {
                   return b.type == BlockType::Headline || b.type == BlockType::Kicker;
                 })) {
          static const RE2 place(R"(^\p{Han}{2,8}[:：])");  // compiled once, not per heading
          bool next_is_place =
              pos + 1 < heading_lines.size() &&
              RE2::PartialMatch(
                  std::string(bytes.substr(lines[heading_lines[pos + 1]].span.begin,
                                           lines[heading_lines[pos + 1]].span.size())),
                  place);
          t = next_is_place ? BlockType::Kicker : BlockType::Headline;
        } else if (art.blocks.back().type == BlockType::Kicker) {
          t = BlockType::Headline;
        }
        art.blocks.push_back(make_block(t, lt));
      }
    }
    // Body: Text units chained by `continues` form one paragraph, even across a break.
    for (size_t pos = 0; pos < seg.body.size(); ++pos) {
      size_t k = seg.body[pos];
      const auto& u = units[k];
      switch (u.kind) {
        case UnitKind::Heading:
          line_blocks(bytes, lines, u, subhead[k] ? BlockType::Subhead : BlockType::Subheadline,
                      art.blocks, memo);
          continue;
        case UnitKind::Byline:
        case UnitKind::Name:
          line_blocks(bytes, lines, u, BlockType::Byline, art.blocks, memo);
          continue;
        case UnitKind::SectionLetter:
          if (cap_of(k) == kNone)  // a drop cap joins the paragraph it opens
            art.blocks.push_back(make_block(BlockType::Section, u.text));
          continue;
        case UnitKind::Caption:
          art.blocks.push_back(make_block(BlockType::Caption, u.text));
          continue;
        case UnitKind::Credit:
          art.blocks.push_back(make_block(BlockType::SignOff, u.text));
          continue;
        case UnitKind::PageHeader:
          continue;
        case UnitKind::Text:
          break;
      }
      if (a.continues[k] != kNone && in_body.count(a.continues[k]))
        continue;  // already taken into the paragraph it continues
      std::vector<text::Segment> segs;
      std::vector<Span> pieces;
      size_t cap = text_of_cap(k);
      if (cap != kNone) {
        segs.push_back({lines[units[cap].lines.front()].span, true, false});
        pieces.push_back(units[cap].span);
      }
      for (size_t cur = k; cur != kNone;) {
        // Across units the break is a blank line or a jump to another column: not a wrap.
        auto more = detail::line_segments(lines, units[cur]);
        if (!more.empty()) more.front().wrap_in_column = false;
        if (cap != kNone && cur == k && !more.empty()) {
          if (lower.empty()) lower = detail::ascii_lower(bytes);
          const auto& sp = more.front().span;
          more.front().after_break =
              !detail::drop_cap_joins(lower, bytes[lines[units[cap].lines.front()].span.begin],
                                      bytes.substr(sp.begin, sp.size()));
        }
        segs.insert(segs.end(), more.begin(), more.end());
        pieces.push_back(units[cur].span);
        auto next = continued_by.find(cur);
        cur = next == continued_by.end() ? kNone : next->second;
      }
      // A paragraph of one unit has the unit's text, already built for the layout decisions.
      auto lt = pieces.size() == 1 && cap == kNone ? u.text : logical_text(bytes, segs, memo);
      size_t before = art.blocks.size();
      paragraph_blocks(lt, art.blocks);
      if (pieces.size() > 1)
        for (size_t b = before; b < art.blocks.size(); ++b)
          if (art.blocks[b].type == BlockType::Paragraph) art.blocks[b].pieces = pieces;
    }
    std::vector<std::string> heads;
    for (const auto& b : art.blocks) {
      if (b.type == BlockType::Kicker || b.type == BlockType::Headline ||
          b.type == BlockType::Subheadline)
        heads.push_back(b.text.text);
      else if (b.type != BlockType::Section)
        break;
    }
    for (size_t h = 0; h < heads.size(); ++h) art.headline += (h ? " / " : "") + heads[h];
    art.language = detect_language(art.blocks);
    doc.articles.push_back(std::move(art));
  }
  return doc;
}

}  // namespace tally::parse
