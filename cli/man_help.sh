#!/usr/bin/env bash
# What help2man reads to write tally(1): `$TALLY --help-all` and `$TALLY --version`, the real
# help text, with CLI11's list of subcommands turned into a "Commands" section that has one
# sub-section per command (help2man's *Section* and "Heading:" conventions).
set -euo pipefail
case ${1:-} in
  --version) exec -a tally "$TALLY" --version ;;
esac
(exec -a tally "$TALLY" --help-all) | awk '
  /^Subcommands:$/ { print "*Commands*\n"; in_cmds = 1; next }
  in_cmds && /^[a-z][a-z-]*$/ { print "tally " $0 ":"; next }
  in_cmds && /^  (Positionals|Options):$/ { next }
  { print }'
