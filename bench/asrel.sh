#!/bin/sh
# bench/asrel.sh: the AS graph on CAIDA's 2015-02-01 as-rel file (load,
# memory, every cone, 10 M relationship and 10 M in-cone queries), best of
# three runs, and the peak RSS of `manrs asrel FILE stats`.
#
# usage: bench/asrel.sh [FILE]
set -u
cd "$(dirname "$0")/.." || exit 2
f=${1:-../shared/data/asrel/caida_20150201.as-rel.txt}
if [ ! -r "$f" ]; then
	echo "# skip: $f not present"
	exit 0
fi
mkdir -p bench/out
for i in 1 2 3; do
	build/bench/asrel "$f" >bench/out/asrel.$i || exit 1
done
# The run with the shortest total of its timings.
best=$(for i in 1 2 3; do
	printf '%s ' "$i"
	awk '/ s[ ,(]/ { for (k = 1; k < NF; k++) if ($(k+1) == "s" ||
	    $(k+1) == "s,") t += $k } END { print t }' bench/out/asrel.$i
done | sort -k2 -g | head -n 1 | cut -d' ' -f1)
cat bench/out/asrel."$best"
/usr/bin/time -f "peak RSS of manrs asrel FILE stats: %M KiB" \
    build/manrs asrel "$f" stats >/dev/null
