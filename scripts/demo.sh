#!/bin/sh
# `make demo`: decode a real MRT sample bundled in testdata/ with
# `manrs mrt` and print a short summary.  (The observatory's own demo,
# `manrs observe`, will replace this once it exists.)
set -eu
cd "$(dirname "$0")/.."
M=./build/manrs
F=testdata/mrt/bgpdump_updates.20160811.1600.gz
OUT=build/demo
mkdir -p "$OUT"

echo "== manrs demo: RIPE RIS updates, 2016-08-11 16:00 UTC"
echo "   input: $F ($(wc -c <"$F") bytes, gzip)"
echo
"$M" mrt --count "$F"
echo
"$M" mrt -m "$F" >"$OUT/updates.txt"
"$M" mrt --json "$F" >"$OUT/updates.ndjson"
echo "First lines of the bgpdump -m compatible output:"
head -n 3 "$OUT/updates.txt" | cut -c1-150
echo
echo "Busiest origin ASes (announcements):"
awk -F'|' '$3 == "A" { n = split($7, p, " "); print p[n] }' \
    "$OUT/updates.txt" | sort | uniq -c | sort -rn | head -n 5 |
    awk '{ printf "  AS%-10s %6d\n", $2, $1 }'
echo
echo "Full output: $OUT/updates.txt (bgpdump -m format)"
echo "             $OUT/updates.ndjson (one JSON object per element)"
