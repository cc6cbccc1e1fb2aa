#!/bin/sh
# manrs rpki show and manrs rpki vrps against rpki-client (the oracle).
#
# Every real object in testdata/rpki (ROAs, manifests, ASPA, certificates,
# CRLs) goes through `manrs rpki show --json` and `rpki-client -j -f`; each
# side is reduced by its own jq filter to the same "field value" lines
# (AS and prefixes with maxLength, manifest numbers, dates, file names and
# hashes, SKI/AKI, serials, resources, revocations) and the two must be
# equal.  With ../shared present, the 2017 rcynic tree is unpacked: all
# 6,000 ROAs are compared the same way, and the VRP set of
# `manrs rpki vrps --at 2017-03-15` must equal rpki-client's VRPs of the
# ROAs whose EE certificate is still valid then.  Then `rpki vrps` on a
# small tree with bad objects: the counts per rejection reason.
#
# usage: tests/rpki_show.sh path/to/manrs
set -u
manrs=${1:-build/manrs}
case $manrs in /*) ;; *) manrs=$PWD/$manrs ;; esac
cd "$(dirname "$0")/.."
tmp=$(mktemp -d /tmp/manrs-rpkishow.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# rpki-client run as root drops to its own user, which must read the files.
chmod 755 "$tmp"
n=0
T=testdata/rpki

ok() {
	n=$((n + 1))
	if [ "$2" = 0 ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi
}
skip() {
	n=$((n + 1))
	echo "ok $n - $1 # skip $2"
}

# Our JSON -> "FILE<tab>field value" lines.
MANRS_JQ='
def norm:
def t: fromdateiso8601;
def kind: {"ca":"ca_cert","router":"router_key","ee":"ee_cert"}[.];
def res: if has("asmin") then (if .asmin == .asmax then "as \(.asmin)"
	else "asrange \(.asmin) \(.asmax)" end)
	elif has("prefix") then "ip \(.prefix)"
	elif has("min") then "iprange \(.min) \(.max)"
	else "inherit" end;
def ids: "ski \(.ski)", (if .aki then "aki \(.aki)" else empty end),
	"serial \(.cert_serial)", (if .aia then "aia \(.aia)" else empty end);
if .type == "roa" then (.signer | ids), "sia \(.signer.sia)",
	"valid_until \(.signer.not_after | t)", "asid \(.asid)",
	(.vrps[] | "vrp \(.prefix) \(.maxlen)")
elif .type == "manifest" then (.signer | ids), "sia \(.signer.sia)",
	"number \(.manifest_number)", "since \(.this_update | t)",
	"until \(.next_update | t)",
	(.filesandhashes[] | "file \(.filename) \(.hash)")
elif .type == "aspa" then (.signer | ids), "sia \(.signer.sia)",
	"customer \(.customer_asid)",
	(.provider_set[] | "provider \(.asid) \(.afi_limit // "any")")
elif .type == "cert" then ids, "kind \(.cert_type | kind)",
	"valid_until \(.not_after | t)",
	(if .manifest then "mft \(.manifest)" else empty end),
	(.resources[] | "res " + res)
elif .type == "crl" then "aki \(.aki)", "number \(.crl_number)",
	"since \(.this_update | t)", "until \(.next_update | t)",
	(.revoked_certs[] | "revoked \(.serial) \(.date | t)")
else "type \(.type)" end;
.file as $f | norm | "\($f)\t\(.)"'

# rpki-client 8.x JSON -> the same lines.
RC_JQ='
def norm:
def gmt: strptime("%b %d %H:%M:%S %Y GMT") | mktime;
def res: if has("asid") then "as \(.asid)"
	elif has("asrange") then (if .asrange.min == .asrange.max
	then "as \(.asrange.min)"
	else "asrange \(.asrange.min) \(.asrange.max)" end)
	elif has("ip_prefix") then "ip \(.ip_prefix)"
	elif has("ip_range") then "iprange \(.ip_range.min) \(.ip_range.max)"
	else "other \(tostring)" end;
def ids: "ski \(.ski)", (if .aki then "aki \(.aki)" else empty end),
	"serial \(.cert_serial)", (if .aia then "aia \(.aia)" else empty end);
if .type == "roa" then ids, "sia \(.sia)", "valid_until \(.valid_until)",
	(.vrps | map(.asid) | unique[] | "asid \(.)"),
	(.vrps[] | "vrp \(.prefix) \(.maxlen)")
elif .type == "manifest" then ids, "sia \(.sia)",
	"number \(.manifest_number)", "since \(.valid_since)",
	"until \(.valid_until)",
	(.filesandhashes[] | "file \(.filename) \(.hash)")
elif .type == "aspa" then ids, "sia \(.sia)",
	"customer \(.customer_asid)",
	(.provider_set[] | "provider \(.asid) \(.afi_limit // "any")")
elif .type == "ca_cert" or .type == "router_key" or .type == "ee_cert"
then ids, "kind \(.type)", "valid_until \(.valid_until)",
	(if .manifest then "mft \(.manifest)" else empty end),
	(.subordinate_resources[] | "res " + res)
elif .type == "crl" then "aki \(.aki)", "number \(.crl_serial)",
	"since \(.valid_since)", "until \(.valid_until)",
	(.revoked_certs[] | "revoked \(.serial) \(.date | gmt)")
else "type \(.type)" end;
.file as $f | norm | "\($f)\t\(.)"'

# normalise FILE...: both tools over all the files at once (1,000 per
# process), reduced to $tmp/m.txt (ours) and $tmp/r.txt (rpki-client,
# whose JSON stays in $tmp/r.json).
normalise() {
	printf '%s\n' "$@" | xargs -n 1000 "$manrs" rpki show --json \
	    2>/dev/null | jq -r "$MANRS_JQ" | sort >"$tmp/m.txt"
	printf '%s\n' "$@" | xargs -n 1000 rpki-client -j -f 2>/dev/null \
	    >"$tmp/r.json"
	jq -r "$RC_JQ" "$tmp/r.json" | sort >"$tmp/r.txt"
}

# same FILE: 0 if both sides give the file the same lines (at least 4).
same() {
	grep -F "$1	" "$tmp/m.txt" >"$tmp/m1" || return 1
	grep -F "$1	" "$tmp/r.txt" >"$tmp/r1" || return 1
	[ "$(wc -l <"$tmp/m1")" -ge 4 ] || return 1
	if ! cmp -s "$tmp/m1" "$tmp/r1"; then
		diff "$tmp/r1" "$tmp/m1" | sed 's/^/# /' | head -20
		return 1
	fi
}

if ! command -v rpki-client >/dev/null || ! command -v jq >/dev/null; then
	skip "show agrees with rpki-client -f" "rpki-client or jq missing"
else
	normalise $T/*.roa $T/*.mft $T/*.asa $T/*.cer $T/*.crl
	for f in $T/*.roa $T/*.mft $T/*.asa $T/*.cer $T/*.crl; do
		same "$f"
		ok "show $(basename "$f") agrees with rpki-client -f" $?
	done
fi

# Text output carries the same VRP as the JSON.
"$manrs" rpki show $T/rpkirs_repository_example-ripe.roa >"$tmp/t" 2>&1
grep -q '^asID: *209870$' "$tmp/t" &&
    grep -q '2a0c:b642:fc0::/43 maxlen: 43' "$tmp/t" &&
    grep -q '^Signature: *valid$' "$tmp/t"
ok "text output: asID, prefix and maxlen, signature" $?

# A flipped byte at the end (inside the signature value): decodes, exit 1.
cp $T/rpkirs_repository_example-ripe.roa "$tmp/bad.roa"
sz=$(wc -c <"$tmp/bad.roa")
# The object ends with the 256-byte RSA signature and three BER end-of-
# contents octet pairs: flip a signature byte, not an end marker.
printf '\001' | dd of="$tmp/bad.roa" bs=1 seek=$((sz - 20)) conv=notrunc \
    2>/dev/null
"$manrs" rpki show --json "$tmp/bad.roa" >"$tmp/o" 2>"$tmp/e"
rc=$?
[ $rc = 1 ] && jq -e '.signature != "valid" and .asid == 209870' "$tmp/o" \
    >/dev/null && grep -q 'signature check failed' "$tmp/e"
ok "a damaged signature is reported and exits 1" $?

# Truncated and garbage input: a reason, exit 1, no output.
head -c 700 $T/rpkirs_repository_ca1.mft >"$tmp/trunc.mft"
printf 'hello, world\n' >"$tmp/garbage.roa"
"$manrs" rpki show "$tmp/trunc.mft" "$tmp/garbage.roa" >"$tmp/o" 2>"$tmp/e"
rc=$?
[ $rc = 1 ] && [ ! -s "$tmp/o" ] && [ "$(grep -c 'manrs: ' "$tmp/e")" = 2 ]
ok "truncated and garbage objects are rejected with a reason" $?

"$manrs" rpki show >/dev/null 2>&1
[ $? = 2 ]
ok "no FILE is a usage error" $?

# rpki vrps on a small tree with one object of every kind of trouble.
d=$tmp/tree
mkdir -p $d/ripe/a $d/lacnic $d/rpkinet
cp $T/rpkirs_repository_example-ripe.roa $T/rcynic2017_localcert_IxA5XZ.roa \
    $d/ripe/a/
cp $T/rcynic2017_lacnic_f2982fb6.roa $T/rcynic2017_lacnic_fde64d44.roa \
    $d/lacnic/
cp $T/rcynic2017_ca0_hDrI76.roa $d/rpkinet/
cp "$tmp/bad.roa" $d/rpkinet/badsig.roa
cp "$tmp/trunc.mft" $d/rpkinet/trunc.roa
cp $T/rpkirs_repository_ta.mft $d/rpkinet/mft-named.roa
cp $T/rpkirs_repository_ta.cer $d/rpkinet/
ln -s .. $d/rpkinet/loop
"$manrs" rpki vrps --at 2017-03-15 $d >"$tmp/v.csv" 2>"$tmp/v.err"
rc=$?
grep -q ' 8 ROAs read, 3 valid, 5 rejected' "$tmp/v.err" &&
    grep -q 'rejected, bad signature: 1$' "$tmp/v.err" &&
    grep -q 'rejected, malformed: 2$' "$tmp/v.err" &&
    grep -q 'rejected, expired at TIME: 1$' "$tmp/v.err" &&
    grep -q 'rejected, not yet valid at TIME: 1$' "$tmp/v.err" &&
    grep -q 'mft-named.roa: malformed: not a ROA but a manifest' "$tmp/v.err" &&
    [ $rc = 0 ]
ok "vrps: counts per rejection reason, file names" $?
[ -f "$tmp/v.err" ] && sed 's/^/# /' "$tmp/v.err" | tail -8

# The valid ROAs' VRPs, from rpki-client's view of the same three files.
if command -v rpki-client >/dev/null && command -v jq >/dev/null; then
	rpki-client -j -f $T/rcynic2017_localcert_IxA5XZ.roa \
	    $T/rcynic2017_lacnic_f2982fb6.roa $T/rcynic2017_ca0_hDrI76.roa \
	    2>/dev/null | jq -r '.vrps[] | "AS\(.asid),\(.prefix),\(.maxlen)"' |
	    sort -u >"$tmp/want"
	tail -n +2 "$tmp/v.csv" | cut -d, -f1-3 | sort -u >"$tmp/got"
	[ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got" &&
	    head -1 "$tmp/v.csv" | grep -q '^ASN,IP Prefix,Max Length,Trust Anchor$'
	ok "vrps: CSV holds exactly rpki-client's VRPs of the valid ROAs" $?
else
	skip "vrps: CSV against rpki-client" "rpki-client or jq missing"
fi
grep -q '^AS51088,.*,ripe$' "$tmp/v.csv" &&
    grep -q ',lacnic$' "$tmp/v.csv" && grep -q '^AS3970,.*,rpkinet$' "$tmp/v.csv" &&
    ! grep -q '^AS209870,' "$tmp/v.csv"
ok "vrps: trust anchor column is the first directory" $?

# It feeds manrs rov.
printf '2a0c:b642:fc0::/43 209870\n2a0c:b642:fc0::/44 209870\n' |
    "$manrs" rov --vrps "$tmp/v.csv" >"$tmp/rov" 2>/dev/null
printf '2a0c:b642:fc0::/43 209870 not-found\n2a0c:b642:fc0::/44 209870 not-found\n' \
    >"$tmp/rovwant"
"$manrs" rpki vrps --at 2020-01-01 --json $d 2>/dev/null >"$tmp/v2.json"
printf '2a0c:b642:fc0::/43 209870\n2a0c:b642:fc0::/44 209870\n' |
    "$manrs" rov --vrps "$tmp/v2.json" >"$tmp/rov2" 2>/dev/null
printf '2a0c:b642:fc0::/43 209870 valid\n2a0c:b642:fc0::/44 209870 invalid length\n' \
    >"$tmp/rov2want"
cmp -s "$tmp/rov" "$tmp/rovwant" && cmp -s "$tmp/rov2" "$tmp/rov2want"
ok "vrps CSV/JSON feed manrs rov (the 2019 ROA only valid at 2020)" $?

# And it feeds the ROA history as one day's snapshot.
"$manrs" roa-history build --store "$tmp/h.store" "$tmp/v.csv@2017-03-15" \
    >/dev/null 2>&1 &&
    "$manrs" roa-history --store "$tmp/h.store" 178.249.152.0/21 --asn 51088 \
    --at 2017-03-15 2>/dev/null | grep -q '^day 2017-03-15 snapshot 2017-03-15 valid$'
ok "vrps CSV feeds manrs roa-history build" $?

"$manrs" rpki vrps --at yesterday $d >/dev/null 2>&1
[ $? = 2 ]
ok "a bad --at is a usage error" $?
"$manrs" rpki vrps --at 2017-03-15 --strict $d >/dev/null 2>&1
[ $? = 1 ]
ok "--strict exits 1 when a ROA was rejected" $?
"$manrs" rpki vrps --help | grep -q "FULL CHAIN VALIDATION IS NOT DONE"
ok "help says chain validation stays rpki-client's job" $?

# The 2017 rcynic tree (23 k objects), when ../shared is here.
X=../shared/data/rpki/rcynic_authenticated_2017-03.tar.xz
if [ ! -f $X ] || ! command -v rpki-client >/dev/null ||
    ! command -v jq >/dev/null; then
	skip "2017 rcynic tree: every ROA agrees with rpki-client" "no $X or rpki-client"
	skip "2017 rcynic tree: VRP set equals rpki-client's" "no $X or rpki-client"
else
	mkdir "$tmp/x" && tar -xJf $X -C "$tmp/x"
	A=$tmp/x/Data/rawData/authenticated
	find $A -name '*.roa' | sort >"$tmp/roas"
	total=$(wc -l <"$tmp/roas")
	# Every ROA of the tree, both ways, field by field.
	normalise $(cat "$tmp/roas")
	nm=$(cut -f1 "$tmp/m.txt" | sort -u | wc -l)
	nr=$(cut -f1 "$tmp/r.txt" | sort -u | wc -l)
	bad=$(sort "$tmp/m.txt" "$tmp/r.txt" | uniq -u | cut -f1 | sort -u |
	    wc -l)
	echo "# $total ROAs: manrs decoded $nm, rpki-client $nr, $bad differ"
	sort "$tmp/m.txt" "$tmp/r.txt" | uniq -u | head -10 | sed 's/^/# /'
	[ "$nm" = "$total" ] && [ "$nr" = "$total" ] && [ "$bad" = 0 ]
	ok "2017 rcynic tree: every ROA's fields agree with rpki-client" $?
	at=$(date -u -d 2017-03-15 +%s)
	jq -r --argjson t "$at" 'select(.type == "roa" and .valid_until >= $t)
	    | .vrps[] | "AS\(.asid),\(.prefix),\(.maxlen)"' "$tmp/r.json" |
	    sort -u >"$tmp/want"
	"$manrs" rpki vrps --at 2017-03-15 $A 2>"$tmp/x.err" |
	    tail -n +2 | cut -d, -f1-3 | sort -u >"$tmp/got"
	sed 's/^/# /' "$tmp/x.err" | grep -v ': expired at TIME: EE'
	echo "# rpki-client: $(wc -l <"$tmp/want") distinct VRPs, manrs: $(wc -l <"$tmp/got")"
	[ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"
	ok "2017 rcynic tree at 2017-03-15: VRP set equals rpki-client's" $?
fi

echo "1..$n"
