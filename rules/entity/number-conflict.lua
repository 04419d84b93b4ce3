-- The same counted thing should have one number in one article: "办结案件899件" in the lead and
-- "办结案件989件" further down cannot both be right. Only specific nouns are compared (three or
-- more characters: "办结案件", not "案件"), with the same measure, both figures exact or with
-- intervals that cannot meet, and neither inside a "其中" part or in a sentence that names a
-- different period (a date or 同比/去年 comparison), where two values are expected. Chinese
-- copy only: an English count names its thing with one word.

local period_words = { "同比", "去年", "上年", "前年", "今年", "较", "比", "last year", "compared" }

local function specific(noun)
  return noun and utf8.len(noun) and utf8.len(noun) >= 3
end

local function context_free(article, q)
  local clause = tally.clause_of(article, q)
  if clause and clause.qizhong then return false end
  local sentence = tally.sentence_of(article, q)
  if not sentence then return false end
  if tally.find_any(sentence.text:lower(), period_words) then return false end
  for _, d in ipairs(article.dates) do
    if d.block == q.block and d.sentence == q.sentence then return false end
  end
  return true
end

tally.rule{
  id = "entity.number-conflict",
  severity = "warning",
  description = {
    zh = "同一篇稿件中，同一事物（如“办结案件”）前后给出了不同的数字。不同时期的对比（含日期、“同比”“去年”的句子）不在此列。",
    en = "The same counted thing is given two different numbers in one article. Sentences comparing periods are not checked.",
  },
  link = "docs/rules.md#entitynumber-conflict",
  example = "全年办结案件899件。……据统计，全年办结案件989件。",
  on_article = function(article, report)
    -- English names a count with one word ("40 minutes"), too little to tell two things apart.
    if article.language ~= "zh" then return end
    local earlier = {}
    for _, q in ipairs(article.quantities) do
      -- The noun must come with its action ("办结案件899件"): after the number it names only the
      -- kind ("废止…5部地方性法规" and "制定…8部地方性法规" are different counts).
      if not q.noun_before or not specific(q.noun) or not context_free(article, q) then goto next end
      for _, first in ipairs(earlier) do
        if first.measure == q.measure and tally.same_noun(first, q) and not tally.overlaps(first, q) then
          report{
            at = q,
            message = {
              zh = string.format("同一数据前后不一：“%s”此处为 %s，前文为 %s", q.noun, q.text, first.text),
              en = string.format("Conflicting figures for \"%s\": %s here, %s earlier", q.noun, q.text, first.text),
            },
          }
          goto next
        end
      end
      earlier[#earlier + 1] = q
      ::next::
    end
  end,
}
