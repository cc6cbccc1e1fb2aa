#!/bin/bash
# `manrs rtr` against a real RTR cache: Debian's stayrtr on loopback
# serving a copy of testdata/rpki/dn42_export_gortr.first250.json.  The
# set received must equal the file's VRPs as python3's json and ipaddress
# modules read them (an oracle independent of manrs' readers); then the
# file changes and `manrs rtr --watch` must print exactly the delta.
# Prints TAP lines; skips when stayrtr or python3 is missing.
#
# usage: tests/rtr.sh path/to/manrs
set -u
manrs=${1:-build/manrs}
case $manrs in /*) ;; *) manrs=$PWD/$manrs ;; esac
cd "$(dirname "$0")/.."
if ! command -v stayrtr >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # skip stayrtr or python3 not installed"
	exit 0
fi
tmp=$(mktemp -d /tmp/manrs-rtr.XXXXXX)
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
n=0

check() {
	n=$((n + 1))
	if eval "$2" 2>/dev/null; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
	fi
}

# until SECONDS CMD: retry CMD every 0.2 s; false if it never succeeds.
until_ok() {
	local i=0 max=$(($1 * 5))
	shift
	while [ $i -lt $max ]; do
		eval "$1" 2>/dev/null && return 0
		sleep 0.2
		i=$((i + 1))
	done
	return 1
}

freeport() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The oracle: a gortr/rpki-client JSON file as sorted "ASn,prefix,maxlen"
# lines; entries stayrtr would refuse (no prefix, bad AS) are left out.
expect() {
	python3 - "$1" <<'END'
import ipaddress, json, sys
out = set()
for r in json.load(open(sys.argv[1]))["roas"]:
    try:
        net = ipaddress.ip_network(r["prefix"], strict=True)
        asn = int(str(r["asn"]).upper().removeprefix("AS"))
    except (TypeError, ValueError, KeyError):
        continue
    out.add((net.version, int(net.network_address), net.prefixlen,
             int(r.get("maxLength", net.prefixlen)), asn, net.compressed))
for v, a, l, m, asn, s in sorted(out):
    print(f"AS{asn},{s},{m}")
END
}

# manrs' CSV or JSON output as the same lines, in the order given.
csv_lines() { sed 1d "$1"; }
json_lines() {
	python3 -c 'import json, sys
for r in json.load(open(sys.argv[1]))["roas"]:
    print("%s,%s,%d" % (r["asn"], r["prefix"], r["maxLength"]))' "$1"
}

cache=$tmp/cache.json
cp testdata/rpki/dn42_export_gortr.first250.json "$cache"
port=$(freeport)
mport=$(freeport)
(cd "$tmp" && exec stayrtr -cache "$cache" -bind "127.0.0.1:$port" \
    -metrics.addr "127.0.0.1:$mport" -checktime=false -refresh 1 \
    -rtr.refresh 60 >"$tmp/stayrtr.log" 2>&1) &
pids="$pids $!"
until_ok 15 "(exec 3<>/dev/tcp/127.0.0.1/$port)" ||
    echo "# stayrtr does not listen on $port: $(tail -3 "$tmp/stayrtr.log")"

expect "$cache" >"$tmp/want"
check "oracle reads the file (249 of 250 entries; one has no prefix)" \
    '[ "$(wc -l <"$tmp/want")" -eq 249 ]'

timeout 30 "$manrs" rtr -v 127.0.0.1 "$port" >"$tmp/got.csv" 2>"$tmp/err"
rc=$?
check "manrs rtr exits 0" '[ $rc -eq 0 ]'
check "CSV header" '[ "$(head -1 "$tmp/got.csv")" = "ASN,IP Prefix,Max Length" ]'
check "received set equals the file" 'csv_lines "$tmp/got.csv" | cmp -s - "$tmp/want"'
check "RTR version 1 in use" 'grep -q "RTR version 1" "$tmp/err"'
check "RTRlib's debug chatter kept off stderr" '! grep -q "RTR Socket" "$tmp/err"'

timeout 30 "$manrs" rtr --json 127.0.0.1 "$port" >"$tmp/got.json"
check "--json: same set" 'json_lines "$tmp/got.json" | cmp -s - "$tmp/want"'
check "--json is read back by manrs rov --vrps" \
    '"$manrs" rov -v --vrps "$tmp/got.json" </dev/null 2>&1 | grep -q "JSON, 249 VRPs"'

timeout 30 "$manrs" rtr --dump "$tmp/dump.csv" 127.0.0.1 "$port" >"$tmp/dump.out"
check "--dump FILE: file written, nothing on stdout" \
    '[ ! -s "$tmp/dump.out" ] && cmp -s "$tmp/dump.csv" "$tmp/got.csv" && [ ! -e "$tmp/dump.csv.tmp" ]'

echo "10.0.0.0/8 64496" >"$tmp/route"
first=$(sed -n 1p "$tmp/want")		# AS,prefix,maxlen
fasn=${first%%,*}; rest=${first#*,}; fpfx=${rest%,*}
echo "$fpfx ${fasn#AS}" >>"$tmp/route"
timeout 40 "$manrs" rov --rtr "127.0.0.1:$port" --routes "$tmp/route" >"$tmp/rov.out"
check "manrs rov --rtr validates against the live set" \
    'grep -qx "$fpfx ${fasn#AS} valid" "$tmp/rov.out" && grep -qx "10.0.0.0/8 64496 not-found" "$tmp/rov.out"'

# --watch: the set, then the delta of a changed file.
timeout 60 "$manrs" rtr --watch 127.0.0.1 "$port" >"$tmp/watch" 2>"$tmp/watch.err" &
wpid=$!
pids="$pids $wpid"
until_ok 30 '[ "$(grep -c "^AS[0-9]" "$tmp/watch")" -eq 249 ]'
check "--watch prints the set first" 'csv_lines "$tmp/watch" | cmp -s - "$tmp/want"'

# One VRP withdrawn, one changes its AS, one new one (IPv4 and IPv6).
python3 - "$cache" "$tmp/cache.new" <<'END'
import json, sys
d = json.load(open(sys.argv[1]))
roas = [r for r in d["roas"] if r.get("prefix")]
gone = roas[0]
d["roas"].remove(gone)
roas[1]["asn"] = "AS64512"
d["roas"].append({"asn": "AS64513", "prefix": "198.51.100.0/24", "maxLength": 24})
d["roas"].append({"asn": "AS64513", "prefix": "2001:db8:100::/48", "maxLength": 64})
json.dump(d, open(sys.argv[2], "w"))
END
expect "$tmp/cache.new" >"$tmp/want2"
# What must arrive: lines only in the old set, withdrawn; only in the new, announced.
{ comm -23 <(sort "$tmp/want") <(sort "$tmp/want2") | sed 's/^/withdraw /'
  comm -13 <(sort "$tmp/want") <(sort "$tmp/want2") | sed 's/^/announce /'; } |
    sort >"$tmp/delta.want"
check "the change is 2 withdrawals and 3 announcements" \
    '[ "$(grep -c ^withdraw "$tmp/delta.want")" -eq 2 ] && [ "$(grep -c ^announce "$tmp/delta.want")" -eq 3 ]'
mv "$tmp/cache.new" "$cache"
until_ok 30 '[ "$(grep -c "^announce\|^withdraw" "$tmp/watch")" -ge 5 ]'
sleep 1		# anything more that would arrive (it must not)
check "--watch prints exactly the delta" \
    'grep "^announce\|^withdraw" "$tmp/watch" | sort | cmp -s - "$tmp/delta.want"'
kill -TERM $wpid 2>/dev/null
wait $wpid
rc=$?
check "--watch exits 0 on SIGTERM" '[ $rc -eq 0 ]'

timeout 30 "$manrs" rtr 127.0.0.1 "$port" >"$tmp/got2.csv"
check "a new connection gets the changed set" 'csv_lines "$tmp/got2.csv" | cmp -s - "$tmp/want2"'

# Errors: nothing listens; a listener that never answers; usage.
dead=$(freeport)
start=$(date +%s)
timeout 30 "$manrs" rtr --timeout 20 127.0.0.1 "$dead" >/dev/null 2>"$tmp/err"
rc=$?
check "unreachable cache: exit 1 at once with a clear error" \
    '[ $rc -eq 1 ] && grep -q "cannot reach the RTR cache" "$tmp/err" && [ $(($(date +%s) - start)) -lt 15 ]'
silent=$(freeport)
python3 -c 'import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(4)
c = s.accept(); time.sleep(10)' "$silent" &
pids="$pids $!"
until_ok 10 "(exec 3<>/dev/tcp/127.0.0.1/$silent)"
timeout 30 "$manrs" rtr --timeout 2 127.0.0.1 "$silent" >/dev/null 2>"$tmp/err"
rc=$?
check "silent cache: exit 1 after --timeout" \
    '[ $rc -eq 1 ] && grep -q "no complete VRP set" "$tmp/err"'
"$manrs" rtr 127.0.0.1 >/dev/null 2>&1
rc=$?
check "missing PORT is a usage error" '[ $rc -eq 2 ]'
"$manrs" rtr --timeout 0 127.0.0.1 1 >/dev/null 2>&1
rc=$?
check "bad --timeout is a usage error" '[ $rc -eq 2 ]'
"$manrs" rov --rtr 2001:db8::1 </dev/null >/dev/null 2>&1
rc=$?
check "rov --rtr without a port is a usage error" '[ $rc -eq 2 ]'

echo "1..$n"
