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

echo "1..$n"
