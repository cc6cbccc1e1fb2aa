/* The audit log of writes made through the server. */
#include <stdio.h>

#include <sqlite3.h>

#include "store/audit.h"

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

bool
audit_append(sqlite3 *db, const struct audit_entry *e, char *err,
    size_t errlen)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(db, "INSERT INTO audit (at, token_id, "
	    "token_name, method, target, what, subject, status, detail) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "audit: %s", sqlite3_errmsg(db));
		return false;
	}
	sqlite3_bind_int64(st, 1, e->at);
	if (e->token_id != 0)
		sqlite3_bind_int64(st, 2, e->token_id);
	else
		sqlite3_bind_null(st, 2);
	bind_text(st, 3, e->token_name);
	bind_text(st, 4, e->method);
	bind_text(st, 5, e->target);
	bind_text(st, 6, e->what);
	bind_text(st, 7, e->subject);
	sqlite3_bind_int(st, 8, e->status);
	bind_text(st, 9, e->detail);
	ok = sqlite3_step(st) == SQLITE_DONE;
	if (!ok)
		snprintf(err, errlen, "audit: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return ok;
}
