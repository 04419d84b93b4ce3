-- One event dated differently on two pages of an edition: "第三届草原文化节于7月18日在包头开幕"
-- on page 2 and "第三届草原文化节于7月19日在包头开幕" on page 4. The evidence that it is one
-- event: the clause holding each date reads the same once the date is set aside (at least ten
-- characters of it, the event's name with it), names an event by its verb (开幕, 举行, opened,
-- held, …) and no other date. A clause that differs in any other word is not compared: two
-- sessions of one meeting, a plan and its report. Run by `tally check --edition`.

local VERBS = { "开幕", "闭幕", "举行", "召开", "举办", "开通", "通车", "启动", "揭牌", "落成",
                "签署", "签约", "成立", "发布", "开工", "竣工", "投产", "开放", "开赛",
                "opened", "closed", "held", "signed", "launched", "began", "started" }

local function base(path)
  return path:match("([^/\\]+)$") or path
end

-- The two dates as the text fixes them: resolved days when both could be, else month and day.
local function comparable(x, y)
  if x.resolved and y.resolved then return x.resolved, y.resolved end
  return string.format("%02d-%02d", x.month, x.day), string.format("%02d-%02d", y.month, y.day)
end

tally.rule{
  id = "edition.date-conflict",
  severity = "warning",
  description = {
    zh = "同一期报纸的不同版面上，同一事件（除日期外表述相同）给出了不同的日期。",
    en = "Two pages of one edition date the same event, told in the same words but for the date, differently.",
  },
  link = "docs/rules.md#editiondate-conflict",
  example = "第三届草原文化节于7月18日在包头开幕。\f第三届草原文化节于7月19日在包头开幕。",
  on_edition = function(edition, report)
    local seen = {}  -- clause text without its date -> the first such date {article, date}
    for _, a in ipairs(edition.articles) do
      local per_clause = {}
      for _, d in ipairs(a.dates) do
        if d.kind == "absolute" and d.valid and d.month and d.day then
          local c = tally.clause_of(a, d) or tally.sentence_of(a, d)
          if c then
            local k = d.block .. ":" .. c.lbegin
            per_clause[k] = (per_clause[k] or 0) + 1
          end
        end
      end
      for _, d in ipairs(a.dates) do
        local c = d.kind == "absolute" and d.valid and d.month and d.day
                  and (tally.clause_of(a, d) or tally.sentence_of(a, d))
        if c and per_clause[d.block .. ":" .. c.lbegin] == 1 and d.lbegin >= c.lbegin then
          local at = d.lbegin - c.lbegin
          local rest = c.text:sub(1, at) .. c.text:sub(at + (d.lend - d.lbegin) + 1)
          local han = 0
          for _ in rest:gmatch("[\228-\233][\128-\191][\128-\191]") do han = han + 1 end
          if (han >= 10 or #rest >= 40) and tally.find_any(rest, VERBS) then
            local key = a.language .. "\0" .. rest
            local first = seen[key]
            if not first then
              seen[key] = { article = a, date = d }
            elseif first.article.page ~= a.page then
              local x, y = comparable(first.date, d)
              if x ~= y then
                local zh = a.message_language == "zh"
                local p = first.article.page
                report{
                  page = a.page, article = a.index, at = d,
                  related = { { page = p, at = first.date,
                                label = zh and ("第" .. p .. "版") or ("page " .. p) } },
                  message = {
                    zh = string.format("各版日期不一：同一事件此处为 %s，第%d版（%s）为 %s",
                                       d.text, p, base(edition.files[p]), first.date.text),
                    en = string.format("Dates differ across the edition: the same event is dated %s here, %s on page %d (%s)",
                                       d.text, first.date.text, p, base(edition.files[p])),
                  },
                }
              end
            end
          end
        end
      end
    end
  end,
}
