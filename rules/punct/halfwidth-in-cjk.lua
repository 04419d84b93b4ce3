-- Chinese prose takes full-width punctuation: "检察院,昆都仑区" should read "检察院，昆都仑区".
-- An ASCII , ; : ! ? between two Chinese characters is flagged with the full-width mark as the
-- fix; ASCII parentheses are flagged when they enclose Chinese text ("(化名)" -> "（化名）").
-- Numbers and Latin words keep their ASCII marks ("1,234", "3:2", "(ABC)").

local full = { [","] = "，", [";"] = "；", [":"] = "：", ["!"] = "！", ["?"] = "？",
  ["("] = "（", [")"] = "）" }

local function han(cp)
  return cp and ((cp >= 0x4E00 and cp <= 0x9FFF) or (cp >= 0x3400 and cp <= 0x4DBF) or
    (cp >= 0xF900 and cp <= 0xFAFF))
end

-- Code points of a text with their byte offsets (0-based, as logical offsets are).
local function decode(text)
  local cps, at = {}, {}
  for pos, cp in utf8.codes(text) do
    cps[#cps + 1] = cp
    at[#at + 1] = pos - 1
  end
  return cps, at
end

tally.rule{
  id = "punct.halfwidth-in-cjk",
  severity = "warning",
  description = {
    zh = "中文行文应使用全角标点。两个汉字之间的半角逗号、分号、冒号、问号、叹号，以及括住中文的半角括号，应改为全角。",
    en = "Chinese prose takes full-width punctuation: ASCII , ; : ! ? between Chinese characters, and ASCII parentheses around Chinese text, should be full-width.",
  },
  link = "docs/rules.md#puncthalfwidth-in-cjk",
  example = "包头市检察院,昆都仑区检察院联合办案。",
  on_article = function(article, report)
    for bi, block in ipairs(article.blocks) do
      if block.type == "byline" or block.type == "page-header" then goto next_block end
      local cps, at = decode(block.text)
      local open  -- index of an ASCII "(" waiting for its ")"
      local has_han = false
      for i, cp in ipairs(cps) do
        local ch = utf8.char(cp)
        if ch == "(" then
          open, has_han = i, false
        elseif ch == ")" and open then
          if has_han or han(cps[open - 1]) and han(cps[i + 1]) then
            for _, k in ipairs({ open, i }) do
              local c = utf8.char(cps[k])
              report{
                at = tally.span(bi, at[k], at[k] + 1),
                message = {
                  zh = "中文中使用了半角括号“" .. c .. "”，应为“" .. full[c] .. "”",
                  en = "ASCII parenthesis in Chinese text: use \"" .. full[c] .. "\"",
                },
                fix = full[c],
              }
            end
          end
          open = nil
        elseif open and han(cp) then
          has_han = true
        elseif full[ch] and ch ~= "(" and ch ~= ")" and han(cps[i - 1]) and han(cps[i + 1]) then
          report{
            at = tally.span(bi, at[i], at[i] + 1),
            message = {
              zh = "中文中使用了半角标点“" .. ch .. "”，应为“" .. full[ch] .. "”",
              en = "ASCII \"" .. ch .. "\" between Chinese characters: use \"" .. full[ch] .. "\"",
            },
            fix = full[ch],
          }
        end
      end
      ::next_block::
    end
  end,
}
