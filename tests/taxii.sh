#!/bin/sh
# TAXII 2.1 in `manrs serve` on loopback against a fixture store
# (testdata/report/fixture.sql + testdata/stix/extra.sql): a client walks
# discovery, the API root, the collections and every collection's objects
# and manifest page by page with `next` (tests/taxii_client.py) and gets
# each object of `manrs feed` exactly once; filters, the media type (406),
# per-collection bearer tokens, one object and its versions.  TAP lines.
#
# usage: tests/taxii.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/serve.sh"
tap_init taxii "${1:-build/manrs}"

if ! command -v curl >/dev/null; then
	echo "1..0 # skip curl is not installed"
	exit 0
fi
serve_fixture
python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript(open(sys.argv[2]).read())
c.commit()' "$db" testdata/stix/extra.sql
tok=$("$manrs" token create --db "$db" --name feed --role operator --asn 64500 2>/dev/null)
"$manrs" feed --db "$db" --month 2015-03 >"$tmp/mar.json"
"$manrs" feed --db "$db" --month 2015-04 >"$tmp/apr.json"
serve_start

T="Accept: application/taxii+json;version=2.1"
A="Authorization: Bearer $tok"
col=/taxii2/api/collections
check "a client walks every collection page by page: each feed object once" \
    'python3 tests/taxii_client.py "$base" "$tok" "$tmp/mar.json" "$tmp/apr.json" >"$tmp/walk" && ! grep -q FAIL "$tmp/walk"'
check "discovery names the API root, media type TAXII 2.1" \
    '[ "$(get /taxii2/ -H "$T")" = 200 ] && grep -qi "^content-type: application/taxii+json;version=2.1" "$tmp/headers" && grep -q "\"api_roots\":\[\"/taxii2/api/\"\]" "$tmp/body"'
check "a wrong Accept gets 406 with a TAXII error" \
    '[ "$(get /taxii2/ -H "Accept: application/json")" = 406 ] && grep -q "\"http_status\":\"406\"" "$tmp/body" && [ "$(get /taxii2/api/ -H "Accept: application/taxii+json;version=2.0")" = 406 ]'
check "no token: incidents 401, reports readable, can_read says so" \
    '[ "$(get $col/routing-incidents/objects/ -H "$T")" = 401 ] && grep -qi "^www-authenticate: Bearer" "$tmp/headers" && [ "$(get $col/conformance-reports/objects/ -H "$T")" = 200 ] && [ "$(get $col/indicators/ -H "$T")" = 200 ] && grep -q "\"can_read\":false" "$tmp/body"'
check "a bad token: 401" \
    '[ "$(get $col/conformance-reports/objects/ -H "$T" -H "Authorization: Bearer manrs_nope")" = 401 ]'
check "match[type]: the two IPv6 observables" \
    '[ "$(get "$col/routing-incidents/objects/?match%5Btype%5D=ipv6-addr" -H "$T" -H "$A")" = 200 ] && python3 -c "import json,sys; o=json.load(open(sys.argv[1]))[\"objects\"]; assert len(o)==2 and {x[\"type\"] for x in o}=={\"ipv6-addr\"}" "$tmp/body"'
check "added_after the March run: the two April reports only" \
    '[ "$(get "$col/conformance-reports/objects/?added_after=2015-04-01T01:00:00.000Z&match%5Btype%5D=report" -H "$T")" = 200 ] && python3 -c "import json,sys; o=json.load(open(sys.argv[1]))[\"objects\"]; assert sorted(x[\"x_manrs_period\"] for x in o)==[\"2015-04\",\"2015-04\"]" "$tmp/body" && grep -qi "^x-taxii-date-added-first: 2015-05-01T01:00:00.000Z" "$tmp/headers"'
id=$(python3 -c "import json,sys; print([o['id'] for o in json.load(open(sys.argv[1]))['objects'] if o['type']=='indicator'][0])" "$tmp/apr.json")
check "one object, its versions, match[id] and match[version]" \
    '[ "$(get $col/indicators/objects/$id/ -H "$T" -H "$A")" = 200 ] && grep -q "\"id\":\"$id\"" "$tmp/body" && [ "$(get $col/indicators/objects/$id/versions/ -H "$T" -H "$A")" = 200 ] && grep -q "\"versions\":\[\"2015-05-01T01:00:00.000Z\"\]" "$tmp/body" && [ "$(get "$col/indicators/objects/?match%5Bid%5D=$id&match%5Bversion%5D=2015-05-01T01:00:00Z" -H "$T" -H "$A")" = 200 ] && grep -q "\"id\":\"$id\"" "$tmp/body"'
check "an object of another collection: 404" \
    '[ "$(get $col/conformance-reports/objects/$id/ -H "$T")" = 404 ]'
check "bad limit, added_after, next, match[version]: 400" \
    '[ "$(get "$col/conformance-reports/objects/?limit=0" -H "$T")" = 400 ] && [ "$(get "$col/conformance-reports/objects/?limit=5000" -H "$T")" = 400 ] && [ "$(get "$col/conformance-reports/objects/?added_after=yesterday" -H "$T")" = 400 ] && [ "$(get "$col/conformance-reports/objects/?next=zz" -H "$T")" = 400 ] && [ "$(get "$col/conformance-reports/objects/?match%5Bversion%5D=newest" -H "$T")" = 400 ]'
check "unknown collection and resource: 404" \
    '[ "$(get $col/nope/objects/ -H "$T")" = 404 ] && [ "$(get /taxii2/api/status/x/ -H "$T")" = 404 ]'
check "a write: 405" \
    '[ "$(get $col/indicators/objects/ -X POST -H "$T" -H "$A" --data "{}")" = 405 ]'
count() {
	get "$col/indicators/objects/?match%5Btype%5D=indicator" -H "$T" -H "$A" >/dev/null &&
	    python3 -c "import json,sys; print(len(json.load(open(sys.argv[1])).get(\"objects\", [])))" "$tmp/body"
}
check "an accepted dispute takes the indicators of its incident out (6 -> 4)" \
    '[ "$(count)" = 6 ] && "$manrs" dispute --db "$db" --by auditor resolve 1 --accept --note fp >/dev/null 2>&1 && [ "$(count)" = 4 ]'
grep -E "FAIL|^ok all [0-9]" "$tmp/walk" | sed 's/^/# /'
serve_stop
check "SIGTERM stops it with exit 0" '[ "$serve_rc" -eq 0 ]'
echo "1..$n"
