#!/bin/sh
# `manrs conformance` and dispute rescoring over a fixture store
# (tests/lib/window_store.py says what is in it and why the figures below
# follow).  Prints TAP lines.
#
# usage: tests/conformance.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init conformance "${1:-build/manrs}"

db=$tmp/manrs.db
export MANRS_DB=$db
c() { "$manrs" conformance "$@"; }

check "no store: an error, and none is created" \
    'c 64500 2>&1 | grep -q "no store there" && [ ! -e "$db" ]'
"$manrs" db migrate >/dev/null && python3 tests/lib/window_store.py "$db" ||
    echo "Bail out! cannot build the fixture store"

check "--help explains the rule and the exit status" \
    'c --help | grep -q "every action" && c --help | grep -q "Exit status"'
check "a bad ASN is a usage error" 'c AS-FOO; [ $? -eq 2 ]'
check "--days 0 is a usage error" 'c 64500 --days 0; [ $? -eq 2 ]'
check "--at 2015-04-31 is a usage error" 'c 64500 --at 2015-04-31; [ $? -eq 2 ]'
check "an unknown ASN: no data, and the periods stored" \
    'c AS64999 2>&1 | grep -qx "manrs conformance: no data for AS64999 in the store (periods stored: 2015-04)"; [ "$(c 64999 2>/dev/null; echo $?)" = 1 ]'

# AS64500: the 13 h incident on 04-20 is in every window ending 04-20..30.
out=$(c AS64500); rc=$?
check "AS64500 is not conformant on some day: exit 1" '[ $rc -eq 1 ]'
check "AS64500 summary: 19 of 30 days, up to the last day in the store" \
    'echo "$out" | tail -1 | grep -qx "AS64500: conformant on 19 of 30 days (2015-04-01 .. 2015-04-30, trailing 30-day windows); not conformant 11, unknown 0"'
check "04-19 conformant, 04-20 not" \
    'echo "$out" | grep -qx "2015-04-19 conformant" && echo "$out" | grep -q "^2015-04-20 not-conformant filtering 48.6% Lagging: M2 raw 1 from 1 incident: M2-AS64500-20150420T000000Z (13 h 0 min, score 1)$"'
check "one line per day, oldest first" \
    '[ "$(echo "$out" | head -1 | cut -c1-10)" = 2015-04-01 ] && [ $(echo "$out" | wc -l) -eq 31 ]'
check "--days 5 --at 2015-04-22: 2 of 5" \
    'c 64500 --days 5 --at 2015-04-22 | tail -1 | grep -q "conformant on 2 of 5 days (2015-04-18 .. 2015-04-22"'
check "--json: counts, failing action and its pct" \
    'c 64500 --json | python3 -c "
import json, math, sys
o = json.load(sys.stdin)
d = o[\"per_day\"][19]
assert o[\"conformant_days\"] == 19 and o[\"not_conformant_days\"] == 11, o
assert not o[\"conformant\"] and o[\"window_days\"] == 30
assert d[\"day\"] == \"2015-04-20\" and d[\"status\"] == \"not-conformant\"
assert d[\"window\"][\"failing\"] == [\"filtering\"]
f = d[\"window\"][\"actions\"][\"filtering\"]
assert abs(f[\"pct\"] - 100 * 0.6 ** math.sqrt(2)) < 0.006, f
assert d[\"window\"][\"actions\"][\"anti-spoofing\"][\"pct\"] is None
assert d[\"window\"][\"incidents\"][0][\"ids\"] == [\"M2-AS64500-20150420T000000Z\"]
assert d[\"window\"][\"from\"] == \"2015-03-22\" and d[\"window\"][\"to\"] == \"2015-04-21\"
"'

check "AS64501 (IRR exactly 90 %) is conformant every day: exit 0" \
    'c 64501 | tail -1 | grep -q "conformant on 30 of 30 days"'
check "AS64502 fails IRR (80 %) and Coordination, saying why" \
    'c 64502 | grep -q "^2015-04-30 not-conformant coordination 0.0% Lagging: no contact in PeeringDB or RIR whois (as of 2015-04-30); global-validation-irr 80.0% Aspiring: 120 of 150 (prefix, origin) pair-days registered in the IRR; global-validation-rpki"'
check "AS64502 RPKI: (120 - 10 x 1) / 150 = 73.3 % on 04-30" \
    'c 64502 --days 1 | grep -q "global-validation-rpki 73.3% Aspiring: 120 RPKI valid and 1 invalid of 150"'
check "AS64503: days without facts are unknown" \
    'out=$(c 64503); [ $? -eq 1 ] && echo "$out" | grep -qx "2015-04-16 unknown: no facts for AS64503 on this day" && echo "$out" | tail -1 | grep -q "conformant on 15 of 30 days.*unknown 15"'

# Dispute rescoring: accept, reopen, reject (CLI side of test_window.c).
inc=M2-AS64500-20150420T000000Z
pct() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT round(pct, 2) || ' ' || label FROM scores WHERE asn = 64500 AND action = 'filtering'\").fetchone()[0])" "$db"; }
"$manrs" dispute open $inc --reason "our customer" >/dev/null
check "accepting rescores April: Filtering 100 % Ready" \
    '"$manrs" dispute --by auditor resolve 1 --accept --note LOA | grep -qx "scores of AS64500 for 2015-04 (run 1) recomputed: filtering 100.0% Ready; anti-spoofing No data; coordination 100.0% Ready; global-validation-irr 100.0% Ready; global-validation-rpki 100.0% Ready;" && [ "$(pct)" = "100.0 Ready" ]'
check "the incident stays in the store" \
    '[ "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT count(*) FROM incidents\").fetchone()[0])" "$db")" = 1 ]'
check "with the dispute accepted AS64500 is conformant every day: exit 0" \
    'c 64500 | tail -1 | grep -q "conformant on 30 of 30 days"'
check "--json shows the incident as disputed, not scored" \
    'c 64500 --days 1 --json | python3 -c "
import json, sys
w = json.load(sys.stdin)[\"per_day\"][0][\"window\"]
assert w[\"incidents\"] == [], w
assert w[\"disputed\"] == [{\"id\": \"M2-AS64500-20150420T000000Z\", \"metric\": \"M2\", \"dispute\": 1}], w
"'
check "reopen makes it count again: 48.56 % Lagging" \
    '"$manrs" dispute --by auditor reopen 1 --note "second look" | grep -q "filtering 48.6% Lagging" && [ "$(pct)" = "48.56 Lagging" ]'
check "reopen needs --note" '"$manrs" dispute reopen 1; [ $? -eq 2 ]'
check "reopening an open dispute is refused" \
    '! "$manrs" dispute reopen 1 --note x'
check "rejecting leaves the scores as they are" \
    '"$manrs" dispute resolve 1 --reject --note "no LOA" >/dev/null && [ "$(pct)" = "48.56 Lagging" ] && [ "$(c 64500 --days 1)" != "" ] && ! c 64500 --days 1 >/dev/null'
check "the history has all four steps" \
    'out=$("$manrs" dispute show 1) && echo "$out" | grep -q " accepted auditor: LOA" && echo "$out" | grep -q " reopened auditor: second look" && echo "$out" | grep -q " rejected "'
echo "1..$n"
