#!/bin/sh
# The answer cache of `manrs serve`: a cached answer is the handler's
# answer byte for byte (headers too), ETag and 304 work on it, and a
# write to the store -- through the API, by the dispute CLI or by another
# program with SQL -- is seen by the next GET, also while the warm-up
# thread is filling the cache.  Answers to callers with a token are never
# served from the cache; --cache-size bounds its bytes.  TAP lines.
#
# usage: tests/serve_cache.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/serve.sh"
tap_init serve_cache "${1:-build/manrs}"

if ! command -v curl >/dev/null; then
	echo "1..0 # skip curl is not installed"
	exit 0
fi

serve_fixture
op=$("$manrs" token --db "$db" create --name noc --role operator --asn 64501 2>/dev/null)
serve_start
J="Content-Type: application/json"
inc=M2-AS64501-20150402T120000Z

# keep NAME: the last answer's body and headers without Date.
keep() {
	cp "$tmp/body" "$tmp/$1.body"
	grep -vi "^date:" "$tmp/headers" >"$tmp/$1.headers"
}
json() {
	python3 -c "import json,sys; j=json.load(open(sys.argv[1])); assert $1, j" "$tmp/body"
}
etag_of() { sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p' "$tmp/headers"; }

check "a cached answer is the handler's, byte for byte, headers too" \
    '[ "$(get /api/v1/scores/64501)" = 200 ] && keep first && [ "$(get /api/v1/scores/64501)" = 200 ] && keep second && cmp -s "$tmp/first.body" "$tmp/second.body" && cmp -s "$tmp/first.headers" "$tmp/second.headers" && [ -s "$tmp/first.body" ]'
check "the same query in another spelling is its own answer" \
    '[ "$(get "/api/v1/incidents?asn=64501")" = 200 ] && keep a && [ "$(get "/api/v1/incidents?asn=64500")" = 200 ] && ! cmp -s "$tmp/a.body" "$tmp/body"'
etag=$(get /api/v1/participants >/dev/null; etag_of)
check "ETag and 304 on a cached answer; HEAD has the same ETag" \
    '[ -n "$etag" ] && [ "$(get /api/v1/participants -H "If-None-Match: $etag")" = 304 ] && [ ! -s "$tmp/body" ] && [ "$(get /api/v1/participants -I)" = 200 ] && [ "$(etag_of)" = "$etag" ]'
check "a 404 is cached and stays a 404 with its JSON error" \
    '[ "$(get /api/v1/incidents/nope)" = 404 ] && keep n1 && [ "$(get /api/v1/incidents/nope)" = 404 ] && cmp -s "$tmp/n1.body" "$tmp/body"'

# Another program's commit is seen by every request that starts
# HTTP_STALE_MS (5 ms) after it: the checks below wait 0.1 s.
check "a write by SQL from another program: the next GET sees it, with a new ETag" \
    'python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE participants SET org=? WHERE id=1\", (\"Renamed Net\",)); c.commit()" "$db" && sleep 0.1 && [ "$(get /api/v1/participants -H "If-None-Match: $etag")" = 200 ] && grep -q "Renamed Net" "$tmp/body" && [ "$(etag_of)" != "$etag" ]'

# The bound itself: GETs on one connection right after each of 20
# commits by another program; the first one sent 5 ms or more after the
# commit, and every later one, must have the new answer.
cat >"$tmp/stale.py" <<'PY'
import http.client, sqlite3, sys, time
db, port = sys.argv[1], int(sys.argv[2])
h = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
def get():
    h.request("GET", "/api/v1/participants")
    r = h.getresponse()
    body = r.read()
    assert r.status == 200, r.status
    return body
c = sqlite3.connect(db)
early = 0
for k in range(20):
    name = ("Stale Test %d" % k).encode()
    get()
    get()
    c.execute("UPDATE participants SET org=? WHERE id=1", (name.decode(),))
    c.commit()
    t = time.monotonic()
    while True:
        s = time.monotonic()
        body = get()
        if s - t < 0.005:
            early += 1
            continue
        assert name in body, "stale %.1f ms after the commit" % ((s - t) * 1e3)
        assert name in get()
        break
print("# %d GETs sent within 5 ms of a commit" % early)
PY
check "a write by another program is seen by every GET sent 5 ms after its commit" \
    'python3 "$tmp/stale.py" "$db" "$port"'

check "before the dispute: cached as not disputed" \
    '[ "$(get "/api/v1/incidents?asn=64501&state=disputed")" = 200 ] && json "len(j[\"items\"])==0" && [ "$(get "/api/v1/incidents?asn=64501&state=disputed")" = 200 ] && json "len(j[\"items\"])==0"'
check "a dispute through the API: the next GET lists it" \
    '[ "$(get /api/v1/disputes -X POST -H "$J" -H "Authorization: Bearer $op" -d "{\"incident\":\"$inc\",\"reason\":\"our customer\"}")" = 201 ] && [ "$(get "/api/v1/incidents?asn=64501&state=disputed")" = 200 ] && json "len(j[\"items\"])==1"'
id=$("$manrs" dispute --db "$db" list --open 2>/dev/null | awk -v i="$inc" '$0 ~ i {print $1; exit}')
check "resolved by the dispute CLI: the next GET shows it accepted" \
    '[ "$(get "/api/v1/incidents?asn=64501")" = 200 ] && json "j[\"items\"][0][\"state\"]!=\"accepted\"" && [ -n "$id" ] && "$manrs" dispute --db "$db" --by cli resolve "$id" --accept --note ok >/dev/null 2>&1 && sleep 0.1 && [ "$(get "/api/v1/incidents?asn=64501")" = 200 ] && json "j[\"items\"][0][\"state\"]==\"accepted\""'

check "a bad token on a cached answer: 401, not the cached 200" \
    '[ "$(get /api/v1/scores/64501)" = 200 ] && [ "$(get /api/v1/scores/64501 -H "Authorization: Bearer manrs_nope")" = 401 ]'
check "a valid token gets the same public answer, not from another token" \
    '[ "$(get /api/v1/scores/64501)" = 200 ] && keep anon && [ "$(get /api/v1/scores/64501 -H "Authorization: Bearer $op")" = 200 ] && cmp -s "$tmp/anon.body" "$tmp/body"'

serve_stop
check "SIGTERM stops it with exit 0" '[ "$serve_rc" -eq 0 ]'

# metric NAME FILE: a sample's value in a saved /metrics answer.
metric() { awk -v n="$1" '$1 == n {print $2}' "$2"; }
# every PATH twice, bodies concatenated (the second round after evictions)
rounds() {
	for _r in 1 2; do
		for _a in $(seq 64000 64023); do
			get "/api/v1/incidents?asn=$_a" >/dev/null
			cat "$tmp/body"
		done
	done
}
serve_start --cache-size 16K
rounds >"$tmp/small.all"
get /metrics >/dev/null && cp "$tmp/body" "$tmp/small.metrics"
serve_stop
serve_start --cache-size 0
rounds >"$tmp/none.all"
get /metrics >/dev/null && cp "$tmp/body" "$tmp/none.metrics"
serve_stop
sm=$tmp/small.metrics
check "--cache-size 16K: within its bound, answers pushed out for room" \
    '[ "$(metric manrs_cache_max_bytes "$sm")" = 16384 ] && [ "$(metric manrs_cache_bytes "$sm")" -le 16384 ] && [ "$(metric manrs_cache_entries "$sm")" -gt 0 ] && [ "$(metric manrs_cache_entries "$sm")" -lt 24 ] && [ "$(metric manrs_cache_evictions_total "$sm")" -gt 0 ] && [ "$(metric manrs_cache_hits_total "$sm")" -gt 0 ]'
check "a small cache's answers are the uncached ones, byte for byte" \
    'grep -q "\"items\"" "$tmp/none.all" && cmp -s "$tmp/small.all" "$tmp/none.all"'
check "--cache-size 0 keeps nothing" \
    '[ "$(metric manrs_cache_entries "$tmp/none.metrics")" = 0 ] && [ "$(metric manrs_cache_hits_total "$tmp/none.metrics")" = 0 ]'
check "--cache-size takes K, M, G and refuses the rest (exit 2)" \
    '"$manrs" serve --cache-size 1X >/dev/null 2>&1; [ $? = 2 ] && "$manrs" serve --cache-size 99999G >/dev/null 2>&1; [ $? = 2 ] && "$manrs" serve --help | grep -q -- "--cache-size"'

# The warm-up: enough ASes that it takes a while, a write while it runs.
python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
acts = ["filtering", "anti-spoofing", "coordination", "global-validation-irr", "global-validation-rpki"]
c.executemany("INSERT INTO scores VALUES (2, ?, \"2015-04\", ?, 50.0, \"Aspiring\")",
    [(a, x) for a in range(100000, 115000) for x in acts])
c.commit()' "$db"
inc0=M2-AS64500-20150402T120000Z
did=$("$manrs" dispute --db "$db" list --open 2>/dev/null | awk -v i="$inc0" '$0 ~ i {print $1; exit}')
au=$("$manrs" token --db "$db" create --name audit --role auditor 2>/dev/null)
serve_start
warm_metrics() { get /metrics >/dev/null && cp "$tmp/body" "$tmp/warm.metrics"; }
for _ in $(seq 200); do
	warm_metrics
	[ "$(metric manrs_cache_warm_rendered_total "$tmp/warm.metrics")" -gt 0 ] && break
	sleep 0.1
done
check "the warm-up is under way (answers rendered, not all yet)" \
    '[ "$(metric manrs_cache_warm_rendered_total "$tmp/warm.metrics")" -gt 0 ] && [ "$(metric manrs_cache_warm "$tmp/warm.metrics")" = 0 ]'
inc_disputed() { json "[i[\"disputed\"] for i in j[\"incidents\"] if i[\"id\"]==\"$inc0\"]==[$1]"; }
[ "$(get /api/v1/scores/64500)" = 200 ] && keep before
etag1=$(etag_of)
check "accepted through the API while the warm-up runs: the next GET has the new answer and ETag" \
    'inc_disputed False && [ -n "$did" ] && [ "$(get /api/v1/disputes/$did/resolve -X POST -H "$J" -H "Authorization: Bearer $au" -d "{\"decision\":\"accept\"}")" = 200 ] && [ "$(get /api/v1/scores/64500 -H "If-None-Match: $etag1")" = 200 ] && [ "$(etag_of)" != "$etag1" ] && inc_disputed True && ! cmp -s "$tmp/before.body" "$tmp/body"'
etag2=$(etag_of)
for _ in $(seq 1200); do
	warm_metrics
	[ "$(metric manrs_cache_warm "$tmp/warm.metrics")" = 1 ] && break
	sleep 0.1
done
check "the warm-up ends and rendered every AS of the newest month" \
    '[ "$(metric manrs_cache_warm "$tmp/warm.metrics")" = 1 ] && [ "$(metric manrs_cache_entries "$tmp/warm.metrics")" -ge 15002 ] && [ "$(metric manrs_cache_warm_rendered_total "$tmp/warm.metrics")" -ge 15002 ]'
check "after it the answer is still the new one (304 on its ETag)" \
    '[ "$(get /api/v1/scores/64500 -H "If-None-Match: $etag2")" = 304 ] && [ "$(get /api/v1/scores/64500)" = 200 ] && inc_disputed True'
misses=$(metric manrs_cache_misses_total "$tmp/warm.metrics")
hits=$(metric manrs_cache_hits_total "$tmp/warm.metrics")
check "answers the warm-up made are sent from the cache" \
    '[ "$(get /api/v1/scores/114999)" = 200 ] && json "j[\"asn\"]==114999" && [ "$(get /api/v1/scores/100000)" = 200 ] && warm_metrics && [ "$(metric manrs_cache_misses_total "$tmp/warm.metrics")" = "$misses" ] && [ "$(metric manrs_cache_hits_total "$tmp/warm.metrics")" -ge $((hits + 2)) ]'
serve_stop
echo "1..$n"
