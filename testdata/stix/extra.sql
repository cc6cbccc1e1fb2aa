-- Applied after testdata/report/fixture.sql for the STIX/TAXII tests
-- (tests/test_stix.c, tests/stix.sh): runs that finished at plausible
-- times (2015-04-01 01:00 and 2015-05-01 01:00 UTC), an IPv6 incident, and
-- an M2C incident of AS64501 about the same (prefix, origin) as AS64500's
-- M2, so observables are shared between incidents.  Hand-written.
UPDATE runs SET started = 1427850000, finished = 1427850000 WHERE id = 1;
UPDATE runs SET started = 1430442000, finished = 1430442000 WHERE id = 2;
INSERT INTO incidents VALUES
  ('M2-AS64500-20150410T000000Z', 2, 64500, 'M2', 1428624000, 1428710400, 2, 1),
  ('M2C-AS64501-20150402T120000Z', 2, 64501, 'M2C', 1427976000, 1428022800, 1, 1);
INSERT INTO events VALUES
  ('M2-AS64500-20150410T000000Z', '2001:db8::/32', 1428624000, 1428710400,
   '{"why":"rpki-invalid","origin":64500,"rpki":"invalid"}'),
  ('M2-AS64500-20150410T000000Z', '2001:db8:1::/48', 1428624000, 1428630000,
   '{"why":"rpki-invalid","origin":64500,"rpki":"invalid"}'),
  ('M2C-AS64501-20150402T120000Z', '192.0.2.0/24', 1427976000, 1428022800,
   '{"why":"rpki-invalid","origin":64500,"rpki":"invalid"}');
INSERT INTO incident_counts VALUES
  ('M2-AS64500-20150410T000000Z', 2, 1, 2),
  ('M2C-AS64501-20150402T120000Z', 1, 1, 1);
INSERT INTO incident_prefixes VALUES
  ('M2-AS64500-20150410T000000Z', '2001:db8::/32', 64500, 1428624000, 1428710400, 1),
  ('M2-AS64500-20150410T000000Z', '2001:db8:1::/48', 64500, 1428624000, 1428630000, 1),
  ('M2C-AS64501-20150402T120000Z', '192.0.2.0/24', 64500, 1427976000, 1428022800, 1);
