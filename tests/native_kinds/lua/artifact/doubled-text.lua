-- Bold type doubled: a PDF extraction artifact the text layer repairs (lib/repair_rule.lua). Tests:
-- doubled-text.test.yaml.
local repair_rule = require("lib.repair_rule")

repair_rule{
  id = "artifact.doubled-text",
  kind = "doubled-text",
  description = {
    zh = "从 PDF 提取的文字中，粗体常被重复一遍（“司法鉴定更司法鉴定更”）。发稿前应删去重复的部分。叠词（“一个问题一个问题”“干干净净”）和重复的数字是正文，不报。",
    en = "Text extracted from PDF often repeats bold runs twice. Remove the repeated copy before publishing. Reduplication (\"一个问题一个问题\", \"干干净净\") and repeated figures are text, not doubling.",
  },
  example = "司法鉴定更司法鉴定更有精度有精度，，组织修订组织修订章程。",
  zh = "文字重复（PDF 提取粗体时常见）：",
  en = "Text doubled, as PDF extraction does to bold type: ",
}
