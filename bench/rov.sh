#!/usr/bin/env bash
# bench/rov.sh: route origin validation, manrs' trie against RTRlib's
# pfx_table_validate, in one run on this machine.
#
# bench/gen-rov makes a full-size VRP list and route list from the
# ip-location-db ranges in ../shared/data/pfx2as (IPv4 and IPv6; valid,
# invalid and not-found routes), in RIB order and shuffled.
# bench/rov-lookup loads the same VRPs into each engine and validates every
# route, timing the load and the lookups apart in CPU time of its one
# thread (lookups: best pass of several), so that other jobs on a shared
# machine do not count.  The states of every route must be the same from
# both engines and from `manrs rov` itself.  Targets:
#
#   manrs lookups/s >= 20x RTRlib's (RIB order)
#   trie memory <= 64 bytes per VRP
#
# Shuffled order (every lookup a cache miss or several) is measured and
# shown too, without a target.  Prints a table; exit 0 only if the states
# agree and both targets pass.
#
# usage: bench/rov.sh [--runs N] [--seed N] [--out DIR]
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2

RUNS=3
SEED=1
OUT=bench/out
DATA=${DATA:-$ROOT/../shared/data}
MANRS=${MANRS:-build/manrs}

usage() {
	sed -n '/^# usage:/,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--runs)	RUNS=${2:?}; shift ;;
	--seed)	SEED=${2:?}; shift ;;
	--out)	OUT=${2:?}; shift ;;
	-h|--help) usage ;;
	*)	echo "rov.sh: unknown option $1" >&2; usage ;;
	esac
	shift
done
for v in "$RUNS" "$SEED"; do
	case $v in
	''|*[!0-9]*) echo "rov.sh: not a number: $v" >&2; exit 2 ;;
	esac
done

V4=$DATA/pfx2as/iplocationdb_asn-ipv4_2026-06-17.csv.gz
V6=$DATA/pfx2as/iplocationdb_asn-ipv6_2026-06-17.csv.gz
for f in "$V4" "$V6"; do
	if [ ! -r "$f" ]; then
		echo "rov.sh: missing input $f (set DATA=.../shared/data)" >&2
		exit 2
	fi
done
mkdir -p "$OUT/tmp" || exit 2
[ -f "$OUT/.gitignore" ] || echo '*' >"$OUT/.gitignore"
LOG=$OUT/tmp/rov-stderr.log
: >"$LOG"

say() { printf '%s\n' "$*" >&2; }
calc() { awk "BEGIN { printf \"$1\", ($2) }"; }

if ! make -s build/bench/gen-rov build/bench/rov-lookup build/manrs \
    >>"$LOG" 2>&1; then
	say "rov.sh: build failed (see $LOG)"
	exit 2
fi

VRPS=$OUT/rov-s$SEED.vrps.csv
RIB=$OUT/rov-s$SEED.routes.txt
SHUF=$OUT/rov-s$SEED.shuffled.txt
build/bench/gen-rov --seed "$SEED" --pfx2as-v4 "$V4" --pfx2as-v6 "$V6" \
    --vrps "$VRPS" --routes "$RIB" --shuffled "$SHUF" 2>>"$LOG" || {
	say "rov.sh: gen-rov failed (see $LOG)"; exit 2; }

# field FILE NAME: a "name value" line of rov-lookup's report.
field() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }

# best ENGINE ROUTES PASSES TAG: RUNS runs, keep the report with the most
# lookups/s in $OUT/tmp/TAG.best and the states in $OUT/tmp/TAG.states.
best() {
	local r b=0 v
	for r in $(seq "$RUNS"); do
		build/bench/rov-lookup --engine "$1" --vrps "$VRPS" \
		    --routes "$2" --passes "$3" --out "$OUT/tmp/$4.states" \
		    >"$OUT/tmp/$4.run" 2>>"$LOG" || {
			say "rov.sh: rov-lookup $1 failed (see $LOG)"; exit 1; }
		v=$(field "$OUT/tmp/$4.run" lookups_per_s)
		if [ "$(calc '%d' "$v > $b")" = 1 ]; then
			b=$v
			cp "$OUT/tmp/$4.run" "$OUT/tmp/$4.best"
		fi
	done
}

FAIL=0
say "rov.sh: $RUNS runs each; best of them kept"
best manrs "$RIB" 10 manrs-rib
best rtrlib "$RIB" 2 rtrlib-rib
best manrs "$SHUF" 5 manrs-shuf
best rtrlib "$SHUF" 2 rtrlib-shuf

# Every route's state: the two engines, and manrs rov's third column.
SAME=yes
for o in rib shuf; do
	cmp -s "$OUT/tmp/manrs-$o.states" "$OUT/tmp/rtrlib-$o.states" ||
	    SAME="no ($o order; diff $OUT/tmp/{manrs,rtrlib}-$o.states)"
done
# End to end: wall time, and CPU time (user + system), best of the runs.
E2E=1e9
E2ECPU=1e9
for r in $(seq "$RUNS"); do
	/usr/bin/time -f '%e %U %S' -o "$OUT/tmp/rov.time" \
	    "$MANRS" rov --vrps "$VRPS" --routes "$RIB" >"$OUT/tmp/rov.out" \
	    2>>"$LOG" || { say "rov.sh: manrs rov failed (see $LOG)"; exit 1; }
	read -r w u s <"$OUT/tmp/rov.time"
	[ "$(calc '%d' "$w < $E2E")" = 1 ] && E2E=$w
	[ "$(calc '%d' "$u + $s < $E2ECPU")" = 1 ] && E2ECPU=$(calc '%.2f' "$u + $s")
done
awk '{ print $3 }' "$OUT/tmp/rov.out" | cmp -s - "$OUT/tmp/manrs-rib.states" ||
    SAME="no (manrs rov; diff its third column with manrs-rib.states)"
[ "${SAME%% *}" = yes ] || FAIL=1

M=$OUT/tmp/manrs-rib.best
R=$OUT/tmp/rtrlib-rib.best
NV=$(field "$M" vrps)
NR=$(field "$M" routes)
RATIO=$(calc '%.1f' "$(field "$M" lookups_per_s) / $(field "$R" lookups_per_s)")
SRATIO=$(calc '%.1f' "$(field "$OUT/tmp/manrs-shuf.best" lookups_per_s) / \
    $(field "$OUT/tmp/rtrlib-shuf.best" lookups_per_s)")
BPV=$(field "$M" trie_bytes_per_vrp)
verdict() { [ "$(calc '%d' "$1")" = 1 ] && echo PASS || { FAIL=1; echo FAIL; }; }
V_RATIO=$(verdict "$RATIO >= 20")
V_MEM=$(verdict "$BPV <= 64")
mln() { calc '%.2f M' "$1 / 1e6"; }

printf '\nrov.sh: %s VRPs (%s IPv4+IPv6 routes: %s valid, %s invalid, %s not-found)\n' \
    "$NV" "$NR" "$(field "$M" valid)" "$(field "$M" invalid)" \
    "$(field "$M" not_found)"
printf '%-40s %14s %14s\n' "" manrs RTRlib
printf '%-40s %14s %14s\n' "load (s)" "$(field "$M" load_s)" \
    "$(field "$R" load_s)"
printf '%-40s %14s %14s\n' "lookups/s, RIB order" \
    "$(mln "$(field "$M" lookups_per_s)")" "$(mln "$(field "$R" lookups_per_s)")"
printf '%-40s %14s %14s\n' "lookups/s, shuffled" \
    "$(mln "$(field "$OUT/tmp/manrs-shuf.best" lookups_per_s)")" \
    "$(mln "$(field "$OUT/tmp/rtrlib-shuf.best" lookups_per_s)")"
printf '%-40s %14s %14s\n' "heap bytes per VRP (mallinfo2)" \
    "$(field "$M" heap_bytes_per_vrp)" "$(field "$R" heap_bytes_per_vrp)"
printf '%-40s %14s\n' "manrs rov end to end, wall (s)" "$E2E"
printf '%-40s %14s\n' "manrs rov end to end, CPU (s)" "$E2ECPU"
printf '%-40s %14s\n' "same state for every route" "$SAME"
printf '%-40s %14s  %s\n' "lookups/s ratio, RIB order (>= 20)" "${RATIO}x" \
    "$V_RATIO"
printf '%-40s %14s  %s\n' "lookups/s ratio, shuffled (no target)" \
    "${SRATIO}x" ""
printf '%-40s %14s  %s\n' "trie bytes per VRP (<= 64)" "$BPV" "$V_MEM"
exit $FAIL
