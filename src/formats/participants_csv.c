/*
 * Participants CSV: see participants_csv.h and docs/participants.md.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/encoding.h"
#include "base/limits.h"
#include "base/xmalloc.h"
#include "io/text.h"
#include "participants_csv.h"

enum col {
	C_ORG, C_PROGRAM, C_ASNS, C_SINCE, C_COUNTRY, C_NOTES,	/* the org */
	C_ROLE, C_EMAIL, C_NAME, C_PHONE,			/* a contact */
	C_MAX
};

/* Column names are the JSON keys. */
static const char *const col_name[C_MAX] = {
	"organisation", "program", "asns", "member_since", "country",
	"notes", "role", "email", "name", "phone"
};
static const bool col_required[C_MAX] = {
	[C_ORG] = true, [C_PROGRAM] = true, [C_ASNS] = true, [C_SINCE] = true,
	[C_ROLE] = true, [C_EMAIL] = true,
};

struct csv {
	const char	*p;
	size_t		 n, pos;
	uint32_t	 line;		/* of the record at pos */
	int		 col[C_MAX];	/* field index of each column */
	int		 ncols;
	char		*cell;		/* one unquoted field */
	size_t		 nodes;
	char		*err;
	size_t		 errlen;
};

static bool
fail(struct csv *c, uint32_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool
fail(struct csv *c, uint32_t line, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(c->err, c->errlen, "line %u: %s", line, msg);
	return false;
}

/*
 * The next record: up to a newline outside quotes (RFC 4180 fields may
 * hold newlines), without the CR LF.  Moves pos and line past it.
 */
static bool
record(struct csv *c, const char **s, size_t *len, uint32_t *line)
{
	bool quoted = false;
	size_t i;

	*s = c->p + c->pos;
	*line = c->line;
	for (i = c->pos; i < c->n; i++) {
		if (c->p[i] == '"')
			quoted = !quoted;
		else if (c->p[i] == '\n') {
			if (!quoted)
				break;
			c->line++;
		}
	}
	if (quoted)
		return fail(c, *line, "a quoted field that does not end");
	*len = i - c->pos;
	c->pos = i < c->n ? i + 1 : i;
	c->line++;
	if (*len > 0 && (*s)[*len - 1] == '\r')
		(*len)--;
	if (*len > MAX_PARTICIPANTS_CSV_ROW)
		return fail(c, *line, "a row longer than %u bytes",
		    MAX_PARTICIPANTS_CSV_ROW);
	return true;
}

/* The field's text (quotes undoubled) in c->cell; controls refused. */
static bool
text(struct csv *c, const struct csv_field *f, uint32_t line, int col)
{
	size_t i;

	if (memchr(f->s, '\0', f->n) != NULL)
		return fail(c, line, "%s: a NUL character", col_name[col]);
	if (!csv_copy(f, c->cell, MAX_PARTICIPANTS_CSV_ROW + 1))
		return fail(c, line, "%s: too long", col_name[col]);
	for (i = 0; c->cell[i] != '\0'; i++) {
		unsigned char ch = (unsigned char)c->cell[i];

		if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') ||
		    ch == 0x7f)
			return fail(c, line, "%s: control character 0x%02x",
			    col_name[col], ch);
	}
	return true;
}

static bool
header(struct csv *c)
{
	struct csv_field f[C_MAX + 1];
	const char *s, *why;
	size_t len;
	uint32_t line;
	int i, k;

	if (!record(c, &s, &len, &line))
		return false;
	if ((c->ncols = csv_split(s, len, f, C_MAX + 1, &why)) < 0)
		return fail(c, line, "header: %s", why);
	for (k = 0; k < C_MAX; k++)
		c->col[k] = -1;
	for (i = 0; i < c->ncols; i++) {
		for (k = 0; k < C_MAX; k++)
			if (f[i].n == strlen(col_name[k]) &&
			    memcmp(f[i].s, col_name[k], f[i].n) == 0)
				break;
		if (k == C_MAX)
			return fail(c, line, "unknown column \"%.*s\" (the "
			    "columns are in docs/participants.md)",
			    (int)(f[i].n > 40 ? 40 : f[i].n), f[i].s);
		if (c->col[k] >= 0)
			return fail(c, line, "column %s twice", col_name[k]);
		c->col[k] = i;
	}
	for (k = 0; k < C_MAX; k++)
		if (col_required[k] && c->col[k] < 0)
			return fail(c, line, "no column %s", col_name[k]);
	return true;
}

static json_t *
need(json_t *v)
{
	if (v == NULL) {
		fprintf(stderr, "manrs: out of memory reading participants\n");
		abort();
	}
	return v;
}

/*
 * "64496 AS64497, 64498": numbers as integers, the rest as strings for
 * the checker to judge.  Each ASN counts toward the cap on values; one
 * past MAX_PARTICIPANT_ASNS is enough for the checker to refuse the list.
 */
static json_t *
asn_list(struct csv *c, const char *s, uint32_t line)
{
	json_t *a = need(json_array());
	size_t n, i;

	for (;;) {
		s += strspn(s, " \t,;");
		if ((n = strcspn(s, " \t,;")) == 0 ||
		    json_array_size(a) > MAX_PARTICIPANT_ASNS)
			return a;
		if (++c->nodes > MAX_TOML_NODES) {
			json_decref(a);
			fail(c, line, "more than %u values", MAX_TOML_NODES);
			return NULL;
		}
		for (i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == n && n <= 10 && s[0] != '0')
			json_array_append_new(a, need(json_integer(
			    strtoll(s, NULL, 10))));
		else
			json_array_append_new(a, need(json_stringn_nocheck(s,
			    n)));
		s += n;
	}
}

/* Set key to the cell of col when it is not empty. */
static bool
put(struct csv *c, json_t *o, const struct csv_field *f, uint32_t line,
    enum col col)
{
	const struct csv_field *x;
	json_t *v;

	if (c->col[col] < 0 || (x = &f[c->col[col]])->n == 0)
		return true;
	if (!text(c, x, line, col))
		return false;
	if (++c->nodes > MAX_TOML_NODES)
		return fail(c, line, "more than %u values", MAX_TOML_NODES);
	v = col == C_ASNS ? asn_list(c, c->cell, line) :
	    need(json_string_nocheck(c->cell));
	if (v == NULL)
		return false;
	json_object_set_new_nocheck(o, col_name[col], v);
	return true;
}

static bool
any(const struct csv *c, const struct csv_field *f, enum col from,
    enum col to)
{
	int k;

	for (k = from; k < (int)to; k++)
		if (c->col[k] >= 0 && f[c->col[k]].n > 0)
			return true;
	return false;
}

/* One row: a new organisation, or another contact of the last one. */
static bool
row(struct csv *c, json_t *list, const struct csv_field *f, uint32_t line,
    struct toml_doc *lines)
{
	json_t *o, *contacts, *k;
	int col;

	if (!any(c, f, C_ORG, C_MAX))
		return true;	/* ,,,, as spreadsheets write */
	if (any(c, f, C_ORG, C_ORG + 1)) {
		o = need(json_object());
		json_array_append_new(list, o);
		toml_doc_note(lines, list, NULL, json_array_size(list) - 1,
		    line);
		for (col = C_ORG; col < C_ROLE; col++)
			if (!put(c, o, f, line, (enum col)col))
				return false;
		json_object_set_new_nocheck(o, "contacts", need(json_array()));
	} else if (json_array_size(list) == 0)
		return fail(c, line, "a contact row (no organisation) before "
		    "any organisation");
	else if (any(c, f, C_PROGRAM, C_ROLE))
		return fail(c, line, "a row without an organisation adds a "
		    "contact to the one above and leaves program, asns, "
		    "member_since, country and notes empty");
	if (!any(c, f, C_ROLE, C_MAX))
		return true;
	o = json_array_get(list, json_array_size(list) - 1);
	contacts = json_object_get(o, "contacts");
	k = need(json_object());
	json_array_append_new(contacts, k);
	toml_doc_note(lines, contacts, NULL, json_array_size(contacts) - 1,
	    line);
	for (col = C_ROLE; col < C_MAX; col++)
		if (!put(c, k, f, line, (enum col)col))
			return false;
	return true;
}

json_t *
participants_csv(const char *p, size_t n, struct toml_doc *lines, char *err,
    size_t errlen)
{
	struct csv c;
	struct csv_field f[C_MAX + 1];
	json_t *list = need(json_array());
	size_t bad = utf8_invalid(p, n);
	bool ok = false;

	memset(&c, 0, sizeof(c));
	c.p = p;
	c.n = n;
	c.line = 1;
	c.err = err;
	c.errlen = errlen;
	if (bad < n) {
		for (; c.pos < bad; c.pos++)
			c.line += p[c.pos] == '\n';
		fail(&c, c.line, "not UTF-8 (byte %zu)", bad);
		goto out;
	}
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		c.pos = 3;
	c.cell = xmalloc(MAX_PARTICIPANTS_CSV_ROW + 1);
	if (!header(&c))
		goto out;
	while (c.pos < c.n) {
		const char *s, *why;
		size_t len;
		uint32_t line;
		int nf;

		if (!record(&c, &s, &len, &line))
			goto out;
		if ((nf = csv_split(s, len, f, C_MAX + 1, &why)) < 0) {
			fail(&c, line, "%s", why);
			goto out;
		}
		if (nf == 1 && len == 0)
			continue;	/* an empty line */
		if (nf != c.ncols) {
			fail(&c, line, "%d fields, the header has %d", nf,
			    c.ncols);
			goto out;
		}
		if (!row(&c, list, f, line, lines))
			goto out;
	}
	toml_doc_sort(lines);
	ok = true;
out:
	free(c.cell);
	if (!ok) {
		json_decref(list);
		list = NULL;
	}
	return list;
}
