/*
 * The audit log (schema v4): one row per write attempted through the
 * server, allowed or not, with who, when, what and how it ended.
 */
#ifndef MANRS_STORE_AUDIT_H
#define MANRS_STORE_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sqlite3;

struct audit_entry {
	int64_t		 at;
	int64_t		 token_id;	/* 0: no valid token */
	const char	*token_name;	/* NULL: none */
	const char	*method, *target, *what;
	const char	*subject;	/* may be NULL */
	int		 status;
	const char	*detail;	/* may be NULL */
};

/* Append one entry (its own statement; inside the caller's transaction
 * if one is open).  False with err set on a store error. */
bool	audit_append(struct sqlite3 *, const struct audit_entry *, char *err,
	    size_t errlen);

#endif
