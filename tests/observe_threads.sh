#!/bin/sh
# `manrs observe --threads N`: MRT files decode on worker threads, and the
# same inputs give byte-identical store contents (a canonical dump of
# every table, without run timestamps) for 1, 2 and 8 threads.  Three
# collectors, files given out of time order, a RIB before updates, a
# damaged file (the RIB cut at 1 MB), real data from testdata/.  Prints
# TAP.
#
# usage: tests/observe_threads.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init observe_threads "${1:-build/manrs}"

M=testdata/mrt
d=$tmp/data
mkdir -p $d/bgp/c1 $d/bgp/c2 $d/bgp/c3 $d/rpki $d/irr $d/asrel $d/rir
# c1: a 2014 RIB (named to sort after the updates), then 2016 updates.
cp $M/pyasn_rib.20140523.0600_firstMB.bz2 $d/bgp/c1/z-rib.bz2
cp $M/bgpdump_updates.20160811.1600.gz $d/bgp/c1/a-updates.gz
# c2: the same 2016 updates seen by another collector, after 2015 ones.
cp $M/bgpdump_updates.20160811.1600.gz $d/bgp/c2/a-2016.gz
cp $M/libbgpstream_ris.rrc06.updates.1427846400.gz $d/bgp/c2/b-2015.gz
# c3: small RIBs with ADD-PATH and from OpenBGPD.
cp $M/bgpdump_bview.ipv4_unicast_add_path.gz $M/mrtparse_openbgpd_rib_table-v2.mrt \
    $M/mrtparse_quagga_bgp.mrt $d/bgp/c3/
cp testdata/rpki/compress_roas_vrps_2017-06-01.head400.txt $d/rpki/
cp testdata/irr/ripewhois_TEST.db testdata/irr/nonauth.db $d/irr/
cp testdata/asrel/caida_20150201.as-rel.sample.txt $d/asrel/
cp testdata/rir/iana_*.xml $d/rir/

run() {
	"$manrs" observe -q --json --threads $1 --db $tmp/t$1.db --data $d \
	    --month 2016-08 >$tmp/t$1.json 2>$tmp/t$1.err &&
	    python3 tests/lib/store_dump.py $tmp/t$1.db >$tmp/t$1.dump
}

check "--threads 0 is a usage error" \
    '"$manrs" observe -q --no-db --threads 0 --data $d --month 2016-08; [ $? -eq 2 ]'
check "--threads x is a usage error" \
    '"$manrs" observe -q --no-db --threads x --data $d --month 2016-08; [ $? -eq 2 ]'
check "one thread: a run with incidents, events and scores" \
    'run 1 && grep -q "^== incidents .*: [1-9][0-9]* rows" $tmp/t1.dump &&
     grep -q "^== events .*: [1-9][0-9]* rows" $tmp/t1.dump &&
     grep -q "^== scores .*: [1-9][0-9]* rows" $tmp/t1.dump'
check "every file was read; the damaged one is named" \
    'python3 -c "
import json,sys; s=json.load(open(sys.argv[1])); assert s[\"sources\"][\"bgp\"][\"files\"] == 7, s
" $tmp/t1.json && grep -q "z-rib" $tmp/t1.err'
check "two threads: the same store, byte for byte" \
    'run 2 && cmp -s $tmp/t1.dump $tmp/t2.dump'
check "eight threads: the same store, byte for byte" \
    'run 8 && cmp -s $tmp/t1.dump $tmp/t8.dump'
check "the same summary for every thread count" \
    'python3 -c "
import json,sys; v=[json.load(open(f)) for f in sys.argv[1:]]
for x in v: x.pop(\"run\", None); x.pop(\"db\", None)
assert v[0] == v[1] == v[2], v
" $tmp/t1.json $tmp/t2.json $tmp/t8.json'
check "a file that cannot be opened fails the run with its name" \
    '! "$manrs" observe -q --no-db --threads 2 --month 2016-08 \
        --mrt $d/bgp/c1/a-updates.gz --mrt $tmp/nope 2>$tmp/e4 &&
     grep -q "$tmp/nope" $tmp/e4'
echo "1..$n"
