#!/bin/sh
# `make demo`: the observatory on a month of real data bundled in
# testdata/demo/ (where each file comes from and how it was cut:
# testdata/demo/README.md).  Decodes the RIB, runs `manrs observe` over
# September 2015 into build/demo/manrs.db, prints the summary, and writes
# the HTML conformance report of one AS.
set -eu
cd "$(dirname "$0")/.."
M=./build/manrs
D=testdata/demo
MONTH=2015-09
ASN=3356
OUT=build/demo
RIB=$D/bgp/route-views6/rib.20150922.1200.bz2
mkdir -p "$OUT"

echo "== manrs demo: $MONTH, real data (testdata/demo/README.md)"
echo "   bgp/      RouteViews route-views6 RIB, 2015-09-22 12:00 UTC, 27 peers"
echo "             (IPv6; 4,903 of its 25,878 prefixes)"
echo "   rpki/     rpki.net VRPs of 2017-06-01 (the nearest snapshot there is)"
echo "   asrel/    CAIDA AS relationships of 2015-02-01"
echo "   rir/      IANA IPv4/IPv6 address space and special-purpose registries"
echo "   peeringdb/ PeeringDB API pages (net, org, poc; 2026 samples)"
echo "   spoofer/  CAIDA Spoofer rows (2019: none fall in the month)"
echo "   participants.json  three made-up participants (demo only)"
echo
"$M" mrt --count "$RIB"
echo
echo "First lines in bgpdump -m format:"
"$M" mrt -m "$RIB" | head -n 3 | cut -c1-120
echo

rm -f "$OUT/manrs.db" "$OUT/manrs.db-wal" "$OUT/manrs.db-shm"
echo "== manrs observe --data $D --month $MONTH --db $OUT/manrs.db"
echo
"$M" observe --data "$D" --month "$MONTH" --db "$OUT/manrs.db"
echo
echo "== participants in the store"
"$M" participants list --db "$OUT/manrs.db"
echo
echo "== AS$ASN: the month's report"
"$M" report "$ASN" --month "$MONTH" --format html --db "$OUT/manrs.db" \
    -o "$OUT/report-$ASN.html"
"$M" report "$ASN" --month "$MONTH" --format md --db "$OUT/manrs.db" |
    sed -n '/^## Readiness/,/^## History/p' | sed '$d'
echo "HTML report: $OUT/report-$ASN.html"
echo "Store:       $OUT/manrs.db (manrs db info, manrs report, manrs asn ...)"
