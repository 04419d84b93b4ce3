#!/usr/bin/env bash
# End-to-end tests of how the CLI reads drafts: --encoding and `encoding:` (GB18030, Big5,
# UTF-16 with a byte order mark), the invalid-UTF-8 hint, --input-format and `input_format:`,
# Markdown front matter, and the subheadline of a short typed draft.
set -u
tally=$(realpath "$1")
root="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

expect() {  # name, expected exit, actual exit, [fixed string, file]
  local name="$1" want="$2" got="$3"
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, want $want"; fail=$((fail + 1)); return
  fi
  if [ $# -ge 5 ] && ! grep -qF -- "$4" "$5"; then
    echo "FAIL $name: output lacks: $4"; cat "$5"; fail=$((fail + 1)); return
  fi
  echo "ok   $name"; pass=$((pass + 1))
}

same() {  # name, file a, file b
  if cmp -s "$2" "$3"; then
    echo "ok   $1"; pass=$((pass + 1))
  else
    echo "FAIL $1:"; diff "$2" "$3" | head -20; fail=$((fail + 1))
  fi
}

page="$root/samples/zh-page-wrapped.txt"
mkdir -p "$tmp/utf8" "$tmp/gb" "$tmp/cfg" "$tmp/u16"
cp "$page" "$tmp/utf8/page.txt"
iconv -f UTF-8 -t GB18030 "$page" >"$tmp/gb/page.txt"

# The same findings at the same line:column, and in JSON the same offsets: offsets index the
# converted text, which is the UTF-8 file byte for byte.
(cd "$tmp/utf8" && "$tally" check page.txt >"$tmp/want.txt" 2>&1)
(cd "$tmp/gb" && "$tally" check --encoding gb18030 page.txt >"$tmp/got.txt" 2>&1)
expect "--encoding gb18030 finds what UTF-8 finds" 1 $? "page.txt:10:17: error [percent.recompute]" "$tmp/got.txt"
same "GB18030 text output identical" "$tmp/want.txt" "$tmp/got.txt"
(cd "$tmp/utf8" && "$tally" check --format json page.txt >"$tmp/want.json" 2>&1)
(cd "$tmp/gb" && "$tally" check --format json --encoding GB18030 page.txt >"$tmp/got.json" 2>&1)
same "GB18030 JSON output identical (offsets, lines, columns)" "$tmp/want.json" "$tmp/got.json"
"$tally" parse --encoding gb18030 - <"$tmp/gb/page.txt" >"$tmp/out" 2>&1
expect "stdin with --encoding" 0 $? "article 1 [zh] headline: 东河区法院 / 行政争议化解提速" "$tmp/out"

# Without the flag: the error names the file, the offset and the encoding to give.
"$tally" check "$tmp/gb/page.txt" >"$tmp/out" 2>"$tmp/err"
expect "GB18030 without --encoding: hint" 2 $? \
  "page.txt: error: invalid UTF-8: byte 0xB7 at offset 13; the file looks like GB18030: use --encoding gb18030 (or encoding: gb18030 in .tally.yml)" "$tmp/err"
printf '臺北市法院\n\n今年辦結案件899件，調解和解案件298件，調解和解率達32%%。\n' |
  iconv -f UTF-8 -t BIG5 >"$tmp/b5.txt"
"$tally" parse "$tmp/b5.txt" >"$tmp/out" 2>"$tmp/err"
expect "Big5 without --encoding: hint" 2 $? \
  "b5.txt: error: invalid UTF-8: byte 0xBB at offset 0; the file looks like Big5: use --encoding big5" "$tmp/err"
"$tally" facts --encoding big5 "$tmp/b5.txt" >"$tmp/out" 2>&1
expect "facts --encoding big5" 0 $? "rate      32%" "$tmp/out"

# .tally.yml `encoding:` for a folder of GB18030 drafts; a UTF-8 draft there is still read.
printf 'encoding: gb18030\n' >"$tmp/cfg/.tally.yml"
cp "$tmp/gb/page.txt" "$tmp/cfg/gb.txt"
cp "$root/samples/clean-zh.txt" "$tmp/cfg/utf8.txt"
"$tally" check "$tmp/cfg" >"$tmp/out" 2>&1
expect "encoding: in .tally.yml" 1 $? "5 findings in 2 files" "$tmp/out"
printf 'encoding: klingon\n' >"$tmp/cfg/.tally.yml"
"$tally" check "$tmp/cfg/gb.txt" >"$tmp/out" 2>&1
expect "unknown encoding: in .tally.yml" 2 $? \
  ".tally.yml:1:11: unknown encoding 'klingon'" "$tmp/out"
"$tally" check --encoding klingon "$tmp/gb/page.txt" >"$tmp/out" 2>&1
expect "unknown --encoding" 2 $? "--encoding: unknown encoding 'klingon' (see iconv --list)" "$tmp/out"
echo '{"id": 1, "text": "a"}' | "$tally" check --jsonl - --encoding gb18030 >"$tmp/out" 2>&1
expect "--encoding does not apply to --jsonl" 2 $? "--stdin-filename or --encoding (JSON is UTF-8)" "$tmp/out"

# UTF-16 with a byte order mark (Windows editors): read without a flag.
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$page"; } >"$tmp/u16/page.txt"
(cd "$tmp/u16" && "$tally" check page.txt >"$tmp/got.txt" 2>&1)
same "UTF-16LE with BOM: same findings" "$tmp/want.txt" "$tmp/got.txt"

# --input-format and `input_format:`.
"$tally" parse --input-format plain "$page" >"$tmp/out" 2>&1
expect "--input-format plain" 0 $? "zh-page-wrapped.txt: lines format" "$tmp/out"
printf '# 标题\n\n正文，第一段。\n' >"$tmp/draft.txt"
"$tally" parse --input-format markdown "$tmp/draft.txt" >"$tmp/out" 2>&1
expect "--input-format markdown on a .txt" 0 $? "headline     1:3-1:5 [2..8) 标题" "$tmp/out"
"$tally" parse --input-format md "$tmp/draft.txt" >"$tmp/out" 2>&1
expect "--input-format names checked" 2 $? "--input-format: md not in {auto,page,plain,markdown}" "$tmp/out"
mkdir -p "$tmp/fmt" && printf 'input_format: markdown\n' >"$tmp/fmt/.tally.yml"
cp "$tmp/draft.txt" "$tmp/fmt/"
"$tally" parse "$tmp/fmt/draft.txt" >"$tmp/out" 2>&1
expect "input_format: in .tally.yml" 0 $? "draft.txt: markdown format" "$tmp/out"
"$tally" parse --input-format plain "$tmp/fmt/draft.txt" >"$tmp/out" 2>&1
expect "--input-format wins over the config" 0 $? "draft.txt: lines format" "$tmp/out"
printf '%s\n' '{"id": "a", "text": "Of 1,200 patients, 900 were satisfied, a rate of 80%.\n\n<!-- tally-disable-next-line percent.recompute -->\nOf 1,000 patients, 900 were satisfied, a rate of 80%.\n"}' >"$tmp/a.jsonl"
"$tally" check --jsonl "$tmp/a.jsonl" --input-format markdown >"$tmp/out" 2>&1
expect "--input-format with --jsonl" 1 $? '"line":1' "$tmp/out"
if grep -qF '"line":4' "$tmp/out"; then
  echo "FAIL --jsonl markdown: suppressed line 4 reported"; fail=$((fail + 1))
fi

# Markdown front matter: no headline, no findings, offsets of the file.
cat >"$tmp/fm.md" <<'MD'
---
title: 东河区法院年报
summary: 办结案件899件，调解和解案件298件，调解和解率达32%。
---
# 东河区法院

今年办结案件899件，调解和解案件298件，调解和解率达32%。
MD
"$tally" check "$tmp/fm.md" >"$tmp/out" 2>&1
expect "front matter: one finding, in the body" 1 $? "fm.md:7:29: error [percent.recompute]" "$tmp/out"
expect "front matter: no finding in it" 1 1 "1 finding in 1 file" "$tmp/out"
"$tally" parse "$tmp/fm.md" >"$tmp/out" 2>&1
expect "front matter: the headline is the heading" 0 $? "article 1 [zh] headline: 东河区法院" "$tmp/out"

# A PDF on standard input: refused, saying to give its file name (not taken for GB18030 text).
"$tally" check - <"$root/tests/e2e/samples/page.pdf" >"$tmp/out" 2>"$tmp/err"
expect "PDF on stdin" 2 $? \
  "<stdin>: error: a PDF is not read from standard input: give its file name (tally check page.pdf)" "$tmp/err"

# A short typed draft keeps its subheadline.
printf '全市新建学校十二所\n秋季学期新增学位一万个\n\n今年全市新建中小学十二所，新增学位一万个，比去年增长25%%。\n\n市教育局表示，新学校将于九月开学。\n' >"$tmp/typed.txt"
"$tally" parse "$tmp/typed.txt" >"$tmp/out" 2>&1
expect "typed draft: subheadline" 0 $? "subheadline  2:1-2:12 [28..61) 秋季学期新增学位一万个" "$tmp/out"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
