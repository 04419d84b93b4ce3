#include "parse/lines.hpp"

#include <re2/re2.h>

#include <cctype>

#include "text/utf8.hpp"

namespace tally::parse {

namespace {

// Each pattern is compiled on its first use, not all of them with the first line that is not
// blank: each is tried only on lines that pass its byte pre-test, and copy without bylines,
// credits or captions (most typed copy) needs few of them (the nine together were 7.7 M
// instructions at start-up).
const RE2& header_re() {
  static const RE2 re{
      R"(^\d{4}/\d{1,2}/\d{1,2}\s*\d*|责任编辑|^\d{4}年\d{1,2}月\d{1,2}日.{0,12}第\s*\d+\s*版)"};
  return re;
}
const RE2& byline_re() {
  static const RE2 re{
      R"(^□|^■|^本报记者|^本报通讯员|^通讯员[ 　]|^记者[ 　]|记者●|通讯员●|^(?:By|BY) \p{Lu})"};
  return re;
}
// RE2 compiles a counted repetition as that many copies of its class, and a copy of \p{Han}
// is large: the patterns below repeat with + and classify() checks the counts of the runs
// they capture, which matches the same lines ("name" 2-3 Han, "author" a run of 3 or more
// then a name of 2-4, "credit" 2-24 inside brackets) at a fraction of each start-up.
const RE2& author_re() {
  static const RE2 re{
      R"(^\p{Han}([\p{Han}、·]+)(?:书记|检察长|院长|局长|主任|庭长|所长|部长|主编|教授|研究员|厅长|处长|会长|委员)[ 　]+(\p{Han}+)$)"};
  return re;
}
// Editors' credits, at the head or the foot of a page: "责任编辑 / 常容轩", "视觉编辑：李丹".
// Anchored: a sentence that names an editor ("本报责任编辑李某表示…") is article text.
const RE2& credits_re() {
  static const RE2 re{
      R"(^\s*(?:本版)?(?:责任编辑|责任校对|值班副?总编|(?:美术|视觉|图片)编辑)\s*[：:/ 　])"};
  return re;
}
// A photographer's credit closes a photo caption: "…装船。特约记者 杜鹏辉 摄", "摄影：王明".
// A name of 2-4 characters not ending in 拍: "记者在现场拍摄" is a sentence.
const RE2& photo_re() {
  static const RE2 re{
      R"((?:记者|通讯员)\s*\p{Han}{1,3}[^\P{Han}拍]\s*摄$|摄影\s*[：:]\s*\p{Han}+$)"};
  return re;
}
// A jump line sends the reader to the rest of the story: it ends the text on this page.
const RE2& jump_re() {
  static const RE2 re{
      R"(^[（(]?(?:(?:Continued|Story continues) on (?:[Pp]age|P\.) ?\w{1,4}|(?:See|Turn to) (?:[Pp]age) \d{1,3}|(?:下转|转)(?:第|至)?\s*[\d一二三四五六七八九十]{1,3}\s*版)[）)]?\.?$)"};
  return re;
}
const RE2& credit_re() {
  static const RE2 re{R"(^[（(]([^）)]+)[）)]$)"};
  return re;
}
const RE2& name_re() {
  static const RE2 re{R"(^\p{Han}+$)"};
  return re;
}

// Code points in a piece of valid UTF-8.
int code_points(re2::StringPiece s) {
  int n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

bool author_line(std::string_view s) {
  re2::StringPiece run, name;
  return RE2::FullMatch(s, author_re(), &run, &name) && code_points(run) >= 3 &&
         code_points(name) >= 2 && code_points(name) <= 4;
}

bool credit_line(std::string_view s) {
  re2::StringPiece inside;
  return RE2::FullMatch(s, credit_re(), &inside) && code_points(inside) >= 2 &&
         code_points(inside) <= 24;
}

LineRole classify(std::string_view s, int chars, bool near_top) {
  if (chars == 0) return LineRole::Blank;
  // Each pattern is tried only when the line holds what every match of it must (a word, its
  // first character): most lines are running text, and a call into RE2 costs about a thousand
  // instructions even when it fails at the first byte.
  auto has = [&](std::string_view w) { return s.find(w) != std::string_view::npos; };
  auto opens = [&](std::string_view w) { return s.substr(0, w.size()) == w; };
  std::string_view inner = s;  // after an opening bracket, as `jump` allows
  for (std::string_view b : {"（", "("})
    if (inner.substr(0, b.size()) == b) inner.remove_prefix(b.size());
  bool bracketed = inner.size() < s.size();
  // (header: a digit first, or 责任编辑.)
  bool digit_first = !s.empty() && s[0] >= '0' && s[0] <= '9';
  if (near_top && (digit_first || has("责任编辑")) && RE2::PartialMatch(s, header_re()))
    return LineRole::PageHeader;
  if (chars <= 80 && (has("编") || has("校")) && RE2::PartialMatch(s, credits_re()))
    return LineRole::PageHeader;
  if (s.size() == 1 && s[0] >= 'A' && s[0] <= 'Z') return LineRole::SectionLetter;
  for (std::string_view m : {"►", "◀", "▲", "▼", "▶", "◄", "△", "▽"})
    if (opens(m)) return LineRole::Caption;
  if (chars <= 120 && has("摄") && RE2::PartialMatch(s, photo_re())) return LineRole::Caption;
  bool jump_word = false;
  for (std::string_view w : {"Continued", "Story", "See", "Turn", "下转", "转"})
    jump_word = jump_word || inner.substr(0, w.size()) == w;
  if (jump_word && RE2::FullMatch(s, jump_re())) return LineRole::Credit;
  // (byline: one of its openings or a "●"; author: a blank before the name.)
  auto byline_mark = [&] {
    for (std::string_view w : {"□", "■", "本报", "通讯员", "记者", "By ", "BY "})
      if (opens(w)) return true;
    return has("●");
  };
  if (chars <= 40 && ((byline_mark() && RE2::PartialMatch(s, byline_re())) ||
                      ((has(" ") || has("　")) && author_line(s))))
    return LineRole::Byline;
  if (bracketed && credit_line(s)) return LineRole::Credit;
  if (chars >= 2 && chars <= 3 && RE2::FullMatch(s, name_re())) return LineRole::Name;
  return LineRole::Text;
}

}  // namespace

namespace {
bool full_stop(char32_t c) {
  switch (c) {
    case U'。':
    case U'！':
    case U'？':
    case U'…':
    case U'.':
    case U'!':
    case U'?':
    case U'；':
    case U'：':
    case U':':
    case U'—':
      return true;
    default:
      return false;
  }
}
bool closer(char32_t c) {
  return c == U'”' || c == U'’' || c == U'」' || c == U'』' || c == U'）' || c == U')' ||
         c == U'"' || c == U'》';
}
}  // namespace

bool ends_sentence(char32_t before_last, char32_t last) {
  return full_stop(last) || (closer(last) && full_stop(before_last));
}

bool dek_like(const Line& l) {
  return l.role == LineRole::Text && !l.clause_punct && !ends_sentence(l) && !l.open_quote &&
         !l.spaced && l.chars >= 2 && l.width <= 100;
}

std::vector<Line> split_lines(std::string_view bytes, uint32_t content_begin) {
  std::vector<Line> out;
  uint32_t pos = content_begin;
  uint32_t number = 1;
  int text_lines_seen = 0;
  while (pos <= bytes.size()) {
    auto nl = bytes.find('\n', pos);
    uint32_t end = nl == std::string_view::npos ? static_cast<uint32_t>(bytes.size())
                                                : static_cast<uint32_t>(nl);
    if (nl == std::string_view::npos && pos == bytes.size() && pos != content_begin) break;
    Line line;
    line.number = number++;
    // Trim blanks, including the ideographic space and a CR before the LF.
    uint32_t b = pos, e = end;
    while (b < e) {
      auto d = text::decode_at(bytes, b);
      if (!d.size || !text::is_space(d.cp)) break;
      b += d.size;
    }
    while (e > b) {
      uint32_t s = e - 1;
      while (s > b && (static_cast<unsigned char>(bytes[s]) & 0xC0) == 0x80) --s;
      auto d = text::decode_at(bytes, s);
      if (!d.size || !text::is_space(d.cp)) break;
      e = s;
    }
    line.span = {b, e};
    int open = 0, spaces = 0;
    char32_t before = 0, prev = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    for (uint32_t i = b; i < e;) {
      // Most characters of a page are of the main Han block or ASCII, each read here from its
      // bytes as decode_at would and settled with the tests it needs; the general tests below
      // cost as much again. The main Han block: lead E5-E9, or E4 with a second byte from B8.
      unsigned c0 = p[i];
      if (c0 >= 0xE4 && c0 <= 0xE9 && bytes.size() - i >= 3 && (p[i + 1] & 0xC0) == 0x80 &&
          (p[i + 2] & 0xC0) == 0x80 && (c0 != 0xE4 || p[i + 1] >= 0xB8)) {
        ++line.chars;
        line.width += 2;
        line.letters = true;
        if (prev == U' ' && text::is_cjk(before)) ++spaces;
        before = prev;
        prev = ((c0 & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
        i += 3;
        continue;
      }
      // ASCII: one column, a letter or a comma or semicolon at most; not CJK, so no
      // justification space ends here.
      if (c0 < 0x80) {
        ++line.chars;
        line.width += 1;
        if (c0 == ',' || c0 == ';') line.clause_punct = true;
        // (C locale's isalpha, as before: ASCII letters.)
        if ((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z') line.letters = true;
        before = prev;
        prev = c0;
        ++i;
        continue;
      }
      auto d = text::decode_at(bytes, i);
      uint32_t n = d.size ? d.size : 1;
      const char32_t cp = d.cp;
      ++line.chars;
      // (display_width's own first tests, here so the common characters need no call.)
      line.width += cp < 0x1100 ? 1 : text::display_width(cp);
      switch (cp) {
        case U'，':
        case U'。':
        case U'；':
        case U'、':
          line.clause_punct = true;
          break;
        case U'“':
          ++open;
          break;
        case U'”':
          if (open > 0) --open;
          break;
        default:
          break;
      }
      if (text::is_ideograph(cp) || (cp >= 0xC0 && cp < 0x2000)) line.letters = true;
      if (prev == U' ' && text::is_cjk(before) && text::is_cjk(cp)) ++spaces;
      before = prev;
      prev = cp;
      i += n;
    }
    // The first, last and next to last characters, read from the ends rather than kept up at
    // every character.
    if (line.chars > 0) {
      line.first = text::decode_at(bytes, b).cp;
      line.last = prev;
      line.before_last = before;
    }
    line.open_quote = open > 0;
    line.spaced = spaces >= 3;
    std::string_view content = bytes.substr(b, e - b);
    line.role = classify(content, line.chars, text_lines_seen < 3);
    if (line.role != LineRole::Blank) ++text_lines_seen;
    out.push_back(line);
    if (nl == std::string_view::npos) break;
    pos = end + 1;
  }
  return out;
}

}  // namespace tally::parse
