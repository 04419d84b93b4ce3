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

-- Code point before / after byte `pos` (1-based) of `text`, nil at the ends. Only the bytes
-- around an ASCII mark are decoded: most of a page is not near one.
local function cp_before(text, pos)
  local i = pos - 1
  while i > 0 and text:byte(i) >= 0x80 and text:byte(i) < 0xC0 do i = i - 1 end
  if i < 1 then return nil end
  local ok, cp = pcall(utf8.codepoint, text, i)
  return ok and cp or nil
end

local function cp_after(text, pos)
  if pos >= #text then return nil end
  local ok, cp = pcall(utf8.codepoint, text, pos + 1)
  return ok and cp or nil
end

local function has_han(s)
  for _, cp in utf8.codes(s) do
    if han(cp) then return true end
  end
  return false
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
      local text = block.text
      local open  -- byte position of an ASCII "(" waiting for its ")"
      local pos = tally.find_byte(text, ",;:!?()")
      while pos do
        local ch = text:sub(pos, pos)
        if ch == "(" then
          open = pos
        elseif ch == ")" then
          if open and (has_han(text:sub(open + 1, pos - 1)) or
              han(cp_before(text, open)) and han(cp_after(text, pos))) then
            for _, k in ipairs({ open, pos }) do
              local c = text:sub(k, k)
              report{
                at = tally.span(bi, k - 1, k),
                message = {
                  zh = "中文中使用了半角括号“" .. c .. "”，应为“" .. full[c] .. "”",
                  en = "ASCII parenthesis in Chinese text: use \"" .. full[c] .. "\"",
                },
                fix = full[c],
              }
            end
          end
          open = nil
        elseif han(cp_before(text, pos)) and han(cp_after(text, pos)) then
          report{
            at = tally.span(bi, pos - 1, pos),
            message = {
              zh = "中文中使用了半角标点“" .. ch .. "”，应为“" .. full[ch] .. "”",
              en = "ASCII \"" .. ch .. "\" between Chinese characters: use \"" .. full[ch] .. "\"",
            },
            fix = full[ch],
          }
        end
        pos = tally.find_byte(text, ",;:!?()", pos + 1)
      end
      ::next_block::
    end
  end,
}
