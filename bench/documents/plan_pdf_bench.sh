#!/usr/bin/env bash
# Time to make the seeded Tam Đường plan 144/KH-UBND as PDF and DOCX through the API (median of
# 20 requests each, curl's total time on 127.0.0.1), beside one LibreOffice conversion of the DOCX.
# Usage: bench/documents/plan_pdf_bench.sh [build/binhdang] [port]
set -euo pipefail
BIN=${1:-build/binhdang}
PORT=${2:-18105}
DIR=$(mktemp -d /tmp/binhdang-docbench.XXXXXX)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DIR"' EXIT
(cd "$DIR" && BINHDANG_ADMIN_PASSWORD='bench-Secret-1' exec "$OLDPWD/$BIN" --db "sqlite:$DIR/b.db" serve --listen 127.0.0.1:$PORT >"$DIR/log" 2>&1) &
SERVER=$!
B=http://127.0.0.1:$PORT
for _ in $(seq 120); do curl -sf $B/api/v1/health >/dev/null && break; sleep 0.5; done
curl -sf -c "$DIR/jar" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-Secret-1"}' $B/api/v1/session >/dev/null
ID=$(curl -sf -b "$DIR/jar" "$B/api/v1/plans?kind=action_month&year=2024&status=issued&limit=500" |
  python3 -c 'import json,sys; print([p["id"] for p in json.load(sys.stdin)["items"] if p["number_symbol"]=="144/KH-UBND"][0])')
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_of() {
  for _ in $(seq 20); do
    curl -sf -b "$DIR/jar" -o "$DIR/out.$1" -w '%{time_total}\n' "$B/api/v1/plans/$ID/document.$1"
  done | awk '{print $1*1000}' | median
}
PDF=$(time_of pdf)
DOCX=$(time_of docx)
START=$(date +%s%N)
soffice -env:UserInstallation=file://$DIR/lo --headless --convert-to pdf --outdir "$DIR/lo-out" "$DIR/out.docx" >/dev/null 2>&1
LO=$(( ($(date +%s%N) - START) / 1000000 ))
echo "plan 144/KH-UBND: $(pdfinfo "$DIR/out.pdf" | awk '/^Pages/ {print $2}') pages (binhdang), $(pdfinfo "$DIR/lo-out/out.pdf" | awk '/^Pages/ {print $2}') (LibreOffice from the DOCX)"
printf 'PDF  (binhdang, median of 20): %8.1f ms\n' "$PDF"
printf 'DOCX (binhdang, median of 20): %8.1f ms\n' "$DOCX"
printf 'DOCX -> PDF (soffice, 1 run, cold profile): %d ms; ratio soffice / binhdang PDF: %.0fx\n' "$LO" \
  "$(echo "$LO / $PDF" | bc -l)"
