-- A part cannot be larger than its whole: "共摸排特殊未成年人658人，其中…139人…129人…107人…74人"
-- is consistent; "其中…700人" is not. Parts after 其中 / including may overlap (高标准农田 and
-- 永久基本农田 of one county's farmland), so their sum is checked only when the text says they
-- partition the whole, by count.sum-mismatch.
-- Which figure is the whole and which are its parts is the engine's breakdown fact
-- (engine/facts/totals.cpp): a connective (其中, including, of whom, of which), one measure class
-- (名/人/位/人次 together; 元 with 万/亿; mln/bn), figures at their written precision, and no
-- averages, peaks, clock times, altitudes or net figures. Parts said to make up the whole
-- exactly are count.sum-mismatch's.

tally.rule{
  id = "count.part-exceeds-whole",
  severity = "error",
  description = {
    zh = "“其中”之后的部分不能大于前面的总数。",
    en = "A part introduced by \"of whom\", \"of which\" or \"including\" cannot exceed its whole.",
  },
  link = "docs/rules.md#countpart-exceeds-whole",
  example = "共摸排特殊未成年人658人，其中家庭困难的700人。",
  on_article = function(article, report)
    -- An open end (超过, "more than") is nil.
    local function hi(a) return a.hi or math.huge end
    local function lo(a) return a.lo or -math.huge end
    for _, b in ipairs(article.breakdowns) do
      local w = b.whole
      local big
      for _, p in ipairs(b.parts) do
        if lo(p) > hi(w) then big = p break end
      end
      if big then
        report{
          at = big,
          message = {
            zh = "部分大于总数：" .. big.text .. " 超过前文的 " .. w.text,
            en = "A part is larger than its whole: " .. big.text .. " exceeds " .. w.text,
          },
        }
      end
    end
  end,
}
