-- Justified layout spreads short lines out ("金 戈 铁 马"); the text layer drops the spaces and
-- records the repair. This rule tells the editor, with the closed-up text as the fix.
local function quoted(s, zh)
  s = s:gsub("[\r\n]", " ")
  return zh and ("“" .. s .. "”") or ('"' .. s .. '"')
end

tally.rule{
  id = "artifact.spaced-chars",
  severity = "warning",
  description = {
    zh = "两端对齐排版会在汉字之间插入空格（“金 戈 铁 马”），复制出来的文字需要删去这些空格。",
    en = "Justified layout puts spaces between Chinese characters; copied text needs them removed.",
  },
  link = "docs/rules.md#artifactspaced-chars",
  example = "金 戈 铁 马 守护平安",
  on_article = function(article, report)
    for _, r in ipairs(article.repairs) do
      if r.kind == "spaced-chars" then
        report{
          at = r,
          message = {
            zh = "字间多余空格（两端对齐排版所致）：" .. quoted(r.text, true) .. " 应为 " .. quoted(r.repaired, true),
            en = "Characters spaced out by justified layout: " .. quoted(r.text, false) ..
              " should read " .. quoted(r.repaired, false),
          },
          fix = not r.text:find("\n") and r.repaired or nil,
        }
      end
    end
  end,
}
