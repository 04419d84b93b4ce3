-- An event told as done cannot be dated after the page was printed: on a page of 2025-07-22,
-- "2025年8月3日，该院召开了推进会" is impossible, while "将于8月3日召开" is a plan. Needs the
-- publication date (page header, --date or .tally.yml): without one it does not run and the
-- check says so in a notice. Dates written without a day compare by month, without a month by
-- year.

local past_zh = { "了", "已", "曾", "完成", "举行", "召开", "开展", "发布", "印发", "出台", "获评" }
local future_zh = { "将", "拟", "计划", "预计", "预期", "争取", "力争", "届时", "截至", "之前", "以前",
  "前完成", "起施行", "起实施", "起执行", "期间", "至" }
local past_en = { " was ", " were ", " had ", " held ", " opened ", " said ", " announced ", " signed ",
  " closed ", " met ", " ruled ", " voted ", "ed " }
local future_en = { " will ", " plan", " scheduled", " expected", " due ", " by ", " until ",
  " next ", " is to ", " are to ", " from " }

tally.rule{
  id = "date.future",
  severity = "error",
  description = {
    zh = "以完成时叙述的事件，日期却晚于本期出版日期。计划、预告（“将”“拟”“预计”）不在此列。需要出版日期（版头、--date 或 .tally.yml）。",
    en = "An event told in the past tense is dated after the publication date. Plans (\"will\", \"is scheduled\") are not checked. Needs the publication date.",
  },
  link = "docs/rules.md#datefuture",
  example = "2099年8月3日，该院召开了推进会。",
  requires = "publication_date",
  on_article = function(article, report)
    local py, pm, pd = article.date:match("^(%d+)-(%d+)-(%d+)$")
    py, pm, pd = tonumber(py), tonumber(pm), tonumber(pd)
    for _, d in ipairs(article.dates) do
      if d.kind ~= "absolute" or not d.resolved or d.anchor == "previous-date" then goto next end
      local y, m, day = d.resolved:match("^(%d+)-(%d+)-(%d+)$")
      y, m, day = tonumber(y), tonumber(m), tonumber(day)
      local later
      if y ~= py then later = y > py
      elseif not d.month then later = false
      elseif m ~= pm then later = m > pm
      else later = d.day ~= nil and day > pd end
      if not later then goto next end
      local sentence = tally.sentence_of(article, d)
      local text = " " .. (sentence and sentence.text or "") .. " "
      local zh = article.language == "zh"
      if tally.find_any(text:lower(), zh and future_zh or future_en) then goto next end
      if not tally.find_any(text:lower(), zh and past_zh or past_en) then goto next end
      report{
        at = d,
        message = {
          zh = string.format("日期晚于出版日期 %s，但事件以已发生的口吻叙述：%s", article.date, d.text),
          en = string.format("Dated after the publication date %s, yet told as past: %s", article.date, d.text),
        },
      }
      ::next::
    end
  end,
}
