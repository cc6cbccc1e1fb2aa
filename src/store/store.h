/*
 * The SQLite store (DESIGN.md §5): one file with runs, scores, incidents
 * and their events, and the primary data users enter — disputes,
 * participants, API tokens — which no re-run or migration may lose.
 */
#ifndef MANRS_STORE_STORE_H
#define MANRS_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;
struct sqlite3;

/* Newest schema version this build knows. */
#define STORE_SCHEMA_VERSION	5

/*
 * Open or create the store at path and bring its schema up to date, each
 * migration in its own transaction.  A store written by a newer manrs is
 * refused rather than touched.  On error returns NULL with a message in
 * err (size errlen).
 */
struct store	*store_open(const char *path, char *err, size_t errlen);
/* Tests: stop migrating at version (to build an old store). */
struct store	*store_open_version(const char *path, int version, char *err,
		    size_t errlen);
void		 store_close(struct store *);
/*
 * A store over a connection someone else opened and will close (the
 * server's per-thread read-only ones): store_close frees only the wrapper.
 */
struct store	*store_wrap(struct sqlite3 *);
int		 store_version(struct store *);
struct sqlite3	*store_db(struct store *);
/* The last SQLite error, for messages. */
const char	*store_errmsg(struct store *);

/*
 * Derived data for one period ([from, to), UTC seconds, named label, as
 * "2015-04") is replaced as a whole: store_period_begin deletes what
 * earlier runs wrote for it — runs from the same start ending no later
 * (an incremental month-to-date run replaces yesterday's), or under the
 * same label — inside a transaction, the caller inserts, and
 * store_period_commit makes it visible at once.  A crash or
 * store_period_abort in between leaves the earlier results intact.
 */
bool		 store_period_begin(struct store *, int64_t from, int64_t to,
		    const char *label, const char *writer, int64_t *run_id);
bool		 store_period_commit(struct store *, int64_t run_id);
void		 store_period_abort(struct store *);

/* A consistent copy of the whole store, taken while others read it. */
bool		 store_backup(struct store *, const char *dest, char *err,
		    size_t errlen);

#endif
