/* API tokens: random, stored as SHA-256, scoped to ASNs or auditors. */
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sqlite3.h>

#include "store/token.h"

#define TOKEN_BYTES	32

static const char *const role_names[] = { "operator", "auditor" };

const char *
token_role_name(enum token_role r)
{
	return r <= TOKEN_AUDITOR ? role_names[r] : "?";
}

bool
token_role_parse(const char *s, enum token_role *r)
{
	if (strcmp(s, "operator") == 0)
		*r = TOKEN_OPERATOR;
	else if (strcmp(s, "auditor") == 0)
		*r = TOKEN_AUDITOR;
	else
		return false;
	return true;
}

static void
hex(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

/* The stored form: SHA-256 of the whole token text, in hex. */
static bool
digest(const char *token, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (EVP_Digest(token, strlen(token), md, &len, EVP_sha256(), NULL) !=
	    1 || len != 32)
		return false;
	hex(md, len, out);
	return true;
}

bool
token_create(struct store *s, const char *name, enum token_role role,
    const uint32_t *asns, size_t nasns, int64_t now,
    char token[TOKEN_STRLEN], int64_t *id, char *err, size_t errlen)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	unsigned char raw[TOKEN_BYTES];
	char sum[65];
	size_t i;

	if (role == TOKEN_OPERATOR && nasns == 0) {
		snprintf(err, errlen, "an operator token needs its ASNs");
		return false;
	}
	if (role == TOKEN_AUDITOR && nasns > 0) {
		snprintf(err, errlen, "an auditor token covers every AS; "
		    "give no ASNs");
		return false;
	}
	if (RAND_bytes(raw, sizeof(raw)) != 1) {
		snprintf(err, errlen, "no random bytes for the token");
		return false;
	}
	memcpy(token, "manrs_", 6);
	hex(raw, sizeof(raw), token + 6);
	if (!digest(token, sum)) {
		snprintf(err, errlen, "SHA-256 failed");
		return false;
	}
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		goto dberr;
	if (sqlite3_prepare_v2(db, "INSERT INTO tokens (name, sha256, role, "
	    "created) VALUES (?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		goto dberr;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sum, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, token_role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto dberr;
	sqlite3_finalize(st);
	st = NULL;
	*id = sqlite3_last_insert_rowid(db);
	if (sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO token_asns (token_id,"
	    " asn) VALUES (?, ?)", -1, &st, NULL) != SQLITE_OK)
		goto dberr;
	for (i = 0; i < nasns; i++) {
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_int64(st, 2, asns[i]);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto dberr;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		st = NULL;
		goto dberr;
	}
	return true;
dberr:
	snprintf(err, errlen, "store: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	memset(token, 0, TOKEN_STRLEN);
	return false;
}

bool
token_check(struct store *s, const char *token, struct token_info *ti)
{
	return token_lookup(store_db(s), token, ti);
}

bool
token_lookup(sqlite3 *db, const char *token, struct token_info *ti)
{
	sqlite3_stmt *st;
	char sum[65];
	bool ok = false;

	if (strncmp(token, "manrs_", 6) != 0 || strlen(token) !=
	    TOKEN_STRLEN - 1 || !digest(token, sum))
		return false;
	if (sqlite3_prepare_v2(db, "SELECT id, role, revoked IS NOT "
	    "NULL FROM tokens WHERE sha256 = ?", -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, sum, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		ti->id = sqlite3_column_int64(st, 0);
		token_role_parse((const char *)sqlite3_column_text(st, 1),
		    &ti->role);
		ti->revoked = sqlite3_column_int(st, 2) != 0;
		ok = !ti->revoked;
	}
	sqlite3_finalize(st);
	return ok;
}

bool
token_covers(struct store *s, const struct token_info *ti, uint32_t asn)
{
	sqlite3_stmt *st;
	bool ok;

	if (ti->revoked)
		return false;
	if (ti->role == TOKEN_AUDITOR)
		return true;
	if (sqlite3_prepare_v2(store_db(s), "SELECT 1 FROM token_asns WHERE "
	    "token_id = ? AND asn = ?", -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, ti->id);
	sqlite3_bind_int64(st, 2, asn);
	ok = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return ok;
}

bool
token_revoke(struct store *s, int64_t id, int64_t now, char *err,
    size_t errlen)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(store_db(s), "UPDATE tokens SET revoked = ? "
	    "WHERE id = ? AND revoked IS NULL", -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "store: %s", store_errmsg(s));
		return false;
	}
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	ok = sqlite3_step(st) == SQLITE_DONE &&
	    sqlite3_changes(store_db(s)) == 1;
	sqlite3_finalize(st);
	if (!ok)
		snprintf(err, errlen, "no active token %lld", (long long)id);
	return ok;
}
