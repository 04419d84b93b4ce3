-- A count word must match the list it counts: "三地检察机关" after four places, or "“六个一”"
-- followed by five items, does not add up. Only links the fact extractor made on firm evidence
-- (a list right before the claim, in parentheses after it, after a colon, or set after an English
-- count with a dash, colon or comma) are checked, and an open list ("等", "etc.", "such as") may
-- hold more than it names. Names with numerals (二十大, 二级奖章, 北欧两项, 五家渠市), figures with
-- units ("15 cts") and lists of kinds ("9位代表" after four groups) are not claims or links.

tally.rule{
  id = "count.enumeration",
  severity = "error",
  description = {
    zh = "数量词与所列举的项目数不符（如“三地”后列出四个地方，“六个一”只列出五项）。列举以“等”结尾时不检查。",
    en = "A count word that does not match the list it counts (\"three cities\" followed by four). Open lists (\"etc.\", \"such as\") are not checked.",
  },
  link = "docs/rules.md#countenumeration",
  example = "包头市、呼和浩特市、鄂尔多斯市、乌海市三地检察机关签订协议。",
  on_article = function(article, report)
    for _, claim in ipairs(article.counts) do
      local link = claim.list
      if not link or not link.strong then goto next end
      local list = article.lists[link.index]
      if not list then goto next end
      -- In an article the page parser is unsure of, two paragraphs may be two stories.
      if article.uncertain and claim.block ~= list.block then goto next end
      local n = #list.items
      -- "A、B、C、D等三地": 等 right before a count closes the list it sums up, so more items
      -- than the count is wrong; fewer may be examples ("北京、上海等十个城市").
      if list.open and not (n > claim.count and tally.before(article, claim, 3) == "等") then
        goto next
      end
      if n ~= claim.count and n >= 2 then
        local shown = claim.text:find("^“") and claim.text or ("“" .. claim.text .. "”")
        report{
          at = claim,
          -- The list it counts, for the editor to see beside the count word.
          related = { { at = list, label = article.message_language == "zh"
            and string.format("列举 %d 项", n) or string.format("%d items", n) } },
          message = {
            zh = string.format("数量不符：%s，但列举了 %d 项", shown, n),
            en = string.format("Count does not match: \"%s\", but %d items are listed", claim.text, n),
          },
        }
      end
      ::next::
    end
  end,
}
