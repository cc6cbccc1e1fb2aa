#!/bin/sh
# Command-line behaviour of `manrs report` on a fixture store
# (testdata/report/fixture.sql): Markdown, JSON and HTML outputs say what
# the fixture holds, the HTML is self-contained and its SVG charts are
# well-formed XML, and a missing AS or month is a clear error.  TAP lines.
#
# usage: tests/report.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init report "${1:-build/manrs}"

db=$tmp/manrs.db
export MANRS_DB=$db

check "report without a store says so and does not create one" \
    '! "$manrs" report 64500 --month 2015-04 && "$manrs" report 64500 --month 2015-04 2>&1 | grep -q "no store" && [ ! -e "$db" ]'
"$manrs" db info >/dev/null
python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript(open(sys.argv[2]).read())
c.commit()' "$db" testdata/report/fixture.sql

check "--help explains and exits 0" \
    '"$manrs" report --help | grep -q "trend arrows"'
check "no --month is a usage error" \
    '"$manrs" report 64500; [ $? -eq 2 ]'
check "a bad ASN is a usage error" \
    '"$manrs" report AS64x --month 2015-04; [ $? -eq 2 ]'
check "a bad format is a usage error" \
    '"$manrs" report 64500 --month 2015-04 --format pdf; [ $? -eq 2 ]'
check "a month not in the store: exit 1, the months it has named" \
    '"$manrs" report AS64500 --month 2015-06 2>"$tmp/err"; [ $? -eq 1 ] && grep -q "2015-03, 2015-04" "$tmp/err"'
check "an AS not in the store: exit 1, the store's months named" \
    '"$manrs" report 64999 --month 2015-04 2>"$tmp/err"; [ $? -eq 1 ] && grep -q "no months" "$tmp/err"'

"$manrs" report AS64500 --month 2015-04 >"$tmp/r.md"
check "md: filtering fell 60 -> 49, IRR rose 50 -> 75" \
    'grep -q "^| Filtering | 49.0 % | Lagging | ↓ -11.0 |" "$tmp/r.md" && grep -q "^| Global Validation IRR | 75.0 % | Aspiring | ↑ +25.0 |" "$tmp/r.md"'
check "md: every April incident, not March's" \
    'grep -c "^### M" "$tmp/r.md" | grep -qx 3 && ! grep -q M2-AS64500-20150310 "$tmp/r.md"'
check "md: the dispute command for an undisputed incident" \
    'grep -q "manrs dispute open M3-AS64500-20150420T000000Z --reason" "$tmp/r.md"'
check "md: what to fix first starts with the RPKI-invalid prefix" \
    'grep -A2 "^## What to fix first" "$tmp/r.md" | grep -q "^1\. RPKI-invalid.*192\.0\.2\.0/24"'

"$manrs" report 64500 --month 2015-04 --format json -o "$tmp/r.json"
check "json: -o writes valid JSON with arrows, incidents and announcements" \
    'python3 -c "import json,sys; j=json.load(open(sys.argv[1])); assert j[\"scores\"][\"filtering\"][\"arrow\"]==\"↓\"; assert [i[\"id\"] for i in j[\"incidents\"]]==[\"M2-AS64500-20150402T120000Z\",\"M4C-AS64500-20150405T000000Z\",\"M3-AS64500-20150420T000000Z\"]; assert len(j[\"announcements\"])==4; assert j[\"facts\"][\"has_contact\"] is False" "$tmp/r.json"'

"$manrs" report 64500 --month 2015-04 --format html -o "$tmp/r.html"
check "html: self-contained (no URL, script or external resource)" \
    '! grep -Eiq "https?:|<script|<link|<img|url\(|@import" "$tmp/r.html"'
check "html: every SVG chart is well-formed XML, five of them" \
    'python3 -c "
import re, sys, xml.etree.ElementTree as ET
s = open(sys.argv[1], encoding=\"utf-8\").read()
svgs = re.findall(r\"<svg .*?</svg>\", s, re.S)
assert len(svgs) == 5
for x in svgs:
    root = ET.fromstring(x)
    assert root.tag == \"svg\" and root.find(\"path\") is not None
" "$tmp/r.html"'
check "html: markup from the data is escaped" \
    'grep -q "&lt;img src=x onerror=alert(1)&gt;" "$tmp/r.html" && ! grep -q "<b>00" "$tmp/r.html"'
check "html: --link-base gives dispute links" \
    '"$manrs" report 64500 --month 2015-04 --format html --link-base https://obs.example | grep -q "href=\"https://obs.example/disputes/new?incident=M3-AS64500-20150420T000000Z\""'
check "a write error is reported" \
    '! "$manrs" report 64500 --month 2015-04 -o /nonexistent/dir/r.md 2>/dev/null'

# manrs asn and manrs prefix, on the same store and real reference samples.
data=$tmp/data
mkdir -p "$data/rpki" "$data/irr" "$data/rir" "$data/peeringdb"
ln -s "$PWD/testdata/rpki/compress_roas_vrps_2017-06-01.head400.txt" "$data/rpki/"
ln -s "$PWD/testdata/irr/arin-originas.sample.db" "$PWD/testdata/irr/nonauth.db" "$data/irr/"
ln -s "$PWD/testdata/rir/iana_iana-ipv4-special-registry.xml" "$PWD/testdata/rir/iana_ipv4-address-space.xml" "$data/rir/"
ln -s "$PWD/testdata/peeringdb/prod_anon_net_page-1.json" "$PWD/testdata/peeringdb/prod_anon_org_page-1.json" "$data/peeringdb/"

check "asn --help explains and exits 0" \
    '"$manrs" asn --help | grep -q "IRR source"'
check "asn: a bad AS number is a usage error" \
    '"$manrs" asn AS-FOO; [ $? -eq 2 ]'
check "prefix: a bad prefix is a usage error" \
    '"$manrs" prefix 192.0.2.1/24; [ $? -eq 2 ]'
check "asn without --data: store sections, and which need --data" \
    'out=$("$manrs" asn AS64500) && echo "$out" | grep -q "^announcements: 4$" && echo "$out" | grep -q "prefix 192.0.2.0/24  peers 4" && echo "$out" | grep -q "irr: needs --data DIR (DIR/irr/)"'
check "asn --json --data: route objects by source, bogon ASN" \
    '"$manrs" asn 64500 --data "$data" --json 2>/dev/null | python3 -c "import json,sys; j=json.load(sys.stdin); assert j[\"irr\"][\"sources\"][\"RADB\"][\"routes\"]==[\"3.0.0.0/15\"]; assert j[\"irr\"][\"sources\"][\"RADB\"][\"auth\"] is False; assert j[\"bogon\"][\"class\"]==\"full\"; assert \"unavailable\" not in j"'
check "asn --data: PeeringDB name" \
    '"$manrs" asn 4436 --data "$data" 2>/dev/null | grep -q "name: GTT Communications (AS4436)"'
check "prefix: origins, less and more specifics from the store" \
    'out=$("$manrs" prefix 192.0.2.0/24) && echo "$out" | grep -q "origin 64500  period 2015-04" && echo "$out" | grep -A1 "^less_specifics: 1" | grep -q "prefix 192.0.0.0/16  origin 64502" && echo "$out" | grep -A1 "^more_specifics: 1" | grep -q "prefix 192.0.2.128/25  origin 64501"'
check "prefix --data: covering VRP and ROV state per origin" \
    '"$manrs" prefix 193.104.146.0/24 --data "$data" --json 2>/dev/null | python3 -c "import json,sys; j=json.load(sys.stdin); v=j[\"vrps\"]; assert v[\"covering\"][0][\"asn\"]==44018; s={o[\"origin\"]:o[\"state\"] for o in v[\"origins\"]}; assert s=={44018:\"valid\",64501:\"invalid\"}"'
check "prefix --data: authoritative and non-authoritative IRR objects" \
    '"$manrs" prefix 3.0.0.0/15 --data "$data" 2>/dev/null | grep -A1 "^    ARIN:$" | grep -q "auth: yes"'
check "--data with a missing directory is an error" \
    '"$manrs" asn 64500 --data "$tmp/nope" 2>&1 | grep -q "not a directory"; [ $? -eq 0 ] && ! "$manrs" asn 64500 --data "$tmp/nope" 2>/dev/null'

echo "1..$n"
