#!/bin/sh
# Command-line behaviour of `manrs observe`: usage errors, a run on real
# data bundled in testdata/ with --json, the data directory layout, and
# that a second run over the same period replaces the first.  Prints TAP.
#
# usage: tests/observe.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init observe "${1:-build/manrs}"

U=testdata/mrt/bgpdump_updates.20160811.1600.gz
R=testdata/asrel/caida_20150201.as-rel.sample.txt
V=testdata/rpki/compress_roas_vrps_2017-06-01.head400.txt

check "--help explains and exits 0" \
    '"$manrs" observe --help | grep -q "misorigination"'
check "no period is a usage error" \
    '"$manrs" observe --no-db --mrt $U; [ $? -eq 2 ]'
check "--month and --from together are a usage error" \
    '"$manrs" observe --no-db --mrt $U --month 2016-08 --from 2016-08-01; [ $? -eq 2 ]'
check "a bad month is a usage error naming it" \
    '"$manrs" observe --no-db --mrt $U --month 2016-8 2>&1 | grep -q "2016-8"'
check "--to before --from is refused" \
    '"$manrs" observe --no-db --mrt $U --from 2016-08-12 --to 2016-08-11; [ $? -eq 2 ]'
check "a missing MRT file fails with its name" \
    '! "$manrs" observe -q --no-db --mrt $tmp/nope --month 2016-08 && "$manrs" observe -q --no-db --mrt $tmp/nope --month 2016-08 2>&1 | grep -q "$tmp/nope"'

check "a run on the RIS updates gives a JSON summary" \
    '"$manrs" observe -q --no-db --json --mrt $U --vrps $V --asrel $R --month 2016-08 >$tmp/s.json && python3 -c "
import json,sys; s=json.load(open(sys.argv[1]))
assert s[\"period\"] == \"2016-08\", s
assert s[\"sources\"][\"bgp\"][\"records\"] == 17406, s
assert s[\"bgp\"][\"peers\"] > 0 and s[\"ases\"] > 0 and s[\"vrps\"] > 0
assert s[\"sources\"][\"rpki\"][\"files\"] == 1 and \"irr\" not in s[\"sources\"]
assert any(\"no IRR\" in m for m in s[\"missing\"]), s[\"missing\"]
" $tmp/s.json'
check "every scored AS has one label per action" \
    'python3 -c "
import json,sys; s=json.load(open(sys.argv[1]))
for a, l in s[\"labels\"].items(): assert sum(l.values()) == s[\"ases\"], a
" $tmp/s.json'
check "without IRR data the IRR action has no data" \
    'python3 -c "
import json,sys; s=json.load(open(sys.argv[1]))
l=s[\"labels\"][\"global-validation-irr\"]; assert l[\"No data\"] == s[\"ases\"], l
" $tmp/s.json'

mkdir -p $tmp/data/bgp/rrc00 $tmp/data/asrel $tmp/data/rpki
cp $U $tmp/data/bgp/rrc00/
cp $R $tmp/data/asrel/
cp $V $tmp/data/rpki/
check "--data DIR finds every source: the same result as naming them" \
    '"$manrs" observe -q --json --db $tmp/m.db --data $tmp/data --month 2016-08 >$tmp/d.json && python3 -c "
import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
b.pop(\"run\"); b.pop(\"db\")
for x in (a, b):
    for t in x[\"sources\"].values(): t.pop(\"first\", None)
assert a == b, (a, b)
" $tmp/s.json $tmp/d.json'
check "the store has the incidents and scores" \
    'python3 -c "
import json,sqlite3,sys; s=json.load(open(sys.argv[2])); db=sqlite3.connect(sys.argv[1])
assert db.execute(\"select count(*) from incidents\").fetchone()[0] == s[\"incidents\"][\"total\"]
assert db.execute(\"select count(distinct asn) from scores\").fetchone()[0] == s[\"ases\"]
" $tmp/m.db $tmp/d.json'
check "a second run replaces the first" \
    '"$manrs" observe -q --db $tmp/m.db --data $tmp/data --month 2016-08 >/dev/null && python3 -c "
import sqlite3,sys; db=sqlite3.connect(sys.argv[1])
assert db.execute(\"select count(*) from runs\").fetchone()[0] == 1
" $tmp/m.db'
check "--data without bgp/ fails" \
    'mkdir -p $tmp/empty && ! "$manrs" observe -q --no-db --data $tmp/empty --month 2016-08'
check "--progress draws each stage on a pipe, and ends its line" \
    '"$manrs" observe --progress --no-db --mrt $U --month 2016-08 2>$tmp/p.err >/dev/null &&
    for st in "load references" decode+timeline detect score; do
        tr "\\r" "\\n" <$tmp/p.err | grep -q "^.*$st .*s" || exit 1; done &&
    [ "$(tail -c 1 $tmp/p.err | od -An -c | tr -d " ")" = "\\n" ]'
check "--no-progress and -q keep standard error empty" \
    '"$manrs" observe --no-progress --no-db --mrt $U --month 2016-08 2>$tmp/q.err >/dev/null &&
    [ ! -s $tmp/q.err ] && "$manrs" observe --progress -q --no-db --mrt $U --month 2016-08 2>$tmp/q.err >/dev/null && [ ! -s $tmp/q.err ]'
cat >$tmp/data/sources.conf <<EOF
# the same sources, named
bgp rrc00 = bgp/rrc00/*.gz
asrel = asrel/*     # CAIDA
rpki = $tmp/data/rpki/*.txt
EOF
check "--config FILE names the same sources: the same result" \
    '"$manrs" observe -q --json --no-db --config $tmp/data/sources.conf --month 2016-08 >$tmp/c.json && python3 -c "
import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
for x in (a, b):
    for t in x[\"sources\"].values(): t.pop(\"first\", None)
assert a == b, (a, b)
" $tmp/s.json $tmp/c.json'
printf 'bgp = bgp/rrc00/*.gz\nrpki = rpki/nothing-*.csv\n' >$tmp/data/bad.conf
check "a pattern that matches nothing is an error naming file and line" \
    '! "$manrs" observe -q --no-db --config $tmp/data/bad.conf --month 2016-08 2>$tmp/e && grep -q "bad.conf:2: .*nothing-\*.csv: no such file" $tmp/e'
printf 'bgp = bgp/rrc00/*.gz\nvrps = x\n' >$tmp/data/bad.conf
check "an unknown kind is an error naming it" \
    '! "$manrs" observe -q --no-db --config $tmp/data/bad.conf --month 2016-08 2>$tmp/e && grep -q "bad.conf:2: unknown source kind .vrps." $tmp/e'
check "--config and --data together are a usage error" \
    '"$manrs" observe -q --no-db --config $tmp/data/sources.conf --data $tmp/data --month 2016-08 2>/dev/null; [ $? -eq 2 ]'
check "--method-defaults prints the constants" \
    '"$manrs" observe --method-defaults | grep -qx "pct.base = 0.6"'
echo "1..$n"
