// kind: ranking. Items said to be in order must be:
// "排在前四位的分别是：甲139人、乙129人、丙107人、 丁74人" runs from most to fewest. The order is
// announced, in Chinese, by a rank ordinal whose measure is one of `measures` ("前四位") or one of
// `cues` ("依次为"), ascending when the sentence holds one of `ascending` ("从低到高"); in English
// by "top N … were/are" or "top N …:" (N two to ten or digits) or "in …ending order", ascending
// when the sentence says "ascending". The items are the figures of the sentence after the
// announcement, in the measure of the first (any figure in English), less years and scores or
// ranges ("7-6"). The first item out of order is reported. Placeholders: {text} (the item),
// {previous} (the one before it), {direction} (大/小, larger/ smaller, in the message's language).
#include <cmath>
#include <cstring>

#include "rules/yaml_arith.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_text.hpp"

namespace tally::rules {

namespace {

// A figure that may be ranked: a bare number or a quantity.
struct Item {
  const facts::Number* number;
  const std::string* measure;  // null for a bare number
  size_t block;
  uint32_t begin, end;
  int sentence;
  Span span;
  double lo() const { return std::isinf(number->lo) ? -HUGE_VAL : number->lo; }
  double hi() const { return std::isinf(number->hi) ? HUGE_VAL : number->hi; }
};

// Where the ranked items of an English sentence start, from "top N … were" or "in …ending
// order": the offset the Lua version computed (1-based in " " .. lower(sentence)).
std::optional<size_t> english_announcement(const std::string& t) {
  static const char* const counts[] = {"two",   "three", "four", "five", "six",
                                       "seven", "eight", "nine", "ten"};
  // gmatch("[^%a]top (%w+)()"): a non-letter, "top ", a run of letters and digits.
  size_t i = 0;
  while (i + 5 < t.size()) {
    if (lua_alpha(t[i]) || t.compare(i + 1, 4, "top ") != 0) {
      ++i;
      continue;
    }
    size_t w = i + 5, stop = w;
    while (stop < t.size() && (lua_alpha(t[stop]) || lua_digit(t[stop]))) ++stop;
    if (stop == w) {
      ++i;
      continue;
    }
    std::string_view word(t.data() + w, stop - w);
    bool number = true;
    for (char c : word) number = number && lua_digit(c);
    for (const char* c : counts) number = number || word == c;
    if (number) {
      // rest:find("^[%a%s]-%f[%a]were%f[^%a]"), then "are", then "^[%a%s]-:": in the 41 bytes
      // after the word, letters and spaces up to the verb (or a colon).
      std::string_view rest = std::string_view(t).substr(stop, 41);
      auto verb = [&](std::string_view v) -> std::optional<size_t> {
        for (size_t k = 0; k <= rest.size(); ++k) {
          bool after_letter = k > 0 && lua_alpha(rest[k - 1]);
          if (!after_letter && rest.substr(k, v.size()) == v &&
              (k + v.size() == rest.size() || !lua_alpha(rest[k + v.size()])))
            return k + v.size();
          if (k == rest.size() || !(lua_alpha(rest[k]) || lua_space(rest[k]))) break;
        }
        return std::nullopt;
      };
      auto ce = verb("were");
      if (!ce) ce = verb("are");
      if (!ce) {
        for (size_t k = 0; k < rest.size(); ++k) {
          if (rest[k] == ':') {
            ce = k + 1;
            break;
          }
          if (!(lua_alpha(rest[k]) || lua_space(rest[k]))) break;
        }
      }
      // e = stop + ce - 2 with Lua's 1-based stop: (stop + 1) + ce - 2.
      if (ce) return stop + *ce - 1;
    }
    i = stop;  // gmatch goes on after the match
  }
  // t:find("in %a+ending order"): the first "in " followed by letters ending in "ending order".
  for (size_t at = t.find("in "); at != std::string::npos; at = t.find("in ", at + 1)) {
    size_t run = at + 3;
    while (run < t.size() && lua_alpha(t[run])) ++run;
    if (run >= at + 3 + 7 && t.compare(run - 6, 6, "ending") == 0 &&
        t.compare(run, 6, " order") == 0)
      return run + 6 - 1;
  }
  return std::nullopt;
}

char ascii_lower_char(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Whether `text` holds "top " or "ending order" in any case, which english_announcement needs:
// most sentences hold neither, and need no lowercase copy.
bool may_announce(std::string_view text) {
  auto at = [&](size_t i, std::string_view w) {
    if (i + w.size() > text.size()) return false;
    for (size_t k = 0; k < w.size(); ++k)
      if (ascii_lower_char(text[i + k]) != w[k]) return false;
    return true;
  };
  // Each is looked for where its rarer letter is, eight bytes at a time: the 'p' of "top " two
  // bytes on, the 'g' of "ending order" five (stopping at every 't' and 'e' was most of this
  // kind's time on English copy). Or-ing 0x20 makes only 'P' and 'p' a 'p', 'G' and 'g' a 'g'.
  auto letter = [&](size_t j) {
    char c = static_cast<char>(text[j] | 0x20);
    return (c == 'p' && j >= 2 && at(j - 2, "top ")) ||
           (c == 'g' && j >= 5 && at(j - 5, "ending order"));
  };
  constexpr uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  auto has_byte = [&](uint64_t w, char b) {
    uint64_t x = w ^ (ones * static_cast<unsigned char>(b));
    return ((x - ones) & ~x & high) != 0;
  };
  size_t j = 0;
  for (uint64_t w; j + 8 <= text.size(); j += 8) {
    std::memcpy(&w, text.data() + j, 8);
    w |= ones * 0x20;
    if (!has_byte(w, 'p') && !has_byte(w, 'g')) continue;
    for (size_t k = j; k < j + 8; ++k)
      if (letter(k)) return true;
  }
  for (; j < text.size(); ++j)
    if (letter(j)) return true;
  return false;
}

struct RankingCheck : YamlCheck {
  std::vector<std::string> cues, ascending, measures;

  // Whether the sentence announces an order: where its items start (logical offset in the
  // block) and whether ascending.
  std::optional<std::pair<uint32_t, bool>> announced(
      const ArticleInput& ai, size_t b, int s, const facts::Sentence& sen,
      const std::map<std::pair<size_t, int>, uint32_t>& ranks, bool any_cue) const {
    std::string_view text =
        std::string_view(ai.article->blocks[b].text.text).substr(sen.begin, sen.end - sen.begin);
    if (ai.article->language == "zh") {
      if (auto it = ranks.find({b, s}); it != ranks.end()) return std::make_pair(it->second, false);
      if (!any_cue) return std::nullopt;
      for (const auto& cue : cues) {
        auto at = text.find(cue);
        if (at != std::string_view::npos)
          return std::make_pair(static_cast<uint32_t>(sen.begin + at + cue.size()),
                                find_any(text, ascending) != nullptr);
      }
      return std::nullopt;
    }
    if (!may_announce(text)) return std::nullopt;
    std::string t = " " + ascii_lower(text);
    auto e = english_announcement(t);
    if (!e) return std::nullopt;
    return std::make_pair(static_cast<uint32_t>(sen.begin + *e), contains(t, "ascending"));
  }

  void run(YamlRun& r) const override {
    for (const auto& ai : r.in.articles) {
      if (!r.applies(ai.index)) continue;
      const auto& a = *ai.article;
      const auto& f = *ai.facts;
      // The first rank ordinal ("前四位", "前十名"; not "前三季度") of each sentence.
      std::map<std::pair<size_t, int>, uint32_t> ranks;
      for (const auto* o : in_reading_order(f.ordinals)) {
        if (!o->fact.rank) continue;
        bool ranked = false;
        for (const auto& m : measures) ranked = ranked || o->fact.measure == m;
        if (!ranked) continue;
        auto p = place_of(ai, o->block, o->fact.begin);
        if (p.sentence_index >= 0)
          ranks.emplace(std::make_pair(o->block, p.sentence_index), o->fact.end);
      }
      // Whether a cue is in the article at all: one memmem per cue and block, which skips
      // ahead, where a search in each sentence stops at every character that shares the cue's
      // first byte (in Chinese, one in ten or so).
      bool any_cue = false;
      if (a.language == "zh")
        for (const auto& b : a.blocks)
          for (const auto& cue : cues)
            any_cue = any_cue || memmem(b.text.text.data(), b.text.text.size(), cue.data(),
                                        cue.size()) != nullptr;
      std::vector<Item> amounts;  // built on the first announcement
      bool have_amounts = false;
      for (size_t b = 0; b < a.blocks.size(); ++b) {
        const auto& sentences = f.blocks[b].sentences;
        for (size_t s = 0; s < sentences.size(); ++s) {
          auto ann = announced(ai, b, static_cast<int>(s), sentences[s], ranks, any_cue);
          if (!ann) continue;
          if (!have_amounts) {
            amounts = amounts_of(ai);
            have_amounts = true;
          }
          check_sentence(r, ai, b, static_cast<int>(s), ann->first, ann->second, amounts);
        }
      }
    }
  }

  // tally.amounts: numbers and quantities by where they start, a number first at a tie.
  static std::vector<Item> amounts_of(const ArticleInput& ai) {
    auto ns = in_reading_order(ai.facts->numbers);
    auto qs = in_reading_order(ai.facts->quantities);
    std::vector<Item> out;
    size_t i = 0, j = 0;
    auto item = [&](const facts::Number& n, const std::string* measure, size_t block,
                    uint32_t begin, uint32_t end, Span span) {
      auto p = place_of(ai, block, begin);
      out.push_back({&n, measure, block, begin, end, p.sentence_index, span});
    };
    while (i < ns.size() || j < qs.size()) {
      if (j == qs.size() || (i < ns.size() && ns[i]->span.begin <= qs[j]->span.begin)) {
        const auto& x = *ns[i++];
        item(x.fact, nullptr, x.block, x.fact.begin, x.fact.end, x.span);
      } else {
        const auto& x = *qs[j++];
        item(x.fact.number, &x.fact.measure, x.block, x.fact.begin, x.fact.end, x.span);
      }
    }
    return out;
  }

  void check_sentence(YamlRun& r, const ArticleInput& ai, size_t b, int s, uint32_t from, bool asc,
                      const std::vector<Item>& amounts) const {
    const auto& a = *ai.article;
    bool en = a.language == "en";
    std::vector<const Item*> items;
    for (const auto& it : amounts) {
      if (it.block != b || it.sentence != s || it.begin < from) continue;
      std::string_view t = a.blocks[it.block].text.text;
      // Scores and ranges ("7-6", "10-13 February") and years are not ranked figures.
      std::string around(text_before(t, it.begin, 1));
      around += text_after(t, it.end, 2);
      if (!around.empty() && around[0] == '-') continue;
      if (around.size() >= 3 && around[1] == '-' && lua_digit(around[2])) continue;
      const auto& n = *it.number;
      if (!it.measure && n.value >= 1900 && n.value <= 2100 && n.decimals == 0) continue;
      bool same = items.empty() ||
                  (items[0]->measure == nullptr ? it.measure == nullptr
                                                : it.measure && *it.measure == *items[0]->measure);
      if (same || !it.measure || en) items.push_back(&it);
    }
    for (size_t i = 1; i < items.size(); ++i) {
      const Item& x = *items[i - 1];
      const Item& y = *items[i];
      bool wrong = asc ? y.hi() < x.lo() : y.lo() > x.hi();
      if (!wrong) continue;
      bool zh = r.message_language(ai.index) == "zh";
      auto text_of = [&](const Item& it) {
        return a.blocks[it.block].text.text.substr(it.begin, it.end - it.begin);
      };
      r.emit_finding(
          ai.index, y.span,
          r.worded(r.rule.info.message, ai.index,
                   {{"text", text_of(y)},
                    {"previous", text_of(x)},
                    {"direction", zh ? (asc ? "小" : "大") : (asc ? "smaller" : "larger")}}));
      break;
    }
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_ranking(const RuleNode& root) {
  auto c = std::make_unique<RankingCheck>();
  c->cues = word_list(root, "cues");
  c->ascending = word_list(root, "ascending");
  c->measures = word_list(root, "measures");
  return c;
}

}  // namespace tally::rules
