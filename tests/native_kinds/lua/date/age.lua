-- An age given beside a birth year must come out of the calendar: "1952年出生、今年70岁" on a
-- page of 2022, "Johnstone, 54, who was born in 1932" in 1987. Counted to the page's year or a
-- year the sentence names (the date of death beside 享年); the age may be a year less (the
-- birthday not yet reached) and, in Chinese copy, a year more (虚岁). The relation is read by
-- the `age` facts (engine/facts/date_ages.cpp).

local reference_years = require("lib.reference_years")

tally.rule{
  id = "date.age",
  severity = "error",
  description = {
    zh = "文中给出出生年份和年龄，但按出版年份（或句中给出的年份）推算不符。",
    en = "An age given with a birth year does not match the publication year.",
  },
  link = "docs/rules.md#dateage",
  example = "张老汉1952年出生，2022年去世，享年80岁。",
  on_article = function(article, report)
    for _, a in ipairs(article.ages) do
      local refs = reference_years(article, a)
      if #refs == 0 then goto next end
      for _, ref in ipairs(refs) do
        local years = ref - a.birth_year
        if a.age >= years - a.below and a.age <= years + a.above then goto next end
      end
      do
        local years = refs[1] - a.birth_year
        report{
          at = a,
          message = {
            zh = string.format("年龄不符：%d年出生，到%d年应为%d岁左右，文中为%d岁", a.birth_year, refs[1], years, a.age),
            en = string.format("Age does not match: born in %d, %d years old in %d, the text says %d", a.birth_year, years, refs[1], a.age),
          },
        }
      end
      ::next::
    end
  end,
}
