#!/usr/bin/env bash
# Installs the LanguageTool clients from npm (annotatedtext, annotatedtext-remark,
# annotatedtext-rehype, languagetool-api) from the lock file and runs them against
# `tally serve`. Usage: languagetool_clients_test.sh TALLY ROOT WORKDIR
set -euo pipefail
mkdir -p "$3"
tally=$(realpath "$1") root=$(realpath "$2") work=$(realpath "$3")
cp "$root"/tests/e2e/languagetool_clients/{package.json,package-lock.json,clients_test.mjs} "$work/"
cd "$work"
npm ci --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null  # the cache first: no revalidation round trips
node clients_test.mjs "$tally" "$root"
