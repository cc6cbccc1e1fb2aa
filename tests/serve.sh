#!/bin/sh
# `manrs serve` on loopback against a fixture store: it starts on a free
# port, answers the API index, follows the HTTP conventions (JSON errors,
# 404/405, ETag and 304, CORS, HEAD, limits) and stops cleanly on SIGTERM.
# TAP lines.
#
# usage: tests/serve.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/serve.sh"
tap_init serve "${1:-build/manrs}"

if ! command -v curl >/dev/null; then
	echo "1..0 # skip curl is not installed"
	exit 0
fi

check "--help explains and exits 0" \
    '"$manrs" serve --help | grep -q "Authorization: Bearer"'
check "--threads 0 is a usage error" \
    '"$manrs" serve --db /nonexistent --threads 0; [ $? -eq 2 ]'
check "a missing store: exit 1, no store created" \
    '"$manrs" serve --db "$tmp/none.db" 2>"$tmp/err"; [ $? -eq 1 ] && grep -q "no store" "$tmp/err" && [ ! -e "$tmp/none.db" ]'

serve_fixture
check "an address that is not ADDR:PORT: exit 1, the message says so" \
    '"$manrs" serve --db "$db" --listen 127.0.0.1 2>"$tmp/err"; [ $? -eq 1 ] && grep -q "ADDR:PORT" "$tmp/err"'
serve_start

check "the index answers 200 JSON naming the runs" \
    '[ "$(get /api/v1/)" = 200 ] && python3 -c "import json,sys; j=json.load(open(sys.argv[1])); assert j[\"runs\"]==2 and j[\"openapi\"]==\"/api/v1/openapi.json\"" "$tmp/body"'
check "JSON content type and CORS on a GET" \
    'get /api/v1/ >/dev/null && grep -qi "^content-type: application/json" "$tmp/headers" && grep -qi "^access-control-allow-origin: \*" "$tmp/headers"'
etag=$(get /api/v1/ >/dev/null; sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p' "$tmp/headers")
check "an ETag, and 304 with an empty body for If-None-Match" \
    '[ -n "$etag" ] && [ "$(get /api/v1/ -H "If-None-Match: $etag")" = 304 ] && [ ! -s "$tmp/body" ]'
check "another ETag in If-None-Match gets 200" \
    '[ "$(get /api/v1/ -H "If-None-Match: \"0000\"")" = 200 ]'
check "HEAD: 200, headers, no body" \
    '[ "$(get /api/v1/ -I)" = 200 ] && grep -qi "^etag: " "$tmp/headers" && ! grep -q "{" "$tmp/body"'
check "an unknown path: 404 with a JSON error naming the path" \
    '[ "$(get /api/v1/nothing)" = 404 ] && python3 -c "import json,sys; e=json.load(open(sys.argv[1]))[\"error\"]; assert e[\"status\"]==404 and \"/api/v1/nothing\" in e[\"message\"]" "$tmp/body"'
check "a wrong method: 405 with Allow" \
    '[ "$(get /api/v1/ -X DELETE)" = 405 ] && grep -qi "^allow: GET" "$tmp/headers"'
check "CORS preflight: 204 with the allowed methods" \
    '[ "$(get /api/v1/ -X OPTIONS)" = 204 ] && grep -qi "^access-control-allow-methods: GET" "$tmp/headers"'
check "path traversal: 400" \
    '[ "$(get /api/v1/../../etc/passwd --path-as-is)" = 400 ] && [ "$(get /api/v1/%2e%2e/x --path-as-is)" = 400 ]'
check "a body over the limit: 413, and the server goes on" \
    'head -c 300000 /dev/zero | tr "\0" a >"$tmp/big" && [ "$(get /api/v1/ -X POST --data-binary @"$tmp/big")" = 413 ] && [ "$(get /api/v1/)" = 200 ]'
check "too many query parameters: 400" \
    '[ "$(get "/api/v1/?$(seq -s "&" -f "p%g=1" 100)")" = 400 ]'
check "a bad bearer token: 401" \
    '[ "$(get /api/v1/ -H "Authorization: Bearer manrs_nope")" = 401 ] && grep -qi "^www-authenticate: Bearer" "$tmp/headers"'
check "/metrics: OpenMetrics with the index's requests and # EOF" \
    '[ "$(get /metrics)" = 200 ] && grep -q "^manrs_http_requests_total{route=\"/api/v1/\",status=\"200\"} [1-9]" "$tmp/body" && grep -q "^manrs_http_requests_total{route=\"/api/v1/\",status=\"304\"} 1$" "$tmp/body" && tail -1 "$tmp/body" | grep -qx "# EOF"'
check "a port in use: exit 1, the message says so" \
    '"$manrs" serve --db "$db" --listen "127.0.0.1:$port" 2>"$tmp/err"; [ $? -eq 1 ] && grep -q "cannot listen there" "$tmp/err"'
# Nine keep-alive connections opened one after the other (each answered
# before the next), then /metrics on a tenth: the two workers hold five
# and five (libmicrohttpd's own pool let one worker take most of a burst).
cat >"$tmp/spread.py" <<'PY'
import http.client, re, sys
port = int(sys.argv[1])
held = []
for _ in range(9):
    h = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    h.request("GET", "/api/v1/")
    r = h.getresponse()
    r.read()
    assert r.status == 200
    held.append(h)
h = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
h.request("GET", "/metrics")
m = h.getresponse().read().decode()
n = [int(v) for v in re.findall(r'^manrs_http_connections\{worker="\d+"\} (\d+)$', m, re.M)]
print("# connections by worker:", n)
assert len(n) == 2 and sum(n) == 10 and max(n) - min(n) <= 1, n
PY
check "connections are spread evenly over the worker threads" \
    'python3 "$tmp/spread.py" "$port"'

serve_stop
check "SIGTERM stops it with exit 0" '[ "$serve_rc" -eq 0 ]'

echo "1..$n"
