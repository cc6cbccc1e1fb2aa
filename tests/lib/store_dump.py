#!/usr/bin/env python3
"""A canonical text dump of a manrs store: every table, every row, sorted,
without the run timestamps (runs.started, runs.finished), so two stores
made from the same inputs compare byte for byte.  With --no-run-ids, run
ids too (runs.id and every run_id column): a store a run replaced earlier
runs in numbers its run differently.

usage: tests/lib/store_dump.py [--no-run-ids] STORE.db >DUMP.txt"""
import sqlite3
import sys

SKIP = {("runs", "started"), ("runs", "finished")}

args = sys.argv[1:]
no_ids = bool(args) and args[0] == "--no-run-ids"
if no_ids:
    args = args[1:]
if len(args) != 1:
    sys.exit(__doc__.split("\n\n")[1])
db = sqlite3.connect(args[0])
tables = [r[0] for r in db.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' "
    "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
for t in tables:
    cols = [r[1] for r in db.execute(f'PRAGMA table_info("{t}")')
            if (t, r[1]) not in SKIP and not
            (no_ids and (r[1] == "run_id" or (t, r[1]) == ("runs", "id")))]
    sel = ", ".join(f'"{c}"' for c in cols)
    rows = sorted(repr(r) for r in db.execute(f'SELECT {sel} FROM "{t}"'))
    print(f"== {t} ({', '.join(cols)}): {len(rows)} rows")
    for r in rows:
        print(r)
