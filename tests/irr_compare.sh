#!/bin/sh
# The IRR comparison (`manrs asn --compare`, `manrs prefix --compare`,
# GET /api/v1/irr-comparison) on the fixture store of tests/report.sh
# plus three IPv6 announcements, against a hand-written RPSL dump and VRP
# list (below) made so that each message has a pair that raises it:
#
#   198.51.100.0/24 AS64500  announced, RIPE object, ROA      -> success
#   192.0.2.0/24    AS64500  announced, no object, ROA AS64511 -> danger
#   203.0.113.0/24  AS64500  announced, RADB only, RIPE says
#                            AS64999, no ROA                   -> warning
#   198.18.0.0/24   AS64500  ARIN object, not announced        -> info
#   2001:db8::/32   AS64500  RIPE object and ROA (maxLength
#                            48), not announced                -> info
#   2001:db8:1::/48 AS64500  announced, under the /32 object   -> info
#   2001:db8:1:1::/64 AS64501 announced, no object, too long
#                            for the ROA and not its AS        -> danger
#
# usage: tests/irr_compare.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init irr_compare "${1:-build/manrs}"
. "$(dirname "$0")/lib/serve.sh"

serve_fixture
export MANRS_DB=$db
python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for asn, p in ((64500, "2001:db8:1::/48"), (64501, "2001:db8:1:1::/64"),
               (64502, "2001:0:1::/48")):
    c.execute("INSERT INTO announcements VALUES (2, \"2015-04\", ?, ?, "
              "1427846400, 1430438399, 30, 5, NULL, NULL, NULL)", (asn, p))
c.commit()' "$db"

data=$tmp/data
mkdir -p "$data/irr" "$data/rpki"
cat >"$data/irr/test.db" <<'RPSL'
route:   198.51.100.0/24
origin:  AS64500
source:  RIPE

route:   203.0.113.0/24
origin:  AS64500
source:  RADB

route:   203.0.113.0/24
origin:  AS64999
source:  RIPE

route:   198.18.0.0/24
origin:  AS64500
source:  ARIN

route6:  2001:db8::/32
origin:  AS64500
source:  RIPE
RPSL
cat >"$data/rpki/vrps.csv" <<'CSV'
ASN,IP Prefix,Max Length,Trust Anchor
AS64500,198.51.100.0/24,24,ripe
AS64511,192.0.2.0/24,24,ripe
AS64500,2001:db8::/32,48,ripe
CSV

asn=$("$manrs" asn 64500 --compare --data "$data" --json)
j() { printf '%s\n' "$asn" | python3 -c "import json, sys
o = json.load(sys.stdin)
p = {(x['prefix'], x['origin']): x for x in o['pairs']['list']}
$1"; }

check "--help explains --compare" \
    '"$manrs" asn --help | grep -q "IRR comparison" && "$manrs" prefix --help | grep -q "IRR comparison"'
check "asn: six pairs, one success, one danger, one warning, three info" \
    'j "s = o[\"summary\"]
assert (s[\"pairs\"], s[\"danger\"], s[\"warning\"], s[\"info\"], s[\"success\"]) == (6, 1, 1, 3, 1), s
assert not s[\"cut\"] and o[\"period\"] == \"2015-04\""'
check "asn: the text that is no prefix in the store is left out" \
    'j "assert all(\"img\" not in x for (x, _) in p)"'
check "asn: worst first" \
    'j "assert [x[\"level\"] for x in o[\"pairs\"][\"list\"]] == [\"danger\", \"warning\", \"info\", \"info\", \"info\", \"success\"]"'
check "asn: IRR, RPKI and BGP agree on 198.51.100.0/24" \
    'j "x = p[(\"198.51.100.0/24\", 64500)]
assert x[\"level\"] == \"success\" and x[\"irr\"][\"sources\"] == [\"RIPE\"] and x[\"irr\"][\"auth\"]
assert x[\"rpki\"][\"state\"] == \"valid\" and x[\"bgp\"][\"peers\"] == 12
assert [m[\"text\"] for m in x[\"messages\"]] == [\"IRR, RPKI and BGP agree\"]"'
check "asn: 192.0.2.0/24 is announced without an object and RPKI invalid" \
    'j "x = p[(\"192.0.2.0/24\", 64500)]
assert x[\"irr\"][\"match\"] == \"none\" and x[\"rpki\"] == {\"state\": \"invalid\", \"reason\": \"as\"}
t = sorted(m[\"text\"] for m in x[\"messages\"] if m[\"level\"] == \"danger\")
assert len(t) == 2 and t[0].startswith(\"RPKI invalid (no ROA for this origin)\") and t[1].startswith(\"announced, but no IRR route object\"), t"'
check "asn: 203.0.113.0/24: only non-authoritative, and RIPE names another origin" \
    'j "x = p[(\"203.0.113.0/24\", 64500)]
assert x[\"irr\"][\"sources\"] == [\"RADB\"] and not x[\"irr\"][\"auth\"]
assert x[\"irr\"][\"other_origins\"] == [{\"source\": \"RIPE\", \"auth\": True, \"origin\": 64999}]
t = [m[\"text\"] for m in x[\"messages\"]]
assert \"registered only in non-authoritative IRRs\" in t and \"no ROA covers it\" in t
assert any(s.startswith(\"IRR also registers 203.0.113.0/24 for 1 other\") for s in t)"'
check "asn: a registered prefix BGP did not see is info, with the period" \
    'j "x = p[(\"198.18.0.0/24\", 64500)]
assert not x[\"bgp\"][\"seen\"] and x[\"level\"] == \"info\"
assert \"registered, but not announced in 2015-04\" in [m[\"text\"] for m in x[\"messages\"]]"'
check "asn: 2001:db8:1::/48 is covered by the /32 object, RPKI valid" \
    'j "x = p[(\"2001:db8:1::/48\", 64500)]
assert x[\"irr\"][\"match\"] == \"more-specific\" and x[\"rpki\"][\"state\"] == \"valid\"
assert x[\"messages\"][0][\"text\"].startswith(\"covered by a less specific route object\")"'
check "asn: the IRR sources and their authority are listed" \
    'j "assert o[\"irr_sources\"] == {\"RIPE\": True, \"RADB\": False, \"ARIN\": True}, o[\"irr_sources\"]"'

pfx() { "$manrs" prefix "$1" --compare --data "$data" --json | python3 -c "import json, sys
o = json.load(sys.stdin)
p = sorted((x['prefix'], x['origin'], x['level']) for x in o['pairs']['list'])
$2"; }
check "prefix: 2001:db8::/32 and its more specifics (an index range)" \
    'pfx 2001:db8::/32 "assert p == [(\"2001:db8:1:1::/64\", 64501, \"danger\"), (\"2001:db8:1::/48\", 64500, \"info\"), (\"2001:db8::/32\", 64500, \"info\")], p"'
check "prefix: the /64 is RPKI invalid by length and AS, and MOAS is not claimed" \
    '"$manrs" prefix 2001:db8:1:1::/64 --compare --data "$data" --json | python3 -c "import json, sys
o = json.load(sys.stdin)
x = o[\"pairs\"][\"list\"][0]
assert x[\"prefix\"] == \"2001:db8:1:1::/64\" and x[\"rpki\"][\"state\"] == \"invalid\"
assert x[\"bgp\"][\"other_origins\"] == []"'
check "prefix: with a zero group the more specifics come from a scan" \
    'pfx 2001:0::/32 "assert p == [(\"2001:0:1::/48\", 64502, \"danger\")], p"'
check "prefix: less and more specifics from BGP, each origin once" \
    'pfx 192.0.2.0/24 "assert [x[:2] for x in p] == [(\"192.0.0.0/16\", 64502), (\"192.0.2.0/24\", 64500), (\"192.0.2.128/25\", 64501)], p"'
check "prefix: other BGP origins of the same prefix are named" \
    '"$manrs" prefix 193.104.146.0/24 --compare --data "$data" --json | python3 -c "import json, sys
o = json.load(sys.stdin)
b = {x[\"origin\"]: x[\"bgp\"][\"other_origins\"] for x in o[\"pairs\"][\"list\"]}
assert b == {44018: [64501], 64501: [44018]}, b"'
check "text: a table with the messages under each pair" \
    'out=$("$manrs" asn 64500 --compare --data "$data") && echo "$out" | head -1 | grep -q "^AS64500: 6 pairs (BGP: 2015-04): 1 danger, 1 warning, 3 info, 1 success$" && echo "$out" | grep -q "^success  198.51.100.0/24  *AS64500  *12 peers, 30 d  *exact RIPE  *valid$"'
check "without --data: BGP only, and what was not compared" \
    'out=$("$manrs" asn 64500 --compare --json) && echo "$out" | python3 -c "import json, sys
o = json.load(sys.stdin)
assert set(o[\"unavailable\"]) == {\"irr\", \"rpki\"} and o[\"summary\"][\"pairs\"] == 4
assert all(x[\"irr\"] is None and x[\"level\"] == \"info\" for x in o[\"pairs\"][\"list\"])"'

serve_start --data "$data"
check "API: ?asn= answers what manrs asn --compare --json prints" \
    '[ "$(get "/api/v1/irr-comparison?asn=AS64500")" = 200 ] && printf "%s\n" "$asn" | python3 -c "import json, sys; assert json.load(open(sys.argv[1])) == json.load(sys.stdin)" "$tmp/body"'
check "API: ?prefix= answers what manrs prefix --compare --json prints" \
    '[ "$(get "/api/v1/irr-comparison?prefix=2001:db8::/32")" = 200 ] && "$manrs" prefix 2001:db8::/32 --compare --data "$data" --json | python3 -c "import json, sys; assert json.load(open(sys.argv[1])) == json.load(sys.stdin)" "$tmp/body"'
check "API: asn and prefix together, or neither, is a 400" \
    '[ "$(get "/api/v1/irr-comparison?asn=1&prefix=192.0.2.0/24")" = 400 ] && [ "$(get /api/v1/irr-comparison)" = 400 ] && grep -q "one of them" "$tmp/body"'
check "API: a prefix with host bits is a 400 naming the parameter" \
    '[ "$(get "/api/v1/irr-comparison?prefix=192.0.2.1/24")" = 400 ] && grep -q "prefix:" "$tmp/body"'
check "API: an unknown parameter is a 400" \
    '[ "$(get "/api/v1/irr-comparison?asn=1&as=2")" = 400 ]'
serve_stop
serve_start
check "API without --data: the answer says IRR and RPKI need it" \
    '[ "$(get "/api/v1/irr-comparison?asn=64500")" = 200 ] && python3 -c "import json, sys; o = json.load(open(sys.argv[1])); assert \"needs --data\" in o[\"unavailable\"][\"irr\"]" "$tmp/body"'
serve_stop
echo "1..$n"
