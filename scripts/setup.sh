#!/usr/bin/env bash
# Sets up everything enface needs, on a fresh machine or an already prepared one.
#   scripts/setup.sh            runtime + development tools (tests, EPUBCheck's Java, Chromium)
#   scripts/setup.sh --runtime  runtime only (the Docker image)
#   scripts/setup.sh --bench    as the default, plus Pandoc for `make bench`
# Idempotent: a second run with unchanged lock files does nothing but check.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=dev
bench=no
case "${1:-}" in
  --runtime) mode=runtime ;;
  --bench) bench=yes ;;  # also Pandoc, the benchmark's reference point
esac
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

say() { printf 'setup: %s\n' "$*"; }
# shellcheck source=scripts/apt-install.sh
. scripts/apt-install.sh

# --- system libraries -------------------------------------------------------
# WeasyPrint needs Pango (>= 1.44) and HarfBuzz through cffi; the tests also use
# poppler-utils (pdftotext, pdffonts) as an independent reader of our PDFs.
need_pkgs=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libpango-1.0.so.0' || need_pkgs+=(libpango-1.0-0)
have_lib 'libpangoft2-1.0.so.0' || need_pkgs+=(libpangoft2-1.0-0)
have_lib 'libharfbuzz.so.0' || need_pkgs+=(libharfbuzz0b)
have_lib 'libharfbuzz-subset.so.0' || need_pkgs+=(libharfbuzz-subset0)  # font subsetting
# Hunspell dictionaries for `enface lint` (spelling, run-together words): the ones the
# language packs (src/enface/languages/*.py) name, each line "dictionary package...".
dicts=$("$PYTHON" scripts/language-packages.py)
while read -r dict pkgs; do
  # shellcheck disable=SC2206  # the packages are words
  [ -z "$dict" ] || [ -f "/usr/share/hunspell/$dict.dic" ] || need_pkgs+=($pkgs)
done <<< "$dicts"
if [ "$mode" = dev ]; then
  command -v pdftotext >/dev/null 2>&1 || need_pkgs+=(poppler-utils)
  command -v qpdf >/dev/null 2>&1 || need_pkgs+=(qpdf)
  # the review page (`enface align --review`) is tested in Chromium through Playwright
  command -v chromium >/dev/null 2>&1 || need_pkgs+=(chromium)
fi
if [ "$bench" = yes ]; then
  command -v pandoc >/dev/null 2>&1 || need_pkgs+=(pandoc)
fi
# Bilingual dictionaries (Debian's FreeDict, CC BY-SA) help sentence alignment when an
# edition's language pair has one; never required at run time (a missing dictionary is no
# dictionary evidence, and the build says which would help). Installed for the bundled
# editions, and for the editions or languages in $ENFACE_DICTIONARIES_FOR (`make dictionaries
# EDITION=<folder>`). Development and the benchmark use German-French (benchmarks/textberg.py).
# shellcheck disable=SC2086  # folders and language codes are words
dictionary_pkgs=$("$PYTHON" scripts/dictionary-packages.py; [ -z "${ENFACE_DICTIONARIES_FOR:-}" ] || "$PYTHON" scripts/dictionary-packages.py $ENFACE_DICTIONARIES_FOR)
# shellcheck disable=SC2206  # package names are words
need_pkgs+=($dictionary_pkgs)
if [ "$mode" = dev ]; then
  for pair in deu-fra fra-deu; do
    [ -f "/usr/share/dictd/freedict-$pair.index" ] || need_pkgs+=("dict-freedict-$pair")
  done
fi
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  apt_install "${need_pkgs[@]}" || exit 1
fi

# --- Python environment -----------------------------------------------------
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  say "enface needs Python >= 3.11 (found $("$PYTHON" --version 2>&1))"; exit 1; }

lock=requirements-dev.lock
[ "$mode" = runtime ] && lock=requirements.lock
stamp="$VENV/.enface-$mode.stamp"
want="$(cat "$lock" pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV/bin/enface" ]; then
  exit 0
fi
[ -x "$VENV/bin/python" ] || { say "creating $VENV"; "$PYTHON" -m venv "$VENV"; }
say "installing pinned dependencies from $lock"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --require-hashes -r "$lock" 2>&1 | { grep -v "^WARNING: Location" || true; }
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps -e .
echo "$want" > "$stamp"
say "ready: $VENV/bin/enface"
