/* Participants in the store (see participants.h). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "base/xmalloc.h"
#include "formats/participants.h"
#include "store/participants.h"

char *
participant_record(const struct participant *p)
{
	json_t *o = json_object(), *asns = json_array(), *cs = json_array();
	char since[16];
	char *s;
	size_t i;

	json_object_set_new(o, "organisation", json_string(p->org));
	json_object_set_new(o, "program",
	    json_string(manrs_program_name(p->program)));
	for (i = 0; i < p->nasns; i++)
		json_array_append_new(asns, json_integer(p->asns[i]));
	json_object_set_new(o, "asns", asns);
	for (i = 0; i < p->ncontacts; i++) {
		const struct contact *c = &p->contacts[i];
		json_t *co = json_object();

		json_object_set_new(co, "role",
		    json_string(contact_role_name(c->role)));
		json_object_set_new(co, "email", json_string(c->email));
		if (c->name[0] != '\0')
			json_object_set_new(co, "name", json_string(c->name));
		if (c->phone[0] != '\0')
			json_object_set_new(co, "phone", json_string(c->phone));
		json_array_append_new(cs, co);
	}
	json_object_set_new(o, "contacts", cs);
	snprintf(since, sizeof(since), "%04u-%02u-%02u", p->since / 10000,
	    p->since / 100 % 100, p->since % 100);
	json_object_set_new(o, "member_since", json_string(since));
	if (p->country[0] != '\0')
		json_object_set_new(o, "country", json_string(p->country));
	if (p->notes[0] != '\0')
		json_object_set_new(o, "notes", json_string(p->notes));
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (s == NULL) {	/* jansson fails only when memory does */
		fprintf(stderr, "manrs: out of memory in participant_record\n");
		abort();
	}
	return s;
}

static void
say(part_note_fn *note, void *ctx, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(part_note_fn *note, void *ctx, const char *fmt, ...)
{
	char msg[1536];
	va_list ap;

	if (note == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	note(ctx, msg);
}

/* The statements of one import. */
struct imp {
	sqlite3		*db;
	sqlite3_stmt	*org, *ins, *upd, *asn, *ins_asn, *move, *of, *del_asn;
	sqlite3_stmt	*orgs, *del_asns, *del_org;
};

/* The statements' slots, in the order of imp_sql. */
static void
imp_slots(struct imp *m, sqlite3_stmt **v[])
{
	v[0] = &m->org;
	v[1] = &m->ins;
	v[2] = &m->upd;
	v[3] = &m->asn;
	v[4] = &m->ins_asn;
	v[5] = &m->move;
	v[6] = &m->of;
	v[7] = &m->del_asn;
	v[8] = &m->orgs;
	v[9] = &m->del_asns;
	v[10] = &m->del_org;
}

static const char *const imp_sql[] = {
	"SELECT id, record FROM participants WHERE org = ?",
	"INSERT INTO participants (org, program, member_since, record) "
	    "VALUES (?, ?, ?, ?)",
	"UPDATE participants SET program = ?, member_since = ?, record = ? "
	    "WHERE id = ?",
	"SELECT a.participant_id, p.org FROM participant_asns a JOIN "
	    "participants p ON p.id = a.participant_id WHERE a.asn = ?",
	"INSERT INTO participant_asns (participant_id, asn) VALUES (?, ?)",
	"UPDATE participant_asns SET participant_id = ? WHERE asn = ?",
	"SELECT asn FROM participant_asns WHERE participant_id = ? ORDER BY "
	    "asn",
	"DELETE FROM participant_asns WHERE asn = ?",
	"SELECT id, org FROM participants ORDER BY org",
	"DELETE FROM participant_asns WHERE participant_id = ?",
	"DELETE FROM participants WHERE id = ?",
};

enum { IMP_STMTS = sizeof(imp_sql) / sizeof(imp_sql[0]) };

static bool
imp_prepare(struct imp *m)
{
	sqlite3_stmt **v[IMP_STMTS];
	size_t i;

	imp_slots(m, v);
	for (i = 0; i < IMP_STMTS; i++)
		if (sqlite3_prepare_v2(m->db, imp_sql[i], -1, v[i], NULL) !=
		    SQLITE_OK)
			return false;
	return true;
}

static void
imp_finalize(struct imp *m)
{
	sqlite3_stmt **v[IMP_STMTS];
	size_t i;

	imp_slots(m, v);
	for (i = 0; i < IMP_STMTS; i++) {
		sqlite3_finalize(*v[i]);
		*v[i] = NULL;
	}
}

static bool
done(sqlite3_stmt *st)
{
	bool ok = sqlite3_step(st) == SQLITE_DONE;

	sqlite3_reset(st);
	return ok;
}

static bool
has_asn(const struct participant *p, uint32_t asn)
{
	size_t i;

	for (i = 0; i < p->nasns; i++)
		if (p->asns[i] == asn)
			return true;
	return false;
}

/* The ASNs the store gives participant id (allocated, ascending). */
static uint32_t *
asns_of(struct imp *m, int64_t id, size_t *n)
{
	uint32_t *v = NULL;
	size_t cap = 0;

	*n = 0;
	sqlite3_bind_int64(m->of, 1, id);
	while (sqlite3_step(m->of) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[(*n)++] = (uint32_t)sqlite3_column_int64(m->of, 0);
	}
	sqlite3_reset(m->of);
	return v;
}

/* The organisation row of p: found (updated if changed) or added. */
static bool
upsert_org(struct imp *m, const struct participant *p, const char *rec,
    int64_t *id, struct part_import_stats *st)
{
	char since[16];
	bool found = false, same = false;

	snprintf(since, sizeof(since), "%04u-%02u-%02u", p->since / 10000,
	    p->since / 100 % 100, p->since % 100);
	sqlite3_bind_text(m->org, 1, p->org, -1, SQLITE_STATIC);
	if (sqlite3_step(m->org) == SQLITE_ROW) {
		found = true;
		*id = sqlite3_column_int64(m->org, 0);
		same = strcmp((const char *)sqlite3_column_text(m->org, 1),
		    rec) == 0;
	}
	sqlite3_reset(m->org);
	if (found && same) {
		st->unchanged++;
		return true;
	}
	if (found) {
		sqlite3_bind_text(m->upd, 1, manrs_program_name(p->program),
		    -1, SQLITE_STATIC);
		sqlite3_bind_text(m->upd, 2, since, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(m->upd, 3, rec, -1, SQLITE_STATIC);
		sqlite3_bind_int64(m->upd, 4, *id);
		st->updated++;
		return done(m->upd);
	}
	sqlite3_bind_text(m->ins, 1, p->org, -1, SQLITE_STATIC);
	sqlite3_bind_text(m->ins, 2, manrs_program_name(p->program), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(m->ins, 3, since, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(m->ins, 4, rec, -1, SQLITE_STATIC);
	if (!done(m->ins))
		return false;
	*id = sqlite3_last_insert_rowid(m->db);
	st->added++;
	return true;
}

/* Give p's ASNs to id: new ones added, others' moved (and said). */
static bool
claim_asns(struct imp *m, const struct participant *p, int64_t id,
    part_note_fn *note, void *ctx, struct part_import_stats *st)
{
	size_t i;

	for (i = 0; i < p->nasns; i++) {
		int64_t holder = -1;
		char *from = NULL;

		sqlite3_bind_int64(m->asn, 1, p->asns[i]);
		if (sqlite3_step(m->asn) == SQLITE_ROW) {
			holder = sqlite3_column_int64(m->asn, 0);
			from = xstrdup((const char *)sqlite3_column_text(m->asn,
			    1));
		}
		sqlite3_reset(m->asn);
		if (holder == id) {
			free(from);
			continue;
		}
		if (holder >= 0) {
			say(note, ctx, "AS%" PRIu32 " moves from %s to %s",
			    p->asns[i], from, p->org);
			free(from);
			sqlite3_bind_int64(m->move, 1, id);
			sqlite3_bind_int64(m->move, 2, p->asns[i]);
			st->asns_moved++;
			if (!done(m->move))
				return false;
			continue;
		}
		sqlite3_bind_int64(m->ins_asn, 1, id);
		sqlite3_bind_int64(m->ins_asn, 2, p->asns[i]);
		st->asns_added++;
		if (!done(m->ins_asn))
			return false;
	}
	return true;
}

/* ASNs id holds that p does not list: kept, or dropped with replace. */
static bool
unlisted_asns(struct imp *m, const struct participant *p, int64_t id,
    bool replace, part_note_fn *note, void *ctx,
    struct part_import_stats *st)
{
	size_t n, i;
	uint32_t *v = asns_of(m, id, &n);
	bool ok = true;

	for (i = 0; i < n && ok; i++) {
		if (has_asn(p, v[i]))
			continue;
		if (!replace) {
			say(note, ctx, "AS%" PRIu32 " of %s is not in the file: "
			    "kept (--replace drops it)", v[i], p->org);
			st->asns_kept++;
			continue;
		}
		say(note, ctx, "AS%" PRIu32 " of %s is not in the file: "
		    "dropped", v[i], p->org);
		sqlite3_bind_int64(m->del_asn, 1, v[i]);
		st->asns_dropped++;
		ok = done(m->del_asn);
	}
	free(v);
	return ok;
}

struct org_row {
	int64_t	 id;
	char	*org;
};

/* Organisations the store holds that ps does not. */
static bool
unlisted_orgs(struct imp *m, const struct participants *ps, bool replace,
    part_note_fn *note, void *ctx, struct part_import_stats *st)
{
	struct org_row *v = NULL;
	size_t n = 0, cap = 0, i, j;
	bool ok = true;

	while (sqlite3_step(m->orgs) == SQLITE_ROW) {
		const char *org = (const char *)sqlite3_column_text(m->orgs, 1);

		for (j = 0; j < ps->n; j++)
			if (strcmp(ps->p[j].org, org) == 0)
				break;
		if (j < ps->n)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n].id = sqlite3_column_int64(m->orgs, 0);
		v[n++].org = xstrdup(org);
	}
	sqlite3_reset(m->orgs);
	for (i = 0; i < n; i++) {
		size_t na;
		uint32_t *a = asns_of(m, v[i].id, &na);

		if (!replace) {
			say(note, ctx, "%s (%zu ASNs) is not in the file: kept "
			    "(--replace drops it)", v[i].org, na);
			st->orgs_kept++;
			st->asns_kept += na;
		} else if (ok) {
			say(note, ctx, "%s (%zu ASNs) is not in the file: "
			    "dropped", v[i].org, na);
			st->orgs_dropped++;
			st->asns_dropped += na;
			sqlite3_bind_int64(m->del_asns, 1, v[i].id);
			sqlite3_bind_int64(m->del_org, 1, v[i].id);
			ok = done(m->del_asns) && done(m->del_org);
		}
		free(a);
		free(v[i].org);
	}
	free(v);
	return ok;
}

bool
participants_import(struct store *s, const struct participants *ps,
    bool replace, part_note_fn *note, void *ctx,
    struct part_import_stats *st, char *err, size_t errlen)
{
	struct imp m;
	size_t i;
	bool ok;

	memset(st, 0, sizeof(*st));
	memset(&m, 0, sizeof(m));
	m.db = store_db(s);
	if (sqlite3_exec(m.db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		snprintf(err, errlen, "%s", store_errmsg(s));
		return false;
	}
	ok = imp_prepare(&m);
	for (i = 0; ok && i < ps->n; i++) {
		const struct participant *p = &ps->p[i];
		char *rec = participant_record(p);
		int64_t id = -1;

		ok = upsert_org(&m, p, rec, &id, st) &&
		    claim_asns(&m, p, id, note, ctx, st) &&
		    unlisted_asns(&m, p, id, replace, note, ctx, st);
		free(rec);
	}
	ok = ok && unlisted_orgs(&m, ps, replace, note, ctx, st);
	if (!ok)
		snprintf(err, errlen, "%s", store_errmsg(s));
	imp_finalize(&m);
	if (ok && sqlite3_exec(m.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s", store_errmsg(s));
		ok = false;
	}
	if (!ok)
		sqlite3_exec(m.db, "ROLLBACK", NULL, NULL, NULL);
	return ok;
}

bool
participants_list(struct store *s, part_list_fn *fn, void *ctx, char *err,
    size_t errlen)
{
	struct imp m;
	sqlite3_stmt *q = NULL;
	bool ok;

	memset(&m, 0, sizeof(m));
	m.db = store_db(s);
	ok = sqlite3_prepare_v2(m.db, "SELECT id, org, program, "
	    "coalesce(member_since, ''), record FROM participants ORDER BY org",
	    -1, &q, NULL) == SQLITE_OK && sqlite3_prepare_v2(m.db,
	    "SELECT asn FROM participant_asns WHERE participant_id = ? ORDER "
	    "BY asn", -1, &m.of, NULL) == SQLITE_OK;
	while (ok && sqlite3_step(q) == SQLITE_ROW) {
		struct stored_participant sp;
		uint32_t *v;

		sp.id = sqlite3_column_int64(q, 0);
		sp.org = (const char *)sqlite3_column_text(q, 1);
		sp.program = (const char *)sqlite3_column_text(q, 2);
		sp.member_since = (const char *)sqlite3_column_text(q, 3);
		sp.record = (const char *)sqlite3_column_text(q, 4);
		v = asns_of(&m, sp.id, &sp.nasns);
		sp.asns = v;
		fn(ctx, &sp);
		free(v);
	}
	if (!ok)
		snprintf(err, errlen, "%s", store_errmsg(s));
	sqlite3_finalize(q);
	sqlite3_finalize(m.of);
	return ok;
}
