/*
 * ASPA eContent:
 *
 *   ASProviderAttestation ::= SEQUENCE {
 *     version [0] INTEGER,		-- 1 now; absent (0) before
 *     customerASID INTEGER,
 *     providers SEQUENCE (SIZE(1..MAX)) OF
 *       INTEGER				-- version 1
 *       SEQUENCE { providerASID INTEGER,	-- version 0
 *                  afiLimit OCTET STRING (SIZE(2)) OPTIONAL } }
 *
 * Providers must be in ascending order without duplicates and must not
 * include the customer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/xmalloc.h"
#include "formats/aspa_obj.h"
#include "formats/der.h"
#include "net/prefix.h"

void
aspa_obj_free(struct aspa_obj *a)
{
	if (a == NULL)
		return;
	free(a->providers);
	free(a);
}

static bool
provider(const uint8_t *base, struct cursor *c, struct aspa_obj *a,
    struct aspa_provider *out, char *err, size_t errlen)
{
	struct cursor seq, v;
	const char *why = NULL;
	uint64_t x;

	memset(out, 0, sizeof(*out));
	if (a->version == 0) {
		if (!der_get(c, DER_SEQUENCE, &seq, &why)) {
			der_err(err, errlen, base, c, "ProviderAS", why);
			return false;
		}
	} else
		seq = *c;
	if (!der_get(&seq, DER_INTEGER, &v, &why) ||
	    !der_uint(v, UINT32_MAX, &x, &why)) {
		der_err(err, errlen, base, &seq, "providerASID", why);
		return false;
	}
	out->asid = (uint32_t)x;
	if (a->version != 0) {
		*c = seq;
		return true;
	}
	if (!cur_empty(&seq)) {
		if (!der_get(&seq, DER_OCTETSTRING, &v, &why) ||
		    !cur_empty(&seq)) {
			der_err(err, errlen, base, &seq, "afiLimit",
			    why != NULL ? why : "trailing data");
			return false;
		}
		if (v.len != 2 || v.p[0] != 0 || (v.p[1] != AFI_IPV4 &&
		    v.p[1] != AFI_IPV6)) {
			der_err(err, errlen, base, &v, "afiLimit",
			    "not IPv4 or IPv6");
			return false;
		}
		out->afi = v.p[1];
	}
	return true;
}

bool
aspa_obj_parse(const uint8_t *p, size_t len, struct aspa_obj **out,
    char *err, size_t errlen)
{
	struct cursor seq, v, list;
	const char *why = NULL;
	struct aspa_obj *a = xcalloc(1, sizeof(*a));
	int64_t version;
	uint64_t x;
	size_t cap = 0;
	bool ok = false;

	if (!der_econtent(p, len, "ASProviderAttestation", 1, &seq, &version,
	    err, errlen))
		goto out;
	/* DER leaves a DEFAULT 0 out, so only 1 may be written. */
	if (version == 0) {
		snprintf(err, errlen, "version: 0 written out (DER omits the "
		    "default)");
		goto out;
	}
	a->version = version == 1 ? 1 : 0;
	if (!der_get(&seq, DER_INTEGER, &v, &why) ||
	    !der_uint(v, UINT32_MAX, &x, &why)) {
		der_err(err, errlen, p, &seq, "customerASID", why);
		goto out;
	}
	a->customer = (uint32_t)x;
	if (!der_get(&seq, DER_SEQUENCE, &list, &why) || !cur_empty(&seq)) {
		der_err(err, errlen, p, &seq, "providers", why != NULL ? why :
		    "trailing data");
		goto out;
	}
	if (cur_empty(&list)) {
		der_err(err, errlen, p, &list, "providers", "empty");
		goto out;
	}
	while (!cur_empty(&list)) {
		struct cursor at = list;
		struct aspa_provider pr;

		if (!provider(p, &list, a, &pr, err, errlen))
			goto out;
		if (pr.asid == a->customer) {
			der_err(err, errlen, p, &at, "providers",
			    "the customer AS is listed as its own provider");
			goto out;
		}
		if (a->nproviders > 0 &&
		    a->providers[a->nproviders - 1].asid >= pr.asid) {
			der_err(err, errlen, p, &at, "providers",
			    "not in ascending order or listed twice");
			goto out;
		}
		if (a->nproviders >= MAX_ASPA_PROVIDERS) {
			der_err(err, errlen, p, &at, "providers",
			    "more than MAX_ASPA_PROVIDERS");
			goto out;
		}
		if (a->nproviders == cap) {
			cap = cap ? cap * 2 : 8;
			a->providers = xreallocarray(a->providers, cap,
			    sizeof(*a->providers));
		}
		a->providers[a->nproviders++] = pr;
	}
	*out = a;
	a = NULL;
	ok = true;
out:
	aspa_obj_free(a);
	return ok;
}
