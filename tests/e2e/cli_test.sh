#!/usr/bin/env bash
# End-to-end tests of the tally CLI: exit codes, error messages, output formats.
set -u
tally="$1"
root="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

expect() {  # name, expected exit, actual exit, [grep pattern, file]
  local name="$1" want="$2" got="$3"
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, want $want"; fail=$((fail + 1)); return
  fi
  if [ $# -ge 5 ] && ! grep -qF -- "$4" "$5"; then
    echo "FAIL $name: output lacks: $4"; cat "$5"; fail=$((fail + 1)); return
  fi
  echo "ok   $name"; pass=$((pass + 1))
}

"$tally" check "$root/samples/clean-zh.txt" >"$tmp/out" 2>&1
expect "clean file exits 0" 0 $? "0 findings in 1 file" "$tmp/out"

"$tally" check "$root/samples" >"$tmp/out" 2>&1
expect "samples have findings" 1 $? "zh-page-wrapped.txt:21:5: warning [artifact.doubled-text]" "$tmp/out"

printf 'ok text\n' >"$tmp/good.txt"
printf 'bad \xff byte\n' >"$tmp/bad.txt"
printf 'a\0b' >"$tmp/bin.txt"
: >"$tmp/empty.txt"
"$tally" check "$tmp/bad.txt" "$tmp/bin.txt" "$tmp/empty.txt" "$root/samples/zh-page-wrapped.txt" >"$tmp/out" 2>"$tmp/err"
expect "invalid UTF-8 exits 2" 2 $? "bad.txt: error: invalid UTF-8: byte 0xFF at offset 4" "$tmp/err"
expect "binary file named" 2 2 "bin.txt: error: binary file (NUL byte at offset 1)" "$tmp/err"
expect "other files still checked" 2 2 "findings in 2 files, 2 input errors" "$tmp/out"

"$tally" check --format json "$tmp/bad.txt" "$root/samples/zh-page-wrapped.txt" >"$tmp/out" 2>&1
expect "json reports errors per file" 2 $? '"message": "invalid UTF-8: byte 0xFF at offset 4"' "$tmp/out"
expect "json has findings" 2 2 '"rule": "artifact.spaced-chars"' "$tmp/out"

"$tally" check "$tmp/nope.txt" >"$tmp/out" 2>"$tmp/err"
expect "missing file exits 2" 2 $? "nope.txt: error: no such file or directory" "$tmp/err"

"$tally" check --bogus x >"$tmp/out" 2>&1
expect "unknown option exits 2" 2 $?

"$tally" parse --date 2026-02-30 "$tmp/good.txt" >"$tmp/out" 2>&1
expect "impossible --date refused" 2 $? "'2026-02-30' is not a date" "$tmp/out"

printf '# 标题\n\n正文。\n' | "$tally" parse --format json - >"$tmp/out" 2>&1
expect "stdin parse" 0 $? '"path": "<stdin>"' "$tmp/out"

"$tally" parse "$root/samples/zh-page-wrapped.txt" >"$tmp/out" 2>&1
expect "parse text output" 0 $? "article 1 [zh] headline: 东河区法院 / 行政争议化解提速" "$tmp/out"

mkdir -p "$tmp/cfg/sub" && printf 'date: 2026-05-01\n' >"$tmp/cfg/.tally.yml" && cp "$tmp/good.txt" "$tmp/cfg/sub/"
"$tally" parse "$tmp/cfg/sub/good.txt" >"$tmp/out" 2>&1
expect "config date found upward" 0 $? "published 2026-05-01 (config)" "$tmp/out"
printf 'date: [oops\n' >"$tmp/cfg/.tally.yml"
"$tally" check "$tmp/cfg/sub/good.txt" >"$tmp/out" 2>"$tmp/err"
expect "broken config named with position" 2 $? ".tally.yml:2:1:" "$tmp/err"

"$tally" facts "$root/samples/zh-page-wrapped.txt" >"$tmp/out" 2>&1
expect "facts text output" 0 $? "rate      32% approximate=false decimals=0 interval=[32.0,32.0] subject=调解和解" "$tmp/out"
"$tally" facts --format json "$root/samples/zh-lines.txt" >"$tmp/out" 2>&1
expect "facts json: impossible date kept, marked invalid" 0 $? '"valid": false' "$tmp/out"

"$tally" check --help >"$tmp/out" 2>&1
expect "check --help" 0 $? "Exit status: 0 no findings (at or above --fail-on), 1 findings, 2 usage, input or rule error" "$tmp/out"

# Rules: a newsroom's own folder is picked up without rebuilding, and overrides shipped ids.
mkdir -p "$tmp/house"
cat >"$tmp/house/wording.yaml" <<'YAML'
id: house.wording
kind: substitution
scope: article
severity: error
swap:
  进一步加强: 加强
message:
  zh: "套话：{match}，建议改为 {replacement}"
  en: "Wordy: {match}"
YAML
printf '我们要进一步加强管理。\n' >"$tmp/house.txt"
"$tally" check --rules "$tmp/house" "$tmp/house.txt" >"$tmp/out" 2>&1
expect "user rule folder picked up" 1 $? "error [house.wording] 套话：进一步加强，建议改为 加强" "$tmp/out"
"$tally" rules --rules "$tmp/house" >"$tmp/out" 2>&1
expect "rules lists user rule with its file" 0 $? "house.wording                error    substitution  $tmp/house/wording.yaml:1" "$tmp/out"
"$tally" rules >"$tmp/out" 2>&1
expect "rules lists shipped packs" 0 $? "percent.recompute            error    rate          <embedded>/percent/recompute.yaml" "$tmp/out"
expect "rules grouped by family" 0 0 "percent  百分比 / Percentages" "$tmp/out"
expect "moved rule in its family's folder" 0 0 "bracket.unbalanced           info     pair          <embedded>/bracket/unbalanced.yaml:1" "$tmp/out"
expect "a hint says why" 0 0 "bracket.unbalanced           info     pair          <embedded>/bracket/unbalanced.yaml:1  hint by default: measured on published copy" "$tmp/out"
"$tally" rules --format json >"$tmp/out" 2>&1
expect "rules json names the family in English" 0 $? '"en": "Brackets"' "$tmp/out"
expect "rules json names the family in Chinese" 0 0 '"zh": "括号"' "$tmp/out"
expect "rules json says whether a rule is on by default" 0 0 '"default": "on"' "$tmp/out"

# A house rule whose id does not name its folder and file loads, with a warning on stderr.
mkdir -p "$tmp/desk-rules"
printf 'id: quote.house-style\nkind: pattern\npattern: 啊啊\nmessage: m\n' >"$tmp/desk-rules/style.yaml"
"$tally" rules --rules "$tmp/desk-rules" >"$tmp/out" 2>"$tmp/err"
expect "misplaced house rule: warning, not an error" 0 $? "warning: $tmp/desk-rules/style.yaml:1:1: rule quote.house-style: id 'quote.house-style' belongs in quote/house-style.yaml, not desk-rules/style.yaml" "$tmp/err"
rm -r "$tmp/desk-rules"

# A message in a language other than zh and en is an error naming the file and key, in Lua too.
mkdir -p "$tmp/lang/quote"
printf "tally.rule{ id = 'quote.fr', message = { en = 'x', fr = 'y' },\n  on_article = function() end }\n" >"$tmp/lang/quote/fr.lua"
"$tally" rules --rules "$tmp/lang" >"$tmp/out" 2>"$tmp/err"
expect "lua fr message refused" 2 $? "$tmp/lang/quote/fr.lua:1: tally.rule: 'message' has texts for zh and en only, not 'fr'" "$tmp/err"
rm -r "$tmp/lang"

# default: off ships a rule that runs only when enabled (--enable, enable: in .tally.yml).
mkdir -p "$tmp/off/quote"
cat >"$tmp/off/quote/strict.yaml" <<'YAML'
id: quote.strict
kind: pattern
pattern: 管理
message: 严格：{match}
default: off
default_reason: {zh: 误报较多, en: noisy on syndicated copy}
YAML
"$tally" rules --rules "$tmp/off" >"$tmp/out" 2>&1
expect "rules shows why a rule is off" 0 $? "off by default: noisy on syndicated copy" "$tmp/out"
"$tally" check --rules "$tmp/off" "$tmp/house.txt" >"$tmp/out" 2>&1
expect "a rule off by default does not run" 0 $? "0 findings in 1 file" "$tmp/out"
"$tally" check --rules "$tmp/off" --enable quote.strict "$tmp/house.txt" >"$tmp/out" 2>&1
expect "--enable turns it on" 1 $? "[quote.strict] 严格：管理" "$tmp/out"
"$tally" check --rules "$tmp/off" --enable quote.strict --disable quote.strict "$tmp/house.txt" >"$tmp/out" 2>&1
expect "--disable wins over --enable" 0 $? "0 findings in 1 file" "$tmp/out"
"$tally" check --rules "$tmp/off" --enable quote.strikt "$tmp/house.txt" >"$tmp/out" 2>"$tmp/err"
expect "--enable typo is an error with a suggestion" 2 $? "tally: --enable: no rule 'quote.strikt'; did you mean 'quote.strict'?" "$tmp/err"
mkdir -p "$tmp/offdesk" && cp "$tmp/house.txt" "$tmp/offdesk/a.txt"
printf 'rules: [../off]\nenable: [quote.strict]\n' >"$tmp/offdesk/.tally.yml"
"$tally" check "$tmp/offdesk/a.txt" >"$tmp/out" 2>&1
expect "enable: in .tally.yml turns it on" 1 $? "[quote.strict] 严格：管理" "$tmp/out"
printf 'rules: [../off]\nenable: [quote.strikt]\n' >"$tmp/offdesk/.tally.yml"
"$tally" check "$tmp/offdesk/a.txt" >"$tmp/out" 2>&1
expect "enable: typo in .tally.yml" 2 $? "enable: no rule 'quote.strikt'; did you mean 'quote.strict'?" "$tmp/out"
"$tally" explain quote.strict --rules "$tmp/off" >"$tmp/out" 2>&1
expect "explain gives the reason" 0 $? "Off by default: noisy on syndicated copy" "$tmp/out"
rm -r "$tmp/off" "$tmp/offdesk"
"$tally" explain percent.recompute >"$tmp/out" 2>&1
expect "explain shows description and example finding" 0 $? "比率与数据不符：298÷899 = 33.1%，文中为 32%" "$tmp/out"
"$tally" explain date.future >"$tmp/out" 2>&1
expect "explain names what a rule needs" 0 $? "Needs: publication_date (without it the rule does not run" "$tmp/out"
expect "explain dates the example of a rule that needs a date" 0 0 "example:1:1: error [date.future]" "$tmp/out"
"$tally" explain no.such-rule >"$tmp/out" 2>&1
expect "explain unknown rule" 2 $? "no rule 'no.such-rule'" "$tmp/out"

# test-rules compares the message and fix of a fire case that has no 'at' (it used to stop once
# the number of findings matched, so a wrong expectation passed).
mkdir -p "$tmp/house-tests" && cp "$tmp/house/wording.yaml" "$tmp/house-tests/"
printf 'rule: house.wording\nfire:\n  - text: 我们要进一步加强管理。\n    message: 套话：加强\n' >"$tmp/house-tests/wording.test.yaml"
"$tally" test-rules "$tmp/house-tests" >"$tmp/out" 2>&1
expect "test-rules: wrong message without 'at' fails" 1 $? "      want: 套话：加强" "$tmp/out"
expect "test-rules: shows the message found" 1 1 "      got:  套话：进一步加强，建议改为 加强" "$tmp/out"
printf 'rule: house.wording\nfire:\n  - text: 我们要进一步加强管理。\n    fix: 强化\n' >"$tmp/house-tests/wording.test.yaml"
"$tally" test-rules "$tmp/house-tests" >"$tmp/out" 2>&1
expect "test-rules: wrong fix without 'at' fails" 1 $? 'fix differs: want "强化", got "加强"' "$tmp/out"
printf 'rule: house.wording\nfire:\n  - text: 我们要进一步加强管理。\n    message: 套话：进一步加强，建议改为 加强\n    fix: 加强\n' >"$tmp/house-tests/wording.test.yaml"
"$tally" test-rules "$tmp/house-tests" >"$tmp/out" 2>&1
expect "test-rules: right message and fix without 'at' pass" 0 $? "1 test files, 1 passed, 0 failed" "$tmp/out"

# test-rules checks every finding's fix (report::check_fix): a fix away from its finding fails
# the case, naming the rule and both texts.
mkdir -p "$tmp/far-fix/house"
cat >"$tmp/far-fix/house/far-fix.lua" <<'LUA'
tally.rule{ id = "house.far-fix", severity = "warning",
  on_article = function(article, report)
    for bi, _ in ipairs(article.blocks) do
      report{ at = tally.span(bi, 0, 3), message = "x",
        fix = { { at = tally.span(bi, 6, 9), text = "丙" } } }
    end
  end }
LUA
printf 'rule: house.far-fix\nfire:\n  - text: 甲，乙。\n    at: 甲\n' >"$tmp/far-fix/house/far-fix.test.yaml"
"$tally" test-rules "$tmp/far-fix" >"$tmp/out" 2>&1
expect "test-rules: a fix away from its finding fails" 1 $? 'far-fix.test.yaml:3 house.far-fix: unsound finding or fix: fix edit 1 [6, 9) "乙" is away from the finding [0, 3) "甲"' "$tmp/out"

# known_misfire: an accepted false alarm recorded in place; it must still fire, and is no failure.
printf 'rule: house.wording\nfire:\n  - 我们要进一步加强管理。\nknown_misfire:\n  - text: 他说“进一步加强”是套话。\n    at: 进一步加强\n' >"$tmp/house-tests/wording.test.yaml"
"$tally" test-rules "$tmp/house-tests" >"$tmp/out" 2>&1
expect "test-rules: a known misfire passes, counted apart" 0 $? "1 test files, 2 passed, 0 failed (1 known misfires among the passed)" "$tmp/out"
expect "test-rules: a known misfire is listed" 0 0 "KNOWN $tmp/house-tests/wording.test.yaml:5 house.wording" "$tmp/out"
printf 'rule: house.wording\nfire:\n  - 我们要进一步加强管理。\nknown_misfire:\n  - 我们要加强管理。\n' >"$tmp/house-tests/wording.test.yaml"
"$tally" test-rules "$tmp/house-tests" >"$tmp/out" 2>&1
expect "test-rules: a known misfire that stops firing fails" 1 $? "known misfire no longer fires (move it to pass:)" "$tmp/out"

# A broken rule file is named with its position; the other rules still run.
printf 'id: house.bad\nkind: pattern\nmesage: x\npattern: y\n' >"$tmp/house/bad.yaml"
"$tally" check --rules "$tmp/house" "$tmp/house.txt" >"$tmp/out" 2>"$tmp/err"
expect "broken rule named with file:line:column" 2 $? "bad.yaml:3:1: rule house.bad: unknown key 'mesage'" "$tmp/err"
expect "other rules kept despite a broken file" 2 2 "[house.wording]" "$tmp/out"
rm "$tmp/house/bad.yaml"

# A Lua rule that loops forever is stopped and reported; findings of the others are kept.
printf "tally.rule{ id = 'house.loop', on_article = function(a, report)\n  while true do end\nend }\n" >"$tmp/house/loop.lua"
"$tally" check --rules "$tmp/house" "$tmp/house.txt" >"$tmp/out" 2>"$tmp/err"
expect "looping rule stopped with file:line" 2 $? "loop.lua:2: rule house.loop: " "$tmp/err"
expect "looping rule: other findings kept" 2 2 "[house.wording]" "$tmp/out"
rm "$tmp/house/loop.lua"

# .tally.yml: rule folders, disabled rules, severity overrides, ignored files.
mkdir -p "$tmp/desk/drafts" && cp "$tmp/house.txt" "$tmp/desk/drafts/a.txt" && cp "$tmp/house.txt" "$tmp/desk/drafts/skip.txt"
printf 'rules: [../house]\nseverity: {house.wording: info}\nignore: ["drafts/skip.txt"]\n' >"$tmp/desk/.tally.yml"
"$tally" check "$tmp/desk/drafts" >"$tmp/out" 2>&1
expect "config adds rule folder and overrides severity" 1 $? "info [house.wording]" "$tmp/out"
expect "config ignores files" 1 1 "1 finding in 1 file" "$tmp/out"
printf 'rules: [../house]\ndisable: ["house.*"]\n' >"$tmp/desk/.tally.yml"
"$tally" check "$tmp/desk/drafts/a.txt" >"$tmp/out" 2>&1
expect "config disables rules by prefix" 0 $? "0 findings in 1 file" "$tmp/out"
printf 'rules: [../house]\nlanguage: en\n' >"$tmp/desk/.tally.yml"
"$tally" check "$tmp/desk/drafts/a.txt" >"$tmp/out" 2>&1
expect "config language picks the message language" 1 $? "error [house.wording] Wordy: 进一步加强" "$tmp/out"
printf 'rulez: []\n' >"$tmp/desk/.tally.yml"
"$tally" check "$tmp/desk/drafts/a.txt" >"$tmp/out" 2>"$tmp/err"
expect "unknown config key refused" 2 $? "unknown setting 'rulez'" "$tmp/err"

"$tally" test-rules "$root/rules" >"$tmp/out" 2>&1
expect "shipped rule tests pass" 0 $? " 0 failed" "$tmp/out"
printf 'rule: house.wording\nfire:\n  - text: 我们要加强管理。\n    at: 加强\n' >"$tmp/house/wording.test.yaml"
"$tally" test-rules "$tmp/house" >"$tmp/out" 2>&1
expect "failing rule test reported" 1 $? "1 test files, 0 passed, 1 failed" "$tmp/out"

# --output FILE: the report written whole, the same bytes as on stdout; an unwritable target
# leaves nothing and exits 2.
"$tally" check --format json "$root/samples/zh-lines.txt" >"$tmp/stdout.json" 2>/dev/null
"$tally" check --format json --output "$tmp/report.json" "$root/samples/zh-lines.txt" >"$tmp/out" 2>&1
expect "--output keeps the exit status" 1 $?
if cmp -s "$tmp/stdout.json" "$tmp/report.json" && [ ! -s "$tmp/out" ]; then
  echo "ok   --output writes what stdout would have"; pass=$((pass + 1))
else
  echo "FAIL --output writes what stdout would have"; fail=$((fail + 1))
fi
"$tally" check --format html -o "$tmp/report.html" "$root/samples/zh-lines.txt" >"$tmp/out" 2>&1
expect "--format html -o writes a page" 1 $? "<!DOCTYPE html>" "$tmp/report.html"
"$tally" check --output /dev/full "$root/samples/zh-lines.txt" >"$tmp/out" 2>&1
expect "--output to a full disk exits 2" 2 $? "tally: cannot write the report: /dev/full" "$tmp/out"
"$tally" check --output "$tmp" "$root/samples/zh-lines.txt" >"$tmp/out" 2>&1
expect "--output to a folder exits 2" 2 $? "cannot write the report" "$tmp/out"
echo '{"text": "x"}' | "$tally" check --jsonl - --output "$tmp/x.json" >"$tmp/out" 2>&1
expect "--jsonl refuses --output" 2 $? "--jsonl reads its own input" "$tmp/out"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
