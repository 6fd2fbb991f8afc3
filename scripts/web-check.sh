#!/usr/bin/env bash
# The web edition and the EPUB in a real browser: Debian's Chromium driven by Playwright, with
# axe-core (npm, installed into .venv/axe: not vendored, not in the repository) injected into
# every page. Installs what is missing (apt-get as root; npm); a tool that cannot be installed
# is a failure, never a skip.
#   scripts/web-check.sh                        the tests (pytest -m web)
#   ENFACE_SCREENSHOTS=docs/images scripts/web-check.sh   and the README's screenshots
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
AXE_VERSION=4.10.2
say() { printf 'web-check: %s\n' "$*"; }
fail() { say "FAIL: $*"; exit 1; }
# shellcheck source=scripts/apt-install.sh
. scripts/apt-install.sh
need() {  # need COMMAND DEBIAN-PACKAGE...
  local cmd=$1; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  apt_install "$@" || fail "$cmd is missing"
  command -v "$cmd" >/dev/null 2>&1 || fail "$cmd still missing after installing $*"
}

bash scripts/setup.sh
need chromium chromium
need npm npm
axe_dir="$VENV/axe"
if [ ! -f "$axe_dir/node_modules/axe-core/axe.min.js" ]; then
  say "installing axe-core@$AXE_VERSION into $axe_dir (MPL-2.0; kept out of the repository)"
  mkdir -p "$axe_dir"
  (cd "$axe_dir" && npm install --no-fund --no-audit --loglevel=error "axe-core@$AXE_VERSION" >/dev/null)
fi
export AXE_CORE="$PWD/$axe_dir/node_modules/axe-core/axe.min.js"
"$VENV/bin/pytest" -q -m web tests/test_web_browser.py
