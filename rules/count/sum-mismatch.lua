-- Parts stated to make up a total must add up to it: "受理案件共120件，民事、刑事、行政案件分别为
-- 50件、40件、30件" adds to exactly 120. The total is an amount marked as one (共, 合计, 总计,
-- 累计, 总数, "a total of", "in total"); the sentence says its parts are a breakdown ("分别",
-- "respectively", or a colon after the total); the parts are the amounts after the total in the
-- sentence, in the same measure. Approximate figures ("120余件") are compared as intervals.

local total_zh = { "共", "合计", "总计", "累计", "总数", "总共", "一共" }
local total_en = { "total of", "in all" }
local total_en_after = { "in total", "in all", "altogether" }

local function same_measure(english, a, b)
  return english or a.measure == b.measure or a.type == "number" or b.type == "number"
end

tally.rule{
  id = "count.sum-mismatch",
  severity = "error",
  description = {
    zh = "文中说明各部分构成总数（“共……分别为……”）时，各部分之和应等于总数。",
    en = "When the text gives the parts of a total (\"a total of …: …\", \"respectively\"), they must add up to it.",
  },
  link = "docs/rules.md#countsum-mismatch",
  example = "受理案件共120件，民事、刑事、行政案件分别为50件、40件、20件。",
  on_article = function(article, report)
    local english = article.language == "en"
    local amounts = tally.amounts(article)
    for i, whole in ipairs(amounts) do
      local before = tally.before(article, whole, english and 15 or 24):lower()
      local marked = tally.find_any(before, english and total_en or total_zh)
      if english and not marked then
        local after = tally.after(article, whole, 20):lower()
        for _, w in ipairs(total_en_after) do
          if after:find("^%s*" .. w) then marked = w end
        end
      end
      if not marked then goto next end
      local sentence = tally.sentence_of(article, whole)
      if not sentence then goto next end
      local rest = sentence.text:lower()
      local after = tally.after(article, whole, 400)
      local breakdown = tally.find_any(rest, { "分别", "respectively" }) or
        (english and after:match("^[^%.;]-:")) or after:match("^[^。；]-：")
      if not breakdown then goto next end
      local parts, lo, hi = {}, 0, 0
      for j = i + 1, #amounts do
        local p = amounts[j]
        if p.block ~= whole.block or p.sentence ~= whole.sentence then break end
        if same_measure(english, p, whole) then
          parts[#parts + 1] = p
          lo, hi = lo + p.lo, hi + p.hi
        end
      end
      if #parts < 2 then goto next end
      if hi < whole.lo or lo > whole.hi then
        report{
          at = whole,
          message = {
            zh = "各部分之和为 " .. tally.format(lo) .. (hi > lo and "以上" or "") .. "，与总数 " .. whole.text .. " 不符",
            en = "The parts add up to " .. tally.format(lo) .. (hi > lo and " or more" or "") .. ", not " .. whole.text,
          },
        }
      end
      ::next::
    end
  end,
}
