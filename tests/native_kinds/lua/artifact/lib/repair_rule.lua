-- PDF extraction doubles bold type ("司法鉴定更司法鉴定更") and justified layout spreads short
-- lines out ("金 戈 铁 马"). The text layer undoes both and records each repair; these rules tell
-- the editor, with the repaired text as the fix. Shared by doubled-text.lua and spaced-chars.lua
-- (a module under lib/ declares no rule of its own).
local function quoted(s, zh)
  s = s:gsub("[\r\n]", " ")
  return zh and ("“" .. s .. "”") or ('"' .. s .. '"')
end

-- The text of the repair's span without the bytes it removed.
local function without_removed(rep)
  local out, at = {}, rep.span.begin
  for _, s in ipairs(rep.removed) do
    out[#out + 1] = rep.text:sub(at - rep.span.begin + 1, s.begin - rep.span.begin)
    at = s["end"]
  end
  out[#out + 1] = rep.text:sub(at - rep.span.begin + 1)
  return table.concat(out)
end

-- The repaired text within a line, unless the span holds more than the repaired text and what
-- was removed (Markdown markup: `**金** 戈 铁 马` replaced whole would lose its `**`); then, as
-- across line breaks, the removed bytes deleted one by one (`removed`), so that markup and the
-- column's line breaks stay where they were. A repair that would have to join lines gets no fix.
local function fix_of(rep)
  local one_line = not rep.text:find("\n")
  if one_line and not (rep.removed and without_removed(rep) ~= rep.repaired) then
    return rep.repaired
  end
  if not rep.removed then return nil end
  local edits = {}
  for i, span in ipairs(rep.removed) do edits[i] = { at = span, text = "" } end
  return edits
end

-- One rule per repair kind; `zh`/`en` start the message, the texts before and after follow.
return function(r)
  tally.rule{
    id = r.id,
    severity = "warning",
    description = r.description,
    link = "docs/rules.md#" .. r.id:gsub("%.", ""),
    example = r.example,
    on_article = function(article, report)
      for _, rep in ipairs(article.repairs) do
        if rep.kind == r.kind then
          report{
            at = rep,
            message = {
              zh = r.zh .. quoted(rep.text, true) .. " 应为 " .. quoted(rep.repaired, true),
              en = r.en .. quoted(rep.text, false) .. " should read " .. quoted(rep.repaired, false),
            },
            fix = fix_of(rep),
          }
        end
      end
    end,
  }
end
