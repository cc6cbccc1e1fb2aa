#!/bin/sh
# Command-line behaviour of `manrs bogons`: check (prefixes, addresses,
# ASNs, reasons, regions), list, compare, usage errors and exit codes, on
# the registry samples in testdata/rir.  Prints TAP lines.
#
# usage: tests/bogons.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init bogons "${1:-build/manrs}"

T=testdata/rir
data="--iana $T/iana_iana-ipv4-special-registry.xml"
data="$data --iana $T/iana_iana-ipv6-special-registry.xml"
data="$data --iana $T/iana_ipv4-address-space.xml"
data="$data --iana $T/iana_ipv6-address-space.xml"
data="$data --iana $T/ripewhois_IanaIpv6AdministrativeRange.xml"
data="$data --rir $T/delegated-afrinic-extended-latest_2024.sample"

# shellcheck disable=SC2086
"$manrs" bogons check $data 41.57.113.0/24 10.1.0.0/16 192.0.0.9 8.0.0.0/6 AS23456 \
    AS8770 1228 2001:db8::/48 2002::/16 ff02::1 >"$tmp/check" 2>"$tmp/err"
rc=$?
check "check exits 0" "[ $rc -eq 0 ]"
check "RFC 1918 is a full bogon, with the registry line" \
    "grep -q '^10.1.0.0/16: full bogon$' $tmp/check"
check "the reason names the special registry entry and its line" \
    "grep -q 'iana-ipv4-special-registry .*line 99: 10.0.0.0/8 Private-Use (rfc1918), Globally Reachable: False' $tmp/check"
check "a globally reachable /32 inside 192.0.0.0/24 is not a bogon" \
    "grep -q '^192.0.0.9: not a bogon$' $tmp/check"
check "a prefix covering 10/8 is a bogon in part" \
    "grep -q '^8.0.0.0/6: full bogon in part' $tmp/check"
check "AS_TRANS is reserved" \
    "grep -q '^AS23456: full bogon: reserved ASN 23456: AS_TRANS (RFC 6793)' $tmp/check"
check "an AFRINIC available ASN is an admin bogon, with file and line" \
    "grep -q '^AS8770: admin bogon: .*sample line [0-9]*: afrinic|ZZ|asn|8770|1||available' $tmp/check"
check "an allocated ASN is not a bogon; its region and country" \
    "grep -A1 '^1228: not a bogon' $tmp/check | grep -q 'region: AFRINIC ZA'"
check "documentation IPv6 is a bogon" \
    "grep -q '^2001:db8::/48: full bogon$' $tmp/check"
check "6to4 (Globally Reachable N/A) is not a bogon" \
    "grep -q '^2002::/16: not a bogon$' $tmp/check"
check "IPv6 multicast is a bogon" "grep -q '^ff02::1: full bogon$' $tmp/check"
check "ARIN data missing is said with -v" \
    "$manrs bogons check -v $data 1.1.1.1 2>&1 >/dev/null | grep -q 'no ARIN statistics'"

printf '# comment\n10.0.0.0/8\nAS0\n\n' | "$manrs" bogons check $data \
    >"$tmp/stdin" 2>/dev/null
check "check reads standard input" \
    "[ \$(grep -c 'full bogon' $tmp/stdin) -eq 2 ]"

"$manrs" bogons list $data --family 4 >"$tmp/list4" 2>/dev/null
check "list --family 4 merges multicast and 240/4 into 224.0.0.0/3; has 10.0.0.0/8" \
    "grep -qx '224.0.0.0/3' $tmp/list4 && grep -qx '10.0.0.0/8' $tmp/list4"
check "list --family 4 has no IPv6" "! grep -q : $tmp/list4"
check "list --full leaves out admin space" \
    "! $manrs bogons list $data --full --reasons | grep -q ' admin '"
"$manrs" bogons list $data --admin --reasons >"$tmp/admin" 2>/dev/null
check "list --admin has only admin space from the RIR file" \
    "[ -s $tmp/admin ] && ! grep -v ' admin # .*sample line' $tmp/admin | grep -q ."
check "an AFRINIC reserved /24 is an admin bogon" \
    "grep -q '^41.57.113.0/24: admin bogon$' $tmp/check"
check "list --asn has the private range" \
    "$manrs bogons list $data --asn --all | grep -qx '64512-65534'"

"$manrs" bogons compare $data --cymru $T/cymru_fullbogons-ipv4.txt \
    >"$tmp/cmp" 2>/dev/null
rc=$?
check "compare exits 0" "[ $rc -eq 0 ]"
check "compare counts 703 Cymru IPv4 prefixes" \
    "grep -q 'against 703 Cymru prefixes (703 IPv4, 0 IPv6)' $tmp/cmp"
check "compare: Cymru's ARIN space is only theirs (no ARIN file)" \
    "grep -A30 '^IPv4' $tmp/cmp | grep -q '23.135.225.0/24 region: .*ARIN'"

"$manrs" bogons check $data 10.0.0.0/33 >/dev/null 2>&1
check "a bad prefix exits 1" "[ $? -eq 1 ]"
"$manrs" bogons frob >/dev/null 2>&1
check "an unknown subcommand exits 2" "[ $? -eq 2 ]"
"$manrs" bogons compare $data >/dev/null 2>&1
check "compare without --cymru exits 2" "[ $? -eq 2 ]"
"$manrs" bogons list --family 5 $data >/dev/null 2>&1
check "--family 5 exits 2" "[ $? -eq 2 ]"
"$manrs" bogons check --iana /nonexistent 10.0.0.0/8 >/dev/null 2>&1
check "an unreadable registry exits 1" "[ $? -eq 1 ]"
printf '<registry id="x"/>' >"$tmp/bad.xml"
"$manrs" bogons check --iana "$tmp/bad.xml" 10.0.0.0/8 2>"$tmp/err" >/dev/null
check "a foreign XML file is refused with its name" \
    "grep -q 'bad.xml: line 1: not an IANA registry' $tmp/err"
"$manrs" bogons --help | grep -q 'Team Cymru'
check "--help explains" "[ $? -eq 0 ]"

echo "1..$n"
