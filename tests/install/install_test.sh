#!/usr/bin/env bash
# `cmake --install` into a scratch prefix, then what a user of that tree sees: the command on the
# samples (same output as the build tree's), the rule packs passing `tally test-rules`, rule links
# resolved to the installed docs, the man page rendering with `man -l`, the completions, and the
# Python binding installed with pip (no network) loading the installed libtally.so.1.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR MAN_PAGE(ON|OFF) COMPLETIONS(ON|OFF)
set -euo pipefail
build=$(realpath "$1") root=$(realpath "$2") man_page=$3 completions=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
fail() { echo "install_test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null
lib=$(find "$prefix" -name libtally.so.1)
[ -n "$lib" ] || fail "libtally.so.1 not installed"
for f in bin/tally include/tally/tally.h share/doc/tally/README.md share/doc/tally/docs/rules.md \
         share/doc/tally/LICENSE share/doc/tally/copyright; do
  [ -s "$prefix/$f" ] || fail "$f not installed"
done
[ -n "$(find "$prefix" -name tally.pc)" ] || fail "tally.pc not installed"

# The command, away from the source tree: the same report as the build tree's tally.
cd "$root"
set +e
want=$("$build/tally" check samples/); want_rc=$?
got=$("$prefix/bin/tally" check samples/); got_rc=$?
set -e
[ "$got_rc" -eq 1 ] && [ "$got_rc" -eq "$want_rc" ] || fail "check samples/ exited $got_rc, want $want_rc"
[ "$got" = "$want" ] || fail "installed tally reports differently: $(diff <(echo "$want") <(echo "$got") | head -5)"
echo "ok   bin/tally check samples/: $(tail -1 <<<"$got")"

# The modules loaded on first use (docs/install.md): the PDF reader answers for a .pdf (its own
# message for a file that is not one), the git module for a folder walk; a tally copied away
# from them names the missing module and where it looked, and still checks plain text.
for m in tally_pdf.so tally_git.so tally_serve.so; do
  [ -n "$(find "$prefix" -path "*/tally/$m")" ] || fail "$m not installed under LIBDIR/tally"
done
printf 'not a pdf' >"$tmp/fake.pdf"
pdf_msg() { "$1" check "$tmp/fake.pdf" 2>&1 >/dev/null || true; }
[[ "$(pdf_msg "$prefix/bin/tally")" == *"not a readable PDF"* ]] ||
  fail "installed tally on a .pdf: $(pdf_msg "$prefix/bin/tally")"
mkdir "$tmp/lonely" && cp "$prefix/bin/tally" "$tmp/lonely/"
[[ "$(pdf_msg "$tmp/lonely/tally")" == *"cannot read PDFs: the module tally_pdf.so is not installed (looked for $tmp/lonely/tally_pdf.so, "* ]] ||
  fail "tally without its modules on a .pdf: $(pdf_msg "$tmp/lonely/tally")"
walk=$("$tmp/lonely/tally" check samples/ 2>&1 >/dev/null || true)
[[ "$walk" == *"cannot read ignore files: the module tally_git.so is not installed"*"--no-ignore"* ]] ||
  fail "tally without its modules on a folder: $walk"
set +e
"$tmp/lonely/tally" check --no-ignore samples/ >/dev/null 2>&1; rc=$?
set -e
[ "$rc" -eq 1 ] || fail "check --no-ignore samples/ without the modules exited $rc, want 1"
# `tally serve` runs from tally_serve.so: the installed one starts and answers; without the
# module it names it and exits 2.
"$prefix/bin/tally" serve --port 0 --quiet --no-tally-ignore >"$tmp/serve.out" 2>&1 &
serve_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$tmp/serve.out" && break; sleep 0.1; done
url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$tmp/serve.out")
page=$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=10).status)' "$url" 2>&1 || true)
kill "$serve_pid" && wait "$serve_pid" || true
[ "$page" = 200 ] || fail "installed tally serve: $(cat "$tmp/serve.out") / $page"
set +e
serve_msg=$("$tmp/lonely/tally" serve --port 0 2>&1 >/dev/null); rc=$?
set -e
[ "$rc" -eq 2 ] && [[ "$serve_msg" == *"cannot start the server: the module tally_serve.so is not installed (looked for $tmp/lonely/tally_serve.so, "* ]] ||
  fail "tally serve without its module (exit $rc): $serve_msg"
echo "ok   modules: tally_pdf.so, tally_git.so, tally_serve.so loaded when needed; missing ones named"

# Every shipped rule file, with its test cases, and they pass from there.
n_src=$(cd rules && find . -type f | sort)
n_inst=$(cd "$prefix/share/tally/rules" && find . -type f | sort)
[ "$n_src" = "$n_inst" ] || fail "share/tally/rules differs from rules/"
out=$("$prefix/bin/tally" test-rules "$prefix/share/tally/rules") || fail "test-rules failed: $out"
echo "ok   share/tally/rules: $(tail -1 <<<"$out")"

# Rule links: to the installed docs; TALLY_DOCS_BASE wins; the build tree uses its checkout; a
# binary with no docs beside it prints the link as written.
more() { "$@" explain count.enumeration | sed -n 's/^More: //p'; }
anchor=docs/rules.md#countenumeration
[ "$(cd / && more "$prefix/bin/tally")" = "file://$prefix/share/doc/tally/$anchor" ] ||
  fail "installed link: $(cd / && more "$prefix/bin/tally")"
[ -f "$prefix/share/doc/tally/${anchor%#*}" ] || fail "the link's target is not installed"
[ "$(TALLY_DOCS_BASE=https://example.org/t more "$prefix/bin/tally")" = "https://example.org/t/$anchor" ] ||
  fail "TALLY_DOCS_BASE URL not used"
[ "$(TALLY_DOCS_BASE=$tmp/d more "$prefix/bin/tally")" = "file://$tmp/d/$anchor" ] ||
  fail "TALLY_DOCS_BASE folder not used"
[ "$(more "$build/tally")" = "file://$root/$anchor" ] || fail "build-tree link: $(more "$build/tally")"
mkdir "$tmp/elsewhere" && cp "$prefix/bin/tally" "$tmp/elsewhere/"
[ "$(more "$tmp/elsewhere/tally")" = "$anchor" ] || fail "link without docs: $(more "$tmp/elsewhere/tally")"
if [ -x /usr/bin/python3 ]; then  # the same in editors, where docsBase still wins
  lsp_link() { (cd / && /usr/bin/python3 "$root/tests/install/lsp_link.py" "$@"); }
  [ "$(lsp_link "$prefix/bin/tally")" = "file://$prefix/share/doc/tally/$anchor" ] ||
    fail "tally lsp link: $(lsp_link "$prefix/bin/tally")"
  [ "$(lsp_link "$prefix/bin/tally" https://example.org/e/)" = "https://example.org/e/$anchor" ] ||
    fail "tally lsp link with docsBase: $(lsp_link "$prefix/bin/tally" https://example.org/e/)"
  [ "$(lsp_link "$tmp/elsewhere/tally")" = "-" ] ||
    fail "tally lsp link without docs: $(lsp_link "$tmp/elsewhere/tally")"
fi
echo "ok   rule links: installed docs, TALLY_DOCS_BASE, build tree, none; tally lsp, docsBase"

# tally(1), from the real help text.
if [ "$man_page" != ON ]; then
  echo "skip man page: built without help2man"
elif ! command -v man >/dev/null; then
  echo "skip man page: no man (man-db; scripts/setup.sh --test installs it)"
else
  page=$prefix/share/man/man1/tally.1
  [ -s "$page" ] || fail "share/man/man1/tally.1 not installed"
  warnings=$(MANWIDTH=100 man --warnings -l "$page" 2>&1 >/dev/null) || fail "man -l failed: $warnings"
  [ -z "$warnings" ] || fail "man -l warns: $warnings"
  text=$(MANWIDTH=100 man -l "$page" 2>/dev/null | col -b)
  for want in "tally - fact-checking rules engine for news copy" "--fail-on" "test-rules" \
              "EXIT STATUS" "TALLY_DOCS_BASE" "$("$build/tally" --version)"; do
    grep -qF -- "$want" <<<"$text" || fail "man page lacks '$want'"
  done
  echo "ok   man -l share/man/man1/tally.1: $(wc -l <<<"$text") lines"
fi

# Completions, where `tally completion SHELL` exists (-DTALLY_COMPLETIONS=ON).
if [ "$completions" = ON ]; then
  for f in share/bash-completion/completions/tally share/zsh/vendor-completions/_tally \
           share/fish/vendor_completions.d/tally.fish; do
    [ -s "$prefix/$f" ] || fail "$f not installed"
  done
  bash -n "$prefix/share/bash-completion/completions/tally" || fail "bash completion does not parse"
  if command -v zsh >/dev/null; then
    zsh -n "$prefix/share/zsh/vendor-completions/_tally" || fail "zsh completion does not parse"
  fi
  if command -v fish >/dev/null; then
    fish -n "$prefix/share/fish/vendor_completions.d/tally.fish" || fail "fish completion does not parse"
  fi
  echo "ok   completions for bash, zsh, fish"
else
  echo "skip completions: TALLY_COMPLETIONS is OFF"
fi

# The Python binding: pip install with Debian's setuptools (no index, no build isolation) into a
# venv that sees the system packages, then imported away from the checkout.
if ! /usr/bin/python3 -m pip --version >/dev/null 2>&1; then
  echo "skip python: no pip (python3-pip; scripts/setup.sh --test installs it)"
  exit 0
fi
cp -r "$root/plugins/python" "$tmp/pysrc"  # pip builds in the source folder
rm -rf "$tmp/pysrc/build" "$tmp/pysrc"/*.egg-info
/usr/bin/python3 -m venv --system-site-packages --without-pip "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --no-index --no-build-isolation "$tmp/pysrc" ||
  fail "pip install plugins/python failed"
cat >"$tmp/use.py" <<'PY'
import os, sys
import tally
venv, lib = sys.argv[1], os.path.realpath(sys.argv[2])
assert tally.__file__.startswith(venv + "/"), tally.__file__
with tally.Engine() as engine:
    r = engine.check("共有三地检察机关参加：北京、上海、广州、深圳。\n", date="2025-08-01")
got = [(f.rule, f.line, f.column, f.length) for f in r.findings]
assert got == [("count.enumeration", 1, 3, 6)], got
loaded = {l.split()[-1] for l in open("/proc/self/maps") if "libtally.so" in l}
assert loaded == {lib}, loaded
print("ok  ", os.environ.get("HOW"), "->", lib)
PY
cd "$tmp"
HOW="import tally (pip, by soname on the library path)" LD_LIBRARY_PATH=$(dirname "$lib") \
  "$tmp/venv/bin/python" use.py "$tmp/venv" "$lib" || fail "binding by soname"
HOW="import tally (pip, TALLY_LIB)" TALLY_LIB=$lib "$tmp/venv/bin/python" use.py "$tmp/venv" "$lib" ||
  fail "binding with TALLY_LIB"
