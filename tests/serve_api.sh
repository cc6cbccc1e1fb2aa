#!/bin/sh
# The JSON API of `manrs serve` on a fixture store (testdata/report/
# fixture.sql): lists with filters and cursors, per-AS report, incidents,
# prefixes, ROA history, the writes with their tokens and audit log, the
# security rules, and the OpenAPI document walked operation by operation.
# TAP lines.
#
# usage: tests/serve_api.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/serve.sh"
tap_init serve-api "${1:-build/manrs}"

if ! command -v curl >/dev/null; then
	echo "1..0 # skip curl is not installed"
	exit 0
fi
serve_fixture
"$manrs" roa-history build --store "$tmp/roas" testdata/rpki/history 2>/dev/null
op=$("$manrs" token --db "$db" create --name noc --role operator --asn 64501 2>/dev/null)
au=$("$manrs" token --db "$db" create --name audit --role auditor 2>/dev/null)
old=$("$manrs" token --db "$db" create --name old --role auditor 2>/dev/null)
"$manrs" token --db "$db" revoke 3 >/dev/null 2>&1
serve_start --roa-history "$tmp/roas"

# jq-like assertions: json EXPR (Python, j is the body) holds.
json() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); assert $1" "$tmp/body"; }
J="Content-Type: application/json"

check "scores: April by default, both ASes, five actions each" \
    '[ "$(get /api/v1/scores)" = 200 ] && json "j[\"month\"]==\"2015-04\" and [i[\"asn\"] for i in j[\"items\"]]==[64500,64501] and len(j[\"items\"][0][\"scores\"])==5 and j[\"next\"] is None"'
check "scores: label and action filter" \
    '[ "$(get "/api/v1/scores?label=Lagging&action=filtering")" = 200 ] && json "[i[\"asn\"] for i in j[\"items\"]]==[64500]"'
check "scores: participants only" \
    '[ "$(get "/api/v1/scores?participants=true")" = 200 ] && json "[i[\"asn\"] for i in j[\"items\"]]==[64500]"'
check "scores: a cursor walks page by page, each AS once" \
    '[ "$(get "/api/v1/scores?limit=1")" = 200 ] && c=$(python3 -c "import json;print(json.load(open(\"$tmp/body\"))[\"next\"])") && [ "$(get "/api/v1/scores?limit=1&cursor=$c")" = 200 ] && json "[i[\"asn\"] for i in j[\"items\"]]==[64501] and j[\"next\"] is None"'
check "scores: asn takes one AS or a list" \
    '[ "$(get "/api/v1/scores?asn=64501")" = 200 ] && json "[i[\"asn\"] for i in j[\"items\"]]==[64501]" && [ "$(get "/api/v1/scores?asn=AS64501,64500,64999")" = 200 ] && json "[i[\"asn\"] for i in j[\"items\"]]==[64500,64501]"'
check "scores: a bad item or more than 256 ASes is a 400 naming it" \
    '[ "$(get "/api/v1/scores?asn=64500,,1")" = 400 ] && grep -q "asn: item 2" "$tmp/body" && [ "$(get "/api/v1/scores?asn=$(seq -s, 1 257)")" = 400 ] && grep -q "more than 256" "$tmp/body" && [ "$(get "/api/v1/scores?asn=$(seq -s, 1 256)")" = 200 ]'
check "scores: region without RIR stats is a 400 that says how" \
    '[ "$(get "/api/v1/scores?region=ripencc")" = 400 ] && grep -q -- "--rir" "$tmp/body"'
check "scores: a bad month, label, limit or cursor is a 400" \
    '[ "$(get "/api/v1/scores?month=2015-13")" = 400 ] && [ "$(get "/api/v1/scores?label=Great")" = 400 ] && [ "$(get "/api/v1/scores?limit=0")" = 400 ] && [ "$(get "/api/v1/scores?cursor=zz")" = 400 ]'
check "scores of an AS: the report with the trend and the 7 months" \
    '[ "$(get /api/v1/scores/AS64500)" = 200 ] && json "j[\"scores\"][\"filtering\"][\"pct\"]==49.0 and j[\"scores\"][\"filtering\"][\"arrow\"]==\"↓\" and len(j[\"history\"])==7"'
check "scores of an AS in March; unknown AS and month are 404" \
    '[ "$(get "/api/v1/scores/64500?month=2015-03")" = 200 ] && json "j[\"month\"]==\"2015-03\"" && [ "$(get /api/v1/scores/64999)" = 404 ] && [ "$(get "/api/v1/scores/64500?month=2014-01")" = 404 ] && [ "$(get /api/v1/scores/x)" = 404 ]'
check "incidents: filters by asn, metric, period, state" \
    '[ "$(get "/api/v1/incidents?asn=64500&period=2015-04")" = 200 ] && json "len(j[\"items\"])==3" && [ "$(get "/api/v1/incidents?metric=M3")" = 200 ] && json "[i[\"id\"] for i in j[\"items\"]]==[\"M3-AS64500-20150420T000000Z\"]" && [ "$(get "/api/v1/incidents?state=accepted")" = 200 ] && json "[i[\"id\"] for i in j[\"items\"]]==[\"M4C-AS64500-20150405T000000Z\"]"'
check "incidents: pages of 2 give all 5 once" \
    'ids=""; c=""; while :; do get "/api/v1/incidents?limit=2$c" >/dev/null; ids="$ids $(python3 -c "import json;print(\" \".join(i[\"id\"] for i in json.load(open(\"$tmp/body\"))[\"items\"]))")"; nx=$(python3 -c "import json;print(json.load(open(\"$tmp/body\"))[\"next\"] or \"\")"); [ -z "$nx" ] && break; c="&cursor=$nx"; done; [ "$(echo $ids | tr " " "\n" | sort -u | wc -l)" -eq 5 ] && [ "$(echo $ids | wc -w)" -eq 5 ]'
check "an incident: evidence and its dispute history" \
    '[ "$(get /api/v1/incidents/M2-AS64500-20150402T120000Z)" = 200 ] && json "j[\"asn\"]==64500 and len(j[\"events\"])==2 and j[\"disputes\"][0][\"status\"]==\"open\"" && [ "$(get /api/v1/incidents/nope)" = 404 ]'
check "ASes and one AS with its participant and announcements" \
    '[ "$(get /api/v1/ases)" = 200 ] && json "[i[\"asn\"] for i in j[\"items\"]]==[64500,64501]" && [ "$(get /api/v1/ases/64500)" = 200 ] && json "j[\"months\"]==[\"2015-03\",\"2015-04\"] and len(j[\"announcements\"])==4 and j[\"participant\"][\"program\"]==\"ISP\""'
check "prefixes: the covering /24 of a /25, with its RPKI state" \
    '[ "$(get "/api/v1/prefixes?prefix=192.0.2.0/25")" = 200 ] && json "j[\"items\"][0][\"prefix\"]==\"192.0.2.0/24\" and j[\"items\"][0][\"relation\"]==\"covering\" and j[\"items\"][0][\"announcements\"][0][\"rpki\"]==\"invalid\""'
check "prefixes: a prefix with host bits is a 400, not masked" \
    '[ "$(get "/api/v1/prefixes?prefix=192.0.2.1/24")" = 400 ]'
check "ROA history: the VRP covering a /25 with its days; valid, and invalid for another AS" \
    '[ "$(get "/api/v1/roa-history?prefix=193.104.146.0/25")" = 200 ] && json "any(v[\"prefix\"]==\"193.104.146.0/24\" and v[\"asn\"]==44018 and v[\"published\"][0][\"first\"]==\"2017-06-01\" for v in j[\"vrps\"])" && [ "$(get "/api/v1/roa-history?prefix=193.104.146.0/24&asn=44018&at=2017-06-01")" = 200 ] && json "j[\"at\"][\"state\"]==\"valid\"" && [ "$(get "/api/v1/roa-history?prefix=193.104.146.0/24&asn=64500&from=2017-06-01&to=2017-06-05")" = 200 ] && json "j[\"changes\"][0][\"state\"]==\"invalid\""'
check "ROA history: a state needs asn; at with from is a 400" \
    '[ "$(get "/api/v1/roa-history?prefix=193.104.146.0/24&at=2017-06-01")" = 400 ] && [ "$(get "/api/v1/roa-history?prefix=193.104.146.0/24&asn=1&at=2017-06-01&from=2017-06-01&to=2017-06-02")" = 400 ]'
check "stats without RIR stats: 400" '[ "$(get /api/v1/stats)" = 400 ]'

# Writes.
dispute() { get /api/v1/disputes -X POST -H "$J" "$@"; }
check "a dispute without a token: 401" \
    '[ "$(dispute -d "{\"incident\":\"M2-AS64501-20150402T120000Z\",\"reason\":\"x\"}")" = 401 ]'
check "a dispute of another AS with an operator token: 403" \
    '[ "$(dispute -H "Authorization: Bearer $op" -d "{\"incident\":\"M2-AS64500-20150402T120000Z\",\"reason\":\"x\"}")" = 403 ]'
check "a revoked auditor token cannot write: 401" \
    '[ "$(dispute -H "Authorization: Bearer $old" -d "{\"incident\":\"M2-AS64501-20150402T120000Z\",\"reason\":\"x\"}")" = 401 ]'
check "a dispute of its own AS: 201, and it shows as disputed" \
    '[ "$(dispute -H "Authorization: Bearer $op" -d "{\"incident\":\"M2-AS64501-20150402T120000Z\",\"reason\":\"our customer\"}")" = 201 ] && json "j[\"status\"]==\"open\"" && [ "$(get "/api/v1/incidents?asn=64501&state=disputed")" = 200 ] && json "len(j[\"items\"])==1"'
check "a second open dispute: 409" \
    '[ "$(dispute -H "Authorization: Bearer $op" -d "{\"incident\":\"M2-AS64501-20150402T120000Z\",\"reason\":\"again\"}")" = 409 ]'
check "not JSON: 415 for the type, 400 for the body" \
    '[ "$(get /api/v1/disputes -X POST -H "Authorization: Bearer $op" -d "incident=x")" = 415 ] && [ "$(dispute -H "Authorization: Bearer $op" -d "{\"incident\":")" = 400 ] && [ "$(dispute -H "Authorization: Bearer $op" -d "[1]")" = 400 ]'
check "an operator cannot resolve: 403" \
    '[ "$(get /api/v1/disputes/3/resolve -X POST -H "$J" -H "Authorization: Bearer $op" -d "{\"decision\":\"accept\"}")" = 403 ]'
check "the auditor accepts: rescored, the incident is accepted" \
    '[ "$(get /api/v1/disputes/3/resolve -X POST -H "$J" -H "Authorization: Bearer $au" -d "{\"decision\":\"accept\",\"note\":\"ok\"}")" = 200 ] && json "j[\"status\"]==\"accepted\"" && [ "$(get "/api/v1/incidents?asn=64501")" = 200 ] && json "j[\"items\"][0][\"state\"]==\"accepted\""'
check "resolving it again: 409; an unknown dispute: 404" \
    '[ "$(get /api/v1/disputes/3/resolve -X POST -H "$J" -H "Authorization: Bearer $au" -d "{\"decision\":\"reject\"}")" = 409 ] && [ "$(get /api/v1/disputes/99/resolve -X POST -H "$J" -H "Authorization: Bearer $au" -d "{\"decision\":\"reject\"}")" = 404 ]'
check "participants: an operator may not; the auditor adds them" \
    '[ "$(get /api/v1/participants -X POST -H "$J" -H "Authorization: Bearer $op" --data-binary @testdata/participants.json)" = 403 ] && [ "$(get /api/v1/participants -X POST -H "$J" -H "Authorization: Bearer $au" --data-binary @testdata/participants.json)" = 200 ] && [ "$(get /api/v1/participants?limit=1000)" = 200 ] && json "len(j[\"items\"])>=2"'
check "participants: the same file in TOML and CSV changes nothing; bad TOML is 422 with its line" \
    '[ "$(get /api/v1/participants -X POST -H "Content-Type: application/toml" -H "Authorization: Bearer $au" --data-binary @testdata/participants.toml)" = 200 ] && json "j[\"unchanged\"]==4 and j[\"added\"]==0 and j[\"updated\"]==0" && [ "$(get /api/v1/participants -X POST -H "Content-Type: text/csv; charset=utf-8" -H "Authorization: Bearer $au" --data-binary @testdata/participants.csv)" = 200 ] && json "j[\"unchanged\"]==4 and j[\"added\"]==0" && [ "$(get /api/v1/participants -X POST -H "Content-Type: application/toml" -H "Authorization: Bearer $au" --data-binary "version = 1
version = 2")" = 422 ] && grep -q "line 2, column 1" $tmp/body'
check "the audit log holds each attempt with its token and status" \
    'python3 -c "
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(\"SELECT token_name, what, status FROM audit ORDER BY id\").fetchall()
assert (\"noc\", \"dispute-open\", 403) in rows, rows
assert (\"noc\", \"dispute-open\", 201) in rows
assert (\"noc\", \"refused\", 403) in rows
assert (\"audit\", \"dispute-resolve\", 200) in rows
assert (\"audit\", \"participants-put\", 200) in rows
assert all(r[0] is not None for r in rows)
" "$db"'

# Hostile requests.
check "SQL injection in a parameter is just a value" \
    '[ "$(get "/api/v1/incidents?asn=1%20OR%201=1")" = 400 ] && [ "$(get "/api/v1/incidents/x%27%20OR%20%271%27=%271")" = 404 ] && [ "$(get "/api/v1/scores?label=%27;DROP%20TABLE%20scores;--")" = 400 ] && [ "$(get /api/v1/scores)" = 200 ]'
check "a malformed request line (4xx or closed) and a huge header (4xx), then it still serves" \
    'printf "GARBAGE\r\n\r\n" | timeout 5 python3 -c "
import socket,sys
s=socket.create_connection((\"127.0.0.1\", $port)); s.sendall(sys.stdin.buffer.read())
try:
    r=s.recv(100)
except ConnectionResetError:
    r=b\"\"
assert r == b\"\" or r.startswith(b\"HTTP/1.1 4\"), r" && [ "$(get /api/v1/ -H "X-Big: $(head -c 40000 /dev/zero | tr "\0" a)")" -ge 400 ] && [ "$(get /api/v1/)" = 200 ]'
check "clients that connect and never send do not stop the server" \
    'python3 -c "
import socket, time, urllib.request
idle = [socket.create_connection((\"127.0.0.1\", $port)) for _ in range(64)]
t = time.time()
r = urllib.request.urlopen(\"http://127.0.0.1:$port/api/v1/\", timeout=5)
assert r.status == 200 and time.time() - t < 2
"'

# The OpenAPI document against the server.
check "openapi.json: every operation answers a status it documents" \
    '[ "$(get /api/v1/openapi.json)" = 200 ] && cp "$tmp/body" "$tmp/openapi.json" && python3 tests/lib/openapi_walk.py "$tmp/openapi.json" "$base" "$tmp/walk.err"'
check "openapi.json: every API route is documented" \
    'python3 tests/lib/openapi_routes.py "$tmp/openapi.json" src/serve/api.c src/serve/metrics.c'

serve_stop
check "stopped cleanly" '[ "$serve_rc" -eq 0 ]'
# Conformance over a store with daily facts (tests/lib/window_store.py):
# the API's answer is the CLI's, value for value.
db=$tmp/window.db
MANRS_DB=$db "$manrs" db migrate >/dev/null && python3 tests/lib/window_store.py "$db" ||
    echo "Bail out! cannot build the window store"
serve_start
"$manrs" conformance 64500 --json --db "$db" >"$tmp/cli.json"
"$manrs" conformance 64500 --days 5 --at 2015-04-22 --json --db "$db" >"$tmp/cli5.json"
check "conformance of an AS: the same answer as manrs conformance --json (19 of 30 days)" \
    '[ "$(get /api/v1/conformance/AS64500)" = 200 ] && python3 -c "
import json, sys
a, c = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert a == c, (a, c)
assert (a[\"conformant_days\"], a[\"not_conformant_days\"], a[\"unknown_days\"]) == (19, 11, 0)
" "$tmp/body" "$tmp/cli.json"'
check "conformance with days and at: 2 of 5 days, 04-20 fails on filtering, as the CLI says" \
    '[ "$(get "/api/v1/conformance/64500?days=5&at=2015-04-22")" = 200 ] && python3 -c "
import json, sys
a, c = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert a == c
d = {x[\"day\"]: x for x in a[\"per_day\"]}
assert a[\"from\"] == \"2015-04-18\" and a[\"conformant_days\"] == 2
assert d[\"2015-04-20\"][\"window\"][\"failing\"] == [\"filtering\"]
assert d[\"2015-04-20\"][\"window\"][\"actions\"][\"filtering\"][\"pct\"] == 48.56
" "$tmp/body" "$tmp/cli5.json"'
check "conformance: an AS without data is a 404 naming the periods stored" \
    '[ "$(get /api/v1/conformance/64999)" = 404 ] && json "\"no data for AS64999\" in j[\"error\"][\"message\"] and \"2015-04\" in j[\"error\"][\"message\"]"'
check "conformance: bad days, at or parameter are 400; a bad AS is 404" \
    '[ "$(get "/api/v1/conformance/64500?days=0")" = 400 ] && [ "$(get "/api/v1/conformance/64500?days=3661")" = 400 ] && [ "$(get "/api/v1/conformance/64500?days=5x")" = 400 ] && [ "$(get "/api/v1/conformance/64500?at=2015-04-31")" = 400 ] && [ "$(get "/api/v1/conformance/64500?month=2015-04")" = 400 ] && [ "$(get /api/v1/conformance/AS-FOO)" = 404 ]'
serve_stop
check "stopped cleanly after conformance" '[ "$serve_rc" -eq 0 ]'
echo "1..$n"
