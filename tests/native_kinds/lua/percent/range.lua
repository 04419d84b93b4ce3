-- A share of a whole cannot exceed 100% (nor fall below 0%). Growth rates ("增长150%") and
-- completion rates ("完成率105%") can, so only rates that name a share are checked: a subject
-- such as 合格率/满意率/占比, "占…%", or in English "N% of".

local share_subjects = { "合格", "满意", "覆盖", "结案", "调解", "和解", "纠错", "败诉", "胜诉", "就业",
  "参保", "占比", "比例", "通过", "达标", "及格", "知晓", "成功", "办结", "到位", "入学", "普及", "出勤",
  "参与", "回复", "答复", "办理", "正确", "准确", "使用", "接种", "好评", "投票" }

local en_groups = {}
for w in ([[respondents voters residents people members staff workers employees students adults
  children women men households population vote votes seats participants patients citizens
  customers users homes families companies firms businesses schools pupils teachers doctors
  those public electorate americans britons delegates shareholders viewers readers]]):gmatch("%a+") do
  en_groups[w] = true
end

local function is_share(article, rate)
  if rate.unit ~= "percent" or rate.relation ~= "" then return false end
  if article.language == "zh" then
    if rate.subject ~= "" and tally.find_any(rate.subject, share_subjects) then return true end
    local before = tally.before(article, rate, 30)
    return before:find("占", 1, true) ~= nil and not before:find("增", 1, true)
  end
  -- "N% of par", "130 pct of the conversion price", "over 150 pct of capital": in English "of"
  -- also takes prices and amounts, which can exceed 100. A share is of a group of people or
  -- things counted, or made up / accounted for.
  local after = tally.after(article, rate, 30):lower()
  local group = after:match("^ of the (%a+)") or after:match("^ of all (%a+)") or after:match("^ of (%a+)")
  if group and en_groups[group] then return true end
  local before = tally.before(article, rate, 24):lower()
  return before:match("make up $") ~= nil or before:match("makes up $") ~= nil
    or before:match("account for $") ~= nil or before:match("accounts for $") ~= nil
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
