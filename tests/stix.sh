#!/bin/sh
# `manrs feed` on a fixture store (testdata/report/fixture.sql +
# testdata/stix/extra.sql): usage errors, a deterministic bundle, the
# --asn filter, and every object validated against the official OASIS
# STIX 2.1 JSON schemas (../shared/data/stix/schemas, draft 2020-12) with
# ajv from npm, installed into build/npm on first use.  Without the
# schemas, npm or the registry the validation says "# skip", not ok.
#
# usage: tests/stix.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init stix "${1:-build/manrs}"

db=$tmp/manrs.db
export MANRS_DB=$db
"$manrs" db info >/dev/null
python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for f in sys.argv[2:]:
    c.executescript(open(f).read())
c.commit()' "$db" testdata/report/fixture.sql testdata/stix/extra.sql

check "--help explains and exits 0" \
    '"$manrs" feed --help | grep -q "STIX 2.1 bundle"'
check "no --month is a usage error" \
    '"$manrs" feed; [ $? -eq 2 ]'
check "a bad month is a usage error" \
    '"$manrs" feed --month 2015-4; [ $? -eq 2 ]'
check "a bad --asn is a usage error" \
    '"$manrs" feed --month 2015-04 --asn AS6x; [ $? -eq 2 ]'
check "a month the store lacks: exit 1 with a message" \
    '"$manrs" feed --month 2016-01 2>"$tmp/err"; [ $? -eq 1 ] && grep -q "no scores for 2016-01" "$tmp/err"'

"$manrs" feed --month 2015-04 >"$tmp/b.json"
"$manrs" feed --month 2015-04 -o "$tmp/b2.json"
check "the same store gives the same bundle byte for byte" \
    'cmp -s "$tmp/b.json" "$tmp/b2.json"'
check "bundle: 27 objects, ids unique, every reference resolves" \
    'python3 -c "
import json, sys
b = json.load(open(sys.argv[1]))
assert b[\"type\"] == \"bundle\"
objs = b[\"objects\"]
ids = [o[\"id\"] for o in objs]
assert len(objs) == 27 and len(set(ids)) == 27
for o in objs:
    for k, v in o.items():
        refs = [v] if k.endswith(\"_ref\") else v if k.endswith(\"_refs\") else []
        assert all(r in ids for r in refs), (o[\"id\"], k)
" "$tmp/b.json"'
check "the M2 indicator has the (prefix, origin) pattern" \
    'grep -q "\"pattern\": \"\[ipv4-addr:value = '"'"'192.0.2.0/24'"'"' AND autonomous-system:number = 64500\]\"" "$tmp/b.json"'
check "SCO ids are UUIDv5 of the canonical JSON (Python uuid5 as oracle)" \
    'python3 -c "
import json, sys, uuid
ns = uuid.UUID(\"00abedb4-aa42-466c-9c01-fed23315a9b7\")
n = 0
for o in json.load(open(sys.argv[1]))[\"objects\"]:
    if o[\"type\"] == \"autonomous-system\":
        name = json.dumps({\"number\": o[\"number\"]}, separators=(\",\", \":\"))
    elif o[\"type\"] in (\"ipv4-addr\", \"ipv6-addr\"):
        name = json.dumps({\"value\": o[\"value\"]}, separators=(\",\", \":\"))
    else:
        continue
    assert o[\"id\"] == o[\"type\"] + \"--\" + str(uuid.uuid5(ns, name)), o
    n += 1
assert n == 7
" "$tmp/b.json"'
check "--asn 64501: its report and its two incidents only" \
    '"$manrs" feed --month 2015-04 --asn AS64501 | python3 -c "
import json, sys
objs = json.load(sys.stdin)[\"objects\"]
assert sorted(o[\"x_manrs_asn\"] for o in objs if o[\"type\"] in (\"report\", \"observed-data\")) == [64501, 64501, 64501]
"'

# The validator: ajv (JSON Schema draft 2020-12) in build/npm.
schemas=../shared/data/stix/schemas
npmdir=build/npm
if [ ! -d "$schemas/sdos" ]; then
	echo "# skip STIX schema validation: no $schemas"
else
	if [ ! -f "$npmdir/node_modules/ajv/dist/2020.js" ] ||
	    [ ! -d "$npmdir/node_modules/ajv-formats" ]; then
		if command -v npm >/dev/null 2>&1; then
			mkdir -p "$npmdir"
			timeout 300 npm install --silent --no-audit --no-fund \
			    --prefix "$npmdir" ajv@8 ajv-formats@2 \
			    >"$tmp/npm.log" 2>&1
		fi
	fi
	if ! command -v node >/dev/null 2>&1 ||
	    [ ! -f "$npmdir/node_modules/ajv/dist/2020.js" ]; then
		echo "# skip STIX schema validation: no node or ajv (npm install failed)"
	else
		validate() {
			NODE_PATH=$PWD/$npmdir/node_modules node \
			    tests/lib/stix_validate.js "$schemas" "$1" 2>/dev/null
		}
		validate "$tmp/b.json" >"$tmp/v.out"
		check "every object validates against its OASIS schema (ajv, draft 2020-12)" \
		    '[ $(grep -c "^valid " "$tmp/v.out") -eq 28 ] && ! grep -q "^invalid" "$tmp/v.out"'
		check "each of the 8 types we emit was checked" \
		    '[ $(grep "^valid " "$tmp/v.out" | cut -d" " -f2 | sort -u | grep -cv bundle) -eq 8 ]'
		# The validator must be able to say no: broken copies.
		for mut in \
		    'o["type"] == "indicator" and o.pop("pattern")' \
		    'o["type"] == "ipv4-addr" and o.update(id="ipv4-addr--1")' \
		    'o["type"] == "report" and o.update(published="May 2015")' \
		    'o["type"] == "sighting" and o.update(count=-1)' \
		    'o["type"] == "observed-data" and o.update(object_refs=[])'; do
			python3 -c "
import json, sys
b = json.load(open(sys.argv[1]))
for o in b['objects']:
    $mut
json.dump(b, open(sys.argv[2], 'w'))" "$tmp/b.json" "$tmp/bad.json"
			check "a broken object is rejected: $mut" \
			    '! validate "$tmp/bad.json" >"$tmp/bad.out" && grep -q "^invalid" "$tmp/bad.out"'
		done
	fi
fi

echo "1..$n"
