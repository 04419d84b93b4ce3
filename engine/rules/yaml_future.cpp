// kind: future. An event told as done cannot be dated after the page was printed: on a page of
// 2025-07-22, "2025年8月3日，该院召开了推进会" is impossible, while "将于8月3日召开" is a plan.
// Needs the publication date (`requires: publication_date`). Dates without a day compare by
// month; dates without a month, and relative dates anchored on the article's previous date, are
// not checked. Silent on: dates without their year in English copy (wire copy leaves last
// year's out); a date followed by a dash or slash (a range, a dateline) or in a bond's name
// ("8.50 pct June 1997 tap stock"); a date with one of `range_marks` in the 12 bytes before it
// (从, 至, —); a date inside 《…》; a sentence holding one of `plan_words` (将, 计划; will,
// scheduled…); and a date whose clause and the next hold none of `past_words` (了, 召开; was…).
// Placeholders: {text}, {date} (the publication date, ISO).
#include <cstdio>

#include "rules/yaml_arith.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_text.hpp"

namespace tally::rules {

namespace {

bool dash_after(std::string_view after) {  // "^%s*[%-–/]": the bytes of – count each
  size_t i = 0;
  while (i < after.size() && lua_space(after[i])) ++i;
  if (i == after.size()) return false;
  auto c = static_cast<unsigned char>(after[i]);
  return c == '-' || c == '/' || c == 0xE2 || c == 0x80 || c == 0x93;
}

bool ends_pct(std::string_view before) {  // "pct%s*$"
  while (!before.empty() && lua_space(before.back())) before.remove_suffix(1);
  return ends_with(before, "pct");
}

bool ends_percent(std::string_view before) {  // "%%%s*$"
  while (!before.empty() && lua_space(before.back())) before.remove_suffix(1);
  return ends_with(before, "%");
}

bool stock_after(std::string_view after) {  // "^%s*[%a%-]*%s*[Ss]tock"
  size_t p = 0;
  while (p < after.size() && lua_space(after[p])) ++p;
  size_t run = p;
  while (run < after.size() && (lua_alpha(after[run]) || after[run] == '-')) ++run;
  for (size_t k = run + 1; k-- > p;) {
    size_t q = k;
    while (q < after.size() && lua_space(after[q])) ++q;
    if (q < after.size() && (after[q] == 'S' || after[q] == 's') &&
        after.substr(q + 1, 4) == "tock")
      return true;
  }
  return false;
}

struct FutureCheck : YamlCheck {
  std::map<std::string, std::vector<std::string>> past, plans;
  std::vector<std::string> range_marks;

  void run(YamlRun& r) const override {
    const auto& pub = r.in.doc->publication_date;
    if (!pub) return;
    for (const auto& ai : r.in.articles) {
      if (!r.applies(ai.index)) continue;
      for (const auto* x : in_reading_order(ai.facts->dates)) check(r, ai, *x, *pub);
    }
  }

  void check(YamlRun& r, const ArticleInput& ai, const facts::At<facts::DateFact>& x,
             const parse::Date& pub) const {
    const auto& d = x.fact;
    if (d.kind != facts::DateKind::Absolute || !d.resolved || d.anchor == "previous-date") return;
    const auto& res = *d.resolved;
    bool later;
    if (res.year != pub.year)
      later = res.year > pub.year;
    else if (!d.month)
      later = false;
    else if (res.month != pub.month)
      later = res.month > pub.month;
    else
      later = d.day && res.day > pub.day;
    if (!later || !d.month) return;
    const auto& a = *ai.article;
    bool zh = a.language == "zh";
    if (!zh && !d.year) return;
    std::string_view t = a.blocks[x.block].text.text;
    if (dash_after(text_after(t, d.end, 3))) return;
    if (ends_pct(text_before(t, d.begin, 6)) || ends_percent(text_before(t, d.begin, 3)) ||
        stock_after(text_after(t, d.end, 12)))
      return;
    if (find_any(text_before(t, d.begin, 12), range_marks)) return;
    std::string_view wide = text_before(t, d.begin, 90);
    auto open = wide.rfind("《"), close = wide.rfind("》");
    if (open != std::string_view::npos && (close == std::string_view::npos || open > close)) return;
    auto place = place_of(ai, x.block, d.begin);
    std::string text = " ";
    if (place.sentence)
      text += t.substr(place.sentence->begin, place.sentence->end - place.sentence->begin);
    text += " ";
    // The date's clause and the next ("2025年8月3日，该院召开了推进会"): what the date dates.
    std::string own = " ";
    if (place.clause) own += t.substr(place.clause->begin, place.clause->end - place.clause->begin);
    own += " ";
    if (place.sentence && place.clause_index >= 0 &&
        static_cast<size_t>(place.clause_index) + 1 < place.sentence->clauses.size()) {
      const auto& follow = place.sentence->clauses[place.clause_index + 1];
      own += t.substr(follow.begin, follow.end - follow.begin);
      own += " ";
    }
    // The date itself is not a word of the sentence: "3 May 2026" holds " may ".
    std::string_view date_text = t.substr(d.begin, d.end - d.begin);
    if (auto i = text.find(date_text); i != std::string::npos)
      text = text.substr(0, i) + " " + text.substr(i + date_text.size());
    const std::string lang = zh ? "zh" : "en";
    if (find_any(ascii_lower(text), words_for(plans, lang))) return;
    if (!find_any(ascii_lower(own), words_for(past, lang))) return;
    r.emit_span(ai.index, x.span, {{"text", std::string(date_text)}, {"date", pub.iso()}});
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_future(const RuleNode& root) {
  auto c = std::make_unique<FutureCheck>();
  c->past = word_lists(root, "past_words");
  c->plans = word_lists(root, "plan_words");
  c->range_marks = word_list(root, "range_marks");
  return c;
}

}  // namespace tally::rules
