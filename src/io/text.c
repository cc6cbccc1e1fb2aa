#include <string.h>

#include "text.h"

int
csv_split(const char *s, size_t n, struct csv_field *f, int max,
    const char **why)
{
	size_t i = 0;
	int nf = 0;

	for (;;) {
		size_t b;

		if (nf == max) {
			*why = "too many fields";
			return -1;
		}
		f[nf].quoted = i < n && s[i] == '"';
		if (f[nf].quoted) {
			b = ++i;
			for (;; i++) {
				if (i == n) {
					*why = "unterminated quote";
					return -1;
				}
				if (s[i] != '"')
					continue;
				if (i + 1 < n && s[i + 1] == '"')
					i++;	/* "" is a quote */
				else
					break;
			}
			f[nf].s = s + b;
			f[nf].n = i - b;
			i++;
			if (i < n && s[i] != ',') {
				*why = "text after a closing quote";
				return -1;
			}
		} else {
			b = i;
			while (i < n && s[i] != ',')
				i++;
			f[nf].s = s + b;
			f[nf].n = i - b;
			if (memchr(f[nf].s, '"', f[nf].n) != NULL) {
				*why = "quote inside an unquoted field";
				return -1;
			}
		}
		nf++;
		if (i >= n)
			return nf;
		i++;	/* the comma */
	}
}

bool
csv_copy(const struct csv_field *f, char *buf, size_t len)
{
	size_t i, o = 0;

	if (len == 0)
		return false;
	for (i = 0; i < f->n; i++) {
		if (o + 1 >= len)
			return false;
		buf[o++] = f->s[i];
		if (f->quoted && f->s[i] == '"')
			i++;	/* the second of "" */
	}
	buf[o] = '\0';
	return true;
}

bool
text_slurp(struct reader *rd, size_t max, const uint8_t **p, size_t *n)
{
	size_t need = 64 * 1024;

	for (;;) {
		*n = reader_peek(rd, need, p);
		if (*n < need)
			return *n <= max;
		if (need > max)
			return false;
		need *= 2;
	}
}

int
text_read_path(const char *path, struct diag *d,
    int (*fn)(void *, struct reader *, struct diag *), void *arg)
{
	char err[DIAG_MSG];
	struct reader *rd = reader_open(path, err, sizeof(err));
	int rc;

	if (rd == NULL) {
		diag_fatal(d, "%s", err);
		return -1;
	}
	rc = fn(arg, rd, d);
	reader_close(rd);
	return rc;
}
