// kind: weekday. A weekday written beside a date that is not that date's weekday
// ("2025年7月22日（周三）"). A date without its year may mean the year the facts resolved it to
// (from an earlier date) or the year that puts it nearest the publication date; it is wrong only
// when it fits neither. Dates that cannot exist are the `fact` rule date.invalid's.
// Placeholders: {text}, {resolved} (ISO date), {actual} (its weekday, in the article's language:
// 一 … 日, Monday … Sunday).
#include "rules/yaml_arith.hpp"
#include "rules/yaml_kind.hpp"

namespace tally::rules {

namespace {

struct WeekdayCheck : YamlCheck {
  void run(YamlRun& r) const override {
    static const char* const zh[] = {"一", "二", "三", "四", "五", "六", "日"};
    static const char* const en[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};
    const auto& pub = r.in.doc->publication_date;
    for (const auto& ai : r.in.articles) {
      if (!r.applies(ai.index)) continue;
      for (const auto& x : ai.facts->dates) {
        const auto& d = x.fact;
        if (!d.weekday || !d.valid || !d.month || !d.day || !d.resolved) continue;
        int y = d.resolved->year;
        std::vector<int> years{y};
        if (!d.year && pub) {
          // The year that puts the date nearest the page, as the facts resolve it without an
          // earlier date.
          int here = pub->month * 31 + pub->day, there = d.month * 31 + d.day;
          years.push_back(pub->year + (there - here > 186 ? -1 : here - there > 186 ? 1 : 0));
        }
        bool fits = false;
        for (int cand : years)
          fits |= d.day <= arith_days_in_month(cand, d.month) &&
                  arith_weekday(cand, d.month, d.day) == d.weekday;
        if (fits) continue;
        int actual = arith_weekday(y, d.month, d.day);
        const auto& lt = ai.article->blocks[x.block].text;
        r.emit_span(ai.index, x.span,
                    {{"text", lt.text.substr(d.begin, d.end - d.begin)},
                     {"resolved", d.resolved->iso()},
                     {"actual", ai.article->language == "zh" ? zh[actual - 1] : en[actual - 1]}});
      }
    }
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_weekday(const RuleNode&) {
  return std::make_unique<WeekdayCheck>();
}

}  // namespace tally::rules
