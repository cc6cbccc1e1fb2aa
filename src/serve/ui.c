/*
 * The web UI of `manrs serve`: the HTML pages of report/page.h on their
 * routes, and the two things a browser does besides reading — keep an
 * API token in a cookie (/login, /logout) and open a dispute from an
 * incident's form (/ui/dispute).  Forms work without scripts; a POST
 * must carry the form token derived from the viewer's token (CSRF), and
 * the cookie is HttpOnly and SameSite=Strict.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sqlite3.h>

#include "base/log.h"
#include "report/page.h"
#include "report/render.h"
#include "serve/auth.h"
#include "serve/data.h"
#include "serve/form.h"
#include "serve/http.h"
#include "serve/routes.h"
#include "store/dispute.h"
#include "store/store.h"
#include "store/token.h"

#define UI_COOKIE	"manrs_token"
#define UI_FORM_TOKEN	32		/* hex digits of the form token */
#define UI_REASON_MAX	2000		/* bytes of a dispute's reason */

static const char csp[] = "default-src 'none'; style-src 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'";

/* The viewer of a request: a bearer token, else the UI's cookie. */
struct viewer {
	struct http_token	 tok;
	bool			 has, own;	/* own: tok.asns to free */
	char			 form_token[UI_FORM_TOKEN + 1];
	struct page_viewer	 pv;
};

/* A form token: the viewer's token hashed with a fixed label. */
static void
form_token(const char *token, char out[UI_FORM_TOKEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1 ||
	    EVP_DigestUpdate(ctx, "manrs web UI form\n", 18) != 1 ||
	    EVP_DigestUpdate(ctx, token, strlen(token)) != 1 ||
	    EVP_DigestFinal_ex(ctx, md, &len) != 1 || len * 2 < UI_FORM_TOKEN) {
		log_warnx("web UI: SHA-256 failed");
		abort();
	}
	EVP_MD_CTX_free(ctx);
	for (i = 0; i < UI_FORM_TOKEN / 2; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[UI_FORM_TOKEN] = '\0';
}

static void
viewer_get(const struct http_request *rq, struct viewer *v)
{
	char tok[TOKEN_STRLEN + 8], hdr[TOKEN_STRLEN + 16];
	const char *why;

	memset(v, 0, sizeof(*v));
	if (form_cookie(http_header(rq, "Cookie"), UI_COOKIE, tok,
	    sizeof(tok)) != FORM_OK || tok[0] == '\0')
		return;
	snprintf(hdr, sizeof(hdr), "Bearer %s", tok);
	if (auth_bearer(rq, hdr, &v->tok, &why) != 1)
		return;
	v->has = v->own = true;
	form_token(tok, v->form_token);
	v->pv.auditor = v->tok.auditor;
	v->pv.asns = v->tok.asns;
	v->pv.nasns = v->tok.nasns;
	v->pv.form_token = v->form_token;
}

static void
viewer_free(struct viewer *v)
{
	if (v->own)
		free(v->tok.asns);
}

/* Render one page into the response. */
typedef int (*page_fn)(FILE *, const struct http_request *,
    const struct page_ctx *);

static void
respond(const struct http_request *rq, struct http_response *rs,
    page_fn fn, const char *notice)
{
	struct page_ctx ctx = { 0 };
	struct viewer v;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	viewer_get(rq, &v);
	if (rq->data != NULL) {
		ctx.geo = rq->data->geo;
		ctx.roa = rq->data->roa_history;
	}
	if (v.has)
		ctx.viewer = &v.pv;
	ctx.dispute_action = "/ui/dispute";
	ctx.notice = notice;
	if ((fp = open_memstream(&buf, &len)) == NULL) {
		viewer_free(&v);
		http_error(rs, 500, "out of memory");
		return;
	}
	rs->status = fn(fp, rq, &ctx);
	if (fclose(fp) != 0) {
		free(buf);
		viewer_free(&v);
		http_error(rs, 500, "out of memory");
		return;
	}
	ob_write(&rs->body, buf, len);
	free(buf);
	rs->content_type = "text/html; charset=utf-8";
	http_set_header(rs, "Content-Security-Policy", csp);
	http_set_header(rs, "X-Content-Type-Options", "nosniff");
	http_set_header(rs, "Referrer-Policy", "same-origin");
	/* A page with a viewer's forms is theirs alone. */
	http_set_header(rs, "Cache-Control", v.has ? "private, no-store" :
	    "no-cache");
	viewer_free(&v);
}

static int
overview_page(FILE *fp, const struct http_request *rq,
    const struct page_ctx *ctx)
{
	return page_overview(fp, rq->db, http_query(rq, "month"), ctx);
}

static int
as_page(FILE *fp, const struct http_request *rq, const struct page_ctx *ctx)
{
	return page_as(fp, rq->db, rq->subpath, http_query(rq, "month"), ctx);
}

static int
incident_page(FILE *fp, const struct http_request *rq,
    const struct page_ctx *ctx)
{
	return page_incident(fp, rq->db, rq->subpath, ctx);
}

static int
prefix_page(FILE *fp, const struct http_request *rq,
    const struct page_ctx *ctx)
{
	return page_prefix(fp, rq->db, rq->subpath, ctx);
}

static int
roa_page(FILE *fp, const struct http_request *rq, const struct page_ctx *ctx)
{
	return page_roa_history(fp, http_query(rq, "prefix"),
	    http_query(rq, "asn"), ctx);
}

static int
search_page(FILE *fp, const struct http_request *rq,
    const struct page_ctx *ctx)
{
	return page_search(fp, rq->db, http_query(rq, "q"), ctx);
}

static void
ui_overview(const struct http_request *rq, struct http_response *rs)
{
	respond(rq, rs, overview_page, NULL);
}

static void
ui_as(const struct http_request *rq, struct http_response *rs)
{
	respond(rq, rs, as_page, NULL);
}

/* After a dispute was opened the incident page says so (?opened=N). */
static void
ui_incident(const struct http_request *rq, struct http_response *rs)
{
	const char *o = http_query(rq, "opened");
	char notice[64];

	if (o != NULL && *o != '\0' && strlen(o) < 20 &&
	    strspn(o, "0123456789") == strlen(o)) {
		snprintf(notice, sizeof(notice), "Dispute %s opened.", o);
		respond(rq, rs, incident_page, notice);
	} else
		respond(rq, rs, incident_page, NULL);
}

static void
ui_prefix(const struct http_request *rq, struct http_response *rs)
{
	respond(rq, rs, prefix_page, NULL);
}

static void
ui_roa(const struct http_request *rq, struct http_response *rs)
{
	respond(rq, rs, roa_page, NULL);
}

static void
ui_search(const struct http_request *rq, struct http_response *rs)
{
	respond(rq, rs, search_page, NULL);
}

/* An HTML error page instead of the API's JSON one. */
static void
ui_error(const struct http_request *rq, struct http_response *rs,
    int status, const char *msg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	(void)rq;
	if ((fp = open_memstream(&buf, &len)) == NULL) {
		http_error(rs, status, "%s", msg);
		return;
	}
	rs->status = page_error(fp, status, msg);
	fclose(fp);
	rs->body.len = 0;
	ob_write(&rs->body, buf, len);
	free(buf);
	rs->content_type = "text/html; charset=utf-8";
	http_set_header(rs, "Content-Security-Policy", csp);
	http_set_header(rs, "Cache-Control", "no-store");
}

static void
redirect(struct http_response *rs, const char *to)
{
	rs->status = 303;
	rs->content_type = "text/plain; charset=utf-8";
	http_set_header(rs, "Location", to);
	http_set_header(rs, "Cache-Control", "no-store");
	ob_str(&rs->body, "See ");
	ob_str(&rs->body, to);
	ob_str(&rs->body, "\n");
}

static int
login_page(FILE *fp, const struct http_request *rq,
    const struct page_ctx *ctx)
{
	(void)rq;
	page_begin(fp, "Log in", ctx);
	fputs("<header><h1>Log in with an API token</h1></header><p>Operators "
	    "and auditors get a token from <code>manrs token create</code>. "
	    "It is kept in a cookie of this browser (HttpOnly, SameSite=Strict)"
	    " until you log out; the dispute forms then show on the pages of "
	    "the ASes it covers.</p>", fp);
	if (ctx->viewer != NULL)
		fputs("<p class=\"notice\">You are logged in.</p><form method=\""
		    "post\" action=\"/logout\"><button type=\"submit\">Log out"
		    "</button></form>", fp);
	fputs("<form method=\"post\" action=\"/login\" class=\"dispute\">"
	    "<label>Token<input type=\"password\" name=\"token\" required "
	    "autocomplete=\"off\" maxlength=\"80\"></label><button type=\""
	    "submit\">Log in</button></form>", fp);
	page_end(fp);
	return 200;
}

static void
ui_login_form(const struct http_request *rq, struct http_response *rs)
{
	respond(rq, rs, login_page, NULL);
}

static void
ui_login(const struct http_request *rq, struct http_response *rs)
{
	struct http_token tok = { 0 };
	char t[TOKEN_STRLEN + 8], hdr[TOKEN_STRLEN + 16], cookie[160];
	const char *why;

	if (form_field(rq->body, rq->body_len, "token", t, sizeof(t)) !=
	    FORM_OK || t[0] == '\0') {
		ui_error(rq, rs, 400, "The form has no token.");
		return;
	}
	snprintf(hdr, sizeof(hdr), "Bearer %s", t);
	if (auth_bearer(rq, hdr, &tok, &why) != 1) {
		ui_error(rq, rs, 403, "That token is not valid (unknown, "
		    "revoked or mistyped).");
		return;
	}
	free(tok.asns);
	snprintf(cookie, sizeof(cookie), UI_COOKIE "=%s; Path=/; HttpOnly; "
	    "SameSite=Strict", t);
	http_set_header(rs, "Set-Cookie", cookie);
	redirect(rs, "/");
}

static void
ui_logout(const struct http_request *rq, struct http_response *rs)
{
	(void)rq;
	http_set_header(rs, "Set-Cookie", UI_COOKIE "=; Path=/; HttpOnly; "
	    "SameSite=Strict; Max-Age=0");
	redirect(rs, "/");
}

/* The AS of an incident: 1, 0 when there is none, -1 on a store error. */
static int
incident_asn(const struct http_request *rq, const char *id, uint32_t *asn)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(rq->db, "SELECT asn FROM incidents WHERE id = ?",
	    -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*asn = (uint32_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* An HTML error answer whose message also goes to the audit log. */
static void
refuse(const struct http_request *rq, struct http_response *rs, int status,
    const char *msg, char *detail, size_t dlen)
{
	ui_error(rq, rs, status, msg);
	snprintf(detail, dlen, "%s", msg);
}

static void
dispute_post(const struct http_request *rq, struct http_response *rs,
    const struct viewer *v, char id[128], char *detail, size_t dlen)
{
	char reason[UI_REASON_MAX + 1], ft[UI_FORM_TOKEN + 8];
	char err[512], who[160], *loc = NULL;
	struct store *s;
	FILE *fp;
	uint32_t asn = 0;
	int64_t did = 0;
	size_t len = 0;
	int rc;

	if (!v->has) {
		refuse(rq, rs, 401, "Log in with an API token (/login) to "
		    "open a dispute.", detail, dlen);
		return;
	}
	if (form_field(rq->body, rq->body_len, "form_token", ft, sizeof(ft)) !=
	    FORM_OK || strlen(ft) != UI_FORM_TOKEN ||
	    CRYPTO_memcmp(ft, v->form_token, UI_FORM_TOKEN) != 0) {
		refuse(rq, rs, 403, "The form is stale or did not come from "
		    "this site: reload the page and try again.", detail, dlen);
		return;
	}
	if (form_field(rq->body, rq->body_len, "incident", id, 128) !=
	    FORM_OK || (rc = form_field(rq->body, rq->body_len, "reason",
	    reason, sizeof(reason))) == FORM_MISSING || reason[0] == '\0') {
		refuse(rq, rs, 400, "A dispute needs the incident and a "
		    "reason.", detail, dlen);
		return;
	}
	if (rc != FORM_OK) {
		refuse(rq, rs, 400, rc == FORM_TOO_LONG ? "The reason is too "
		    "long." : "The reason has characters that are not "
		    "allowed.", detail, dlen);
		return;
	}
	if ((rc = incident_asn(rq, id, &asn)) <= 0) {
		refuse(rq, rs, rc == 0 ? 404 : 500, rc == 0 ? "No such "
		    "incident." : "The store could not be read.", detail, dlen);
		return;
	}
	if (!auth_covers(&v->tok, asn)) {
		refuse(rq, rs, 403, "Your token does not cover this "
		    "incident's AS.", detail, dlen);
		return;
	}
	snprintf(who, sizeof(who), "token %" PRId64 " (%s)", v->tok.id,
	    v->tok.name);
	if ((s = store_open(rq->db_path, err, sizeof(err))) == NULL) {
		log_warnx("web UI: %s", err);
		refuse(rq, rs, 503, "The store cannot be written now.", detail,
		    dlen);
		return;
	}
	rc = dispute_open(s, id, reason, who, (int64_t)time(NULL), &did, err,
	    sizeof(err));
	store_close(s);
	if (!rc) {
		refuse(rq, rs, 409, err, detail, dlen);
		return;
	}
	snprintf(detail, dlen, "dispute %" PRId64, did);
	/* Back to the incident, which now shows the open dispute. */
	if ((fp = open_memstream(&loc, &len)) == NULL) {
		ui_error(rq, rs, 500, "out of memory");
		return;
	}
	fputs("/incident/", fp);
	report_url_esc(fp, id);
	fprintf(fp, "?opened=%" PRId64, did);
	fclose(fp);
	redirect(rs, loc);
	free(loc);
}

/* Every attempt, allowed or not, goes to the server's audit log. */
static void
ui_dispute(const struct http_request *rq, struct http_response *rs)
{
	struct http_request arq = *rq;
	struct viewer v;
	char id[128] = "", detail[512] = "";

	viewer_get(rq, &v);
	dispute_post(rq, rs, &v, id, detail, sizeof(detail));
	arq.token = v.has ? &v.tok : NULL;
	auth_audit(&arq, "dispute-open", id[0] != '\0' ? id : NULL,
	    rs->status, detail[0] != '\0' ? detail : NULL);
	viewer_free(&v);
}

/* The link `manrs report --link-base` writes: to the incident's page. */
static void
ui_dispute_link(const struct http_request *rq, struct http_response *rs)
{
	const char *id = http_query(rq, "incident");
	char *loc = NULL;
	size_t len = 0;
	FILE *fp;

	if (id == NULL || *id == '\0' || strlen(id) > 128) {
		ui_error(rq, rs, 400, "Which incident? (?incident=ID)");
		return;
	}
	if ((fp = open_memstream(&loc, &len)) == NULL) {
		ui_error(rq, rs, 500, "out of memory");
		return;
	}
	fputs("/incident/", fp);
	report_url_esc(fp, id);
	fclose(fp);
	redirect(rs, loc);
	free(loc);
}

const struct http_route ui_routes[] = {
	{ "GET", "/", ui_overview, HTTP_AUTH_NONE },
	{ "GET", "/as/*", ui_as, HTTP_AUTH_NONE },
	{ "GET", "/incident/*", ui_incident, HTTP_AUTH_NONE },
	{ "GET", "/prefix/*", ui_prefix, HTTP_AUTH_NONE },
	{ "GET", "/roa-history", ui_roa, HTTP_AUTH_NONE },
	{ "GET", "/search", ui_search, HTTP_AUTH_NONE },
	{ "GET", "/login", ui_login_form, HTTP_AUTH_NONE },
	{ "POST", "/login", ui_login, HTTP_AUTH_NONE },
	{ "POST", "/logout", ui_logout, HTTP_AUTH_NONE },
	{ "POST", "/ui/dispute", ui_dispute, HTTP_AUTH_NONE },
	{ "GET", "/disputes/new", ui_dispute_link, HTTP_AUTH_NONE },
	{ NULL, NULL, NULL, HTTP_AUTH_NONE },
};
