#!/usr/bin/env python3
"""A canonical text dump of a manrs store: every table, every row, sorted,
without the run timestamps (runs.started, runs.finished), so two stores
made from the same inputs compare byte for byte.

usage: tests/lib/store_dump.py STORE.db >DUMP.txt"""
import sqlite3
import sys

SKIP = {("runs", "started"), ("runs", "finished")}

db = sqlite3.connect(sys.argv[1])
tables = [r[0] for r in db.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' "
    "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
for t in tables:
    cols = [r[1] for r in db.execute(f'PRAGMA table_info("{t}")')
            if (t, r[1]) not in SKIP]
    sel = ", ".join(f'"{c}"' for c in cols)
    rows = sorted(repr(r) for r in db.execute(f'SELECT {sel} FROM "{t}"'))
    print(f"== {t} ({', '.join(cols)}): {len(rows)} rows")
    for r in rows:
        print(r)
