-- A change stated with its endpoints must agree with them: "由260人增至352人，增长35%" holds
-- ((352-260)/260 = 35.4%); "增长45%" does not. Also "from 260 to 352, up 35%", falls ("由100件
-- 下降至80件，下降20%"), and multiples: "Y是X的3倍" means Y/X = 3 at the precision written.
-- Intervals of approximate and rounded figures are respected; only figures in the same sentence
-- are used.

-- A change with its endpoints is a change fact (engine/facts/changes.cpp): the text gives the
-- old value, the new value and the rate together, with nothing between them ("由B增至A，增长X%",
-- "rose 34 pct to A from B", "from B to A, up X%"). 年均 rates and rates of another metric are
-- no change facts, so they are not checked against the endpoints.
local function check_change(change, report)
  local from, to = change.from, change.to
  if from.lo <= 0 then return end
  local lo = (to.lo - from.hi) / from.hi * 100
  local hi = (to.hi - from.lo) / from.lo * 100
  local falling = change.falling
  if falling then lo, hi = -hi, -lo end
  -- One unit of the rate's last digit either way: wire copy computes from unrounded figures and
  -- often truncates ("up 15.5 pct to 101.1 mln from 87.4 mln" is 15.55 to 15.80).
  local half = 10 ^ -(change.precision or 0)
  if hi < change.lo - half - 1e-9 or lo > change.hi + half + 1e-9 then
    local c = (to.value - from.value) / from.value * 100
    if falling then c = -c end
    local shown = tally.format(c, (change.precision or 0) + 1)
    report{
      at = change,
      message = {
        zh = string.format("变化幅度与数据不符：由 %s 到 %s 应为%s %s%%，文中为 %s", from.text, to.text,
          falling and "下降" or "增长", shown, change.text),
        en = string.format("Change does not match its figures: %s to %s is %s %s%%, the text says %s",
          from.text, to.text, falling and "down" or "up", shown, change.text),
      },
    }
  end
end

local function in_sentence(article, f)
  local out = {}
  for _, a in ipairs(tally.amounts(article)) do
    if a.block == f.block and a.sentence == f.sentence and a.lend <= f.lbegin then out[#out + 1] = a end
  end
  return out
end

-- "Y是X的N倍": X written directly before 的N倍, Y before 是. "是A的1.8倍、B的2.6倍" names its
-- bases by words, not figures, and is not checked.
local function check_multiple(article, times, report)
  local block = article.blocks[times.block].text
  local amounts = in_sentence(article, times)
  local x, y = amounts[#amounts], amounts[#amounts - 1]
  if not x or not y or x.lo <= 0 or x.measure == "倍" or y.measure == "倍" then return end
  if block:sub(x.lend + 1, times.lbegin) ~= "的" then return end
  local between = block:sub(y.lend + 1, x.lbegin)
  if not between:find("是", 1, true) or #between > 30 then return end
  local half = 0.5 * 10 ^ -(times.precision or 0)
  local lo, hi = y.lo / x.hi, y.hi / x.lo
  if hi < times.lo - half - 1e-9 or lo > times.hi + half + 1e-9 then
    local shown = tally.format(y.value / x.value, (times.precision or 0) + 1)
    report{
      at = times,
      message = {
        zh = string.format("倍数与数据不符：%s 是 %s 的 %s 倍，文中为 %s", y.text, x.text, shown, times.text),
        en = string.format("Multiple does not match: %s is %s times %s, the text says %s", y.text, shown,
          x.text, times.text),
      },
    }
  end
end

tally.rule{
  id = "growth.recompute",
  severity = "error",
  -- A hint until measured: docs/accuracy.md "Which rules are on by default".
  default = "hint",
  default_reason = {
    zh = "在已发表的新闻语料上实测 1/1 条为真，但复核不足 20 条，默认仅作提示（bench/accuracy）",
    en = "measured on published copy (bench/accuracy): 1/1 findings true, fewer than the 20 reviewed a rule needs to be on by default",
  },
  description = {
    zh = "写明起止数值的增减幅度（“由X增至Y，增长Z%”）或倍数（“Y是X的N倍”）应与数值相符，按书写精度核对。",
    en = "A change given with both endpoints (\"from X to Y, up Z%\") or a multiple must agree with them at the precision written.",
  },
  link = "docs/rules.md#growthrecompute",
  example = "志愿者由260人增至352人，增长45%。",
  on_article = function(article, report)
    for _, change in ipairs(article.changes) do check_change(change, report) end
    for _, q in ipairs(article.quantities) do
      if q.measure == "倍" then check_multiple(article, q, report) end
    end
  end,
}
