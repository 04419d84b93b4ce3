-- An event told as done cannot be dated after the page was printed: on a page of 2025-07-22,
-- "2025年8月3日，该院召开了推进会" is impossible, while "将于8月3日召开" is a plan. Needs the
-- publication date (page header, --date or .tally.yml): without one it does not run and the
-- check says so in a notice. Dates written without a day compare by month, without a month by
-- year.

-- Published copy almost never tells a later event as done; what it does date past the page is
-- a plan, a target, a term or a maturity. So the check stays silent on: dates without a month
-- (targets "到2030年", plan titles "规划（2024—2050年）", forecasts "in 1988", bonds "of 2016");
-- the end of a range or a deadline ("2024—2050年", "从5月1日到5月5日", "through June 30, 1987");
-- dates inside a title (《…》); and any sentence that speaks of a plan, schedule or term. It
-- fires only when the date's own clause tells the event as done.

local past_zh = { "了", "已", "曾", "完成", "举行", "召开", "开展", "发布", "印发", "出台", "获评" }
local future_zh = { "将", "拟", "计划", "预计", "预期", "争取", "力争", "届时", "截至", "之前", "以前",
  "前完成", "起", "期间", "至", "到", "定于", "决定", "宣布", "目标", "规划", "纲要", "展望",
  "有望", "预测", "预报", "确保", "底", "前", "后", "倒计时", "距离", "即将", "期限", "有效期",
  "从", "要", "年度" }
local past_en = { " was ", " were ", " had ", " held ", " opened ", " announced ", " signed ",
  " closed ", " met ", " ruled ", " voted ", "ed " }
local future_en = { " will ", " would ", " plan", " schedul", " expect", " due ", " by ", " until ",
  " next ", " is to ", " are to ", " from ", " through ", " matur", " redeem", " redemption", " expir",
  " record", " effective", " payable", " convertib", " callable", " start", " begin", " as of ",
  " year to ", " ending ", " ended ", " end-", " forecast", " project", " estimat", " target", " sees ",
  " predict", " outlook", " may ", " could ", " should ", " option", " extend", " deadline",
  " on and after", " before ", " after ", " between ", " term", " fiscal", " quarter",
  " meeting", " vote on", " exercis", " settle", " delivery", " shipment", " contract", " since ",
  " ahead" }
local range_before = { "—", "－", "-", "–", "~", "～", "至", "到", "从", "自", "于" }

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
      if not later or not d.month then goto next end
      -- English wire copy gives last year's dates without the year ("highest since August
      -- 19"): a year it leaves out is not known. Datelines and ranges run on with a dash.
      if article.language ~= "zh" and not d.year then goto next end
      if tally.after(article, d, 3):match("^%s*[%-–/]") then goto next end
      -- A bond named by its coupon and maturity: "8.50 pct June 1997 tap stock".
      if tally.before(article, d, 6):match("pct%s*$") or tally.before(article, d, 3):match("%%%s*$")
          or tally.after(article, d, 12):match("^%s*[%a%-]*%s*[Ss]tock") then goto next end
      local before = tally.before(article, d, 12)
      if tally.find_any(before, range_before) then goto next end
      local wide = tally.before(article, d, 90)
      if (wide:match(".*()《") or 0) > (wide:match(".*()》") or 0) then goto next end
      local sentence = tally.sentence_of(article, d)
      local clause = tally.clause_of(article, d)
      local text = " " .. (sentence and sentence.text or "") .. " "
      -- The date's clause and the next ("2025年8月3日，该院召开了推进会"): what the date dates.
      local own = " " .. (clause and clause.text or "") .. " "
      local follow = sentence and d.clause and sentence.clauses[d.clause + 1]
      if follow then own = own .. follow.text .. " " end
      local zh = article.language == "zh"
      -- The date itself is not a word of the sentence: "3 May 2026" holds " may ".
      local i, j = text:find(d.text, 1, true)
      if i then text = text:sub(1, i - 1) .. " " .. text:sub(j + 1) end
      if tally.find_any(text:lower(), zh and future_zh or future_en) then goto next end
      if not tally.find_any(own:lower(), zh and past_zh or past_en) then goto next end
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
