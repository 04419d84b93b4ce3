#!/usr/bin/env bash
# Installs playwright-core from the lock file (npm ci; it downloads no browser) and drives the
# page of `tally serve` in Debian's chromium. Usage: browser_test.sh TALLY ROOT WORKDIR
# Screenshots are left in WORKDIR/output.
set -euo pipefail
[ -x /usr/bin/chromium ] || { echo "browser_test: /usr/bin/chromium is missing (scripts/setup.sh --test installs it)" >&2; exit 1; }
mkdir -p "$3"
tally=$(realpath "$1") root=$(realpath "$2") work=$(realpath "$3")
cp "$root"/tests/e2e/browser/{package.json,package-lock.json,page_test.mjs,png_colours.mjs} "$work/"
cd "$work"
npm ci --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null  # the cache first: no revalidation round trips
node page_test.mjs "$tally" "$root" "$work/output"
