-- A relative date must be possible where it stands:
-- * told as what came next ("随后", "此后", "后来", "later", "then") yet dated before the date it
--   follows: "2024年12月…。随后，同年11月…";
-- * "次年"/"翌年" with no earlier year to count from, or "同年"/"当年" with none to refer to;
-- * anchored to the article's previous date and told as done, yet falling after publication.

local next_zh = { "随后", "此后", "之后", "后来", "其后", "紧接着" }
local next_en = { "later", "then", "afterwards", "subsequently", "after that" }

local function key(iso)
  local y, m, d = iso:match("^(%d+)-(%d+)-(%d+)$")
  return tonumber(y) * 10000 + tonumber(m) * 100 + tonumber(d)
end

tally.rule{
  id = "date.order",
  severity = "warning",
  description = {
    zh = "相对日期（“同年11月”“次年3月”）与其参照的日期矛盾：叙述为“随后”发生却早于前文日期，或找不到可参照的年份，或已发生的事晚于出版日期。",
    en = "A relative date that its anchor makes impossible: told as coming later but dated earlier, with no year to refer to, or told as done but after publication.",
  },
  link = "docs/rules.md#dateorder",
  example = "2024年12月，两地签订协议。随后，同年11月，双方召开联席会议。",
  on_article = function(article, report)
    local previous  -- the last resolved date before this one
    local zh = article.language == "zh"
    for _, d in ipairs(article.dates) do
      if d.kind == "duration" then goto next end
      -- "当年" alone is mostly "back then" ("当年的老房子"); only "当年5月" asks for a year.
      if d.kind == "relative" and not d.resolved and (d.relative == "同年" or d.relative == "次年"
          or d.relative == "翌年" or (d.relative == "当年" and d.month)) then
        report{
          at = d,
          message = {
            zh = "“" .. d.relative .. "”没有可参照的年份：前文未出现具体年份",
            en = "\"" .. d.relative .. "\" has no year to refer to: no year is given before it",
          },
        }
      elseif d.kind == "relative" and d.resolved and previous and d.anchor == "previous-date" then
        local before = tally.before(article, d, 30):lower()
        if tally.find_any(before, zh and next_zh or next_en) and key(d.resolved) < key(previous.resolved)
            and (d.day or d.month ~= nil) then
          -- Month-level dates compare by month: "同年11月" after "2024年12月" is earlier.
          local dm, pm = d.resolved:sub(1, 7), previous.resolved:sub(1, 7)
          if d.day or dm < pm then
            report{
              at = d,
              message = {
                zh = string.format("时间顺序矛盾：%s 叙述为随后发生，却早于前文的 %s", d.text, previous.text),
                en = string.format("Out of order: %s is told as coming later but is before %s", d.text, previous.text),
              },
            }
          end
        end
      end
      if d.resolved then previous = d end
      ::next::
    end
  end,
}
