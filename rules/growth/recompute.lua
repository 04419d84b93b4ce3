-- A change stated with its endpoints must agree with them: "由260人增至352人，增长35%" holds
-- ((352-260)/260 = 35.4%); "增长45%" does not. Also "from 260 to 352, up 35%", falls ("由100件
-- 下降至80件，下降20%"), and multiples: "Y是X的3倍" means Y/X = 3 at the precision written.
-- Intervals of approximate figures are respected; only figures in the same sentence are used.

local decline = { "下降", "减少", "降低", "缩短", "下滑", "回落", "降幅", "down", "fell", "decreased",
  "dropped", "fall", "declined", "decline", "drop", "decrease" }

local function ends_with_any(s, words)
  for _, w in ipairs(words) do
    if s:sub(-#w) == w then return true end
  end
  return false
end

local function in_sentence(article, f)
  local out = {}
  for _, a in ipairs(tally.amounts(article)) do
    if a.block == f.block and a.sentence == f.sentence and a.lend <= f.lbegin then out[#out + 1] = a end
  end
  return out
end

local function check_change(article, rate, report)
  local amounts = in_sentence(article, rate)
  local from, to
  for i, a in ipairs(amounts) do
    local before = tally.before(article, a, 12):lower()
    if ends_with_any(before:gsub("%s+$", ""), { "由", "从", "from" }) then
      from = a
      to = nil
      for j = i + 1, #amounts do
        local b = tally.before(article, amounts[j], 12):lower():gsub("%s+$", "")
        if ends_with_any(b, { "至", "到", "to" }) then to = amounts[j] break end
      end
    end
  end
  if not from or not to or from.lo <= 0 then return end
  local lo = (to.lo - from.hi) / from.hi * 100
  local hi = (to.hi - from.lo) / from.lo * 100
  local falling = tally.find_any(rate.relation:lower(), decline) ~= nil
  if falling then lo, hi = -hi, -lo end
  local half = 0.5 * 10 ^ -(rate.precision or 0)
  if hi < rate.lo - half - 1e-9 or lo > rate.hi + half + 1e-9 then
    local c = (to.value - from.value) / from.value * 100
    if falling then c = -c end
    local shown = tally.format(c, (rate.precision or 0) + 1)
    report{
      at = rate,
      message = {
        zh = string.format("变化幅度与数据不符：由 %s 到 %s 应为%s %s%%，文中为 %s", from.text, to.text,
          falling and "下降" or "增长", shown, rate.text),
        en = string.format("Change does not match its figures: %s to %s is %s %s%%, the text says %s",
          from.text, to.text, falling and "down" or "up", shown, rate.text),
      },
    }
  end
end

local function check_multiple(article, times, report)
  if not tally.before(article, times, 3):find("的$") then return end
  local amounts = in_sentence(article, times)
  local x, y = amounts[#amounts], amounts[#amounts - 1]
  if not x or not y or x.lo <= 0 then return end
  local block = article.blocks[times.block].text
  if not block:sub(y.lend + 1, x.lbegin):find("是", 1, true) then return end
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
  description = {
    zh = "写明起止数值的增减幅度（“由X增至Y，增长Z%”）或倍数（“Y是X的N倍”）应与数值相符，按书写精度核对。",
    en = "A change given with both endpoints (\"from X to Y, up Z%\") or a multiple must agree with them at the precision written.",
  },
  link = "docs/rules.md#growthrecompute",
  example = "志愿者由260人增至352人，增长45%。",
  on_article = function(article, report)
    for _, rate in ipairs(article.rates) do
      if rate.relation ~= "" and rate.unit == "percent" then check_change(article, rate, report) end
    end
    for _, q in ipairs(article.quantities) do
      if q.measure == "倍" then check_multiple(article, q, report) end
    end
  end,
}
