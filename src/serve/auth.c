/* Bearer tokens of the server: who is calling, and for which ASNs. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>

#include <sqlite3.h>

#include "base/log.h"
#include "base/xmalloc.h"
#include "serve/auth.h"
#include "store/audit.h"
#include "store/store.h"
#include "store/token.h"

/* An operator token lists a few ASNs; a participant rarely has more. */
#define MAX_TOKEN_ASNS	65536u

static const char sql_token[] =
    "SELECT name FROM tokens WHERE id = ?";
static const char sql_asns[] =
    "SELECT asn FROM token_asns WHERE token_id = ? ORDER BY asn";

int
auth_bearer(const struct http_request *rq, const char *h,
    struct http_token *tok, const char **why)
{
	struct token_info ti;
	sqlite3_stmt *st;
	const char *name;
	size_t cap = 0;

	if (h == NULL)
		return 0;
	if (strncasecmp(h, "Bearer ", 7) != 0) {
		*why = "Authorization must be \"Bearer manrs_...\"";
		return -1;
	}
	h += 7;
	while (*h == ' ')
		h++;
	if (!token_lookup(rq->db, h, &ti)) {
		*why = "the token is unknown or revoked";
		return -1;
	}
	memset(tok, 0, sizeof(*tok));
	tok->id = ti.id;
	tok->auditor = ti.role == TOKEN_AUDITOR;
	if ((st = http_stmt(rq, sql_token)) == NULL)
		goto dberr;
	sqlite3_bind_int64(st, 1, ti.id);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (name = (const char *)sqlite3_column_text(st, 0)) != NULL) {
		strncpy(tok->name, name, sizeof(tok->name) - 1);
		tok->name[sizeof(tok->name) - 1] = '\0';
	}
	sqlite3_reset(st);
	if (tok->auditor)
		return 1;
	if ((st = http_stmt(rq, sql_asns)) == NULL)
		goto dberr;
	sqlite3_bind_int64(st, 1, ti.id);
	while (sqlite3_step(st) == SQLITE_ROW && tok->nasns < MAX_TOKEN_ASNS) {
		if (tok->nasns == cap) {
			cap = cap ? cap * 2 : 8;
			tok->asns = xreallocarray(tok->asns, cap,
			    sizeof(*tok->asns));
		}
		tok->asns[tok->nasns++] = (uint32_t)sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return 1;
dberr:
	*why = "the token cannot be checked now";
	return -1;
}

bool
auth_covers(const struct http_token *tok, uint32_t asn)
{
	size_t lo = 0, hi, mid;

	if (tok == NULL)
		return false;
	if (tok->auditor)
		return true;
	hi = tok->nasns;
	while (lo < hi) {	/* asns[] is sorted by the query */
		mid = lo + (hi - lo) / 2;
		if (tok->asns[mid] == asn)
			return true;
		if (tok->asns[mid] < asn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

void
auth_audit_store(const struct http_request *rq, struct store *s,
    const char *what, const char *subject, int status, const char *detail)
{
	struct audit_entry e = {
		.at = (int64_t)time(NULL),
		.token_id = rq->token != NULL ? rq->token->id : 0,
		.token_name = rq->token != NULL ? rq->token->name : NULL,
		.method = rq->method,
		.target = rq->path,
		.what = what,
		.subject = subject,
		.status = status,
		.detail = detail,
	};
	char err[512];

	if (!audit_append(store_db(s), &e, err, sizeof(err)))
		log_warnx("serve: %s %s: %s", rq->method, rq->path, err);
}

void
auth_audit(const struct http_request *rq, const char *what,
    const char *subject, int status, const char *detail)
{
	struct store *s;
	char err[512];

	if ((s = store_open(rq->db_path, err, sizeof(err))) == NULL) {
		log_warnx("serve: audit: %s", err);
		return;
	}
	auth_audit_store(rq, s, what, subject, status, detail);
	store_close(s);
}
