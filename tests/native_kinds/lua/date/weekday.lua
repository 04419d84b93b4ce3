-- A weekday written beside a date must be that date's weekday: "2025年7月22日（周二）" is right,
-- "（周三）" is not. Dates without a year take it from the article (earlier dates or the
-- publication date), as the fact extractor resolves them.

local zh_names = { "一", "二", "三", "四", "五", "六", "日" }
local en_names = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" }

tally.rule{
  id = "date.weekday",
  severity = "error",
  description = {
    zh = "日期后注明的星期与该日期实际的星期不符。未写年份的日期按上文或出版日期推定年份。",
    en = "The weekday given with a date is not that date's weekday. Dates without a year take it from the article or the publication date.",
  },
  link = "docs/rules.md#dateweekday",
  example = "2025年7月22日（周三），该院召开推进会。",
  on_article = function(article, report)
    local py, pm, pd = (article.date or ""):match("^(%d+)-(%d+)-(%d+)$")
    for _, d in ipairs(article.dates) do
      if d.weekday and d.valid and d.month and d.day and d.resolved then
        local y = tonumber(d.resolved:sub(1, 4))
        -- A date without its year may mean the year of the date before it or the year nearest
        -- the page; the weekday is wrong only when it fits none of them.
        local years = { y }
        if not d.year and py then
          -- the year that puts the date nearest the page (as the facts resolve it without an
          -- earlier date)
          local here, there = tonumber(pm) * 31 + tonumber(pd), d.month * 31 + d.day
          local near = tonumber(py) + (there - here > 186 and -1 or here - there > 186 and 1 or 0)
          years[#years + 1] = near
        end
        local fits = false
        for _, cand in ipairs(years) do
          if d.day <= tally.days_in_month(cand, d.month) and tally.weekday(cand, d.month, d.day) == d.weekday then
            fits = true
          end
        end
        if not fits then
          local actual = tally.weekday(y, d.month, d.day)
          report{
            at = d,
            message = {
              zh = string.format("星期不符：%s 是星期%s", d.resolved, zh_names[actual]),
              en = string.format("Wrong weekday: %s is a %s", d.resolved, en_names[actual]),
            },
          }
        end
      end
    end
  end,
}
