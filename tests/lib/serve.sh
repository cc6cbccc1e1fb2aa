# Shared by the tests that start `manrs serve`: sourced, never run.
# Needs tests/lib/tap.sh sourced and tap_init called first.
#
#   serve_fixture            a store at $tmp/manrs.db from
#                            testdata/report/fixture.sql ($db)
#   serve_start [OPTIONS]    start it on 127.0.0.1, a free port: $port,
#                            $base (http://127.0.0.1:PORT), $serve_pid
#   serve_stop               SIGTERM; $serve_rc is its exit status
#   get PATH [CURL ARGS]     body to $tmp/body, status to $tmp/status,
#                            headers to $tmp/headers; prints the status

serve_fixture() {
	db=$tmp/manrs.db
	"$manrs" db info --db "$db" >/dev/null
	python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript(open(sys.argv[2]).read())
c.commit()' "$db" testdata/report/fixture.sql
}

serve_start() {
	"$manrs" serve --db "$db" --listen 127.0.0.1:0 --threads 2 "$@" \
	    >"$tmp/serve.out" 2>"$tmp/serve.err" &
	serve_pid=$!
	port=""
	for _ in $(seq 100); do
		port=$(sed -n 's/^manrs serve: listening on port \([0-9]*\).*/\1/p' \
		    "$tmp/serve.out")
		[ -n "$port" ] && break
		kill -0 "$serve_pid" 2>/dev/null || break
		sleep 0.05
	done
	if [ -z "$port" ]; then
		echo "Bail out! manrs serve did not start: $(cat "$tmp/serve.err")"
		exit 1
	fi
	base=http://127.0.0.1:$port
	trap 'kill "$serve_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
}

serve_stop() {
	kill -TERM "$serve_pid"
	wait "$serve_pid"
	serve_rc=$?
	trap 'rm -rf "$tmp"' EXIT
}

get() {
	_p=$1
	shift
	rm -f "$tmp/body" "$tmp/headers"
	curl -s -o "$tmp/body" -D "$tmp/headers" -w '%{http_code}' \
	    --max-time 10 "$@" "$base$_p" >"$tmp/status"
	cat "$tmp/status"
}
