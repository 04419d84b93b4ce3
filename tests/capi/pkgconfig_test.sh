#!/usr/bin/env bash
# Installs the library into a scratch prefix and builds a C program against it with pkg-config,
# as a packager or a host project would. Usage: pkgconfig_test.sh BUILD_DIR
set -euo pipefail
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
export PKG_CONFIG_PATH=$(dirname "$(find "$prefix" -name tally.pc)")
cat > "$prefix/host.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <tally/tally.h>
int main(void) {
  tally_engine* e = NULL;
  if (tally_engine_new(NULL, &e, NULL) != TALLY_OK) return 1;
  const char* t = "共有三地检察机关参加：北京、上海、广州、深圳。\n";
  tally_result* r = NULL;
  if (tally_check(e, t, strlen(t), NULL, &r, NULL) != TALLY_OK) return 1;
  const tally_finding* f = tally_result_finding(r, 0);
  printf("%zu %s\n", tally_result_count(r), f ? f->rule : "-");
  tally_result_free(r);
  tally_engine_free(e);
  return 0;
}
C
cc -std=c11 -Wall -Wextra -Werror "$prefix/host.c" -o "$prefix/host" $(pkg-config --cflags --libs tally)
objdump -p "$prefix/host" | grep -q 'NEEDED *libtally.so.1' || { echo "host does not link libtally.so.1"; exit 1; }
out=$(LD_LIBRARY_PATH=$(dirname "$(find "$prefix" -name 'libtally.so.1')") "$prefix/host")
[ "$out" = "1 count.enumeration" ] || { echo "unexpected: $out"; exit 1; }
echo "pkg-config: installed library builds and runs a C host"
