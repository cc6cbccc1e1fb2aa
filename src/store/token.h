/*
 * API tokens (DESIGN.md §6): writes need a bearer token; an operator's
 * token covers only its own ASNs, an auditor's all.  Only a token's
 * SHA-256 is stored; the token itself is shown once, when created.
 */
#ifndef MANRS_STORE_TOKEN_H
#define MANRS_STORE_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

enum token_role { TOKEN_OPERATOR, TOKEN_AUDITOR };

/* "manrs_" and 64 hex digits, with the NUL. */
#define TOKEN_STRLEN	(6 + 64 + 1)

struct token_info {
	int64_t		id;
	enum token_role	role;
	bool		revoked;
};

/* An operator token needs at least one ASN; an auditor token takes none. */
bool	token_create(struct store *, const char *name, enum token_role,
	    const uint32_t *asns, size_t nasns, int64_t now,
	    char token[TOKEN_STRLEN], int64_t *id, char *err, size_t errlen);
/* Look a presented token up: false if unknown or revoked. */
bool	token_check(struct store *, const char *token, struct token_info *);
/* The same on a bare connection (the server's read-only ones). */
struct sqlite3;
bool	token_lookup(struct sqlite3 *, const char *token, struct token_info *);
/* May this token write for this AS? */
bool	token_covers(struct store *, const struct token_info *, uint32_t asn);
bool	token_revoke(struct store *, int64_t id, int64_t now, char *err,
	    size_t errlen);
const char *token_role_name(enum token_role);
bool	token_role_parse(const char *, enum token_role *);

#endif
