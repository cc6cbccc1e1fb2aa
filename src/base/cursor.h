/*
 * A checked read cursor over untrusted bytes.
 *
 * This is the only way wire data is read.  Every getter fails on short
 * input and leaves the cursor and the output untouched; nothing is ever
 * zero-filled.  A nested length-prefixed field is read through cur_sub(),
 * so a bad inner length can never walk past its container.
 */
#ifndef MANRS_BASE_CURSOR_H
#define MANRS_BASE_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct cursor {
	const uint8_t	*p;
	size_t		 len;
};

static inline struct cursor
cur_make(const void *p, size_t len)
{
	struct cursor c = { (const uint8_t *)p, len };
	return c;
}

static inline bool
cur_empty(const struct cursor *c)
{
	return c->len == 0;
}

static inline bool
cur_u8(struct cursor *c, uint8_t *v)
{
	if (c->len < 1)
		return false;
	*v = c->p[0];
	c->p += 1;
	c->len -= 1;
	return true;
}

static inline bool
cur_u16(struct cursor *c, uint16_t *v)
{
	if (c->len < 2)
		return false;
	*v = (uint16_t)((c->p[0] << 8) | c->p[1]);
	c->p += 2;
	c->len -= 2;
	return true;
}

static inline bool
cur_u32(struct cursor *c, uint32_t *v)
{
	if (c->len < 4)
		return false;
	*v = ((uint32_t)c->p[0] << 24) | ((uint32_t)c->p[1] << 16) |
	    ((uint32_t)c->p[2] << 8) | c->p[3];
	c->p += 4;
	c->len -= 4;
	return true;
}

static inline bool
cur_skip(struct cursor *c, size_t n)
{
	if (c->len < n)
		return false;
	c->p += n;
	c->len -= n;
	return true;
}

/* Copy n bytes out. */
static inline bool
cur_bytes(struct cursor *c, void *dst, size_t n)
{
	if (c->len < n)
		return false;
	if (n > 0)
		memcpy(dst, c->p, n);
	c->p += n;
	c->len -= n;
	return true;
}

/* Borrow n bytes in place. */
static inline bool
cur_ptr(struct cursor *c, size_t n, const uint8_t **out)
{
	if (c->len < n)
		return false;
	*out = c->p;
	c->p += n;
	c->len -= n;
	return true;
}

/* Split off the next n bytes as a sub-cursor. */
static inline bool
cur_sub(struct cursor *c, size_t n, struct cursor *out)
{
	if (c->len < n)
		return false;
	out->p = c->p;
	out->len = n;
	c->p += n;
	c->len -= n;
	return true;
}

/* Big-endian helpers for buffers already bounds-checked by the caller. */
static inline uint16_t
be16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t
be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
	    ((uint32_t)p[2] << 8) | p[3];
}

#endif
