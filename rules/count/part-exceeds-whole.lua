-- A part cannot be larger than its whole: "共摸排特殊未成年人658人，其中…139人…129人…107人…74人"
-- is consistent; "其中…700人" is not, and neither are parts that add up to more than 658.
-- The whole is the last amount before the "其中" / "of whom" / "including" clause (in the same
-- sentence, or the sentence before) counted in the same measure; the parts are the amounts in
-- that clause and the clauses after it in the sentence.
-- Sentences that give a complete breakdown ("分别为", "respectively") are count.sum-mismatch's.

-- English names what a part counts with a noun of its own ("300 people, including 120
-- lawyers"), so there any two amounts compare; Chinese repeats the measure word.
local english = false
local function same_measure(a, b)
  return english or a.measure == b.measure or a.type == "number" or b.type == "number"
end

local function amounts_in(article, block, sentence)
  local out = {}
  for _, f in ipairs(tally.amounts(article)) do
    if f.block == block and f.sentence == sentence then out[#out + 1] = f end
  end
  return out
end

tally.rule{
  id = "count.part-exceeds-whole",
  severity = "error",
  description = {
    zh = "“其中”之后的部分不能大于前面的总数，几个部分相加也不能超过总数。",
    en = "A part introduced by \"of whom\" or \"including\" cannot exceed its whole, and the listed parts cannot add up to more than it.",
  },
  link = "docs/rules.md#countpart-exceeds-whole",
  example = "共摸排特殊未成年人658人，其中家庭困难的700人。",
  on_article = function(article, report)
    english = article.language == "en"
    for bi, block in ipairs(article.blocks) do
      for si, sentence in ipairs(block.sentences) do
        if tally.find_any(sentence.text, { "分别", "respectively" }) then goto next_sentence end
        for ci, clause in ipairs(sentence.clauses) do
          if not clause.qizhong then goto next_clause end
          local here = amounts_in(article, bi, si)
          local parts, before = {}, {}
          for _, f in ipairs(here) do
            if f.clause and f.clause >= ci then parts[#parts + 1] = f else before[#before + 1] = f end
          end
          if #parts == 0 then goto next_clause end
          if #before == 0 and ci == 1 and si > 1 then before = amounts_in(article, bi, si - 1) end
          local whole
          for _, f in ipairs(before) do
            if same_measure(f, parts[1]) then whole = f end
          end
          if not whole then goto next_clause end
          local sum, counted = 0, 0
          for _, p in ipairs(parts) do
            if same_measure(p, whole) then
              if p.lo > whole.hi then
                report{
                  at = p,
                  message = {
                    zh = "部分大于总数：" .. p.text .. " 超过前文的 " .. whole.text,
                    en = "A part is larger than its whole: " .. p.text .. " exceeds " .. whole.text,
                  },
                }
                goto next_clause
              end
              sum, counted = sum + p.lo, counted + 1
            end
          end
          if counted >= 2 and sum > whole.hi then
            report{
              at = parts[#parts],
              message = {
                zh = "各部分之和 " .. tally.format(sum) .. " 超过总数 " .. whole.text,
                en = "The parts add up to " .. tally.format(sum) .. ", more than the whole, " .. whole.text,
              },
            }
          end
          ::next_clause::
        end
        ::next_sentence::
      end
    end
  end,
}
