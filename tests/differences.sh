#!/bin/sh
# Each case of docs/bgpdump-differences.md, shown: what bgpdump -m prints
# and what manrs prints instead.  Prints TAP lines.
#
# usage: tests/differences.sh path/to/manrs
set -u
manrs=${1:-build/manrs}
cd "$(dirname "$0")/.."
T=testdata/mrt
S=../shared/data/mrt
n=0

check() {
	n=$((n + 1))
	if eval "$2"; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
	fi
}
skip() {
	n=$((n + 1))
	echo "ok $n - # SKIP $1 (../shared/data not present)"
}
bd() { bgpdump -m "$@" 2>/dev/null; }
mr() { "$manrs" mrt -m "$@" 2>/dev/null; }

# 1. Bits past the prefix length (RFC 4271 4.3: they are irrelevant).
f=$T/bgpdump_updates.nlri_mask_trailing_bits.gz
check "1: bgpdump prints host bits 11.13.0.0/13" \
    'bd "$f" | grep -q "|11.13.0.0/13|"'
check "1: manrs prints the prefix 11.8.0.0/13" \
    'mr "$f" | grep -q "|11.8.0.0/13|"'
check "1: manrs warns about it" \
    '"$manrs" mrt "$f" 2>&1 >/dev/null | grep -q "bits set past"'

# 2. Type-5 BGP records: the community column and withdrawn prefixes.
f=$T/bgpkit_rrc00_updates.19991214.1621.gz
check "2: bgpdump's type-5 A lines lack the community column" \
    '[ "$(bd "$f" | grep "|A|" | head -1 | awk -F"|" "{print NF}")" -eq 14 ]'
check "2: manrs's type-5 A lines have all 15 fields" \
    '[ "$(mr "$f" | grep "|A|" | awk -F"|" "{print NF}" | sort -u)" = 15 ]'
check "2: bgpdump prints the peer address as each withdrawn prefix" \
    '[ "$(bd "$f" | grep "|W|" | awk -F"|" "\$4\"/\" != substr(\$6,1,length(\$4)+1)" | wc -l)" -eq 0 ]'
check "2: manrs prints the withdrawn prefixes" \
    '[ "$(mr "$f" | grep "|W|" | cut -d"|" -f6 | sort -u | wc -l)" -gt 100 ]'
check "2: otherwise the same elements (kind, peer, AS path)" \
    '[ "$(bd "$f" | cut -d"|" -f1-5,7 | md5sum)" = "$(mr "$f" | cut -d"|" -f1-5,7 | md5sum)" ]'

# 3. Damaged framing.
f=$T/bgpkit_rrc00_updates.20000325.0345.gz
check "3: bgpdump loses the framing and prints garbage (0.5.0.3/54)" \
    'bd "$f" | grep -q "|0.5.0.3/54$"'
check "3: manrs recovers: 5685 elements, timestamps in order of the file" \
    '[ "$(mr "$f" | wc -l)" -eq 5685 ] && ! mr "$f" | grep -q "/54$"'
check "3: manrs reports the 24 bytes it skipped" \
    '"$manrs" mrt "$f" 2>&1 >/dev/null | grep -q "2 recoveries, 24 bytes skipped"'

# 4. ADD-PATH NLRI in a subtype that does not announce it (BIRD).
f=$T/mrtparse_bird6_bgp.mrt
check "4: bgpdump prints garbage prefixes (::/0, 4000::/1)" \
    'bd "$f" | grep -q "|4000::/1|"'
check "4: manrs reads the path ids and the real prefixes" \
    'mr "$f" | grep -q "^BGP4MP_AP|.*|fd01:1::/64|1|"'
f=$T/mrtparse_bird_bgp.mrt
check "4: the same for IPv4 (bgpdump 24.0.0.0/2)" \
    'bd "$f" | grep -q "|24.0.0.0/2|" && ! mr "$f" | grep -q "|24.0.0.0/2|"'

# 5. A 4-byte AGGREGATOR in a TABLE_DUMP (v1) record (OpenBGPD).
f=$T/mrtparse_openbgpd_rib_table.mrt
check "5: bgpdump reads it as 2-byte: 0 253.232.192.168" \
    'bd "$f" | grep -q "|0 253.232.192.168|"'
check "5: manrs reads it by its length: 65000 192.168.0.15" \
    'mr "$f" | head -1 | grep -q "|65000 192.168.0.15|"'

# 7. RIB records without a PEER_INDEX_TABLE.
f=$T/pyasn_bview.20140112.1600_3samples.bz2
check "7: bgpdump prints nothing" '[ "$(bd "$f" | wc -l)" -eq 0 ]'
check "7: manrs prints the 3 routes with empty peer fields" \
    '[ "$(mr "$f" | grep -c "^TABLE_DUMP2|[0-9]*|B|||")" -eq 3 ]'

# 6. 2000-era RIS TABLE_DUMP records holding many entries.
f=$S/bgpkit_rrc00_bview.20000111.0032.gz
if [ -f "$f" ]; then
	check "6: bgpdump prints 1 entry" '[ "$(bd "$f" | wc -l)" -eq 1 ]'
	check "6: manrs prints all 452018" '[ "$(mr "$f" | wc -l)" -eq 452018 ]'
else
	skip "6: batched TABLE_DUMP"
	skip "6: batched TABLE_DUMP"
fi
echo "1..$n"
