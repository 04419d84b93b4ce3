-- Items said to be in order must be: "排在前四位的分别是：甲139人、乙129人、丙107人、丁74人"
-- runs from most to fewest. The order is announced by a rank ("前四位", "top four") or by
-- "依次为" / "in descending order"; the items are the amounts after it in the sentence, in the
-- same measure. "从低到高" / "ascending" reverses the expected order.

-- Whether the sentence announces an order; if so, where the ranked items start (logical byte
-- offset in the block) and whether the order is ascending. `ranks` maps "block:sentence" to
-- the first rank ordinal in that sentence.
local function announced(article, sentence, ranks)
  if article.language == "zh" then
    local o = ranks[sentence.block .. ":" .. sentence.index]
    if o then return true, o.lend, false end
    local t = sentence.text
    for _, cue in ipairs({ "依次为", "依次是", "排名前", "排在前" }) do
      local _, e = t:find(cue, 1, true)
      if e then
        local asc = tally.find_any(t, { "从低到高", "由少到多", "从少到多", "由低到高" }) ~= nil
        return true, sentence.lbegin + e, asc
      end
    end
    return false
  end
  local t = " " .. sentence.text:lower()
  -- "the top three districts were …", "the top 5 are:"; not "top seed", "top 10 albums" with
  -- no list after them, nor "stop and".
  local counts = { two = 1, three = 1, four = 1, five = 1, six = 1, seven = 1, eight = 1,
    nine = 1, ten = 1 }
  local e
  for w, stop in t:gmatch("[^%a]top (%w+)()") do
    if counts[w] or w:match("^%d+$") then
      local rest = t:sub(stop, stop + 40)
      local _, ce = rest:find("^[%a%s]-%f[%a]were%f[^%a]")
      if not ce then _, ce = rest:find("^[%a%s]-%f[%a]are%f[^%a]") end
      if not ce then _, ce = rest:find("^[%a%s]-:") end
      if ce then e = stop + ce - 2 break end
    end
  end
  if not e then
    local _, oe = t:find("in %a+ending order")
    if oe then e = oe - 1 end
  end
  if e then
    -- Items are the amounts after the announcement ("top three" is not one of them).
    return true, sentence.lbegin + e, t:find("ascending", 1, true) ~= nil
  end
  return false
end

tally.rule{
  id = "count.ranking",
  severity = "error",
  description = {
    zh = "文中说明按排名或“依次”列出的各项，其数值应当按顺序排列（默认从高到低）。",
    en = "Items said to be ranked (\"the top four were\") must come in that order, highest first unless the text says ascending.",
  },
  link = "docs/rules.md#countranking",
  example = "排在前四位的分别是：违反治安处罚的139人、有严重心理疾病的129人、家庭困难的147人、事实无人抚养的74人。",
  on_article = function(article, report)
    local ranks = {}
    for _, o in ipairs(article.ordinals) do
      -- "前四位", "前十名" rank; "前三季度", "前7个月" are periods.
      local ranked = o.type == "rank" and (o.measure == "位" or o.measure == "名")
      local key = ranked and o.block and o.sentence and o.block .. ":" .. o.sentence
      if key and not ranks[key] then ranks[key] = o end
    end
    for bi, block in ipairs(article.blocks) do
      for _, sentence in ipairs(block.sentences) do
        local s = { block = bi, index = sentence.index, text = sentence.text,
          lbegin = sentence.lbegin }
        local ordered, from, ascending = announced(article, s, ranks)
        if not ordered then goto next end
        local items = {}
        for _, f in ipairs(tally.amounts(article)) do
          -- Scores and ranges ("7-6", "10-13 February") and years are not ranked figures.
          local around = tally.before(article, f, 1) .. tally.after(article, f, 2)
          local year = f.type == "number" and f.value >= 1900 and f.value <= 2100 and (f.decimals or 0) == 0
          if f.block == bi and f.sentence == sentence.index and f.lbegin >= from
             and not around:find("^%-") and not around:find("^.%-%d") and not year then
            if #items == 0 or items[1].measure == f.measure or f.type == "number" or article.language == "en" then
              items[#items + 1] = f
            end
          end
        end
        for i = 2, #items do
          local a, b = items[i - 1], items[i]
          local wrong
          if ascending then wrong = b.hi < a.lo else wrong = b.lo > a.hi end
          if wrong then
            report{
              at = b,
              message = {
                zh = string.format("排序不符：%s 排在 %s 之后，但数值更%s", b.text, a.text, ascending and "小" or "大"),
                en = string.format("Out of order: %s comes after %s but is %s", b.text, a.text, ascending and "smaller" or "larger"),
              },
            }
            break
          end
        end
        ::next::
      end
    end
  end,
}
