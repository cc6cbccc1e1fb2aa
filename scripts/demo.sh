#!/bin/sh
# `make demo`: decode a real MRT sample bundled in testdata/ with
# `manrs mrt`, then run the observatory (`manrs observe`) on it with the
# reference data bundled in testdata/, into an SQLite store.
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

echo
echo "== manrs observe: the same day, scored"
echo "   reference data bundled in testdata/ (CAIDA relationships 2015-02,"
echo "   rpki.net VRPs 2017-06, IANA registries, PeeringDB pages, the RIPE"
echo "   TEST database): real, but not all from the same day, so the scores"
echo "   show how the observatory works rather than how these networks did."
echo
rm -f "$OUT/manrs.db" "$OUT/manrs.db-wal" "$OUT/manrs.db-shm"
"$M" observe -q --db "$OUT/manrs.db" --from 2016-08-11 --to 2016-08-12 \
    --mrt "$F" \
    --asrel testdata/asrel/caida_20150201.as-rel.sample.txt \
    --vrps testdata/rpki/compress_roas_vrps_2017-06-01.head400.txt \
    --irr testdata/irr/ripewhois_TEST.db \
    --rir testdata/rir/iana_iana-ipv4-special-registry.xml \
    --rir testdata/rir/iana_ipv4-address-space.xml \
    --rir testdata/rir/iana_iana-ipv6-special-registry.xml \
    --rir testdata/rir/iana_ipv6-address-space.xml \
    $(for p in testdata/peeringdb/*net*.json testdata/peeringdb/*poc*.json \
        testdata/peeringdb/*org*.json; do [ -f "$p" ] && echo --peeringdb "$p"; done)
echo
echo "Store: $OUT/manrs.db (incidents with evidence, scores; see 'manrs db info')"
