/*
 * The writes of the JSON API: open a dispute (an operator for its own
 * ASNs, or an auditor), resolve one (auditor), add or update participants
 * (auditor).  Bodies are JSON (Content-Type application/json, which a
 * cross-site form cannot send without a CORS preflight we do not grant).
 * Each write goes through the store's own functions on a read-write
 * connection of its own, and every attempt lands in the audit log.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/diag.h"
#include "base/limits.h"
#include "base/log.h"
#include "formats/participants.h"
#include "io/reader.h"
#include "observe/window.h"
#include "serve/api.h"
#include "serve/auth.h"
#include "store/dispute.h"
#include "store/participants.h"
#include "store/store.h"

/* The request body as a JSON object; NULL after a 4xx. */
static json_t *
body_object(const struct http_request *rq, struct http_response *rs,
    const char *what)
{
	const char *ct = http_header(rq, "Content-Type");
	json_error_t e;
	json_t *j;

	if (ct == NULL || strncasecmp(ct, "application/json", 16) != 0 ||
	    (ct[16] != '\0' && ct[16] != ';')) {
		http_error(rs, 415, "the body must be application/json");
		auth_audit(rq, what, NULL, rs->status, "not application/json");
		return NULL;
	}
	if ((j = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES,
	    &e)) == NULL || !json_is_object(j)) {
		if (j == NULL)
			http_error(rs, 400, "the body is not JSON: %s at byte "
			    "%d", e.text, e.position);
		else
			http_error(rs, 400, "the body must be a JSON object");
		json_decref(j);
		auth_audit(rq, what, NULL, rs->status, "bad JSON");
		return NULL;
	}
	return j;
}

/* A string member of at most max bytes; NULL after a 400. */
static const char *
member(json_t *j, struct http_response *rs, const char *name, size_t max,
    bool required)
{
	json_t *v = json_object_get(j, name);

	if (v == NULL && !required)
		return "";
	if (!json_is_string(v) || json_string_length(v) == 0 ||
	    json_string_length(v) > max || strlen(json_string_value(v)) !=
	    json_string_length(v)) {
		http_error(rs, 400, "\"%s\" must be a string of 1 to %zu bytes",
		    name, max);
		return NULL;
	}
	return json_string_value(v);
}

static struct store *
open_rw(const struct http_request *rq, struct http_response *rs)
{
	struct store *s;
	char err[512];

	if ((s = store_open(rq->db_path, err, sizeof(err))) == NULL) {
		log_warnx("serve: %s", err);
		http_error(rs, 503, "the store cannot be written now");
	}
	return s;
}

/* Who did it, for the dispute's history: the token's name and id. */
static void
who(const struct http_request *rq, char *buf, size_t len)
{
	snprintf(buf, len, "%s (token %" PRId64 ")", rq->token->name,
	    rq->token->id);
}

/*
 * POST /api/v1/disputes {"incident": ID, "reason": TEXT}: 201 with the
 * new dispute; 403 when the token does not cover the incident's AS, 404
 * for an unknown incident, 409 when one is open already.
 */
void
api_dispute_open(const struct http_request *rq, struct http_response *rs)
{
	static const char sql[] = "SELECT asn FROM incidents WHERE id = ?";
	const char *inc, *reason;
	char by[256], err[512];
	struct store *s;
	sqlite3_stmt *st;
	int64_t id;
	uint32_t asn = 0;
	json_t *j;
	int rc;

	if (!api_params_only(rq, rs, "") ||
	    (j = body_object(rq, rs, "dispute-open")) == NULL)
		return;
	if ((inc = member(j, rs, "incident", API_ID_LEN - 1, true)) == NULL ||
	    (reason = member(j, rs, "reason", 4096, true)) == NULL) {
		auth_audit(rq, "dispute-open", NULL, rs->status, "bad body");
		json_decref(j);
		return;
	}
	if ((st = http_stmt(rq, sql)) == NULL) {
		http_db_error(rq, rs);
		json_decref(j);
		return;
	}
	sqlite3_bind_text(st, 1, inc, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		asn = (uint32_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		http_error(rs, 404, "no incident %s", inc);
	else if (!auth_covers(rq->token, asn))
		http_error(rs, 403, "this token does not cover AS%" PRIu32
		    ", whose incident this is", asn);
	else if ((s = open_rw(rq, rs)) != NULL) {
		who(rq, by, sizeof(by));
		if (dispute_open(s, inc, reason, by, (int64_t)time(NULL), &id,
		    err, sizeof(err))) {
			rs->status = 201;
			snprintf(by, sizeof(by), "/api/v1/incidents/%s", inc);
			http_set_header(rs, "Location", by);
			api_send(rs, json_pack("{s:I, s:s, s:s, s:I}", "id",
			    (json_int_t)id, "incident", inc, "status", "open",
			    "asn", (json_int_t)asn));
			snprintf(err, sizeof(err), "dispute %" PRId64, id);
		} else
			http_error(rs, strstr(err, "already") != NULL ? 409 :
			    strncmp(err, "no incident", 11) == 0 ? 404 : 500,
			    "%s", err);
		auth_audit_store(rq, s, "dispute-open", inc, rs->status, err);
		store_close(s);
		json_decref(j);
		return;
	}
	auth_audit(rq, "dispute-open", inc, rs->status, NULL);
	json_decref(j);
}

/* "17/resolve" into 17. */
static bool
dispute_path(const char *sub, int64_t *id)
{
	char *end;
	long long v;

	if (*sub < '1' || *sub > '9')
		return false;
	v = strtoll(sub, &end, 10);
	if (strcmp(end, "/resolve") != 0 || v <= 0)
		return false;
	*id = v;
	return true;
}

/*
 * POST /api/v1/disputes/{id}/resolve {"decision": "accept"|"reject",
 * "note": TEXT}: an auditor settles an open dispute; accepting rescores
 * the incident's AS for the incident's run.
 */
void
api_dispute_resolve(const struct http_request *rq, struct http_response *rs)
{
	const char *decision, *note;
	struct window_rescored rsc;
	struct dispute d;
	char by[256], err[512], subject[32];
	struct store *s;
	int64_t id;
	bool accept;
	json_t *j;

	if (!dispute_path(rq->subpath, &id)) {
		http_error(rs, 404, "expected /api/v1/disputes/{id}/resolve");
		return;
	}
	snprintf(subject, sizeof(subject), "dispute %" PRId64, id);
	if (!api_params_only(rq, rs, "") ||
	    (j = body_object(rq, rs, "dispute-resolve")) == NULL)
		return;
	if ((decision = member(j, rs, "decision", 16, true)) == NULL ||
	    (note = member(j, rs, "note", 4096, false)) == NULL ||
	    (strcmp(decision, "accept") != 0 && strcmp(decision, "reject") !=
	    0)) {
		if (decision != NULL && note != NULL)
			http_error(rs, 400, "\"decision\" must be accept or "
			    "reject");
		auth_audit(rq, "dispute-resolve", subject, rs->status,
		    "bad body");
		json_decref(j);
		return;
	}
	accept = strcmp(decision, "accept") == 0;
	if ((s = open_rw(rq, rs)) == NULL) {
		auth_audit(rq, "dispute-resolve", subject, rs->status, NULL);
		json_decref(j);
		return;
	}
	who(rq, by, sizeof(by));
	memset(&rsc, 0, sizeof(rsc));
	if (!dispute_get(s, id, &d)) {
		http_error(rs, 404, "no dispute %" PRId64, id);
		snprintf(err, sizeof(err), "no such dispute");
	} else if (d.status != DISPUTE_OPEN) {
		http_error(rs, 409, "dispute %" PRId64 " is %s already", id,
		    dispute_status_name(d.status));
		snprintf(err, sizeof(err), "not open");
		dispute_free(&d);
	} else {
		dispute_free(&d);
		if (dispute_resolve_hook(s, id, accept, note[0] != '\0' ? note :
		    NULL, by, (int64_t)time(NULL), window_rescore_incident,
		    &rsc, err, sizeof(err))) {
			api_send(rs, json_pack("{s:I, s:s, s:b}", "id",
			    (json_int_t)id, "status", accept ? "accepted" :
			    "rejected", "rescored", rsc.done));
			snprintf(err, sizeof(err), "%s", accept ? "accepted" :
			    "rejected");
		} else
			http_error(rs, 500, "%s", err);
	}
	auth_audit_store(rq, s, "dispute-resolve", subject, rs->status, err);
	store_close(s);
	json_decref(j);
}

/* A participants file in memory, read through a temporary file. */
static int
read_participants(const struct http_request *rq, struct participants *ps,
    struct diag *d, enum participants_format fmt, char *err, size_t errlen)
{
	char path[] = "/tmp/manrs-participants.XXXXXX";
	struct reader *rd;
	int fd, rc;

	if ((fd = mkstemp(path)) < 0) {
		snprintf(err, errlen, "no temporary file");
		return -1;
	}
	unlink(path);
	if (write(fd, rq->body, rq->body_len) != (ssize_t)rq->body_len ||
	    lseek(fd, 0, SEEK_SET) != 0 ||
	    (rd = reader_fdopen(fd, "request body", err, errlen)) == NULL) {
		close(fd);
		snprintf(err, errlen, "the body could not be buffered");
		return -1;
	}
	rc = participants_read_as(ps, rd, d, fmt);
	reader_close(rd);
	return rc;
}

/* The body's format by its Content-Type: TOML, CSV, or else JSON (which
 * body_object checks). */
static enum participants_format
body_format(const struct http_request *rq)
{
	const char *ct = http_header(rq, "Content-Type");
	size_t n = ct != NULL ? strcspn(ct, ";") : 0;

	while (n > 0 && ct[n - 1] == ' ')
		n--;
	if (n == 16 && strncasecmp(ct, "application/toml", n) == 0)
		return PART_TOML;
	if (n == 8 && strncasecmp(ct, "text/csv", n) == 0)
		return PART_CSV;
	return PART_JSON;
}

/*
 * POST /api/v1/participants, a participants file (docs/participants.md)
 * as the body, application/json, application/toml or text/csv:
 * organisations added or updated by name, none dropped.
 */
void
api_participant_put(const struct http_request *rq, struct http_response *rs)
{
	struct part_import_stats st;
	struct participants ps;
	struct diag d;
	struct store *s;
	char err[512];
	enum participants_format fmt = body_format(rq);
	json_t *j;
	int rc;

	if (!api_params_only(rq, rs, ""))
		return;
	if (fmt == PART_JSON) {
		if ((j = body_object(rq, rs, "participants-put")) == NULL)
			return;
		json_decref(j);	/* checked; the file reader reads it again */
	}
	participants_init(&ps);
	participants_diag_init(&d, "request body");
	rc = read_participants(rq, &ps, &d, fmt, err, sizeof(err));
	if (rc != 0) {
		if (rc < 0 && d.fatal[0] == '\0')
			http_error(rs, 500, "%s", err);
		else
			http_error(rs, 422, "not a valid participants file: %s",
			    d.fatal[0] != '\0' ? d.fatal : d.first);
		auth_audit(rq, "participants-put", NULL, rs->status,
		    "invalid file");
		participants_free(&ps);
		return;
	}
	if ((s = open_rw(rq, rs)) == NULL) {
		auth_audit(rq, "participants-put", NULL, rs->status, NULL);
		participants_free(&ps);
		return;
	}
	memset(&st, 0, sizeof(st));
	if (participants_import(s, &ps, false, NULL, NULL, &st, err,
	    sizeof(err))) {
		api_send(rs, json_pack("{s:I, s:I, s:I, s:I, s:I}",
		    "added", (json_int_t)st.added,
		    "updated", (json_int_t)st.updated,
		    "unchanged", (json_int_t)st.unchanged,
		    "asns_added", (json_int_t)st.asns_added,
		    "asns_moved", (json_int_t)st.asns_moved));
		snprintf(err, sizeof(err), "%" PRIu64 " added, %" PRIu64
		    " updated", st.added, st.updated);
	} else
		http_error(rs, 500, "%s", err);
	auth_audit_store(rq, s, "participants-put", NULL, rs->status, err);
	store_close(s);
	participants_free(&ps);
}
