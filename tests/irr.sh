#!/bin/sh
# Command-line behaviour of `manrs irr compare` and `manrs irr expand` on
# real IRR data (RIPE's whois test database, ARIN OriginAS records, the
# AS3257 aut-num) and hand-written non-auth objects: counts checked with
# awk over the dumps, the RPKI column against `manrs rov`, the BGP column
# against `manrs mrt -m`, cut-offs, bad and hostile input, exit codes.
# Prints TAP lines.
#
# usage: tests/irr.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init irr "${1:-build/manrs}"

T=testdata/irr
ARIN=$T/arin-originas.sample.db
NA=$T/nonauth.db
UPD=testdata/mrt/bgpdump_updates.20160811.1600.gz

# Distinct (prefix, origin) pairs of route objects in the dumps, by awk.
pairs() {
	awk 'BEGIN { RS = "" }
	     /(^|\n)route6?:/ && /\nsource:/ && /\norigin:/ {
		split($0, l, "\n"); p = ""; o = ""
		for (i in l) {
			if (l[i] ~ /^route6?:/) { split(l[i], f, " "); p = f[2] }
			if (l[i] ~ /^origin:/) { split(l[i], f, " "); o = f[2] }
		}
		print p " " o }' "$@" | sort -u
}

check "--help explains both subcommands" \
    '"$manrs" irr --help | grep -q "irr compare" && "$manrs" irr compare --help | grep -q -- "--max-depth"'
check "manrs --help lists irr" '"$manrs" --help | grep -q "^  irr"'
check "no subcommand: usage error" '"$manrs" irr >/dev/null 2>&1; [ $? -eq 2 ]'
check "unknown subcommand: usage error" '"$manrs" irr frobnicate x >/dev/null 2>&1; [ $? -eq 2 ]'
check "compare without a dump: usage error" '"$manrs" irr compare >/dev/null 2>&1; [ $? -eq 2 ]'
check "expand without a dump: usage error" '"$manrs" irr expand AS-X >/dev/null 2>&1; [ $? -eq 2 ]'
check "bad --asn: usage error naming it" \
    '"$manrs" irr compare --asn ASX $NA >/dev/null 2>"$tmp/e"; [ $? -eq 2 ] && grep -q "bad --asn" "$tmp/e"'
check "bad --prefix (host bits): usage error" \
    '"$manrs" irr compare --prefix 10.0.0.1/8 $NA >/dev/null 2>&1; [ $? -eq 2 ]'
check "--max-depth 0: usage error" '"$manrs" irr expand --max-depth 0 AS-X $NA >/dev/null 2>&1; [ $? -eq 2 ]'
check "missing dump: exit 1 with its name" \
    '"$manrs" irr compare /nonexistent.db >/dev/null 2>"$tmp/e"; [ $? -eq 1 ] && grep -q nonexistent "$tmp/e"'

"$manrs" irr compare $ARIN $NA >"$tmp/cmp" 2>"$tmp/cmp.err"
check "compare: one line per distinct (prefix, origin), as awk counts them" \
    '[ "$(wc -l <"$tmp/cmp")" -eq "$(pairs $ARIN $NA | grep -v "^10\.0\.0\.1/8 \|^10\.1\.0\.0/16 " | wc -l)" ]'
check "compare: pairs only in ARIN are auth, as awk finds them" \
    'pairs $ARIN >"$tmp/a"; pairs $NA >"$tmp/na";
     [ "$(grep -c " auth " "$tmp/cmp")" -eq "$(comm -23 "$tmp/a" "$tmp/na" | wc -l)" ]'
check "compare: in ARIN and RADB is both, with both sources" \
    'grep -qx "104.163.128.0/17 AS1403 both - - ARIN,RADB -" "$tmp/cmp"'
check "compare: same prefix, other origin is a conflict, both ways" \
    'grep -qx "3.0.0.0/15 AS64500 non-auth - - RADB ARIN:3.0.0.0/15:AS38895" "$tmp/cmp" &&
     grep -qx "3.0.0.0/15 AS38895 auth - - ARIN RADB:3.0.0.0/15:AS64500" "$tmp/cmp"'
check "compare: a covering prefix with another origin is a conflict" \
    'grep -qx "3.0.4.0/24 AS64501 non-auth - - ALTDB ARIN:3.0.0.0/15:AS38895" "$tmp/cmp"'
check "compare: a more-specific with the same origin is no conflict" \
    'grep -qx "3.0.8.0/24 AS38895 non-auth - - NTTCOM -" "$tmp/cmp"'
check "compare: RIPE-NONAUTH is not authoritative" \
    'grep -qx "101.49.0.0/18 AS4808 non-auth - - RIPE-NONAUTH -" "$tmp/cmp"'
check "compare: bad objects named with file and line, the run goes on" \
    'grep -q "nonauth.db:48: route 10.0.0.1/8 skipped: host bits" "$tmp/cmp.err" &&
     grep -q "nonauth.db:52: .*no origin" "$tmp/cmp.err" &&
     grep -q "nonauth.db:60: .*no source" "$tmp/cmp.err" &&
     grep -q "nonauth.db:56: object at line 55 skipped" "$tmp/cmp.err"'
check "compare: --strict makes bad objects exit 1" \
    '"$manrs" irr compare --strict $ARIN $NA >/dev/null 2>&1; [ $? -eq 1 ]'
check "compare --summary: counts agree with the lines" \
    '"$manrs" irr compare --summary $ARIN $NA 2>/dev/null >"$tmp/s" &&
     grep -qx "pairs $(wc -l <"$tmp/cmp")" "$tmp/s" &&
     grep -qx "both 1" "$tmp/s" &&
     grep -qx "non_auth_only $(grep -c " non-auth " "$tmp/cmp")" "$tmp/s" &&
     grep -qx "conflicts $(awk "\$7 != \"-\"" "$tmp/cmp" | wc -l)" "$tmp/s" &&
     grep -qx "bad_objects 4" "$tmp/s"'
check "compare --asn: only that origin, all its pairs" \
    '"$manrs" irr compare --asn 63410 $ARIN $NA 2>/dev/null >"$tmp/o" &&
     [ "$(wc -l <"$tmp/o")" -eq "$(pairs $ARIN | grep -c " AS63410$")" ] &&
     [ "$(awk "\$2 != \"AS63410\"" "$tmp/o" | wc -l)" -eq 0 ]'
check "compare --prefix: the prefix, its more and less specifics" \
    '"$manrs" irr compare --prefix 3.0.4.0/22 $ARIN $NA 2>/dev/null | cut -d" " -f1,2 >"$tmp/o" &&
     printf "3.0.0.0/15 AS38895\n3.0.0.0/15 AS64500\n3.0.4.0/24 AS64501\n" | cmp -s - "$tmp/o"'
check "compare --auth RADB: RADB authoritative, ARIN not" \
    '"$manrs" irr compare --auth RADB $ARIN $NA 2>/dev/null |
     grep -qx "3.0.0.0/15 AS64500 auth - - RADB ARIN:3.0.0.0/15:AS38895"'
printf '# test\nRADB auth\nnttcom auth\n' >"$tmp/src"
check "compare --sources FILE" \
    '"$manrs" irr compare --sources "$tmp/src" $ARIN $NA 2>/dev/null >"$tmp/o" &&
     grep -qx "3.0.8.0/24 AS38895 auth - - NTTCOM -" "$tmp/o" &&
     grep -qx "104.163.128.0/17 AS1403 auth - - RADB,ARIN -" "$tmp/o"'
printf 'RADB sometimes\n' >"$tmp/badsrc"
check "compare --sources with a bad line: usage error with the line" \
    '"$manrs" irr compare --sources "$tmp/badsrc" $NA >/dev/null 2>"$tmp/e"; [ $? -eq 2 ] &&
     grep -q "line 1" "$tmp/e"'

cat >"$tmp/vrps.csv" <<'END'
ASN,IP Prefix,Max Length,Trust Anchor
AS38895,3.0.0.0/15,24,test
AS1403,104.163.128.0/17,17,test
AS16509,3.1.0.0/16,16,test
END
check "compare --vrps: the RPKI column is what manrs rov says" \
    '"$manrs" irr compare --vrps "$tmp/vrps.csv" $ARIN $NA 2>/dev/null >"$tmp/o" &&
     awk "{ sub(/^AS/, \"\", \$2); print \$1, \$2 }" "$tmp/o" |
     "$manrs" rov --vrps "$tmp/vrps.csv" | cut -d" " -f3 >"$tmp/want" &&
     cut -d" " -f4 "$tmp/o" | cmp -s - "$tmp/want" &&
     grep -q "^3.0.4.0/24 AS64501 non-auth invalid " "$tmp/o" &&
     grep -q "^3.0.8.0/24 AS38895 non-auth valid " "$tmp/o"'
check "compare --mrt: the BGP column is what manrs mrt -m announces" \
    '"$manrs" mrt -m $UPD | awk -F"|" "\$3 == \"A\" { n = split(\$7, a, \" \"); print \$6 \" AS\" a[n] }" |
     sort -u >"$tmp/bgp" &&
     "$manrs" irr compare --mrt $UPD $ARIN $NA 2>/dev/null >"$tmp/o" &&
     awk "\$5 == \"seen\" { print \$1, \$2 }" "$tmp/o" | sort >"$tmp/seen" &&
     cut -d" " -f1,2 "$tmp/o" | sort | comm -12 - "$tmp/bgp" | cmp -s - "$tmp/seen" &&
     [ "$(wc -l <"$tmp/seen")" -ge 32 ]'
check "compare --json: one object per line, with files and lines" \
    '"$manrs" irr compare --json --vrps "$tmp/vrps.csv" --mrt $UPD $ARIN $NA 2>/dev/null >"$tmp/j" &&
     [ "$(wc -l <"$tmp/j")" -eq "$(wc -l <"$tmp/cmp")" ] &&
     python3 -c "import json,sys
d={(o[\"prefix\"],o[\"origin\"]):o for o in map(json.loads,open(sys.argv[1]))}
o=d[(\"104.163.128.0/17\",1403)]
assert o[\"irr\"]==\"both\" and o[\"rpki\"]==\"valid\" and o[\"bgp\"] is True
assert [(x[\"source\"],x[\"auth\"],x[\"line\"]) for x in o[\"objects\"]][1]==(\"RADB\",False,6)
c=d[(\"3.0.4.0/24\",64501)][\"conflicts\"][0]
assert c[\"source\"]==\"ARIN\" and c[\"origin\"]==38895 and c[\"prefix\"]==\"3.0.0.0/15\"" "$tmp/j"'
check "compare --json --summary: one object" \
    '"$manrs" irr compare --json --summary --mrt $UPD $NA 2>/dev/null |
     python3 -c "import json,sys; d=json.load(sys.stdin); assert d[\"bgp_seen\"]==3 and d[\"pairs\"]==7"'
check "compare: gzip and xz dumps give the same lines" \
    'gzip -c $ARIN >"$tmp/a.gz" && xz -c $NA >"$tmp/n.xz" &&
     "$manrs" irr compare "$tmp/a.gz" "$tmp/n.xz" 2>/dev/null | cmp -s - "$tmp/cmp"'
check "compare: dump on standard input" \
    'cat $NA | "$manrs" irr compare - 2>/dev/null | grep -q "^2001:db8::/32 AS64496 non-auth"'
check "compare: truncated gzip dump: exit 1, the objects before it kept" \
    'gzip -c $ARIN | head -c 3000 >"$tmp/t.gz" &&
     "$manrs" irr compare "$tmp/t.gz" >"$tmp/o" 2>"$tmp/e"; [ $? -eq 1 ] &&
     [ -s "$tmp/o" ] && grep -q "t.gz" "$tmp/e"'
check "compare: RIPE whois test database, its one route object" \
    '"$manrs" irr compare $T/ripewhois_TEST.db 2>/dev/null | grep -qx "10.11.11.0/24 AS101111 non-auth - - TEST -"'
check "compare: binary garbage is no route object, exit 0" \
    'head -c 100000 /dev/urandom >"$tmp/g" &&
     "$manrs" irr compare "$tmp/g" >"$tmp/o" 2>/dev/null && [ ! -s "$tmp/o" ]'

"$manrs" irr expand AS-EXAMPLE $NA $ARIN >"$tmp/x" 2>/dev/null
check "expand: ASNs through nesting, hierarchical and source-qualified names" \
    'grep -v "^#" "$tmp/x" | tr "\n" " " | grep -qx "AS1403 AS4808 AS23650 AS63410 AS64501 "'
check "expand: facts and findings" \
    'grep -qx "# RADB::AS-EXAMPLE: 5 ASNs, 4 sets expanded, depth 3" "$tmp/x" &&
     grep -qx "# cycle in RADB::AS-SUB: AS-EXAMPLE" "$tmp/x" &&
     grep -qx "# unknown-set in RADB::AS-SUB: AS-MISSING" "$tmp/x"'
check "expand: an ASN with no aut-num and no route object is unregistered" \
    '"$manrs" irr expand AS-EXAMPLE $NA 2>/dev/null | grep -qx "# unregistered-asn in RADB::AS-EXAMPLE: AS63410"'
check "expand --max-depth 2: cut reported, exit 0" \
    '"$manrs" irr expand --max-depth 2 AS-EXAMPLE $NA >"$tmp/o" 2>"$tmp/e" &&
     grep -qx "# depth-cut in RADB::AS64500:AS-CUST: ALTDB::AS-OTHER" "$tmp/o" &&
     grep -q "CUT OFF" "$tmp/o" && grep -q "cut off" "$tmp/e" &&
     [ "$(grep -vc "^#" "$tmp/o")" -eq 4 ]'
check "expand --max-size 2: two ASNs and the cut" \
    '"$manrs" irr expand --max-size 2 AS-EXAMPLE $NA 2>/dev/null >"$tmp/o" &&
     [ "$(grep -vc "^#" "$tmp/o")" -eq 2 ] && grep -q "^# size-cut in" "$tmp/o"'
check "expand --prefixes: the route objects of the ASNs, as awk finds them" \
    '"$manrs" irr expand --prefixes AS-EXAMPLE $NA $ARIN 2>/dev/null | grep -v "^#" | sort >"$tmp/o" &&
     pairs $NA $ARIN | grep -E " AS(1403|4808|23650|63410|64501)$" | cut -d" " -f1 | sort -u | cmp -s - "$tmp/o"'
check "expand --prefixes of a route-set: ranges kept" \
    '"$manrs" irr expand --prefixes RS-EXAMPLE $NA 2>/dev/null >"$tmp/o" &&
     grep -qx "192.0.2.0/24^+" "$tmp/o" && grep -qx "2001:db8::/32^48" "$tmp/o" &&
     grep -qx "101.251.160.0/21" "$tmp/o"'
check "expand of a route-set without --prefixes: usage error" \
    '"$manrs" irr expand RS-EXAMPLE $NA >/dev/null 2>&1; [ $? -eq 2 ]'
check "expand SOURCE::SET picks that source" \
    '"$manrs" irr expand radb::as-other $NA 2>/dev/null | grep -qx AS64999 &&
     "$manrs" irr expand ALTDB::AS-OTHER $NA 2>/dev/null | grep -qx AS64501'
check "expand of an unknown set: exit 1 naming it" \
    '"$manrs" irr expand AS-NOPE $NA >/dev/null 2>"$tmp/e"; [ $? -eq 1 ] && grep -q "AS-NOPE: no such" "$tmp/e"'
check "expand --json" \
    '"$manrs" irr expand --json AS-EXAMPLE $NA 2>/dev/null |
     python3 -c "import json,sys; d=json.load(sys.stdin)
assert d[\"asns\"]==[1403,4808,23650,63410,64501] and d[\"depth\"]==3
assert d[\"counts\"][\"cycle\"]==1 and d[\"findings\"][0][\"kind\"]"'
check "expand: RIPE test as-set, the members awk lists" \
    '"$manrs" irr expand AS-set-attendees $T/ripewhois_TEST.db 2>/dev/null | grep -v "^#" | sort >"$tmp/o" &&
     awk "/^as-set:/ { s = 1 } /^members:/ && s { gsub(/members:|[ \t]/, \"\"); print }" $T/ripewhois_TEST.db |
     tr "," "\n" | grep . | tr a-z A-Z | sort -u >"$tmp/want" && cmp -s "$tmp/o" "$tmp/want"'
check "expand: the AS3257 aut-num head has no source: line, skipped as such" \
    '"$manrs" irr expand -v AS3257 $T/rpslrs_aut-num_AS3257.head200.txt 2>&1 >/dev/null |
     grep -q "AS3257.head200.txt:1: aut-num AS3257 skipped: no source"'
if [ -r ../shared/data/irr/rpslrs_aut-num_AS3257.txt ]; then
	check "expand: the full AS3257 aut-num (9,567 lines) loads" \
	    '"$manrs" irr expand -v AS3257 ../shared/data/irr/rpslrs_aut-num_AS3257.txt 2>&1 >/dev/null |
	     grep -q "1 aut-nums; 0 bad"'
else
	echo "# skip full AS3257: ../shared/data/irr not present"
fi

echo "1..$n"
