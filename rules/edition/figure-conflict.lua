-- The same thing given two figures on two pages of an edition: "包头市今年新建城市书房120个" on
-- page 2 and "包头市今年新建城市书房210个" on page 5. Which figures are the same thing is a fact of
-- the edition (edition.restatements, engine/facts/restatements.hpp, evidence "opening"): both
-- end the same opening of their sentence (ten characters or more, the subject, place and period
-- as far as the sentence names them), in the same measure, followed by the same words, and no
-- figure after that opening agrees. Another place or period named in the opening is another
-- opening; a bound (至少, 超过) or a vague number is not compared. Run by `tally check --edition`.

-- The last `n` characters of `s`: an opening may be a long sentence's first half.
local function tail(s, n)
  local len = utf8.len(s)
  if not len or len <= n then return s end
  return "…" .. s:sub(utf8.offset(s, len - n + 1))
end

local function base(path)
  return path:match("([^/\\]+)$") or path
end

tally.rule{
  id = "edition.figure-conflict",
  severity = "warning",
  description = {
    zh = "同一期报纸的不同版面上，同一事物（句首说法相同、计量单位相同）给出了不同的数字。需用 tally check --edition 检查整期。",
    en = "Two pages of one edition give the same thing, opened by the same words in the same measure, different figures. Checked with tally check --edition.",
  },
  link = "docs/rules.md#editionfigure-conflict",
  example = "包头市今年新建城市书房120个，覆盖全部旗县区。\f包头市今年新建城市书房210个，覆盖全部旗县区。",
  on_edition = function(edition, report)
    for _, r in ipairs(edition.restatements) do
      if r.evidence == "opening" and not r.agree then
        local file = base(edition.files[r.first.page])
        local words = tail(r.words, 20)
        report{
          at = r,
          related = { { at = r.first, label = r.message_language == "zh"
                        and ("第" .. r.first.page .. "版") or ("page " .. r.first.page) } },
          message = {
            zh = string.format("各版数据不一：“%s”此处为 %s，第%d版（%s）为 %s", words,
                               r.second.text, r.first.page, file, r.first.text),
            en = string.format("Figures differ across the edition: \"%s\" %s here, %s on page %d (%s)",
                               words, r.second.text, r.first.text, r.first.page, file),
          },
        }
      end
    end
  end,
}
