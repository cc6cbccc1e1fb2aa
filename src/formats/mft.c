/*
 * Manifest eContent (RFC 9286 4.2):
 *
 *   Manifest ::= SEQUENCE {
 *     version [0] INTEGER DEFAULT 0, manifestNumber INTEGER (0..MAX),
 *     thisUpdate GeneralizedTime, nextUpdate GeneralizedTime,
 *     fileHashAlg OBJECT IDENTIFIER,
 *     fileList SEQUENCE SIZE (0..MAX) OF SEQUENCE {
 *       file IA5String, hash BIT STRING } }
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/xmalloc.h"
#include "formats/der.h"
#include "formats/mft.h"

/* id-sha256, 2.16.840.1.101.3.4.2.1 */
static const uint8_t oid_sha256[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03,
    0x04, 0x02, 0x01 };

void
mft_free(struct mft *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nfiles; i++)
		free(m->files[i].name);
	free(m->files);
	free(m);
}

/* RFC 9286 4.2.2: [a-zA-Z0-9_-]+ then a dot and three letters. */
static bool
good_name(const uint8_t *s, size_t n)
{
	size_t i;

	if (n < 5 || n > MAX_MFT_NAME || s[n - 4] != '.')
		return false;
	for (i = 0; i < n - 4; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '_' || s[i] == '-'))
			return false;
	for (i = n - 3; i < n; i++)
		if (!(s[i] >= 'a' && s[i] <= 'z'))
			return false;
	return true;
}

static bool
mft_entry(const uint8_t *base, struct cursor *c, struct mft *m, size_t *cap,
    char *err, size_t errlen)
{
	struct cursor seq, name, v, bits;
	const char *why = NULL;
	struct mft_file *f;
	unsigned unused;

	if (!der_get(c, DER_SEQUENCE, &seq, &why) ||
	    !der_get(&seq, DER_IA5STRING, &name, &why)) {
		der_err(err, errlen, base, c, "FileAndHash", why);
		return false;
	}
	if (!good_name(name.p, name.len)) {
		der_err(err, errlen, base, &name, "file",
		    "not a name like NAME.ext (RFC 9286 4.2.2)");
		return false;
	}
	if (!der_get(&seq, DER_BITSTRING, &v, &why) ||
	    !der_bits(v, &bits, &unused, &why) || !cur_empty(&seq)) {
		der_err(err, errlen, base, &seq, "hash", why != NULL ? why :
		    "trailing data");
		return false;
	}
	if (unused != 0 || bits.len != MFT_HASH_LEN) {
		der_err(err, errlen, base, &v, "hash", "not a SHA-256 hash");
		return false;
	}
	if (m->nfiles >= MAX_MFT_FILES) {
		der_err(err, errlen, base, c, "fileList",
		    "more than MAX_MFT_FILES entries");
		return false;
	}
	if (m->nfiles == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		m->files = xreallocarray(m->files, *cap, sizeof(*m->files));
	}
	f = &m->files[m->nfiles++];
	f->name = xmalloc(name.len + 1);
	memcpy(f->name, name.p, name.len);
	f->name[name.len] = '\0';
	memcpy(f->hash, bits.p, MFT_HASH_LEN);
	return true;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The first name listed twice, or NULL (RFC 9286 4.2.2: once each). */
static const char *
duplicate(const struct mft *m)
{
	const char *dup = NULL;
	char **names;
	size_t i;

	if (m->nfiles < 2)
		return NULL;
	names = xreallocarray(NULL, m->nfiles, sizeof(*names));
	for (i = 0; i < m->nfiles; i++)
		names[i] = m->files[i].name;
	qsort(names, m->nfiles, sizeof(*names), cmp_name);
	for (i = 1; i < m->nfiles && dup == NULL; i++)
		if (strcmp(names[i - 1], names[i]) == 0)
			dup = names[i];
	free(names);
	return dup;
}

static void
hex(char *dst, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < n; i++) {
		dst[2 * i] = digits[p[i] >> 4];
		dst[2 * i + 1] = digits[p[i] & 15];
	}
	dst[2 * n] = '\0';
}

bool
mft_parse(const uint8_t *p, size_t len, struct mft **out, char *err,
    size_t errlen)
{
	struct cursor seq, v, num, list;
	const char *why = NULL;
	struct mft *m = xcalloc(1, sizeof(*m));
	int64_t version;
	size_t cap = 0;
	bool ok = false;

	if (!der_econtent(p, len, "Manifest", 0, &seq, &version,
	    err, errlen))
		goto out;
	/* At most 20 octets (RFC 9286 4.2.1). */
	if (!der_get(&seq, DER_INTEGER, &v, &why) ||
	    !der_bigint(v, 20, &num, &why)) {
		der_err(err, errlen, p, &seq, "manifestNumber", why);
		goto out;
	}
	hex(m->number, num.p, num.len);
	if (!der_get(&seq, DER_GENTIME, &v, &why) ||
	    !der_gentime(v, &m->this_update, &why)) {
		der_err(err, errlen, p, &seq, "thisUpdate", why);
		goto out;
	}
	if (!der_get(&seq, DER_GENTIME, &v, &why) ||
	    !der_gentime(v, &m->next_update, &why)) {
		der_err(err, errlen, p, &seq, "nextUpdate", why);
		goto out;
	}
	if (m->next_update <= m->this_update) {
		der_err(err, errlen, p, &seq, "nextUpdate",
		    "not after thisUpdate (RFC 9286 4.2.1)");
		goto out;
	}
	if (!der_get(&seq, DER_OID, &v, &why) ||
	    !der_oid_eq(v, oid_sha256, sizeof(oid_sha256))) {
		der_err(err, errlen, p, &seq, "fileHashAlg", why != NULL ? why :
		    "not SHA-256");
		goto out;
	}
	if (!der_get(&seq, DER_SEQUENCE, &list, &why) || !cur_empty(&seq)) {
		der_err(err, errlen, p, &seq, "fileList", why != NULL ? why :
		    "trailing data");
		goto out;
	}
	while (!cur_empty(&list))
		if (!mft_entry(p, &list, m, &cap, err, errlen))
			goto out;
	if ((why = duplicate(m)) != NULL) {
		snprintf(err, errlen, "fileList: %s listed twice", why);
		goto out;
	}
	*out = m;
	m = NULL;
	ok = true;
out:
	mft_free(m);
	return ok;
}
