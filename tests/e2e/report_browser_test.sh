#!/usr/bin/env bash
# Installs playwright-core from the lock file (npm ci; it downloads no browser) and opens the HTML
# report of `tally check --format html` in Debian's chromium. Usage: report_browser_test.sh TALLY
# ROOT WORKDIR. Screenshots and the reports are left in WORKDIR/output.
set -euo pipefail
[ -x /usr/bin/chromium ] || { echo "report_browser_test: /usr/bin/chromium is missing (scripts/setup.sh --test installs it)" >&2; exit 1; }
mkdir -p "$3"
tally=$(realpath "$1") root=$(realpath "$2") work=$(realpath "$3")
cp "$root"/tests/e2e/browser/{package.json,package-lock.json,report_test.mjs,png_colours.mjs} "$work/"
cd "$work"
npm ci --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null  # the cache first: no revalidation round trips
node report_test.mjs "$tally" "$root" "$work/output"
