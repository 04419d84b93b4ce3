-- PDF extraction doubles bold type ("司法鉴定更司法鉴定更"); the text layer undoes it and
-- records the repair. This rule tells the editor, with the repaired text as the fix.
local function quoted(s, zh)
  s = s:gsub("[\r\n]", " ")
  return zh and ("“" .. s .. "”") or ('"' .. s .. '"')
end

tally.rule{
  id = "artifact.doubled-text",
  severity = "warning",
  description = {
    zh = "从 PDF 提取的文字中，粗体常被重复一遍（“司法鉴定更司法鉴定更”）。发稿前应删去重复的部分。",
    en = "Text extracted from PDF often repeats bold runs twice. Remove the repeated copy before publishing.",
  },
  link = "docs/rules.md#artifactdoubled-text",
  example = "司法鉴定更司法鉴定更规范",
  on_article = function(article, report)
    for _, r in ipairs(article.repairs) do
      if r.kind == "doubled-text" then
        local zh = article.language == "zh"
        report{
          at = r,
          message = {
            zh = "文字重复（PDF 提取粗体时常见）：" .. quoted(r.text, true) .. " 应为 " .. quoted(r.repaired, true),
            en = "Text doubled, as PDF extraction does to bold type: " .. quoted(r.text, false) ..
              " should read " .. quoted(r.repaired, false),
          },
          -- A fix across a line break would re-wrap the column: offer it within a line only.
          fix = not r.text:find("\n") and r.repaired or nil,
        }
      end
    end
  end,
}
