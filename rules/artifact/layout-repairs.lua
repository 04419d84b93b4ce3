-- PDF extraction doubles bold type ("司法鉴定更司法鉴定更") and justified layout spreads short
-- lines out ("金 戈 铁 马"). The text layer undoes both and records each repair; these rules tell
-- the editor, with the repaired text as the fix. Tests: doubled-text.test.yaml, spaced-chars.test.yaml.
local function quoted(s, zh)
  s = s:gsub("[\r\n]", " ")
  return zh and ("“" .. s .. "”") or ('"' .. s .. '"')
end

-- One rule per repair kind; `zh`/`en` start the message, the texts before and after follow.
local function repair_rule(r)
  tally.rule{
    id = r.id,
    severity = "warning",
    description = r.description,
    link = "docs/rules.md#" .. r.id:gsub("%.", ""),
    example = r.example,
    on_article = function(article, report)
      for _, rep in ipairs(article.repairs) do
        if rep.kind == r.kind then
          report{
            at = rep,
            message = {
              zh = r.zh .. quoted(rep.text, true) .. " 应为 " .. quoted(rep.repaired, true),
              en = r.en .. quoted(rep.text, false) .. " should read " .. quoted(rep.repaired, false),
            },
            -- A fix across a line break would re-wrap the column: offer it within a line only.
            fix = not rep.text:find("\n") and rep.repaired or nil,
          }
        end
      end
    end,
  }
end

repair_rule{
  id = "artifact.doubled-text",
  kind = "doubled-text",
  description = {
    zh = "从 PDF 提取的文字中，粗体常被重复一遍（“司法鉴定更司法鉴定更”）。发稿前应删去重复的部分。",
    en = "Text extracted from PDF often repeats bold runs twice. Remove the repeated copy before publishing.",
  },
  example = "司法鉴定更司法鉴定更规范",
  zh = "文字重复（PDF 提取粗体时常见）：",
  en = "Text doubled, as PDF extraction does to bold type: ",
}

repair_rule{
  id = "artifact.spaced-chars",
  kind = "spaced-chars",
  description = {
    zh = "两端对齐排版会在汉字之间插入空格（“金 戈 铁 马”），复制出来的文字需要删去这些空格。",
    en = "Justified layout puts spaces between Chinese characters; copied text needs them removed.",
  },
  example = "金 戈 铁 马 守护平安",
  zh = "字间多余空格（两端对齐排版所致）：",
  en = "Characters spaced out by justified layout: ",
}
