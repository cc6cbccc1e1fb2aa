#!/bin/sh
# `make check`: every test, each reported as a TAP "ok"/"not ok" line,
# then one closing line "check: N passed, N failed".
#
#   1. unit tests (cmocka) and golden tests against Debian's bgpdump
#   2. the banned-function check
#   3. unit and golden tests again under ASan+UBSan
#   4. every libFuzzer target for FUZZ_SECONDS (default 60) from a corpus
#      of real files
set -u
cd "$(dirname "$0")/.."
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
log=$(mktemp -d /tmp/manrs-check.XXXXXX)
pass=0
fail=0

# Run a step whose output has TAP lines; count them.
tap() {
	name=$1
	shift
	out="$log/$(echo "$name" | tr '/ ' '__').out"
	"$@" >"$out" 2>&1
	rc=$?
	p=$(grep -cE '^ok ' "$out")
	f=$(grep -cE '^not ok ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited $rc"
	fi
	grep -E '^(not ok|# )' "$out" | sed "s|^|$name: |"
	pass=$((pass + p))
	fail=$((fail + f))
	echo "$name: $p passed, $f failed"
}

# Run a step that is one test.
one() {
	name=$1
	shift
	out="$log/$(echo "$name" | tr '/ ' '__').out"
	if "$@" >"$out" 2>&1; then
		pass=$((pass + 1))
		echo "ok - $name"
	else
		fail=$((fail + 1))
		echo "not ok - $name"
		tail -n 30 "$out"
	fi
}

suite() {
	build=$1
	for t in "$build"/tests/test_*; do
		[ -x "$t" ] || continue
		case "$t" in *.d) continue ;; esac
		CMOCKA_MESSAGE_OUTPUT=TAP tap "$(basename "$build")/$(basename "$t")" "$t"
	done
	# Every tests/*.sh is a TAP script taking the manrs binary.
	for s in tests/*.sh; do
		tap "$(basename "$build")/$(basename "$s" .sh)" "$s" "$build/manrs"
	done
}

echo "== build"
make -s -j"$JOBS" tests benches || { echo "check: 0 passed, 1 failed"; exit 1; }
echo "== tests"
suite build
one banned-functions scripts/banned.sh

echo "== tests under ASan+UBSan"
if make -s -j"$JOBS" asan; then
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 suite build-asan
else
	fail=$((fail + 1))
	echo "not ok - asan build"
fi

echo "== fuzz (${FUZZ_SECONDS}s per target, $JOBS at a time)"
# Each target runs from a copy of its seed corpus (real files, cut to the
# input limit); $JOBS targets run side by side to keep the wall time down.
fuzz_one() {
	f=$1
	n=$(basename "$f")
	corpus="$log/corpus-$n"
	mkdir -p "$corpus"
	if [ -d "fuzz/corpus/$n" ]; then
		cp "fuzz/corpus/$n"/* "$corpus"/ 2>/dev/null
	fi
	"$f" -max_total_time="$FUZZ_SECONDS" -max_len=65536 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 "$corpus" \
	    >"$log/fuzz-$n.out" 2>&1
	echo $? >"$log/fuzz-$n.rc"
}
if make -s -j"$JOBS" fuzz; then
	running=0
	for f in build-fuzz/fuzz_*; do
		[ -x "$f" ] || continue
		fuzz_one "$f" &
		running=$((running + 1))
		if [ "$running" -ge "$JOBS" ]; then
			wait
			running=0
		fi
	done
	wait
	for f in build-fuzz/fuzz_*; do
		[ -x "$f" ] || continue
		n=$(basename "$f")
		if [ "$(cat "$log/fuzz-$n.rc" 2>/dev/null)" = 0 ]; then
			pass=$((pass + 1))
			echo "ok - fuzz/$n"
		else
			fail=$((fail + 1))
			echo "not ok - fuzz/$n"
			tail -n 30 "$log/fuzz-$n.out"
		fi
	done
else
	fail=$((fail + 1))
	echo "not ok - fuzz build"
fi

rm -rf "$log"
echo "check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
