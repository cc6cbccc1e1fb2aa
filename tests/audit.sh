#!/bin/sh
# `manrs audit` over the fixture store of tests/lib/window_store.py (which
# says why the figures below follow).  Prints TAP lines.
#
# usage: tests/audit.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init audit "${1:-build/manrs}"

db=$tmp/manrs.db
export MANRS_DB=$db
a() { "$manrs" audit "$@"; }
"$manrs" db migrate >/dev/null && python3 tests/lib/window_store.py "$db" ||
    echo "Bail out! cannot build the fixture store"

check "--help explains pass and fail" \
    'a --help | grep -q "passes when it is Ready for every ASN"'
check "no ASN is a usage error" 'a; [ $? -eq 2 ]'
check "an ASN twice is a usage error" 'a 64500 AS64500; [ $? -eq 2 ]'
check "an unknown ASN: no data, and the periods stored" \
    'a 64500 64999 2>&1 | grep -qx "manrs audit: no data for AS64999 in the store (periods stored: 2015-04)"; [ "$(a 64999 2>/dev/null; echo $?)" = 1 ]'

out=$(a 64501); rc=$?
check "AS64501 passes every action: exit 0" \
    '[ $rc -eq 0 ] && echo "$out" | grep -qx "Result: PASS (5 of 5 actions pass)"'
check "AS64501 IRR exactly 90 % passes" \
    'echo "$out" | grep -qx "global-validation-irr    pass    90.0% Ready"'

out=$(a 64500 AS64502); rc=$?
check "AS64500 with AS64502 fails: exit 1" \
    '[ $rc -eq 1 ] && echo "$out" | grep -qx "Result: FAIL (0 of 5 actions pass)"'
check "the table gives each ASN its score" \
    'echo "$out" | grep -qx "filtering                FAIL    48.6% Lagging     100.0% Ready" && echo "$out" | grep -qx "every action             FAIL    FAIL              FAIL"'
check "no Spoofer test: says to run one inside the AS" \
    'echo "$out" | grep -qx "\- AS64502 anti-spoofing: no Spoofer test: run a CAIDA Spoofer test (https://spoofer.caida.org) from a client inside AS64502"'
check "no contact: says where to publish one" \
    'echo "$out" | grep -q "^- AS64502 coordination: no contact: publish a contact for AS64502 in PeeringDB"'
check "IRR 80 %: lists the prefix without a route object" \
    'echo "$out" | grep -q "^- AS64502 global-validation-irr: IRR share 80.0% (120 of 150 .*); no route object for 1 prefix: 198.18.2.0/24$"'
check "RPKI: lists the invalid announcement" \
    'echo "$out" | grep -q "^- AS64502 global-validation-rpki: RPKI share 73.3% .*RPKI invalid: 198.18.2.0/24 (fix the ROA or the announcement)$"'
check "Filtering: the incident with its id" \
    'echo "$out" | grep -q "^- AS64500 filtering: M2 raw 1 from 1 incident: M2-AS64500-20150420T000000Z (13 h 0 min, score 1); "'
check "a window before the incident: Filtering passes for AS64500" \
    'a 64500 --days 10 --at 2015-04-19 | grep -qx "filtering                pass    100.0% Ready"'
check "--json: pass per action and ASN, lists in full" \
    'a 64500 64502 --json | python3 -c "
import json, sys
o = json.load(sys.stdin)
assert o[\"pass\"] is False and o[\"days\"] == 30, o
assert o[\"actions\"][\"global-validation-irr\"][\"failing_asns\"] == [64502]
assert o[\"actions\"][\"anti-spoofing\"][\"failing_asns\"] == [64500, 64502]
b = o[\"asns\"][1]
assert b[\"asn\"] == 64502 and b[\"pass\"] is False
assert b[\"irr_unregistered\"] == [\"198.18.2.0/24\"]
assert b[\"rpki_invalid\"] == [\"198.18.2.0/24\"]
assert b[\"actions\"][\"global-validation-irr\"][\"pct\"] == 80.0
assert \"coordination\" in b[\"missing\"] and \"filtering\" not in b[\"missing\"]
"'
echo "1..$n"
