/*
 * Schema migrations.  Each step moves the store from version i to i + 1
 * and runs in its own transaction; PRAGMA user_version records where a
 * store is.  Steps never drop or rewrite the primary tables (disputes,
 * dispute_log, participants, participant_asns, tokens): derived tables may
 * be rebuilt, primary ones only grow.
 */
#include "store/schema.h"

static const char v1[] =
    /* Derived: rebuilt from the sources by `manrs observe`. */
    "CREATE TABLE runs ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"	/* ids are never reused */
    "  period_from INTEGER NOT NULL,"
    "  period_to INTEGER NOT NULL,"
    "  started INTEGER NOT NULL,"
    "  finished INTEGER,"
    "  version TEXT NOT NULL,"
    "  method TEXT"
    ");"
    "CREATE TABLE sources ("
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL,"
    "  path TEXT NOT NULL,"
    "  sha256 TEXT,"
    "  bytes INTEGER,"
    "  records INTEGER,"
    "  skipped INTEGER"
    ");"
    "CREATE TABLE incidents ("
    "  id TEXT PRIMARY KEY,"		/* stable: metric, AS and start */
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    "  asn INTEGER NOT NULL,"
    "  metric TEXT NOT NULL,"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  score REAL NOT NULL,"
    "  weight REAL NOT NULL"
    ");"
    "CREATE INDEX incidents_asn ON incidents(asn, start);"
    "CREATE TABLE events ("
    "  incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,"
    "  prefix TEXT,"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  evidence TEXT"			/* JSON */
    ");"
    "CREATE INDEX events_incident ON events(incident_id);"
    "CREATE TABLE scores ("
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    "  asn INTEGER NOT NULL,"
    "  period TEXT NOT NULL,"		/* 2015-04 or 2015-04-17 */
    "  action TEXT NOT NULL,"
    "  pct REAL,"
    "  label TEXT NOT NULL,"
    "  PRIMARY KEY (asn, period, action)"
    ");"
    /* Primary: entered by people, never rebuilt. */
    "CREATE TABLE disputes ("
    "  id INTEGER PRIMARY KEY,"
    "  incident_id TEXT NOT NULL,"	/* no FK: incidents are rebuilt */
    "  status TEXT NOT NULL DEFAULT 'open'"
    "    CHECK (status IN ('open', 'accepted', 'rejected')),"
    "  reason TEXT NOT NULL,"
    "  opened INTEGER NOT NULL,"
    "  opened_by TEXT NOT NULL,"
    "  resolved INTEGER,"
    "  resolved_by TEXT,"
    "  note TEXT"
    ");"
    "CREATE INDEX disputes_incident ON disputes(incident_id);"
    "CREATE TABLE participants ("
    "  id INTEGER PRIMARY KEY,"
    "  org TEXT NOT NULL UNIQUE,"
    "  program TEXT NOT NULL,"
    "  member_since TEXT,"
    "  record TEXT NOT NULL"		/* the whole entry as entered, JSON */
    ");"
    "CREATE TABLE participant_asns ("
    "  participant_id INTEGER NOT NULL REFERENCES participants(id),"
    "  asn INTEGER NOT NULL UNIQUE"
    ");";

/* v2: API tokens, and the history of each dispute. */
static const char v2[] =
    "CREATE TABLE tokens ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL UNIQUE,"	/* of the token; the token itself is not kept */
    "  role TEXT NOT NULL CHECK (role IN ('operator', 'auditor')),"
    "  created INTEGER NOT NULL,"
    "  revoked INTEGER"
    ");"
    "CREATE TABLE token_asns ("
    "  token_id INTEGER NOT NULL REFERENCES tokens(id),"
    "  asn INTEGER NOT NULL,"
    "  PRIMARY KEY (token_id, asn)"
    ");"
    "CREATE TABLE dispute_log ("
    "  dispute_id INTEGER NOT NULL REFERENCES disputes(id),"
    "  at INTEGER NOT NULL,"
    "  who TEXT NOT NULL,"
    "  what TEXT NOT NULL,"		/* opened, accepted, rejected, reopened */
    "  note TEXT"
    ");"
    /* Disputes opened under v1 get their opening into the log. */
    "INSERT INTO dispute_log (dispute_id, at, who, what, note)"
    "  SELECT id, opened, opened_by, 'opened', reason FROM disputes;";

/*
 * v3: what each score was made of — per AS and period (the run's month
 * and each of its days) the registration counts and flags that, with the
 * incidents, give the scores — so a score can be explained, recomputed
 * when a dispute is accepted, and taken over any window (the 30-day
 * conformance query); and the (prefix, origin) pairs announced, with
 * their RPKI and IRR state, for reports.
 */
static const char v3[] =
    "CREATE TABLE facts ("
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    "  asn INTEGER NOT NULL,"
    "  period TEXT NOT NULL,"		/* 2015-04 or 2015-04-17 */
    "  announced INTEGER NOT NULL,"	/* (prefix, origin) pairs originated */
    "  irr_registered INTEGER NOT NULL,"
    "  rpki_valid INTEGER NOT NULL,"
    "  rpki_invalid INTEGER NOT NULL,"
    "  irr_known INTEGER NOT NULL,"	/* IRR dumps were read */
    "  rpki_known INTEGER NOT NULL,"	/* VRPs were read */
    "  has_contact INTEGER,"		/* NULL: no whois or PeeringDB read */
    "  spoofed INTEGER,"		/* M5 raw; NULL: no Spoofer test */
    "  PRIMARY KEY (asn, period)"
    ") WITHOUT ROWID;"
    "CREATE INDEX facts_run ON facts(run_id);"
    "CREATE TABLE announcements ("
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    "  period TEXT NOT NULL,"		/* the run's period */
    "  origin INTEGER NOT NULL,"
    "  prefix TEXT NOT NULL,"
    "  first_seen INTEGER NOT NULL,"	/* UTC seconds, within the period */
    "  last_seen INTEGER NOT NULL,"
    "  days INTEGER NOT NULL,"		/* days of the period it was seen */
    "  peers INTEGER NOT NULL,"		/* distinct collector peers, up to 16 */
    "  rpki TEXT,"			/* valid, invalid, not-found; NULL: no VRPs */
    "  irr TEXT,"			/* exact, more-specific, none; NULL: no IRR */
    "  irr_auth INTEGER,"		/* matched in an authoritative IRR */
    "  PRIMARY KEY (origin, period, prefix)"
    ") WITHOUT ROWID;"
    "CREATE INDEX announcements_run ON announcements(run_id);"
    "CREATE INDEX announcements_prefix ON announcements(prefix);";

/*
 * v4: the audit log of writes through the server — who (the token), when,
 * the request, and how it ended, whether it was allowed or not.  Primary
 * data: never rebuilt, never dropped.
 */
static const char v4[] =
    "CREATE TABLE audit ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  at INTEGER NOT NULL,"		/* UTC seconds */
    "  token_id INTEGER,"		/* NULL: no valid token */
    "  token_name TEXT,"
    "  method TEXT NOT NULL,"
    "  target TEXT NOT NULL,"		/* the request path */
    "  what TEXT NOT NULL,"		/* dispute-open, participant-put, ... */
    "  subject TEXT,"			/* the incident, dispute or organisation */
    "  status INTEGER NOT NULL,"	/* the HTTP status answered */
    "  detail TEXT"			/* the error, or the new row's id */
    ");"
    "CREATE INDEX audit_at ON audit(at);";

/*
 * v5: an incident's evidence in summary.  A route that 30 peers saw for
 * many prefixes made one events row per (peer, stretch): millions of
 * rows of JSON.  Now events holds a bounded sample (EVIDENCE_SAMPLE_MAX
 * rows per incident, the ones a report shows), and two derived tables
 * keep what is exact: the counts per incident, and per (prefix, origin)
 * of an incident when it was seen and in how many events — what prefix
 * lookups and the STIX indicators read.  Stores from before keep their
 * events; the two tables are filled from them.
 */
static const char v5[] =
    "CREATE TABLE incident_counts ("
    "  incident_id TEXT PRIMARY KEY REFERENCES incidents(id)"
    "    ON DELETE CASCADE,"
    "  events INTEGER NOT NULL,"		/* all, stored or not */
    "  peers INTEGER NOT NULL,"		/* distinct collector peers */
    "  prefixes INTEGER NOT NULL"		/* distinct prefixes */
    ") WITHOUT ROWID;"
    "CREATE TABLE incident_prefixes ("
    "  incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,"
    "  prefix TEXT NOT NULL,"
    "  origin INTEGER NOT NULL,"		/* the route's; else the incident's AS */
    "  first_seen INTEGER NOT NULL,"	/* its events' first start */
    "  last_seen INTEGER NOT NULL,"	/* and last end */
    "  events INTEGER NOT NULL,"
    "  PRIMARY KEY (incident_id, prefix, origin)"
    ") WITHOUT ROWID;"
    "CREATE INDEX incident_prefixes_prefix ON incident_prefixes(prefix);"
    "INSERT INTO incident_counts SELECT i.id, count(e.incident_id),"
    "  count(DISTINCT CASE WHEN json_valid(e.evidence) THEN"
    "    json_extract(e.evidence, '$.collector') || ' ' ||"
    "    json_extract(e.evidence, '$.peer') END),"
    "  count(DISTINCT e.prefix)"
    "  FROM incidents i LEFT JOIN events e ON e.incident_id = i.id"
    "  GROUP BY i.id;"
    "INSERT INTO incident_prefixes SELECT e.incident_id, e.prefix,"
    "  CASE WHEN json_valid(e.evidence) AND"
    "    json_type(e.evidence, '$.origin') = 'integer' AND"
    "    json_extract(e.evidence, '$.origin') BETWEEN 0 AND 4294967295"
    "    THEN json_extract(e.evidence, '$.origin') ELSE i.asn END,"
    "  min(e.start), max(e.end), count(*)"
    "  FROM events e JOIN incidents i ON i.id = e.incident_id"
    "  WHERE e.prefix IS NOT NULL GROUP BY 1, 2, 3;";

const char *const store_migrations[] = { v1, v2, v3, v4, v5 };
const int store_nmigrations = sizeof(store_migrations) /
    sizeof(store_migrations[0]);
