#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/limits.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "net/asn.h"
#include "rpsl.h"

/* Grow the peek window by at least this much when a line crosses it. */
#define RPSL_PEEK_STEP	(64u * 1024)

/* Where an attribute's strings are in the object's text buffer. */
struct attr_off {
	uint32_t	name;
	uint32_t	value;
};

struct rpsl_file {
	struct reader		*rd;
	char			*name;
	char			 err[512];
	char			 skip[512];
	bool			 have_skip;
	struct rpsl_stats	 stats;

	/* The current peek window; lines are cut from win[pos..wlen). */
	const uint8_t		*win;
	size_t			 wlen;
	size_t			 pos;
	bool			 eof;
	uint32_t		 line;

	/* The object being built; reused for every object. */
	char			*text;
	size_t			 tlen;
	size_t			 tcap;
	struct attr_off		*offs;
	struct rpsl_attr	*attrs;
	size_t			 nattrs;
	size_t			 acap;
	size_t			 raw;		/* raw bytes of the object */
	uint32_t		 obj_line;
	bool			 in_obj;	/* an object has started */
	bool			 skipping;	/* ... and is bad: skip it */
};

static const char *const err_str[RPSL_ERR_MAX] = {
	[RPSL_ERR_SYNTAX] = "line is neither \"name: value\" nor a "
	    "continuation (RFC 2622 section 2)",
	[RPSL_ERR_CONT_FIRST] = "continuation line before the first attribute",
	[RPSL_ERR_BAD_NAME] = "attribute name with bad characters "
	    "(RFC 2622 section 2)",
	[RPSL_ERR_NUL] = "NUL byte in a line",
	[RPSL_ERR_TOO_BIG] = "object larger than MAX_RPSL_OBJECT",
	[RPSL_ERR_TOO_MANY_ATTRS] = "object has more than MAX_RPSL_ATTRS "
	    "attributes",
};

const char *
rpsl_err_str(enum rpsl_err e)
{
	if ((unsigned)e >= RPSL_ERR_MAX)
		return "unknown";
	return err_str[e];
}

struct rpsl_file *
rpsl_file_new(struct reader *rd, const char *name)
{
	struct rpsl_file *f = xcalloc(1, sizeof(*f));

	f->rd = rd;
	f->name = xstrdup(name);
	return f;
}

struct rpsl_file *
rpsl_buffer_new(const void *data, size_t len, const char *name)
{
	struct rpsl_file *f = rpsl_file_new(NULL, name);

	f->win = data;
	f->wlen = len;
	f->eof = true;		/* the reader is never asked for more */
	return f;
}

void
rpsl_file_free(struct rpsl_file *f)
{
	if (f == NULL)
		return;
	if (f->rd != NULL)
		reader_close(f->rd);
	free(f->name);
	free(f->text);
	free(f->offs);
	free(f->attrs);
	free(f);
}

const char *
rpsl_file_error(const struct rpsl_file *f)
{
	return f->err[0] != '\0' ? f->err : NULL;
}

const struct rpsl_stats *
rpsl_file_stats(const struct rpsl_file *f)
{
	return &f->stats;
}

const char *
rpsl_file_last_skip(const struct rpsl_file *f)
{
	return f->have_skip ? f->skip : NULL;
}

static bool
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_alnum(int c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

/*
 * Cut the next line (without its '\n') from the stream.  Returns 1 and the
 * line, 0 at the end of the data, -1 for a line longer than
 * MAX_RPSL_OBJECT (which is then consumed up to and including its '\n').
 */
static int
next_line(struct rpsl_file *f, const char **line, size_t *len)
{
	const uint8_t *nl;
	size_t rem, need;
	bool toolong = false;

	for (;;) {
		rem = f->wlen - f->pos;
		nl = rem > 0 ? memchr(f->win + f->pos, '\n', rem) : NULL;
		if (nl != NULL) {
			*line = (const char *)f->win + f->pos;
			*len = (size_t)(nl - (f->win + f->pos));
			f->pos += *len + 1;
			f->line++;
			return toolong ? -1 : 1;
		}
		if (f->eof) {
			if (rem == 0 && !toolong)
				return 0;
			*line = (const char *)f->win + f->pos;
			*len = rem;
			f->pos = f->wlen;
			f->line++;
			return toolong ? -1 : 1;
		}
		if (rem > MAX_RPSL_OBJECT) {
			/* Throw the line away as it streams past. */
			toolong = true;
			f->pos = f->wlen;
			rem = 0;
		}
		reader_consume(f->rd, f->pos);
		f->pos = 0;
		need = rem < RPSL_PEEK_STEP ? rem + RPSL_PEEK_STEP : rem * 2;
		if (need > MAX_RPSL_OBJECT + 2)
			need = MAX_RPSL_OBJECT + 2;
		f->wlen = reader_peek(f->rd, need, &f->win);
		if (f->wlen < need)
			f->eof = true;
	}
}

static void
obj_reset(struct rpsl_file *f)
{
	f->tlen = 0;
	f->nattrs = 0;
	f->raw = 0;
	f->in_obj = false;
	f->skipping = false;
}

static void
obj_fail(struct rpsl_file *f, enum rpsl_err e)
{
	f->stats.skipped[e]++;
	snprintf(f->skip, sizeof(f->skip), "%s:%u: object at line %u "
	    "skipped: %s", f->name, f->line, f->obj_line, err_str[e]);
	f->have_skip = true;
	log_debug("%s", f->skip);
	f->skipping = true;
	f->tlen = 0;
	f->nattrs = 0;
}

/* Room for n more bytes of text; false if the object would be too big. */
static bool
text_reserve(struct rpsl_file *f, size_t n)
{
	size_t cap;

	if (n > MAX_RPSL_OBJECT || f->tlen + n > MAX_RPSL_OBJECT + 1) {
		obj_fail(f, RPSL_ERR_TOO_BIG);
		return false;
	}
	if (f->tlen + n <= f->tcap)
		return true;
	cap = f->tcap > 0 ? f->tcap : 4096;
	while (cap < f->tlen + n)
		cap *= 2;
	f->text = xrealloc(f->text, cap);
	f->tcap = cap;
	return true;
}

/* Strip a comment and the blanks around s[0..n); returns the new span. */
static const char *
value_span(const char *s, size_t *n)
{
	const char *hash = memchr(s, '#', *n);
	size_t len = hash != NULL ? (size_t)(hash - s) : *n;

	while (len > 0 && is_blank((unsigned char)s[0])) {
		s++;
		len--;
	}
	while (len > 0 && is_blank((unsigned char)s[len - 1]))
		len--;
	*n = len;
	return s;
}

/* Drop trailing '\n' left by empty "+" lines at the end of a value. */
static void
value_close(struct rpsl_file *f)
{
	size_t start;

	if (f->nattrs == 0)
		return;
	start = f->offs[f->nattrs - 1].value;
	while (f->tlen - 1 > start && f->text[f->tlen - 2] == '\n') {
		f->tlen--;
		f->text[f->tlen - 1] = '\0';
	}
}

static void
add_attr(struct rpsl_file *f, const char *s, size_t len)
{
	const char *colon = memchr(s, ':', len), *v;
	size_t nlen, vlen, i;

	if (colon == NULL) {
		obj_fail(f, RPSL_ERR_SYNTAX);
		return;
	}
	nlen = (size_t)(colon - s);
	if (nlen == 0 || !is_alpha((unsigned char)s[0]) ||
	    !is_alnum((unsigned char)s[nlen - 1])) {
		obj_fail(f, RPSL_ERR_BAD_NAME);
		return;
	}
	for (i = 1; i < nlen; i++) {
		int c = (unsigned char)s[i];

		if (!is_alnum(c) && c != '-' && c != '_') {
			obj_fail(f, RPSL_ERR_BAD_NAME);
			return;
		}
	}
	if (f->nattrs >= MAX_RPSL_ATTRS) {
		obj_fail(f, RPSL_ERR_TOO_MANY_ATTRS);
		return;
	}
	vlen = len - nlen - 1;
	v = value_span(colon + 1, &vlen);
	value_close(f);
	if (!text_reserve(f, nlen + vlen + 2))
		return;
	if (f->nattrs == f->acap) {
		f->acap = f->acap > 0 ? f->acap * 2 : 64;
		f->offs = xreallocarray(f->offs, f->acap, sizeof(*f->offs));
		f->attrs = xreallocarray(f->attrs, f->acap, sizeof(*f->attrs));
	}
	if (f->nattrs == 0)
		f->obj_line = f->line;
	f->offs[f->nattrs].name = (uint32_t)f->tlen;
	for (i = 0; i < nlen; i++) {
		int c = (unsigned char)s[i];

		f->text[f->tlen++] = (char)(c >= 'A' && c <= 'Z' ?
		    c - 'A' + 'a' : c);
	}
	f->text[f->tlen++] = '\0';
	f->offs[f->nattrs].value = (uint32_t)f->tlen;
	memcpy(f->text + f->tlen, v, vlen);
	f->tlen += vlen;
	f->text[f->tlen++] = '\0';
	f->attrs[f->nattrs].line = f->line;
	f->nattrs++;
}

static void
add_continuation(struct rpsl_file *f, const char *s, size_t len)
{
	const char *v;
	size_t vlen = len - 1;
	bool empty;

	if (f->nattrs == 0) {
		obj_fail(f, RPSL_ERR_CONT_FIRST);
		return;
	}
	v = value_span(s + 1, &vlen);
	/* The value is the last string in the buffer. */
	empty = f->tlen - 1 == f->offs[f->nattrs - 1].value;
	if (empty && vlen == 0)
		return;
	if (!text_reserve(f, vlen + 1))
		return;
	f->tlen--;			/* over the NUL */
	if (!empty)
		f->text[f->tlen++] = '\n';
	memcpy(f->text + f->tlen, v, vlen);
	f->tlen += vlen;
	f->text[f->tlen++] = '\0';
}

static void
deliver(struct rpsl_file *f, struct rpsl_object *obj)
{
	size_t i;

	value_close(f);
	obj->source = NULL;
	for (i = 0; i < f->nattrs; i++) {
		f->attrs[i].name = f->text + f->offs[i].name;
		f->attrs[i].value = f->text + f->offs[i].value;
		if (obj->source == NULL && f->attrs[i].name[0] == 's' &&
		    strcmp(f->attrs[i].name, "source") == 0)
			obj->source = f->attrs[i].value;
	}
	obj->attrs = f->attrs;
	obj->nattrs = f->nattrs;
	obj->class = f->attrs[0].name;
	obj->key = f->attrs[0].value;
	obj->line = f->obj_line;
	f->stats.objects++;
}

int
rpsl_next(struct rpsl_file *f, struct rpsl_object *obj)
{
	const char *s;
	size_t len, i;
	int r;

	for (;;) {
		r = next_line(f, &s, &len);
		if (r == 0)
			break;
		f->stats.lines++;
		if (r < 0) {
			if (!f->in_obj)
				f->obj_line = f->line;
			f->in_obj = true;
			if (!f->skipping)
				obj_fail(f, RPSL_ERR_TOO_BIG);
			continue;
		}
		if (len > 0 && s[len - 1] == '\r')
			len--;
		for (i = 0; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
			;
		if (i == len) {
			/* A blank line ends the object. */
			bool done = f->in_obj && !f->skipping && f->nattrs > 0;

			if (done) {
				deliver(f, obj);
				obj_reset(f);
				return 1;
			}
			obj_reset(f);
			continue;
		}
		if (!f->in_obj) {
			f->in_obj = true;
			f->obj_line = f->line;
		}
		f->raw += len + 1;
		if (f->skipping)
			continue;
		if (memchr(s, '\0', len) != NULL) {
			obj_fail(f, RPSL_ERR_NUL);
			continue;
		}
		if (f->raw > MAX_RPSL_OBJECT) {
			obj_fail(f, RPSL_ERR_TOO_BIG);
			continue;
		}
		if (s[0] == '#' || s[0] == '%')
			continue;
		if (s[0] == ' ' || s[0] == '\t' || s[0] == '+')
			add_continuation(f, s, len);
		else
			add_attr(f, s, len);
	}
	/* The last object may end at the end of the data. */
	if (f->in_obj && !f->skipping && f->nattrs > 0) {
		deliver(f, obj);
		obj_reset(f);
		return 1;
	}
	obj_reset(f);
	if (f->err[0] == '\0' && f->rd != NULL &&
	    reader_error(f->rd) != NULL)
		snprintf(f->err, sizeof(f->err), "%s: line %u: %s", f->name,
		    f->line, reader_error(f->rd));
	return 0;
}

const char *
rpsl_attr_first(const struct rpsl_object *obj, const char *name)
{
	size_t i;

	for (i = 0; i < obj->nattrs; i++)
		if (strcasecmp(obj->attrs[i].name, name) == 0)
			return obj->attrs[i].value;
	return NULL;
}

bool
rpsl_route_parse(const struct rpsl_object *obj, struct prefix *pfx,
    uint32_t *origin, const char **why)
{
	const char *orig = NULL;
	unsigned afi;
	size_t i, n;

	if (strcmp(obj->class, "route") == 0)
		afi = AFI_IPV4;
	else if (strcmp(obj->class, "route6") == 0)
		afi = AFI_IPV6;
	else {
		*why = "not a route or route6 object";
		return false;
	}
	if (!prefix_parse(obj->key, strlen(obj->key), pfx, why))
		return false;
	if (pfx->afi != afi) {
		*why = afi == AFI_IPV4 ? "route: with an IPv6 prefix" :
		    "route6: with an IPv4 prefix";
		return false;
	}
	for (i = 0; i < obj->nattrs; i++) {
		if (strcmp(obj->attrs[i].name, "origin") != 0)
			continue;
		if (orig != NULL) {
			*why = "more than one origin: attribute";
			return false;
		}
		orig = obj->attrs[i].value;
	}
	if (orig == NULL) {
		*why = "no origin: attribute";
		return false;
	}
	n = strlen(orig);
	if (n < 2 || (orig[0] != 'A' && orig[0] != 'a') ||
	    (orig[1] != 'S' && orig[1] != 's')) {
		*why = "origin: is not \"AS\" and a number";
		return false;
	}
	return asn_parse(orig, n, origin, why);
}

bool
rpsl_list_next(const char **s, const char **item, size_t *len)
{
	const char *p = *s, *q;

	while (*p == ',' || is_blank((unsigned char)*p))
		p++;
	if (*p == '\0') {
		*s = p;
		return false;
	}
	for (q = p; *q != '\0' && *q != ',' && !is_blank((unsigned char)*q);
	    q++)
		;
	*item = p;
	*len = (size_t)(q - p);
	*s = q;
	return true;
}

void
rpsl_object_print(FILE *fp, const struct rpsl_object *obj)
{
	size_t i;

	for (i = 0; i < obj->nattrs; i++) {
		const char *v = obj->attrs[i].value, *nl;
		int pad = 15 - (int)strlen(obj->attrs[i].name);

		fprintf(fp, "%s:%*s", obj->attrs[i].name, pad > 0 ? pad : 0,
		    "");
		for (;;) {
			nl = strchr(v, '\n');
			if (nl == NULL) {
				fprintf(fp, " %s\n", v);
				break;
			}
			fprintf(fp, " %.*s\n", (int)(nl - v), v);
			v = nl + 1;
			fputs(*v == '\n' || *v == '\0' ? "+" : "               ",
			    fp);
		}
	}
}
