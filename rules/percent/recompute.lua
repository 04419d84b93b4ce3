-- A stated rate must agree with the part and whole the article gives for it, at the precision
-- it is written with: "办结案件899件，调解和解案件288件，调解和解率达32%" holds (288/899 = 32.0%);
-- with 298 it does not (33.1%).
--
-- The part is the nearest quantity before the rate whose noun names the rate's subject
-- ("调解和解案件" for "调解和解率"); in English, the nearest quantity before a "rate of N%".
-- Candidate wholes are earlier quantities in the same paragraph, counted in the same measure
-- and at least as large. The rule fires only when no candidate whole gives the stated rate, so
-- a rate computed from some other total is not flagged on a guess.

local function is_share(rate)
  return rate.unit ~= "percentage-points" and rate.relation == ""
end

-- Same measure; in English a bare number ("136 were corrected") counts what the sentence does.
local function comparable(a, b)
  return a.measure == b.measure or a.type == "number" or b.type == "number"
end

local function candidates(article, rate, part)
  local out = {}
  for _, q in ipairs(tally.amounts(article)) do
    if q ~= part and q.block == rate.block and q.lbegin < part.lbegin and comparable(q, part)
       and q.hi >= part.lo then
      out[#out + 1] = q
    end
  end
  return out
end

local function part_for(article, rate)
  local best
  local pool = article.language == "zh" and article.quantities or tally.amounts(article)
  for _, q in ipairs(pool) do
    if q.block == rate.block and q.lend <= rate.lbegin then
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

tally.rule{
  id = "percent.recompute",
  severity = "error",
  description = {
    zh = "比率与文中给出的分子、分母不符。按比率的书写精度（32% 允许 31.5%～32.5%，16.73% 允许 16.725%～16.735%）核对分子÷分母；有多个可能的分母时，只要有一个相符就不报。",
    en = "A rate that does not match the part and whole the article gives, at the precision the rate is written with (32% allows 31.5 to 32.5).",
  },
  link = "docs/rules.md#percentrecompute",
  example = "办结案件899件，调解和解案件298件，调解和解率达32%。",
  on_article = function(article, report)
    for _, rate in ipairs(article.rates) do
      if not is_share(rate) then goto next end
      if article.language ~= "zh" and not tally.before(article, rate, 40):find("rate") then
        goto next
      end
      local part = part_for(article, rate)
      if not part then goto next end
      local wholes = candidates(article, rate, part)
      if #wholes == 0 then goto next end
      local nearest, computed = wholes[#wholes], nil
      for _, whole in ipairs(wholes) do
        local ok, c = tally.rate_matches(rate, part, whole)
        if ok then goto next end
        if whole == nearest then computed = c end
      end
      if computed then
        local shown = tally.format(computed, (rate.precision or 0) + 1)
        report{
          at = rate,
          message = {
            zh = string.format("比率与数据不符：%s÷%s = %s%%，文中为 %s", tally.format(part.value),
              tally.format(nearest.value), shown, rate.text),
            en = string.format("Rate does not match its figures: %s / %s = %s%%, the text says %s",
              tally.format(part.value), tally.format(nearest.value), shown, rate.text),
          },
        }
      end
      ::next::
    end
  end,
}
