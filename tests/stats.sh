#!/bin/sh
# `manrs stats` over the fixture store of tests/lib/window_store.py (which
# says what is in it), with two small RIR statistics files written here:
# AS64500-64501 are RIPE NCC (NL), AS64502 ARIN (US), AS64503 in none.
# Prints TAP lines.
#
# usage: tests/stats.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init stats "${1:-build/manrs}"

db=$tmp/manrs.db
export MANRS_DB=$db
s() { "$manrs" stats "$@"; }
"$manrs" db migrate >/dev/null && python3 tests/lib/window_store.py "$db" ||
    echo "Bail out! cannot build the fixture store"
mkdir -p "$tmp/data/rir"
cat >"$tmp/data/rir/delegated-ripencc-extended-latest" <<'END'
2|ripencc|1430438400|1|19830705|20150501|+0200
ripencc|*|asn|*|1|summary
ripencc|NL|asn|64500|2|20100101|allocated|abc
END
cat >"$tmp/data/rir/delegated-arin-extended-latest" <<'END'
2|arin|1430438400|1|19830705|20150501|-0500
arin|*|asn|*|1|summary
arin|US|asn|64502|1|20100101|assigned|def
END

check "--help explains the figures" 's --help | grep -q "share RPKI valid"'
check "--by without RIR statistics is a usage error" 's --by rir; [ $? -eq 2 ]'
check "--by continent is a usage error" 's --by continent --data "$tmp/data"; [ $? -eq 2 ]'
check "--month 2015-13 is a usage error" 's --month 2015-13; [ $? -eq 2 ]'
check "a month without scores: error naming the stored ones" \
    's --month 2015-05 2>&1 | grep -qx "manrs stats: no scores for 2015-05 in the store (periods stored: 2015-04)"'

out=$(s --month 2015-04)
check "4 ASes scored; 1 organisation with 2 ASNs, both scored" \
    'echo "$out" | grep -qx "manrs stats 2015-04: 4 ASes scored" && echo "$out" | grep -qx "participants: 1 organisation, 2 ASNs, 2 of them scored this month"'
check "labels of all ASes: Filtering 3 Ready, 1 Lagging" \
    'echo "$out" | grep -m1 "^filtering " | tr -s " " | grep -qx "filtering 3 0 1 0"'
check "labels of all ASes: IRR 3 Ready, 1 Aspiring; Spoofer 1 Ready, 3 No data" \
    'echo "$out" | grep -m1 "^global-validation-irr " | tr -s " " | grep -qx "global-validation-irr 3 1 0 0" && echo "$out" | grep -m1 "^anti-spoofing " | tr -s " " | grep -qx "anti-spoofing 1 0 0 3"'
check "participants: Filtering 1 Ready 1 Lagging" \
    'echo "$out" | grep "^filtering " | sed -n 2p | tr -s " " | grep -qx "filtering 1 0 1 0"'
check "pairs: 25 of 26 RPKI valid, 24 of 26 in the IRR" \
    'echo "$out" | grep -qx "  RPKI valid 25 of 26 (96.2%), invalid 1 (3.8%)" && echo "$out" | grep -qx "  IRR registered 24 of 26 (92.3%)"'
check "the newest month is the default" '[ "$(s)" = "$out" ]'

out=$(s --by rir --data "$tmp/data")
check "by rir: RIPE NCC 2 ASes, 20 pairs, 100 % valid, 95 % in the IRR" \
    'echo "$out" | tr -s " " | grep -qx "RIPE NCC 2 20 100.0% 95.0% 1 1 2 2 2"'
check "by rir: ARIN 1 AS, 5 pairs, 80 % and 80 %" \
    'echo "$out" | tr -s " " | grep -qx "ARIN 1 5 80.0% 80.0% 1 0 0 0 0"'
check "by rir: AS64503 in no file is in -" \
    'echo "$out" | tr -s " " | grep -qx "\- 1 1 100.0% 100.0% 1 0 1 1 1"'
check "by country with --rir files" \
    's --by country --rir "$tmp/data/rir/delegated-ripencc-extended-latest" --rir "$tmp/data/rir/delegated-arin-extended-latest" | tr -s " " | grep -qx "NL 2 20 100.0% 95.0% 1 1 2 2 2"'
check "--json: every count" \
    's --by country --data "$tmp/data" --json | python3 -c "
import json, sys
o = json.load(sys.stdin)
assert o[\"period\"] == \"2015-04\" and o[\"all\"][\"ases\"] == 4, o
assert o[\"all\"][\"labels\"][\"filtering\"] == {\"Ready\": 3, \"Aspiring\": 0, \"Lagging\": 1, \"No data\": 0}
assert o[\"all\"][\"pairs\"][\"rpki_valid\"] == 25 and o[\"all\"][\"pairs\"][\"irr_registered\"] == 24
p = o[\"participants\"]
assert p[\"organisations\"] == 1 and p[\"asns\"] == 2 and p[\"scored\"][\"ases\"] == 2
assert sorted(o[\"groups\"]) == [\"-\", \"NL\", \"US\"]
us = o[\"groups\"][\"US\"]
assert us[\"ases\"] == 1 and us[\"pairs\"][\"announced\"] == 5 and us[\"pairs\"][\"rpki_invalid\"] == 1
assert us[\"labels\"][\"global-validation-irr\"][\"Aspiring\"] == 1
"'
check "an unreadable --rir file is an error" \
    's --by rir --rir "$tmp/nonexistent"; [ $? -eq 1 ]'
echo "1..$n"
