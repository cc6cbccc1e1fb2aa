/*
 * Buffered output with fast number formatting.  With fd >= 0 the buffer is
 * flushed to the descriptor when full; with fd < 0 it is an in-memory string
 * that grows up to a ceiling and then sets `overflow` instead of growing.
 */
#ifndef MANRS_BASE_OUTBUF_H
#define MANRS_BASE_OUTBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct outbuf {
	int	 fd;
	char	*buf;
	size_t	 len;
	size_t	 cap;
	size_t	 max;		/* memory mode: ceiling */
	bool	 overflow;	/* memory mode: a write was cut */
	bool	 error;		/* fd mode: a write failed */
};

void	ob_init_fd(struct outbuf *, int fd, size_t cap);
void	ob_init_mem(struct outbuf *, size_t max);
void	ob_free(struct outbuf *);
/* fd mode: write everything out; returns false on a write error. */
bool	ob_flush(struct outbuf *);
void	ob_reserve_slow(struct outbuf *, size_t);
void	ob_u64(struct outbuf *, uint64_t);
void	ob_hex(struct outbuf *, const uint8_t *, size_t);
void	ob_json_str(struct outbuf *, const char *, size_t);

static inline bool
ob_reserve(struct outbuf *ob, size_t n)
{
	if (ob->cap - ob->len < n)
		ob_reserve_slow(ob, n);
	return ob->cap - ob->len >= n;
}

static inline void
ob_write(struct outbuf *ob, const void *p, size_t n)
{
	if (!ob_reserve(ob, n))
		return;
	memcpy(ob->buf + ob->len, p, n);
	ob->len += n;
}

static inline void
ob_str(struct outbuf *ob, const char *s)
{
	ob_write(ob, s, strlen(s));
}

static inline void
ob_char(struct outbuf *ob, char c)
{
	if (!ob_reserve(ob, 1))
		return;
	ob->buf[ob->len++] = c;
}

static inline void
ob_u32(struct outbuf *ob, uint32_t v)
{
	ob_u64(ob, v);
}

#endif
