// kind: halfwidth. ASCII punctuation in Chinese prose ("检察院,昆都仑区" for "检察院，昆都仑区").
// Each ASCII mark of `marks` (ASCII -> full-width) that stands in Chinese prose is reported with
// its full-width form as the fix: between two Han characters; after Han and before a Chinese
// quote or bracket (他说,“…”) or a figure that a Han character ends (发展,2016年; not after ":");
// after a Chinese closing quote or bracket and before Han (“回头看”,确认). ASCII parentheses
// are reported in pairs when they enclose Han, or stand between Han on both sides. Figures and
// Latin text keep their marks ("1,234", "3:2", "(ABC)"). Bylines and page headers are not read.
//
// An article with at least `group_min` such marks making at least `group_share` of its
// , ; : ! ? ( ) marks (ASCII and full-width) was set with ASCII marks throughout (a conversion
// fault, not a slip): one finding at its first mark with `group_message` and one fix whose edits
// replace every mark. Several articles of one document with such a finding become one for the
// document, with `merge_message` (the fault of a typesetting path, not of each article).
// Placeholders: {mark}, {full} (message, paren_message); {count}, {marks} ("“,” 52 处、“(” 8 处"
// or '"," 52, "(" 8': the marks by how often each occurs) in group_message; {count} (edits),
// {articles} in merge_message.
#include <algorithm>
#include <array>
#include <cstdint>

#include "rules/merge_grouped.hpp"
#include "rules/yaml_arith.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"
#include "rules/yaml_text.hpp"

namespace tally::rules {

namespace {

bool han(uint32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF);
}

// A Han character starts at byte i: those ranges are all three bytes long, so only the three
// bytes at i are read (a page has hundreds of ASCII marks).
bool han_at(std::string_view t, long i) {
  if (i < 0 || static_cast<size_t>(i) + 2 >= t.size()) return false;
  auto b1 = static_cast<unsigned char>(t[i]), b2 = static_cast<unsigned char>(t[i + 1]),
       b3 = static_cast<unsigned char>(t[i + 2]);
  if (b1 < 0xE0 || b1 > 0xEF || (b2 & 0xC0) != 0x80 || (b3 & 0xC0) != 0x80) return false;
  return han(((b1 & 0x0Fu) << 12) | ((b2 & 0x3Fu) << 6) | (b3 & 0x3Fu));
}

// Chinese marks that close (” ’ 》 〉 」 』 】 〕 ）) or open (“ ‘ 《 〈 「 『 【 〔 （) a phrase.
bool closer(std::string_view s) {
  for (std::string_view c :
       {"\u201D", "\u2019", "\u300B", "\u3009", "\u300D", "\u300F", "\u3011", "\u3015", "\uFF09"})
    if (s == c) return true;
  return false;
}
bool opener(std::string_view s) {
  for (std::string_view c :
       {"\u201C", "\u2018", "\u300A", "\u3008", "\u300C", "\u300E", "\u3010", "\u3014", "\uFF08"})
    if (s == c) return true;
  return false;
}

// The ASCII mark at byte p stands in Chinese prose.
bool in_chinese(std::string_view t, size_t p) {
  long i = static_cast<long>(p);
  bool hb = han_at(t, i - 3), ha = han_at(t, i + 1);
  if (hb && ha) return true;
  if (ha) return p >= 3 && closer(t.substr(p - 3, 3));
  if (!hb) return false;
  auto after = t.substr(p + 1, 3);
  if (opener(after) || closer(after)) return true;
  // A figure that a Chinese word ends (发展,2016年); a bare figure ("比分 3:2") is left alone.
  size_t end = p + 1;
  while (end < t.size() && lua_digit(t[end])) ++end;
  return end > p + 1 && han_at(t, static_cast<long>(end)) && t[p] != ':';
}

bool has_han(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (n == 3 && han_at(s, static_cast<long>(i))) return true;
    i += n;
  }
  return false;
}

// Full-width ！（），：；？ (U+FF01, FF08, FF09, FF0C, FF1A, FF1B, FF1F).
size_t full_width_marks(std::string_view t) {
  size_t n = 0;
  for (size_t i = 0; i + 2 < t.size(); ++i)
    if (static_cast<unsigned char>(t[i]) == 0xEF && static_cast<unsigned char>(t[i + 1]) == 0xBC) {
      switch (static_cast<unsigned char>(t[i + 2])) {
        case 0x81:
        case 0x88:
        case 0x89:
        case 0x8C:
        case 0x9A:
        case 0x9B:
        case 0x9F:
          ++n;
          i += 2;
          break;
        default:
          break;
      }
    }
  return n;
}

bool skipped(const parse::Block& b) {
  return b.type == parse::BlockType::Byline || b.type == parse::BlockType::PageHeader;
}

struct Mark {
  size_t block;
  size_t pos;
  char mark;
  bool paren;
};

struct HalfwidthCheck : YamlCheck {
  std::map<char, std::string> full;  // ASCII mark -> full-width
  std::array<bool, 256> in_set{};    // by byte: one of the ASCII marks

  // The first of the marks at or after byte `from`, by a table: find_first_of tests each byte
  // against each mark, and Chinese prose is mostly bytes that are none.
  size_t next_mark(std::string_view t, size_t from) const {
    for (size_t i = from; i < t.size(); ++i)
      if (in_set[static_cast<unsigned char>(t[i])]) return i;
    return std::string_view::npos;
  }
  double group_min = 3, group_share = 0.5;
  std::map<std::string, std::string> paren_message, group_message, merge_message;

  std::vector<Mark> marks_of(const parse::Article& a) const {
    std::vector<Mark> marks;
    for (size_t b = 0; b < a.blocks.size(); ++b) {
      if (skipped(a.blocks[b])) continue;
      std::string_view t = a.blocks[b].text.text;
      bool has_open = false;
      size_t open = 0;  // an ASCII "(" waiting for its ")"
      for (size_t p = next_mark(t, 0); p != std::string_view::npos; p = next_mark(t, p + 1)) {
        char c = t[p];
        if (c == '(') {
          has_open = true;
          open = p;
        } else if (c == ')') {
          if (has_open &&
              (has_han(t.substr(open + 1, p - open - 1)) ||
               (han_at(t, static_cast<long>(open) - 3) && han_at(t, static_cast<long>(p) + 1)))) {
            marks.push_back({b, open, '(', true});
            marks.push_back({b, p, ')', true});
          }
          has_open = false;
        } else if (in_chinese(t, p)) {
          marks.push_back({b, p, c, false});
        }
      }
    }
    // A "(" is recorded when its ")" is met: back in text order.
    std::sort(marks.begin(), marks.end(), [](const Mark& x, const Mark& y) {
      return x.block != y.block ? x.block < y.block : x.pos < y.pos;
    });
    return marks;
  }

  // '"," 52, "(" 8' / "“,” 52 处、“(” 8 处": commonest first, ties by byte.
  static std::string tally_of(const std::vector<Mark>& marks, bool zh) {
    std::map<char, size_t> count;
    std::vector<char> order;
    for (const auto& m : marks)
      if (count[m.mark]++ == 0) order.push_back(m.mark);
    std::sort(order.begin(), order.end(),
              [&](char x, char y) { return count[x] != count[y] ? count[x] > count[y] : x < y; });
    std::string out;
    for (char c : order) {
      if (!out.empty()) out += zh ? "、" : ", ";
      out += zh ? "“" + std::string(1, c) + "” " + std::to_string(count[c]) + " 处"
                : "\"" + std::string(1, c) + "\" " + std::to_string(count[c]);
    }
    return out;
  }

  void run(YamlRun& r) const override {
    std::vector<size_t> grouped;  // indices into r.out
    for (const auto& ai : r.in.articles) {
      if (!r.applies(ai.index)) continue;
      const auto& a = *ai.article;
      auto marks = marks_of(a);
      if (marks.empty()) continue;
      auto span = [&](const Mark& m) {
        return a.blocks[m.block].text.to_original(static_cast<uint32_t>(m.pos),
                                                  static_cast<uint32_t>(m.pos + 1));
      };
      double n = static_cast<double>(marks.size());
      size_t fw = 0;
      for (const auto& b : a.blocks)
        if (!skipped(b)) fw += full_width_marks(b.text.text);
      if (n >= group_min && n >= group_share * (n + static_cast<double>(fw))) {
        std::vector<report::Edit> edits;
        for (const auto& m : marks) edits.push_back({span(m), full.at(m.mark)});
        Span at = edits.front().span;
        std::stable_sort(edits.begin(), edits.end(),
                         [](const report::Edit& x, const report::Edit& y) {
                           return x.span.begin < y.span.begin;
                         });
        report::Fix fix{edits[0].span, edits[0].replacement, {}};
        fix.more.assign(edits.begin() + 1, edits.end());
        bool zh = r.message_language(ai.index) == "zh";
        auto msg =
            r.worded(group_message, ai.index,
                     {{"count", std::to_string(marks.size())}, {"marks", tally_of(marks, zh)}});
        if (r.emit_finding(ai.index, at, std::move(msg), std::move(fix)))
          grouped.push_back(r.out.size() - 1);
        continue;
      }
      for (const auto& m : marks) {
        Span s = span(m);
        Vars vars{{"mark", std::string(1, m.mark)}, {"full", full.at(m.mark)}};
        auto msg = r.worded(m.paren ? paren_message : r.rule.info.message, ai.index, vars);
        r.emit_finding(ai.index, s, std::move(msg), report::Fix{s, full.at(m.mark), {}});
      }
    }
    if (grouped.size() >= 2 && !merge_message.empty()) merge(r, grouped);
  }

  bool joins_articles() const override { return !merge_message.empty(); }

  // Several articles set with ASCII marks: one finding for the document, at the first mark,
  // with every edit.
  void merge(YamlRun& r, std::vector<size_t> grouped) const {
    merge_into_first(r.out, std::move(grouped),
                     [&](const report::Finding& first, size_t edits, size_t articles) {
                       return r.worded(merge_message, first.article,
                                       {{"count", std::to_string(edits)},
                                        {"articles", std::to_string(articles)}});
                     });
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_halfwidth(const RuleNode& root) {
  auto c = std::make_unique<HalfwidthCheck>();
  const RuleNode marks = root["marks"];
  if (!marks || !marks.IsMap())
    throw YamlError{marks ? marks.Mark() : root.Mark(),
                    "'marks' must map ASCII marks to their full-width forms"};
  int parens = 0;
  for (const auto& kv : marks.pairs()) {
    auto from = scalar(kv.first, "marks");
    if (from.size() != 1 || static_cast<unsigned char>(from[0]) >= 0x80)
      throw YamlError{kv.first.Mark(), "'marks' maps one ASCII mark to its full-width form"};
    if (from[0] == '(' || from[0] == ')') ++parens;
    c->full[from[0]] = scalar(kv.second, "marks");
    c->in_set[static_cast<unsigned char>(from[0])] = true;
  }
  if (parens == 1) throw YamlError{marks.Mark(), "'marks' takes both parentheses or neither"};
  c->group_min = number_key(root, "group_min", 3);
  c->group_share = number_key(root, "group_share", 0.5);
  c->paren_message =
      texts(root["paren_message"] ? root["paren_message"] : root["message"], "paren_message");
  if (!root["group_message"]) throw YamlError{root.Mark(), "missing 'group_message'"};
  c->group_message = texts(root["group_message"], "group_message");
  if (root["merge_message"]) c->merge_message = texts(root["merge_message"], "merge_message");
  return c;
}

}  // namespace tally::rules
