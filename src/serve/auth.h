/*
 * Bearer tokens (RFC 6750) for `manrs serve`: "Authorization: Bearer
 * manrs_<64 hex>", checked against the store's tokens (only their SHA-256
 * is kept, src/store/token.h).  An operator token covers its own ASNs,
 * an auditor's every AS; a revoked token is refused like an unknown one.
 */
#ifndef MANRS_SERVE_AUTH_H
#define MANRS_SERVE_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "serve/http.h"

/*
 * Check an Authorization header value (NULL: none sent).  Returns 0 when
 * none was sent, 1 with *tok filled (tok->asns is malloc'd: the caller
 * frees it) for a valid token, -1 with *why for a malformed, unknown or
 * revoked one.
 */
int	auth_bearer(const struct http_request *, const char *header,
	    struct http_token *tok, const char **why);
/* May this token act for asn? */
bool	auth_covers(const struct http_token *, uint32_t asn);

/*
 * Append a write attempt to the store's audit log (src/store/audit.h):
 * the token (or none), the request, what and on what, the status answered
 * and a detail.  auth_audit opens the store for it; auth_audit_store uses
 * an open one.  A failure to log is logged, never fatal to the answer.
 */
struct store;
void	auth_audit(const struct http_request *, const char *what,
	    const char *subject, int status, const char *detail);
void	auth_audit_store(const struct http_request *, struct store *,
	    const char *what, const char *subject, int status,
	    const char *detail);

#endif
