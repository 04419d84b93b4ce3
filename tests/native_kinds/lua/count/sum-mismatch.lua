-- Parts stated to make up a total must add up to it: "受理案件共120件，民事、刑事、行政案件分别为
-- 50件、40件、30件", "以18枚金牌、22枚银牌、23枚铜牌，总计61枚奖牌", "进出口11.84万亿元…其中，
-- 出口6.85万亿元…进口4.99万亿元". That the parts are complete is the engine's breakdown fact
-- (engine/facts/totals.cpp: a total after its parts, 分别 or a colon after a total, the rest named,
-- parts that partition by meaning); figures compare as intervals at their written precision.
-- Parts named as kinds of the whole (其中…补贴申请…，…补贴申请) may leave out the rest but cannot
-- add up to more than it.

tally.rule{
  id = "count.sum-mismatch",
  severity = "error",
  description = {
    zh = "文中说明各部分构成总数（“共……分别为……”“……，总计……”）时，各部分之和应等于总数。",
    en = "When the text gives the parts of a total (\"a total of …: …\", \"respectively\", \"…, total …\"), they must add up to it.",
  },
  link = "docs/rules.md#countsum-mismatch",
  example = "受理案件共120件，民事、刑事、行政案件分别为50件、40件、20件。",
  on_article = function(article, report)
    -- An open end (超过, "more than") is nil.
    local function hi(a) return a.hi or math.huge end
    local function lo(a) return a.lo or -math.huge end
    for _, b in ipairs(article.breakdowns) do
      if (b.complete or b.disjoint) and #b.parts >= 2 then
        local w, sum_lo, sum_hi, shown = b.whole, 0, 0, {}
        for _, p in ipairs(b.parts) do
          sum_lo, sum_hi = sum_lo + lo(p), sum_hi + hi(p)
          shown[#shown + 1] = p.text
        end
        -- Parts that may leave out the rest (b.disjoint) are wrong only above the whole.
        if (b.complete and sum_hi < lo(w)) or sum_lo > hi(w) then
          local sum = table.concat(shown, " + ")
          report{
            at = w,
            message = {
              zh = "各部分之和与总数不符：" .. sum .. " ≠ " .. w.text,
              en = "The parts do not add up to the total: " .. sum .. " ≠ " .. w.text,
            },
          }
        end
      end
    end
  end,
}
