/* `manrs observe`: sources → reference model → detectors → store. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/diag.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/outbuf.h"
#include "base/progress.h"
#include "base/xmalloc.h"
#include "formats/asrel.h"
#include "formats/mrt.h"
#include "formats/peeringdb.h"
#include "formats/spoofer.h"
#include "formats/vrp.h"
#include "io/reader.h"
#include "irr/asset.h"
#include "irr/index.h"
#include "irr/load.h"
#include "net/asgraph.h"
#include "observe/detect.h"
#include "observe/digest.h"
#include "observe/feed.h"
#include "observe/run.h"
#include "observe/state.h"
#include "observe/score.h"
#include "ref/bogon_model.h"
#include "rpki/history.h"
#include "rpki/rov.h"
#include "store/dispute.h"
#include "store/store.h"

/* ---- the data directory ---- */

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Regular files in dir, sorted, as "dir/name" (allocated). */
static char **
list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		char path[4096];
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
		    de->d_name) >= sizeof(path) || stat(path, &st) != 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[(*n)++] = xstrdup(path);
	}
	closedir(d);
	if (*n > 0)
		qsort(v, *n, sizeof(*v), str_cmp);
	return v;
}

void
observe_add_source(struct source **v, size_t *n, const char *path,
    const char *collector)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n].path = xstrdup(path);
	(*v)[*n].collector = collector ? xstrdup(collector) : NULL;
	(*n)++;
}

static bool
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Regular files of DIR/sub into *v. */
static void
scan_flat(const char *dir, const char *sub, struct source **v, size_t *n)
{
	char path[4096];
	char **files;
	size_t nf, i;

	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	files = list_dir(path, &nf);
	for (i = 0; i < nf; i++) {
		if (!is_dir(files[i]))
			observe_add_source(v, n, files[i], NULL);
		free(files[i]);
	}
	free(files);
}

bool
observe_scan(const char *dir, struct observe_inputs *in, char *err,
    size_t errlen)
{
	static const char *const part_ext[] = { "json", "toml", "csv" };
	char path[4096];
	char **files;
	size_t nf, i;

	memset(in, 0, sizeof(*in));
	if (!is_dir(dir)) {
		snprintf(err, errlen, "%s: not a directory", dir);
		return false;
	}
	snprintf(path, sizeof(path), "%s/bgp", dir);
	files = list_dir(path, &nf);
	for (i = 0; i < nf; i++) {
		if (is_dir(files[i])) {
			const char *name = strrchr(files[i], '/') + 1;
			char **sub;
			size_t ns, j;

			sub = list_dir(files[i], &ns);
			for (j = 0; j < ns; j++) {
				if (!is_dir(sub[j]))
					observe_add_source(&in->mrt, &in->nmrt, sub[j],
					    name);
				free(sub[j]);
			}
			free(sub);
		} else
			observe_add_source(&in->mrt, &in->nmrt, files[i], "bgp");
		free(files[i]);
	}
	free(files);
	scan_flat(dir, "rpki", &in->vrps, &in->nvrps);
	scan_flat(dir, "irr", &in->irr, &in->nirr);
	scan_flat(dir, "asrel", &in->asrel, &in->nasrel);
	scan_flat(dir, "peeringdb", &in->pdb, &in->npdb);
	scan_flat(dir, "rir", &in->rir, &in->nrir);
	scan_flat(dir, "spoofer", &in->spoofer, &in->nspoofer);
	for (i = 0; i < sizeof(part_ext) / sizeof(part_ext[0]); i++) {
		snprintf(path, sizeof(path), "%s/participants.%s", dir,
		    part_ext[i]);
		if (access(path, F_OK) == 0)
			observe_add_source(&in->participants,
			    &in->nparticipants, path, NULL);
	}
	if (in->nmrt == 0) {
		snprintf(err, errlen, "%s/bgp: no MRT files", dir);
		observe_inputs_free(in);
		return false;
	}
	return true;
}

static void
free_sources(struct source *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].collector);
	}
	free(v);
}

void
observe_inputs_free(struct observe_inputs *in)
{
	free_sources(in->mrt, in->nmrt);
	free_sources(in->vrps, in->nvrps);
	free_sources(in->irr, in->nirr);
	free_sources(in->asrel, in->nasrel);
	free_sources(in->pdb, in->npdb);
	free_sources(in->rir, in->nrir);
	free_sources(in->spoofer, in->nspoofer);
	free_sources(in->participants, in->nparticipants);
	memset(in, 0, sizeof(*in));
}

void
incident_id(uint32_t asn, enum metric m, int64_t start, char *buf,
    size_t len)
{
	time_t t = (time_t)start;
	struct tm tm;
	char ts[32] = "?";

	if (gmtime_r(&t, &tm) != NULL)
		strftime(ts, sizeof(ts), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(buf, len, "%s-AS%" PRIu32 "-%s", metric_name(m), asn, ts);
}

/* ---- reference data ---- */

struct refs {
	struct vrp_set		 vrps;
	struct rov		*rov;		/* one undated VRP set */
	struct history		*history;	/* or dated snapshots */
	struct irr_index	*irr;
	struct irr_sets		*sets;		/* aut-nums: RIR whois contacts */
	struct asgraph		*graph;
	struct pdb		*pdb;
	struct bogon_model	 bogons;	/* reserved ASNs even without files */
	struct spoofer_set	 spoofer;
	struct spoofer_asn	*spoof;		/* per AS over the period, by ASN */
	size_t			 nspoof;
	struct progress		*pg;
};

static void
refs_free(struct refs *r)
{
	vrp_set_free(&r->vrps);
	rov_free(r->rov);
	history_free(r->history);
	irr_sets_free(r->sets);
	irr_index_free(r->irr);
	asgraph_free(r->graph);
	pdb_free(r->pdb);
	bogon_model_free(&r->bogons);
	spoofer_set_free(&r->spoofer);
	free(r->spoof);
}

/* IANA registries (*.xml) and RIR statistics (the rest) into bogons. */
static int
load_bogons(const struct observe_inputs *in, struct refs *r,
    struct observe_summary *sum, char *err, size_t errlen)
{
	struct bogon_inputs bi;
	size_t i;

	memset(&bi, 0, sizeof(bi));
	for (i = 0; i < in->nrir; i++)
		if (!bogon_inputs_add(&bi, in->rir[i].path, err, errlen))
			return -1;
	sum->no_rir = in->nrir == 0;
	sum->src[SRC_RIR].files = in->nrir;
	if (!bogon_model_load(&r->bogons, bi.iana, bi.niana, bi.rir,
	    bi.nrir)) {
		snprintf(err, errlen, "a registry file could not be read");
		return -1;
	}
	return 0;
}

/*
 * The day a VRP file is of, from a YYYY-MM-DD or YYYYMMDD in its name
 * (the way archives name daily snapshots); false if it has none.
 */
static bool
source_day(const char *path, uint32_t *day)
{
	const char *b = strrchr(path, '/'), *c;

	for (c = b != NULL ? b + 1 : path; *c != '\0'; c++) {
		unsigned y, m, dd;
		int n = 0;

		if (c > path && isdigit((unsigned char)c[-1]))
			continue;
		if ((sscanf(c, "%4u-%2u-%2u%n", &y, &m, &dd, &n) == 3 &&
		    n == 10) || (sscanf(c, "%4u%2u%2u%n", &y, &m, &dd, &n) == 3 &&
		    n == 8)) {
			if (isdigit((unsigned char)c[n]))
				continue;
			if (history_day_from_ymd(y, m, dd, day))
				return true;
		}
	}
	return false;
}

static int
read_vrps(struct progress *pg, const char *path, struct vrp_set *set,
    struct observe_summary *sum, char *err, size_t errlen)
{
	struct vrp_errors ve;
	size_t had = set->nvrps;

	memset(&ve, 0, sizeof(ve));
	progress_source(pg, "rpki", path, 0, 0);
	if (vrp_read(path, set, &ve) != 0) {
		snprintf(err, errlen, "%s", ve.fatal);
		return -1;
	}
	sum->vrps_rejected += ve.total;
	summary_vrp(sum, &ve);
	sum->src[SRC_RPKI].records += set->nvrps - had + ve.total;
	return 0;
}

struct dated {
	uint32_t	day;
	size_t		idx;
};

static int
dated_cmp(const void *a, const void *b)
{
	const struct dated *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/*
 * VRPs: files with a date in their name are daily snapshots and make a
 * ROA history (files of one day merge; undated files join every day);
 * without dates, all files are one set for the whole period.
 */
static int
load_vrps(const struct observe_inputs *in, struct refs *r,
    struct observe_summary *sum, char *err, size_t errlen)
{
	struct dated *dv = xcalloc(in->nvrps ? in->nvrps : 1, sizeof(*dv));
	struct vrp_set undated, day;
	size_t i, j, k, ndated = 0;
	int rc = -1;

	vrp_set_init(&r->vrps);
	vrp_set_init(&undated);
	vrp_set_init(&day);
	sum->no_rpki = in->nvrps == 0;
	for (i = 0; i < in->nvrps; i++) {
		if (source_day(in->vrps[i].path, &dv[ndated].day))
			dv[ndated++].idx = i;
		else if (read_vrps(r->pg, in->vrps[i].path, &undated, sum, err,
		    errlen) != 0)
			goto out;
	}
	if (ndated == 0) {
		r->vrps = undated;
		vrp_set_init(&undated);
		sum->vrps = r->vrps.nvrps;
		if (in->nvrps > 0)
			r->rov = rov_build(r->vrps.vrps, r->vrps.nvrps);
		rc = 0;
		goto out;
	}
	qsort(dv, ndated, sizeof(*dv), dated_cmp);
	r->history = history_new();
	for (i = 0; i < ndated; i = j) {
		vrp_set_free(&day);
		vrp_set_init(&day);
		for (j = i; j < ndated && dv[j].day == dv[i].day; j++)
			if (read_vrps(r->pg, in->vrps[dv[j].idx].path, &day,
			    sum, err, errlen) != 0)
				goto out;
		for (k = 0; k < undated.nvrps; k++)
			vrp_set_add(&day, &undated.vrps[k]);
		if (history_add_day(r->history, dv[i].day, day.vrps, day.nvrps,
		    err, errlen) != 0)
			goto out;
	}
	sum->vrps = history_nvrps(r->history);
	sum->vrp_days = history_ndays(r->history);
	rc = 0;
out:
	vrp_set_free(&undated);
	vrp_set_free(&day);
	free(dv);
	return rc;
}

static int
load_refs(const struct observe_inputs *in, struct refs *r,
    struct observe_summary *sum, char *err, size_t errlen)
{
	size_t i;

	if (load_vrps(in, r, sum, err, errlen) != 0)
		return -1;

	if (in->nirr > 0) {
		struct irr_load_stats st;

		memset(&st, 0, sizeof(st));
		r->irr = irr_index_new();
		r->sets = irr_sets_new(r->irr);
		for (i = 0; i < in->nirr; i++) {
			progress_source(r->pg, "irr", in->irr[i].path, i + 1,
			    in->nirr);
			if (!irr_load_path(r->irr, r->sets, in->irr[i].path, &st,
			    err, errlen))
				return -1;
		}
		irr_index_finish(r->irr);
		sum->irr_routes = irr_index_count(r->irr);
		sum->irr_bad = st.bad + st.no_source + st.rpsl_skipped;
		summary_irr(sum, &st, in->nirr);
	} else
		sum->no_irr = true;

	if (in->nasrel > 0) {
		struct asrel_stats st;

		memset(&st, 0, sizeof(st));
		r->graph = asgraph_new();
		for (i = 0; i < in->nasrel; i++) {
			progress_source(r->pg, "asrel", in->asrel[i].path,
			    i + 1, in->nasrel);
			if (asrel_read(r->graph, in->asrel[i].path,
			    ASREL_KIND_REL, &st, err, errlen) != 0)
				return -1;
		}
		asgraph_finish(r->graph);
		sum->asrel_links = st.links;
		sum->asrel_skipped = st.skipped;
		summary_asrel(sum, &st, in->nasrel);
	} else
		sum->no_asrel = true;

	if (in->npdb > 0) {
		struct pdb_stats st;

		memset(&st, 0, sizeof(st));
		r->pdb = pdb_new();
		for (i = 0; i < in->npdb; i++) {
			progress_source(r->pg, "peeringdb", in->pdb[i].path,
			    i + 1, in->npdb);
			if (pdb_read(r->pdb, in->pdb[i].path, &st, err,
			    errlen) != 0)
				return -1;
		}
		pdb_finish(r->pdb);
		sum->pdb_nets = pdb_count(r->pdb, PDB_NET);
		sum->pdb_skipped = st.skipped;
		summary_pdb(sum, &st, in->npdb);
	} else
		sum->no_pdb = true;
	if (load_bogons(in, r, sum, err, errlen) != 0)
		return -1;
	return 0;
}

/* Spoofer sessions, summarised per AS over the period (M5). */
static int
load_spoofer(const struct observe_inputs *in, const struct observe_opts *o,
    struct refs *r, struct observe_summary *sum, char *err, size_t errlen)
{
	size_t i;

	spoofer_set_init(&r->spoofer);
	sum->no_spoofer = in->nspoofer == 0;
	for (i = 0; i < in->nspoofer; i++) {
		struct diag d;
		size_t had = r->spoofer.n;

		spoofer_diag_init(&d, in->spoofer[i].path);
		progress_source(r->pg, "spoofer", in->spoofer[i].path, i + 1,
		    in->nspoofer);
		if (spoofer_read_file(&r->spoofer, in->spoofer[i].path,
		    &d) != 0) {
			snprintf(err, errlen, "%s", d.fatal);
			return -1;
		}
		sum->spoofer_skipped += d.total;
		summary_diag(sum, SRC_SPOOFER, &d, r->spoofer.n - had);
	}
	sum->spoofer_sessions = r->spoofer.n;
	r->nspoof = spoofer_summarize(&r->spoofer, o->from, o->to, &r->spoof);
	sum->spoofer_ases = r->nspoof;
	return 0;
}

static int
spoof_cmp(const void *key, const void *elem)
{
	uint32_t a = *(const uint32_t *)key;
	const struct spoofer_asn *s = elem;

	return (a > s->asn) - (a < s->asn);
}

/*
 * M5: raw = distinct client prefixes that got spoofed packets out, from
 * the summary of the period or of one day.
 */
static void
spoofing(const struct spoofer_asn *sum, size_t n, uint32_t asn,
    struct as_facts *f)
{
	const struct spoofer_asn *s;

	if (n == 0)
		return;
	s = bsearch(&asn, sum, n, sizeof(*sum), spoof_cmp);
	if (s == NULL || s->sessions == 0)
		return;
	f->spoofer_tested = true;
	f->raw[M5] = s->spoofing_clients;
}

/*
 * Left out of the universe: ASNs the RIR statistics list as available or
 * reserved (admin bogons), and reserved ASNs (private, documentation,
 * AS_TRANS...), which no network holds.
 */
static bool
asn_unassigned(void *ctx, uint32_t asn)
{
	const struct bogons *b = ctx;
	const struct bogon_reason *why;

	return bogons_asn(b, asn, &why) != BOGON_NONE;
}

/* Siblings: two networks of one PeeringDB organisation. */
static bool
pdb_sibling(void *ctx, uint32_t a, uint32_t b)
{
	const struct pdb *pdb = ctx;
	const struct pdb_net *x = pdb_net(pdb, a), *y = pdb_net(pdb, b);

	return x != NULL && y != NULL && x->org_id != 0 &&
	    x->org_id == y->org_id;
}

/*
 * M8: a contact in PeeringDB (pdb_has_contact says which count) or in RIR
 * whois (an aut-num object, which must name admin-c and tech-c).
 */
static void
contacts(const struct refs *r, uint32_t asn, struct as_facts *f)
{
	f->contacts_known = r->pdb != NULL || r->sets != NULL;
	f->has_contact = (r->pdb != NULL && pdb_has_contact(r->pdb, asn)) ||
	    (r->sets != NULL && irr_sets_has_autnum(r->sets, asn));
}

/* ---- BGP data ---- */

struct feed_ctx {
	struct detector		*det;
	struct observe_summary	*sum;
};

static void
on_elems(void *arg, uint32_t collector, const struct tl_elem *e, size_t n,
    const uint32_t *words)
{
	struct feed_ctx *c = arg;

	timeline_feed_batch(detector_timeline(c->det), collector, e, n, words);
}

static void
on_file(void *arg, const struct mrt_stats *st)
{
	struct observe_summary *sum = ((struct feed_ctx *)arg)->sum;
	unsigned i;

	sum->mrt_files++;
	sum->mrt_records += st->records;
	for (i = 0; i < 4; i++)
		sum->mrt_elems += st->elems[i];
	for (i = 0; i < SKIP_MAX; i++)
		sum->mrt_skipped += st->skipped[i];
	summary_mrt(sum, st);
}

/* ---- results ---- */

static const char *const why_names[] = {
	"route-leak", "rpki-invalid", "moas-newcomer", "bogon-prefix",
	"bogon-asn",
};

static const char *const irr_names[] = { "none", "exact", "more-specific" };

/* An AS path as text, "174 3356 {64500,64501}". */
static void
path_text(const struct timeline *tl, uint32_t path, struct outbuf *ob)
{
	const uint32_t *w;
	size_t n, i, j, start = ob->len;

	w = timeline_path(tl, path, &n);
	for (i = 0; i < n; i += 1 + (w[i] & 0xffff)) {
		bool set = (w[i] >> 16) == 1;

		if (ob->len > start)
			ob_char(ob, ' ');
		if (set)
			ob_char(ob, '{');
		for (j = 0; j < (w[i] & 0xffff); j++) {
			if (j > 0)
				ob_char(ob, set ? ',' : ' ');
			ob_u32(ob, w[i + 1 + j]);
		}
		if (set)
			ob_char(ob, '}');
	}
}

/* A JSON string of s: quotes, backslashes and controls escaped. */
static void
json_str(struct outbuf *ob, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	ob_char(ob, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			ob_char(ob, '\\');
			ob_char(ob, (char)c);
		} else if (c < 0x20) {
			ob_write(ob, "\\u00", 4);
			ob_char(ob, hex[c >> 4]);
			ob_char(ob, hex[c & 15]);
		} else
			ob_char(ob, (char)c);
	}
	ob_char(ob, '"');
}

/*
 * The evidence of one event as JSON, for the events table, into ob
 * (emptied first).  Appends, not printf: millions of rows at full size.
 */
static void
evidence_json(struct detector *det, char **names, const struct evidence *e,
    const struct observe_summary *sum, struct outbuf *ob)
{
	const struct timeline *tl = detector_timeline(det);
	const struct tl_peer *p = timeline_peer_info(tl, e->peer);
	char ip[ADDR_STRLEN];

	ob->len = 0;
	addr_fmt(&p->ip, ip);
	ob_str(ob, "{\"why\":\"");
	ob_str(ob, why_names[e->why]);
	ob_str(ob, "\",\"collector\":\"");
	ob_str(ob, names[p->collector]);
	ob_str(ob, "\",\"peer\":\"");
	ob_str(ob, ip);
	ob_str(ob, "\",\"peer_as\":");
	ob_u32(ob, p->asn);
	ob_str(ob, ",\"path\":\"");
	path_text(tl, e->path, ob);
	ob_str(ob, "\",\"origin\":");
	ob_u32(ob, e->origin);
	ob_str(ob, ",\"rpki\":");
	if (sum->no_rpki)
		ob_str(ob, "null");
	else {
		ob_char(ob, '"');
		ob_str(ob, rov_state_str((enum rov_state)e->rov));
		ob_char(ob, '"');
	}
	if (e->rov == ROV_INVALID) {
		ob_str(ob, ",\"rpki_reason\":\"");
		ob_str(ob, rov_reason_str((enum rov_reason)e->rov_reason));
		ob_char(ob, '"');
	}
	if (sum->no_irr)
		ob_str(ob, ",\"irr\":null");
	else {
		ob_str(ob, ",\"irr\":\"");
		ob_str(ob, irr_names[(e->irr & 0x7f) % 3]);
		ob_str(ob, (e->irr & 0x80) ? "\",\"irr_auth\":true" :
		    "\",\"irr_auth\":false");
	}
	if (e->other_origin != 0) {
		ob_str(ob, ",\"established_origin\":");
		ob_u32(ob, e->other_origin);
	}
	if (e->bogon_asn != 0) {
		ob_str(ob, ",\"bogon_asn\":");
		ob_u32(ob, e->bogon_asn);
	}
	if (e->bogon != NULL) {
		char why[BOGON_REASON_STRLEN];

		bogons_reason_fmt(e->bogon, why, sizeof(why));
		ob_str(ob, ",\"bogon\":");
		json_str(ob, why);
	}
	if (e->culprit_next != 0) {
		ob_str(ob, ",\"leaked_to\":");
		ob_u32(ob, e->culprit_next);
	}
	ob_char(ob, '}');
}

struct writer {
	sqlite3		*db;
	sqlite3_stmt	*inc, *ev, *score, *src, *facts, *ann, *counts, *ipfx;
	int64_t		 run;
	struct digest	 dg;
	struct outbuf	 json;		/* an event's evidence */
};

/*
 * Incidents, scores and facts replace rows of other runs: an incident's
 * id, and a day's period label, can recur in a run over another span
 * (a day's run and its month's).  A replaced incident takes its counts,
 * prefixes and events with it (ON DELETE CASCADE), and the announcements
 * of this run's period label went with the old run in
 * store_period_begin, so those three tables take plain INSERTs: a third
 * cheaper per row than OR REPLACE, which checks every index and the
 * foreign keys on a row-by-row delete path.
 */
static bool
prepare(struct writer *w)
{
	ob_init_mem(&w->json, MAX_EVIDENCE_JSON);
	return sqlite3_prepare_v2(w->db, "INSERT OR REPLACE INTO incidents "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", -1, &w->inc, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(w->db, "INSERT INTO events VALUES (?, ?, ?, ?, "
	    "?)", -1, &w->ev, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(w->db, "INSERT OR REPLACE INTO scores VALUES "
	    "(?, ?, ?, ?, ?, ?)", -1, &w->score, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(w->db, "INSERT INTO sources (run_id, kind, path,"
	    " bytes) VALUES (?, ?, ?, ?)", -1, &w->src, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(w->db, "INSERT OR REPLACE INTO facts VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &w->facts, NULL) ==
	    SQLITE_OK &&
	    sqlite3_prepare_v2(w->db, "INSERT INTO announcements "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &w->ann, NULL) ==
	    SQLITE_OK &&
	    sqlite3_prepare_v2(w->db, "INSERT INTO incident_counts "
	    "VALUES (?, ?, ?, ?)", -1, &w->counts, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(w->db, "INSERT INTO incident_prefixes "
	    "VALUES (?, ?, ?, ?, ?, ?)", -1, &w->ipfx, NULL) == SQLITE_OK;
}

static void
finalize(struct writer *w)
{
	sqlite3_finalize(w->inc);
	sqlite3_finalize(w->ev);
	sqlite3_finalize(w->score);
	sqlite3_finalize(w->src);
	sqlite3_finalize(w->facts);
	sqlite3_finalize(w->ann);
	sqlite3_finalize(w->counts);
	sqlite3_finalize(w->ipfx);
	digest_free(&w->dg);
	ob_free(&w->json);
}

static bool
step(sqlite3_stmt *st)
{
	bool ok = sqlite3_step(st) == SQLITE_DONE;

	sqlite3_reset(st);
	return ok;
}

static bool
write_sources(struct writer *w, const char *kind, const struct source *v,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct stat st;

		sqlite3_bind_int64(w->src, 1, w->run);
		sqlite3_bind_text(w->src, 2, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(w->src, 3, v[i].path, -1, SQLITE_STATIC);
		sqlite3_bind_int64(w->src, 4, stat(v[i].path, &st) == 0 ?
		    (int64_t)st.st_size : -1);
		if (!step(w->src))
			return false;
	}
	return true;
}

/* The peer and origin behind an event (digest_route_fn). */
static void
event_route(void *ctx, const struct event *e, uint32_t *peer,
    uint32_t *origin)
{
	const struct evidence *x = detector_evidence(ctx, e->evidence);

	*peer = x != NULL ? x->peer : 0;
	*origin = x != NULL ? x->origin : e->asn;
}

/*
 * An incident, its counts, its (prefix, origin) rows and a bounded
 * sample of its events with their evidence (observe/digest.h).
 */
static bool
write_incident(struct writer *w, struct detector *det, char **names,
    const struct incident *inc, const struct event *ev,
    const struct observe_summary *sum)
{
	const struct event *mine = ev + inc->first;
	char id[96], pfx[PREFIX_STRLEN];
	size_t i;

	incident_id(inc->asn, (enum metric)inc->metric, inc->start, id,
	    sizeof(id));
	sqlite3_bind_text(w->inc, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(w->inc, 2, w->run);
	sqlite3_bind_int64(w->inc, 3, inc->asn);
	sqlite3_bind_text(w->inc, 4, metric_name((enum metric)inc->metric),
	    -1, SQLITE_STATIC);
	sqlite3_bind_int64(w->inc, 5, inc->start);
	sqlite3_bind_int64(w->inc, 6, inc->end);
	sqlite3_bind_double(w->inc, 7, inc->score);
	sqlite3_bind_double(w->inc, 8, inc->weight);
	if (!step(w->inc))
		return false;
	digest_incident(&w->dg, mine, inc->count, EVIDENCE_SAMPLE_MAX,
	    event_route, det);
	sqlite3_bind_text(w->counts, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(w->counts, 2, (int64_t)w->dg.events);
	sqlite3_bind_int64(w->counts, 3, (int64_t)w->dg.peers);
	sqlite3_bind_int64(w->counts, 4, (int64_t)w->dg.prefixes);
	if (!step(w->counts))
		return false;
	for (i = 0; i < w->dg.npfx; i++) {
		const struct digest_prefix *r = &w->dg.pfx[i];

		sqlite3_bind_text(w->ipfx, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(w->ipfx, 2, r->text, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(w->ipfx, 3, r->origin);
		sqlite3_bind_int64(w->ipfx, 4, r->first);
		sqlite3_bind_int64(w->ipfx, 5, r->last);
		sqlite3_bind_int64(w->ipfx, 6, (int64_t)r->events);
		if (!step(w->ipfx))
			return false;
	}
	for (i = 0; i < w->dg.nsample; i++) {
		const struct event *e = &mine[w->dg.sample[i]];

		prefix_fmt(&e->prefix, pfx);
		evidence_json(det, names, detector_evidence(det, e->evidence),
		    sum, &w->json);
		sqlite3_bind_text(w->ev, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(w->ev, 2, pfx, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(w->ev, 3, e->start);
		sqlite3_bind_int64(w->ev, 4, e->end);
		sqlite3_bind_text(w->ev, 5, w->json.buf, (int)w->json.len,
		    SQLITE_STATIC);
		if (!step(w->ev))
			return false;
	}
	return true;
}

struct inc_key {
	char	id[96];
	size_t	idx;
};

static int
inc_key_cmp(const void *a, const void *b)
{
	return strcmp(((const struct inc_key *)a)->id,
	    ((const struct inc_key *)b)->id);
}

/*
 * The incidents in the order of their ids, the key of the incident
 * tables and of the events' index: every insert appends to its B-tree.
 */
static size_t *
incidents_by_id(const struct incident *inc, size_t n)
{
	struct inc_key *k = xcalloc(n + 1, sizeof(*k));
	size_t *order = xcalloc(n + 1, sizeof(*order)), i;

	for (i = 0; i < n; i++) {
		incident_id(inc[i].asn, (enum metric)inc[i].metric,
		    inc[i].start, k[i].id, sizeof(k[i].id));
		k[i].idx = i;
	}
	qsort(k, n, sizeof(*k), inc_key_cmp);
	for (i = 0; i < n; i++)
		order[i] = k[i].idx;
	free(k);
	return order;
}

static bool
write_score(struct writer *w, uint32_t asn, const char *period,
    const struct as_score *s)
{
	unsigned a;

	for (a = 0; a < ACTION_COUNT; a++) {
		sqlite3_bind_int64(w->score, 1, w->run);
		sqlite3_bind_int64(w->score, 2, asn);
		sqlite3_bind_text(w->score, 3, period, -1, SQLITE_STATIC);
		sqlite3_bind_text(w->score, 4, action_name((enum action)a), -1,
		    SQLITE_STATIC);
		if (s->label[a] == LABEL_NODATA)
			sqlite3_bind_null(w->score, 5);
		else
			sqlite3_bind_double(w->score, 5, s->pct[a]);
		sqlite3_bind_text(w->score, 6, label_name(s->label[a]), -1,
		    SQLITE_STATIC);
		if (!step(w->score))
			return false;
	}
	return true;
}

static int
inc_asn_cmp(const void *key, const void *elem)
{
	uint32_t a = *(const uint32_t *)key;
	const struct incident *i = elem;

	return (a > i->asn) - (a < i->asn);
}

/* The incidents of one AS: they are sorted by AS. */
static const struct incident *
incidents_of(const struct incident *inc, size_t n, uint32_t asn,
    size_t *count)
{
	const struct incident *hit, *lo, *hi;

	*count = 0;
	hit = bsearch(&asn, inc, n, sizeof(*inc), inc_asn_cmp);
	if (hit == NULL)
		return NULL;
	for (lo = hit; lo > inc && lo[-1].asn == asn; lo--)
		;
	for (hi = hit; hi < inc + n && hi->asn == asn; hi++)
		;
	*count = (size_t)(hi - lo);
	return lo;
}

/* What a score was made of, for the period or one of its days. */
static bool
write_facts(struct writer *w, uint32_t asn, const char *period,
    const struct as_facts *f)
{
	sqlite3_stmt *st = w->facts;

	sqlite3_bind_int64(st, 1, w->run);
	sqlite3_bind_int64(st, 2, asn);
	sqlite3_bind_text(st, 3, period, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, (int64_t)f->announced);
	sqlite3_bind_int64(st, 5, (int64_t)f->irr_registered);
	sqlite3_bind_int64(st, 6, (int64_t)f->rpki_valid);
	sqlite3_bind_int64(st, 7, (int64_t)f->rpki_invalid);
	sqlite3_bind_int(st, 8, f->irr_known);
	sqlite3_bind_int(st, 9, f->rpki_known);
	if (f->contacts_known)
		sqlite3_bind_int(st, 10, f->has_contact);
	else
		sqlite3_bind_null(st, 10);
	if (f->spoofer_tested)
		sqlite3_bind_double(st, 11, f->raw[M5]);
	else
		sqlite3_bind_null(st, 11);
	return step(st);
}

/* An announcement by the table's key: origin, then prefix as text. */
struct ann_key {
	uint32_t	origin, idx;
	char		text[PREFIX_STRLEN];
};

static int
ann_key_cmp(const void *a, const void *b)
{
	const struct ann_key *x = a, *y = b;

	if (x->origin != y->origin)
		return x->origin < y->origin ? -1 : 1;
	return strcmp(x->text, y->text);
}

static bool
write_announcements(struct writer *w, const struct detector *det,
    const char *period, const struct observe_summary *sum)
{
	static const char *const irr_match[] = { "none", "exact",
	    "more-specific" };
	sqlite3_stmt *st = w->ann;
	struct announcement a;
	struct ann_key *k;
	size_t i, n = 0;
	bool ok = false;

	/* In the table's key order: every insert appends to its B-tree. */
	k = xcalloc(detector_npairs(det) + 1, sizeof(*k));
	for (i = 0; i < detector_npairs(det); i++) {
		if (!detector_announcement(det, i, &a))
			continue;
		k[n].origin = a.origin;
		k[n].idx = (uint32_t)i;
		prefix_fmt(a.prefix, k[n].text);
		n++;
	}
	qsort(k, n, sizeof(*k), ann_key_cmp);
	for (i = 0; i < n; i++) {
		(void)detector_announcement(det, k[i].idx, &a);
		sqlite3_bind_int64(st, 1, w->run);
		sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, a.origin);
		sqlite3_bind_text(st, 4, k[i].text, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, a.first);
		sqlite3_bind_int64(st, 6, a.last);
		sqlite3_bind_int(st, 7, (int)a.days);
		sqlite3_bind_int(st, 8, (int)a.peers);
		if (sum->no_rpki)
			sqlite3_bind_null(st, 9);
		else
			sqlite3_bind_text(st, 9, rov_state_str(
			    (enum rov_state)a.rov), -1, SQLITE_STATIC);
		if (sum->no_irr) {
			sqlite3_bind_null(st, 10);
			sqlite3_bind_null(st, 11);
		} else {
			sqlite3_bind_text(st, 10, a.irr < 3 ? irr_match[a.irr] :
			    "none", -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 11, a.irr_auth);
		}
		if (!step(st))
			goto out;
	}
	ok = true;
out:
	free(k);
	return ok;
}

/* The method's text (method_print) into the run, to rescore it later. */
static bool
write_method(struct writer *w, const struct method *m)
{
	sqlite3_stmt *st;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	bool ok;

	if (f == NULL)
		return false;
	method_print(m, f);
	fclose(f);
	ok = sqlite3_prepare_v2(w->db, "UPDATE runs SET method = ? WHERE id = "
	    "?", -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(st, 1, text, (int)len, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, w->run);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_finalize(st);
	}
	free(text);
	return ok;
}

/*
 * Trends: against the newest stored run over the period that ends where
 * this one begins, per action, the ASes whose label rose or fell among
 * those with data in both.
 */
static bool
trends(struct writer *w, int64_t from, struct observe_summary *sum)
{
#define RANK(t) "CASE " t ".label WHEN 'Ready' THEN 3 WHEN 'Aspiring' " \
	"THEN 2 WHEN 'Lagging' THEN 1 END"
	sqlite3_stmt *st;
	bool ok;
	int rc;

	if (sqlite3_prepare_v2(w->db, "SELECT period FROM scores WHERE run_id "
	    "= (SELECT id FROM runs WHERE period_to = ? AND finished IS NOT "
	    "NULL ORDER BY id DESC LIMIT 1) LIMIT 1", -1, &st, NULL) !=
	    SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, from);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(sum->prev_period, sizeof(sum->prev_period), "%s",
		    (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE;
	if (sqlite3_prepare_v2(w->db, "SELECT c.action, "
	    "sum(" RANK("c") " > " RANK("p") "), "
	    "sum(" RANK("c") " < " RANK("p") "), count(*) "
	    "FROM scores c JOIN scores p ON p.asn = c.asn AND "
	    "p.action = c.action AND p.period = ? "
	    "WHERE c.run_id = ? AND c.pct IS NOT NULL AND p.pct IS NOT NULL "
	    "GROUP BY c.action", -1, &st, NULL) != SQLITE_OK)
		return false;
#undef RANK
	sqlite3_bind_text(st, 1, sum->prev_period, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, w->run);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		unsigned a;

		for (a = 0; a < ACTION_COUNT; a++)
			if (strcmp(name, action_name((enum action)a)) == 0)
				break;
		if (a == ACTION_COUNT)
			continue;
		sum->better[a] = (uint64_t)sqlite3_column_int64(st, 1);
		sum->worse[a] = (uint64_t)sqlite3_column_int64(st, 2);
		sum->compared[a] = (uint64_t)sqlite3_column_int64(st, 3);
	}
	ok = rc == SQLITE_DONE;
	sqlite3_finalize(st);
	return ok;
}

/* Spoofer summaries, one per day of the period. */
struct day_spoof {
	struct spoofer_asn	*v;
	size_t			 n;
};

/*
 * The facts and scores of one universe AS: for the period (written as
 * o->period) and, into the store only, for each day.
 */
static bool
score_one(const struct observe_opts *o, const struct refs *refs,
    struct detector *det, const struct day_spoof *ds, uint32_t asn,
    const struct incident *inc, size_t ninc, struct writer *w,
    struct observe_summary *sum)
{
	struct as_facts f, fd;
	struct as_score s;
	const struct incident *mine;
	size_t nmine;
	int64_t day0;
	unsigned a, k, ndays = detector_ndays(det, &day0);

	memset(&f, 0, sizeof(f));
	f.irr_known = !sum->no_irr;
	f.rpki_known = !sum->no_rpki;
	contacts(refs, asn, &f);
	spoofing(refs->spoof, refs->nspoof, asn, &f);
	detector_facts(det, asn, &f);
	if (w != NULL && !write_facts(w, asn, o->period, &f))
		return false;
	mine = incidents_of(inc, ninc, asn, &nmine);
	facts_add_incidents(o->method, &f, mine, nmine);
	score_as(o->method, &f, &s);
	for (a = 0; a < ACTION_COUNT; a++)
		sum->labels[a][s.label[a]]++;
	if (w == NULL)
		return true;
	if (!write_score(w, asn, o->period, &s))
		return false;
	for (k = 0; k < ndays; k++) {
		char day[HISTORY_DAY_STRLEN];

		memset(&fd, 0, sizeof(fd));
		fd.irr_known = f.irr_known;
		fd.rpki_known = f.rpki_known;
		fd.contacts_known = f.contacts_known;
		fd.has_contact = f.has_contact;
		spoofing(ds[k].v, ds[k].n, asn, &fd);
		detector_facts_day(det, asn, k, &fd);
		history_day_fmt((uint32_t)(day0 / 86400) + k, day);
		if (!write_facts(w, asn, day, &fd))
			return false;
	}
	return true;
}

/* ---- the run ---- */

int
observe_run(const struct observe_inputs *in, const struct observe_opts *o,
    struct observe_summary *sum, char *err, size_t errlen)
{
	struct refs refs;
	struct detect_refs dr;
	struct detector *det = NULL;
	struct store *store = NULL;
	struct writer w;
	struct feed_ctx fc;
	struct incident *inc = NULL;
	struct event *ev;
	struct observe_inputs todo, done;
	const struct observe_inputs *bgp = in;
	char **names = NULL;
	size_t nnames = 0, nev, ninc = 0, i, nuni, *order = NULL;
	const uint32_t *uni;
	struct day_spoof ds[DETECT_MAX_DAYS];
	int64_t day0;
	int rc = -1;
	bool in_period = false;

	memset(sum, 0, sizeof(*sum));
	memset(ds, 0, sizeof(ds));
	memset(&todo, 0, sizeof(todo));
	memset(&done, 0, sizeof(done));
	if (o->to <= o->from ||
	    detect_period_days(o->from, o->to, &day0) > DETECT_MAX_DAYS) {
		snprintf(err, errlen, "the period must be 1 to %d days (a "
		    "month is the usual one); run longer spans period by "
		    "period", DETECT_MAX_DAYS);
		return -1;
	}
	memset(&refs, 0, sizeof(refs));
	memset(&w, 0, sizeof(w));
	if (o->db != NULL && (store = store_open(o->db, err, errlen)) == NULL)
		return -1;
	refs.pg = o->progress;
	progress_stage(o->progress, "load references", "files", 0);
	if (load_refs(in, &refs, sum, err, errlen) != 0 ||
	    load_spoofer(in, o, &refs, sum, err, errlen) != 0)
		goto out;
	memset(&dr, 0, sizeof(dr));
	dr.method = o->method;
	dr.rov = refs.rov;
	dr.history = refs.history;
	dr.irr = refs.irr;
	dr.graph = refs.graph;
	dr.bogons = &refs.bogons.b;
	dr.unassigned = asn_unassigned;
	dr.unassigned_ctx = &refs.bogons.b;
	if (refs.pdb != NULL) {
		dr.sibling = pdb_sibling;
		dr.sibling_ctx = refs.pdb;
	}
	/* An incremental run reads only the MRT files its state has not. */
	if (o->state != NULL && access(o->state, F_OK) == 0) {
		progress_stage(o->progress, "load state", NULL, 0);
		det = observe_resume(o->state, &dr, o->from, o->to, in, &todo,
		    &done, &names, &nnames, err, errlen);
		if (det == NULL)
			goto out;
		bgp = &todo;
		sum->mrt_resumed = done.nmrt;
	} else
		det = detector_new(&dr, o->from, o->to);
	progress_stage(o->progress, "decode+timeline", "records", 0);
	fc.det = det;
	fc.sum = sum;
	if (feed_mrt(bgp->mrt, bgp->nmrt, o->threads ? o->threads :
	    feed_default_threads(), o->progress, on_elems, on_file, &fc, &names,
	    &nnames, err, errlen) != 0)
		goto out;
	if (o->state != NULL) {
		progress_stage(o->progress, "save state", NULL, 0);
		if (!observe_checkpoint(o->state, det, o->from, o->to, bgp,
		    &done, names, nnames, err, errlen))
			goto out;
	}
	progress_stage(o->progress, "detect", "events", 0);
	detector_finish(det);
	ev = detector_events(det, &nev);
	ninc = incidents_build(o->method, ev, nev, o->from, o->to, &inc);
	progress_update(o->progress, 0, nev);
	sum->events = nev;
	sum->incidents = ninc;
	sum->peers = timeline_npeers(detector_timeline(det));
	sum->prefixes = timeline_nprefixes(detector_timeline(det));
	sum->paths = timeline_npaths(detector_timeline(det));
	sum->segments = timeline_stats(detector_timeline(det))->segments;
	sum->pairs = detector_npairs(det);
	sum->admin_bogons = detector_admin_bogons(det);
	for (i = 0; i < ninc; i++) {
		char id[96];

		sum->incidents_by_metric[inc[i].metric]++;
		if (store == NULL)
			continue;
		incident_id(inc[i].asn, (enum metric)inc[i].metric,
		    inc[i].start, id, sizeof(id));
		if (dispute_accepted(store, id)) {
			inc[i].disputed = true;
			sum->disputed++;
			sum->disputed_by_metric[inc[i].metric]++;
		}
	}

	if (store != NULL) {
		progress_stage(o->progress, "store", NULL, 0);
		w.db = store_db(store);
		/*
		 * Up to 512 MiB of page cache for the run's one transaction:
		 * with SQLite's 2 MB the random inserts into the prefix
		 * indexes re-read pages from a WAL of gigabytes, and every
		 * read searches the WAL index (quadratic).  The other trees
		 * are written in key order and need little.  Statement
		 * journals (every INSERT OR REPLACE and foreign-key check has
		 * one) in memory, not two pwrite()s per page to /var/tmp.
		 */
		sqlite3_exec(w.db, "PRAGMA cache_size = -524288; "
		    "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
		if (!store_period_begin(store, o->from, o->to, o->period,
		    o->writer, &w.run) || !prepare(&w))
			goto dberr;
		in_period = true;
		sum->run_id = w.run;
		if (!write_sources(&w, "bgp", in->mrt, in->nmrt) ||
		    !write_sources(&w, "rpki", in->vrps, in->nvrps) ||
		    !write_sources(&w, "irr", in->irr, in->nirr) ||
		    !write_sources(&w, "asrel", in->asrel, in->nasrel) ||
		    !write_sources(&w, "peeringdb", in->pdb, in->npdb) ||
		    !write_sources(&w, "rir", in->rir, in->nrir) ||
		    !write_sources(&w, "spoofer", in->spoofer, in->nspoofer))
			goto dberr;
		order = incidents_by_id(inc, ninc);
		for (i = 0; i < ninc; i++)
			if (!write_incident(&w, det, names, &inc[order[i]], ev,
			    sum))
				goto dberr;
	}

	uni = detector_universe(det, &nuni);
	sum->ases = nuni;
	if (store != NULL) {
		unsigned k, ndays = detector_ndays(det, NULL);

		for (k = 0; k < ndays; k++)
			ds[k].n = spoofer_summarize(&refs.spoofer, day0 +
			    (int64_t)k * 86400, day0 + (int64_t)(k + 1) * 86400,
			    &ds[k].v);
		if (!write_method(&w, o->method) ||
		    !write_announcements(&w, det, o->period, sum))
			goto dberr;
	}
	progress_stage(o->progress, "score", "ASes", nuni);
	for (i = 0; i < nuni; i++) {
		if (!score_one(o, &refs, det, ds, uni[i], inc, ninc,
		    store != NULL ? &w : NULL, sum))
			goto dberr;
		if ((i & 0x3ff) == 0x3ff || i + 1 == nuni)
			progress_update(o->progress, 0, i + 1);
	}
	if (store != NULL) {
		progress_stage(o->progress, "commit", NULL, 0);
		if (!trends(&w, o->from, sum))
			goto dberr;
		finalize(&w);
		memset(&w, 0, sizeof(w));
		in_period = false;
		if (!store_period_commit(store, sum->run_id))
			goto dberr;
	}
	progress_stage_end(o->progress);
	rc = 0;
	goto out;
dberr:
	snprintf(err, errlen, "%s: %s", o->db, store_errmsg(store));
out:
	finalize(&w);
	if (in_period)
		store_period_abort(store);
	store_close(store);
	free(order);
	free(inc);
	for (i = 0; i < DETECT_MAX_DAYS; i++)
		free(ds[i].v);
	detector_free(det);
	refs_free(&refs);
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	observe_inputs_free(&todo);
	observe_inputs_free(&done);
	return rc;
}
