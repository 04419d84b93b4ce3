-- Chinese prose takes full-width punctuation: "检察院,昆都仑区" should read "检察院，昆都仑区".
-- An ASCII , ; : ! ? between two Chinese characters (or between one and a Chinese quote or
-- bracket: “回头看”,确认) is flagged with the full-width mark as the
-- fix; ASCII parentheses are flagged when they enclose Chinese text ("(化名)" -> "（化名）").
-- Numbers and Latin words keep their ASCII marks ("1,234", "3:2", "(ABC)").
-- An isolated slip gets a finding of its own. An article set with ASCII punctuation throughout
-- (a conversion or typesetting fault, not a slip) gets one finding for the article, at its first
-- mark, with the count and one fix whose edits replace every mark: hundreds of findings for one
-- fault would bury the rest of the report.

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

-- Chinese marks that close (” ’ 》 〉 」 』 】 〕 ）) or open (“ ‘ 《 〈 「 『 【 〔 （) a phrase, all
-- three bytes long: “回头看”,确认 and 方案》,迅速 are Chinese prose as much as 检察院,昆都仑区.
local CLOSERS = { ["\xE2\x80\x9D"] = true, ["\xE2\x80\x99"] = true, ["\xE3\x80\x8B"] = true,
  ["\xE3\x80\x89"] = true, ["\xE3\x80\x8D"] = true, ["\xE3\x80\x8F"] = true,
  ["\xE3\x80\x91"] = true, ["\xE3\x80\x95"] = true, ["\xEF\xBC\x89"] = true }
local OPENERS = { ["\xE2\x80\x9C"] = true, ["\xE2\x80\x98"] = true, ["\xE3\x80\x8A"] = true,
  ["\xE3\x80\x88"] = true, ["\xE3\x80\x8C"] = true, ["\xE3\x80\x8E"] = true,
  ["\xE3\x80\x90"] = true, ["\xE3\x80\x94"] = true, ["\xEF\xBC\x88"] = true }

-- The ASCII mark at `pos` stands in Chinese prose: Han on both sides, Han before it and a
-- Chinese quote or bracket or a figure with its Chinese word after it, or a Chinese closing mark
-- before it and Han after it. Curly quotes are English marks too,
-- so a mark between two of them ("”,“") and no Han is left alone.
local function in_chinese(text, pos)
  local hb, ha = han_before(text, pos), han_after(text, pos)
  if hb and ha then return true end
  if ha then return pos > 3 and CLOSERS[text:sub(pos - 3, pos - 1)] or false end
  if not hb then return false end
  -- 他说,“…” / 太好了!”: a Chinese quote or bracket after it.
  local after = text:sub(pos + 1, pos + 3)
  if OPENERS[after] or CLOSERS[after] then return true end
  -- A figure that a Chinese word ends (发展,2016年 / 表示,5名): Chinese on both sides. A bare
  -- figure ("比分 3:2", "共1,234") is left alone.
  local digits_end = text:find("[^0-9]", pos + 1) or #text + 1
  return digits_end > pos + 1 and han_at(text, digits_end) and text:sub(pos, pos) ~= ":" or false
end

local function has_han(s)
  for _, cp in utf8.codes(s) do
    if han(cp) then return true end
  end
  return false
end

-- Only the language findings are worded in is built (a page can have hundreds of these
-- findings); English for any but Chinese, as report{message = {zh, en}} would pick.
local function message(article, mark, kind)
  if article.message_language ~= "zh" then
    return kind == "paren" and 'ASCII parenthesis in Chinese text: use "' .. full[mark] .. '"'
      or 'ASCII "' .. mark .. '" between Chinese characters: use "' .. full[mark] .. '"'
  end
  return (kind == "paren" and "中文中使用了半角括号“" or "中文中使用了半角标点“") .. mark ..
    "”，应为“" .. full[mark] .. "”"
end

-- ASCII marks in Chinese copy are a fault of the whole article when there are at least GROUP_MIN
-- of them and they are at least GROUP_SHARE of the article's , ; : ! ? ( ) marks (ASCII and
-- full-width). Measured: the seed pages' 12 articles set with ASCII marks have 4 to 96 of them
-- and not one full-width mark; the 新闻联播 copy's only slip is a pair, "票房(含预售)", among 28
-- full-width marks in its article.
local GROUP_MIN, GROUP_SHARE = 3, 0.5

-- Full-width ！（），：；？ (U+FF01, FF08, FF09, FF0C, FF1A, FF1B, FF1F): EF BC 81/88/89/8C/9A/9B/9F.
local FULL_MARKS = "\xEF\xBC[\x81\x88\x89\x8C\x9A\x9B\x9F]"

local function skipped(block) return block.type == "byline" or block.type == "page-header" end

-- Every ASCII mark the rule flags in the article, in order: {block, pos, mark, kind}.
local function ascii_marks(article)
  local marks = {}
  for bi, block in ipairs(article.blocks) do
    if skipped(block) then goto next_block end
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
          marks[#marks + 1] = { block = bi, pos = open, mark = "(", kind = "paren" }
          marks[#marks + 1] = { block = bi, pos = pos, mark = ")", kind = "paren" }
        end
        open = nil
      elseif in_chinese(text, pos) then
        marks[#marks + 1] = { block = bi, pos = pos, mark = ch }
      end
      pos = tally.find_byte(text, ",;:!?()", pos + 1)
    end
    ::next_block::
  end
  -- A "(" is recorded when its ")" is met: back in text order.
  table.sort(marks, function(a, b)
    return a.block < b.block or a.block == b.block and a.pos < b.pos
  end)
  return marks
end

local function full_width_count(article)
  local n = 0
  for _, block in ipairs(article.blocks) do
    if not skipped(block) then n = n + select(2, block.text:gsub(FULL_MARKS, "")) end
  end
  return n
end

-- "“,” 52 处、“(” 8 处" / '"," 52, "(" 8': the marks by how often each occurs, commonest first.
local function tally_of(marks, zh)
  local count, order = {}, {}
  for _, m in ipairs(marks) do
    if not count[m.mark] then order[#order + 1] = m.mark end
    count[m.mark] = (count[m.mark] or 0) + 1
  end
  table.sort(order, function(a, b) return count[a] > count[b] or count[a] == count[b] and a < b end)
  local parts = {}
  for _, c in ipairs(order) do
    parts[#parts + 1] = zh and ("“" .. c .. "” " .. count[c] .. " 处") or ('"' .. c .. '" ' .. count[c])
  end
  return table.concat(parts, zh and "、" or ", ")
end

local function grouped_message(article, marks)
  if article.message_language ~= "zh" then
    return "This article sets Chinese text with ASCII punctuation throughout: " .. #marks ..
      " marks (" .. tally_of(marks, false) .. "); use full-width marks"
  end
  return "本文中文行文通篇使用半角标点，共 " .. #marks .. " 处（" .. tally_of(marks, true) ..
    "），应改为全角"
end

tally.rule{
  id = "punct.halfwidth-in-cjk",
  severity = "warning",
  -- A hint until measured: docs/accuracy.md "Which rules are on by default".
  default = "hint",
  default_reason = {
    zh = "在已发表的新闻语料上实测 2/2 条为真，但复核不足 20 条，默认仅作提示（bench/accuracy）",
    en = "measured on published copy (bench/accuracy): 2/2 findings true, fewer than the 20 reviewed a rule needs to be on by default",
  },
  description = {
    zh = "中文行文应使用全角标点。半角逗号、分号、冒号、问号、叹号夹在两个汉字之间，或一边是汉字、另一边是中文引号书名号括号（“回头看”,确认；方案》,迅速；他说,“……”），或汉字后接带中文单位的数字（发展,2016年），以及括住中文的半角括号，应改为全角；数字与英文中的半角标点（1,234、3:2、(ABC)）不报。通篇使用半角标点的文章只报一次，附全部修正。",
    en = "Chinese prose takes full-width punctuation: an ASCII , ; : ! ? between two Chinese characters, between a Chinese character and a Chinese quote, title mark or bracket (“回头看”,确认 / 方案》,迅速 / 他说,“…”), or between a Chinese word and a figure with its Chinese unit (发展,2016年), and ASCII parentheses around Chinese text, should be full-width; marks in figures and Latin text (1,234, 3:2, (ABC)) are left alone. An article set with ASCII marks throughout gets one finding with a fix for all of them.",
  },
  link = "docs/rules.md#puncthalfwidth-in-cjk",
  example = "包头市检察院,昆都仑区检察院联合办案。",
  -- Several articles of one page set this way went through one typesetting path: one finding
  -- for the page (merge_grouped.hpp fills in {articles} and {count}).
  merge = {
    zh = "{articles} 篇文章的中文行文通篇使用半角标点，共 {count} 处，应改为全角",
    en = "{articles} articles set Chinese text with ASCII punctuation throughout: {count} marks; use full-width marks",
  },
  on_article = function(article, report)
    local marks = ascii_marks(article)
    if #marks == 0 then return end
    local n = #marks
    if n >= GROUP_MIN and n >= GROUP_SHARE * (n + full_width_count(article)) then
      local edits = {}
      for i, m in ipairs(marks) do
        edits[i] = { at = tally.span(m.block, m.pos - 1, m.pos), text = full[m.mark] }
      end
      report{ at = edits[1].at, message = grouped_message(article, marks), fix = edits }
      return
    end
    for _, m in ipairs(marks) do
      report{ at = tally.span(m.block, m.pos - 1, m.pos), message = message(article, m.mark, m.kind),
        fix = full[m.mark] }
    end
  end,
}
