/* One RPKI object of any type; see rpki_obj.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/limits.h"
#include "base/xmalloc.h"
#include "formats/der.h"
#include "formats/rpki_obj.h"

void
rpki_obj_clear(struct rpki_obj *o)
{
	if (o == NULL)
		return;
	sigobj_clear(&o->so);
	roa_free(o->roa);
	mft_free(o->mft);
	aspa_obj_free(o->aspa);
	cert_free(o->cert);
	crl_free(o->crl);
	memset(o, 0, sizeof(*o));
}

/*
 * ContentInfo starts SEQUENCE { OID, ... }; a certificate SEQUENCE {
 * SEQUENCE { [0] version, ... } }; a CRL's TBSCertList has no [0].
 */
static enum rpki_obj_kind
sniff(const uint8_t *der, size_t len)
{
	struct cursor c = cur_make(der, len), outer, inner;
	const char *why;
	uint8_t tag;

	if (!der_next(&c, &tag, &outer, &why) || tag != DER_SEQUENCE)
		return RPKI_OBJ_SIGNED;	/* let the CMS decoder say why */
	if (der_peek(&outer, DER_OID))
		return RPKI_OBJ_SIGNED;
	if (der_get(&outer, DER_SEQUENCE, &inner, &why) &&
	    der_peek(&inner, DER_CTX0))
		return RPKI_OBJ_CERT;
	return RPKI_OBJ_CRL;
}

bool
rpki_obj_parse(const uint8_t *der, size_t len, struct rpki_obj *o, char *err,
    size_t errlen)
{
	char why[200];
	bool ok = false;

	memset(o, 0, sizeof(*o));
	o->kind = sniff(der, len);
	switch (o->kind) {
	case RPKI_OBJ_CERT:
		ok = (o->cert = cert_parse(der, len, err, errlen)) != NULL;
		break;
	case RPKI_OBJ_CRL:
		ok = (o->crl = crl_parse(der, len, err, errlen)) != NULL;
		break;
	case RPKI_OBJ_SIGNED:
		if (!sigobj_parse(der, len, &o->so, err, errlen))
			break;
		switch (o->so.type) {
		case SIGOBJ_ROA:
			ok = roa_parse(o->so.econtent, o->so.econtent_len,
			    &o->roa, why, sizeof(why));
			break;
		case SIGOBJ_MFT:
			ok = mft_parse(o->so.econtent, o->so.econtent_len,
			    &o->mft, why, sizeof(why));
			break;
		case SIGOBJ_ASPA:
			ok = aspa_obj_parse(o->so.econtent,
			    o->so.econtent_len, &o->aspa, why, sizeof(why));
			break;
		default:
			ok = true;
		}
		if (!ok)
			snprintf(err, errlen, "%s eContent: %s",
			    sigobj_type_str(o->so.type), why);
		break;
	}
	if (!ok)
		rpki_obj_clear(o);
	return ok;
}

bool
rpki_file_read(const char *path, uint8_t **buf, size_t *len, char *err,
    size_t errlen)
{
	struct stat st;
	uint8_t *b = NULL;
	size_t got = 0;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY)) == -1) {
		snprintf(err, errlen, "%s", strerror(errno));
		return false;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "not a regular file");
		goto bad;
	}
	if ((uint64_t)st.st_size > MAX_RPKI_OBJECT) {
		snprintf(err, errlen, "%lld bytes, over MAX_RPKI_OBJECT (%u)",
		    (long long)st.st_size, MAX_RPKI_OBJECT);
		goto bad;
	}
	b = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		n = read(fd, b + got, (size_t)st.st_size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, errlen, "%s", n == 0 ?
			    "file shrank while read" : strerror(errno));
			goto bad;
		}
		got += (size_t)n;
	}
	close(fd);
	*buf = b;
	*len = got;
	return true;
bad:
	free(b);
	close(fd);
	return false;
}
