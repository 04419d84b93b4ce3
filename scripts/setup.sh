#!/usr/bin/env bash
# Installs the Debian 12 packages Tally builds with (and, with --test, what the test suite
# drives: Python with jsonschema for the SARIF and API schemas and Dask for the cluster test,
# Neovim for the editor test, clang with its sanitizer and libFuzzer runtimes for
# scripts/sanitize.sh, GNU time for peak memory,
# Chromium and a CJK font for the browser test, zsh and fish to load the completion scripts,
# man-db and pip with Debian's setuptools for the install test). Idempotent:
# prints nothing and touches nothing when everything is already installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  liblua5.4-dev libre2-dev libyaml-cpp-dev libyaml-dev libboost-test-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libutf8proc-dev libcmark-dev libcpp-httplib-dev
  libgit2-dev zlib1g-dev  # zlib: gzip/deflate request bodies inflated under the limit
  libpoppler-cpp-dev  # PDF pages: text boxes with positions and fonts (engine/parse/pdf_poppler)
  libpoppler-private-dev  # PDF pages: the rules they draw (engine/parse/pdf_rules_poppler)
  help2man file  # the man page tally.1 at build time; file for CPack's .deb (package_deb)
)
if [ "${1:-}" = "--test" ]; then
  packages+=(python3 python3-jsonschema python3-dask python3-distributed neovim unzip chromium
    fonts-wqy-zenhei time clang libclang-rt-14-dev zsh fish
    man-db python3-pip python3-setuptools python3-wheel python3-venv
    python3-reportlab poppler-utils  # generated PDF pages (bench/pages/pdf_gen.py) and pdftotext
    valgrind  # instruction counts in bench/startup.py
    python3-yaml  # the native_kinds test reads the rules' test texts (tests/native_kinds/rule_cases.py)
    iproute2)  # ss: the http_limits test reads the listen backlog
  # Node.js and npm for the VS Code extension and the LanguageTool clients test (its npm packages
  # are installed by tests/e2e/languagetool_clients_test.sh from the lock file): the machine's
  # own when present, else Debian's.
  command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install packages" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
