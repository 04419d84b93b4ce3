-- PDF extraction sometimes repeats the last characters of a column at the top of the next:
-- "发挥了积极作用。\n\n用。先锋队的…" The repeated fragment is a short piece (at most four
-- characters) ending in sentence punctuation that copies the end of the sentence before it
-- (in English, ignoring case: "passed. Passed.").

local function ends_with(s, suffix)
  return #suffix <= #s and s:sub(-#suffix) == suffix
end

tally.rule{
  id = "artifact.repeated-fragment",
  severity = "warning",
  description = {
    zh = "PDF 分栏提取时，上一栏末尾的几个字有时会在下一栏开头重复出现（“发挥了积极作用。用。”），应删去重复的片段。",
    en = "PDF extraction can repeat the last characters of a column at the top of the next; remove the repeated fragment.",
  },
  link = "docs/rules.md#artifactrepeated-fragment",
  example = "发挥了积极作用。用。先锋队的党员干警经常深入社区。",
  on_article = function(article, report)
    local previous  -- the sentence before, across blocks
    for bi, block in ipairs(article.blocks) do
      for _, s in ipairs(block.sentences) do
        local text = s.text:gsub("^%s+", "")
        local n = utf8.len(text) or 99
        if article.language == "en" then n = #text <= 8 and 3 or 99 end
        if previous and n >= 2 and n <= 4 and text:find("[。！？!?%.]$") == nil then
          -- only fragments that end a sentence
        elseif previous and n >= 2 and n <= 4 and #previous.text > #text
            and (ends_with(previous.text, text) or ends_with(previous.text:lower(), text:lower())) then
          report{
            at = s,
            message = {
              zh = "片段重复（PDF 分栏提取所致）：“" .. text .. "”重复了上一句的结尾",
              en = "Repeated fragment (a PDF column break): \"" .. text .. "\" repeats the end of the sentence before",
            },
            fix = "",
          }
        end
        previous = s
      end
    end
  end,
}
