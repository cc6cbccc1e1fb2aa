#!/bin/sh
# Command-line behaviour of `manrs participants import|list` and of the
# participants.json an observe data directory holds.  Prints TAP.
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
echo "1..$n"
