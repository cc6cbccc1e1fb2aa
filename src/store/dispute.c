/* Disputes and their history in the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/xmalloc.h"
#include "store/dispute.h"

static const char *const status_names[] = { "open", "accepted", "rejected" };

const char *
dispute_status_name(enum dispute_status s)
{
	return s <= DISPUTE_REJECTED ? status_names[s] : "?";
}

static bool
log_entry(sqlite3 *db, int64_t id, int64_t at, const char *who,
    const char *what, const char *note)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(db, "INSERT INTO dispute_log (dispute_id, at, "
	    "who, what, note) VALUES (?, ?, ?, ?, ?)", -1, &st, NULL) !=
	    SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_text(st, 3, who, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, what, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, note, -1, SQLITE_STATIC);
	ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	return ok;
}

/* One integer from a query with one text argument; -1 if no row. */
static int64_t
count_text(sqlite3 *db, const char *sql, const char *arg)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

bool
dispute_open(struct store *s, const char *incident, const char *reason,
    const char *who, int64_t now, int64_t *id, char *err, size_t errlen)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;

	if (reason == NULL || reason[0] == '\0') {
		snprintf(err, errlen, "a dispute needs a reason");
		return false;
	}
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		goto dberr;
	if (count_text(db, "SELECT count(*) FROM incidents WHERE id = ?",
	    incident) != 1) {
		snprintf(err, errlen, "no incident %s in the store", incident);
		goto fail;
	}
	if (count_text(db, "SELECT count(*) FROM disputes WHERE incident_id "
	    "= ? AND status = 'open'", incident) != 0) {
		snprintf(err, errlen, "incident %s already has an open dispute",
		    incident);
		goto fail;
	}
	if (sqlite3_prepare_v2(db, "INSERT INTO disputes (incident_id, reason,"
	    " opened, opened_by) VALUES (?, ?, ?, ?)", -1, &st, NULL) !=
	    SQLITE_OK)
		goto dberr;
	sqlite3_bind_text(st, 1, incident, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_text(st, 4, who, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto dberr;
	*id = sqlite3_last_insert_rowid(db);
	if (!log_entry(db, *id, now, who, "opened", reason) ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto dberr;
	sqlite3_finalize(st);
	return true;
dberr:
	snprintf(err, errlen, "store: %s", sqlite3_errmsg(db));
fail:
	sqlite3_finalize(st);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return false;
}

/* The incident of a dispute, into buf; false if there is no such dispute. */
static bool
dispute_incident(sqlite3 *db, int64_t id, char *buf, size_t len)
{
	sqlite3_stmt *st;
	bool ok = false;

	if (sqlite3_prepare_v2(db, "SELECT incident_id FROM disputes WHERE "
	    "id = ?", -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(buf, len, "%s", (const char *)sqlite3_column_text(st,
		    0));
		ok = true;
	}
	sqlite3_finalize(st);
	return ok;
}

/*
 * Move dispute id from a status in `from` (an SQL list) to `to`, log it,
 * and call hook when rescore is set, all in one transaction.
 */
static bool
transition(struct store *s, int64_t id, const char *from, const char *to,
    const char *what, bool rescore, const char *note, const char *who,
    int64_t now, dispute_hook hook, void *ctx, char *err, size_t errlen)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	char sql[256], incident[128];
	bool resolved = strcmp(to, "open") != 0;

	snprintf(sql, sizeof(sql), "UPDATE disputes SET status = ?, "
	    "resolved = ?, resolved_by = ?, note = ? WHERE id = ? AND "
	    "status IN (%s)", from);
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		goto dberr;
	/* One open dispute per incident, also when reopening. */
	if (!resolved && dispute_incident(db, id, incident, sizeof(incident)) &&
	    count_text(db, "SELECT count(*) FROM disputes WHERE incident_id "
	    "= ? AND status = 'open'", incident) != 0) {
		snprintf(err, errlen, "incident %s already has an open dispute",
		    incident);
		goto fail;
	}
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		goto dberr;
	sqlite3_bind_text(st, 1, to, -1, SQLITE_STATIC);
	if (resolved) {
		sqlite3_bind_int64(st, 2, now);
		sqlite3_bind_text(st, 3, who, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, note, -1, SQLITE_STATIC);
	}
	sqlite3_bind_int64(st, 5, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto dberr;
	if (sqlite3_changes(db) != 1) {
		snprintf(err, errlen, "no %s dispute %lld", resolved ? "open" :
		    "resolved", (long long)id);
		goto fail;
	}
	if (!log_entry(db, id, now, who, what, note))
		goto dberr;
	if (rescore && hook != NULL) {
		if (!dispute_incident(db, id, incident, sizeof(incident)))
			goto dberr;
		if (!hook(s, incident, ctx, err, errlen))
			goto fail;
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto dberr;
	sqlite3_finalize(st);
	return true;
dberr:
	snprintf(err, errlen, "store: %s", sqlite3_errmsg(db));
fail:
	sqlite3_finalize(st);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return false;
}

bool
dispute_resolve_hook(struct store *s, int64_t id, bool accept,
    const char *note, const char *who, int64_t now, dispute_hook hook,
    void *ctx, char *err, size_t errlen)
{
	const char *what = accept ? "accepted" : "rejected";

	return transition(s, id, "'open'", what, what, accept, note, who, now,
	    hook, ctx, err, errlen);
}

bool
dispute_resolve(struct store *s, int64_t id, bool accept, const char *note,
    const char *who, int64_t now, char *err, size_t errlen)
{
	return dispute_resolve_hook(s, id, accept, note, who, now, NULL, NULL,
	    err, errlen);
}

bool
dispute_reopen(struct store *s, int64_t id, const char *note,
    const char *who, int64_t now, dispute_hook hook, void *ctx, char *err,
    size_t errlen)
{
	struct dispute d;
	bool was_accepted;

	if (!dispute_get(s, id, &d)) {
		snprintf(err, errlen, "no dispute %lld", (long long)id);
		return false;
	}
	was_accepted = d.status == DISPUTE_ACCEPTED;
	dispute_free(&d);
	/* The status is checked again inside the transaction. */
	return transition(s, id, was_accepted ? "'accepted'" : "'rejected'",
	    "open", "reopened", was_accepted, note, who, now, hook, ctx, err,
	    errlen);
}

static char *
col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

bool
dispute_get(struct store *s, int64_t id, struct dispute *d)
{
	sqlite3_stmt *st;
	const unsigned char *t;
	bool ok = false;
	unsigned i;

	memset(d, 0, sizeof(*d));
	if (sqlite3_prepare_v2(store_db(s), "SELECT id, incident_id, status, "
	    "opened, coalesce(resolved, 0), reason, opened_by, resolved_by, "
	    "note FROM disputes WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		d->id = sqlite3_column_int64(st, 0);
		snprintf(d->incident, sizeof(d->incident), "%s",
		    (const char *)sqlite3_column_text(st, 1));
		t = sqlite3_column_text(st, 2);
		for (i = 0; i <= DISPUTE_REJECTED; i++)
			if (t != NULL && strcmp((const char *)t,
			    status_names[i]) == 0)
				d->status = (enum dispute_status)i;
		d->opened = sqlite3_column_int64(st, 3);
		d->resolved = sqlite3_column_int64(st, 4);
		d->reason = col_dup(st, 5);
		d->opened_by = col_dup(st, 6);
		d->resolved_by = col_dup(st, 7);
		d->note = col_dup(st, 8);
		ok = true;
	}
	sqlite3_finalize(st);
	return ok;
}

void
dispute_free(struct dispute *d)
{
	free(d->reason);
	free(d->opened_by);
	free(d->resolved_by);
	free(d->note);
	memset(d, 0, sizeof(*d));
}

bool
dispute_accepted(struct store *s, const char *incident)
{
	return count_text(store_db(s), "SELECT count(*) FROM disputes WHERE "
	    "incident_id = ? AND status = 'accepted'", incident) > 0;
}
