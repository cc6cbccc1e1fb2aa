#!/usr/bin/env bash
# bench/serve.sh: `manrs serve` answering the per-AS score route
# (/api/v1/scores/{asn}, a random AS of 80 k per request) beside nginx
# serving a static JSON file of the same size, both under wrk on loopback,
# in one run.  Targets: >= 50 % of nginx's requests/s, p99 <= 10 ms, no
# errors at 256 connections.  Both servers get --threads/worker_processes
# 2 (the machine's 2 cores are shared with wrk).
#
# The store (cached in bench/out/serve.db) holds 80 k ASes with two
# months of scores, facts and three announcements each, and an incident
# for every tenth AS, written with SQL by python3.
#
# manrs serve starts with its default answer cache (--cache-size 512M,
# room for every answer) and the bench waits for its warm-up thread to
# have rendered every AS's answer (/metrics: manrs_cache_warm 1) before
# measuring; the time that took is printed.  --runs N repeats the pair
# of measurements; the load average is printed before each.
#
# usage: bench/serve.sh [--ases N] [--seconds S] [--connections C]
#                       [--runs N] [--cold]
#   --cold   measure at once, without waiting for the warm-up
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
ASES=80000 SECS=15 CONNS=256 RUNS=1 COLD=0
while [ $# -gt 0 ]; do
	case $1 in
	--ases) ASES=$2; shift ;;
	--seconds) SECS=$2; shift ;;
	--connections) CONNS=$2; shift ;;
	--runs) RUNS=$2; shift ;;
	--cold) COLD=1 ;;
	*) echo "usage: bench/serve.sh [--ases N] [--seconds S] [--connections C] [--runs N] [--cold]" >&2; exit 2 ;;
	esac
	shift
done
for t in wrk nginx python3 curl; do
	command -v $t >/dev/null || [ -x /usr/sbin/$t ] || { echo "bench/serve.sh: $t is missing (scripts/deps.sh)" >&2; exit 2; }
done
OUT=bench/out
mkdir -p "$OUT"
DB=$OUT/serve-$ASES.db
M=build/manrs
[ -x $M ] || { echo "bench/serve.sh: build manrs first" >&2; exit 2; }

if [ ! -s "$DB" ]; then
	rm -f "$DB"
	$M db info --db "$DB" >/dev/null
	python3 - "$DB" "$ASES" <<'PY'
import sqlite3, sys, random
db, n = sys.argv[1], int(sys.argv[2])
random.seed(1)
c = sqlite3.connect(db)
c.execute("PRAGMA synchronous = OFF")
months = [("2015-03", 1425168000, 1427846400), ("2015-04", 1427846400, 1430438400)]
acts = ["filtering", "anti-spoofing", "coordination", "global-validation-irr", "global-validation-rpki"]
def label(p):
    return "No data" if p is None else "Ready" if p >= 90 else "Aspiring" if p >= 50 else "Lagging"
for run, (m, f, t) in enumerate(months, 1):
    c.execute("INSERT INTO runs (id, period_from, period_to, started, finished, version) VALUES (?,?,?,?,?,?)", (run, f, t, t, t + 60, "bench"))
    rows, facts, ann, inc, ev = [], [], [], [], []
    for i in range(n):
        asn = 1000 + i
        for a in acts:
            p = None if a == "anti-spoofing" else round(random.uniform(0, 100), 1)
            rows.append((run, asn, m, a, p, label(p)))
        facts.append((run, asn, m, 3, 2, 2, 0, 1, 1, 1, None))
        for k in range(3):
            ann.append((run, m, asn, "10.%d.%d.0/24" % (i // 250, (i % 250) * 1 + k % 1) if k == 0 else "%d.%d.%d.0/24" % (11 + k, i // 256 % 256, i % 256), f, t - 1, 30, 8, "valid", "exact", 1))
        if i % 10 == 0:
            iid = "M2-AS%d-%sT00000%dZ" % (asn, m.replace("-", "") + "05", run)
            inc.append((iid, run, asn, "M2", f + 86400 * 4, f + 86400 * 4 + 3600, 1, 1))
            ev.append((iid, "192.0.2.0/24", f + 86400 * 4, f + 86400 * 4 + 3600, '{"why":"rpki-invalid","origin":%d}' % asn))
    c.executemany("INSERT INTO scores VALUES (?,?,?,?,?,?)", rows)
    c.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?)", facts)
    c.executemany("INSERT OR IGNORE INTO announcements VALUES (?,?,?,?,?,?,?,?,?,?,?)", ann)
    c.executemany("INSERT INTO incidents VALUES (?,?,?,?,?,?,?,?)", inc)
    c.executemany("INSERT INTO events VALUES (?,?,?,?,?)", ev)
c.commit()
PY
fi

tmp=$(mktemp -d /tmp/manrs-bench-serve.XXXXXX)
pids=""
trap 'for p in $pids; do kill $p 2>/dev/null; done; rm -rf "$tmp"' EXIT

$M serve --db "$DB" --listen 127.0.0.1:0 --threads 2 >"$tmp/serve.out" 2>"$tmp/serve.err" &
pids="$pids $!"
for _ in $(seq 100); do
	port=$(sed -n 's/^manrs serve: listening on port \([0-9]*\).*/\1/p' "$tmp/serve.out")
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || { echo "bench/serve.sh: manrs serve did not start" >&2; cat "$tmp/serve.err" >&2; exit 1; }
metric() { curl -s "http://127.0.0.1:$port/metrics" | awk -v n="$1" '$1 == n {print $2}'; }
if [ "$COLD" = 0 ]; then
	t0=$(date +%s.%N)
	for _ in $(seq 6000); do
		[ "$(metric manrs_cache_warm)" = 1 ] && break
		sleep 0.1
	done
	[ "$(metric manrs_cache_warm)" = 1 ] || { echo "bench/serve.sh: the warm-up did not end in 10 min" >&2; exit 1; }
	t1=$(date +%s.%N)
	warm=$(python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$t0" "$t1")
	echo "# warm-up: $(metric manrs_cache_warm_rendered_total) answers in ${warm}s, cache $(metric manrs_cache_bytes) bytes"
fi

# The static file: one AS's answer, so both send the same bytes.
mid=$((1000 + ASES / 2))
curl -s "http://127.0.0.1:$port/api/v1/scores/$mid" >"$tmp/as.json"
size=$(wc -c <"$tmp/as.json")
nport=$((port + 1))
mkdir -p "$tmp/www" "$tmp/nginx"
cp "$tmp/as.json" "$tmp/www/as.json"
chmod 755 "$tmp" "$tmp/www"	# nginx workers may run as another user
chmod 644 "$tmp/www/as.json"
cat >"$tmp/nginx.conf" <<NG
worker_processes 2;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
daemon off;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path $tmp/nginx;
	proxy_temp_path $tmp/nginx;
	fastcgi_temp_path $tmp/nginx;
	uwsgi_temp_path $tmp/nginx;
	scgi_temp_path $tmp/nginx;
	default_type application/json;
	keepalive_requests 100000000;
	server { listen 127.0.0.1:$nport; root $tmp/www; }
}
NG
/usr/sbin/nginx -c "$tmp/nginx.conf" -e "$tmp/nginx/error.log" &
pids="$pids $!"
sleep 0.5
curl -sf "http://127.0.0.1:$nport/as.json" >/dev/null || { echo "bench/serve.sh: nginx did not start" >&2; cat "$tmp/nginx/error.log" >&2; exit 1; }

cat >"$tmp/rand.lua" <<LUA
math.randomseed(os.time())
request = function()
	return wrk.format("GET", "/api/v1/scores/" .. math.random(1000, $((1000 + ASES - 1))))
end
LUA

echo "# $(date -u +%FT%TZ) $(nproc) cores, $ASES ASes, answer $size bytes, $CONNS connections, ${SECS}s each"
run() {
	wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$@" >"$tmp/wrk.out" 2>&1
	rps=$(awk '/^Requests\/sec/ {print $2}' "$tmp/wrk.out")
	p99=$(awk '$1 == "99%" {print $2}' "$tmp/wrk.out")
	errs=$(awk '/Socket errors|Non-2xx/ {print}' "$tmp/wrk.out" | tr '\n' ' ')
	echo "$rps $p99 ${errs:-no errors}"
}
for r in $(seq "$RUNS"); do
	echo "# run $r, load average $(cut -d' ' -f1-3 /proc/loadavg)"
	read -r n_rps n_p99 n_err <<<"$(run "http://127.0.0.1:$nport/as.json")"
	h0=$(metric manrs_cache_hits_total) m0=$(metric manrs_cache_misses_total)
	read -r m_rps m_p99 m_err <<<"$(run -s "$tmp/rand.lua" "http://127.0.0.1:$port")"
	h1=$(metric manrs_cache_hits_total) m1=$(metric manrs_cache_misses_total)
	printf "%-28s %12s %10s  %s\n" "server" "requests/s" "p99" "errors"
	printf "%-28s %12s %10s  %s\n" "nginx static file" "$n_rps" "$n_p99" "$n_err"
	printf "%-28s %12s %10s  %s\n" "manrs serve /scores/{asn}" "$m_rps" "$m_p99" "$m_err"
	python3 -c "import sys; print('ratio: %.0f %% of nginx; cache hits %d, misses %d' % (100 * float(sys.argv[1]) / float(sys.argv[2]), int(sys.argv[4]) - int(sys.argv[3]), int(sys.argv[6]) - int(sys.argv[5])))" "$m_rps" "$n_rps" "$h0" "$h1" "$m0" "$m1"
done
