#!/usr/bin/env bash
# bench/irr.sh: reading and indexing a full-size IRR dump, in one run on
# this machine.
#
# bench/gen-rov turns the ip-location-db ranges in ../shared/data/pfx2as
# into (prefix, origin) pairs; bench/gen-rpsl writes them as a gzipped
# RPSL dump of --objects route/route6 objects (RIR and non-auth sources)
# plus as-sets and route-sets, cached in bench/out/.  Then, on that file:
#
#   bench/irr-load (route, route6, sets)  vs  gzip -dc >/dev/null
#       wall time <= 1.25x
#   index bytes per route object         <= 80
#
# Each is timed --runs times and the best run counts (the machine is
# shared).  Peak RSS of irr-load, and `manrs irr compare --summary` and
# `manrs irr expand` on the same dump, are shown without a target.
# Prints a table with PASS/FAIL; exit 0 only if both targets pass.
#
# usage: bench/irr.sh [--objects N] [--sets N] [--runs N] [--seed N]
#                     [--out DIR]
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2

OBJECTS=1200000
SETS=50000
RUNS=5
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
	--objects)	OBJECTS=${2:?}; shift ;;
	--sets)		SETS=${2:?}; shift ;;
	--runs)		RUNS=${2:?}; shift ;;
	--seed)		SEED=${2:?}; shift ;;
	--out)		OUT=${2:?}; shift ;;
	-h|--help)	usage ;;
	*)		echo "irr.sh: unknown option $1" >&2; usage ;;
	esac
	shift
done
for v in "$OBJECTS" "$SETS" "$RUNS" "$SEED"; do
	case $v in
	''|*[!0-9]*) echo "irr.sh: not a number: $v" >&2; exit 2 ;;
	esac
done

V4=$DATA/pfx2as/iplocationdb_asn-ipv4_2026-06-17.csv.gz
V6=$DATA/pfx2as/iplocationdb_asn-ipv6_2026-06-17.csv.gz
for f in "$V4" "$V6"; do
	if [ ! -r "$f" ]; then
		echo "irr.sh: missing input $f (set DATA=.../shared/data)" >&2
		exit 2
	fi
done
for b in build/bench/gen-rov build/bench/gen-rpsl build/bench/irr-load "$MANRS"; do
	if [ ! -x "$b" ]; then
		echo "irr.sh: $b not built (make benches)" >&2
		exit 2
	fi
done
mkdir -p "$OUT" || exit 2

routes=$OUT/irr-routes.seed$SEED.txt
dump=$OUT/irr.$OBJECTS.seed$SEED.db.gz
if [ ! -s "$routes" ]; then
	build/bench/gen-rov --seed "$SEED" --pfx2as-v4 "$V4" --pfx2as-v6 "$V6" \
	    --vrps "$OUT/irr-vrps.seed$SEED.csv" --routes "$routes" >&2 || exit 1
fi
if [ ! -s "$dump" ]; then
	build/bench/gen-rpsl --seed "$SEED" --objects "$OBJECTS" --sets "$SETS" \
	    --routes "$routes" --out "$dump" >&2 || exit 1
fi

now() { date +%s.%N; }

# Best wall time of $RUNS runs of "$@" (stdout to $OUT/irr-last.out).
best() {
	local i t0 t1 b=
	for i in $(seq "$RUNS"); do
		t0=$(now)
		"$@" >"$OUT/irr-last.out" || return 1
		t1=$(now)
		b=$(echo "$t0 $t1 ${b:-999999}" | awk '{ d = $2 - $1; print (d < $3) ? d : $3 }')
	done
	echo "$b"
}

gz=$(best sh -c "gzip -dc '$dump' >/dev/null") || exit 1
load=$(best build/bench/irr-load "$dump") || exit 1
stats=$(cat "$OUT/irr-last.out")
field() { echo "$stats" | tr ' ' '\n' | awk -v k="$1" 'p { print; exit } $0 == k { p = 1 }'; }
cmp=$(best "$MANRS" irr compare --summary "$dump") || exit 1
set=$(echo "$stats" >/dev/null; zcat "$dump" | awk '/^as-set:/ { print $2; exit }')
exp=$(best "$MANRS" irr expand "$set" "$dump") || exit 1

ratio=$(awk -v a="$load" -v b="$gz" 'BEGIN { printf "%.2f", a / b }')
bpr=$(field bytes_per_route)
pass_t=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.25) ? "PASS" : "FAIL" }')
pass_m=$(awk -v m="$bpr" 'BEGIN { print (m <= 80) ? "PASS" : "FAIL" }')

{
	echo "# bench/irr.sh: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores," \
	    "load $(cut -d' ' -f1-3 /proc/loadavg), best of $RUNS runs"
	echo "# dump: $dump ($(stat -c %s "$dump") bytes gzipped," \
	    "$(field routes) route objects, $(field distinct) distinct," \
	    "$(field sets) sets)"
	printf '%-44s %10s %10s %s\n' "measure" "value" "target" "result"
	printf '%-44s %9.2fs %10s\n' "gzip -dc >/dev/null" "$gz" ""
	printf '%-44s %9.2fs %10s\n' "irr-load (read + index + sets)" "$load" ""
	printf '%-44s %9.2fx %10s %s\n' "  ... / gzip -dc" "$ratio" "<= 1.25x" "$pass_t"
	printf '%-44s %10s %10s %s\n' "index bytes per route object" "$bpr" "<= 80" "$pass_m"
	printf '%-44s %10s %10s\n' "index bytes" "$(field index_bytes)" ""
	printf '%-44s %8sMB %10s\n' "peak RSS of irr-load" \
	    "$(( $(field peak_rss_kb) / 1024 ))" ""
	printf '%-44s %9.2fs %10s\n' "manrs irr compare --summary" "$cmp" ""
	printf '%-44s %9.2fs %10s\n' "manrs irr expand $set" "$exp" ""
} | tee "$OUT/irr.txt"
[ "$pass_t" = PASS ] && [ "$pass_m" = PASS ]
