#!/bin/sh
# The answer cache of `manrs serve`: a cached answer is the handler's
# answer byte for byte (headers too), ETag and 304 work on it, and a
# write to the store -- through the API, by the dispute CLI or by another
# program with SQL -- is seen by the next GET.  Answers to callers with a
# token are never served from the cache.  TAP lines.
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

check "a write by SQL from another program: the next GET sees it, with a new ETag" \
    'python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE participants SET org=? WHERE id=1\", (\"Renamed Net\",)); c.commit()" "$db" && [ "$(get /api/v1/participants -H "If-None-Match: $etag")" = 200 ] && grep -q "Renamed Net" "$tmp/body" && [ "$(etag_of)" != "$etag" ]'

check "before the dispute: cached as not disputed" \
    '[ "$(get "/api/v1/incidents?asn=64501&state=disputed")" = 200 ] && json "len(j[\"items\"])==0" && [ "$(get "/api/v1/incidents?asn=64501&state=disputed")" = 200 ] && json "len(j[\"items\"])==0"'
check "a dispute through the API: the next GET lists it" \
    '[ "$(get /api/v1/disputes -X POST -H "$J" -H "Authorization: Bearer $op" -d "{\"incident\":\"$inc\",\"reason\":\"our customer\"}")" = 201 ] && [ "$(get "/api/v1/incidents?asn=64501&state=disputed")" = 200 ] && json "len(j[\"items\"])==1"'
id=$("$manrs" dispute --db "$db" list --open 2>/dev/null | awk -v i="$inc" '$0 ~ i {print $1; exit}')
check "resolved by the dispute CLI: the next GET shows it accepted" \
    '[ "$(get "/api/v1/incidents?asn=64501")" = 200 ] && json "j[\"items\"][0][\"state\"]!=\"accepted\"" && [ -n "$id" ] && "$manrs" dispute --db "$db" --by cli resolve "$id" --accept --note ok >/dev/null 2>&1 && [ "$(get "/api/v1/incidents?asn=64501")" = 200 ] && json "j[\"items\"][0][\"state\"]==\"accepted\""'

check "a bad token on a cached answer: 401, not the cached 200" \
    '[ "$(get /api/v1/scores/64501)" = 200 ] && [ "$(get /api/v1/scores/64501 -H "Authorization: Bearer manrs_nope")" = 401 ]'
check "a valid token gets the same public answer, not from another token" \
    '[ "$(get /api/v1/scores/64501)" = 200 ] && keep anon && [ "$(get /api/v1/scores/64501 -H "Authorization: Bearer $op")" = 200 ] && cmp -s "$tmp/anon.body" "$tmp/body"'

serve_stop
check "SIGTERM stops it with exit 0" '[ "$serve_rc" -eq 0 ]'
echo "1..$n"
