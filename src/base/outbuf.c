#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "outbuf.h"
#include "xmalloc.h"

void
ob_init_fd(struct outbuf *ob, int fd, size_t cap)
{
	ob->fd = fd;
	ob->cap = cap ? cap : 256 * 1024;
	ob->buf = xmalloc(ob->cap);
	ob->len = 0;
	ob->max = ob->cap;
	ob->overflow = false;
	ob->error = false;
}

void
ob_init_mem(struct outbuf *ob, size_t max)
{
	ob->fd = -1;
	ob->cap = 256;
	ob->buf = xmalloc(ob->cap);
	ob->len = 0;
	ob->max = max;
	ob->overflow = false;
	ob->error = false;
}

void
ob_free(struct outbuf *ob)
{
	free(ob->buf);
	ob->buf = NULL;
	ob->len = ob->cap = 0;
}

bool
ob_flush(struct outbuf *ob)
{
	size_t off = 0;

	if (ob->fd < 0)
		return true;
	while (off < ob->len && !ob->error) {
		ssize_t n = write(ob->fd, ob->buf + off, ob->len - off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			ob->error = true;
			break;
		}
		off += (size_t)n;
	}
	ob->len = 0;
	return !ob->error;
}

void
ob_reserve_slow(struct outbuf *ob, size_t n)
{
	size_t cap;

	if (ob->fd >= 0) {
		ob_flush(ob);
		if (ob->cap >= n)
			return;
		/* One item larger than the buffer: grow to hold it. */
		ob->buf = xrealloc(ob->buf, n);
		ob->cap = n;
		return;
	}
	if (ob->len + n > ob->max) {
		ob->overflow = true;
		return;
	}
	for (cap = ob->cap; cap - ob->len < n; cap *= 2)
		;
	if (cap > ob->max)
		cap = ob->max;
	ob->buf = xrealloc(ob->buf, cap);
	ob->cap = cap;
}

void
ob_u64(struct outbuf *ob, uint64_t v)
{
	char tmp[20];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	ob_write(ob, tmp + i, sizeof(tmp) - i);
}

void
ob_hex(struct outbuf *ob, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		ob_char(ob, digits[p[i] >> 4]);
		ob_char(ob, digits[p[i] & 15]);
	}
}

void
ob_json_str(struct outbuf *ob, const char *s, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	ob_char(ob, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			ob_char(ob, '\\');
			ob_char(ob, (char)c);
		} else if (c < 0x20 || c >= 0x7f) {
			/* Bytes from the wire are not trusted to be UTF-8. */
			ob_write(ob, "\\u00", 4);
			ob_char(ob, digits[c >> 4]);
			ob_char(ob, digits[c & 15]);
		} else
			ob_char(ob, (char)c);
	}
	ob_char(ob, '"');
}
