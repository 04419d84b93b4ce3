-- Parts of one breakdown given in percent cannot add up to more than 100 ("民事案件占45%，刑事
-- 案件占35%，行政案件占30%"). A breakdown is two or more shares in one sentence, each stated as
-- a part of the same whole: "X占a%", "X占比a%", "X占W的a%" with one W, "其余a%"; in English a
-- share verb ("account for", "make up") over the list. Anything else is silence:
--   分别 / respectively: each item's own whole ("分别占世界总量的45.2%、50.8%");
--   other wholes named ("占W1的…，占W2的…"), rates of change, indices, ratios (no 占);
--   其中 between the shares: the later one is a part of the earlier, not a sibling;
--   categories that may overlap (农民工占35%，女性占48%): without 分为/包括/构成/其余, the parts
--   must be siblings sharing their head word (民事案件/刑事案件, 男性/女性).
-- When the sentence says the list is complete ("其余", "the rest", "remaining") the parts must
-- also reach 100, give or take rounding.

local en_verbs = { "account for", "accounts for", "accounted for", "make up", "makes up", "made up",
  "comprise", "comprises", "comprised" }
local complete_cues = { "其余", "剩余", "the rest", "remaining" }
local partition_cues = { "其余", "剩余", "分为", "包括", "构成", "组成" }
local zh_links = { "达到", "为", "达", "到", "了", "约", "近" }

local function share(rate)
  return rate.unit == "percent" and rate.relation == ""
end

local function strip_links(s)
  local moved = true
  while moved do
    moved = false
    for _, w in ipairs(zh_links) do
      if #s >= #w and s:sub(-#w) == w then
        s = s:sub(1, -#w - 1)
        moved = true
        break
      end
    end
  end
  return s
end

-- Text of the rate's clause before it.
local function clause_before(article, rate)
  local c = tally.clause_of(article, rate)
  local t = article.blocks[rate.block].text
  local from = c and c.lbegin or math.max(0, rate.lbegin - 45)
  return t:sub(from + 1, rate.lbegin)
end

-- The whole a Chinese share names, "" when bare ("X占45%"), nil when it is no share.
local function zh_whole(article, rate)
  local pre = clause_before(article, rate)
  for _, w in ipairs(complete_cues) do
    if pre:find(w, 1, true) == 1 then return "" end
  end
  local head = strip_links(pre)
  if head:sub(-6) == "占比" or head:sub(-3) == "占" then return "" end
  if head:sub(-3) == "的" then
    local z = head:find("占", 1, true)
    if z then return head:sub(z + 3, -4) end
  end
  return nil
end

local function breakdown(article, rates, sentence)
  local text = sentence.text
  if text:find("分别", 1, true) or text:lower():find("respectively", 1, true) then return false end
  for i = 2, #rates do
    local t = article.blocks[rates[1].block].text
    if t:sub(rates[i - 1].lend + 1, rates[i].lbegin):find("其中", 1, true) then return false end
  end
  if article.language ~= "zh" then
    local head = article.blocks[rates[1].block].text:sub(sentence.lbegin + 1, rates[1].lbegin):lower()
    return tally.find_any(head, en_verbs) ~= nil
  end
  local whole
  for _, r in ipairs(rates) do
    local w = zh_whole(article, r)
    if w == nil then return false end
    if w ~= "" then
      if whole and whole ~= w then return false end
      whole = w
    end
  end
  if tally.find_any(text, partition_cues) then return true end
  -- Without a word that says the parts partition the whole, sibling categories share their head
  -- (民事案件/刑事案件, 男性/女性, 城区/郊区); overlapping ones do not (农民工/女性/青年), and
  -- their shares may well add up to more than 100.
  local head
  for _, r in ipairs(rates) do
    local pre = clause_before(article, r)
    local z = pre:find("占", 1, true)
    local subject = z and pre:sub(1, z - 1) or ""
    local h = #subject >= 3 and subject:sub(-3) or nil
    if not h or (head and head ~= h) then return false end
    head = h
  end
  return true
end

tally.rule{
  id = "percent.sum",
  severity = "error",
  description = {
    zh = "同一构成中各部分所占百分比之和不能超过 100%（允许四舍五入误差）；文中说明列全了（“其余”）时，合计也应接近 100%。只核对写明为同一整体之部分的占比（“X占a%，Y占b%”）；“分别占”各自整体的比例、增长率、不同整体的占比不相加。",
    en = "Parts of one breakdown in percent cannot add up to more than 100 (rounding allowed); when the text says the list is complete, they must reach about 100. Only shares stated as parts of one whole (\"account for\", \"make up\") are added; \"respectively\" lists and shares of different wholes are not.",
  },
  link = "docs/rules.md#percentsum",
  example = "受理的案件中，民事案件占45%，刑事案件占35%，行政案件占30%。",
  on_article = function(article, report)
    local groups, order = {}, {}
    for _, rate in ipairs(article.rates) do
      if share(rate) and rate.sentence then
        local key = rate.block .. ":" .. rate.sentence
        if not groups[key] then
          groups[key] = {}
          order[#order + 1] = key
        end
        table.insert(groups[key], rate)
      end
    end
    for _, key in ipairs(order) do
      local rates = groups[key]
      if #rates < 2 then goto next end
      local sentence = tally.sentence_of(article, rates[1])
      if not breakdown(article, rates, sentence) then goto next end
      -- Distinct subjects ending in 率 are measures of different things.
      local subjects = {}
      for _, r in ipairs(rates) do
        if r.subject ~= "" then subjects[r.subject] = true end
      end
      local n = 0
      for _ in pairs(subjects) do n = n + 1 end
      if n >= 2 then goto next end
      local lo, hi, slack = 0, 0, 0
      for _, r in ipairs(rates) do
        lo, hi = lo + r.lo, hi + r.hi
        slack = slack + 0.5 * 10 ^ -(r.precision or 0)
      end
      local last = rates[#rates]
      local complete = tally.find_any(sentence.text:lower(), complete_cues)
      if lo > 100 + slack then
        report{
          at = last,
          message = {
            zh = "各部分占比合计 " .. tally.format(lo, 2) .. "%，超过 100%",
            en = "The parts add up to " .. tally.format(lo, 2) .. "%, more than 100%",
          },
        }
      elseif complete and hi < 100 - slack then
        report{
          at = last,
          message = {
            zh = "各部分占比合计仅 " .. tally.format(hi, 2) .. "%，与“其余”所示的完整构成不符",
            en = "The parts add up to only " .. tally.format(hi, 2) .. "%, though the list is said to be complete",
          },
        }
      end
      ::next::
    end
  end,
}
