/* IRR, RPKI and BGP side by side for the pairs of one AS or prefix. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/xmalloc.h"
#include "formats/vrp.h"
#include "irr/index.h"
#include "report/irr_compare.h"
#include "report/lookup.h"
#include "rpki/rov.h"
#include "store/store.h"

/*
 * At most this many pairs are compared (a short prefix such as a /8 may
 * have more); the answer then says it was cut.
 */
#define COMPARE_MAX_PAIRS	100000
/* Origins listed per pair besides its own. */
#define COMPARE_MAX_OTHERS	16

enum level { L_SUCCESS, L_INFO, L_WARNING, L_DANGER };
static const char *const level_name[] = { "success", "info", "warning",
    "danger" };

struct pair {
	struct prefix	pfx;
	uint32_t	origin;
	bool		bgp;
	uint32_t	peers, days;
	int64_t		first, last;
	enum level	worst;
	json_t		*row;
};

struct compare {
	sqlite3			*db;
	const struct lookup_data *d;
	bool			 by_asn;
	char			*period;	/* newest with announcements */
	struct pair		*v;
	size_t			 n, cap;
	bool			 cut;
	sqlite3_stmt		*others;	/* bgp_others, by AS */
	char			*err;
	size_t			 errlen;
};

static struct pair *
pair_add(struct compare *c, const struct prefix *p, uint32_t origin)
{
	struct pair *x;

	if (c->n == COMPARE_MAX_PAIRS) {
		c->cut = true;
		return NULL;
	}
	if (c->n == c->cap) {
		c->cap = c->cap > 0 ? c->cap * 2 : 64;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	x = &c->v[c->n++];
	memset(x, 0, sizeof(*x));
	x->pfx = *p;
	x->origin = origin;
	return x;
}

static int
pair_cmp(const void *va, const void *vb)
{
	const struct pair *a = va, *b = vb;
	int r = prefix_cmp(&a->pfx, &b->pfx);

	if (r != 0)
		return r;
	return a->origin < b->origin ? -1 : a->origin > b->origin;
}

/* Sort, and fold repeats (BGP and IRR both naming a pair) into one. */
static void
pairs_merge(struct compare *c)
{
	size_t i, o = 0;

	if (c->n > 0)
		qsort(c->v, c->n, sizeof(*c->v), pair_cmp);
	for (i = 0; i < c->n; i++) {
		if (o > 0 && pair_cmp(&c->v[o - 1], &c->v[i]) == 0) {
			if (c->v[i].bgp)
				c->v[o - 1] = c->v[i];
			continue;
		}
		c->v[o++] = c->v[i];
	}
	c->n = o;
}

/* ---- BGP: the store's newest period ---- */

static bool
db_error(struct compare *c)
{
	snprintf(c->err, c->errlen, "store: %s", sqlite3_errmsg(c->db));
	return false;
}

#define BGP_COLS "SELECT prefix, origin, peers, days, first_seen, " \
	"last_seen FROM announcements WHERE period = ?1 AND "

/*
 * Add the announcements st yields; with within set, only those it covers
 * and is not (its more specifics).
 */
static bool
bgp_rows(struct compare *c, sqlite3_stmt *st, const struct prefix *within)
{
	struct prefix q;
	struct pair *x;
	const char *t, *why;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(st, 0);
		/* Text the store holds but no prefix: nothing to compare. */
		if (t == NULL || !prefix_parse(t, strlen(t), &q, &why))
			continue;
		if (within != NULL && (q.len <= within->len ||
		    !prefix_covers(within, &q)))
			continue;
		if ((x = pair_add(c, &q, (uint32_t)sqlite3_column_int64(st,
		    1))) == NULL)
			break;
		x->bgp = true;
		x->peers = (uint32_t)sqlite3_column_int64(st, 2);
		x->days = (uint32_t)sqlite3_column_int64(st, 3);
		x->first = sqlite3_column_int64(st, 4);
		x->last = sqlite3_column_int64(st, 5);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(c);
	return true;
}

static sqlite3_stmt *
prepare(struct compare *c, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK) {
		db_error(c);
		return NULL;
	}
	sqlite3_bind_text(st, 1, c->period, -1, SQLITE_STATIC);
	return st;
}

static bool
bgp_of_asn(struct compare *c, uint32_t asn)
{
	sqlite3_stmt *st;
	bool ok;

	if ((st = prepare(c, BGP_COLS "origin = ?2")) == NULL)
		return false;
	sqlite3_bind_int64(st, 2, asn);
	ok = bgp_rows(c, st, NULL);
	sqlite3_finalize(st);
	return ok;
}

static bool
bgp_of_prefix(struct compare *c, const struct prefix *p)
{
	char *texts, lo[64], hi[64];
	sqlite3_stmt *st;
	bool ok;

	/* p and each prefix covering it, by the index. */
	if ((texts = lookup_covering_json(p, true)) == NULL) {
		snprintf(c->err, c->errlen, "out of memory");
		return false;
	}
	st = prepare(c, BGP_COLS "prefix IN (SELECT value FROM json_each(?2))");
	if (st == NULL) {
		free(texts);
		return false;
	}
	sqlite3_bind_text(st, 2, texts, -1, SQLITE_STATIC);
	ok = bgp_rows(c, st, NULL);
	sqlite3_finalize(st);
	free(texts);
	if (!ok)
		return false;
	/* Its more specifics: a range of the index, else the whole period. */
	if (lookup_text_range(p, lo, hi, sizeof(lo))) {
		st = prepare(c, BGP_COLS "prefix >= ?2 AND prefix < ?3");
		if (st != NULL) {
			sqlite3_bind_text(st, 2, lo, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, hi, -1, SQLITE_STATIC);
		}
	} else
		st = prepare(c, BGP_COLS "1");
	if (st == NULL)
		return false;
	ok = bgp_rows(c, st, p);
	sqlite3_finalize(st);
	return ok;
}

/* Other origins the store saw announce x's prefix. */
static json_t *
bgp_others(struct compare *c, const struct pair *x, size_t i)
{
	json_t *a = json_array();
	char text[PREFIX_STRLEN];
	size_t j;

	if (!c->by_asn) {
		/* Every announcement of the prefix is a pair, next to x. */
		for (j = i; j > 0 && prefix_equal(&c->v[j - 1].pfx, &x->pfx);)
			j--;
		for (; j < c->n && prefix_equal(&c->v[j].pfx, &x->pfx); j++)
			if (j != i && c->v[j].bgp)
				json_array_append_new(a,
				    json_integer(c->v[j].origin));
		return a;
	}
	/* One statement for every pair of the AS. */
	if (c->others == NULL && (c->others = prepare(c, "SELECT origin FROM "
	    "announcements WHERE period = ?1 AND prefix = ?2 AND origin != ?3 "
	    "ORDER BY origin LIMIT ?4")) == NULL)
		return a;
	prefix_fmt(&x->pfx, text);
	sqlite3_bind_text(c->others, 2, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(c->others, 3, x->origin);
	sqlite3_bind_int(c->others, 4, COMPARE_MAX_OTHERS);
	while (sqlite3_step(c->others) == SQLITE_ROW)
		json_array_append_new(a, json_integer(
		    sqlite3_column_int64(c->others, 0)));
	sqlite3_reset(c->others);
	return a;
}

/* ---- IRR ---- */

static bool
irr_add(void *arg, const struct irr_route *r)
{
	struct compare *c = arg;

	return pair_add(c, &r->pfx, r->origin) != NULL;
}

static void
irr_of_prefix(struct compare *c, const struct prefix *p)
{
	const struct irr_route *all;
	size_t lo, hi, i, n;

	irr_index_covering(c->d->irr, p, irr_add, c);
	all = irr_index_routes(c->d->irr, &n);
	irr_index_covered(c->d->irr, p, &lo, &hi);
	for (i = lo; i < hi; i++)
		if (!prefix_equal(&all[i].pfx, p) &&
		    pair_add(c, &all[i].pfx, all[i].origin) == NULL)
			break;
}

static void
irr_of_asn(struct compare *c, uint32_t asn)
{
	const struct irr_route *all;
	const uint32_t *mine;
	size_t i, n;

	all = irr_index_routes(c->d->irr, &n);
	mine = irr_index_by_origin(c->d->irr, asn, &n);
	for (i = 0; i < n; i++)
		if (pair_add(c, &all[mine[i]].pfx, asn) == NULL)
			break;
}

struct exact {
	const struct irr_index	*idx;
	const struct pair	*x;
	json_t			*sources, *others;
	size_t			 nothers;
	bool			 auth, nonauth;
};

/* The objects for x's own prefix: its origin's sources, other origins. */
static bool
exact_fn(void *arg, const struct irr_route *r)
{
	struct exact *e = arg;
	const char *src = irr_index_source_name(e->idx, r->source);
	bool auth = irr_index_source_auth(e->idx, r->source);

	if (!prefix_equal(&r->pfx, &e->x->pfx))
		return false;	/* longest first: the rest are shorter */
	if (r->origin == e->x->origin) {
		json_array_append_new(e->sources, json_string(src));
		if (auth)
			e->auth = true;
		else
			e->nonauth = true;
	} else if (e->nothers++ < COMPARE_MAX_OTHERS)
		json_array_append_new(e->others, json_pack("{s:s, s:b, s:I}",
		    "source", src, "auth", auth, "origin",
		    (json_int_t)r->origin));
	return true;
}

/* ---- one pair ---- */

static void
say(struct pair *x, json_t *msgs, enum level l, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
say(struct pair *x, json_t *msgs, enum level l, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	json_array_append_new(msgs, json_pack("{s:s, s:s}", "level",
	    level_name[l], "text", buf));
	if (l > x->worst)
		x->worst = l;
}

static int
msg_cmp(const void *va, const void *vb)
{
	static const char *const order = "dwis";	/* danger first */
	const json_t *const *a = va, *const *b = vb;
	const char *la = json_string_value(json_object_get(*a, "level"));
	const char *lb = json_string_value(json_object_get(*b, "level"));

	if (la[0] != lb[0])
		return (int)(strchr(order, la[0]) - strchr(order, lb[0]));
	return strcmp(json_string_value(json_object_get(*a, "text")),
	    json_string_value(json_object_get(*b, "text")));
}

static void
sort_messages(json_t *msgs)
{
	size_t n = json_array_size(msgs), i;
	json_t **v;

	if (n < 2)
		return;
	v = xreallocarray(NULL, n, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(msgs, i));
	qsort(v, n, sizeof(*v), msg_cmp);
	json_array_clear(msgs);
	for (i = 0; i < n; i++)
		json_array_append_new(msgs, v[i]);
	free(v);
}

static const char *
match_name(enum irr_match m)
{
	return m == IRR_MATCH_EXACT ? "exact" : m == IRR_MATCH_MORE_SPECIFIC ?
	    "more-specific" : "none";
}

static void
judge(struct compare *c, struct pair *x, size_t i)
{
	const struct lookup_data *d = c->d;
	json_t *msgs = json_array(), *others, *irr = json_null(), *rpki;
	struct irr_lookup l;
	struct exact e;
	enum rov_state rs = ROV_NOT_FOUND;
	enum rov_reason why = 0;
	bool have_irr = d != NULL && d->irr != NULL;
	bool have_rov = d != NULL && d->rov != NULL;
	char text[PREFIX_STRLEN];

	memset(&l, 0, sizeof(l));
	memset(&e, 0, sizeof(e));
	prefix_fmt(&x->pfx, text);
	others = bgp_others(c, x, i);
	if (have_irr) {
		e.idx = d->irr;
		e.x = x;
		e.sources = json_array();
		e.others = json_array();
		irr_index_covering(d->irr, &x->pfx, exact_fn, &e);
		irr_index_lookup(d->irr, &x->pfx, x->origin, &l);
		irr = json_pack("{s:s, s:o, s:b, s:o, s:I}", "match",
		    match_name(l.match), "sources", e.sources, "auth",
		    l.auth, "other_origins", e.others, "other_origins_total",
		    (json_int_t)e.nothers);
	}
	if (have_rov) {
		rs = rov_validate(d->rov, &x->pfx, x->origin, &why);
		rpki = json_pack("{s:s, s:s}", "state", rov_state_str(rs),
		    "reason", rov_reason_str(why));
	} else
		rpki = json_null();

	if (x->bgp && have_rov && rs == ROV_INVALID)
		say(x, msgs, L_DANGER, "RPKI invalid (%s), yet announced",
		    why == ROV_REASON_LENGTH ? "longer than the ROA's maxLength" :
		    "no ROA for this origin");
	if (x->bgp && have_irr && l.match == IRR_MATCH_NONE)
		say(x, msgs, L_DANGER, "announced, but no IRR route object "
		    "holds this prefix, or a less specific, for AS%u",
		    x->origin);
	if (x->bgp && have_irr && l.match != IRR_MATCH_NONE && !l.auth)
		say(x, msgs, L_WARNING, "registered only in non-authoritative "
		    "IRRs");
	if (!x->bgp && have_rov && rs == ROV_INVALID)
		say(x, msgs, L_WARNING, "the route object is RPKI invalid: "
		    "announcing it would be rejected by validating networks");
	if (have_irr && e.nothers > 0)
		say(x, msgs, L_WARNING, "IRR also registers %s for %zu other "
		    "origin(s)", text, e.nothers);
	if (json_array_size(others) > 0)
		say(x, msgs, L_WARNING, "BGP also saw %s from %zu other "
		    "origin(s)", text, json_array_size(others));
	if (x->bgp && have_irr && l.match == IRR_MATCH_MORE_SPECIFIC)
		say(x, msgs, L_INFO, "covered by a less specific route object "
		    "of this origin, not an exact one");
	if (x->bgp && have_rov && rs == ROV_NOT_FOUND)
		say(x, msgs, L_INFO, "no ROA covers it");
	if (!x->bgp && c->period != NULL)
		say(x, msgs, L_INFO, "registered, but not announced in %s",
		    c->period);
	if (!have_irr)
		say(x, msgs, L_INFO, "not compared with IRR: no IRR dump");
	if (!have_rov)
		say(x, msgs, L_INFO, "not compared with RPKI: no VRPs");
	if (x->bgp && have_irr && have_rov && x->worst == L_SUCCESS &&
	    json_array_size(msgs) == 0)
		say(x, msgs, L_SUCCESS, "IRR, RPKI and BGP agree");
	sort_messages(msgs);

	x->row = json_pack("{s:s, s:I, s:s, s:o, s:o, s:o, s:o}", "prefix",
	    text, "origin", (json_int_t)x->origin, "level",
	    level_name[x->worst], "bgp", x->bgp ? json_pack("{s:b, s:I, s:I, "
	    "s:I, s:I, s:o}", "seen", 1, "peers", (json_int_t)x->peers, "days",
	    (json_int_t)x->days, "first_seen", (json_int_t)x->first,
	    "last_seen", (json_int_t)x->last, "other_origins", others) :
	    json_pack("{s:b, s:o}", "seen", 0, "other_origins", others),
	    "irr", irr, "rpki", rpki, "messages", msgs);
}

static int
row_cmp(const void *va, const void *vb)
{
	const struct pair *a = va, *b = vb;

	if (a->worst != b->worst)
		return a->worst > b->worst ? -1 : 1;
	return pair_cmp(a, b);
}

static json_t *
answer(struct compare *c, json_t *query)
{
	size_t i, count[4] = { 0 };
	json_t *list = json_array(), *o, *src;

	pairs_merge(c);
	for (i = 0; i < c->n; i++) {
		judge(c, &c->v[i], i);
		count[c->v[i].worst]++;
	}
	if (c->n > 0)
		qsort(c->v, c->n, sizeof(*c->v), row_cmp);
	for (i = 0; i < c->n; i++) {
		if (i < LOOKUP_MAX_ROWS)
			json_array_append_new(list, c->v[i].row);
		else
			json_decref(c->v[i].row);
	}
	o = json_pack("{s:o, s:s?, s:{s:I, s:I, s:I, s:I, s:I, s:b}, "
	    "s:{s:I, s:o}}", "query", query, "period", c->period, "summary",
	    "pairs", (json_int_t)c->n, "danger", (json_int_t)count[L_DANGER],
	    "warning", (json_int_t)count[L_WARNING], "info",
	    (json_int_t)count[L_INFO], "success", (json_int_t)count[L_SUCCESS],
	    "cut", c->cut, "pairs", "total", (json_int_t)c->n, "list", list);
	if (c->d != NULL && c->d->irr != NULL) {
		src = json_object();
		for (i = 0; i < irr_index_nsources(c->d->irr); i++)
			json_object_set_new(src, irr_index_source_name(c->d->irr,
			    (unsigned)i), json_boolean(irr_index_source_auth(
			    c->d->irr, (unsigned)i)));
		json_object_set_new(o, "irr_sources", src);
	}
	if (c->d != NULL && c->d->vrp_file != NULL)
		json_object_set_new(o, "vrp_file", json_string(c->d->vrp_file));
	lookup_unavailable(o, c->d, "irr", "irr", c->d != NULL &&
	    c->d->irr != NULL);
	lookup_unavailable(o, c->d, "rpki", "rpki", c->d != NULL &&
	    c->d->rov != NULL);
	return o;
}

static void
compare_init(struct compare *c, struct store *s, const struct lookup_data *d,
    char *err, size_t errlen)
{
	memset(c, 0, sizeof(*c));
	c->db = store_db(s);
	c->d = d;
	c->err = err;
	c->errlen = errlen;
}

static void
compare_free(struct compare *c)
{
	sqlite3_finalize(c->others);
	free(c->v);
	free(c->period);
}

json_t *
irr_compare_asn(struct store *s, const struct lookup_data *d, uint32_t asn,
    char *err, size_t errlen)
{
	struct compare c;
	json_t *o = NULL;

	compare_init(&c, s, d, err, errlen);
	c.by_asn = true;
	c.period = lookup_newest_period(c.db);
	if (c.period == NULL || bgp_of_asn(&c, asn)) {
		if (d != NULL && d->irr != NULL)
			irr_of_asn(&c, asn);
		o = answer(&c, json_pack("{s:I}", "asn", (json_int_t)asn));
	}
	compare_free(&c);
	return o;
}

json_t *
irr_compare_prefix(struct store *s, const struct lookup_data *d,
    const struct prefix *p, char *err, size_t errlen)
{
	struct compare c;
	char text[PREFIX_STRLEN];
	json_t *o = NULL;

	compare_init(&c, s, d, err, errlen);
	prefix_fmt(p, text);
	c.period = lookup_newest_period(c.db);
	if (c.period == NULL || bgp_of_prefix(&c, p)) {
		if (d != NULL && d->irr != NULL)
			irr_of_prefix(&c, p);
		o = answer(&c, json_pack("{s:s}", "prefix", text));
	}
	compare_free(&c);
	return o;
}
