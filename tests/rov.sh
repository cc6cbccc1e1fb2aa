#!/bin/sh
# Command-line behaviour of `manrs rov`: states and reasons, --summary,
# --json, every VRP format, bad route lines, exit codes.  Prints TAP lines.
#
# usage: tests/rov.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init rov "${1:-build/manrs}"

T=testdata/rpki
cat >"$tmp/vrps.csv" <<'END'
ASN,IP Prefix,Max Length,Trust Anchor
AS64496,10.0.0.0/8,16,test
AS64497,10.0.0.0/16,24,test
AS0,192.0.2.0/24,24,test
AS64502,2001:db8::/32,48,test
END
cat >"$tmp/routes" <<'END'
# comment and blank line

10.0.0.0/8 64496
10.2.0.0/17 AS64496
10.2.0.0/17 1
10.0.5.0/24 64497
192.0.2.0/24 64496
11.0.0.0/8 64496
2001:db8:5::/48 AS64502
2001:db8:5::/49 64502
END
cat >"$tmp/want" <<'END'
10.0.0.0/8 64496 valid
10.2.0.0/17 64496 invalid length
10.2.0.0/17 1 invalid as
10.0.5.0/24 64497 valid
192.0.2.0/24 64496 invalid as
11.0.0.0/8 64496 not-found
2001:db8:5::/48 64502 valid
2001:db8:5::/49 64502 invalid length
END

check "--help exits 0 and explains --vrps" \
    '"$manrs" rov --help | grep -q -- "--vrps"'
check "manrs --help lists rov" \
    '"$manrs" --help | grep -q "rov"'
check "no --vrps is a usage error" \
    '"$manrs" rov </dev/null >/dev/null 2>&1; [ $? -eq 2 ]'
check "unknown option is a usage error" \
    '"$manrs" rov --vrps "$tmp/vrps.csv" --bogus </dev/null >/dev/null 2>&1; [ $? -eq 2 ]'
check "stray argument is a usage error" \
    '"$manrs" rov --vrps "$tmp/vrps.csv" extra </dev/null >/dev/null 2>&1; [ $? -eq 2 ]'
check "states and reasons from stdin" \
    '"$manrs" rov --vrps "$tmp/vrps.csv" <"$tmp/routes" >"$tmp/out" &&
     cmp -s "$tmp/out" "$tmp/want"'
check "--routes FILE gives the same" \
    '"$manrs" rov --vrps "$tmp/vrps.csv" --routes "$tmp/routes" | cmp -s - "$tmp/want"'
check "gzip-compressed VRPs and routes" \
    'gzip -c "$tmp/vrps.csv" >"$tmp/vrps.csv.gz" && gzip -c "$tmp/routes" >"$tmp/routes.gz" &&
     "$manrs" rov --vrps "$tmp/vrps.csv.gz" --routes "$tmp/routes.gz" | cmp -s - "$tmp/want"'
check "--summary counts" \
    '"$manrs" rov --vrps "$tmp/vrps.csv" --summary <"$tmp/routes" >"$tmp/s" &&
     grep -qx "routes 8" "$tmp/s" && grep -qx "valid 3" "$tmp/s" &&
     grep -qx "invalid 4" "$tmp/s" && grep -qx "invalid-as 2" "$tmp/s" &&
     grep -qx "invalid-length 2" "$tmp/s" && grep -qx "not-found 1" "$tmp/s"'
check "--json: one valid object per route, with covering VRPs" \
    '"$manrs" rov --vrps "$tmp/vrps.csv" --json <"$tmp/routes" >"$tmp/j" &&
     [ "$(wc -l <"$tmp/j")" -eq 8 ] &&
     python3 -c "import json,sys
l=[json.loads(x) for x in open(sys.argv[1])]
assert l[1][\"state\"]==\"invalid\" and l[1][\"reason\"]==\"length\"
assert [c[\"asn\"] for c in l[3][\"covering\"]]==[64496,64497]
assert l[5][\"state\"]==\"not-found\" and l[5][\"covering\"]==[]" "$tmp/j"'
check "--json --summary is one object" \
    '"$manrs" rov --vrps "$tmp/vrps.csv" --json --summary <"$tmp/routes" |
     python3 -c "import json,sys; d=json.load(sys.stdin); assert d[\"valid\"]==3 and d[\"invalid_as\"]==2"'

printf '10.0.0.0/8 64496\n10.0.0.1/8 64496\n10.0.0.0/8\n10.0.0.0/8 ASX\n10.0.0.0/8 1 2\n11.0.0.0/8 1\n' >"$tmp/bad"
check "bad route lines: reported with line numbers, others go on, exit 0" \
    '"$manrs" rov --vrps "$tmp/vrps.csv" <"$tmp/bad" >"$tmp/o" 2>"$tmp/e" &&
     [ "$(wc -l <"$tmp/o")" -eq 2 ] && grep -q "line 2: bad prefix.*host bits" "$tmp/e" &&
     grep -q "line 3" "$tmp/e" && grep -q "line 4: bad AS number" "$tmp/e" &&
     grep -q "line 5" "$tmp/e" && grep -q "4 bad route lines" "$tmp/e"'
check "an overlong route line is skipped to its end, the next is read" \
    '{ echo "10.0.0.0/8 64496"; head -c 5000 /dev/zero | tr "\\0" x; printf "\\n11.0.0.0/8 1\\n"; } |
     "$manrs" rov --vrps "$tmp/vrps.csv" >"$tmp/o" 2>"$tmp/e" &&
     [ "$(wc -l <"$tmp/o")" -eq 2 ] && grep -q "line 2: longer than" "$tmp/e" &&
     grep -qx "11.0.0.0/8 1 not-found" "$tmp/o"'
check "bad route lines with --strict: exit 1" \
    '"$manrs" rov --strict --vrps "$tmp/vrps.csv" <"$tmp/bad" >/dev/null 2>&1; [ $? -eq 1 ]'
check "bad route lines counted in --summary" \
    '"$manrs" rov --summary --vrps "$tmp/vrps.csv" <"$tmp/bad" 2>/dev/null | grep -qx "bad-lines 4"'

printf 'ASN,IP Prefix,Max Length,Trust Anchor\nAS1,10.0.0.1/8,8,x\nAS1,10.0.0.0/8,7,x\nAS2,11.0.0.0/8,8,x\n' >"$tmp/badvrps.csv"
check "bad VRPs: rejected with file, line and reason; the rest used" \
    'echo "11.0.0.0/8 2" | "$manrs" rov --vrps "$tmp/badvrps.csv" >"$tmp/o" 2>"$tmp/e" &&
     grep -qx "11.0.0.0/8 2 valid" "$tmp/o" &&
     grep -q "badvrps.csv: line 2: host bits set" "$tmp/e" &&
     grep -q "badvrps.csv: line 3: maxLength below the prefix length" "$tmp/e"'
check "bad VRPs with --strict: exit 1" \
    'echo "11.0.0.0/8 2" | "$manrs" rov --strict --vrps "$tmp/badvrps.csv" >/dev/null 2>&1; [ $? -eq 1 ]'
check "missing VRP file: exit 1 and the name in the message" \
    'echo "11.0.0.0/8 2" | "$manrs" rov --vrps /nonexistent.json >/dev/null 2>"$tmp/e"; [ $? -eq 1 ] &&
     grep -q nonexistent "$tmp/e"'
check "missing routes file: exit 1" \
    '"$manrs" rov --vrps "$tmp/vrps.csv" --routes /nonexistent >/dev/null 2>&1; [ $? -eq 1 ]'
check "not a VRP list: exit 1" \
    'echo "11.0.0.0/8 2" | "$manrs" rov --vrps "$tmp/routes" >/dev/null 2>"$tmp/e"; [ $? -eq 1 ] &&
     grep -q "not a VRP list" "$tmp/e"'
check "truncated JSON: exit 1 with the JSON error" \
    'head -c 500 $T/dn42_export_gortr.first250.json >"$tmp/t.json" &&
     echo "11.0.0.0/8 2" | "$manrs" rov --vrps "$tmp/t.json" >/dev/null 2>"$tmp/e"; [ $? -eq 1 ] &&
     grep -q "JSON error" "$tmp/e"'

check "rpki-client JSON: 1.0.0.0/24 AS13335 is valid" \
    'echo "1.0.0.0/24 13335" | "$manrs" rov --vrps $T/arouteserver_rpki-client_expired.json | grep -qx "1.0.0.0/24 13335 valid"'
check "StayRTR JSON: maxLength 64 on a /48" \
    'printf "fd00:114:514::/64 AS4242420916\nfd00:114:514::/65 4242420916\n" |
     "$manrs" rov --vrps $T/dn42_export_gortr.first250.json 2>/dev/null >"$tmp/o" &&
     printf "fd00:114:514::/64 4242420916 valid\nfd00:114:514::/65 4242420916 invalid length\n" | cmp -s - "$tmp/o"'
check "scan_roas text: 85.158.248.0/21-24" \
    'printf "85.158.248.0/24 21155\n85.158.248.0/25 21155\n" |
     "$manrs" rov --vrps $T/compress_roas_vrps_2017-06-01.head400.txt >"$tmp/o" &&
     printf "85.158.248.0/24 21155 valid\n85.158.248.0/25 21155 invalid length\n" | cmp -s - "$tmp/o"'
check "several --vrps files are merged" \
    'printf "1.0.0.0/24 13335\n85.158.248.0/24 21155\n" |
     "$manrs" rov --vrps $T/arouteserver_rpki-client_expired.json \
         --vrps $T/compress_roas_vrps_2017-06-01.head400.txt --summary | grep -qx "valid 2"'
check "garbage routes are rejected cleanly" \
    'head -c 5000 /dev/urandom >"$tmp/g" &&
     "$manrs" rov --vrps "$tmp/vrps.csv" --routes "$tmp/g" >/dev/null 2>&1; [ $? -le 1 ]'
check "garbage VRPs are rejected cleanly" \
    '"$manrs" rov --vrps "$tmp/g" </dev/null >/dev/null 2>&1; [ $? -eq 1 ]'
echo "1..$n"
