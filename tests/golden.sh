#!/bin/sh
# Golden test: every MRT file in testdata/mrt and ../shared/data/mrt goes
# through Debian's bgpdump -m and through `manrs mrt -m`; the outputs must
# be byte-identical, unless tests/golden/differences.txt records the file
# with the checksums of both outputs (each such case is explained in
# docs/bgpdump-differences.md).  Prints TAP lines.
#
# usage: tests/golden.sh path/to/manrs
set -u
manrs=${1:-build/manrs}
cd "$(dirname "$0")/.."
known=tests/golden/differences.txt
cache=build/golden-cache
mkdir -p "$cache"
tmp=$(mktemp -d /tmp/manrs-golden.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

if ! command -v bgpdump >/dev/null 2>&1; then
	echo "not ok - bgpdump is not installed (scripts/deps.sh installs it)"
	exit 1
fi

files=$(ls testdata/mrt/* 2>/dev/null)
if [ -d ../shared/data/mrt ]; then
	files="$files $(ls ../shared/data/mrt/* | grep -v '\.json$')"
else
	echo "# ../shared/data/mrt not present: golden test on testdata/ only"
fi

n=0
for f in $files; do
	n=$((n + 1))
	base=$(basename "$f")
	sum=$(sha256sum "$f" | cut -c1-64)
	ref="$cache/$sum.bgpdump"
	# bgpdump is slow on big RIBs: keep its output per input checksum.
	if [ ! -f "$ref" ]; then
		bgpdump -m "$f" >"$ref.tmp" 2>/dev/null
		mv "$ref.tmp" "$ref"
	fi
	"$manrs" mrt -m "$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "not ok $n - $f: manrs exited $rc: $(head -c 300 "$tmp/err")"
		continue
	fi
	if cmp -s "$ref" "$tmp/out"; then
		echo "ok $n - $base identical ($(wc -l <"$tmp/out") lines)"
		continue
	fi
	bsum=$(sha256sum <"$ref" | cut -c1-64)
	msum=$(sha256sum <"$tmp/out" | cut -c1-64)
	line=$(grep -E "^$base[[:space:]]" "$known" 2>/dev/null)
	if [ -n "$line" ]; then
		kb=$(echo "$line" | awk '{print $2}')
		km=$(echo "$line" | awk '{print $3}')
		if [ "$kb" = "$bsum" ] && [ "$km" = "$msum" ]; then
			echo "ok $n - $base documented difference"
			continue
		fi
		echo "not ok $n - $base: documented difference no longer matches"
	else
		echo "not ok $n - $base differs from bgpdump -m"
	fi
	echo "# $base bgpdump=$bsum manrs=$msum"
	echo "# bgpdump $(wc -l <"$ref") lines, manrs $(wc -l <"$tmp/out") lines"
	diff "$ref" "$tmp/out" | head -n 6 | sed 's/^/# /'
done
echo "1..$n"
