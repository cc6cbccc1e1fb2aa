#!/bin/sh
# The web UI of `manrs serve` in a real browser: Debian's chromium,
# headless, loads each page from a server on loopback (the report fixture
# store, testdata/report/fixture.sql, with RIR stats and a ROA history);
# the rendered DOM must show the fixture's scores, incidents and
# disputes, nothing from the data may turn into markup, and screenshots
# at a desktop and a phone width go to $UI_SHOTS (default tests/ui/;
# only tests/ui/review/ is kept in git).  The logged-in flows (cookie,
# dispute form, CSRF and cross-AS refusals) are driven with curl.
#
# usage: tests/ui.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init ui "${1:-build/manrs}"
. tests/lib/serve.sh

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] || ! command -v curl >/dev/null 2>&1; then
	echo "1..0 # skip chromium or curl is not installed"
	exit 0
fi
shots=${UI_SHOTS:-tests/ui}
mkdir -p "$shots"

serve_fixture
"$manrs" roa-history build --store "$tmp/roa" testdata/rpki/history \
    2>/dev/null
serve_start --rir testdata/ui/delegated-ripencc-test.txt \
    --roa-history "$tmp/roa"

# chromium as root needs --no-sandbox; its own profile in $tmp; one
# process (the machine is shared: each start costs seconds).
chrome() {
	timeout 90 "$browser" --headless --no-sandbox --disable-gpu \
	    --no-first-run --hide-scrollbars --single-process --no-zygote \
	    --user-data-dir="$tmp/chrome" "$@" 2>/dev/null
}
# The DOM after rendering, with a desktop screenshot NAME.png.
view() {
	chrome --window-size=1280,1600 --screenshot="$shots/$2.png" \
	    --dump-dom "$base$1" >"$tmp/dom"
}
# A screenshot at a phone's width, NAME-phone.png.
phone() {
	chrome --window-size=390,1800 --screenshot="$shots/$2-phone.png" \
	    "$base$1" >/dev/null
}
# Nothing from the fixture's hostile texts became an element.
clean='! grep -Eiq "<(script|img|acme|b>)" "$tmp/dom"'

view / overview
check "overview: April, 2 ASes, 1 participant" \
    'grep -q "MANRS readiness, 2015-04" "$tmp/dom" && grep -q "<span id=\"ases\">2</span>" "$tmp/dom" && grep -q "<span id=\"participants\">1</span>" "$tmp/dom"'
check "overview: filtering is 1 Ready, 1 Lagging over all ASes" \
    'python3 - "$tmp/dom" <<-"PY"
	import re, sys
	d = open(sys.argv[1], encoding="utf-8").read()
	t = d[d.index("id=\"dist-all\""):]
	row = t[t.index("data-action=\"filtering\""):]
	row = row[:row.index("</tr>")]
	cells = dict(re.findall(r"data-label=\"([^\"]+)\">(\d+)<", row))
	assert cells == {"Ready": "1", "Aspiring": "0", "Lagging": "1", "No data": "0"}, cells
	PY'
check "overview: by region and country from the RIR stats" \
    'grep -q "RIPE NCC" "$tmp/dom" && grep -q "<th scope=\"row\">NL</th>" "$tmp/dom" && grep -q "<th scope=\"row\">DE</th>" "$tmp/dom"'
check "overview: ten stacked bars, no script" \
    '[ "$(grep -o "<svg " "$tmp/dom" | wc -l)" -eq 10 ] && '"$clean"
phone / overview

view /as/64500 as
check "AS page: five cards, 49.0 % Lagging with a down arrow" \
    '[ "$(grep -o "<div class=\"card\">" "$tmp/dom" | wc -l)" -eq 5 ] && grep -q "49.0" "$tmp/dom" && grep -q "↓" "$tmp/dom"'
check "AS page: April incidents, not March's; five history charts" \
    'grep -q "M2-AS64500-20150402T120000Z" "$tmp/dom" && grep -q "M3-AS64500-20150420T000000Z" "$tmp/dom" && ! grep -q "M2-AS64500-20150310" "$tmp/dom" && [ "$(grep -o "<svg " "$tmp/dom" | wc -l)" -eq 5 ]'
check "AS page: announced prefixes with RPKI/IRR state, escaped" \
    'grep -q "st-invalid" "$tmp/dom" && grep -q "&lt;img src=x onerror=alert(1)&gt;" "$tmp/dom" && '"$clean"
check "AS page: no dispute form without a login" \
    '! grep -q "<form class=\"dispute\"" "$tmp/dom"'
phone /as/64500 as

view /incident/M2-AS64500-20150402T120000Z incident
check "incident page: evidence and the open dispute with its log" \
    'grep -q "3333 174 64500" "$tmp/dom" && grep -q "Dispute 1" "$tmp/dom" && grep -q "our customer &lt;ACME&gt;" "$tmp/dom" && '"$clean"
phone /incident/M2-AS64500-20150402T120000Z incident

view /prefix/192.0.2.0/24 prefix
check "prefix page: origin AS64500, RPKI invalid, its incident" \
    'grep -q "href=\"/as/64500\"" "$tmp/dom" && grep -q "st-invalid" "$tmp/dom" && grep -q "/incident/M2-AS64500-20150402T120000Z" "$tmp/dom"'

view "/roa-history?prefix=212.83.64.0/22&asn=6830" roa-history
check "ROA history: the covering VRP of AS6830 and its days" \
    'grep -q "Covering VRPs" "$tmp/dom" && grep -q "href=\"/as/6830\"" "$tmp/dom" && grep -q "2017-06-01" "$tmp/dom" && grep -q "st-valid" "$tmp/dom"'

view "/search?q=example" search
check "search by name finds the participant and its AS" \
    'grep -q "Example &lt;Net&gt; &amp; Co" "$tmp/dom" && grep -q "href=\"/as/64500\"" "$tmp/dom"'
check "search by ASN links the AS page" \
    '[ "$(get "/search?q=AS64500")" = 200 ] && grep -q "href=\"/as/64500\"" "$tmp/body"'
check "search by prefix links the prefix page" \
    '[ "$(get "/search?q=192.0.2.0%2F24")" = 200 ] && grep -q "href=\"/prefix/192.0.2.0%2F24\"" "$tmp/body"'

check "bad input is 400, unknown is 404, as HTML" \
    '[ "$(get /as/64x)" = 400 ] && [ "$(get /as/64999)" = 404 ] && [ "$(get /incident/nope)" = 404 ] && [ "$(get /prefix/192.0.2.1/24)" = 400 ] && grep -q "<!DOCTYPE html>" "$tmp/body"'
check "the report's dispute link leads to the incident page" \
    '[ "$(get "/disputes/new?incident=M3-AS64500-20150420T000000Z")" = 303 ] && grep -qi "^Location: /incident/M3-AS64500-20150420T000000Z" "$tmp/headers" && [ "$(get /incident/M3-AS64500-20150420T000000Z)" = 200 ] && grep -q "href=\"/login\">log in" "$tmp/body"'
check "pages forbid scripts and framing (CSP)" \
    '[ "$(get /)" = 200 ] && grep -qi "^Content-Security-Policy: default-src .none.; style-src .unsafe-inline." "$tmp/headers" && grep -qi "frame-ancestors .none." "$tmp/headers"'

# Logged in: operator tokens for AS64500 and AS64501.
tok=$("$manrs" token --db "$db" create --name noc --role operator \
    --asn 64500 2>/dev/null | grep -o "manrs_[0-9a-f]*")
tok2=$("$manrs" token --db "$db" create --name other --role operator \
    --asn 64501 2>/dev/null | grep -o "manrs_[0-9a-f]*")
check "login with a bad token is refused" \
    '[ "$(get /login -d token=manrs_00)" = 403 ] && ! grep -qi "^Set-Cookie" "$tmp/headers"'
check "login sets an HttpOnly, SameSite=Strict cookie" \
    '[ "$(get /login -d "token=$tok")" = 303 ] && grep -qi "^Set-Cookie: manrs_token=$tok; Path=/; HttpOnly; SameSite=Strict" "$tmp/headers"'
get /as/64500 -b "manrs_token=$tok" >/dev/null
ft=$(grep -o 'name="form_token" value="[0-9a-f]*"' "$tmp/body" | head -1 |
    sed 's/.*value="//; s/"//')
check "its operator sees one dispute form, for the disputable incident" \
    '[ "$(grep -o "<form class=\"dispute\"" "$tmp/body" | wc -l)" -eq 1 ] && grep -q "value=\"M3-AS64500-20150420T000000Z\"" "$tmp/body" && grep -qi "^Cache-Control: private, no-store" "$tmp/headers"'
check "another AS's operator sees no form" \
    '[ "$(get /as/64500 -b "manrs_token=$tok2")" = 200 ] && ! grep -q "<form class=\"dispute\"" "$tmp/body"'
post() {
	_i=$1 _r=$2 _f=$3
	shift 3
	get /ui/dispute --data-urlencode "incident=$_i" \
	    --data-urlencode "reason=$_r" --data-urlencode "form_token=$_f" "$@"
}
n0=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from disputes").fetchone()[0])' "$db")
check "a dispute without a login is refused (401)" \
    '[ "$(post M3-AS64500-20150420T000000Z why "$ft")" = 401 ]'
check "a dispute with a wrong form token is refused (403, CSRF)" \
    '[ "$(post M3-AS64500-20150420T000000Z why 0123456789abcdef0123456789abcdef -b "manrs_token=$tok")" = 403 ]'
get /as/64501 -b "manrs_token=$tok2" >/dev/null
ft2=$(grep -o 'name="form_token" value="[0-9a-f]*"' "$tmp/body" | head -1 |
    sed 's/.*value="//; s/"//')
check "a dispute on another AS's incident is refused (403)" \
    '[ "$(post M3-AS64500-20150420T000000Z why "${ft2:-x}" -b "manrs_token=$tok2")" = 403 ]'
check "none of the refused ones reached the store" \
    '[ "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from disputes\").fetchone()[0])" "$db")" = "$n0" ]'
check "its operator opens a dispute: 303 to the incident" \
    '[ "$(post M3-AS64500-20150420T000000Z "lab <prefix>" "$ft" -b "manrs_token=$tok")" = 303 ] && grep -qi "^Location: /incident/M3-AS64500-20150420T000000Z?opened=" "$tmp/headers"'
loc=$(sed -n 's/^[Ll]ocation: \([^[:space:]]*\).*/\1/p' "$tmp/headers")
get "$loc" >/dev/null
check "the incident page now shows it, open, by the token's name" \
    'grep -q "Dispute [0-9]* opened." "$tmp/body" && grep -q "<strong>open</strong> — lab &lt;prefix&gt;" "$tmp/body" && grep -q "opened by token [0-9]* (noc)" "$tmp/body"'
check "a second open dispute on it is refused (409)" \
    '[ "$(post M3-AS64500-20150420T000000Z again "$ft" -b "manrs_token=$tok")" = 409 ]'
check "the audit log has every attempt: 401, 403 (twice), 303, 409" \
    '[ "$(python3 -c "import sqlite3,sys; print(\" \".join(str(r[0]) for r in sqlite3.connect(sys.argv[1]).execute(\"select status from audit where what = \x27dispute-open\x27 order by id\")))" "$db")" = "401 403 403 303 409" ]'

serve_stop
check "the server stops cleanly" '[ "$serve_rc" -eq 0 ]'
echo "1..$n"
