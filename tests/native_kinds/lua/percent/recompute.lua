-- A stated rate must agree with the part and whole the article gives for it, at the precision
-- it is written with, the inputs' rounding included ("14.3万" is 142,500 to 143,500).
--
-- Two kinds of evidence, nothing weaker:
-- 1. share facts (engine/facts/shares.cpp): the text states the part and the whole of the rate,
--    "189名推荐人选中有112名…，占比59.3%", "W，其中P，占X%", "P占W的X%", "81, or 48.8 pct,
--    of the 166 seats", "W …, of which P, or X pct".
-- 2. a rate named for its part ("办结案件899件，调解和解案件288件，调解和解率达32%"; in English
--    "…, a settlement rate of 32%" in apposition): the part is the nearest quantity whose noun
--    names the rate's subject; candidate wholes are earlier quantities of the paragraph in the
--    same measure and at least as large (for rates with a conventional denominator, tied to the
--    part by 其中 / 中有). The rule fires only when no candidate whole gives the rate.

local function is_share(rate)
  return rate.unit ~= "percentage-points" and rate.relation == ""
end

-- Same measure; in English a bare number ("136 were corrected") counts what the sentence does.
local function comparable(a, b)
  return a.measure == b.measure or a.type == "number" or b.type == "number"
end

-- Rates with a conventional denominator the text need not state (genre notes): 批捕率 over
-- 批捕+不捕, 起诉率 over 起诉+不起诉, 结案率 over 旧存+新收, 调撤率 over 结案, 采纳率 over what
-- was proposed, 上诉率 and 改判发回率 over 审结. For these a count merely nearby is no whole; it
-- must be tied to the part by 其中 / 中有.
local conventional = { "批捕", "不捕", "起诉", "结案", "调撤", "采纳", "上诉", "改判", "发回" }

local function tied(article, rate, whole, part)
  if article.language ~= "zh" then return true end
  local s = rate.subject
  local needs = false
  for _, w in ipairs(conventional) do
    if #s >= #w and s:sub(-#w) == w then needs = true end
  end
  if not needs then return true end
  local between = article.blocks[part.block].text:sub(whole.lend + 1, part.lbegin)
  return tally.find_any(between, { "其中", "中有", "中，" }) ~= nil
end

-- Facts of `list` grouped by block, in order: each rate looks at its own block's only (a page
-- of figures in hundreds of paragraphs made every rate walk the whole article).
local function by_block(list)
  local out = {}
  for _, q in ipairs(list) do
    local b = out[q.block]
    if not b then b = {}; out[q.block] = b end
    b[#b + 1] = q
  end
  return out
end

local none = {}

local function candidates(article, rate, part, amounts)
  local out = {}
  for _, q in ipairs(amounts[rate.block] or none) do
    if q ~= part and q.lbegin < part.lbegin and comparable(q, part)
       and q.hi >= part.lo and tied(article, rate, q, part) then
      out[#out + 1] = q
    end
  end
  return out
end

local function part_for(article, rate, pools)
  -- A Chinese rate's part is named by its subject; without one there is none to find.
  if article.language == "zh" and (rate.subject == "" or #rate.subject < 6) then return nil end
  local best
  for _, q in ipairs(pools[rate.block] or none) do
    if q.lend <= rate.lbegin then
      if article.language == "zh" then
        if rate.subject ~= "" and #rate.subject >= 6 and q.noun:find(rate.subject, 1, true) then
          best = q
        end
      else
        best = q
      end
    end
  end
  return best
end

-- "…, a settlement rate of 32%": the rate is named in apposition to the figures before it.
local function en_named_rate(article, rate)
  local before = tally.before(article, rate, 48):lower()
  return before:match(", an? [%a%- ]*rate of $") ~= nil
end

-- Where a figure is: a quantity has its span; a share's part and whole have offsets in the
-- rate's block.
local function where(rate, figure)
  return figure.span or tally.span(rate.block, figure.lbegin, figure.lend)
end

local function mismatch(article, rate, part, whole, report, shown_part, shown_whole)
  local ok = tally.rate_matches(rate, part, whole)
  if ok then return end
  local scale = rate.unit == "per-mille" and 1000 or 100
  local shown = tally.format(part.value / whole.value * scale, (rate.precision or 0) + 1)
  local zh = article.message_language == "zh"
  report{
    at = rate,
    -- The part and whole it was computed from, for the editor to see (secondary marks).
    related = { { at = where(rate, part), label = zh and "分子" or "part" },
      { at = where(rate, whole), label = zh and "分母" or "whole" } },
    message = {
      zh = string.format("比率与数据不符：%s÷%s = %s%%，文中为 %s", shown_part, shown_whole, shown, rate.text),
      en = string.format("Rate does not match its figures: %s / %s = %s%%, the text says %s",
        shown_part, shown_whole, shown, rate.text),
    },
  }
end

tally.rule{
  id = "percent.recompute",
  severity = "error",
  description = {
    zh = "比率与文中写明的分子、分母不符（“其中…占比”“占…的”“中有…”，或以分子命名的比率如“调解和解率”）。按比率及数据的书写精度核对分子÷分母；有多个可能的分母时，只要有一个相符就不报。",
    en = "A rate that does not match the part and whole the text states for it (\", or X pct, of the W\", \"of which P, or X%\", or a rate named for its part), at the precision the figures are written with.",
  },
  link = "docs/rules.md#percentrecompute",
  example = "办结案件899件，调解和解案件298件，调解和解率达32%。",
  on_article = function(article, report)
    local done = {}
    local amounts, pools
    for _, s in ipairs(article.shares) do
      done[s.block .. ":" .. s.lbegin] = true
      if s.whole.hi > 0 then
        mismatch(article, s, s.part, s.whole, report, s.part.text, s.whole.text)
      end
    end
    for _, rate in ipairs(article.rates) do
      if not is_share(rate) or done[rate.block .. ":" .. rate.lbegin] then goto next end
      if article.language ~= "zh" and not en_named_rate(article, rate) then goto next end
      if not amounts then
        amounts = by_block(tally.amounts(article))
        pools = article.language == "zh" and by_block(article.quantities) or amounts
      end
      local part = part_for(article, rate, pools)
      if not part then goto next end
      local wholes = candidates(article, rate, part, amounts)
      if #wholes == 0 then goto next end
      for _, whole in ipairs(wholes) do
        if tally.rate_matches(rate, part, whole) then goto next end
      end
      mismatch(article, rate, part, wholes[#wholes], report, tally.format(part.value),
        tally.format(wholes[#wholes].value))
      ::next::
    end
  end,
}
