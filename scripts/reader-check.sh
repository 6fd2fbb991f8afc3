#!/usr/bin/env bash
# Reader-side checks of the EPUB edition, with real tools outside Python.
#   scripts/reader-check.sh          calibre: every reading mode converts to AZW3 (Kindle) with no
#                                    error, and every word of every source is in the converted book;
#                                    so does `enface build --format azw3` (read back with calibre)
#   scripts/reader-check.sh ace      DAISY Ace (accessibility, with Debian's Chromium): no violation
#   scripts/reader-check.sh all      both
# Builds the bundled edition with every EPUB mode (and the PDF, for the page-list) into
# build/reader-check/. Installs what is missing (apt-get as root, npm for Ace into .venv/ace);
# a tool that cannot be installed is a failure, never a skip. Exit status 0 only if all passed.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-calibre}
VENV=${VENV:-.venv}
OUT=${OUT:-build/reader-check}
ACE_VERSION=1.4.6
say() { printf 'reader-check: %s\n' "$*"; }
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
rm -rf "$OUT"
say "building every EPUB mode into $OUT"
"$VENV/bin/enface" build --out "$OUT" --epub-mode all -q
epubs=("$OUT"/*.epub)
[ "${#epubs[@]}" -eq 3 ] || fail "expected 3 EPUBs, found ${#epubs[@]}"

words_present() {  # words_present TEXT-FILE: every word of every source of the bundled edition in it
  "$VENV/bin/python" - "$1" <<'PY'
import sys
from pathlib import Path

from enface.checks.text import compare
from enface.ingest.reader import decode, normalise
from enface.manifest import load_edition
from enface.paths import bundled_edition_dir

text = Path(sys.argv[1]).read_text(encoding="utf-8")
edition_dir = bundled_edition_dir()
ok = True
for source in load_edition(edition_dir).sources:
    path = edition_dir / source.file
    result = compare(source.file, normalise(decode(path.read_bytes(), path))[0], text)
    ok &= result.ok
    if not result.ok:
        print(result.describe())
sys.exit(0 if ok else 1)
PY
}

check_calibre() {
  need ebook-convert calibre
  local failed=0 book log
  for book in "${epubs[@]}"; do
    log="${book%.epub}.azw3.log"
    if ! ebook-convert "$book" "${book%.epub}.azw3" >"$log" 2>&1; then
      say "$(basename "$book"): ebook-convert failed (see $log)"; failed=1; continue
    fi
    if grep -E -i '(^|[^a-z])(error|traceback|failed)' "$log" >/dev/null; then
      say "$(basename "$book"): ebook-convert reported problems:"; grep -E -i 'error|traceback|failed' "$log" | head -5
      failed=1; continue
    fi
    ebook-convert "${book%.epub}.azw3" "${book%.epub}.azw3.txt" >/dev/null 2>&1 \
      || { say "$(basename "$book"): the AZW3 could not be read back"; failed=1; continue; }
    if ! words_present "${book%.epub}.azw3.txt"
    then
      say "$(basename "$book"): words lost in the AZW3"; failed=1; continue
    fi
    # laid out on a small page by calibre: no unit heading may stand alone on a page
    if ! QT_QPA_PLATFORM=offscreen QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox" QTWEBENGINE_DISABLE_SANDBOX=1 \
        ebook-convert "${book%.epub}.azw3" "${book%.epub}.azw3.pdf" --paper-size a6 >/dev/null 2>&1; then
      say "$(basename "$book"): calibre could not lay the AZW3 out as pages"; failed=1; continue
    fi
    if ! python3 scripts/lone-headings.py "${book%.epub}.azw3.pdf"; then
      say "$(basename "$book"): a heading stands alone on a page of the AZW3"; failed=1; continue
    fi
    say "$(basename "$book"): AZW3 $(stat -c %s "${book%.epub}.azw3") bytes, no errors, every word present, no heading alone on a page"
  done
  # enface's own Kindle output: `enface build --format azw3` (calibre on the interleaved EPUB)
  local kindle="$OUT/kindle"
  rm -rf "$kindle"
  if ! "$VENV/bin/enface" build --out "$kindle" --format azw3 -q; then
    say "enface build --format azw3 failed"; failed=1
  elif ! ebook-convert "$kindle"/*.azw3 "$kindle/book.azw3.txt" >/dev/null 2>&1; then
    say "enface's AZW3 could not be read back"; failed=1
  elif ! words_present "$kindle/book.azw3.txt"; then
    say "enface's AZW3: words lost"; failed=1
  else
    say "enface build --format azw3: $(stat -L -c %s "$kindle"/*.azw3) bytes, every word present"
  fi
  [ "$failed" = 0 ] || fail "calibre"
}

check_ace() {
  need node nodejs
  need npm npm
  local chromium
  chromium=$(command -v chromium || true)
  [ -n "$chromium" ] || { need chromium chromium; chromium=$(command -v chromium); }
  local ace_dir="$VENV/ace"
  if [ ! -x "$ace_dir/node_modules/.bin/ace-puppeteer" ]; then
    say "installing @daisy/ace@$ACE_VERSION into $ace_dir (no bundled browser: Debian's Chromium is used)"
    mkdir -p "$ace_dir"
    # Ace's puppeteer and electron would download their own browsers from outside the registry.
    (cd "$ace_dir" && PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
      npm install --no-fund --no-audit --loglevel=error "@daisy/ace@$ACE_VERSION" >/dev/null)
  fi
  local failed=0 book report
  for book in "${epubs[@]}"; do
    report="${book%.epub}.ace"
    rm -rf "$report"
    # ace-puppeteer (not `ace`, which needs Electron) launches puppeteer, which honours this:
    PUPPETEER_EXECUTABLE_PATH="$chromium" "$ace_dir/node_modules/.bin/ace-puppeteer" -s -f -o "$report" "$book" \
      >"$report.log" 2>&1 || { say "$(basename "$book"): Ace did not run (see $report.log)"; failed=1; continue; }
    if ! "$VENV/bin/python" - "$report/report.json" "$(basename "$book")" <<'PY'
import json
import sys

report = json.load(open(sys.argv[1], encoding="utf-8"))
violations = [(a["earl:testSubject"]["url"], b["earl:test"]["dct:title"], b["earl:test"]["earl:impact"])
              for a in report["assertions"] for b in a["assertions"]]
outcome = report["earl:result"]["earl:outcome"]
missing = report.get("a11y-metadata", {}).get("missing", [])
print(f"reader-check: {sys.argv[2]}: Ace {outcome}, {len(violations)} violations; "
      f"optional metadata not given: {', '.join(missing) or 'none'}")
for url, title, impact in violations:
    print(f"  {impact}: {title} in {url}")
sys.exit(0 if outcome == "pass" and not violations else 1)
PY
    then failed=1; fi
  done
  [ "$failed" = 0 ] || fail "DAISY Ace"
}

case "$what" in
  calibre) check_calibre ;;
  ace) check_ace ;;
  all) check_calibre; check_ace ;;
  *) fail "unknown check $what (calibre, ace, all)" ;;
esac
say "ok"
