#!/usr/bin/env bash
# bench/history.sh: the ROA history store on a year of daily snapshots.
#
# Generates with bench/gen-vrps (from ../shared/data/pfx2as) DAYS daily
# roas.csv.gz files in the RIPE NCC archive layout, about 600 k VRPs a day
# with daily churn, flapping VRPs and missing days (~3 GB for a year),
# then measures:
#
#   manrs roa-history build over all days but the last   wall time, peak RSS
#   manrs roa-history build over the directory            incremental: skips
#                                                         the days stored,
#                                                         adds the last one
#   store file size                                       <= 1 GiB
#   point queries (bench/history-query, 10 000 random)    p99 <= 1 ms
#
# and prints a table with PASS/FAIL per target.  Exit status 0 only if all
# targets pass.  The generated files are removed afterwards unless --keep.
#
# usage: bench/history.sh [--days N] [--vrps N] [--queries N] [--seed N]
#                         [--out DIR] [--keep]
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2

DAYS=365
VRPS=600000
QUERIES=10000
SEED=1
OUT=bench/out
KEEP=0
DATA=${DATA:-$ROOT/../shared/data}
MANRS=${MANRS:-build/manrs}

usage() {
	sed -n '/^# usage:/,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--days)		DAYS=${2:?}; shift ;;
	--vrps)		VRPS=${2:?}; shift ;;
	--queries)	QUERIES=${2:?}; shift ;;
	--seed)		SEED=${2:?}; shift ;;
	--out)		OUT=${2:?}; shift ;;
	--keep)		KEEP=1 ;;
	-h|--help)	usage ;;
	*)		echo "history.sh: unknown option $1" >&2; usage ;;
	esac
	shift
done
for v in "$DAYS" "$VRPS" "$QUERIES" "$SEED"; do
	case $v in
	''|*[!0-9]*) echo "history.sh: not a number: $v" >&2; exit 2 ;;
	esac
done
v4=$DATA/pfx2as/iplocationdb_asn-ipv4_2026-06-17.csv.gz
v6=$DATA/pfx2as/iplocationdb_asn-ipv6_2026-06-17.csv.gz
if [ ! -f "$v4" ] || [ ! -f "$v6" ]; then
	echo "# skip: no pfx2as data in $DATA/pfx2as" >&2
	exit 0
fi
make -s benches || exit 2

dir=$OUT/history-vrps
store=$OUT/history.store
mkdir -p "$OUT"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
if [ ! -f "$dir/.done-$DAYS-$VRPS-$SEED" ]; then
	rm -rf "$dir"
	echo "# generating $DAYS days of ~$VRPS VRPs in $dir"
	build/bench/gen-vrps --pfx2as-v4 "$v4" --pfx2as-v6 "$v6" \
	    --out "$dir" --days "$DAYS" --vrps "$VRPS" --seed "$SEED" \
	    --missing $(( DAYS > 50 ? DAYS / 50 : 1 )) \
	    || exit 1
	touch "$dir/.done-$DAYS-$VRPS-$SEED"
fi
echo "# snapshots: $(du -sh "$dir" | cut -f1)"

# All days but the last, as FILE@DAY arguments, then the directory.
files=$(cd "$dir" && ls -d [0-9]*/[0-9]*/[0-9]*/roas.csv.gz | sort)
last=$(echo "$files" | tail -n 1)
args=$(echo "$files" | sed '$d' | while read -r f; do
	d=$(dirname "$f" | tr / -)
	echo "$dir/$f@$d"
done)
rm -f "$store"
/usr/bin/time -f "%e %M %U" -o "$OUT/history.time1" \
    "$MANRS" roa-history build --store "$store" $args 2>"$OUT/history.log1" ||
    { cat "$OUT/history.log1"; exit 1; }
/usr/bin/time -f "%e %M %U" -o "$OUT/history.time2" \
    "$MANRS" roa-history build --store "$store" "$dir" 2>"$OUT/history.log2" ||
    { cat "$OUT/history.log2"; exit 1; }
tail -n 1 "$OUT/history.log2"
read -r w1 rss1 u1 <"$OUT/history.time1"
read -r w2 rss2 u2 <"$OUT/history.time2"
size=$(stat -c %s "$store")
"$MANRS" roa-history info --store "$store"
build/bench/history-query "$store" "$QUERIES" "$SEED" >"$OUT/history.query" ||
    { cat "$OUT/history.query"; exit 1; }
cat "$OUT/history.query"
p50=$(sed -n 's/^query_us_median=//p' "$OUT/history.query")
p99=$(sed -n 's/^query_us_p99=//p' "$OUT/history.query")
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"

fail=0
row() {	# name value target pass
	printf '%-44s %-22s %-12s %s\n' "$1" "$2" "$3" "$4"
	[ "$4" = PASS ] || [ "$4" = "-" ] || fail=1
}
pass() { if awk "BEGIN { exit !($1) }"; then echo PASS; else echo FAIL; fi; }
echo
printf '%-44s %-22s %-12s\n' "measure" "value" "target"
row "build, $(( $(echo "$files" | wc -l) - 1 )) days (wall / user s)" "$w1 / $u1" "" "-"
row "build peak RSS (MiB)" "$((rss1 / 1024))" "" "-"
row "incremental, 1 more day (wall / user s)" "$w2 / $u2" "" "-"
row "incremental peak RSS (MiB)" "$((rss2 / 1024))" "" "-"
row "store size (MiB)" "$((size / 1048576))" "<= 1024" \
    "$(pass "$size <= 1073741824")"
row "point query median (us)" "$p50" "" "-"
row "point query p99 (us)" "$p99" "<= 1000" "$(pass "$p99 <= 1000")"
[ "$KEEP" = 1 ] || rm -rf "$dir"
exit $fail
