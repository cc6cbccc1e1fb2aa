#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/xmalloc.h"
#include "io/text.h"
#include "io/lines.h"
#include "prefixlist.h"

static const char *const reject_str[PL_REJ_MAX] = {
	[PL_REJ_PREFIX] = "bad prefix",
	[PL_REJ_HOST_BITS] = "host bits set",
	[PL_REJ_LIMIT] = "over a size limit",
};

void
prefixlist_diag_init(struct diag *d, const char *name)
{
	diag_init(d, name, reject_str, PL_REJ_MAX);
}

void
prefixlist_free(struct prefix_list *l)
{
	if (l == NULL)
		return;
	free(l->p);
	memset(l, 0, sizeof(*l));
}

static bool
is_sp(char c)
{
	return c == ' ' || c == '\t';
}

int
prefixlist_read(struct prefix_list *l, struct reader *rd, struct diag *d)
{
	struct lines ln;
	const char *s, *rerr;
	size_t n;
	enum line_status rc;

	lines_init(&ln, rd, MAX_BOGON_LINE);
	while ((rc = lines_next(&ln, &s, &n)) != LINE_EOF) {
		const char *why = NULL;
		struct prefix p;
		size_t b = 0, e;

		if (rc != LINE_OK) {
			diag_reject(d, rc == LINE_NUL ? PL_REJ_PREFIX :
			    PL_REJ_LIMIT, ln.lineno, "%s", line_status_str(rc));
			continue;
		}
		while (b < n && is_sp(s[b]))
			b++;
		if (b == n || s[b] == '#' || s[b] == ';')
			continue;
		for (e = b; e < n && !is_sp(s[e]) && s[e] != ';'; e++)
			;
		if (!prefix_parse(s + b, e - b, &p, &why)) {
			diag_reject(d, why != NULL && strstr(why, "host") ?
			    PL_REJ_HOST_BITS : PL_REJ_PREFIX, ln.lineno,
			    "'%.*s': %s", (int)(e - b > 50 ? 50 : e - b), s + b,
			    why != NULL ? why : "unparsable");
			continue;
		}
		if (l->n >= MAX_BOGON_PREFIXES) {
			diag_reject(d, PL_REJ_LIMIT, ln.lineno, "more than %u "
			    "prefixes", MAX_BOGON_PREFIXES);
			continue;
		}
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 1024;
			l->p = xreallocarray(l->p, l->cap, sizeof(*l->p));
		}
		l->p[l->n++] = p;
	}
	if ((rerr = reader_error(rd)) != NULL) {
		diag_fatal(d, "%s", rerr);
		return -1;
	}
	return 0;
}

static int
prefixlist_read_cb(void *arg, struct reader *rd, struct diag *d)
{
	return prefixlist_read(arg, rd, d);
}

int
prefixlist_read_file(struct prefix_list *l, const char *path, struct diag *d)
{
	return text_read_path(path, d, prefixlist_read_cb, l);
}
