/*
 * manrs observe end to end on scenarios written with the MRT writer, one
 * per metric, each with its expected incidents and scores worked by hand:
 * an RPKI-invalid sub-prefix hijack for 13 h, the methodology's example
 * (29 min, 13 h, 25 h: 3.5), a MOAS sub-prefix hijack against an
 * IRR-registered origin, dated VRP snapshots, a route leak through a
 * customer, bogon prefixes and ASNs, contacts and spoofing; and that a
 * re-run replaces the period's results and an accepted dispute takes an
 * incident out of scoring.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "formats/mrt_write.h"
#include "observe/method.h"
#include "observe/run.h"
#include "store/dispute.h"
#include "store/store.h"

#define H	3600
#define FROM	1427846400		/* 2015-04-01 */
#define TO	(FROM + 30 * 86400)

static char dir[64], mrt[128], vrps[128], asrel[128], pdb[128], db[128];
static char spoof[128];
/* The VRP files a run reads: vrps alone unless a test sets others. */
static struct source vrp_src[2];
static size_t nvrp_src;
/* The MRT files it reads: mrt alone unless a test sets others; and an
 * incremental run's state file (NULL: none). */
static struct source mrt_src[3];
static size_t nmrt_src;
static const char *state_path;
/* The RPSL dumps it reads: none unless a test sets them. */
static struct source irr_src[1];
static size_t nirr_src;

static struct addr
v4(unsigned a, unsigned b, unsigned c, unsigned d)
{
	struct addr x;

	memset(&x, 0, sizeof(x));
	x.afi = AFI_IPV4;
	x.b[0] = (uint8_t)a;
	x.b[1] = (uint8_t)b;
	x.b[2] = (uint8_t)c;
	x.b[3] = (uint8_t)d;
	return x;
}

/* One BGP4MP_MESSAGE_AS4 UPDATE: announce pfx with path, or withdraw. */
static void
update(FILE *fp, uint32_t ts, unsigned peer, const char *pfx,
    const uint32_t *path, size_t n)
{
	struct mrtw_bgp4mp h;
	struct mrtw_buf attrs, rec;
	struct bgpw_update u;
	struct prefix p;
	struct addr nh = v4(192, 0, 0, peer);
	const char *why;
	size_t mark;

	assert_true(prefix_parse(pfx, strlen(pfx), &p, &why));
	memset(&h, 0, sizeof(h));
	h.ts = ts;
	h.as4 = true;
	h.peer_as = 64500 + peer;
	h.local_as = 12654;
	h.peer_ip = nh;
	mrtw_buf_init(&attrs, 0);
	mrtw_buf_init(&rec, 0);
	memset(&u, 0, sizeof(u));
	if (path != NULL) {
		bgpw_origin(&attrs, 0);
		bgpw_as_path_seq(&attrs, path, n, true);
		bgpw_next_hop(&attrs, &nh);
		u.attrs = attrs.p;
		u.attrlen = attrs.len;
		u.nlri = &p;
		u.nnlri = 1;
	} else {
		u.withdrawn = &p;
		u.nwithdrawn = 1;
	}
	mark = mrtw_bgp4mp_begin(&rec, &h);
	assert_true(bgpw_update(&rec, &u));
	assert_true(mrtw_end(&rec, mark));
	assert_true(mrtw_buf_flush(&rec, fp));
	mrtw_buf_free(&attrs);
	mrtw_buf_free(&rec);
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/manrs-observe.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(mrt, sizeof(mrt), "%s/updates.mrt", dir);
	snprintf(vrps, sizeof(vrps), "%s/vrps.csv", dir);
	snprintf(asrel, sizeof(asrel), "%s/as-rel.txt", dir);
	snprintf(pdb, sizeof(pdb), "%s/peeringdb.json", dir);
	snprintf(db, sizeof(db), "%s/manrs.db", dir);
	snprintf(spoof, sizeof(spoof), "%s/spoofer.csv", dir);
	vrp_src[0].path = vrps;
	nvrp_src = 1;
	mrt_src[0].path = mrt;
	nmrt_src = 1;
	state_path = NULL;
	nirr_src = 0;
	write_file(vrps, "ASN,IP Prefix,Max Length,Trust Anchor\n");
	write_file(asrel, "# serial-1\n");
	write_file(pdb, "{\"data\":[]}\n");
	write_file(spoof, "session,timestamp,asn4,client4,nat4,privatespoof,"
	    "routedspoof\n");
	return 0;
}

/*
 * The hijack: 3333 holds 185.0.0.0/16 (a ROA, maxLength 16); 200666
 * announces 185.0.5.0/24 through its provider 3356 for 13 h, seen by two
 * peers.
 */
static void
write_hijack(void)
{
	static const uint32_t legit[] = { 3356, 3333 };
	static const uint32_t hijack[] = { 3356, 200666 };
	FILE *fp;
	unsigned p;

	fp = fopen(mrt, "wb");
	assert_non_null(fp);
	for (p = 1; p <= 2; p++)
		update(fp, FROM, p, "185.0.0.0/16", legit, 2);
	for (p = 1; p <= 2; p++)
		update(fp, FROM + 2 * H, p, "185.0.5.0/24", hijack, 2);
	for (p = 1; p <= 2; p++)
		update(fp, FROM + 15 * H, p, "185.0.5.0/24", NULL, 0);
	assert_int_equal(fclose(fp), 0);
	write_file(vrps, "ASN,IP Prefix,Max Length,Trust Anchor\n"
	    "AS3333,185.0.0.0/16,16,test\n");
	write_file(asrel, "# serial-1\n3356|200666|-1\n3356|3333|-1\n");
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

/* The real IANA registries in testdata/ (tests run from the repository). */
static struct source rir[] = {
	{ "testdata/rir/iana_iana-ipv4-special-registry.xml", NULL },
	{ "testdata/rir/iana_ipv4-address-space.xml", NULL },
};

static void run_period(struct observe_summary *, int64_t, int64_t,
    const char *);

static void
run(struct observe_summary *sum)
{
	run_period(sum, FROM, TO, "2015-04");
}

static void
run_period(struct observe_summary *sum, int64_t from, int64_t to,
    const char *period)
{
	struct source a = { asrel, NULL };
	struct source p = { pdb, NULL }, sp = { spoof, NULL };
	struct observe_inputs in;
	struct observe_opts o;
	struct method meth;
	char err[512];

	memset(&in, 0, sizeof(in));
	in.mrt = mrt_src;
	in.nmrt = nmrt_src;
	in.vrps = vrp_src;
	in.nvrps = nvrp_src;
	in.irr = irr_src;
	in.nirr = nirr_src;
	in.asrel = &a;
	in.nasrel = 1;
	in.pdb = &p;
	in.npdb = 1;
	in.rir = rir;
	in.nrir = 2;
	in.spoofer = &sp;
	in.nspoofer = 1;
	method_defaults(&meth);
	memset(&o, 0, sizeof(o));
	o.from = from;
	o.to = to;
	o.period = period;
	o.method = &meth;
	o.db = db;
	o.state = state_path;
	o.writer = "test";
	if (observe_run(&in, &o, sum, err, sizeof(err)) != 0)
		fail_msg("observe: %s", err);
}

static double
one_real(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	double v = -1;

	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

#define M2_ID	"M2-AS200666-20150401T020000Z"

/*
 * The evidence bound: 200666 announces 40 RPKI-invalid /24s of 3333's
 * 185.0.0.0/16 for 13 h, seen by 3 peers: one M2 incident of 120 events.
 * The store keeps EVIDENCE_SAMPLE_MAX (50) of them, the first by start and
 * prefix text — all start together, so 16 prefixes' 3 events and 2 of the
 * 17th — and the exact counts and 40 (prefix, origin) rows.
 */
static void
test_evidence_bound(void **state)
{
	static const uint32_t legit[] = { 3356, 3333 };
	static const uint32_t hijack[] = { 3356, 200666 };
	struct observe_summary s;
	char pfx[32];
	FILE *fp;
	unsigned p, k;

	(void)state;
	fp = fopen(mrt, "wb");
	assert_non_null(fp);
	for (p = 1; p <= 3; p++)
		update(fp, FROM, p, "185.0.0.0/16", legit, 2);
	for (k = 0; k < 40; k++)
		for (p = 1; p <= 3; p++) {
			snprintf(pfx, sizeof(pfx), "185.0.%u.0/24", k);
			update(fp, FROM + 2 * H, p, pfx, hijack, 2);
		}
	for (k = 0; k < 40; k++)
		for (p = 1; p <= 3; p++) {
			snprintf(pfx, sizeof(pfx), "185.0.%u.0/24", k);
			update(fp, FROM + 15 * H, p, pfx, NULL, 0);
		}
	assert_int_equal(fclose(fp), 0);
	write_file(vrps, "ASN,IP Prefix,Max Length,Trust Anchor\n"
	    "AS3333,185.0.0.0/16,16,test\n");
	write_file(asrel, "# serial-1\n3356|200666|-1\n3356|3333|-1\n");
	run(&s);
	assert_int_equal(s.incidents_by_metric[M2], 1);
	assert_int_equal(s.events, 240);	/* M2 and M2C */
	assert_true(one_real("SELECT count(*) FROM events WHERE incident_id = '"
	    M2_ID "'") == 50);
	assert_true(one_real("SELECT events * 10000 + peers * 100 + prefixes "
	    "FROM incident_counts WHERE incident_id = '" M2_ID "'") ==
	    120 * 10000 + 3 * 100 + 40);
	assert_true(one_real("SELECT count(*) FROM incident_prefixes WHERE "
	    "incident_id = '" M2_ID "' AND origin = 200666 AND events = 3 AND "
	    "first_seen = 1427853600 AND last_seen = 1427900400") == 40);
	assert_true(one_real("SELECT count(DISTINCT prefix) FROM events WHERE "
	    "incident_id = '" M2_ID "'") == 17);
	/* Those kept come first in text order: none kept sorts after one not. */
	assert_true(one_real("SELECT (SELECT max(prefix) FROM events WHERE "
	    "incident_id = '" M2_ID "') < (SELECT min(prefix) FROM "
	    "incident_prefixes WHERE incident_id = '" M2_ID "' AND prefix NOT "
	    "IN (SELECT prefix FROM events WHERE incident_id = '" M2_ID "'))")
	    == 1);
	/* The score is the incident's, as without a bound: 13 h, 49 %. */
	assert_true(one_real("SELECT count(*) FROM incidents WHERE id = '"
	    M2_ID "' AND end - start = 46800 AND score = 1") == 1);
	assert_int_equal((int)lround(one_real("SELECT pct FROM scores WHERE "
	    "asn = 200666 AND period = '2015-04' AND action = 'filtering'")),
	    49);
}

static void
test_hijack(void **state)
{
	struct observe_summary s;

	(void)state;
	write_hijack();
	run(&s);
	assert_int_equal(s.incidents_by_metric[M2], 1);
	assert_int_equal(s.incidents_by_metric[M2C], 1);
	assert_int_equal(s.peers, 2);
	assert_true(one_real("SELECT count(*) FROM incidents WHERE id = '"
	    M2_ID "' AND end - start = 46800 AND score = 1") == 1);
	assert_true(one_real("SELECT count(*) FROM incidents WHERE id = "
	    "'M2C-AS3356-20150401T020000Z'") == 1);
	/* Both peers' sightings are evidence, with the RPKI reason. */
	assert_true(one_real("SELECT count(*) FROM events WHERE incident_id = '"
	    M2_ID "' AND json_extract(evidence, '$.rpki') = 'invalid' AND "
	    "json_extract(evidence, '$.rpki_reason') = 'as' AND "
	    "json_extract(evidence, '$.path') = '3356 200666'") == 2);
	/* One 13 h incident: raw 1, pct(1) = 49 %, Lagging. */
	assert_int_equal((int)lround(one_real("SELECT pct FROM scores WHERE "
	    "asn = 200666 AND period = '2015-04' AND action = 'filtering'")),
	    49);
	assert_true(one_real("SELECT pct FROM scores WHERE asn = 3333 AND "
	    "action = 'global-validation-rpki'") == 100);
	assert_true(one_real("SELECT pct FROM scores WHERE asn = 3333 AND "
	    "action = 'filtering'") == 100);

	/* What the scores were made of: the month, and each of its days. */
	assert_true(one_real("SELECT count(*) FROM facts WHERE asn = 200666 "
	    "AND period = '2015-04' AND announced = 1 AND rpki_invalid = 1 AND "
	    "rpki_valid = 0 AND irr_known = 0 AND rpki_known = 1") == 1);
	assert_true(one_real("SELECT count(*) FROM facts WHERE asn = 3333 AND "
	    "period LIKE '2015-04-__'") == 30);
	assert_true(one_real("SELECT announced + 10 * rpki_invalid FROM facts "
	    "WHERE asn = 200666 AND period = '2015-04-01'") == 11);
	assert_true(one_real("SELECT announced FROM facts WHERE asn = 200666 "
	    "AND period = '2015-04-02'") == 0);
	assert_true(one_real("SELECT rpki_valid FROM facts WHERE asn = 3333 "
	    "AND period = '2015-04-30'") == 1);
	/* No Spoofer session, no contact data source with this AS: NULL. */
	assert_true(one_real("SELECT count(*) FROM facts WHERE spoofed IS NOT "
	    "NULL") == 0);
	assert_true(one_real("SELECT count(*) FROM announcements WHERE "
	    "period = '2015-04' AND origin = 200666 AND prefix = "
	    "'185.0.5.0/24' AND rpki = 'invalid' AND irr IS NULL AND days = 1 "
	    "AND peers = 2 AND last_seen - first_seen = 46800") == 1);
	assert_true(one_real("SELECT days FROM announcements WHERE origin = "
	    "3333 AND rpki = 'valid'") == 30);
	assert_true(one_real("SELECT count(*) FROM runs WHERE method LIKE "
	    "'%pct.base = 0.6%'") == 1);
}

/*
 * Dated VRP snapshots: on 2015-04-01 only 3333's /16 ROA, so 200666's
 * /24, announced from day 5, is Invalid; the 2015-04-10 snapshot adds a
 * ROA for it, so it is Valid from day 10.  One M2 incident from day 5
 * 02:00 to day 10 00:00: 4 days 22 h, scores 1 + 4 = 5.
 */
static void
test_dated_vrps(void **state)
{
	static const uint32_t legit[] = { 3356, 3333 };
	static const uint32_t newer[] = { 3356, 200666 };
	char v1[160], v2[160];
	struct observe_summary s;
	FILE *fp;
	unsigned p;

	(void)state;
	fp = fopen(mrt, "wb");
	assert_non_null(fp);
	for (p = 1; p <= 2; p++)
		update(fp, FROM, p, "185.0.0.0/16", legit, 2);
	for (p = 1; p <= 2; p++)
		update(fp, FROM + 4 * 86400 + 2 * H, p, "185.0.5.0/24", newer,
		    2);
	assert_int_equal(fclose(fp), 0);
	snprintf(v1, sizeof(v1), "%s/vrps-2015-04-01.csv", dir);
	snprintf(v2, sizeof(v2), "%s/20150410.csv", dir);
	write_file(v1, "ASN,IP Prefix,Max Length,Trust Anchor\n"
	    "AS3333,185.0.0.0/16,16,test\n");
	write_file(v2, "ASN,IP Prefix,Max Length,Trust Anchor\n"
	    "AS3333,185.0.0.0/16,16,test\nAS200666,185.0.5.0/24,24,test\n");
	/* Given newest first: the order of the files does not matter. */
	vrp_src[0].path = v2;
	vrp_src[1].path = v1;
	nvrp_src = 2;
	run(&s);
	assert_int_equal(s.vrp_days, 2);
	assert_int_equal(s.incidents_by_metric[M2], 1);
	assert_true(one_real("SELECT count(*) FROM incidents WHERE id = "
	    "'M2-AS200666-20150405T020000Z' AND end = 1427846400 + 9 * 86400 "
	    "AND score = 5") == 1);
	assert_true(one_real("SELECT rpki_invalid FROM facts WHERE asn = "
	    "200666 AND period = '2015-04-07'") == 1);
	assert_true(one_real("SELECT rpki_valid * 10 + rpki_invalid FROM facts "
	    "WHERE asn = 200666 AND period = '2015-04-12'") == 10);
	/* The month: the state on the last day seen. */
	assert_true(one_real("SELECT rpki_valid FROM facts WHERE asn = 200666 "
	    "AND period = '2015-04'") == 1);
	assert_true(one_real("SELECT count(*) FROM announcements WHERE origin "
	    "= 200666 AND rpki = 'valid' AND days = 26") == 1);
	/* Before day 5 there was nothing to judge: no announcement. */
	assert_true(one_real("SELECT announced FROM facts WHERE asn = 200666 "
	    "AND period = '2015-04-04'") == 0);
}

/*
 * The methodology's example: 200666 takes three of 3333's prefixes (RPKI
 * Invalid origin, exact prefix) for 29 min, 13 h and 25 h, days apart:
 * three incidents scoring 0.5 + 1 + 2 = 3.5, Filtering 0.6 ^ sqrt(7).
 */
static void
test_methodology_example(void **state)
{
	static const uint32_t legit[] = { 3356, 3333 };
	static const uint32_t bad[] = { 3356, 200666 };
	static const struct {
		const char	*pfx;
		int64_t		 at, len;
	} take[] = {
		{ "185.0.0.0/16", 1 * 86400, 29 * 60 },
		{ "185.1.0.0/16", 5 * 86400, 13 * H },
		{ "185.2.0.0/16", 10 * 86400, 25 * H },
	};
	struct observe_summary s;
	FILE *fp;
	unsigned p, i;

	(void)state;
	fp = fopen(mrt, "wb");
	assert_non_null(fp);
	for (i = 0; i < 3; i++)
		for (p = 1; p <= 2; p++)
			update(fp, FROM, p, take[i].pfx, legit, 2);
	/* Peer 3 sees the hijacks; peers 1 and 2 keep the real routes. */
	for (i = 0; i < 3; i++)
		for (p = 3; p <= 4; p++) {
			update(fp, (uint32_t)(FROM + take[i].at), p,
			    take[i].pfx, bad, 2);
			update(fp, (uint32_t)(FROM + take[i].at + take[i].len), p,
			    take[i].pfx, NULL, 0);
		}
	assert_int_equal(fclose(fp), 0);
	write_file(vrps, "ASN,IP Prefix,Max Length,Trust Anchor\n"
	    "AS3333,185.0.0.0/16,16,t\nAS3333,185.1.0.0/16,16,t\n"
	    "AS3333,185.2.0.0/16,16,t\n");
	run(&s);
	assert_int_equal(s.incidents_by_metric[M2], 3);
	assert_true(one_real("SELECT sum(score) FROM incidents WHERE asn = "
	    "200666 AND metric = 'M2'") == 3.5);
	assert_true(one_real("SELECT score FROM incidents WHERE id = "
	    "'M2-AS200666-20150402T000000Z'") == 0.5);
	assert_true(fabs(one_real("SELECT pct FROM scores WHERE asn = 200666 "
	    "AND action = 'filtering'") - 100 * pow(0.6, sqrt(7))) < 1e-9);
	assert_true(one_real("SELECT count(*) FROM scores WHERE asn = 200666 "
	    "AND action = 'filtering' AND label = 'Lagging'") == 1);
	/* Its RPKI registration: 0 valid, all invalid → 0 %. */
	assert_true(one_real("SELECT pct FROM scores WHERE asn = 200666 AND "
	    "action = 'global-validation-rpki'") == 0);
}

/*
 * A sub-prefix hijack with no ROAs: 3333's /16 is in an authoritative
 * IRR (RIPE) and was there when the month began; 200666, in no IRR,
 * announces a /24 of it for 13 h.  A MOAS newcomer: M2 scoring 1, with
 * 3333 as the established origin in the evidence.
 */
static void
test_moas_subprefix(void **state)
{
	static const uint32_t legit[] = { 3356, 3333 };
	static const uint32_t hijack[] = { 3356, 200666 };
	char rpsl[160];
	struct observe_summary s;
	FILE *fp;
	unsigned p;

	(void)state;
	fp = fopen(mrt, "wb");
	assert_non_null(fp);
	for (p = 1; p <= 2; p++)
		update(fp, FROM, p, "185.0.0.0/16", legit, 2);
	for (p = 1; p <= 2; p++)
		update(fp, FROM + 3 * 86400, p, "185.0.5.0/24", hijack, 2);
	for (p = 1; p <= 2; p++)
		update(fp, FROM + 3 * 86400 + 13 * H, p, "185.0.5.0/24", NULL,
		    0);
	assert_int_equal(fclose(fp), 0);
	snprintf(rpsl, sizeof(rpsl), "%s/ripe.db", dir);
	write_file(rpsl, "route: 185.0.0.0/16\norigin: AS3333\n"
	    "mnt-by: M\nsource: RIPE\n\n");
	irr_src[0].path = rpsl;
	nirr_src = 1;
	nvrp_src = 0;
	run(&s);
	assert_true(s.no_rpki);
	assert_int_equal(s.incidents_by_metric[M2], 1);
	assert_true(one_real("SELECT score FROM incidents WHERE id = "
	    "'M2-AS200666-20150404T000000Z'") == 1);
	assert_true(one_real("SELECT count(*) FROM events WHERE incident_id = "
	    "'M2-AS200666-20150404T000000Z' AND json_extract(evidence, '$.why')"
	    " = 'moas-newcomer' AND json_extract(evidence, "
	    "'$.established_origin') = 3333 AND json_type(evidence, '$.rpki') "
	    "= 'null' AND json_extract(evidence, '$.irr') = 'none'") == 2);
	assert_int_equal((int)lround(one_real("SELECT pct FROM scores WHERE "
	    "asn = 200666 AND action = 'filtering'")), 49);
	/* 3333's /16 is registered, 200666's /24 is not. */
	assert_true(one_real("SELECT pct FROM scores WHERE asn = 3333 AND "
	    "action = 'global-validation-irr'") == 100);
	assert_true(one_real("SELECT count(*) FROM announcements WHERE origin "
	    "= 200666 AND irr = 'none' AND rpki IS NULL") == 1);
	assert_true(one_real("SELECT count(*) FROM scores WHERE asn = 3333 AND "
	    "action = 'global-validation-rpki' AND label = 'No data'") == 1);
}

/*
 * Trends: in March 200666 hijacks a /24 of 3333's for 13 h through its
 * provider 3356 (M2C: 3356's Filtering 49 %, Lagging); April is clean
 * (100 %, Ready).  April's run, against March: one AS better on
 * Filtering (3356) of the two with data in both months (3356, 3333).
 */
static void
test_trend(void **state)
{
	static const uint32_t legit[] = { 3356, 3333 };
	static const uint32_t hijack[] = { 3356, 200666 };
	const int64_t march = FROM - 31 * 86400;
	struct observe_summary s;
	FILE *fp;
	unsigned p;

	(void)state;
	fp = fopen(mrt, "wb");
	assert_non_null(fp);
	for (p = 1; p <= 2; p++)
		update(fp, (uint32_t)march, p, "185.0.0.0/16", legit, 2);
	for (p = 1; p <= 2; p++)
		update(fp, (uint32_t)(march + 4 * 86400), p, "185.0.5.0/24",
		    hijack, 2);
	for (p = 1; p <= 2; p++)
		update(fp, (uint32_t)(march + 4 * 86400 + 13 * H), p,
		    "185.0.5.0/24", NULL, 0);
	assert_int_equal(fclose(fp), 0);
	write_file(vrps, "ASN,IP Prefix,Max Length,Trust Anchor\n"
	    "AS3333,185.0.0.0/16,16,test\n");
	write_file(asrel, "# serial-1\n3356|200666|-1\n3356|3333|-1\n");
	run_period(&s, march, FROM, "2015-03");
	assert_string_equal(s.prev_period, "");
	assert_int_equal(s.labels[ACT_FILTERING][LABEL_LAGGING], 2);
	run(&s);
	assert_string_equal(s.prev_period, "2015-03");
	assert_int_equal(s.better[ACT_FILTERING], 1);
	assert_int_equal(s.worse[ACT_FILTERING], 0);
	assert_int_equal(s.compared[ACT_FILTERING], 2);
	assert_true(one_real("SELECT count(*) FROM scores WHERE asn = 3356 AND "
	    "action = 'filtering' AND ((period = '2015-03' AND label = "
	    "'Lagging') OR (period = '2015-04' AND label = 'Ready'))") == 2);
}

/* A session going down: peer's BGP state from Established to Idle. */
static void
session_down(FILE *fp, uint32_t ts, unsigned peer)
{
	struct mrtw_bgp4mp h;
	struct mrtw_buf rec;

	memset(&h, 0, sizeof(h));
	h.ts = ts;
	h.as4 = true;
	h.peer_as = 64500 + peer;
	h.local_as = 12654;
	h.peer_ip = v4(192, 0, 0, peer);
	mrtw_buf_init(&rec, 0);
	assert_true(mrtw_bgp4mp_state(&rec, &h, 6, 1));
	assert_true(mrtw_buf_flush(&rec, fp));
	mrtw_buf_free(&rec);
}

/* Rows of a query over the store at path, as one string (allocated). */
static char *
rows(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	int i;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < sqlite3_column_count(st); i++)
			fprintf(fp, "%s|", sqlite3_column_text(st, i) ?
			    (const char *)sqlite3_column_text(st, i) : "NULL");
		fputc('\n', fp);
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	fclose(fp);
	return out;
}

/*
 * Incremental daily runs: three days of update files, read day by day
 * with a state file (the store keeping one month-to-date run), end with
 * exactly the store a single run over all three files writes: incidents,
 * events and evidence, scores, facts and announcements.
 */
static void
test_incremental(void **state)
{
	static const uint32_t legit[] = { 3356, 3333 };
	static const uint32_t legit2[] = { 174, 6939 };
	static const uint32_t hijack[] = { 3356, 200666 };
	static const uint32_t bogon[] = { 3356, 64512, 6939 };
	static const uint32_t leak[] = { 174, 12345, 3356, 3333 };
	static const char *const tables[] = {
		"SELECT id, asn, metric, start, end, score, weight FROM "
		    "incidents ORDER BY id",
		"SELECT incident_id, prefix, start, end, evidence FROM events "
		    "ORDER BY incident_id, start, end, evidence",
		"SELECT asn, period, action, pct, label FROM scores ORDER BY "
		    "asn, period, action",
		"SELECT asn, period, announced, irr_registered, rpki_valid, "
		    "rpki_invalid, has_contact, spoofed FROM facts ORDER BY asn, "
		    "period",
		"SELECT origin, prefix, period, first_seen, last_seen, days, "
		    "peers, rpki, irr FROM announcements ORDER BY origin, prefix",
	};
	char day[3][160], st[160], one[128], *a, *b;
	struct observe_summary s;
	FILE *fp[3];
	unsigned p, k;

	(void)state;
	for (k = 0; k < 3; k++) {
		snprintf(day[k], sizeof(day[k]), "%s/updates.2015040%u.mrt", dir,
		    k + 1);
		fp[k] = fopen(day[k], "wb");
		assert_non_null(fp[k]);
	}
	for (p = 1; p <= 3; p++) {
		update(fp[0], FROM, p, "185.0.0.0/16", legit, 2);
		update(fp[0], FROM + 60, p, "185.1.0.0/16", legit2, 2);
	}
	for (p = 1; p <= 2; p++)
		update(fp[0], FROM + 2 * H, p, "185.0.5.0/24", hijack, 2);
	update(fp[0], FROM + 3 * H, 3, "185.2.0.0/16", bogon, 3);
	/* Day 2: peer 2 goes down (its routes end), comes back; a leak. */
	session_down(fp[1], FROM + 86400 + H, 2);
	update(fp[1], FROM + 86400 + 3 * H, 2, "185.0.0.0/16", legit, 2);
	update(fp[1], FROM + 86400 + 5 * H, 1, "185.0.5.0/24", NULL, 0);
	for (p = 1; p <= 2; p++)
		update(fp[1], FROM + 86400 + 6 * H, p, "192.0.2.0/24", leak, 4);
	/* Day 3: the leak and the bogon path end. */
	for (p = 1; p <= 2; p++)
		update(fp[2], FROM + 2 * 86400 + H, p, "192.0.2.0/24", NULL, 0);
	update(fp[2], FROM + 2 * 86400 + 2 * H, 3, "185.2.0.0/16", NULL, 0);
	for (k = 0; k < 3; k++)
		assert_int_equal(fclose(fp[k]), 0);
	write_file(vrps, "ASN,IP Prefix,Max Length,Trust Anchor\n"
	    "AS3333,185.0.0.0/16,16,test\n");
	write_file(asrel, "# serial-1\n3356|200666|-1\n3356|3333|-1\n"
	    "3356|12345|-1\n174|12345|-1\n174|3356|0\n174|6939|-1\n");

	/* One run over all three days. */
	for (k = 0; k < 3; k++)
		mrt_src[k].path = day[k];
	nmrt_src = 3;
	snprintf(one, sizeof(one), "%s", db);
	run(&s);
	assert_true(s.incidents >= 6);

	/* Day by day, with a state, into another store. */
	snprintf(db, sizeof(db), "%s/incremental.db", dir);
	snprintf(st, sizeof(st), "%s/2015-04.state", dir);
	state_path = st;
	for (k = 0; k < 3; k++) {
		nmrt_src = k + 1;
		run_period(&s, FROM, k < 2 ? FROM + (k + 1) * 86400 : TO,
		    "2015-04");
		assert_int_equal(s.mrt_resumed, k);
		assert_int_equal(s.mrt_files, 1);
	}
	assert_true(one_real("SELECT count(*) FROM runs") == 1);
	for (k = 0; k < sizeof(tables) / sizeof(tables[0]); k++) {
		a = rows(one, tables[k]);
		b = rows(db, tables[k]);
		assert_true(strlen(a) > 0);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	/* A file the state read that changed since is refused. */
	fp[0] = fopen(day[0], "ab");
	update(fp[0], FROM + 5 * H, 3, "185.3.0.0/16", legit, 2);
	fclose(fp[0]);
	{
		struct observe_inputs in;
		struct observe_opts o;
		struct method meth;
		char err[512];

		memset(&in, 0, sizeof(in));
		in.mrt = mrt_src;
		in.nmrt = 3;
		method_defaults(&meth);
		memset(&o, 0, sizeof(o));
		o.from = FROM;
		o.to = TO;
		o.period = "2015-04";
		o.method = &meth;
		o.state = st;
		o.writer = "test";
		assert_int_equal(observe_run(&in, &o, &s, err, sizeof(err)), -1);
		assert_non_null(strstr(err, "changed since"));
	}
	snprintf(db, sizeof(db), "%s", one);
}

/* A re-run replaces; an accepted dispute stops the incident counting. */
static void
test_rerun_and_dispute(void **state)
{
	struct observe_summary s;
	struct store *st;
	char err[256];
	int64_t id;

	(void)state;
	write_hijack();
	run(&s);
	run(&s);
	assert_true(one_real("SELECT count(*) FROM runs") == 1);
	assert_true(one_real("SELECT count(*) FROM incidents") == 2);
	st = store_open(db, err, sizeof(err));
	assert_non_null(st);
	assert_true(dispute_open(st, M2_ID, "our customer's prefix", "noc",
	    1, &id, err, sizeof(err)));
	assert_true(dispute_resolve(st, id, true, "LOA seen", "auditor", 2,
	    err, sizeof(err)));
	store_close(st);
	run(&s);
	assert_int_equal(s.disputed, 1);
	/* Still stored and visible, no longer scored. */
	assert_true(one_real("SELECT count(*) FROM incidents WHERE id = '"
	    M2_ID "'") == 1);
	assert_true(one_real("SELECT pct FROM scores WHERE asn = 200666 AND "
	    "action = 'filtering'") == 100);
	assert_true(one_real("SELECT count(*) FROM disputes WHERE status = "
	    "'accepted'") == 1);
}

/*
 * A leak through a customer: 12345, a customer of 3356 and of 174,
 * passes 3356's route for 3333 on to 174 for 25 h.  M1 for 12345 (not
 * scored: its filtering stays 100 %), M1C for 174.
 */
static void
test_route_leak(void **state)
{
	static const uint32_t leak[] = { 174, 12345, 3356, 3333 };
	struct observe_summary s;
	FILE *fp;
	unsigned p;

	(void)state;
	fp = fopen(mrt, "wb");
	assert_non_null(fp);
	for (p = 1; p <= 2; p++)
		update(fp, FROM + H, p, "192.0.2.0/24", leak, 4);
	for (p = 1; p <= 2; p++)
		update(fp, FROM + 26 * H, p, "192.0.2.0/24", NULL, 0);
	assert_int_equal(fclose(fp), 0);
	write_file(asrel, "# serial-1\n3356|12345|-1\n174|12345|-1\n"
	    "3356|3333|-1\n174|3356|0\n");
	run(&s);
	assert_int_equal(s.incidents_by_metric[M1], 1);
	assert_int_equal(s.incidents_by_metric[M1C], 1);
	assert_int_equal(s.incidents_by_metric[M2], 0);
	/* 25 h: score 2. */
	assert_true(one_real("SELECT score FROM incidents WHERE id = "
	    "'M1-AS12345-20150401T010000Z'") == 2);
	assert_true(one_real("SELECT count(*) FROM events WHERE incident_id = "
	    "'M1C-AS174-20150401T010000Z' AND json_extract(evidence, "
	    "'$.leaked_to') = 174") == 2);
	assert_true(one_real("SELECT pct FROM scores WHERE asn = 12345 AND "
	    "action = 'filtering'") == 100);
}

/*
 * Coordination: 3333 has a policy contact in PeeringDB, 3356 has its
 * network there but no contact: Ready and Lagging.
 */
static void
test_contacts(void **state)
{
	static const uint32_t path[] = { 3356, 3333 };
	struct observe_summary s;
	FILE *fp;

	(void)state;
	fp = fopen(mrt, "wb");
	assert_non_null(fp);
	update(fp, FROM, 1, "192.0.2.0/24", path, 2);
	assert_int_equal(fclose(fp), 0);
	write_file(pdb, "{\"net\":{\"data\":["
	    "{\"id\":1,\"org_id\":1,\"asn\":3333,\"name\":\"A\","
	    "\"info_type\":\"NSP\",\"status\":\"ok\"},"
	    "{\"id\":2,\"org_id\":2,\"asn\":3356,\"name\":\"B\","
	    "\"info_type\":\"NSP\",\"status\":\"ok\"}]},"
	    "\"poc\":{\"data\":["
	    "{\"id\":9,\"net_id\":1,\"role\":\"Policy\","
	    "\"visible\":\"Public\",\"name\":\"NOC\","
	    "\"email\":\"noc@example.net\",\"status\":\"ok\"}]}}\n");
	run(&s);
	assert_true(one_real("SELECT pct FROM scores WHERE asn = 3333 AND "
	    "action = 'coordination'") == 100);
	assert_true(one_real("SELECT pct FROM scores WHERE asn = 3356 AND "
	    "action = 'coordination'") == 0);
	assert_true(one_real("SELECT count(*) FROM scores WHERE asn = 3356 "
	    "AND action = 'coordination' AND label = 'Lagging'") == 1);
}

/*
 * A bogon prefix: 3333 originates 192.168.0.0/16 (RFC 1918, not globally
 * reachable) for 29 minutes through its provider 3356: M3 for 3333 (0.5,
 * pct 60 %), M3C for 3356.  A private ASN in a path: 12345 passes on a
 * route from 65000 (private use) for 2 h: M4 for 12345 (the nearest AS
 * on the collector side that is not a bogon), M4C for its provider 174.
 */
static void
test_bogons(void **state)
{
	static const uint32_t bogon_pfx[] = { 3356, 3333 };
	static const uint32_t private_as[] = { 174, 12345, 65000 };
	struct observe_summary s;
	FILE *fp;

	(void)state;
	fp = fopen(mrt, "wb");
	assert_non_null(fp);
	update(fp, FROM + H, 1, "192.168.0.0/16", bogon_pfx, 2);
	update(fp, FROM + H + 29 * 60, 1, "192.168.0.0/16", NULL, 0);
	update(fp, FROM + 5 * H, 1, "185.1.0.0/16", private_as, 3);
	update(fp, FROM + 7 * H, 1, "185.1.0.0/16", NULL, 0);
	assert_int_equal(fclose(fp), 0);
	write_file(asrel, "# serial-1\n3356|3333|-1\n174|12345|-1\n");
	run(&s);
	assert_int_equal(s.incidents_by_metric[M3], 1);
	assert_true(one_real("SELECT score FROM incidents WHERE id = "
	    "'M3-AS3333-20150401T010000Z'") == 0.5);
	assert_true(one_real("SELECT count(*) FROM incidents WHERE id = "
	    "'M3C-AS3356-20150401T010000Z'") == 1);
	assert_true(one_real("SELECT count(*) FROM events WHERE incident_id = "
	    "'M3-AS3333-20150401T010000Z' AND json_extract(evidence, "
	    "'$.bogon') LIKE '%192.168.0.0/16%'") == 1);
	assert_int_equal((int)lround(one_real("SELECT pct FROM scores WHERE "
	    "asn = 3333 AND action = 'filtering'")), 60);
	assert_true(one_real("SELECT score FROM incidents WHERE id = "
	    "'M4-AS12345-20150401T050000Z'") == 1);
	assert_true(one_real("SELECT count(*) FROM incidents WHERE id = "
	    "'M4C-AS174-20150401T050000Z'") == 1);
	assert_true(one_real("SELECT count(*) FROM events WHERE incident_id = "
	    "'M4-AS12345-20150401T050000Z' AND json_extract(evidence, "
	    "'$.bogon_asn') = 65000") == 1);
}

/*
 * Anti-spoofing: in April, 3333's clients in two /24s got spoofed packets
 * out (raw 2: pct 36 %, Lagging); 174's one session was blocked (Ready);
 * 3356's only session is from March (no data).
 */
static void
test_spoofing(void **state)
{
	static const uint32_t a[] = { 174, 3333 };
	static const uint32_t b[] = { 3356, 6939 };
	struct observe_summary s;
	FILE *fp;

	(void)state;
	fp = fopen(mrt, "wb");
	assert_non_null(fp);
	update(fp, FROM, 1, "185.0.0.0/16", a, 2);
	update(fp, FROM, 1, "185.1.0.0/16", b, 2);
	assert_int_equal(fclose(fp), 0);
	write_file(spoof, "session,timestamp,asn4,client4,nat4,privatespoof,"
	    "routedspoof\n"
	    "1,2015-04-02T10:00:00+00:00,3333,185.0.1.0/24,false,blocked,"
	    "received\n"
	    "2,2015-04-03T10:00:00+00:00,3333,185.0.2.0/24,false,received,"
	    "blocked\n"
	    "3,2015-04-04T10:00:00+00:00,3333,185.0.2.0/24,false,received,"
	    "received\n"
	    "4,2015-04-05T10:00:00+00:00,174,185.2.0.0/24,false,blocked,"
	    "blocked\n"
	    "5,2015-03-05T10:00:00+00:00,3356,185.1.0.0/24,false,received,"
	    "received\n");
	run(&s);
	assert_int_equal((int)lround(one_real("SELECT pct FROM scores WHERE "
	    "asn = 3333 AND action = 'anti-spoofing'")), 36);
	assert_true(one_real("SELECT count(*) FROM scores WHERE asn = 3333 "
	    "AND action = 'anti-spoofing' AND label = 'Lagging'") == 1);
	assert_true(one_real("SELECT pct FROM scores WHERE asn = 174 AND "
	    "action = 'anti-spoofing'") == 100);
	assert_true(one_real("SELECT count(*) FROM scores WHERE asn = 3356 "
	    "AND action = 'anti-spoofing' AND label = 'No data' AND pct IS "
	    "NULL") == 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hijack, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence_bound, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_rerun_and_dispute, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_route_leak, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_contacts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bogons, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spoofing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dated_vrps, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_methodology_example,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_moas_subprefix, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_trend, setup, teardown),
		cmocka_unit_test_setup_teardown(test_incremental, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
