#!/usr/bin/env python3
# A small store as `manrs observe` would write it for April 2015, for the
# TAP tests of conformance, audit, stats and dispute rescoring.  Every
# figure the tests expect follows from the rows here by hand; the store
# must exist already (`manrs db migrate --db FILE`).
#
#   AS64500  all Ready but one 13 h M2 incident on 2015-04-20: raw 1,
#            Filtering 100 * 0.6^sqrt(2) = 48.56 % (Lagging)
#   AS64501  IRR 9 of 10 (90 %, Ready), one clean Spoofer day: all Ready
#   AS64502  IRR 4 of 5 (80 %, Aspiring), no contact, 1 RPKI invalid of 5
#   AS64503  facts on 2015-04-01 .. 15 only
import sqlite3
import sys

APR, DAY = 1427846400, 86400
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO runs (id, period_from, period_to, started, finished,"
           " version) VALUES (1, ?, ?, 0, 1, 'test')", (APR, APR + 30 * DAY))

def facts(asn, period, ann, irr, valid, invalid, contact, spoofed):
    db.execute("INSERT INTO facts VALUES (1, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?)",
               (asn, period, ann, irr, valid, invalid, contact, spoofed))

def scores(asn, filt, spoof, coord, irr, rpki):
    for action, pct in (("filtering", filt), ("anti-spoofing", spoof),
                        ("coordination", coord),
                        ("global-validation-irr", irr),
                        ("global-validation-rpki", rpki)):
        label = ("No data" if pct is None else "Ready" if pct >= 90 else
                 "Aspiring" if pct >= 50 else "Lagging")
        db.execute("INSERT INTO scores VALUES (1, ?, '2015-04', ?, ?, ?)",
                   (asn, action, pct, label))

def announce(asn, prefix, rpki, irr):
    db.execute("INSERT INTO announcements VALUES (1, '2015-04', ?, ?, ?, ?,"
               " 30, 5, ?, ?, 1)", (asn, prefix, APR, APR + 30 * DAY - 1,
                                    rpki, irr))

for d in range(30):
    day = "2015-04-%02d" % (d + 1)
    facts(64500, day, 10, 10, 10, 0, 1, None)
    facts(64501, day, 10, 9, 10, 0, 1, 0 if d == 4 else None)
    facts(64502, day, 5, 4, 4, 1 if d == 0 else 0, 0, None)
    if d < 15:
        facts(64503, day, 1, 1, 1, 0, 1, None)
facts(64500, "2015-04", 10, 10, 10, 0, 1, None)
facts(64501, "2015-04", 10, 9, 10, 0, 1, 0)
facts(64502, "2015-04", 5, 4, 4, 1, 0, None)
facts(64503, "2015-04", 1, 1, 1, 0, 1, None)
scores(64500, 48.559, None, 100, 100, 100)
scores(64501, 100, 100, 100, 90, 100)
scores(64502, 100, None, 0, 80, 0)
scores(64503, 100, None, 100, 100, 100)
db.execute("INSERT INTO incidents VALUES ('M2-AS64500-20150420T000000Z', 1,"
           " 64500, 'M2', ?, ?, 1, 1)", (APR + 19 * DAY, APR + 19 * DAY + 13 * 3600))
db.execute("INSERT INTO events VALUES ('M2-AS64500-20150420T000000Z',"
           " '203.0.113.0/24', ?, ?, '{}')", (APR + 19 * DAY, APR + 19 * DAY + 13 * 3600))
for i in range(10):
    announce(64500, "198.51.100.%d/32" % i, "valid", "exact")
for i in range(9):
    announce(64501, "10.1.%d.0/24" % i, "valid", "exact")
announce(64501, "10.1.9.0/24", "valid", "none")
announce(64502, "192.0.2.0/25", "valid", "exact")
announce(64502, "192.0.2.128/25", "valid", "exact")
announce(64502, "198.18.0.0/24", "valid", "more-specific")
announce(64502, "198.18.1.0/24", "valid", "exact")
announce(64502, "198.18.2.0/24", "invalid", "none")
announce(64503, "2001:db8::/32", "valid", "exact")
db.execute("INSERT INTO participants VALUES (1, 'Example Org', 'isp', "
           "'2015-01-01', '{}')")
db.execute("INSERT INTO participant_asns VALUES (1, 64500), (1, 64501)")
db.commit()
