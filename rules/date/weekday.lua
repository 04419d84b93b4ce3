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
    for _, d in ipairs(article.dates) do
      if d.weekday and d.valid and d.month and d.day and d.resolved then
        local y, m, day = d.resolved:match("^(%d+)-(%d+)-(%d+)$")
        local actual = tally.weekday(tonumber(y), tonumber(m), tonumber(day))
        if actual ~= d.weekday then
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
