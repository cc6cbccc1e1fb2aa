#!/bin/sh
# `manrs serve` on the store `make demo` builds (real data: testdata/demo,
# September 2015), not on a hand-written fixture: every API operation
# answers a status its OpenAPI document lists, the per-AS answer, the
# score pages, the web UI pages and the TAXII collections hold what the
# store holds.  Prints TAP.
#
# usage: tests/serve_demo.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init serve_demo "${1:-build/manrs}"
. "$(dirname "$0")/lib/serve.sh"

db=$tmp/manrs.db
"$manrs" observe -q --data testdata/demo --month 2015-09 --db "$db" \
    >/dev/null 2>"$tmp/observe.err" ||
    { echo "Bail out! observe failed on the demo data: $(cat "$tmp/observe.err")"; exit 1; }
q() { python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$db" "$1"; }
ases=$(q "SELECT count(DISTINCT asn) FROM scores WHERE period = '2015-09'")
inc=$(q "SELECT id FROM incidents WHERE asn = 3356 AND metric = 'M3' ORDER BY id LIMIT 1")
pfx=$(q "SELECT prefix FROM events WHERE incident_id = '$inc' ORDER BY prefix LIMIT 1")
tok=$("$manrs" token create --db "$db" --name demo --role operator --asn 3356 2>/dev/null)
"$manrs" feed --db "$db" --month 2015-09 >"$tmp/feed.json"
serve_start --data testdata/demo

check "the demo store has ASes, and an M3 incident of AS3356 with a prefix" \
    '[ "$ases" -gt 1000 ] && [ -n "$inc" ] && [ -n "$pfx" ]'
check "openapi.json: every operation answers a status it documents" \
    '[ "$(get /api/v1/openapi.json)" = 200 ] && cp "$tmp/body" "$tmp/openapi.json" && python3 tests/lib/openapi_walk.py "$tmp/openapi.json" "$base" "$tmp/walk.err"'
check "scores/3356: five actions and the M3 incident with its evidence" \
    '[ "$(get /api/v1/scores/3356)" = 200 ] && python3 -c "import json, sys
o = json.load(open(sys.argv[1]))
assert len(o[\"scores\"]) == 5, o[\"scores\"]
i = [x for x in o[\"incidents\"] if x[\"id\"] == sys.argv[2]]
assert len(i) == 1 and i[0][\"events\"], i" "$tmp/body" "$inc"'
check "scores?month=2015-09: the pages hold every scored AS once" \
    'python3 -c "import json, sys, urllib.request
base, want = sys.argv[1], int(sys.argv[2])
seen, cur = [], None
while True:
    u = base + \"/api/v1/scores?month=2015-09&limit=1000\" + (\"&cursor=\" + cur if cur else \"\")
    p = json.load(urllib.request.urlopen(u, timeout=10))
    seen += [x[\"asn\"] for x in p[\"items\"]]
    cur = p.get(\"next\")
    if not cur: break
assert len(seen) == want == len(set(seen)), (len(seen), want)" "$base" "$ases"'
check "incidents/ID: the incident with its events" \
    '[ "$(get /api/v1/incidents/$inc)" = 200 ] && grep -q "$pfx" "$tmp/body"'
check "conformance/3356: 30 days" \
    '[ "$(get /api/v1/conformance/3356)" = 200 ] && python3 -c "import json, sys; assert len(json.load(open(sys.argv[1]))[\"per_day\"]) == 30" "$tmp/body"'
check "irr-comparison?asn=3356: BGP and RPKI compared, IRR said missing" \
    '[ "$(get "/api/v1/irr-comparison?asn=3356")" = 200 ] && python3 -c "import json, sys
o = json.load(open(sys.argv[1]))
assert o[\"period\"] == \"2015-09\" and o[\"summary\"][\"pairs\"] > 0
assert \"irr\" in o[\"unavailable\"] and \"rpki\" not in o[\"unavailable\"]" "$tmp/body"'
check "UI overview: the month and the label counts" \
    '[ "$(get /)" = 200 ] && grep -q "2015-09" "$tmp/body" && grep -q "Lagging" "$tmp/body"'
check "UI AS page: AS3356 with its M3 incident" \
    '[ "$(get /as/3356)" = 200 ] && grep -q "$inc" "$tmp/body"'
check "UI incident page: the evidence prefix" \
    '[ "$(get /incident/$inc)" = 200 ] && grep -q "$pfx" "$tmp/body"'
check "UI prefix page: the incident that names it" \
    '[ "$(get "/prefix/$pfx")" = 200 ] && grep -q "$inc" "$tmp/body"'
check "TAXII: a client walks every collection, each feed object once" \
    'TAXII_PAGE=500 python3 tests/taxii_client.py "$base" "$tok" "$tmp/feed.json" >"$tmp/taxii" && ! grep -q FAIL "$tmp/taxii"'
# A backup while the server answers and observe rewrites the month: the
# copy is whole, and holds the store before the run or after it.
runs0=$(q "SELECT count(*) FROM runs")
( for _ in $(seq 200); do curl -s -o /dev/null "$base/api/v1/scores/3356"; done ) &
reader=$!
"$manrs" observe -q --data testdata/demo --month 2015-09 --db "$db"     >/dev/null 2>&1 &
writer=$!
"$manrs" db backup --db "$db" "$tmp/copy.db" >/dev/null 2>"$tmp/backup.err"
brc=$?
wait $writer; wrc=$?
wait $reader
check "backup beside serve and observe: exit 0, observe too"     '[ $brc = 0 ] && [ $wrc = 0 ]'
check "the copy passes integrity_check and holds a whole run"     'python3 -c "import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute(\"PRAGMA integrity_check\").fetchone()[0] == \"ok\"
runs = c.execute(\"SELECT count(*) FROM runs WHERE finished IS NOT NULL\").fetchone()[0]
assert runs == int(sys.argv[2]), runs
n = c.execute(\"SELECT count(DISTINCT asn) FROM scores WHERE period = \x272015-09\x27\").fetchone()[0]
assert n == int(sys.argv[3]), n
t = c.execute(\"SELECT count(*) FROM tokens\").fetchone()[0]
assert t == 1, t" "$tmp/copy.db" "$runs0" "$ases"'
serve_stop
check "the server stopped cleanly" '[ "$serve_rc" = 0 ]'
echo "1..$n"
