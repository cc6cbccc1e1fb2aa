/*
 * libFuzzer target: RPKI objects as `manrs rpki show` reads them.  The
 * first byte picks the entry point, so the DER eContent parsers are
 * reached directly and not only behind a well-formed CMS wrapper:
 *
 *   0  any object (CMS signed object, certificate or CRL)
 *   1  ROA eContent    2  manifest eContent    3  ASPA eContent
 *
 * Whatever decodes is walked the way the printers walk it.
 */
#include <stddef.h>
#include <stdint.h>

#include "formats/rpki_obj.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static size_t
walk_cert(const struct rpki_cert *c)
{
	size_t i, n = c->skilen + c->akilen;

	for (i = 0; i < c->nres; i++)
		n += c->res[i].pfx.len + c->res[i].as_max;
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rpki_obj o;
	struct roa *roa = NULL;
	struct mft *mft = NULL;
	struct aspa_obj *aspa = NULL;
	char err[256];
	volatile size_t sink = 0;
	size_t i;

	if (size < 1)
		return 0;
	switch (data[0] % 4) {
	case 0:
		if (!rpki_obj_parse(data + 1, size - 1, &o, err, sizeof(err)))
			break;
		if (o.cert != NULL)
			sink += walk_cert(o.cert);
		if (o.kind == RPKI_OBJ_SIGNED)
			sink += walk_cert(&o.so.ee);
		if (o.roa != NULL)
			for (i = 0; i < o.roa->nips; i++)
				sink += cert_holds_prefix(&o.so.ee,
				    &o.roa->ips[i].pfx);
		if (o.crl != NULL)
			for (i = 0; i < o.crl->nentries; i++)
				sink += (size_t)o.crl->entries[i].revoked;
		rpki_obj_clear(&o);
		break;
	case 1:
		if (roa_parse(data + 1, size - 1, &roa, err, sizeof(err))) {
			for (i = 0; i < roa->nips; i++)
				if (roa->ips[i].maxlen < roa->ips[i].pfx.len ||
				    roa->ips[i].maxlen >
				    afi_bits(roa->ips[i].pfx.afi))
					__builtin_trap();
			roa_free(roa);
		}
		break;
	case 2:
		if (mft_parse(data + 1, size - 1, &mft, err, sizeof(err))) {
			for (i = 0; i < mft->nfiles; i++)
				sink += mft->files[i].name[0];
			mft_free(mft);
		}
		break;
	default:
		if (aspa_obj_parse(data + 1, size - 1, &aspa, err,
		    sizeof(err))) {
			for (i = 1; i < aspa->nproviders; i++)
				if (aspa->providers[i - 1].asid >=
				    aspa->providers[i].asid)
					__builtin_trap();
			aspa_obj_free(aspa);
		}
		break;
	}
	(void)sink;
	return 0;
}
