/* CAIDA as-rel, as-rel2 and ppdc-ases reader. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "formats/asrel.h"
#include "io/lines.h"
#include "io/reader.h"
#include "net/asn.h"

struct ctx {
	struct asgraph		*g;
	struct asrel_stats	*st;
	const char		*name;
	struct lines		 ln;
	enum asrel_kind		 want;
	uint32_t		*members;	/* ppdc line scratch */
	size_t			 cap;
};

const char *
asrel_skip_str(enum asrel_skip s)
{
	static const char *const names[ASREL_SKIP_MAX] = {
		"bad syntax",
		"bad AS number",
		"unknown relationship",
		"an AS linked to itself",
		"duplicate link",
		"conflicting relationship",
		"bad line (too long or NUL byte)",
		"over a size limit",
	};

	return s < ASREL_SKIP_MAX ? names[s] : "?";
}

static void
skip(struct ctx *c, enum asrel_skip why, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
skip(struct ctx *c, enum asrel_skip why, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	c->st->skipped++;
	c->st->skip[why]++;
	if (c->st->first[0] == '\0')
		snprintf(c->st->first, sizeof(c->st->first),
		    "%s: line %llu (byte %llu): %s", c->name,
		    (unsigned long long)c->ln.lineno,
		    (unsigned long long)c->ln.offset, msg);
	log_debug("%s: line %llu (byte %llu): %s", c->name,
	    (unsigned long long)c->ln.lineno,
	    (unsigned long long)c->ln.offset, msg);
}

/* Next token of s[*i..n) split at sep (or blanks if sep is ' '). */
static bool
token(const char *s, size_t n, size_t *i, char sep, const char **t,
    size_t *tn)
{
	size_t j;

	if (sep == ' ')
		while (*i < n && (s[*i] == ' ' || s[*i] == '\t'))
			(*i)++;
	if (*i >= n)
		return false;
	j = *i;
	while (j < n && s[j] != sep && !(sep == ' ' && s[j] == '\t'))
		j++;
	*t = s + *i;
	*tn = j - *i;
	*i = j < n && sep != ' ' ? j + 1 : j;
	return true;
}

static bool
starts(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && memcmp(s, prefix, k) == 0;
}

static void
comment(struct ctx *c, const char *s, size_t n)
{
	void (*add)(struct asgraph *, uint32_t);
	const char *t, *why;
	size_t i, tn;
	uint32_t as;

	c->st->comments++;
	if (starts(s, n, "# input clique:")) {
		add = asgraph_add_clique;
		i = strlen("# input clique:");
	} else if (starts(s, n, "# inferred clique:")) {
		add = asgraph_add_clique;
		i = strlen("# inferred clique:");
	} else if (starts(s, n, "# IXP ASes:")) {
		add = asgraph_add_ixp;
		i = strlen("# IXP ASes:");
	} else
		return;
	/* Check the whole list first: a bad one is skipped as a whole. */
	for (size_t k = i; token(s, n, &k, ' ', &t, &tn);)
		if (!asn_parse(t, tn, &as, &why)) {
			skip(c, ASREL_SKIP_ASN, "AS list: '%.*s': %s",
			    (int)(tn > 20 ? 20 : tn), t, why);
			return;
		}
	while (token(s, n, &i, ' ', &t, &tn)) {
		(void)asn_parse(t, tn, &as, &why);
		add(c->g, as);
	}
}

static bool
get_asn(struct ctx *c, const char *t, size_t tn, uint32_t *as)
{
	const char *why;

	if (asn_parse(t, tn, as, &why))
		return true;
	skip(c, ASREL_SKIP_ASN, "'%.*s': %s", (int)(tn > 20 ? 20 : tn), t,
	    why);
	return false;
}

static void
rel_line(struct ctx *c, const char *s, size_t n)
{
	const char *f[5], *why;
	size_t fn[5], i = 0, k = 0;
	uint32_t a, b;
	uint64_t prev = 0;
	unsigned src = 0;
	enum asrel rel;

	while (k < 5 && token(s, n, &i, '|', &f[k], &fn[k]))
		k++;
	if (s[n - 1] == '|')
		k = 5;		/* an empty last field */
	if (k < 3 || k > 4) {
		skip(c, ASREL_SKIP_SYNTAX, "expected A|B|REL or A|B|REL|SOURCE");
		return;
	}
	if (c->st->serial == 0)
		c->st->serial = (int)k - 2;
	else if (c->st->serial != (int)k - 2) {
		skip(c, ASREL_SKIP_SYNTAX, "%zu fields in a serial-%d file",
		    k, c->st->serial);
		return;
	}
	if (!get_asn(c, f[0], fn[0], &a) || !get_asn(c, f[1], fn[1], &b))
		return;
	if (fn[2] == 2 && memcmp(f[2], "-1", 2) == 0)
		rel = ASREL_PROVIDER;
	else if (fn[2] == 1 && f[2][0] == '0')
		rel = ASREL_PEER;
	else {
		skip(c, ASREL_SKIP_REL, "relationship '%.*s' is not -1 or 0",
		    (int)(fn[2] > 20 ? 20 : fn[2]), f[2]);
		return;
	}
	if (k == 4) {
		if (fn[3] == 0 || fn[3] > 64) {
			skip(c, ASREL_SKIP_SYNTAX, "empty or overlong source");
			return;
		}
		if ((src = asgraph_source(c->g, f[3], fn[3])) == 0) {
			skip(c, ASREL_SKIP_LIMIT, "more than %d source names",
			    ASGRAPH_MAX_SOURCES);
			return;
		}
	}
	if (!asgraph_add_link(c->g, a, b, rel, src, c->ln.lineno, &why,
	    &prev)) {
		if (a == b)
			skip(c, ASREL_SKIP_SELF, "AS%u linked to itself", a);
		else if (prev == 0)
			skip(c, ASREL_SKIP_LIMIT, "%s", why);
		else
			skip(c, strstr(why, "different") != NULL ?
			    ASREL_SKIP_CONFLICT : ASREL_SKIP_DUP,
			    "AS%u-AS%u: %s (first on line %llu)", a, b, why,
			    (unsigned long long)prev);
		return;
	}
	c->st->links++;
}

static void
ppdc_line(struct ctx *c, const char *s, size_t n)
{
	const char *t, *why;
	size_t i = 0, tn, k = 0;
	uint32_t as;

	if (!token(s, n, &i, ' ', &t, &tn) || !get_asn(c, t, tn, &as))
		return;
	while (token(s, n, &i, ' ', &t, &tn)) {
		if (k == c->cap) {
			c->cap = c->cap == 0 ? 1024 : c->cap * 2;
			c->members = xreallocarray(c->members, c->cap,
			    sizeof(*c->members));
		}
		if (!get_asn(c, t, tn, &c->members[k++]))
			return;
	}
	if (!asgraph_add_cone(c->g, as, c->members, k, &why)) {
		skip(c, strstr(why, "second") != NULL ? ASREL_SKIP_DUP :
		    ASREL_SKIP_LIMIT, "cone of AS%u: %s", as, why);
		return;
	}
	c->st->cones++;
}

/* Tell the kind from the first data line; false if it is not wanted. */
static bool
kind(struct ctx *c, const char *s, size_t n, char *err, size_t errlen)
{
	enum asrel_kind k = memchr(s, '|', n) != NULL ? ASREL_KIND_REL :
	    ASREL_KIND_PPDC;

	if (c->want != ASREL_KIND_ANY && k != c->want) {
		snprintf(err, errlen, "%s: line %llu: not %s data", c->name,
		    (unsigned long long)c->ln.lineno,
		    c->want == ASREL_KIND_REL ? "as-rel (A|B|REL)" :
		    "ppdc-ases (AS MEMBER...)");
		return false;
	}
	c->st->kind = k;
	return true;
}

static int
read_all(struct ctx *c, char *err, size_t errlen)
{
	enum line_status ls;
	enum asrel_kind k = ASREL_KIND_ANY;
	const char *s;
	size_t n;

	while ((ls = lines_next(&c->ln, &s, &n)) != LINE_EOF) {
		c->st->lines++;
		if (ls != LINE_OK) {
			skip(c, ls == LINE_TOO_LONG ? ASREL_SKIP_LIMIT :
			    ASREL_SKIP_LINE, "%s", line_status_str(ls));
			continue;
		}
		if (n == 0)
			continue;
		if (s[0] == '#') {
			comment(c, s, n);
			continue;
		}
		if (k == ASREL_KIND_ANY) {
			if (!kind(c, s, n, err, errlen))
				return -1;
			k = c->st->kind;
		}
		if (k == ASREL_KIND_REL)
			rel_line(c, s, n);
		else
			ppdc_line(c, s, n);
	}
	if (reader_error(c->ln.rd) != NULL) {
		snprintf(err, errlen, "%s: %s", c->name,
		    reader_error(c->ln.rd));
		return -1;
	}
	return 0;
}

static int
read_reader(struct asgraph *g, struct reader *rd, const char *name,
    enum asrel_kind want, struct asrel_stats *st, char *err, size_t errlen)
{
	struct ctx c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.g = g;
	c.st = st;
	c.name = name;
	c.want = want;
	lines_init(&c.ln, rd, MAX_ASREL_LINE);
	rc = read_all(&c, err, errlen);
	free(c.members);
	reader_close(rd);
	return rc;
}

int
asrel_read(struct asgraph *g, const char *path, enum asrel_kind want,
    struct asrel_stats *st, char *err, size_t errlen)
{
	struct reader *rd = reader_open(path, err, errlen);

	if (rd == NULL)
		return -1;
	return read_reader(g, rd, strcmp(path, "-") == 0 ? "stdin" : path,
	    want, st, err, errlen);
}

int
asrel_read_fd(struct asgraph *g, int fd, const char *name,
    enum asrel_kind want, struct asrel_stats *st, char *err, size_t errlen)
{
	struct reader *rd = reader_fdopen(fd, name, err, errlen);

	if (rd == NULL)
		return -1;
	return read_reader(g, rd, name, want, st, err, errlen);
}
