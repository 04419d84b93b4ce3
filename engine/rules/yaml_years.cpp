// kinds: elapsed and age. Year arithmetic the copy states, read by the `elapsed` facts
// (engine/facts/date_elapsed.cpp: "成立于1982年……40年来", "建交30周年（1992年建交）", "22 years
// ago") and the `age` facts (engine/facts/date_ages.cpp: "1952年出生、今年70岁"). Each is counted
// to the publication year shifted as the text says (去年, 明年), or to a year its sentence names;
// it is reported only when no such year fits, within what the fact allows ("40多年" is 40 to 49, a
// year either side for an anniversary's day; an age a year less before the birthday, a year more
// for a Chinese nominal age). Without a publication date or a named year nothing is checked.
// Placeholders: {text}, {reference} (the first year counted to), and
//   elapsed: {start_year}, {span} (the years from the start to the reference);
//   age: {birth_year}, {age}, {years} (the age the reference gives).
#include <cmath>

#include "rules/yaml_arith.hpp"
#include "rules/yaml_kind.hpp"

namespace tally::rules {

namespace {

template <typename T>
std::string text_of(const ArticleInput& ai, const facts::At<T>& x) {
  const auto& lt = ai.article->blocks[x.block].text;
  return lt.text.substr(x.fact.begin, x.fact.end - x.fact.begin);
}

struct ElapsedCheck : YamlCheck {
  void run(YamlRun& r) const override {
    for (const auto& ai : r.in.articles) {
      if (!r.applies(ai.index)) continue;
      for (const auto& x : ai.facts->elapsed) {
        const auto& e = x.fact;
        auto refs = reference_years(r.in, e.reference_offset, e.reference_years);
        if (refs.empty()) continue;
        double lo = std::isinf(e.lo) ? -HUGE_VAL : e.lo, hi = std::isinf(e.hi) ? HUGE_VAL : e.hi;
        bool fits = false;
        for (int ref : refs) {
          int span = ref - e.start_year;
          fits |= span >= lo - e.tolerance && span <= hi + e.tolerance;
        }
        if (fits) continue;
        r.emit_span(ai.index, x.span,
                    {{"text", text_of(ai, x)},
                     {"start_year", std::to_string(e.start_year)},
                     {"reference", std::to_string(refs[0])},
                     {"span", std::to_string(refs[0] - e.start_year)}});
      }
    }
  }
};

struct AgeCheck : YamlCheck {
  void run(YamlRun& r) const override {
    for (const auto& ai : r.in.articles) {
      if (!r.applies(ai.index)) continue;
      for (const auto& x : ai.facts->ages) {
        const auto& a = x.fact;
        auto refs = reference_years(r.in, a.reference_offset, a.reference_years);
        if (refs.empty()) continue;
        bool fits = false;
        for (int ref : refs) {
          int years = ref - a.birth_year;
          fits |= a.age >= years - a.below && a.age <= years + a.above;
        }
        if (fits) continue;
        r.emit_span(ai.index, x.span,
                    {{"text", text_of(ai, x)},
                     {"birth_year", std::to_string(a.birth_year)},
                     {"age", std::to_string(a.age)},
                     {"reference", std::to_string(refs[0])},
                     {"years", std::to_string(refs[0] - a.birth_year)}});
      }
    }
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_elapsed(const RuleNode&) {
  return std::make_unique<ElapsedCheck>();
}

std::unique_ptr<const YamlCheck> parse_age(const RuleNode&) {
  return std::make_unique<AgeCheck>();
}

}  // namespace tally::rules
