#!/usr/bin/env bash
# Builds the .deb with CPack, checks its control data (a dependency for every shared library the
# binaries load, ldconfig on install, maintainer, licence), unpacks it with `dpkg-deb -x` into a
# scratch root and runs what it carries: tally on samples/, `tally test-rules` on the packaged
# rule packs, and the Python binding on the packaged libtally.so.1.
# Usage: deb_package_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(realpath "$1") root=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "deb_package_test: $*" >&2; exit 1; }

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1 ||
  { cat "$tmp/cpack.log"; fail "cpack failed"; }
deb=$(find "$tmp/out" -maxdepth 1 -name 'tally_*.deb')
[ -n "$deb" ] || fail "no .deb in $(ls "$tmp/out")"
echo "ok   $(basename "$deb"): $(($(stat -c %s "$deb") / 1024)) KiB"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = tally ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$("$build/tally" --version | awk '{print $2}')" ] || fail "Version: $(field Version)"
[[ "$(field Maintainer)" == *"<"*"@"*">" ]] || fail "Maintainer: $(field Maintainer)"
[[ "$(field Description)" == *Apache-2.0* ]] || fail "the description does not name the licence"
# Each library that tally or libtally.so.1 loads, by the Debian package that ships it (one
# dpkg -S for all of them: it reads every package's file list).
depends=$(field Depends)
# The modules tally loads on first use (poppler, libgit2, the HTTP server) count as much as tally
# itself.
sonames=$(objdump -p "$build/tally" "$build/libtally.so.1" "$build/tally_pdf.so" "$build/tally_git.so" \
  "$build/tally_serve.so" |
  awk '$1 == "NEEDED" { print $2 }' | sort -u)
paths=()
for so in $sonames; do
  # (awk reads to the end: a reader that quits early would fail the pipe under pipefail)
  path=$(ldconfig -p | awk -v so="$so" '$1 == so && !found { print $NF; found = 1 }')
  [ -n "$path" ] || fail "$so is not in ld.so.cache"
  paths+=("$path" "$(realpath "$path")")  # dpkg knows one of them (merged /usr)
done
pkgs=$(dpkg -S "${paths[@]}" 2>/dev/null | cut -d: -f1 | sort -u) || true
[ "$(wc -l <<<"$pkgs")" -ge 10 ] || fail "dpkg -S found too few packages: $pkgs"
for pkg in $pkgs; do
  [[ ", $depends," == *", $pkg "* || ", $depends," == *", $pkg,"* ]] ||
    fail "$pkg (ships a library tally loads) is not in Depends: $depends"
done
echo "ok   Depends: $depends"
dpkg-deb -e "$deb" "$tmp/control"
grep -q ldconfig "$tmp/control/postinst" || fail "postinst does not run ldconfig"
grep -q '^libtally 1 tally' "$tmp/control/shlibs" || fail "shlibs: $(cat "$tmp/control/shlibs")"

dpkg-deb -x "$deb" "$tmp/root"
usr=$tmp/root/usr
for m in tally_pdf.so tally_git.so tally_serve.so; do
  [ -n "$(find "$usr" -path "*/tally/$m")" ] || fail "$m is not in the package"
done
for f in bin/tally include/tally/tally.h share/doc/tally/copyright share/doc/tally/README.md \
         share/doc/tally/docs/rules.md share/tally/rules; do
  [ -e "$usr/$f" ] || fail "/usr/$f is not in the package"
done
grep -q "License: Apache-2.0" "$usr/share/doc/tally/copyright" || fail "copyright names no licence"
lib=$(find "$usr" -name libtally.so.1)
[ -n "$lib" ] || fail "libtally.so.1 is not in the package"

# The unpacked command on the samples: the build tree's report, exit 1 for findings.
cd "$root"
set +e
want=$("$build/tally" check samples/); want_rc=$?
got=$("$usr/bin/tally" check samples/); got_rc=$?
set -e
[ "$got_rc" -eq 1 ] && [ "$got_rc" -eq "$want_rc" ] || fail "check samples/ exited $got_rc, want $want_rc"
[ "$got" = "$want" ] || fail "unpacked tally reports differently: $(diff <(echo "$want") <(echo "$got") | head -5)"
echo "ok   usr/bin/tally check samples/: $(tail -1 <<<"$got")"
printf 'not a pdf' >"$tmp/fake.pdf"  # the PDF module's own message: it was found and loaded
pdf=$("$usr/bin/tally" check "$tmp/fake.pdf" 2>&1 >/dev/null || true)
[[ "$pdf" == *"not a readable PDF"* ]] || fail "usr/bin/tally on a .pdf: $pdf"
echo "ok   usr/bin/tally loads its PDF module"
out=$("$usr/bin/tally" test-rules "$usr/share/tally/rules") || fail "test-rules failed: $out"
echo "ok   usr/bin/tally test-rules usr/share/tally/rules: $(tail -1 <<<"$out")"
link=$(cd / && "$usr/bin/tally" explain count.enumeration | sed -n 's/^More: //p')
[ "$link" = "file://$usr/share/doc/tally/docs/rules.md#countenumeration" ] || fail "rule link: $link"

# The binding (copied out of the checkout, where it would prefer build/) loading the packaged
# library by its soname.
if [ -x /usr/bin/python3 ]; then
  mkdir "$tmp/py" && cp -r "$root/plugins/python/tally" "$tmp/py/"
  out=$(cd "$tmp" && LD_LIBRARY_PATH=$(dirname "$lib") PYTHONPATH=$tmp/py /usr/bin/python3 -c '
import tally
with tally.Engine() as e:
    r = e.check("共有三地检察机关参加：北京、上海、广州、深圳。\n")
print([f.rule for f in r.findings], *{l.split()[-1] for l in open("/proc/self/maps") if "libtally.so" in l})
')
  [ "$out" = "['count.enumeration'] $(realpath "$lib")" ] || fail "binding: $out"
  echo "ok   python binding on the packaged library"
else
  echo "skip python binding: no /usr/bin/python3"
fi
