#!/bin/sh
# Install the Debian packages manrs needs to build, test and benchmark.
# Idempotent and quiet when everything is already there.
set -eu

PKGS="build-essential pkg-config clang libclang-rt-dev zlib1g-dev libbz2-dev
liblzma-dev libzstd-dev libjansson-dev libcmocka-dev libssl-dev librtr-dev libexpat1-dev
libsqlite3-dev bgpdump rpki-client stayrtr bzip2 xz-utils zstd gzip hyperfine time python3
libmicrohttpd-dev curl wrk nginx jq chromium nodejs"
# npm installs ajv for the STIX schema test (tests/stix.sh); a nodejs
# from NodeSource carries its own npm, which Debian's package would fight.
command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
