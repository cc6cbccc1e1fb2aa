#!/bin/sh
# Command-line behaviour of `manrs asrel` and `manrs peeringdb`: answers
# on a small hand-made graph (checked by eye below) and on the real
# samples, --json, --cones, skipped lines, exit codes.  Prints TAP lines.
#
# usage: tests/asrel.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init asrel "${1:-build/manrs}"

# 1 is the provider of 2 and 3, 2 of 4; 2 and 3 peer; 5 is alone.
cat >"$tmp/g.txt" <<'END'
# IXP ASes: 99
1|2|-1
1|3|-1
2|4|-1
2|3|0
5|6|0
END
printf '1 2 4\n2 4\n' >"$tmp/g.ppdc"
g=$tmp/g.txt
check "rel provider" '[ "$("$manrs" asrel "$g" rel 1 4)" = "AS1 has no link to AS4" ] &&
    [ "$("$manrs" asrel "$g" rel AS2 1)" = "AS2 is a customer of AS1" ]'
check "rel peer --json" '"$manrs" asrel --json "$g" rel 3 2 |
    grep -qx "{\"a\":3,\"b\":2,\"relationship\":\"peer\"}"'
check "cone" '[ "$("$manrs" asrel "$g" cone 1 | tr "\n" " ")" = "1 2 3 4 " ]'
check "cone-size" '[ "$("$manrs" asrel "$g" cone-size 2)" = 2 ]'
check "in-cone yes and no" '"$manrs" asrel "$g" in-cone 4 1 | grep -q "^yes" &&
    "$manrs" asrel "$g" in-cone 3 2 | grep -q "^no"'
check "--cones from ppdc" '[ "$("$manrs" asrel --cones "$tmp/g.ppdc" "$g" cone-size 1)" = 3 ]'
check "show" '"$manrs" asrel "$g" show 2 | grep -qx "  customers (1): 4"'
check "stats" '"$manrs" asrel "$g" stats | grep -qx "links 5" &&
    "$manrs" asrel "$g" stats | grep -qx "ixp_ases 99"'
printf '1|2|-1\n1|1|0\nx|2|0\n' >"$tmp/bad.txt"
check "bad lines reported, exit 0" '"$manrs" asrel "$tmp/bad.txt" rel 1 2 2>"$tmp/err" >/dev/null &&
    grep -q "2 lines skipped; the first: .*bad.txt: line 2 (byte 7)" "$tmp/err"'
check "--strict exits 1" '"$manrs" asrel --strict "$tmp/bad.txt" rel 1 2 >/dev/null 2>&1;
    [ $? -eq 1 ]'
check "usage errors exit 2" '"$manrs" asrel "$g" >/dev/null 2>&1; [ $? -eq 2 ] &&
    { "$manrs" asrel "$g" rel 1 >/dev/null 2>&1; [ $? -eq 2 ]; } &&
    { "$manrs" asrel "$g" nonsense >/dev/null 2>&1; [ $? -eq 2 ]; }'
check "missing file exits 1" '"$manrs" asrel /nonexistent rel 1 2 >/dev/null 2>&1; [ $? -eq 1 ]'
check "real sample: clique" '"$manrs" asrel testdata/asrel/caida_20150201.as-rel.sample.txt stats |
    grep -q "^clique_ases 174 209 286 701"'

# PeeringDB: 1 and 3 share an org (CAIDA's p2c link is kept), 4 and 5
# too (no link: siblings), 6 is alone in its org.
printf '{"data":[%s,%s,%s,%s,%s]}' \
    '{"id":1,"asn":1,"org_id":10,"irr_as_set":""}' \
    '{"id":3,"asn":3,"org_id":10,"irr_as_set":""}' \
    '{"id":4,"asn":4,"org_id":20,"irr_as_set":""}' \
    '{"id":5,"asn":5,"org_id":20,"irr_as_set":""}' \
    '{"id":6,"asn":6,"org_id":30,"irr_as_set":""}' >"$tmp/pdb.json"
check "--peeringdb siblings" '[ "$("$manrs" asrel --peeringdb "$tmp/pdb.json" "$g" rel 5 4)" = "AS5 is a sibling of AS4 (source peeringdb)" ] &&
    [ "$("$manrs" asrel --peeringdb "$tmp/pdb.json" "$g" rel 1 3)" = "AS1 is a provider of AS3" ] &&
    [ "$("$manrs" asrel --peeringdb "$tmp/pdb.json" "$g" rel 5 6)" = "AS5 is a peer of AS6" ] &&
    [ "$("$manrs" asrel --peeringdb "$tmp/pdb.json" "$g" cone-size 4)" = 1 ]'

P=testdata/peeringdb
check "peeringdb text" '"$manrs" peeringdb AS6939 $P/*.json >"$tmp/he" &&
    grep -qx "AS6939  Hurricane Electric" "$tmp/he" &&
    grep -qx "  contacts (2):" "$tmp/he" && grep -qx "  IX ports (28):" "$tmp/he"'
check "peeringdb siblings" '"$manrs" peeringdb 3257 $P/*.json |
    grep -qx "  siblings (4): 4436 4565 4589 8928"'
check "peeringdb --json" '"$manrs" peeringdb --json 6939 $P/*.json >"$tmp/he.json" &&
    [ "$(wc -l <"$tmp/he.json")" -eq 1 ] &&
    grep -q "\"has_contact\":true" "$tmp/he.json" &&
    grep -q "\"org\":{\"id\":396," "$tmp/he.json" &&
    [ "$(grep -o "\"ix_id\":" "$tmp/he.json" | wc -l)" -eq 28 ]'
check "peeringdb unknown ASN" '"$manrs" peeringdb 64496 $P/*.json | grep -q "not in the PeeringDB data"'
printf '{"data":[{"id":1,"asn":64500,"irr_as_set":""},5]}' >"$tmp/bad.json"
check "peeringdb skipped record, --strict" '"$manrs" peeringdb 64500 "$tmp/bad.json" 2>"$tmp/err" >/dev/null &&
    grep -q "data\[1\] (byte 46): not an object" "$tmp/err" &&
    { "$manrs" peeringdb --strict 64500 "$tmp/bad.json" >/dev/null 2>&1; [ $? -eq 1 ]; }'
check "peeringdb bad JSON exits 1" 'printf "{\"data\":[" >"$tmp/trunc.json";
    "$manrs" peeringdb 1 "$tmp/trunc.json" >/dev/null 2>&1; [ $? -eq 1 ]'
echo "1..$n"
