#!/bin/sh
# Command-line behaviour of `manrs mrt`: exit codes, --strict, --count,
# --json, error messages.  Prints TAP lines.
#
# usage: tests/cli.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init cli "${1:-build/manrs}"

T=testdata/mrt
check "no arguments is a usage error" \
    '"$manrs" >/dev/null 2>&1; [ $? -eq 2 ]'
check "--help exits 0 and lists mrt" \
    '"$manrs" --help | grep -q "mrt"'
check "mrt --help explains --strict" \
    '"$manrs" mrt --help | grep -q -- "--strict"'
check "mrt without files is a usage error" \
    '"$manrs" mrt >/dev/null 2>&1; [ $? -eq 2 ]'
check "unknown option is a usage error" \
    '"$manrs" mrt --bogus x >/dev/null 2>&1; [ $? -eq 2 ]'
check "missing file: exit 1 and the name in the message" \
    '! "$manrs" mrt /nonexistent.mrt 2>"$tmp/e" && grep -q nonexistent "$tmp/e"'

# A truncated bzip2 file: every complete record, an error, exit 0 unless
# --strict.
f=$T/pyasn_rib.20140523.0600_firstMB.bz2
check "truncated bz2: decodes and exits 0" \
    '"$manrs" mrt -m "$f" >"$tmp/t" 2>"$tmp/e"'
check "truncated bz2: 270005 complete entries before the cut" \
    '[ "$(wc -l <"$tmp/t")" -eq 270005 ]'
check "truncated bz2: the error is reported" \
    'grep -qi "truncated\|ended\|unexpected" "$tmp/e"'
check "truncated bz2: --strict exits 1" \
    '! "$manrs" mrt --strict "$f" >/dev/null 2>&1'

f=$T/bgpkit_rrc00_updates.20000325.0345.gz
check "damaged framing: bytes skipped are reported" \
    '"$manrs" mrt "$f" 2>&1 >/dev/null | grep -q "skipped"'
check "damaged framing: --strict exits 1" \
    '! "$manrs" mrt --strict "$f" >/dev/null 2>&1'

f=$T/bgpdump_updates.20160811.1600.gz
check "--count: element counts agree with the line output" \
    '"$manrs" mrt --count "$f" >"$tmp/c" &&
     a=$(grep "elements A" "$tmp/c" | awk "{print \$3}") &&
     [ "$a" = "$("$manrs" mrt "$f" | grep -c "|A|")" ]'
check "--json: one valid JSON object per element" \
    '"$manrs" mrt --json "$f" >"$tmp/j" &&
     [ "$(wc -l <"$tmp/j")" -eq "$("$manrs" mrt "$f" | wc -l)" ] &&
     python3 -c "import json,sys
for l in open(sys.argv[1]): json.loads(l)" "$tmp/j"'
check "several files in one run print in order" \
    '"$manrs" mrt "$T/mrtparse_bird_bgp.mrt" "$T/mrtparse_quagga_rib.mrt" >"$tmp/m" &&
     "$manrs" mrt "$T/mrtparse_bird_bgp.mrt" >"$tmp/m1" &&
     "$manrs" mrt "$T/mrtparse_quagga_rib.mrt" >>"$tmp/m1" && cmp -s "$tmp/m" "$tmp/m1"'
check "stdin is read with -" \
    '"$manrs" mrt - <"$T/mrtparse_bird_bgp.mrt" | cmp -s - "$tmp/m1" ||
     [ "$("$manrs" mrt - <"$T/mrtparse_bird_bgp.mrt" | wc -l)" -eq \
       "$("$manrs" mrt "$T/mrtparse_bird_bgp.mrt" | wc -l)" ]'
check "garbage input is rejected cleanly" \
    'head -c 5000 /dev/urandom >"$tmp/g" && "$manrs" mrt "$tmp/g" >/dev/null 2>"$tmp/e"; [ $? -le 1 ]'
echo "1..$n"
