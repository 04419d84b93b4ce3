-- A front-page headline whose figure the story on another page gives otherwise: "全市新建城市书房
-- 120个" on page 1 over a story on page 3 that says "全市今年新建城市书房210个". Which figures are
-- the same thing is a fact of the edition (edition.restatements, evidence "heading"): a figure in
-- the front page's headline and one in the headline or first two paragraphs of an article on
-- another page, in the same measure, named by the same four or more characters, when no figure
-- of that article in the measure agrees with the headline's (a headline may round: 1.2万 over
-- 12,036 agrees). The front page is the first file of the edition. Run by `tally check --edition`.

local function base(path)
  return path:match("([^/\\]+)$") or path
end

tally.rule{
  id = "edition.front-headline",
  severity = "warning",
  description = {
    zh = "头版标题中的数字，与其他版面上同一报道（同样的说法、同一计量单位）给出的数字不一致，且该报道中没有与之相符的数字。",
    en = "A figure in a front-page headline that the story on another page, naming it with the same words in the same measure, gives otherwise, with no figure of that story agreeing.",
  },
  link = "docs/rules.md#editionfront-headline",
  example = "全市新建城市书房120个\n\n记者从市文旅局获悉，城市书房建设进展顺利。\f城市书房覆盖全部旗县区\n\n记者从市文旅局获悉，全市今年新建城市书房210个。",
  on_edition = function(edition, report)
    for _, r in ipairs(edition.restatements) do
      if r.evidence == "heading" and r.first.page == 1 and r.page ~= 1 and not r.agree then
        local zh = r.message_language == "zh"
        local file = base(edition.files[r.page])
        report{
          at = r.first,
          related = { { at = r, label = zh and ("第" .. r.page .. "版") or ("page " .. r.page) } },
          message = {
            zh = string.format("头版标题数字与第%d版（%s）报道不一：标题为 %s，报道中“%s”为 %s",
                               r.page, file, r.first.text, r.words, r.second.text),
            en = string.format("The front-page headline gives %s; the story on page %d (%s) gives %s for \"%s\"",
                               r.first.text, r.page, file, r.second.text, r.words),
          },
        }
      end
    end
  end,
}
