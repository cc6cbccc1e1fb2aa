/*
 * Prepared statements kept on one connection, found by the address of
 * their SQL text (pass string literals): preparing costs more than running
 * most of the store's queries, so long-lived connections (a server
 * thread's) keep theirs.  Not thread-safe: one cache per connection.
 */
#ifndef MANRS_STORE_STMTS_H
#define MANRS_STORE_STMTS_H

struct sqlite3;
struct sqlite3_stmt;
struct stmt_cache;

/* Statements one cache holds; more is a bug (the count of literals). */
#define STMT_CACHE_MAX	128

struct stmt_cache *stmt_cache_new(struct sqlite3 *);
/* The connection the statements are prepared on. */
struct sqlite3	*stmt_db(const struct stmt_cache *);
/* Finalize the statements; the connection stays open. */
void		 stmt_cache_free(struct stmt_cache *);
/*
 * The statement for sql, reset and with its bindings cleared; NULL on a
 * SQL error (sqlite3_errmsg() of the connection says which) or when the
 * cache is full.  Reset it when done so it holds no read transaction.
 */
struct sqlite3_stmt *stmt_get(struct stmt_cache *, const char *sql);

/* Reset the statements left on a row, ending their read transaction. */
void		 stmt_cache_idle(struct stmt_cache *);

#endif
