-- The years an `elapsed` or `age` fact is counted to: the publication year shifted as the text
-- says (今年 0, 去年 -1, 明年 +1), then the years its sentence names. Shared by age.lua and
-- year-arithmetic.lua (a module under lib/ declares no rule of its own).
return function(article, fact)
  local refs = {}
  local py = tonumber((article.date or ""):match("^(%d+)"))
  if py then refs[#refs + 1] = py + fact.reference_offset end
  for _, y in ipairs(fact.reference_years) do refs[#refs + 1] = y end
  return refs
end
