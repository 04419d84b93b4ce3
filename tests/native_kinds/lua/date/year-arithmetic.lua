-- A span of years the copy counts from a start year it gives must come out of the calendar:
-- "成立于1982年……40年来" on a page of 2022, "建交30周年（1992年建交）", "acquired in 1965, 22
-- years ago" in 1987. The span is counted to the page's year, or to a year the sentence names
-- ("明年是……100周年", "2021年是……100周年"); it fires only when no such year fits, within the
-- rounding the text allows ("40多年" is 40 to 49) and a year either side (the anniversary's day
-- is not given). The relation is read by the `elapsed` facts (engine/facts/date_elapsed.cpp).

local reference_years = require("lib.reference_years")

tally.rule{
  id = "date.year-arithmetic",
  severity = "error",
  description = {
    zh = "文中给出起始年份和“N年来”“N周年”“N年前”，但按出版年份（或句中给出的年份）推算不符。",
    en = "A span of years (N years ago, the Nth anniversary) does not match the start year the text gives and the publication year.",
  },
  link = "docs/rules.md#dateyear-arithmetic",
  example = "该中心1982年成立，到2022年已有50年。",
  on_article = function(article, report)
    for _, e in ipairs(article.elapsed) do
      local refs = reference_years(article, e)
      if #refs == 0 then goto next end
      local lo, hi = tally.interval(e)
      for _, ref in ipairs(refs) do
        local span = ref - e.start_year
        if span >= lo - e.tolerance and span <= hi + e.tolerance then goto next end
      end
      do
        local span = refs[1] - e.start_year
        report{
          at = e,
          message = {
            zh = string.format("年份推算不符：自%d年至%d年为%d年，文中为“%s”", e.start_year, refs[1], span, e.text),
            en = string.format("Year arithmetic: %d to %d is %d years, the text says \"%s\"", e.start_year, refs[1], span, e.text),
          },
        }
      end
      ::next::
    end
  end,
}
