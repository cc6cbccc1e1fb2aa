#!/bin/sh
# The demo dataset (testdata/demo, `make demo`): observe reads all of it,
# finds the bogon prefixes the RIB really holds, imports the participants,
# and the report of AS3356 can be written.  Prints TAP.
#
# usage: tests/demo.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init demo "${1:-build/manrs}"

D=testdata/demo
RIB=$D/bgp/route-views6/rib.20150922.1200.bz2

"$manrs" observe -q --json --data $D --month 2015-09 --db $tmp/m.db >$tmp/s.json
check "observe runs on the demo data" "[ $? -eq 0 ]"
check "every record of the cut RIB is read, none skipped (4,903 RIB records and the index)" \
    'python3 -c "
import json,sys; s=json.load(open(sys.argv[1]))[\"sources\"]
assert s[\"bgp\"][\"records\"] == 4904 and s[\"bgp\"][\"skipped\"] == 0, s[\"bgp\"]
for k in (\"rpki\", \"asrel\", \"peeringdb\", \"spoofer\", \"participants\"):
    assert s[k][\"files\"] >= 1 and s[k][\"skipped\"] == 0, (k, s[k])
" $tmp/s.json'
# Oracle: the origins of the RIB's prefixes outside 2000::/3 (the default
# route aside) are the ASes IANA's registries make bogon originators.
"$manrs" mrt -m $RIB | awk -F'|' '$6 != "::/0" { print $6, $7 }' | python3 -c "
import ipaddress, sys
g = ipaddress.ip_network('2000::/3')
o = set()
for line in sys.stdin:
    p, path = line.split(' ', 1)
    if not ipaddress.ip_network(p).subnet_of(g):
        o.add(int(path.split()[-1]))
print(' '.join(str(a) for a in sorted(o)))" >$tmp/want
check "M3 blames exactly the origins of prefixes outside 2000::/3 ($(cat $tmp/want))" \
    'python3 -c "
import sqlite3,sys; db=sqlite3.connect(sys.argv[1])
got=\" \".join(str(r[0]) for r in db.execute(\"select distinct asn from incidents where metric = '"'"'M3'"'"' order by asn\"))
assert got == open(sys.argv[2]).read().strip(), got
" $tmp/m.db $tmp/want'
check "every scored AS has one label per action" \
    'python3 -c "
import json,sys; s=json.load(open(sys.argv[1]))
for a, l in s[\"labels\"].items(): assert sum(l.values()) == s[\"ases\"], a
assert s[\"ases\"] > 1000
" $tmp/s.json'
check "the summary says IRR and Spoofer data are missing" \
    'python3 -c "
import json,sys; m=json.load(open(sys.argv[1]))[\"missing\"]
assert any(\"no IRR\" in x for x in m) and any(\"Spoofer\" in x for x in m), m
" $tmp/s.json'
check "the three participants are in the store" \
    '[ "$("$manrs" participants list --db $tmp/m.db | cut -d" " -f1 | sort -n | tr "\n" " ")" = "1299 3356 36856 " ]'
check "the report of AS3356 is written, with its bogon incident" \
    '"$manrs" report 3356 --month 2015-09 --format html --db $tmp/m.db -o $tmp/r.html &&
    grep -q "M3-AS3356-" $tmp/r.html && grep -q "<svg" $tmp/r.html'
echo "1..$n"
