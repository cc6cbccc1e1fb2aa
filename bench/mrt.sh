#!/usr/bin/env bash
# bench/mrt.sh: `manrs mrt` against bgpdump, in one run on this machine.
#
# Generates (once, cached in bench/out/) a full-Internet-size TABLE_DUMP_V2
# RIB and a day of BGP4MP updates with bench/gen-rib, then measures on the
# same files:
#
#   manrs mrt -m       vs bgpdump -m       byte-identical, >= 5x throughput
#   manrs mrt --count  vs bgpdump -m       >= 20x throughput
#   manrs mrt -m F.bz2 vs bzip2 -dc F.bz2  wall time <= 1.15x
#   peak RSS of manrs mrt -m               <= 64 MiB
#
# and prints a table with PASS/FAIL per target.  Exit status 0 only if all
# targets pass.  bgpdump is the slow part: about 45 minutes for the default
# 30-peer RIB (31.7 M entries, 1.9 GB) on a 2020s x86 core; --quick uses 10
# peers and 100 k prefixes (1 M entries, 75 s).
#
# usage: bench/mrt.sh [--quick] [--peers N] [--prefixes N] [--updates N]
#                     [--seed N] [--runs N] [--out DIR] [--keep]
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2

PEERS=30
PREFIXES=1100000
UPDATES=1000000
SEED=1
RUNS=1
OUT=bench/out
KEEP=0
DATA=${DATA:-$ROOT/../shared/data}
MANRS=${MANRS:-./manrs}		# override to try another build
RSS_LIMIT_KB=$((64 * 1024))

usage() {
	sed -n '/^# usage:/,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--quick)	PEERS=10; PREFIXES=100000; UPDATES=100000; RUNS=3 ;;
	--peers)	PEERS=${2:?}; shift ;;
	--prefixes)	PREFIXES=${2:?}; shift ;;
	--updates)	UPDATES=${2:?}; shift ;;
	--seed)		SEED=${2:?}; shift ;;
	--runs)		RUNS=${2:?}; shift ;;
	--out)		OUT=${2:?}; shift ;;
	--keep)		KEEP=1 ;;
	-h|--help)	usage ;;
	*)		echo "mrt.sh: unknown option $1" >&2; usage ;;
	esac
	shift
done
for v in "$PEERS" "$PREFIXES" "$UPDATES" "$SEED" "$RUNS"; do
	case $v in
	''|*[!0-9]*) echo "mrt.sh: not a number: $v" >&2; exit 2 ;;
	esac
done

V4=$DATA/pfx2as/iplocationdb_asn-ipv4_2026-06-17.csv.gz
V6=$DATA/pfx2as/iplocationdb_asn-ipv6_2026-06-17.csv.gz
ASREL=$DATA/asrel/caida_20150201.as-rel.txt
for f in "$V4" "$V6" "$ASREL"; do
	if [ ! -r "$f" ]; then
		echo "mrt.sh: missing input $f (set DATA=.../shared/data)" >&2
		exit 2
	fi
done
for t in bgpdump bzip2; do
	if ! command -v $t >/dev/null 2>&1; then
		echo "mrt.sh: $t not installed (make deps)" >&2
		exit 2
	fi
done
TIME=/usr/bin/time
[ -x $TIME ] || TIME=

mkdir -p "$OUT/tmp" || exit 2
# The cache is never committed.
[ -f "$OUT/.gitignore" ] || echo '*' >"$OUT/.gitignore"
LOG=$OUT/tmp/stderr.log
: >"$LOG"

say() { printf '%s\n' "$*" >&2; }

# Float arithmetic and formatting through awk.
calc() { awk "BEGIN { printf \"$1\", ($2) }"; }

#
# Build: gen-rib through make, or straight from its few sources if the
# library does not build right now; manrs through make.
#
GEN=build/bench/gen-rib
if ! make -s "$GEN" >>"$LOG" 2>&1; then
	say "mrt.sh: make $GEN failed; compiling it directly"
	GEN=$OUT/gen-rib
	${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 -O2 -Isrc \
	    -o "$GEN" bench/gen-rib.c src/formats/mrt_write.c src/base/*.c \
	    src/net/prefix.c -lz || exit 2
fi
if ! make -s manrs >>"$LOG" 2>&1; then
	say "mrt.sh: make manrs failed (see $LOG); manrs results will be missing"
fi

#
# Inputs, regenerated when the parameters or the generator change.
#
STEM=$OUT/p$PEERS-n$PREFIXES-u$UPDATES-s$SEED
RIB=$STEM.rib.mrt
UPD=$STEM.updates.mrt
META=$STEM.meta
SUM=$(cat bench/gen-rib.c src/formats/mrt_write.c src/formats/mrt_write.h |
    cksum | cut -d' ' -f1)
WANT="gen=$SUM peers=$PEERS prefixes=$PREFIXES updates=$UPDATES seed=$SEED"
if [ ! -s "$RIB" ] || [ ! -s "$UPD" ] || [ ! -s "$META" ] ||
    [ "$(head -1 "$META")" != "$WANT" ]; then
	say "mrt.sh: generating $RIB and $UPD"
	rm -f "$RIB" "$RIB.bz2" "$UPD" "$META"
	if ! "$GEN" --seed "$SEED" --peers "$PEERS" --prefixes "$PREFIXES" \
	    --updates "$UPDATES" --pfx2as-v4 "$V4" --pfx2as-v6 "$V6" \
	    --asrel "$ASREL" --rib "$RIB" --updates-out "$UPD" \
	    >"$META.tmp" 2>>"$LOG"; then
		say "mrt.sh: gen-rib failed (see $LOG)"
		exit 2
	fi
	{ echo "$WANT"; cat "$META.tmp"; } >"$META"
	rm -f "$META.tmp"
fi
BZ=$RIB.bz2
if [ ! -s "$BZ" ]; then
	say "mrt.sh: compressing the RIB with bzip2 (once; cached)"
	bzip2 -9 -c "$RIB" >"$BZ.tmp" && mv "$BZ.tmp" "$BZ" || exit 2
fi

field() { sed -n 2p "$META" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
ENTRIES=$(field rib_entries)
UPD_ELEMS=$(field upd_elements)
RIB_MB=$(calc '%.0f' "$(stat -c %s "$RIB") / 1048576")
BZ_MB=$(calc '%.0f' "$(stat -c %s "$BZ") / 1048576")

# Read everything once, so no run pays for the disk.
cat "$RIB" "$UPD" "$BZ" >/dev/null

#
# Timing.  timed NAME OUTFILE CMD...: runs CMD with stdout to OUTFILE and
# sets T (seconds), RC and RSS (KiB, empty without /usr/bin/time).
#
timed() {
	local out=$1 t0 t1
	shift
	t0=$(date +%s.%N)
	if [ -n "$TIME" ]; then
		$TIME -f %M -o "$OUT/tmp/rss" "$@" >"$out" 2>>"$LOG"
		RC=$?
	else
		"$@" >"$out" 2>>"$LOG"
		RC=$?
	fi
	t1=$(date +%s.%N)
	T=$(calc '%.3f' "$t1 - $t0")
	RSS=
	if [ -n "$TIME" ] && [ -s "$OUT/tmp/rss" ]; then
		RSS=$(tail -1 "$OUT/tmp/rss")
		case $RSS in ''|*[!0-9]*) RSS= ;; esac
	fi
}

# best NAME OUTFILE CMD...: the fastest of $RUNS runs; sets T, RC, RSS
# (the largest RSS seen).
best() {
	local i bt= brc=0 brss=0
	for i in $(seq "$RUNS"); do
		timed "$@"
		[ $RC -ne 0 ] && brc=$RC
		if [ -z "$bt" ] || [ "$(calc '%d' "$T < $bt")" = 1 ]; then
			bt=$T
		fi
		[ -n "$RSS" ] && [ "$RSS" -gt "$brss" ] && brss=$RSS
	done
	T=$bt
	RC=$brc
	RSS=$brss
	[ -n "$TIME" ] || RSS=
}

HAVE_MANRS=1
if [ ! -x "$MANRS" ] || ! "$MANRS" mrt --count "$UPD" >/dev/null 2>>"$LOG"
then
	say "mrt.sh: '$MANRS mrt' does not run yet; its rows will be n/a"
	HAVE_MANRS=0
fi

say "mrt.sh: bgpdump -m on $RIB ($ENTRIES entries; this is the slow part)"
timed "$OUT/tmp/bgpdump.txt" bgpdump -m "$RIB"
T_BGPDUMP=$T RSS_BGPDUMP=$RSS RC_BGPDUMP=$RC
timed "$OUT/tmp/bgpdump-upd.txt" bgpdump -m "$UPD"
T_BGPDUMP_UPD=$T
if [ "$RC_BGPDUMP" -ne 0 ]; then
	say "mrt.sh: bgpdump failed (exit $RC_BGPDUMP; see $LOG)"
fi

T_M= T_C= T_BZM= T_BZ= T_MU= RSS_M= RSS_BZM= IDENT=n/a IDENT_UPD=n/a
RC_M=0 RC_C=0 RC_BZM=0
if [ $HAVE_MANRS = 1 ]; then
	say "mrt.sh: manrs mrt -m"
	best "$OUT/tmp/manrs.txt" "$MANRS" mrt -m "$RIB"
	T_M=$T RSS_M=$RSS RC_M=$RC
	if cmp -s "$OUT/tmp/bgpdump.txt" "$OUT/tmp/manrs.txt"; then
		IDENT=yes
	else
		IDENT=no
		cmp "$OUT/tmp/bgpdump.txt" "$OUT/tmp/manrs.txt" >&2
		KEEP=1
	fi
	best "$OUT/tmp/manrs-upd.txt" "$MANRS" mrt -m "$UPD"
	T_MU=$T
	if cmp -s "$OUT/tmp/bgpdump-upd.txt" "$OUT/tmp/manrs-upd.txt"; then
		IDENT_UPD=yes
	else
		IDENT_UPD=no
		KEEP=1
	fi
	say "mrt.sh: manrs mrt --count"
	best "$OUT/tmp/count.txt" "$MANRS" mrt --count "$RIB"
	T_C=$T RC_C=$RC
	say "mrt.sh: bzip2 -dc and manrs mrt -m on $BZ"
	best /dev/null bzip2 -dc "$BZ"
	T_BZ=$T
	best /dev/null "$MANRS" mrt -m "$BZ"
	T_BZM=$T RSS_BZM=$RSS RC_BZM=$RC
else
	best /dev/null bzip2 -dc "$BZ"
	T_BZ=$T
fi

#
# Report
#
rate() { [ -n "$2" ] && calc '%.0f' "$1 / ($2 > 0 ? $2 : 0.001)" || echo n/a; }
ratio() {	# a number, or n/a
	if [ -n "$1" ] && [ -n "$2" ]; then
		calc '%.2f' "$1 / ($2 > 0 ? $2 : 0.001)"
	else
		echo n/a
	fi
}
x() { [ "$1" = n/a ] && echo n/a || echo "${1}x"; }
mib() { [ -n "$1" ] && calc '%.1f' "$1 / 1024" || echo n/a; }
or_na() { [ -n "$1" ] && echo "$1" || echo n/a; }

X_M=$(ratio "$T_BGPDUMP" "$T_M")
X_C=$(ratio "$T_BGPDUMP" "$T_C")
X_MU=$(ratio "$T_BGPDUMP_UPD" "$T_MU")
X_BZ=$(ratio "$T_BZM" "$T_BZ")
RSS_MAX=
if [ -n "$RSS_M" ] || [ -n "$RSS_BZM" ]; then
	RSS_MAX=${RSS_M:-0}
	[ "${RSS_BZM:-0}" -gt "$RSS_MAX" ] && RSS_MAX=$RSS_BZM
fi

echo
echo "manrs mrt benchmark: $(uname -n), $(nproc) CPUs," \
    "$(date -u +%Y-%m-%dT%H:%MZ)"
echo "RIB     $RIB: $ENTRIES entries, $RIB_MB MiB ($BZ_MB MiB as .bz2)"
echo "updates $UPD: $UPD_ELEMS elements"
echo
row() { printf '%-24s %10s %13s %9s %9s\n' "$@"; }
row "run" "seconds" "entries/s" "speedup" "RSS MiB"
row "bgpdump -m RIB" "$T_BGPDUMP" "$(rate "$ENTRIES" "$T_BGPDUMP")" \
    "1.00x" "$(mib "$RSS_BGPDUMP")"
row "manrs mrt -m RIB" "$(or_na "$T_M")" "$(rate "$ENTRIES" "$T_M")" \
    "$(x "$X_M")" "$(mib "$RSS_M")"
row "manrs mrt --count RIB" "$(or_na "$T_C")" "$(rate "$ENTRIES" "$T_C")" \
    "$(x "$X_C")" ""
row "bgpdump -m updates" "$T_BGPDUMP_UPD" \
    "$(rate "$UPD_ELEMS" "$T_BGPDUMP_UPD")" "1.00x" ""
row "manrs mrt -m updates" "$(or_na "$T_MU")" \
    "$(rate "$UPD_ELEMS" "$T_MU")" "$(x "$X_MU")" ""
row "bzip2 -dc RIB.bz2" "$T_BZ" "$(rate "$ENTRIES" "$T_BZ")" "" ""
row "manrs mrt -m RIB.bz2" "$(or_na "$T_BZM")" "$(rate "$ENTRIES" "$T_BZM")" \
    "" "$(mib "$RSS_BZM")"
echo

FAILS=0
check() {	# check NAME RESULT OK(1/0)
	local verdict=PASS
	if [ "$3" != 1 ]; then
		verdict=FAIL
		FAILS=$((FAILS + 1))
	fi
	printf '%-42s %12s  %s\n' "$1" "$2" "$verdict"
}
ge() { [ "$1" != n/a ] && [ "$(calc %d "$1 >= $2")" = 1 ] && echo 1 || echo 0; }
le() { [ "$1" != n/a ] && [ "$(calc %d "$1 <= $2")" = 1 ] && echo 1 || echo 0; }
ok_rc() {
	[ "$RC_M$RC_C$RC_BZM" = 000 ] && echo 1 || echo 0
}

printf '%-42s %12s  %s\n' "target" "result" "verdict"
check "-m output byte-identical to bgpdump (RIB)" "$IDENT" \
    "$([ "$IDENT" = yes ] && echo 1 || echo 0)"
check "-m throughput >= 5x bgpdump" "$(x "$X_M")" "$(ge "$X_M" 5)"
check "--count throughput >= 20x bgpdump" "$(x "$X_C")" "$(ge "$X_C" 20)"
check "bz2 wall time <= 1.15x bzip2 -dc" "$(x "$X_BZ")" "$(le "$X_BZ" 1.15)"
if [ -n "$RSS_MAX" ]; then
	check "peak RSS of mrt -m <= 64 MiB" "$(mib "$RSS_MAX") MiB" \
	    "$([ "$RSS_MAX" -le $RSS_LIMIT_KB ] && echo 1 || echo 0)"
else
	check "peak RSS of mrt -m <= 64 MiB" "n/a" 0
fi
if [ $HAVE_MANRS = 1 ]; then
	check "manrs exits 0 on every run" "ran" "$(ok_rc)"
else
	check "manrs exits 0 on every run" "n/a" 0
fi
printf '%-42s %12s  %s\n' "(info) -m updates byte-identical" "$IDENT_UPD" ""

if [ $KEEP = 1 ]; then
	echo "outputs kept in $OUT/tmp/"
else
	rm -f "$OUT"/tmp/*.txt "$OUT/tmp/rss"
fi
[ $FAILS -eq 0 ]
