#!/usr/bin/env bash
# bench/observe.sh: `manrs observe` on a full-size day next to `manrs mrt
# --count` on the same MRT input, in one run on this machine.
#
# Generates (once, cached in bench/out/) an observe data directory:
#   bgp/cN/         per collector (--collectors of them, seeds 1, 2, ...):
#                   a TABLE_DUMP_V2 RIB of --prefixes x --peers and a day
#                   of BGP4MP updates (--updates elements: re-announcements
#                   with path changes, withdrawals, session resets), from
#                   bench/gen-rib
#   rpki/           one day of --vrps VRPs (bench/gen-vrps)
#   irr/            an RPSL dump of --objects route objects (bench/gen-rov,
#                   bench/gen-rpsl)
#   asrel/          the CAIDA relationships gen-rib walked
#   rir/            the IANA registries (bogons)
# then times, --runs times each (best wall time kept, largest RSS):
#   manrs observe --data DIR --from DAY --to DAY+1 --db DB [--threads N]
#   manrs mrt --count (every bgp/ file)
# with /usr/bin/time -v, and reports wall, CPU, peak RSS and the ratio.
# Targets: observe <= 3x the --count wall time; peak RSS <= 4 GiB.
# Default: 3 collectors x 10 peers x 1.1 M prefixes (33 M RIB entries),
# 1 M update elements each.  --small: 2 x 5 peers x 100 k prefixes.
#
# --generate-only makes the data directory, prints its path and stops
# (bench/observe-daily.sh builds on it).
#
# usage: bench/observe.sh [--small] [--runs N] [--threads N]
#                         [--collectors N] [--peers N] [--prefixes N]
#                         [--updates N] [--out DIR] [--generate-only]
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2

COLLECTORS=3
PEERS=10
PREFIXES=1100000
UPDATES=1000000
VRPS=600000
OBJECTS=1200000
SETS=50000
RUNS=1
GENERATE_ONLY=0
THREADS=
OUT=bench/out
DATA=${DATA:-$ROOT/../shared/data}
MANRS=${MANRS:-build/manrs}
T0=1781654400			# gen-rib's day: 2026-06-17
FROM=2026-06-17
TO=2026-06-18

usage() {
	sed -n '/^# usage:/,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--small)	COLLECTORS=2; PEERS=5; PREFIXES=100000; UPDATES=50000
			VRPS=60000; OBJECTS=120000; SETS=5000; RUNS=3 ;;
	--runs)		RUNS=${2:?}; shift ;;
	--threads)	THREADS=${2:?}; shift ;;
	--collectors)	COLLECTORS=${2:?}; shift ;;
	--peers)	PEERS=${2:?}; shift ;;
	--prefixes)	PREFIXES=${2:?}; shift ;;
	--updates)	UPDATES=${2:?}; shift ;;
	--out)		OUT=${2:?}; shift ;;
	--generate-only) GENERATE_ONLY=1 ;;
	-h|--help)	usage ;;
	*)		echo "observe.sh: unknown option $1" >&2; usage ;;
	esac
	shift
done
for v in "$COLLECTORS" "$PEERS" "$PREFIXES" "$UPDATES" "$RUNS" ${THREADS:+"$THREADS"}; do
	[ "$v" = 0 ] && { echo "observe.sh: 0 is not allowed" >&2; exit 2; }
	case $v in
	''|*[!0-9]*) echo "observe.sh: not a number: $v" >&2; exit 2 ;;
	esac
done

V4=$DATA/pfx2as/iplocationdb_asn-ipv4_2026-06-17.csv.gz
V6=$DATA/pfx2as/iplocationdb_asn-ipv6_2026-06-17.csv.gz
ASREL=$DATA/asrel/caida_20150201.as-rel.txt
for f in "$V4" "$V6" "$ASREL"; do
	if [ ! -r "$f" ]; then
		echo "observe.sh: missing input $f (set DATA=.../shared/data)" >&2
		exit 2
	fi
done
for b in gen-rib gen-vrps gen-rov gen-rpsl; do
	if [ ! -x "build/bench/$b" ]; then
		echo "observe.sh: build/bench/$b not built (make benches)" >&2
		exit 2
	fi
done
if [ ! -x "$MANRS" ] || [ ! -x /usr/bin/time ]; then
	echo "observe.sh: needs $MANRS and /usr/bin/time" >&2
	exit 2
fi

say() { printf 'observe.sh: %s\n' "$*" >&2; }

#
# The data directory, regenerated when the parameters change.
#
D=$OUT/observe-c$COLLECTORS-p$PEERS-n$PREFIXES-u$UPDATES
WANT="collectors=$COLLECTORS peers=$PEERS prefixes=$PREFIXES updates=$UPDATES vrps=$VRPS objects=$OBJECTS"
mkdir -p "$OUT/tmp" || exit 2
[ -f "$OUT/.gitignore" ] || echo '*' >"$OUT/.gitignore"
LOG=$OUT/tmp/observe.log
: >"$LOG"
if [ ! -f "$D/meta" ] || [ "$(head -1 "$D/meta")" != "$WANT" ]; then
	say "generating $D (once; cached)"
	rm -rf "$D"
	mkdir -p "$D/bgp" "$D/rpki" "$D/irr" "$D/asrel" "$D/rir" || exit 2
	: >"$D/meta.tmp"
	for c in $(seq "$COLLECTORS"); do
		mkdir -p "$D/bgp/c$c"
		build/bench/gen-rib --seed "$c" --peers "$PEERS" \
		    --prefixes "$PREFIXES" --updates "$UPDATES" \
		    --pfx2as-v4 "$V4" --pfx2as-v6 "$V6" --asrel "$ASREL" \
		    --time "$T0" --rib "$D/bgp/c$c/rib.mrt" \
		    --updates-out "$D/bgp/c$c/updates.mrt" \
		    >>"$D/meta.tmp" 2>>"$LOG" || { say "gen-rib failed ($LOG)"; exit 2; }
	done
	build/bench/gen-vrps --pfx2as-v4 "$V4" --pfx2as-v6 "$V6" \
	    --out "$OUT/tmp/vrps" --days 1 --missing 0 --vrps "$VRPS" \
	    --start "$FROM" 2>>"$LOG" || { say "gen-vrps failed"; exit 2; }
	mv "$OUT/tmp/vrps/2026/06/17/roas.csv.gz" "$D/rpki/roas.csv.gz" || exit 2
	rm -rf "$OUT/tmp/vrps"
	build/bench/gen-rov --seed 1 --pfx2as-v4 "$V4" --pfx2as-v6 "$V6" \
	    --vrps "$OUT/tmp/irr-vrps.csv" --routes "$OUT/tmp/irr-routes.txt" \
	    >>"$LOG" 2>&1 || { say "gen-rov failed"; exit 2; }
	build/bench/gen-rpsl --seed 1 --objects "$OBJECTS" --sets "$SETS" \
	    --routes "$OUT/tmp/irr-routes.txt" --out "$D/irr/irr.db.gz" \
	    >>"$LOG" 2>&1 || { say "gen-rpsl failed"; exit 2; }
	rm -f "$OUT/tmp/irr-vrps.csv" "$OUT/tmp/irr-routes.txt"
	cp "$ASREL" "$D/asrel/" || exit 2
	cp "$DATA"/rir/iana_*.xml "$D/rir/" || exit 2
	{ echo "$WANT"; cat "$D/meta.tmp"; } >"$D/meta"
	rm -f "$D/meta.tmp"
fi
if [ "$GENERATE_ONLY" = 1 ]; then
	echo "$D"
	exit 0
fi
MRT=$(find "$D/bgp" -type f | sort)
ENTRIES=$(awk 'NR > 1' "$D/meta" | tr ' ' '\n' | sed -n 's/^rib_entries=//p' |
    awk '{ s += $1 } END { print s }')
UPD_ELEMS=$(awk 'NR > 1' "$D/meta" | tr ' ' '\n' | sed -n 's/^upd_elements=//p' |
    awk '{ s += $1 } END { print s }')
# Read everything once, so no run pays for the disk.
cat $MRT "$D"/rpki/* "$D"/irr/* >/dev/null

#
# timed OUTFILE CMD...: runs CMD under /usr/bin/time -v; sets WALL, CPU
# (user + system seconds), RSS (KiB), RC.
#
timed() {
	local out=$1 v
	shift
	/usr/bin/time -v -o "$OUT/tmp/time" "$@" >"$out" 2>"$OUT/tmp/stderr"
	cat "$OUT/tmp/stderr" >>"$LOG"
	RC=$?
	v=$OUT/tmp/time
	WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, a, ":");
	    s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s }' "$v")
	CPU=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$v")
	RSS=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$v")
}

# best NAME OUTFILE CMD...: the fastest of $RUNS runs, its CPU, the
# largest RSS; every run is logged.
best() {
	local name=$1 i bw= bc= br=0 brc=0
	shift
	for i in $(seq "$RUNS"); do
		timed "$@"
		say "$name run $i: wall ${WALL}s cpu ${CPU}s rss ${RSS} KiB rc $RC"
		[ "$RC" -ne 0 ] && brc=$RC
		if [ -z "$bw" ] || awk -v a="$WALL" -v b="$bw" 'BEGIN { exit !(a < b) }'; then
			bw=$WALL bc=$CPU
		fi
		[ "$RSS" -gt "$br" ] && br=$RSS
	done
	WALL=$bw CPU=$bc RSS=$br RC=$brc
}

DB=$OUT/tmp/observe.db
best "manrs mrt --count" "$OUT/tmp/count.txt" "$MANRS" mrt --count $MRT
C_WALL=$WALL C_CPU=$CPU C_RSS=$RSS C_RC=$RC
rm -f "$DB" "$DB-wal" "$DB-shm"
best "manrs observe" "$OUT/tmp/observe.txt" "$MANRS" observe --progress \
    --data "$D" --from "$FROM" --to "$TO" --db "$DB" ${THREADS:+--threads "$THREADS"}
# The stage lines of the last run's progress (time per stage).
STAGES=$(tr '\r' '\n' <"$OUT/tmp/stderr" | sed 's/\x1b\[K//g' |
    grep -E '^(load references|decode\+timeline|detect|score|store|commit) {3,}[0-9]')
O_WALL=$WALL O_CPU=$CPU O_RSS=$RSS O_RC=$RC
if [ "$C_RC" -ne 0 ] || [ "$O_RC" -ne 0 ]; then
	say "a run failed (exit $C_RC, $O_RC); see $LOG"
	tail -5 "$LOG" >&2
	exit 1
fi

RATIO=$(awk -v a="$O_WALL" -v b="$C_WALL" 'BEGIN { printf "%.2f", a / b }')
PASS_T=$(awk -v r="$RATIO" 'BEGIN { print (r <= 3) ? "PASS" : "FAIL" }')
PASS_M=$(awk -v m="$O_RSS" 'BEGIN { print (m <= 4 * 1024 * 1024) ? "PASS" : "FAIL" }')
{
	echo "# bench/observe.sh: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores," \
	    "load $(cut -d' ' -f1-3 /proc/loadavg), best of $RUNS runs${THREADS:+, --threads $THREADS}"
	echo "# $D: $COLLECTORS collectors x $PEERS peers, $ENTRIES RIB entries," \
	    "$UPD_ELEMS update elements, $(du -sb "$D/bgp" | cut -f1) MRT bytes," \
	    "$VRPS VRPs, $OBJECTS IRR route objects"
	printf '%-28s %9s %9s %10s %s\n' "run" "wall" "cpu" "peak RSS" "ratio"
	printf '%-28s %8.2fs %8.2fs %7d MiB\n' "manrs mrt --count" "$C_WALL" \
	    "$C_CPU" $((C_RSS / 1024))
	printf '%-28s %8.2fs %8.2fs %7d MiB %sx (<= 3x %s; RSS <= 4 GiB %s)\n' \
	    "manrs observe --db" "$O_WALL" "$O_CPU" $((O_RSS / 1024)) "$RATIO" \
	    "$PASS_T" "$PASS_M"
	echo "$STAGES" | sed 's/^/# stage: /'
	grep -E '^(bgp|routes|incidents|ASes scored)' "$OUT/tmp/observe.txt" | sed 's/^/# /'
} | tee "$OUT/observe.txt"
[ "$PASS_T" = PASS ] && [ "$PASS_M" = PASS ]
