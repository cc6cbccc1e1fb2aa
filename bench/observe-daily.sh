#!/usr/bin/env bash
# bench/observe-daily.sh: what a daily run that reuses the month's state
# (`manrs observe --state`) costs, next to a run over the same month so
# far from every file, in one run on this machine.
#
# The data is bench/observe.sh's directory (same scale options; made if
# missing) plus, per collector, the updates of --days - 1 more days
# (bench/gen-rib --day K: a stream of its own for each day).  The month
# is 2026-06 through the last day.  Then:
#   full:   manrs observe --month 2026-06 --through LAST        (every file)
#   state:  the same through the day before, on the files up to that day,
#           with --state (yesterday's run)
#   daily:  manrs observe --month 2026-06 --through LAST --state S
#           (reads only the last day's files)
# timed with /usr/bin/time -v, and the two stores compared
# (tests/lib/store_dump.py --no-run-ids): they must be equal.
#
# usage: bench/observe-daily.sh [--small] [--days N] [--collectors N]
#                               [--peers N] [--prefixes N] [--updates N]
#                               [--out DIR]
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2

DAYS=7
OUT=bench/out
SCALE=()
DATA=${DATA:-$ROOT/../shared/data}
MANRS=${MANRS:-build/manrs}
T0=1781654400			# gen-rib's day: 2026-06-17

usage() {
	sed -n '/^# usage:/,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--small)	SCALE+=(--small) ;;
	--days)		DAYS=${2:?}; shift ;;
	--collectors|--peers|--prefixes|--updates)
			SCALE+=("$1" "${2:?}"); shift ;;
	--out)		OUT=${2:?}; shift ;;
	-h|--help)	usage ;;
	*)		echo "observe-daily.sh: unknown option $1" >&2; usage ;;
	esac
	shift
done
case $DAYS in
''|*[!0-9]*|0|1) echo "observe-daily.sh: --days must be 2 to 14" >&2; exit 2 ;;
esac
[ "$DAYS" -le 14 ] || { echo "observe-daily.sh: --days must be 2 to 14" >&2; exit 2; }

say() { printf 'observe-daily.sh: %s\n' "$*" >&2; }

D=$(bench/observe.sh "${SCALE[@]}" --out "$OUT" --generate-only) || exit 2
read -r COLLECTORS PEERS PREFIXES UPDATES <<EOF
$(head -1 "$D/meta" | tr ' ' '\n' | sed -n 's/^\(collectors\|peers\|prefixes\|updates\)=//p' | tr '\n' ' ')
EOF
V4=$DATA/pfx2as/iplocationdb_asn-ipv4_2026-06-17.csv.gz
V6=$DATA/pfx2as/iplocationdb_asn-ipv6_2026-06-17.csv.gz
ASREL=$DATA/asrel/caida_20150201.as-rel.txt

day() { date -u -d "@$((T0 + $1 * 86400))" +%Y-%m-%d; }
LAST=$(day $((DAYS - 1)))
BEFORE=$(day $((DAYS - 2)))

#
# ALL holds the day-0 data (links) and the updates of days 1 to N-2; the
# last day's updates wait in LASTD and are linked into ALL after the
# state run, so every run sees the same paths (a state knows files by
# path, size and time).  Made once.
#
ALL=$D-days$DAYS
LASTD=$ALL-last
K=$((DAYS - 1))
mkdir -p "$OUT/tmp" || exit 2
LOG=$OUT/tmp/observe-daily.log
: >"$LOG"
if [ ! -f "$ALL/done" ]; then
	say "generating $DAYS days of updates in $ALL (once; cached)"
	rm -rf "$ALL" "$LASTD"
	mkdir -p "$ALL/bgp" || exit 2
	for sub in rpki irr asrel rir; do
		ln -s "$(cd "$D/$sub" && pwd)" "$ALL/$sub"
	done
	for c in $(seq "$COLLECTORS"); do
		mkdir -p "$ALL/bgp/c$c" "$LASTD/c$c" || exit 2
		for f in rib.mrt updates.mrt; do
			ln -s "$(cd "$D/bgp/c$c" && pwd)/$f" "$ALL/bgp/c$c/$f"
		done
		for k in $(seq "$K"); do
			if [ "$k" -lt "$K" ]; then
				f=$ALL/bgp/c$c/updates-d$k.mrt
			else
				f=$LASTD/c$c/updates-d$k.mrt
			fi
			build/bench/gen-rib --seed "$c" --peers "$PEERS" \
			    --prefixes "$PREFIXES" --updates "$UPDATES" \
			    --pfx2as-v4 "$V4" --pfx2as-v6 "$V6" --asrel "$ASREL" \
			    --time "$T0" --day "$k" --updates-out "$f" \
			    >/dev/null 2>>"$LOG" || { say "gen-rib failed ($LOG)"; exit 2; }
		done
	done
	touch "$ALL/done"
fi
last_day() {	# link (1) or unlink (0) the last day's files in ALL
	local c
	for c in $(seq "$COLLECTORS"); do
		rm -f "$ALL/bgp/c$c/updates-d$K.mrt"
		[ "$1" = 1 ] && ln -s "$(cd "$LASTD/c$c" && pwd)/updates-d$K.mrt" \
		    "$ALL/bgp/c$c/updates-d$K.mrt"
	done
	return 0
}
last_day 1
cat "$ALL"/bgp/*/* "$D"/rpki/* "$D"/irr/* >/dev/null

# timed NAME CMD...: sets WALL, CPU, RSS (KiB) and STAGES; logs the run.
timed() {
	local name=$1 v=$OUT/tmp/time
	shift
	/usr/bin/time -v -o "$v" "$@" >"$OUT/tmp/daily.txt" 2>"$OUT/tmp/stderr"
	RC=$?
	cat "$OUT/tmp/stderr" >>"$LOG"
	if [ "$RC" -ne 0 ]; then
		say "$name failed (exit $RC):"
		tail -5 "$OUT/tmp/stderr" >&2
		exit 1
	fi
	WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, a, ":");
	    s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s }' "$v")
	CPU=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$v")
	RSS=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$v")
	STAGES=$(tr '\r' '\n' <"$OUT/tmp/stderr" | sed 's/\x1b\[K//g' |
	    grep -E '^(load references|load state|decode\+timeline|save state|detect|score|store|commit) {3,}[0-9]')
	say "$name: wall ${WALL}s cpu ${CPU}s rss ${RSS} KiB"
}

FULL=$OUT/tmp/daily-full.db
INC=$OUT/tmp/daily-inc.db
STATE=$OUT/tmp/daily.state
rm -f "$FULL"* "$INC"* "$STATE"
timed "full run through $LAST" "$MANRS" observe --progress --data "$ALL" \
    --month 2026-06 --through "$LAST" --db "$FULL"
F_WALL=$WALL F_CPU=$CPU F_RSS=$RSS F_STAGES=$STAGES
last_day 0
timed "state run through $BEFORE" "$MANRS" observe --progress --data "$ALL" \
    --month 2026-06 --through "$BEFORE" --db "$INC" --state "$STATE"
last_day 1
timed "daily run for $LAST" "$MANRS" observe --progress --data "$ALL" \
    --month 2026-06 --through "$LAST" --db "$INC" --state "$STATE"
I_WALL=$WALL I_CPU=$CPU I_RSS=$RSS I_STAGES=$STAGES

python3 tests/lib/store_dump.py --no-run-ids "$FULL" >"$OUT/tmp/daily-full.dump"
python3 tests/lib/store_dump.py --no-run-ids "$INC" >"$OUT/tmp/daily-inc.dump"
if cmp -s "$OUT/tmp/daily-full.dump" "$OUT/tmp/daily-inc.dump"; then
	SAME="equal"
else
	SAME="DIFFERENT"
fi
RATIO=$(awk -v a="$I_WALL" -v b="$F_WALL" 'BEGIN { printf "%.2f", a / b }')
CRATIO=$(awk -v a="$I_CPU" -v b="$F_CPU" 'BEGIN { printf "%.2f", a / b }')
{
	echo "# bench/observe-daily.sh: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores," \
	    "load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "# $ALL: $COLLECTORS collectors x $PEERS peers x $PREFIXES prefixes," \
	    "$DAYS days of $UPDATES update elements per collector," \
	    "$(du -sbL "$ALL/bgp" | cut -f1) MRT bytes"
	printf '%-34s %9s %9s %10s\n' "run" "wall" "cpu" "peak RSS"
	printf '%-34s %8.2fs %8.2fs %7d MiB\n' "full: every file, no state" \
	    "$F_WALL" "$F_CPU" $((F_RSS / 1024))
	printf '%-34s %8.2fs %8.2fs %7d MiB\n' "daily: the last day, --state" \
	    "$I_WALL" "$I_CPU" $((I_RSS / 1024))
	echo "# daily / full: ${RATIO}x wall, ${CRATIO}x CPU; stores $SAME"
	echo "$F_STAGES" | sed 's/^/# full stage: /'
	echo "$I_STAGES" | sed 's/^/# daily stage: /'
} | tee "$OUT/observe-daily.txt"
rm -f "$FULL"* "$INC"* "$STATE"
[ "$SAME" = equal ]
