-- Parts of one breakdown given in percent cannot add up to more than 100 ("分别占45%、35%和30%").
-- A breakdown is two or more share rates in one sentence that the text presents as parts of one
-- whole: "占", "分别", "其中" in Chinese; "account for", "make up", "of the", "respectively" in
-- English. Rates of different things ("结案率95%，满意率98%") carry their own subjects and are not
-- summed. When the sentence says the list is complete ("其余", "the rest", "remaining") the parts
-- must also reach 100, give or take rounding.

local zh_cues = { "分别", "占", "其中", "其余", "构成" }
local en_cues = { "account for", "accounted for", "make up", "made up", "of the", "respectively",
  "the rest", "remaining", "share" }
local complete_cues = { "其余", "剩余", "the rest", "remaining" }

local function share(rate)
  return rate.unit == "percent" and rate.relation == ""
end

tally.rule{
  id = "percent.sum",
  severity = "error",
  description = {
    zh = "同一构成中各部分所占百分比之和不能超过 100%（允许四舍五入误差）；文中说明列全了（“其余”）时，合计也应接近 100%。",
    en = "Parts of one breakdown in percent cannot add up to more than 100 (rounding allowed); when the text says the list is complete, they must reach about 100.",
  },
  link = "docs/rules.md#percentsum",
  example = "受理的案件中，民事案件占45%，刑事案件占35%，行政案件占30%。",
  on_article = function(article, report)
    -- Group share rates by sentence.
    local groups, order = {}, {}
    for _, rate in ipairs(article.rates) do
      if share(rate) and rate.sentence then
        local key = rate.block .. ":" .. rate.sentence
        if not groups[key] then
          groups[key] = {}
          order[#order + 1] = key
        end
        table.insert(groups[key], rate)
      end
    end
    for _, key in ipairs(order) do
      local rates = groups[key]
      if #rates < 2 then goto next end
      local sentence = tally.sentence_of(article, rates[1])
      local cues = article.language == "zh" and zh_cues or en_cues
      if not tally.find_any(sentence.text:lower(), cues) then goto next end
      -- Distinct subjects ending in 率 are measures of different things.
      local subjects = {}
      for _, r in ipairs(rates) do
        if r.subject ~= "" then subjects[r.subject] = true end
      end
      local n = 0
      for _ in pairs(subjects) do n = n + 1 end
      if n >= 2 then goto next end
      local lo, hi, slack = 0, 0, 0
      for _, r in ipairs(rates) do
        lo, hi = lo + r.lo, hi + r.hi
        slack = slack + 0.5 * 10 ^ -(r.precision or 0)
      end
      local last = rates[#rates]
      local complete = tally.find_any(sentence.text:lower(), complete_cues)
      if lo > 100 + slack then
        report{
          at = last,
          message = {
            zh = "各部分占比合计 " .. tally.format(lo, 2) .. "%，超过 100%",
            en = "The parts add up to " .. tally.format(lo, 2) .. "%, more than 100%",
          },
        }
      elseif complete and hi < 100 - slack then
        report{
          at = last,
          message = {
            zh = "各部分占比合计仅 " .. tally.format(hi, 2) .. "%，与“其余”所示的完整构成不符",
            en = "The parts add up to only " .. tally.format(hi, 2) .. "%, though the list is said to be complete",
          },
        }
      end
      ::next::
    end
  end,
}
