#!/usr/bin/env bash
# Render the sample ledger's annex lists and letters to PDF (LibreOffice headless) and page 1 of each to PNG
# (pdftoppm), into test-results/annex-png/, so a person can look at the layout.
#   scripts/render-annexes.sh [out-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-test-results/annex-png}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
npx tsx tests/golden/write-sample-outputs.ts "$work/files" >/dev/null
# A private LibreOffice profile: no clash with a running office, no first-start dialogs.
libreoffice --headless -env:UserInstallation="file://$work/profile" \
  --convert-to pdf --outdir "$work/pdf" "$work"/files/*.xlsx "$work"/files/*.docx >/dev/null 2>&1
for pdf in "$work"/pdf/*.pdf; do
  name="$(basename "$pdf" .pdf)"
  pages="$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')"
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$pdf" "$out/$name"
  cp "$pdf" "$out/$name.pdf"
  echo "$out/$name.png (${pages:-?} pages)"
done
