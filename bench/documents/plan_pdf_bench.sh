#!/usr/bin/env bash
# Time to make the seeded Tam Đường plan 144/KH-UBND as PDF and DOCX through the API (median of
# 20 requests each, curl's total time on 127.0.0.1), beside LibreOffice converting the same DOCX
# (a cold first run and a warm second one, each a fresh soffice process as an officer runs it);
# then the time to import a plan (POST /plans/import) from each seed .txt and from the DOCX and
# PDF binhdang wrote.
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
CSRF=$(curl -sf -c "$DIR/jar" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-Secret-1"}' $B/api/v1/session | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
ID=$(curl -sf -b "$DIR/jar" "$B/api/v1/plans?kind=action_month&year=2024&status=issued&limit=500" |
  python3 -c 'import json,sys; print([p["id"] for p in json.load(sys.stdin)["items"] if p["number_symbol"]=="144/KH-UBND"][0])')
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_of() {
  for _ in $(seq 20); do
    curl -sf -b "$DIR/jar" -o "$DIR/out.$1" -w '%{time_total}\n' "$B/api/v1/plans/$ID/document.$1"
  done | awk '{print $1*1000}' | median
}
post_time() {  # file -> median ms of 20 imports
  for _ in $(seq 20); do
    curl -sf -b "$DIR/jar" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/octet-stream' --data-binary "@$1" \
      -o /dev/null -w '%{time_total}\n' "$B/api/v1/plans/import?unit_id=$UNIT"
  done | awk '{print $1*1000}' | median
}
PDF=$(time_of pdf)
DOCX=$(time_of docx)
soffice_ms() {
  local start; start=$(date +%s%N)
  soffice -env:UserInstallation=file://$DIR/lo --headless --convert-to pdf --outdir "$DIR/lo-out" "$DIR/out.docx" >/dev/null 2>&1
  echo $(( ($(date +%s%N) - start) / 1000000 ))
}
LO_COLD=$(soffice_ms)
LO=$(soffice_ms)
echo "plan 144/KH-UBND: $(pdfinfo "$DIR/out.pdf" | awk '/^Pages/ {print $2}') pages (binhdang), $(pdfinfo "$DIR/lo-out/out.pdf" | awk '/^Pages/ {print $2}') (LibreOffice from the DOCX)"
printf 'PDF  (binhdang, median of 20): %8.1f ms\n' "$PDF"
printf 'DOCX (binhdang, median of 20): %8.1f ms\n' "$DOCX"
printf 'DOCX -> PDF (soffice): cold profile %d ms, warm profile %d ms; ratio warm soffice / binhdang PDF: %.0fx\n' \
  "$LO_COLD" "$LO" "$(echo "$LO / $PDF" | bc -l)"
UNIT=$(curl -sf -b "$DIR/jar" "$B/api/v1/units?q=tam%20duong&kind=district&at=2024-11-15" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
SEEDS=$(dirname "$0")/../../resources/seeds
for f in "$SEEDS"/ke-hoach-*.txt "$DIR/out.docx" "$DIR/out.pdf"; do
  printf 'import %-52s median of 20: %7.1f ms (%s bytes)\n' "$(basename "$f")" "$(post_time "$f")" "$(stat -c %s "$f")"
done
