-- The same thing should have one figure in one story: a news-flash line "214个城市已建立…机制"
-- over a lead that says "241个城市建立…机制", or "已造成至少195人死亡" repeated as 159人. Which
-- figures are the same thing is a fact (restatements, engine/facts/restatements.hpp): a story's
-- heading line and its body, or body sentences with the same lead-in and following words that
-- name no other subject, place, source or period; bounds (至少, 超过) and rounded figures are
-- compared at the precision they are written with. The first article's headline (the record's
-- first line) against its body is headline.body-mismatch's; a later story's line (a news flash's
-- items) against its body is compared here.

tally.rule{
  id = "entity.number-conflict",
  severity = "warning",
  description = {
    zh = "同一篇稿件中，同一事物（同样的说法、同一计量单位）前后给出了不同的数字。不同地区、不同时期、不同来源及“此外”“其中”之后的数字不在此列。",
    en = "The same thing, named by the same words in the same measure, is given two different figures in one story. Other places, periods, sources and parts are not compared.",
  },
  link = "docs/rules.md#entitynumber-conflict",
  example = "全年办结案件899件。据统计，全年办结案件989件。",
  on_article = function(article, report)
    -- An article the page parser is unsure of may hold two stories' figures.
    if article.uncertain then return end
    for _, r in ipairs(article.restatements) do
      if not r.agree and not (r.headline and article.index == 1) then
        report{
          at = r,
          -- The earlier figure it contradicts.
          related = { { at = r.first, label = article.message_language == "zh" and "前文" or "earlier" } },
          message = {
            zh = string.format("同一数据前后不一：“%s”此处为 %s，前文为 %s", r.words, r.second.text, r.first.text),
            en = string.format("Conflicting figures for \"%s\": %s here, %s earlier", r.words, r.second.text, r.first.text),
          },
        }
      end
    end
  end,
}
