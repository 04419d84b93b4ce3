-- A headline's figure that its own story contradicts: "前三季度人民币贷款增加17.45万亿元" over a
-- body that says 14.75万亿元, "37.3亿户" over 37.3万户, "64 BILLION DLRS" over "64 mln dlrs".
-- Which body figure is the headline's is a fact (restatements, engine/facts/restatements.hpp): the
-- same measure, named by the same words, and no figure of the body agrees with the headline's at
-- the precision each is written with. A bound (超6.5亿) is not checked. The headline is the first
-- article's (the record's first line in --jsonl): the item lines of a news flash that follow are
-- its stories', which entity.number-conflict compares with their bodies.

-- A slip of 万 for 亿 or mln for billion: the two differ by a power of ten of 1000 or more.
local function scale_slip(a, b)
  if a <= 0 or b <= 0 then return false end
  local r = math.log(math.max(a, b) / math.min(a, b), 10)
  return r >= 2.9 and math.abs(r - math.floor(r + 0.5)) < 0.01
end

tally.rule{
  id = "headline.body-mismatch",
  severity = "warning",
  description = {
    zh = "标题中的数字与正文不符：正文以相同的说法给出另一个数（含“万”“亿”之误），且正文没有与标题一致的数字。",
    en = "A figure in the headline that the body gives otherwise, named by the same words (including million for billion), with no body figure agreeing with it.",
  },
  link = "docs/rules.md#headlinebody-mismatch",
  example = "全国新设立外商投资企业73092家\n\n2025年，全国新设立外商投资企业70392家，同比下降9.5%。",
  on_article = function(article, report)
    -- An article the page parser is unsure of may have another story's headline or body.
    if article.uncertain then return end
    for _, r in ipairs(article.restatements) do
      if r.headline and article.index == 1 and not r.agree then
        local slip = scale_slip(r.first.value, r.second.value)
        report{
          at = r.first,
          -- The body's figure it disagrees with.
          related = { { at = r.second, label = article.message_language == "zh" and "正文" or "body" } },
          message = slip and {
            zh = string.format("标题数字的单位与正文不符（万/亿）：标题为 %s，正文为 %s", r.first.text, r.second.text),
            en = string.format("Headline figure off by a scale word (million/billion): %s in the headline, %s in the body", r.first.text, r.second.text),
          } or {
            zh = string.format("标题数字与正文不符：标题为 %s，正文为 %s（%s）", r.first.text, r.second.text, r.words),
            en = string.format("Headline figure differs from the body: %s in the headline, %s in the body (%s)", r.first.text, r.second.text, r.words),
          },
        }
      end
    end
  end,
}
