#!/usr/bin/env bash
# The conventions users expect of a command-line linter (docs/cli.md): help and version, "did
# you mean" for commands, options and rule ids, colour only on a terminal, both config names,
# --stdin-filename, folder walks that honour ignore files, globs, and shell completions that
# load and complete. Outputs and exit codes are compared exactly.
set -u
tally=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # the tests change folder
root=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
sample="$root/samples/zh-page-wrapped.txt"

ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# name, expected exit, actual exit, expected text, file with the actual text
same() {
  if [ "$3" != "$2" ]; then bad "$1: exit $3, want $2"; cat "$5"; return; fi
  if [ "$4" != "$(cat "$5")" ]; then
    bad "$1: output differs"; diff <(printf '%s\n' "$4") "$5"; return
  fi
  ok "$1"
}

# name, expected exit, actual exit, text the file must contain, file
has() {
  if [ "$3" != "$2" ]; then bad "$1: exit $3, want $2"; cat "$5"; return; fi
  if ! grep -qF -- "$4" "$5"; then bad "$1: output lacks: $4"; cat "$5"; return; fi
  ok "$1"
}

# The paths a check run read, one a line, in its order.
paths_read() { "$tally" check --format json "$@" 2>/dev/null | sed -n 's/^      "path": "\(.*\)",$/\1/p'; }

# ---- commands, help, version ----
"$tally" >"$tmp/out" 2>"$tmp/err"
has "no command: usage error" 2 $? "tally: no command given" "$tmp/err"
has "no command: help shown" 2 2 "Usage: tally [OPTIONS] [SUBCOMMAND]" "$tmp/err"

"$tally" chek >"$tmp/out" 2>"$tmp/err"
same "unknown command suggests" 2 $? "tally: unknown command 'chek'; did you mean 'check'?
Run 'tally help' for the list of commands." "$tmp/err"
"$tally" lint >"$tmp/out" 2>"$tmp/err"
same "unknown command, nothing near" 2 $? "tally: unknown command 'lint'
Run 'tally help' for the list of commands." "$tmp/err"
"$tally" help chek >"$tmp/out" 2>"$tmp/err"
has "help of an unknown command" 2 $? "tally: unknown command 'chek'; did you mean 'check'?" "$tmp/err"

"$tally" help >"$tmp/out" 2>&1
code=$?
"$tally" --help >"$tmp/want" 2>&1
same "tally help = tally --help" 0 $code "$(cat "$tmp/want")" "$tmp/out"
for cmd in parse facts check rules explain test-rules lsp serve help completion; do
  "$tally" help "$cmd" >"$tmp/out" 2>&1
  code=$?
  "$tally" "$cmd" --help >"$tmp/want" 2>&1
  same "tally help $cmd = tally $cmd --help" 0 $code "$(cat "$tmp/want")" "$tmp/out"
done
"$tally" help check >"$tmp/out" 2>&1
has "help names the command in its usage" 0 $? "Usage: tally check [OPTIONS] [paths...]" "$tmp/out"

for flag in -V --version; do
  "$tally" $flag >"$tmp/out" 2>&1
  code=$?
  if [ $code -eq 0 ] && grep -qxE 'tally [0-9]+\.[0-9]+\.[0-9]+' "$tmp/out"; then ok "$flag"
  else bad "$flag: exit $code, $(cat "$tmp/out")"; fi
done

"$tally" check --fromat json "$sample" >"$tmp/out" 2>"$tmp/err"
same "unknown option suggests" 2 $? "tally check: unknown option '--fromat'; did you mean '--format'?
Run 'tally help check' for its options." "$tmp/err"

# ---- rule ids: --disable, .tally.yml ----
"$tally" check --disable percent.recompte "$sample" >"$tmp/out" 2>"$tmp/err"
same "--disable typo is an error" 2 $? "tally: --disable: no rule 'percent.recompte'; did you mean 'percent.recompute'?" "$tmp/err"
same "--disable typo: nothing checked" 2 2 "" "$tmp/out"
"$tally" check --disable 'percnt.*' --disable date "$sample" >"$tmp/out" 2>"$tmp/err"
same "--disable prefix typo and bare pack name" 2 $? "tally: --disable: no rule matches 'percnt.*'; did you mean 'percent.*'?
tally: --disable: no rule 'date'; did you mean 'date.*'?" "$tmp/err"
"$tally" check --disable 'percent.*' --disable count.enumeration "$sample" >"$tmp/out" 2>&1
has "--disable known ids still work" 1 $? "findings in 1 file" "$tmp/out"
echo '{"id": 1, "text": "正文。"}' | "$tally" check --jsonl - --disable percent.recompte >"$tmp/out" 2>"$tmp/err"
has "--jsonl --disable typo" 2 $? "no rule 'percent.recompte'; did you mean 'percent.recompute'?" "$tmp/err"
"$tally" rules --disable nope.rule >"$tmp/out" 2>"$tmp/err"
has "rules --disable typo" 2 $? "tally: --disable: no rule 'nope.rule'" "$tmp/err"
"$tally" explain percent.recompte >"$tmp/out" 2>"$tmp/err"
has "explain suggests" 2 $? "tally: no rule 'percent.recompte'; did you mean 'percent.recompute'?" "$tmp/err"

mkdir -p "$tmp/desk" && cp "$sample" "$tmp/desk/a.txt"
printf 'language: zh\ndisable:\n  - date.future\n  - percent.recompte\n' >"$tmp/desk/.tally.yml"
"$tally" check "$tmp/desk/a.txt" >"$tmp/out" 2>"$tmp/err"
same ".tally.yml rule typo: file:line:col" 2 $? "$tmp/desk/a.txt: error: config: $tmp/desk/.tally.yml:4:5: disable: no rule 'percent.recompte'; did you mean 'percent.recompute'?" "$tmp/err"
printf 'severity:\n  percnt.*: info\n' >"$tmp/desk/.tally.yml"
"$tally" check "$tmp/desk/a.txt" >"$tmp/out" 2>"$tmp/err"
has ".tally.yml prefix typo" 2 $? ".tally.yml:2:3: severity: no rule matches 'percnt.*'; did you mean 'percent.*'?" "$tmp/err"
(cd "$tmp/desk" && "$tally" rules >"$tmp/out" 2>"$tmp/err")
has "rules reports the config typo" 2 $? ".tally.yml:2:3: severity: no rule matches 'percnt.*'" "$tmp/err"

# ---- config names ----
rm "$tmp/desk/.tally.yml"
printf 'severity: {percent.recompute: info}\n' >"$tmp/desk/.tally.yaml"
"$tally" check "$tmp/desk/a.txt" >"$tmp/out" 2>&1
has ".tally.yaml is read" 1 $? "a.txt:10:17: info [percent.recompute]" "$tmp/out"
printf 'language: en\n' >"$tmp/desk/.tally.yml"
"$tally" check "$tmp/desk/a.txt" >"$tmp/out" 2>"$tmp/err"
same "both config names: an error naming both" 2 $? "$tmp/desk/a.txt: error: config: $tmp/desk/.tally.yml and $tmp/desk/.tally.yaml: two config files in one folder; keep one" "$tmp/err"
rm "$tmp/desk/.tally.yml"

# ---- --stdin-filename ----
"$tally" check --stdin-filename "$tmp/desk/story.txt" - <"$sample" >"$tmp/out" 2>&1
has "stdin named, config found from the name" 1 $? "$tmp/desk/story.txt:10:17: info [percent.recompute]" "$tmp/out"
printf '# 标题\n\n正文。\n' | "$tally" parse --stdin-filename NOTES.MD - >"$tmp/out" 2>&1
has "stdin name decides Markdown (any case)" 0 $? "NOTES.MD: markdown format, 1 article" "$tmp/out"
printf 'ignore: ["drafts/*"]\n' >"$tmp/desk/.tally.yaml"
"$tally" check --stdin-filename "$tmp/desk/drafts/x.txt" - <"$sample" >"$tmp/out" 2>"$tmp/err"
same "stdin name ignored by the config: said so" 0 $? "tally: $tmp/desk/drafts/x.txt: not checked (ignored by $tmp/desk/.tally.yaml)" "$tmp/err"
"$tally" check --stdin-filename x.txt "$sample" >"$tmp/out" 2>"$tmp/err"
same "--stdin-filename without -" 2 $? "tally: --stdin-filename names standard input; give '-' among the paths" "$tmp/err"
rm "$tmp/desk/.tally.yaml"

# ---- colour ----
"$tally" check --color always "$sample" >"$tmp/out" 2>&1
code=$?
head -1 "$tmp/out" >"$tmp/first"
same "--color always" 1 $code $'\e[1m'"$sample:10:17:"$'\e[0m \e[1;31merror\e[0m \e[2m[percent.recompute]\e[0m 比率与数据不符：298÷899 = 33.1%，文中为 32%' "$tmp/first"
"$tally" check "$sample" >"$tmp/out" 2>&1
if grep -q $'\e' "$tmp/out"; then bad "auto: no colour into a pipe"; else ok "auto: no colour into a pipe"; fi
"$tally" check --color always --format json "$sample" >"$tmp/out" 2>&1
if grep -q $'\e' "$tmp/out"; then bad "never colour JSON"; else ok "never colour JSON"; fi
if command -v script >/dev/null; then
  on_tty() { script -qec "$*" /dev/null </dev/null; }  # util-linux: a pseudo-terminal
  # TERM set here: the suite may run where TERM is dumb (a chroot, CI), which rightly turns colour off.
  TERM=xterm on_tty "$tally check $sample" >"$tmp/out"
  if grep -q $'\e\[1;31merror' "$tmp/out"; then ok "auto: colour on a terminal"; else bad "auto: colour on a terminal"; fi
  TERM=xterm NO_COLOR=1 on_tty "$tally check $sample" >"$tmp/out"
  if grep -q $'\e' "$tmp/out"; then bad "NO_COLOR turns auto off"; else ok "NO_COLOR turns auto off"; fi
  TERM=xterm NO_COLOR= on_tty "$tally check $sample" >"$tmp/out"
  if grep -q $'\e\[1;31merror' "$tmp/out"; then ok "empty NO_COLOR is not set"; else bad "empty NO_COLOR is not set"; fi
  TERM=dumb on_tty "$tally check $sample" >"$tmp/out"
  if grep -q $'\e' "$tmp/out"; then bad "TERM=dumb: no colour"; else ok "TERM=dumb: no colour"; fi
  TERM=xterm on_tty "$tally check --color never $sample" >"$tmp/out"
  if grep -q $'\e' "$tmp/out"; then bad "--color never on a terminal"; else ok "--color never on a terminal"; fi
else
  echo "skip colour on a terminal: no script(1)"
fi

# ---- folder walks ----
draft() { mkdir -p "$(dirname "$1")" && printf '正文。\n' >"$1"; }
fake_repo() { mkdir -p "$1/.git/objects" "$1/.git/refs" "$1/.git/info" && printf 'ref: refs/heads/main\n' >"$1/.git/HEAD"; }
w="$tmp/walk"
fake_repo "$w"
for f in a.txt B.TXT c.MD d.Markdown e.rst sub/f.md .hidden/g.txt .h.txt node_modules/pkg/h.md \
  build/i.txt keep/j.txt sub/skip.txt sub/.ignore-me/k.txt local/l.txt nested/m.txt \
  nested/out/n.txt nested/o.txt sub/o.txt; do draft "$w/$f"; done
printf 'build/\n*.log\n' >"$w/.gitignore"
printf 'skip.txt\n' >"$w/sub/.ignore"
printf 'local/\nkeep/\n' >"$w/.git/info/exclude"
fake_repo "$w/nested"
printf 'out/\n' >"$w/nested/.gitignore"
printf 'o.txt\n' >"$w/.ignore"
paths_read "$w" >"$tmp/out"
same "walk: drafts in any case; hidden, node_modules, .gitignore, .ignore, info/exclude skipped" 0 0 \
"$w/B.TXT
$w/a.txt
$w/c.MD
$w/d.Markdown
$w/nested/m.txt
$w/sub/f.md" "$tmp/out"
paths_read --no-ignore "$w" >"$tmp/out"
same "walk --no-ignore" 0 0 \
"$w/.h.txt
$w/.hidden/g.txt
$w/B.TXT
$w/a.txt
$w/build/i.txt
$w/c.MD
$w/d.Markdown
$w/keep/j.txt
$w/local/l.txt
$w/nested/m.txt
$w/nested/o.txt
$w/nested/out/n.txt
$w/node_modules/pkg/h.md
$w/sub/.ignore-me/k.txt
$w/sub/f.md
$w/sub/o.txt
$w/sub/skip.txt" "$tmp/out"
paths_read "$w/build/i.txt" "$w/build" "$w/keep" >"$tmp/out"
same "named files and folders are read though ignored" 0 0 "$w/build/i.txt
$w/build/i.txt
$w/keep/j.txt" "$tmp/out"
(cd "$w/sub" && paths_read . >"$tmp/out")
same "walk from inside the repository: .ignore files above apply" 0 0 "./f.md" "$tmp/out"
# Outside any repository the .gitignore files are applied all the same.
n="$tmp/norepo"
draft "$n/a.txt" && draft "$n/gen/b.txt" && draft "$n/sub/c.txt" && draft "$n/sub/d.txt"
printf 'gen/\n' >"$n/.gitignore" && printf 'd.txt\n' >"$n/sub/.gitignore"
paths_read "$n" >"$tmp/out"
same "walk outside a repository: .gitignore applied" 0 0 "$n/a.txt
$n/sub/c.txt" "$tmp/out"

# ---- globs ----
(cd "$w" && paths_read '**/*.md' 'sub/*.md' '[ab].txt' '?.MD' >"$tmp/out")
same "globs expanded by tally" 0 0 "sub/f.md
sub/f.md
a.txt
c.MD" "$tmp/out"
(cd "$w" && paths_read "$w/*.txt" >"$tmp/out")
same "absolute glob" 0 0 "$w/a.txt" "$tmp/out"
(cd "$w" && "$tally" check 'drafts/**/*.md' a.txt >"$tmp/out" 2>"$tmp/err")
same "glob matching nothing is an input error" 2 $? "drafts/**/*.md: error: no files match this pattern" "$tmp/err"
has "glob matching nothing: the other files checked" 2 2 "0 findings in 1 file, 1 input error" "$tmp/out"

# ---- ignore: in .tally.yml, however the path is written ----
c="$tmp/cfg"
draft "$c/drafts/archive/old.txt" && draft "$c/drafts/new.txt"
printf 'ignore: ["drafts/archive/*"]\n' >"$c/.tally.yml"
(cd "$c" && paths_read . >"$tmp/out")
same "config ignore from the config's folder" 0 0 "./drafts/new.txt" "$tmp/out"
(cd "$c/drafts" && paths_read . >"$tmp/out")
same "config ignore from a folder below it" 0 0 "./new.txt" "$tmp/out"
(cd "$tmp" && paths_read cfg/drafts/archive/old.txt cfg/drafts/./archive/old.txt cfg/drafts/x/../archive/old.txt >"$tmp/out")
same "config ignore for a file named with . and .." 0 0 "" "$tmp/out"

# ---- shell completions ----
"$tally" completion bash >"$tmp/tally.bash"
if bash -c "source '$tmp/tally.bash'" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then ok "bash script loads"; else bad "bash script loads"; cat "$tmp/err"; fi
complete_bash() {
  bash -c "source '$tmp/tally.bash'
    COMP_WORDS=($*); COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1)); _tally; echo \"\${COMPREPLY[*]}\""
}
complete_bash "'$tally'" ch >"$tmp/out"
same "bash: tally ch" 0 0 "check" "$tmp/out"
complete_bash "'$tally'" check --format "''" >"$tmp/out"
same "bash: --format values" 0 0 "text json jsonl sarif github junit checkstyle html" "$tmp/out"
complete_bash "'$tally'" check --fail-on = w >"$tmp/out"
same "bash: --fail-on=w" 0 0 "warning" "$tmp/out"
complete_bash "'$tally'" check --disable percent.r >"$tmp/out"
same "bash: rule ids" 0 0 "percent.range percent.recompute" "$tmp/out"
(cd "$w" && complete_bash "'$tally'" check --rules n) | tr ' ' '\n' | sort >"$tmp/out"
same "bash: --rules completes folders" 0 0 "nested
node_modules" "$tmp/out"
"$tally" completion tcsh >"$tmp/out" 2>&1
has "unknown shell refused" 2 $? "shell: tcsh not in {bash,zsh,fish}" "$tmp/out"

if command -v zsh >/dev/null; then
  "$tally" completion zsh >"$tmp/_tally"
  zsh -f -c "autoload -U compinit && compinit -u -d '$tmp/zcompdump' && source '$tmp/_tally' &&
    [[ \$_comps[tally] == _tally ]] && print loaded" >"$tmp/out" 2>&1
  same "zsh script loads and registers" 0 $? "loaded" "$tmp/out"
  # A real completion: an interactive zsh on a pseudo-terminal, TAB after "tally check --format ".
  cat >"$tmp/zpty.zsh" <<EOF
zmodload zsh/zpty
zpty -b z 'zsh -f -i'
zpty -w z 'PS1="> "; autoload -U compinit; compinit -u -d $tmp/zcompdump; source $tmp/_tally'
zpty -n -w z \$'tally check --format \t'
zpty -r z out '*junit*' && print found
zpty -d z
EOF
  timeout 20 zsh -f "$tmp/zpty.zsh" >"$tmp/out" 2>&1
  same "zsh: --format values" 0 $? "found" "$tmp/out"
else
  echo "skip zsh completion: zsh is not installed (scripts/setup.sh --test installs it)"
fi

if command -v fish >/dev/null; then
  "$tally" completion fish >"$tmp/tally.fish"
  HOME="$tmp" fish --no-config -c "source '$tmp/tally.fish'; complete -C'tally ch'; complete -C'tally check --color '" >"$tmp/out" 2>&1
  same "fish: loads and completes" 0 $? "check	check drafts and report findings
always	colour the text output: auto (a terminal, unless NO_COLOR is set), always, never
auto	colour the text output: auto (a terminal, unless NO_COLOR is set), always, never
never	colour the text output: auto (a terminal, unless NO_COLOR is set), always, never" "$tmp/out"
else
  echo "skip fish completion: fish is not installed (scripts/setup.sh --test installs it)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
