#!/bin/sh
# Packages the extension as a .vsix: extension.js bundled by esbuild (vscode-languageclient
# inside it, so no node_modules), the manifest, README and licence; with a TARGET (linux-x64),
# a platform package that also carries the tally binary as bin/TARGET/tally, which the
# extension runs when tally.path is not set.
#
# Usage, from plugins/vscode after npm ci:  sh scripts/package.sh [TARGET]
#   (npm run package, npm run package:linux-x64)
# TALLY: the binary to carry (default ../../build/tally, built by scripts/build.sh);
# OUT: the .vsix to write (default tally.vsix, tally-TARGET.vsix); DOCS: the rules.md to carry
# (default ../../docs/rules.md).
set -eu
cd "$(dirname "$0")/.."
target=${1:-}

npm run --silent bundle  # esbuild, as package.json says

# The licence of the repository (Apache-2.0) travels with the extension.
if [ -f ../../LICENSE ]; then cp ../../LICENSE LICENSE; fi
skip_license=
[ -f LICENSE ] || skip_license=--skip-license
# The rule explanations, so that "Explanation" links open a page that is there (the extension
# passes docsBase = its own folder when docs/rules.md is in it).
rm -rf docs
rules_md=${DOCS:-../../docs/rules.md}
if [ -f "$rules_md" ]; then mkdir docs && cp "$rules_md" docs/rules.md; fi

rm -rf bin  # a universal package carries no binary, a platform package only its own
if [ -z "$target" ]; then
  npx --no-install vsce package --no-dependencies $skip_license --out "${OUT:-tally.vsix}"
  exit 0
fi

host=$(node -p 'process.platform + "-" + process.arch')
if [ "$target" != "$host" ]; then
  echo "package: the binary is built for this machine ($host), not for $target" >&2
  exit 2
fi
tally=${TALLY:-../../build/tally}
if [ ! -x "$tally" ]; then
  echo "package: $tally is not an executable: build Tally first (scripts/build.sh), or set TALLY" >&2
  exit 1
fi
mkdir -p "bin/$target"
# Debug information is for the build tree; the editor's copy does without (a third the size).
if command -v strip >/dev/null; then
  strip --strip-debug -o "bin/$target/tally" "$tally"
else
  cp "$tally" "bin/$target/tally"
fi
chmod 755 "bin/$target/tally"
npx --no-install vsce package --no-dependencies --target "$target" $skip_license \
  --out "${OUT:-tally-$target.vsix}"
