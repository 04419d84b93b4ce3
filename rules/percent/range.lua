-- A share of a whole cannot exceed 100% (nor fall below 0%). Growth rates ("增长150%") and
-- completion rates ("完成率105%") can, so only rates that name a share are checked: a subject
-- such as 合格率/满意率/占比, "占…%", or in English "N% of".

local share_subjects = { "合格", "满意", "覆盖", "结案", "调解", "和解", "纠错", "败诉", "胜诉", "就业",
  "参保", "占比", "比例", "通过", "达标", "及格", "知晓", "成功", "办结", "到位", "入学", "普及", "出勤",
  "参与", "回复", "答复", "办理", "正确", "准确", "使用", "接种", "好评", "投票" }

local function is_share(article, rate)
  if rate.unit ~= "percent" or rate.relation ~= "" then return false end
  if article.language == "zh" then
    if rate.subject ~= "" and tally.find_any(rate.subject, share_subjects) then return true end
    local before = tally.before(article, rate, 30)
    return before:find("占", 1, true) ~= nil and not before:find("增", 1, true)
  end
  local after = tally.after(article, rate, 8)
  return after:match("^ of ") ~= nil or after:match("^ share") ~= nil
end

tally.rule{
  id = "percent.range",
  severity = "error",
  description = {
    zh = "表示“占整体多少”的比率（合格率、满意率、占比等）不可能超过 100% 或低于 0%。增长率、完成率不在此列。",
    en = "A share of a whole (a pass rate, a share of respondents) cannot exceed 100% or fall below 0%. Growth rates are not checked.",
  },
  link = "docs/rules.md#percentrange",
  example = "群众满意率达105%。",
  on_article = function(article, report)
    for _, rate in ipairs(article.rates) do
      if is_share(article, rate) and (rate.lo > 100 or rate.hi < 0) then
        report{
          at = rate,
          message = {
            zh = "占比不可能超过 100%：" .. rate.text,
            en = "A share cannot exceed 100%: " .. rate.text,
          },
        }
      end
    end
  end,
}
