-- A store for the report tests (tests/test_report.c, tests/report.sh):
-- AS64500 scored in March and April 2015, with incidents, disputes,
-- announcements and facts.  Hand-written; some texts are hostile on
-- purpose (markup in a prefix, collector name and organisation) to test
-- escaping.  Times: 2015-03-01 = 1425168000, 2015-04-01 = 1427846400,
-- 2015-05-01 = 1430438400.
INSERT INTO runs (id, period_from, period_to, started, finished, version)
  VALUES (1, 1425168000, 1427846400, 1, 2, 'manrs test'),
         (2, 1427846400, 1430438400, 3, 4, 'manrs test');
INSERT INTO scores VALUES
  (1, 64500, '2015-03', 'filtering', 60.0, 'Aspiring'),
  (1, 64500, '2015-03', 'anti-spoofing', NULL, 'No data'),
  (1, 64500, '2015-03', 'coordination', 100.0, 'Ready'),
  (1, 64500, '2015-03', 'global-validation-irr', 50.0, 'Aspiring'),
  (1, 64500, '2015-03', 'global-validation-rpki', 80.0, 'Aspiring'),
  (2, 64500, '2015-04', 'filtering', 49.0, 'Lagging'),
  (2, 64500, '2015-04', 'anti-spoofing', NULL, 'No data'),
  (2, 64500, '2015-04', 'coordination', 100.0, 'Ready'),
  (2, 64500, '2015-04', 'global-validation-irr', 75.0, 'Aspiring'),
  (2, 64500, '2015-04', 'global-validation-rpki', 80.2, 'Aspiring'),
  (2, 64501, '2015-04', 'filtering', 100.0, 'Ready');
INSERT INTO incidents VALUES
  ('M2-AS64500-20150310T000000Z', 1, 64500, 'M2', 1425945600, 1425949200, 1, 1),
  ('M2-AS64500-20150402T120000Z', 2, 64500, 'M2', 1427976000, 1428022800, 1, 1),
  ('M3-AS64500-20150420T000000Z', 2, 64500, 'M3', 1429488000, 1430438400, 11, 1),
  ('M4C-AS64500-20150405T000000Z', 2, 64500, 'M4C', 1428192000, 1428193740, 0.5, 1),
  ('M2-AS64501-20150402T120000Z', 2, 64501, 'M2', 1427976000, 1428022800, 1, 1);
INSERT INTO events VALUES
  ('M2-AS64500-20150402T120000Z', '192.0.2.0/24', 1427976000, 1428022800,
   '{"why":"rpki-invalid","collector":"rrc<b>00</b>","peer":"192.0.2.1","peer_as":3333,"path":"3333 174 64500","origin":64500,"rpki":"invalid","rpki_reason":"as","irr":"none","irr_auth":false,"established_origin":64496}'),
  ('M2-AS64500-20150402T120000Z', '192.0.2.0/25', 1427976000, 1428000000,
   '{"why":"moas-newcomer","collector":"route-views2","peer":"198.51.100.7","peer_as":6939,"path":"6939 64500","origin":64500,"rpki":"not-found","irr":"none","irr_auth":false,"established_origin":64496}'),
  ('M3-AS64500-20150420T000000Z', '10.0.0.0/8', 1429488000, 1430438400,
   '{"why":"bogon-prefix","collector":"route-views2","peer":"198.51.100.7","peer_as":6939,"path":"6939 64500","origin":64500,"rpki":"not-found","irr":"none","irr_auth":false,"bogon":"10.0.0.0/8 IANA special-purpose: Private-Use (RFC 1918)"}'),
  ('M4C-AS64500-20150405T000000Z', '203.0.113.0/24', 1428192000, 1428193740,
   'not JSON <script>alert(1)</script>');
-- What observe keeps beside the events rows (schema v5): exact counts per
-- incident and its (prefix, origin) rows.
INSERT INTO incident_counts VALUES
  ('M2-AS64500-20150310T000000Z', 0, 0, 0),
  ('M2-AS64500-20150402T120000Z', 2, 2, 2),
  ('M3-AS64500-20150420T000000Z', 1, 1, 1),
  ('M4C-AS64500-20150405T000000Z', 1, 1, 1),
  ('M2-AS64501-20150402T120000Z', 0, 0, 0);
INSERT INTO incident_prefixes VALUES
  ('M2-AS64500-20150402T120000Z', '192.0.2.0/24', 64500, 1427976000, 1428022800, 1),
  ('M2-AS64500-20150402T120000Z', '192.0.2.0/25', 64500, 1427976000, 1428000000, 1),
  ('M3-AS64500-20150420T000000Z', '10.0.0.0/8', 64500, 1429488000, 1430438400, 1),
  ('M4C-AS64500-20150405T000000Z', '203.0.113.0/24', 64500, 1428192000, 1428193740, 1);
INSERT INTO disputes (id, incident_id, status, reason, opened, opened_by,
    resolved, resolved_by, note) VALUES
  (1, 'M2-AS64500-20150402T120000Z', 'open', 'our customer <ACME>', 1428100000, 'noc@example.net', NULL, NULL, NULL),
  (2, 'M4C-AS64500-20150405T000000Z', 'accepted', 'lab prefix', 1428200000, 'noc@example.net', 1428300000, 'auditor', 'confirmed');
INSERT INTO dispute_log VALUES
  (1, 1428100000, 'noc@example.net', 'opened', 'our customer <ACME>'),
  (2, 1428200000, 'noc@example.net', 'opened', 'lab prefix'),
  (2, 1428300000, 'auditor', 'accepted', 'confirmed');
INSERT INTO announcements VALUES
  (2, '2015-04', 64500, '192.0.2.0/24', 1427976000, 1428022800, 1, 4, 'invalid', 'none', 0),
  (2, '2015-04', 64500, '198.51.100.0/24', 1427846400, 1430438399, 30, 12, 'valid', 'exact', 1),
  (2, '2015-04', 64500, '203.0.113.0/24', 1427846400, 1430438399, 30, 12, 'not-found', 'more-specific', 0),
  (2, '2015-04', 64500, '<img src=x onerror=alert(1)>', 1427846400, 1427850000, 1, 1, NULL, NULL, NULL),
  (1, '2015-03', 64500, '198.51.100.0/24', 1425168000, 1427846399, 31, 12, 'valid', 'exact', 1),
  -- Other origins, for manrs prefix: a more and a less specific of
  -- 192.0.2.0/24, and 193.104.146.0/24 (a ROA for AS44018 in
  -- testdata/rpki/compress_roas_vrps_2017-06-01.head400.txt) from two.
  (2, '2015-04', 64501, '192.0.2.128/25', 1427846400, 1427850000, 1, 3, 'not-found', 'none', 0),
  (2, '2015-04', 64502, '192.0.0.0/16', 1427846400, 1427850000, 1, 3, NULL, NULL, NULL),
  (2, '2015-04', 44018, '193.104.146.0/24', 1427846400, 1430438399, 30, 12, 'valid', 'none', 0),
  (2, '2015-04', 64501, '193.104.146.0/24', 1427846400, 1427850000, 1, 2, 'invalid', 'none', 0);
INSERT INTO facts VALUES
  (2, 64500, '2015-04', 4, 2, 1, 1, 1, 1, 0, NULL),
  (1, 64500, '2015-03', 1, 1, 1, 0, 1, 1, 1, NULL);
INSERT INTO participants VALUES
  (1, 'Example <Net> & Co', 'ISP', '2014-11-01', '{}');
INSERT INTO participant_asns VALUES (1, 64500);
