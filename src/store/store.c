/* Opening, migrating, period replacement and backup of the SQLite store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/xmalloc.h"
#include "store/schema.h"
#include "store/store.h"

struct store {
	sqlite3		*db;
	int		 version;
	bool		 in_period;
	bool		 borrowed;	/* store_wrap: not ours to close */
};

#define BUSY_TIMEOUT_MS	10000
#define BACKUP_RETRIES	200		/* of 50 ms while the source is locked */

sqlite3 *
store_db(struct store *s)
{
	return s->db;
}

int
store_version(struct store *s)
{
	return s->version;
}

const char *
store_errmsg(struct store *s)
{
	return sqlite3_errmsg(s->db);
}

static bool
exec(struct store *s, const char *sql)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

static int
user_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Run migration steps until the store is at version want. */
static bool
migrate(struct store *s, int want, char *err, size_t errlen)
{
	char sql[64];

	while (s->version < want) {
		if (!exec(s, "BEGIN IMMEDIATE"))
			goto fail;
		/* Someone else may have migrated while we waited. */
		s->version = user_version(s->db);
		if (s->version >= want) {
			exec(s, "COMMIT");
			break;
		}
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
		    s->version + 1);
		if (!exec(s, store_migrations[s->version]) || !exec(s, sql) ||
		    !exec(s, "COMMIT")) {
			snprintf(err, errlen, "migrating the store to schema "
			    "version %d: %s", s->version + 1,
			    sqlite3_errmsg(s->db));
			exec(s, "ROLLBACK");
			return false;
		}
		s->version++;
	}
	return true;
fail:
	snprintf(err, errlen, "locking the store to migrate it: %s",
	    sqlite3_errmsg(s->db));
	return false;
}

struct store *
store_open_version(const char *path, int version, char *err, size_t errlen)
{
	struct store *s;

	s = xcalloc(1, sizeof(*s));
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, s->db ?
		    sqlite3_errmsg(s->db) : "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	if (!exec(s, "PRAGMA journal_mode = WAL") ||
	    !exec(s, "PRAGMA foreign_keys = ON") ||
	    !exec(s, "PRAGMA synchronous = NORMAL")) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(s->db));
		goto fail;
	}
	s->version = user_version(s->db);
	if (s->version < 0) {
		snprintf(err, errlen, "%s: not a manrs store: %s", path,
		    sqlite3_errmsg(s->db));
		goto fail;
	}
	if (s->version > store_nmigrations) {
		snprintf(err, errlen, "%s: schema version %d is newer than "
		    "this manrs knows (%d); use a newer manrs", path,
		    s->version, store_nmigrations);
		goto fail;
	}
	if (!migrate(s, version, err, errlen))
		goto fail;
	return s;
fail:
	sqlite3_close(s->db);
	free(s);
	return NULL;
}

struct store *
store_open(const char *path, char *err, size_t errlen)
{
	return store_open_version(path, store_nmigrations, err, errlen);
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	if (s->in_period)
		store_period_abort(s);
	if (!s->borrowed)
		sqlite3_close(s->db);
	free(s);
}

struct store *
store_wrap(sqlite3 *db)
{
	struct store *s = xcalloc(1, sizeof(*s));

	s->db = db;
	s->borrowed = true;
	s->version = STORE_SCHEMA_VERSION;
	return s;
}

bool
store_period_begin(struct store *s, int64_t from, int64_t to,
    const char *label, const char *writer, int64_t *run_id)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;

	if (!exec(s, "BEGIN IMMEDIATE"))
		return false;
	s->in_period = true;
	/*
	 * Earlier runs from the same start that this one covers (the same
	 * period, or an incremental run's shorter one), or under the same
	 * label, go with all they derived.
	 */
	if (sqlite3_prepare_v2(s->db, "DELETE FROM runs WHERE period_from = ?"
	    " AND (period_to <= ? OR id IN (SELECT run_id FROM scores WHERE "
	    "period = ?))", -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	sqlite3_bind_text(st, 3, label, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto out;
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(s->db, "INSERT INTO runs (period_from, "
	    "period_to, started, version) VALUES (?, ?, ?, ?)", -1, &st,
	    NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	sqlite3_bind_int64(st, 3, (int64_t)time(NULL));
	sqlite3_bind_text(st, 4, writer, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto out;
	*run_id = sqlite3_last_insert_rowid(s->db);
	ok = true;
out:
	sqlite3_finalize(st);
	if (!ok)
		store_period_abort(s);
	return ok;
}

bool
store_period_commit(struct store *s, int64_t run_id)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(s->db, "UPDATE runs SET finished = ? WHERE "
	    "id = ?", -1, &st, NULL) != SQLITE_OK) {
		store_period_abort(s);
		return false;
	}
	sqlite3_bind_int64(st, 1, (int64_t)time(NULL));
	sqlite3_bind_int64(st, 2, run_id);
	ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	if (!ok || !exec(s, "COMMIT")) {
		store_period_abort(s);
		return false;
	}
	s->in_period = false;
	return true;
}

void
store_period_abort(struct store *s)
{
	exec(s, "ROLLBACK");
	s->in_period = false;
}

bool
store_backup(struct store *s, const char *dest, char *err, size_t errlen)
{
	sqlite3 *out;
	sqlite3_backup *b;
	int rc, tries = 0;

	if (access(dest, F_OK) == 0) {
		snprintf(err, errlen, "%s: already exists; not overwriting it",
		    dest);
		return false;
	}
	if (sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", dest, sqlite3_errmsg(out));
		sqlite3_close(out);
		return false;
	}
	if ((b = sqlite3_backup_init(out, "main", s->db, "main")) == NULL) {
		snprintf(err, errlen, "%s: %s", dest, sqlite3_errmsg(out));
		sqlite3_close(out);
		unlink(dest);
		return false;
	}
	/*
	 * One step copies every page under a read transaction, so the copy
	 * is of one moment even while a server or observe run is writing.
	 */
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while ((rc == SQLITE_OK || rc == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED) && ++tries < BACKUP_RETRIES);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "%s: backup failed: %s", dest,
		    sqlite3_errstr(rc));
		sqlite3_close(out);
		unlink(dest);
		return false;
	}
	if (sqlite3_close(out) != SQLITE_OK) {
		snprintf(err, errlen, "%s: closing the copy failed", dest);
		unlink(dest);
		return false;
	}
	return true;
}
