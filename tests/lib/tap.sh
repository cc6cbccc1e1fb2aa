# Shared by the tests/*.sh TAP scripts: sourced, never run.
#
#   . "$(dirname "$0")/lib/tap.sh"
#   tap_init NAME "${1:-build/manrs}"
#   check "what is tested" 'shell condition'
#   ...
#   echo "1..$n"
#
# tap_init sets $manrs (absolute), moves to the repository root, makes a
# scratch directory $tmp that goes away on exit, and zeroes the counter.

tap_init() {
	manrs=$2
	case $manrs in /*) ;; *) manrs=$PWD/$manrs ;; esac
	cd "$(dirname "$0")/.." || exit 2
	tmp=$(mktemp -d "/tmp/manrs-$1.XXXXXX") || exit 2
	trap 'rm -rf "$tmp"' EXIT
	n=0
}

# One TAP line: "ok N - what" if the condition holds, else "not ok".
check() {
	n=$((n + 1))
	if eval "$2" 2>/dev/null; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
	fi
}
