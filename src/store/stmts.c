/* The statement cache (stmts.h): a short array searched by pointer. */
#include <stdlib.h>

#include <sqlite3.h>

#include "base/xmalloc.h"
#include "store/stmts.h"

struct stmt_cache {
	sqlite3		*db;
	size_t		 n;
	struct {
		const char	*sql;
		sqlite3_stmt	*st;
	}		 e[STMT_CACHE_MAX];
};

struct stmt_cache *
stmt_cache_new(sqlite3 *db)
{
	struct stmt_cache *sc = xcalloc(1, sizeof(*sc));

	sc->db = db;
	return sc;
}

sqlite3 *
stmt_db(const struct stmt_cache *sc)
{
	return sc->db;
}

void
stmt_cache_free(struct stmt_cache *sc)
{
	size_t i;

	if (sc == NULL)
		return;
	for (i = 0; i < sc->n; i++)
		sqlite3_finalize(sc->e[i].st);
	free(sc);
}

sqlite3_stmt *
stmt_get(struct stmt_cache *sc, const char *sql)
{
	sqlite3_stmt *st;
	size_t i;

	for (i = 0; i < sc->n; i++)
		if (sc->e[i].sql == sql) {
			st = sc->e[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	if (sc->n == STMT_CACHE_MAX)
		return NULL;
	if (sqlite3_prepare_v3(sc->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &st, NULL) != SQLITE_OK)
		return NULL;
	sc->e[sc->n].sql = sql;
	sc->e[sc->n].st = st;
	sc->n++;
	return st;
}

void
stmt_cache_idle(struct stmt_cache *sc)
{
	size_t i;

	for (i = 0; i < sc->n; i++)
		if (sqlite3_stmt_busy(sc->e[i].st))
			sqlite3_reset(sc->e[i].st);
}
