#!/bin/sh
# Command-line behaviour of `manrs roa-history` on a small dated series
# derived from real VRPs (testdata/rpki/history, see testdata/rpki/README):
# build from the RIPE layout and from FILE@DAY, incremental builds, gaps,
# states checked against `manrs rov` over each day's own file, JSON,
# damaged stores and snapshots, exit codes.  Prints TAP lines.
#
# usage: tests/roa_history.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init roa-history "${1:-build/manrs}"

H=testdata/rpki/history
S=$tmp/store
rh() { "$manrs" roa-history --store "$S" "$@"; }

check "build from the RIPE layout" \
	'"$manrs" roa-history build --store "$S" $H 2>"$tmp/err"'
check "build reports what it did" \
	'grep -q "4 days added, 0 already in the store" "$tmp/err"'
"$manrs" roa-history info --store "$S" >"$tmp/info" 2>&1
cat >"$tmp/want" <<'END'
snapshots 4
first 2017-06-01
last 2017-06-05
missing-days 1
vrps 53
runs 54
END
check "info: 4 snapshots, one missing day, 53 VRPs, 54 runs" \
	'cmp -s "$tmp/info" "$tmp/want"'

# The same store built in two steps, from FILE@DAY then the directory.
S2=$tmp/store2
check "build from FILE@DAY" \
	'"$manrs" roa-history build --store "$S2" \
	    $H/2017/06/02/roas.csv.gz@2017-06-02 \
	    $H/2017/06/01/roas.csv@2017-06-01 2>/dev/null'
check "incremental build skips days it has and equals one build" \
	'"$manrs" roa-history build --store "$S2" $H 2>"$tmp/err" &&
	 grep -q "2 days added, 2 already" "$tmp/err" && cmp -s "$S" "$S2"'
cp "$S2" "$tmp/before"
check "a day before the last cannot be inserted" \
	'"$manrs" roa-history build --store "$S2" \
	    $H/2017/06/01/roas.csv@2017-06-03 2>"$tmp/err" &&
	 grep -q "before the store.s last day" "$tmp/err" &&
	 cmp -s "$S2" "$tmp/before"'
check "... and fails with --strict" \
	'! "$manrs" roa-history build --strict --store "$S2" \
	    $H/2017/06/01/roas.csv@2017-06-03'

# Each snapshot day: roa-history --at equals manrs rov over that day's file.
cat >"$tmp/routes" <<'END'
193.104.146.0/24 44018
193.104.146.0/24 1
193.104.146.0/25 44018
212.83.64.0/22 6830
212.83.64.0/24 6830
89.98.0.0/15 6830
89.98.1.0/24 6830
81.175.96.0/19 6830
77.248.0.0/14 6830
62.194.0.0/16 6830
8.8.8.0/24 15169
END
ok=1
for f in $H/2017/06/*/roas.csv*; do
	day=$(echo "$f" | sed 's|.*/\([0-9]*\)/\([0-9]*\)/\([0-9]*\)/roas.*|\1-\2-\3|')
	"$manrs" rov --vrps "$f" --routes "$tmp/routes" >"$tmp/rov" 2>/dev/null
	while read -r p a; do
		st=$(rh "$p" --asn "$a" --at "$day" | sed -n 's/^day [^ ]* snapshot [^ ]* //p')
		grep -qx "$p $a $st" "$tmp/rov" || { ok=0; echo "# $day $p $a: $st"; }
	done <"$tmp/routes"
done
check "every day's states equal manrs rov over that day's file" '[ $ok = 1 ]'

rh 212.83.64.0/22 --asn 6830 >"$tmp/out" 2>&1
cat >"$tmp/want" <<'END'
prefix 212.83.64.0/22 AS6830
range 2017-06-01..2017-06-05
days 2017-06-01..2017-06-01 valid
days 2017-06-02..2017-06-02 not-found
days 2017-06-03..2017-06-03 no-snapshot
days 2017-06-04..2017-06-05 not-found
vrp 212.83.64.0/19 maxlen 19 AS6830
  run 2017-06-01..2017-06-01 gone 2017-06-02
vrp 212.83.64.0/22 maxlen 22 AS6830
  run 2017-06-01..2017-06-01 gone 2017-06-02
END
check "range: states per stretch, the gap, VRPs appearing and going" \
	'cmp -s "$tmp/out" "$tmp/want"'

# 89.98.0.0/15 leaves on 06-02 and is back on 06-04: two runs.
rh 89.98.0.0/15 --asn 6830 --json >"$tmp/out"
check "JSON parses" 'python3 -m json.tool "$tmp/out" >/dev/null'
check "JSON: a withdrawn and re-added VRP has two runs" \
	'grep -q "\"prefix\":\"89.98.0.0/15\",\"maxLength\":15,\"asn\":6830,\"runs\":\[{\"first\":\"2017-06-01\",\"last\":\"2017-06-01\",\"gone\":\"2017-06-02\"},{\"first\":\"2017-06-04\",\"last\":\"2017-06-05\",\"gone\":null}\]" "$tmp/out"'
rh 89.98.0.0/15 --asn 6830 --from 2017-06-02 --to 2017-06-04 --json >"$tmp/out"
check "JSON range: not-found while it was gone, no-snapshot in the gap" \
	'grep -q "\"days\":\[{\"from\":\"2017-06-02\",\"to\":\"2017-06-02\",\"state\":\"not-found\"},{\"from\":\"2017-06-03\",\"to\":\"2017-06-03\",\"state\":\"no-snapshot\"},{\"from\":\"2017-06-04\",\"to\":\"2017-06-04\",\"state\":\"valid\"}\]" "$tmp/out"'
check "JSON range: only the runs inside the range" \
	'grep -q "\"runs\":\[{\"first\":\"2017-06-04\",\"last\":\"2017-06-05\",\"gone\":null}\]}\]}" "$tmp/out"'

check "a gap day is unknown" \
	'rh 89.98.0.0/15 --asn 6830 --at 2017-06-03 | grep -qx "day 2017-06-03 no-snapshot (unknown)"'
check "--nearest answers from the earlier snapshot, flagged" \
	'rh 212.83.64.0/22 --asn 6830 --at 2017-06-03T12:00:00Z --nearest |
	 grep -qx "day 2017-06-03 snapshot 2017-06-02 (nearest earlier) not-found"'
check "before the first snapshot is unknown even with --nearest" \
	'rh 212.83.64.0/22 --at 2017-05-31 --nearest | grep -q "no-snapshot"'
check "without --asn: covered or not" \
	'rh 77.248.0.0/16 --at 2017-06-05 | grep -qx "day 2017-06-05 snapshot 2017-06-05 covered" &&
	 rh 77.248.0.0/16 --at 2017-06-02 | grep -qx "day 2017-06-02 snapshot 2017-06-02 not-covered"'
check "MANRS_ROA_HISTORY names the store" \
	'MANRS_ROA_HISTORY="$S" "$manrs" roa-history 8.8.8.0/24 --at 2017-06-01 | grep -q not-covered'

# Damaged stores: a clear error, exit 1, and build does not overwrite.
head -c 100 "$S" >"$tmp/trunc"
check "truncated store: exit 1, says truncated" \
	'"$manrs" roa-history --store "$tmp/trunc" 10.0.0.0/8 2>"$tmp/err";
	 [ $? = 1 ] && grep -q "truncated" "$tmp/err"'
cp "$S" "$tmp/flip"
printf 'X' | dd of="$tmp/flip" bs=1 seek=200 conv=notrunc 2>/dev/null
check "flipped byte: checksum mismatch" \
	'"$manrs" roa-history --store "$tmp/flip" 10.0.0.0/8 2>"$tmp/err";
	 [ $? = 1 ] && grep -q "checksum mismatch" "$tmp/err"'
cp "$tmp/flip" "$tmp/flip2"
check "build refuses to overwrite a damaged store" \
	'! "$manrs" roa-history build --store "$tmp/flip" $H 2>/dev/null &&
	 cmp -s "$tmp/flip" "$tmp/flip2"'
echo "not a store" >"$tmp/text"
check "not a store: says so" \
	'! "$manrs" roa-history --store "$tmp/text" 10.0.0.0/8 2>"$tmp/err" &&
	 grep -q "not a manrs ROA history store" "$tmp/err"'

# A snapshot that cannot be read to its end is a gap, not an empty day.
mkdir -p "$tmp/arch/2017/06/06"
gzip -c $H/2017/06/05/roas.csv | head -c 300 >"$tmp/arch/2017/06/06/roas.csv.gz"
cp "$S" "$S2"
check "truncated snapshot: left out, exit 1" \
	'! "$manrs" roa-history build --store "$S2" "$tmp/arch" 2>"$tmp/err" &&
	 grep -q "left out" "$tmp/err" && cmp -s "$S" "$S2"'

# Two archives (one per trust anchor) make one snapshot a day; other
# files and non-date directories in the tree are ignored.
mkdir -p "$tmp/ta1/2017/06/01" "$tmp/ta2/2017/06/01" "$tmp/ta2/notes/06/01"
cat >"$tmp/ta1/2017/06/01/roas.csv" <<'END'
ASN,IP Prefix,Max Length,Trust Anchor
AS64496,10.0.0.0/8,16,ta1
END
cat >"$tmp/ta2/2017/06/01/roas.csv" <<'END'
ASN,IP Prefix,Max Length,Trust Anchor
AS64497,10.0.0.0/16,24,ta2
AS64496,10.0.0.0/8,16,ta2
END
cp "$tmp/ta2/2017/06/01/roas.csv" "$tmp/ta2/notes/06/01/roas.csv"
echo hello >"$tmp/ta2/2017/06/01/README"
S3=$tmp/store3
check "two archives of one day make one snapshot" \
	'"$manrs" roa-history build --store "$S3" "$tmp/ta1" "$tmp/ta2" 2>"$tmp/err" &&
	 grep -q "1 days added" "$tmp/err" &&
	 "$manrs" roa-history info --store "$S3" | grep -qx "vrps 2"'
ok=1
for r in "10.0.5.0/24 64497" "10.0.5.0/24 64496" "10.1.0.0/16 64496"; do
	want=$(echo "$r" | "$manrs" rov --vrps "$tmp/ta1/2017/06/01/roas.csv" \
	    --vrps "$tmp/ta2/2017/06/01/roas.csv" 2>/dev/null | cut -d" " -f3-)
	got=$("$manrs" roa-history --store "$S3" ${r% *} --asn ${r#* } \
	    --at 2017-06-01 2>/dev/null | sed -n "s/^day [^ ]* snapshot [^ ]* //p")
	[ -n "$want" ] && [ "$want" = "$got" ] || { ok=0; echo "# $r: $got, rov: $want"; }
done
check "... and answers as rov over both files" '[ $ok = 1 ]'

check "usage errors exit 2" \
	'rh 10.0.0.0/8 --at 2017-02-30; [ $? = 2 ] &&
	 { rh 10.0.0.0/33; [ $? = 2 ]; } &&
	 { rh 10.0.0.0/8 --at 2017-06-01 --from 2017-06-01; [ $? = 2 ]; } &&
	 { rh 10.0.0.0/8 --from 2017-06-05 --to 2017-06-01; [ $? = 2 ]; } &&
	 { "$manrs" roa-history build $H; [ $? = 2 ]; }'
check "--help exits 0" '"$manrs" roa-history --help | grep -q no-snapshot'

echo "1..$n"
