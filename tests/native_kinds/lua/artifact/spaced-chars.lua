-- Characters spaced out by justified layout: a PDF extraction artifact the text layer repairs
-- (lib/repair_rule.lua). Tests: spaced-chars.test.yaml.
local repair_rule = require("lib.repair_rule")

repair_rule{
  id = "artifact.spaced-chars",
  kind = "spaced-chars",
  description = {
    zh = "两端对齐排版会在汉字之间插入空格（“金 戈 铁 马”），复制出来的文字需要删去这些空格。以空格或全角空格隔开的人名名单是正文，不报。",
    en = "Justified layout puts spaces between Chinese characters; copied text needs them removed. A list of names set apart by spaces or U+3000 is text, not spacing.",
  },
  example = "金 戈 铁 马 守护平安",
  zh = "字间多余空格（两端对齐排版所致）：",
  en = "Characters spaced out by justified layout: ",
}
