#!/bin/sh
# Command-line behaviour of `manrs db` and `manrs dispute`: the store is
# created and migrated on open, disputes follow their rules and keep their
# history, backups are whole copies and never overwrite.  Prints TAP lines.
#
# usage: tests/store.sh path/to/manrs
set -u
. "$(dirname "$0")/lib/tap.sh"
tap_init store "${1:-build/manrs}"

db=$tmp/manrs.db
export MANRS_DB=$db
inc=M2-AS64500-20150402T000000Z

check "db info creates the store at the newest schema" \
    '"$manrs" db info | grep -qx "schema version 5"'
check "db --help explains and exits 0" \
    '"$manrs" db --help | grep -q "primary data"'
check "db with a bad verb is a usage error" \
    '"$manrs" db frobnicate; [ $? -eq 2 ]'
check "dispute on an unknown incident is refused" \
    '! "$manrs" dispute open $inc --reason x && "$manrs" dispute open $inc --reason x 2>&1 | grep -q "no incident"'

# An observe run would write this; the test writes it with Python's sqlite3.
python3 - "$db" "$inc" <<'END'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO runs (period_from, period_to, started, version)"
           " VALUES (1427846400, 1430438400, 0, 'test')")
db.execute("INSERT INTO incidents VALUES (?, 1, 64500, 'M2', 1427932800,"
           " 1427936400, 1, 1)", (sys.argv[2],))
db.commit()
END

check "dispute open needs --reason" \
    '"$manrs" dispute open $inc; [ $? -eq 2 ]'
check "dispute open on a stored incident" \
    '"$manrs" dispute --by noc@example.net open $inc --reason "our customer" | grep -qx "dispute 1 opened on $inc"'
check "a second open dispute on the same incident is refused" \
    '"$manrs" dispute open $inc --reason again 2>&1 | grep -q "already has an open dispute"'
check "list --open shows it" \
    '[ "$("$manrs" dispute list --open | cut -d" " -f1-3)" = "1 $inc open" ]'
check "resolve needs --note" \
    '"$manrs" dispute resolve 1 --accept; [ $? -eq 2 ]'
check "resolve --accept" \
    '"$manrs" dispute --by auditor resolve 1 --accept --note "LOA seen" | grep -qx "dispute 1 accepted"'
check "a resolved dispute cannot be resolved again" \
    '! "$manrs" dispute resolve 1 --reject --note no'
check "show gives status and both history entries" \
    'out=$("$manrs" dispute show 1) && echo "$out" | grep -qx "status accepted" && echo "$out" | grep -q "opened noc@example.net: our customer" && echo "$out" | grep -q "accepted auditor: LOA seen"'
check "list --open is empty now" \
    '[ -z "$("$manrs" dispute list --open)" ]'
check "backup writes a copy with the dispute" \
    '"$manrs" db backup "$tmp/copy.db" && MANRS_DB=$tmp/copy.db "$manrs" dispute show 1 | grep -qx "status accepted"'
check "backup never overwrites" \
    '! "$manrs" db backup "$tmp/copy.db"'
check "db info counts the rows" \
    '"$manrs" db info | grep -Eq "^dispute_log +2$"'
check "a newer schema is refused, not touched" \
    'python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"PRAGMA user_version = 42\"); c.commit()" "$tmp/copy.db" && ! MANRS_DB=$tmp/copy.db "$manrs" db info && MANRS_DB=$tmp/copy.db "$manrs" db info 2>&1 | grep -q newer'
check "token create prints a manrs_ token once" \
    'tok=$("$manrs" token create --name noc --role operator --asn AS64500 --asn 64501 2>/dev/null) && echo "$tok" | grep -Eqx "manrs_[0-9a-f]{64}"'
check "the token itself is not in the store" \
    '! grep -q "${tok#manrs_}" "$db" "$db-wal" 2>/dev/null'
check "an operator token needs ASNs" \
    '! "$manrs" token create --name x --role operator'
check "an unknown role is a usage error" \
    '"$manrs" token create --name x --role god; [ $? -eq 2 ]'
check "a bad --asn is a usage error naming it" \
    '"$manrs" token create --name x --role operator --asn AS-FOO 2>&1 | grep -q "AS-FOO"'
check "token list shows role, name, state and ASNs" \
    '"$manrs" token list | grep -qx "1 operator noc active 64500,64501"'
check "token revoke" \
    '"$manrs" token revoke 1 && "$manrs" token list | grep -qx "1 operator noc revoked 64500,64501"'
check "revoking twice is refused" \
    '! "$manrs" token revoke 1'
echo "1..$n"
