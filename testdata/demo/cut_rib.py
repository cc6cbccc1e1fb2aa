#!/usr/bin/env python3
# Cut a TABLE_DUMP_V2 RIB: the PEER_INDEX_TABLE, then the first N RIB
# records of each /12-ish address block (first 12 bits of the prefix),
# and every record outside the RIR blocks. Records are copied byte for
# byte; nothing inside a record is changed.
import bz2, struct, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
blocks = {"200", "240", "260", "261", "262", "280", "2a0", "2c0"}
data = bz2.open(src).read()
out, off, seen = [], 0, {}
while off + 12 <= len(data):
    ts, t, st, ln = struct.unpack(">IHHI", data[off:off + 12])
    rec = data[off:off + 12 + ln]
    off += 12 + ln
    if t == 13 and st == 1:
        out.append(rec)
        continue
    plen = rec[12 + 4]
    pb = rec[12 + 5:12 + 5 + (plen + 7) // 8] + b"\0" * 2
    key = pb[:2].hex()[:3]
    if key in blocks:
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > n:
            continue
    out.append(rec)
with bz2.open(dst, "wb") as f:
    f.write(b"".join(out))
print(len(out) - 1, "RIB records kept")
