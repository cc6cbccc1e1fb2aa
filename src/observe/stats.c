/* Figures of one stored period (stats.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/xmalloc.h"
#include "observe/stats.h"

/* Countries and regions are a few hundred: a sorted array will do. */
static size_t
group_of(struct stats *s, const char *key)
{
	size_t lo = 0, hi = s->ngroups;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(s->groups[mid].key, key);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	s->groups = xreallocarray(s->groups, s->ngroups + 1,
	    sizeof(*s->groups));
	memmove(&s->groups[lo + 1], &s->groups[lo], (s->ngroups - lo) *
	    sizeof(*s->groups));
	s->ngroups++;
	memset(&s->groups[lo], 0, sizeof(s->groups[lo]));
	snprintf(s->groups[lo].key, sizeof(s->groups[lo].key), "%s", key);
	return lo;
}

/*
 * The group of asn, remembered for the next rows of the same AS (by its
 * key: a new group moves the others).
 */
struct grouper {
	stats_group_fn		 fn;
	void			*ctx;
	bool			 valid;
	uint32_t		 asn;
	char			 key[STATS_KEY_LEN];
};

static struct stats_group *
grouped(struct stats *s, struct grouper *gr, uint32_t asn)
{
	char key[STATS_KEY_LEN];
	size_t i;

	if (gr->fn == NULL)
		return NULL;
	if (!gr->valid || gr->asn != asn) {
		key[0] = '\0';
		if (!gr->fn(gr->ctx, asn, key))
			key[0] = '\0';
		key[STATS_KEY_LEN - 1] = '\0';
		memcpy(gr->key, key, sizeof(key));
		gr->asn = asn;
		gr->valid = true;
	}
	/* group_of may move s->groups: index it after the call. */
	i = group_of(s, gr->key);
	return &s->groups[i];
}

static void
count_label(struct stats_group *g, enum action a, enum label l, bool first)
{
	g->labels[a][l]++;
	if (first)
		g->ases++;
}

static bool
load_scores(sqlite3 *db, struct stats *s, struct grouper *gr)
{
	sqlite3_stmt *st;
	int64_t last = -1;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT s.asn, s.action, s.label, pa.asn "
	    "IS NOT NULL FROM scores s LEFT JOIN participant_asns pa ON "
	    "pa.asn = s.asn WHERE s.period = ? ORDER BY s.asn", -1, &st,
	    NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, s->period, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t asn = sqlite3_column_int64(st, 0);
		struct stats_group *g;
		enum action a;
		enum label l;
		bool first = asn != last;

		if (!action_from_name((const char *)sqlite3_column_text(st, 1),
		    &a) || !label_from_name((const char *)
		    sqlite3_column_text(st, 2), &l))
			continue;
		last = asn;
		count_label(&s->all, a, l, first);
		if (sqlite3_column_int(st, 3) != 0)
			count_label(&s->part, a, l, first);
		if ((g = grouped(s, gr, (uint32_t)asn)) != NULL)
			count_label(g, a, l, first);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE;
}

static void
count_pair(struct stats_group *g, const char *rpki, const char *irr)
{
	g->pairs++;
	if (rpki != NULL) {
		g->rpki_known++;
		g->rpki_valid += strcmp(rpki, "valid") == 0;
		g->rpki_invalid += strcmp(rpki, "invalid") == 0;
	}
	if (irr != NULL) {
		g->irr_known++;
		g->irr_registered += strcmp(irr, "exact") == 0 ||
		    strcmp(irr, "more-specific") == 0;
	}
}

static bool
load_pairs(sqlite3 *db, struct stats *s, struct grouper *gr)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT origin, rpki, irr FROM "
	    "announcements WHERE period = ? ORDER BY origin", -1, &st, NULL) !=
	    SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, s->period, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *rpki = (const char *)sqlite3_column_text(st, 1);
		const char *irr = (const char *)sqlite3_column_text(st, 2);
		struct stats_group *g;

		count_pair(&s->all, rpki, irr);
		g = grouped(s, gr, (uint32_t)sqlite3_column_int64(st, 0));
		if (g != NULL)
			count_pair(g, rpki, irr);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE;
}

static bool
count(sqlite3 *db, const char *sql, uint64_t *v)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	ok = sqlite3_step(st) == SQLITE_ROW;
	if (ok)
		*v = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return ok;
}

bool
stats_load(struct store *store, const char *period, stats_group_fn group,
    void *ctx, struct stats *s, char *err, size_t errlen)
{
	sqlite3 *db = store_db(store);
	struct grouper gr;

	memset(s, 0, sizeof(*s));
	memset(&gr, 0, sizeof(gr));
	gr.fn = group;
	gr.ctx = ctx;
	snprintf(s->period, sizeof(s->period), "%s", period);
	if (load_scores(db, s, &gr) && load_pairs(db, s, &gr) &&
	    count(db, "SELECT count(*) FROM participants", &s->participants) &&
	    count(db, "SELECT count(*) FROM participant_asns",
	    &s->participant_asns))
		return true;
	snprintf(err, errlen, "store: %s", sqlite3_errmsg(db));
	stats_free(s);
	return false;
}

void
stats_free(struct stats *s)
{
	free(s->groups);
	s->groups = NULL;
	s->ngroups = 0;
}
