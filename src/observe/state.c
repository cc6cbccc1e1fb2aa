/* Writing and checking the state file of an incremental run (state.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zlib.h>

#include "base/xmalloc.h"
#include "observe/state.h"

static const char magic[8] = "MANRSST\n";

static void
flush(struct state_out *s)
{
	if (s->n == 0)
		return;
	s->crc = (uint32_t)crc32_z(s->crc, s->buf, s->n);
	if (!s->failed && fwrite(s->buf, 1, s->n, s->fp) != s->n)
		s->failed = true;
	s->n = 0;
}

void
state_put(struct state_out *s, const void *p, size_t len)
{
	const uint8_t *b = p;

	while (len > 0) {
		size_t k = sizeof(s->buf) - s->n;

		if (k > len)
			k = len;
		memcpy(s->buf + s->n, b, k);
		s->n += k;
		b += k;
		len -= k;
		if (s->n == sizeof(s->buf))
			flush(s);
	}
}

void
state_u8(struct state_out *s, uint8_t v)
{
	state_put(s, &v, 1);
}

void
state_u32(struct state_out *s, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16),
	    (uint8_t)(v >> 8), (uint8_t)v };

	state_put(s, b, 4);
}

void
state_u64(struct state_out *s, uint64_t v)
{
	state_u32(s, (uint32_t)(v >> 32));
	state_u32(s, (uint32_t)v);
}

bool
state_get_u64(struct cursor *c, uint64_t *v)
{
	uint32_t hi, lo;
	struct cursor save = *c;

	if (!cur_u32(c, &hi) || !cur_u32(c, &lo)) {
		*c = save;
		return false;
	}
	*v = (uint64_t)hi << 32 | lo;
	return true;
}

bool
state_get_count(struct cursor *c, size_t each, uint32_t *n)
{
	struct cursor save = *c;

	if (!cur_u32(c, n))
		return false;
	if (each != 0 && *n > c->len / each) {
		*c = save;
		return false;
	}
	return true;
}

bool
state_create(struct state_out *s, const char *path, int64_t from,
    int64_t through, char *err, size_t errlen)
{
	char tmp[4096];

	memset(s, 0, sizeof(*s));
	s->crc = (uint32_t)crc32_z(0, NULL, 0);
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp) ||
	    (s->fp = fopen(tmp, "wb")) == NULL) {
		snprintf(err, errlen, "%s: cannot be written: %s", tmp,
		    strerror(errno));
		return false;
	}
	state_put(s, magic, sizeof(magic));
	state_u32(s, STATE_VERSION);
	state_u64(s, (uint64_t)from);
	state_u64(s, (uint64_t)through);
	return true;
}

bool
state_close(struct state_out *s, const char *path, char *err, size_t errlen)
{
	char tmp[4096];
	uint8_t b[4];
	bool ok;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	flush(s);
	b[0] = (uint8_t)(s->crc >> 24);
	b[1] = (uint8_t)(s->crc >> 16);
	b[2] = (uint8_t)(s->crc >> 8);
	b[3] = (uint8_t)s->crc;
	ok = !s->failed && fwrite(b, 1, 4, s->fp) == 4;
	ok = fclose(s->fp) == 0 && ok;
	if (ok && rename(tmp, path) != 0)
		ok = false;
	if (!ok) {
		snprintf(err, errlen, "%s: cannot be written: %s", path,
		    strerror(errno));
		remove(tmp);
	}
	return ok;
}

bool
state_check(const uint8_t *b, size_t len, const char *name, struct cursor *c,
    int64_t *from, int64_t *through, char *err, size_t errlen)
{
	uint32_t version, crc;
	uint64_t f, t;

	if (len < sizeof(magic) + 4 + 16 + 4) {
		snprintf(err, errlen, "%s: too short for a state file (%zu "
		    "bytes)", name, len);
		return false;
	}
	if (memcmp(b, magic, sizeof(magic)) != 0) {
		snprintf(err, errlen, "%s: offset 0: not a manrs state file",
		    name);
		return false;
	}
	crc = (uint32_t)b[len - 4] << 24 | (uint32_t)b[len - 3] << 16 |
	    (uint32_t)b[len - 2] << 8 | b[len - 1];
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	if ((uint32_t)crc32_z(crc32_z(0, NULL, 0), b, len - 4) != crc) {
		snprintf(err, errlen, "%s: offset %zu: checksum mismatch (the "
		    "file is damaged or was cut short)", name, len - 4);
		return false;
	}
#else
	(void)crc;	/* let the fuzzer past it, to the sections */
#endif
	*c = cur_make(b + sizeof(magic), len - sizeof(magic) - 4);
	if (!cur_u32(c, &version) || version != STATE_VERSION) {
		snprintf(err, errlen, "%s: offset 8: version %u, this manrs "
		    "reads %d", name, version, STATE_VERSION);
		return false;
	}
	if (!state_get_u64(c, &f) || !state_get_u64(c, &t)) {
		snprintf(err, errlen, "%s: offset 12: short header", name);
		return false;
	}
	*from = (int64_t)f;
	*through = (int64_t)t;
	return true;
}

bool
state_open(const char *path, uint8_t **buf, struct cursor *c, int64_t *from,
    int64_t *through, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;
	uint8_t *b;
	size_t len;

	*buf = NULL;
	if (fp == NULL || fstat(fileno(fp), &st) != 0) {
		snprintf(err, errlen, "%s: cannot be read: %s", path,
		    strerror(errno));
		if (fp != NULL)
			fclose(fp);
		return false;
	}
	len = (size_t)st.st_size;
	b = xmalloc(len ? len : 1);
	if (fread(b, 1, len, fp) != len) {
		snprintf(err, errlen, "%s: cannot be read", path);
		fclose(fp);
		free(b);
		return false;
	}
	fclose(fp);
	if (!state_check(b, len, path, c, from, through, err, errlen)) {
		free(b);
		return false;
	}
	*buf = b;
	return true;
}
