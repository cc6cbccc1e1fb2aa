#!/bin/sh
# Fail if the sources call functions we ban (STYLE.md 13): they either
# overflow buffers or accept malformed numbers without telling.
set -eu
cd "$(dirname "$0")/.."
pattern='\<(sprintf|vsprintf|strcpy|strcat|gets|atoi|atol|atoll|strtok)[[:space:]]*\('
if grep -rnE "$pattern" src tests fuzz bench --include='*.c' --include='*.h'; then
	echo "banned function used (see above)" >&2
	exit 1
fi
exit 0
