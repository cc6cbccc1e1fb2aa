#!/bin/sh
# Command-line behaviour of `manrs participants import|list` and of the
# participants file an observe data directory holds; the JSON, TOML and
# CSV forms of the sample give the same store.  Prints TAP.
#
# usage: tests/participants.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init participants "${1:-build/manrs}"

P=testdata/participants.json
db=$tmp/m.db

check "import adds the sample: 4 organisations, 7 ASNs" \
    '"$manrs" participants import --db $db $P | grep -q "4 organisations added, 0 updated, 0 unchanged; 7 ASNs added"'
check "list prints ASN PROGRAM ORGANISATION as check does" \
    '"$manrs" participants list --db $db | sort >$tmp/l1 &&
    "$manrs" participants check $P | sort >$tmp/l2 && cmp -s $tmp/l1 $tmp/l2 && [ -s $tmp/l1 ]'
check "importing again changes nothing and says nothing" \
    '"$manrs" participants import --db $db $P 2>$tmp/e | grep -q "0 organisations added, 0 updated, 4 unchanged" && [ ! -s $tmp/e ]'
python3 - "$P" "$tmp/less.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["participants"] = d["participants"][:3]
json.dump(d, open(sys.argv[2], "w"))
PY
check "an organisation left out is kept, and said" \
    '"$manrs" participants import --db $db $tmp/less.json 2>$tmp/e >/dev/null &&
    grep -q "Example Router Vendor (1 ASNs) is not in the file: kept" $tmp/e &&
    "$manrs" participants list --db $db | grep -q "^64510 "'
check "--replace drops it, and says so" \
    '"$manrs" participants import --replace --db $db $tmp/less.json 2>$tmp/e >/dev/null &&
    grep -q "Example Router Vendor (1 ASNs) is not in the file: dropped" $tmp/e &&
    ! "$manrs" participants list --db $db | grep -q "^64510 "'
check "list --json gives the entries with their ASNs" \
    '"$manrs" participants list --db $db --json | python3 -c "
import json,sys; a=json.load(sys.stdin)
assert [p[\"organisation\"] for p in a] == [\"Example Cloud Inc.\", \"Example Exchange\", \"Example Networks B.V.\"], a
assert a[0][\"asns\"] == [65536, 65537, 4200000001] and a[0][\"contacts\"][0][\"name\"] == \"PSIRT\"
"'
check "an invalid file is not imported (exit 1)" \
    'sed "s/64510/64500/" $P >$tmp/bad.json; ! "$manrs" participants import --db $tmp/x.db $tmp/bad.json 2>/dev/null && [ ! -s $tmp/x.db ] || [ ! -e $tmp/x.db ]'
check "list on a store that does not exist fails" \
    '! "$manrs" participants list --db $tmp/none.db 2>/dev/null'
check "list takes no file" \
    '"$manrs" participants list --db $db extra 2>/dev/null; [ $? -eq 2 ]'

# The rows of a store's participant tables, in a fixed order.
rows() {
	python3 -c "
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for t in ('participants', 'participant_asns'):
    for r in c.execute('SELECT * FROM %s ORDER BY 1, 2' % t):
        print(t, r)
" "$1"
}
for f in json toml csv; do
	"$manrs" participants import -q --db $tmp/f.$f.db testdata/participants.$f >/dev/null 2>&1
done
check "JSON, TOML and CSV of the sample import to identical store rows" \
    'rows $tmp/f.json.db >$tmp/r.json && rows $tmp/f.toml.db >$tmp/r.toml &&
    rows $tmp/f.csv.db >$tmp/r.csv && [ "$(grep -c participant_asns $tmp/r.json)" -eq 7 ] &&
    cmp -s $tmp/r.json $tmp/r.toml && cmp -s $tmp/r.json $tmp/r.csv'
check "the format is guessed when the name does not say it" \
    'cp testdata/participants.toml $tmp/p.txt && cp testdata/participants.csv $tmp/c.txt &&
    "$manrs" participants check $tmp/p.txt >$tmp/g1 && "$manrs" participants check $tmp/c.txt >$tmp/g2 &&
    "$manrs" participants check - <testdata/participants.json >$tmp/g3 &&
    "$manrs" participants check testdata/participants.json >$tmp/g4 &&
    cmp -s $tmp/g1 $tmp/g4 && cmp -s $tmp/g2 $tmp/g4 && cmp -s $tmp/g3 $tmp/g4'
check "a TOML error names the file, line and column" \
    'printf "version = 1\n[[participants]]\norganisation = \"A\"\norganisation = \"B\"\n" >$tmp/d.toml &&
    ! "$manrs" participants check $tmp/d.toml 2>$tmp/e &&
    grep -q "d.toml: line 4, column 1: organisation is defined twice (first at line 3)" $tmp/e'
check "a bad value in TOML names the line of the field" \
    'sed "s/member_since = 2020-02-29/member_since = \"2021-02-29\"/; s/64510/0/" testdata/participants.toml >$tmp/v.toml &&
    ! "$manrs" participants import --db $tmp/v.db $tmp/v.toml 2>$tmp/e >/dev/null &&
    grep -q "v.toml:27: .*Example Exchange.*2021-02-29" $tmp/e && grep -q "v.toml:47: .*asns\[0\]" $tmp/e &&
    [ "$(rows $tmp/v.db 2>/dev/null | wc -l)" -eq 0 ]'
check "a CSV row error names its line" \
    'sed "3s/abuse@example.net/abuse/" testdata/participants.csv >$tmp/v.csv &&
    ! "$manrs" participants check $tmp/v.csv 2>$tmp/e && grep -q "v.csv:3: bad value: participant 1 .*contacts\[1\]" $tmp/e &&
    printf "organisation,program,asns,member_since,role,email,fax\n" >$tmp/w.csv &&
    ! "$manrs" participants check $tmp/w.csv 2>$tmp/e && grep -q "w.csv: line 1: unknown column \"fax\"" $tmp/e'

mkdir -p $tmp/data/bgp/rrc06
cp testdata/mrt/libbgpstream_ris.rrc06.updates.1427846400.gz $tmp/data/bgp/rrc06/
cp $P $tmp/data/participants.json
check "observe imports DIR/participants.json and counts it" \
    '"$manrs" observe -q --json --data $tmp/data --month 2015-04 --db $tmp/o.db | python3 -c "
import json,sys; s=json.load(sys.stdin)
assert s[\"participants\"] == 4 and s[\"participant_asns\"] == 7, s
assert s[\"sources\"][\"participants\"][\"files\"] == 1
" && [ "$("$manrs" participants list --db $tmp/o.db | wc -l)" -eq 7 ]'
check "an observe re-run keeps the participants" \
    '"$manrs" observe -q --data $tmp/data --month 2015-04 --db $tmp/o.db >/dev/null &&
    [ "$("$manrs" participants list --db $tmp/o.db | wc -l)" -eq 7 ]'
rm $tmp/data/participants.json
cp testdata/participants.toml $tmp/data/participants.toml
check "observe imports DIR/participants.toml to the same store rows" \
    '"$manrs" observe -q --json --data $tmp/data --month 2015-04 --db $tmp/t.db | python3 -c "
import json,sys; s=json.load(sys.stdin)
assert s[\"participants\"] == 4 and s[\"participant_asns\"] == 7, s
assert s[\"sources\"][\"participants\"][\"files\"] == 1
" && rows $tmp/t.db >$tmp/r.t && cmp -s $tmp/r.t $tmp/r.json'
cp testdata/participants.csv $tmp/data/participants.csv
check "with participants.toml and .csv both there, neither is imported, and said" \
    '"$manrs" observe -q --json --data $tmp/data --month 2015-04 --db $tmp/n.db 2>$tmp/e | python3 -c "
import json,sys; s=json.load(sys.stdin)
assert s[\"participants\"] == 0, s
assert s[\"sources\"][\"participants\"][\"files\"] == 2, s
" && grep -q "participants.toml and .*participants.csv: two participants files: neither is imported" $tmp/e &&
    [ "$(rows $tmp/n.db | grep -c "^participant")" -eq 0 ]'
rm $tmp/data/participants.csv
cp testdata/participants.csv $tmp/parts.csv
printf 'bgp rrc06 = data/bgp/rrc06/*\nparticipants = parts.csv\n' >$tmp/sources.conf
check "observe --config imports its participants file to the same store rows" \
    '"$manrs" observe -q --json --config $tmp/sources.conf --month 2015-04 --db $tmp/k.db | python3 -c "
import json,sys; s=json.load(sys.stdin)
assert s[\"participants\"] == 4 and s[\"participant_asns\"] == 7, s
assert s[\"sources\"][\"participants\"][\"files\"] == 1
" && rows $tmp/k.db >$tmp/r.k && cmp -s $tmp/r.k $tmp/r.json'
printf 'bgp = data/bgp/rrc06/*\nparticipants = parts.csv\nparticipants = parts.csv\n' >$tmp/two.conf
check "two participants lines in a config: neither is imported, and said" \
    '"$manrs" observe -q --json --config $tmp/two.conf --month 2015-04 --db $tmp/k2.db 2>$tmp/e | python3 -c "
import json,sys; s=json.load(sys.stdin)
assert s[\"participants\"] == 0, s
" && grep -q "two participants files: neither is imported" $tmp/e'
echo "1..$n"
