#!/bin/sh
# Debian packages yusuan needs outside PyPI, installed only when missing.
#   libpango-1.0-0 libpangoft2-1.0-0  Pango, which WeasyPrint (the PDF writer) lays text out with
#   libharfbuzz-subset0                font subsetting in C: PDF output 4x faster than the Python fallback
#   fonts-noto-cjk                     Chinese fonts (SIL OFL) that the PDF embeds as subsets
#   fontconfig                         lets the PDF writer check that a Chinese font is installed
#   poppler-utils                      pdftotext/pdftoppm, used by the tests to re-extract and look at PDFs
#   chromium                           the browser the web page's end-to-end tests drive with Playwright (never downloaded at run time)
# Without root (or without apt-get) it prints what is missing and exits 0: everything but
# PDF output works without these packages.
set -eu
PKGS="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk fontconfig poppler-utils chromium"
missing=""
for p in $PKGS; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
if [ -z "$missing" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: no apt-get here; please install:$missing (PDF output needs them)" >&2
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "install-system-deps: not root; as root run: apt-get install -y$missing (PDF output needs them)" >&2
  exit 0
fi
echo "install-system-deps: installing$missing"
apt-get update -qq || true
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing || {
  echo "install-system-deps: apt-get failed; PDF output will not work until these are installed:$missing" >&2
  exit 0
}
