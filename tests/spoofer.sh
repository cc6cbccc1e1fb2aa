#!/bin/sh
# Command-line behaviour of `manrs spoofer` and `manrs participants` on
# the samples in testdata/: per-AS summaries, sessions, validation errors
# with file and line, exit codes.  Prints TAP lines.
#
# usage: tests/spoofer.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init spoofer "${1:-build/manrs}"

S=testdata/spoofer
"$manrs" spoofer $S/intelmq_shadowserver_caida_ip_spoofer.csv \
    $S/intelmq_shadowserver_event4_ip_spoofer.csv >"$tmp/sum" 2>"$tmp/err"
check "spoofer exits 0 on both Shadowserver schemas" "[ $? -eq 0 ]"
check "11 ASes from 5 + 6 sessions" "[ \$(wc -l <$tmp/sum) -eq 11 ]"
check "AS7552 rewritten: no spoofing client" \
    "grep -qx '7552 1 0 0 0 2019-08-27T02:32:12Z 740024' $tmp/sum"
check "AS262485 received: one spoofing client" \
    "grep -qx '262485 1 1 0 1 2021-03-28T01:36:22Z 1112914' $tmp/sum"
"$manrs" spoofer --sessions --from 2019-08-27T03:00:00Z \
    --to 2019-08-28T00:00:00Z $S/intelmq_shadowserver_caida_ip_spoofer.csv \
    >"$tmp/sess"
check "--sessions with --from/--to keeps the last two" \
    "[ \$(wc -l <$tmp/sess) -eq 2 ] && grep -qx '740037 2019-08-27T03:16:08Z 8047 24.237.163.0/24 no-nat received -' $tmp/sess"
printf '%s\n' '{"session":5,"timestamp":"2021-01-01T00:00:00Z","asn4":64496,"client4":"192.0.2.0/24","routedspoof":"received","privatespoof":"blocked","asn6":"64497","client6":"2001:db8::/40","routedspoof6":"blocked","privatespoof6":"received"}' \
    '{"session":6,"timestamp":"2021-01-01T00:00:00Z","asn4":64496,"client4":"192.0.2.1/24"}' >"$tmp/api.json"
"$manrs" spoofer $tmp/api.json >"$tmp/api" 2>"$tmp/err"
check "CAIDA API JSON: one record per family" \
    "grep -qx '64496 1 1 0 1 2021-01-01T00:00:00Z 5' $tmp/api && grep -qx '64497 1 0 1 1 2021-01-01T00:00:00Z 5' $tmp/api"
check "a bad record is reported with file and line" \
    "grep -q 'api.json:2: bad client prefix' $tmp/err"
"$manrs" spoofer --from yesterday $tmp/api.json >/dev/null 2>&1
check "a bad --from exits 2" "[ $? -eq 2 ]"
printf 'a,b\n1,2\n' >"$tmp/other.csv"
"$manrs" spoofer $tmp/other.csv >/dev/null 2>&1
check "a CSV without Spoofer columns exits 1" "[ $? -eq 1 ]"

"$manrs" participants testdata/participants.json >"$tmp/parts"
check "the sample participants file is valid" "[ $? -eq 0 ]"
check "it lists 7 ASNs with program and organisation" \
    "[ \$(wc -l <$tmp/parts) -eq 7 ] && grep -qx '64500 IXP Example Exchange' $tmp/parts"
sed 's/"asns": \[64500\]/"asns": [64496]/; s/"organisation": "Example Router Vendor"/"organization": "Example Router Vendor"/' \
    testdata/participants.json >"$tmp/bad.json"
"$manrs" participants "$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"
check "an invalid participants file exits 1 and prints nothing" \
    "[ $? -eq 1 ] && [ ! -s $tmp/out ]"
check "a shared ASN names both organisations and lines" \
    "grep -q 'bad.json:15: listed twice: AS64496 belongs to \"Example Networks B.V.\" (line 4) and to \"Example Exchange\"' $tmp/err"
check "a misspelt key is an error, not dropped" \
    "grep -q 'bad.json:35: malformed: participant 4: unknown key \"organization\"' $tmp/err"

echo "1..$n"
