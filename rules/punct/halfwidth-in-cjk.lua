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

-- Is the character that starts at byte `i` of `text` a Han character? Those of the ranges
-- above are all three bytes long, so only the bytes at i .. i+2 are read: a page has hundreds
-- of ASCII marks, and decoding around each was most of this rule's time.
local function han_at(text, i)
  if i < 1 then return false end
  local b1, b2, b3 = text:byte(i, i + 2)
  if not b3 or b1 < 0xE0 or b1 > 0xEF or b2 & 0xC0 ~= 0x80 or b3 & 0xC0 ~= 0x80 then
    return false
  end
  return han(((b1 & 0x0F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F))
end

-- Han just before / just after the ASCII mark at byte `pos`.
local function han_before(text, pos) return han_at(text, pos - 3) end
local function han_after(text, pos) return han_at(text, pos + 1) end

local function has_han(s)
  for _, cp in utf8.codes(s) do
    if han(cp) then return true end
  end
  return false
end

-- Only the article's language is built (a page can have hundreds of these findings); English
-- for any but Chinese, as report{message = {zh, en}} would pick.
local function message(article, mark, kind)
  if article.language ~= "zh" then
    return kind == "paren" and 'ASCII parenthesis in Chinese text: use "' .. full[mark] .. '"'
      or 'ASCII "' .. mark .. '" between Chinese characters: use "' .. full[mark] .. '"'
  end
  return (kind == "paren" and "中文中使用了半角括号“" or "中文中使用了半角标点“") .. mark ..
    "”，应为“" .. full[mark] .. "”"
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
              han_before(text, open) and han_after(text, pos)) then
            for _, k in ipairs({ open, pos }) do
              local c = text:sub(k, k)
              report{ at = tally.span(bi, k - 1, k), message = message(article, c, "paren"),
                fix = full[c] }
            end
          end
          open = nil
        elseif han_before(text, pos) and han_after(text, pos) then
          report{ at = tally.span(bi, pos - 1, pos), message = message(article, ch), fix = full[ch] }
        end
        pos = tally.find_byte(text, ",;:!?()", pos + 1)
      end
      ::next_block::
    end
  end,
}
