/*
 * IANA registry XML reader (expat).  See iana.h.
 */
#include <expat.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "io/text.h"
#include "iana.h"

static const char *const reject_str[IANA_REJ_MAX] = {
	[IANA_REJ_PREFIX] = "bad prefix",
	[IANA_REJ_HOST_BITS] = "host bits set",
	[IANA_REJ_FAMILY] = "wrong address family",
	[IANA_REJ_FLAG] = "bad flag",
	[IANA_REJ_STATUS] = "bad status",
	[IANA_REJ_LIMIT] = "over a size limit",
};

static const char *const kind_names[IANA_KIND_MAX] = {
	"", "iana-ipv4-special-registry", "iana-ipv6-special-registry",
	"ipv4-address-space", "ipv6-address-space",
	"ipv6-unicast-address-assignments",
};

static const char *const status_names[IANA_S_MAX] = {
	"", "ALLOCATED", "LEGACY", "RESERVED", "UNALLOCATED"
};

static const char *const flag_elems[IANA_F_MAX] = {
	"source", "destination", "forwardable", "global", "reserved"
};

#define NS_IANA		"http://www.iana.org/assignments"

/* The record fields we read; text of each is collected. */
enum field {
	FLD_NONE = -1,
	FLD_PREFIX = IANA_F_MAX,	/* 0..IANA_F_MAX-1 are the flags */
	FLD_NAME,
	FLD_SPEC,
	FLD_DATE,
	FLD_TERM,
	FLD_STATUS,
	FLD_WHOIS,
	FLD_MAX
};

struct text {
	char	*s;
	size_t	 n;
	bool	 over;
};

struct ctx {
	struct iana_registry	*reg;
	struct diag		*d;
	XML_Parser		 xp;
	unsigned		 depth;
	bool			 root_seen;
	/* Inside a record: its depth, line, fields and their notes. */
	unsigned		 rec_depth;
	uint64_t		 rec_line;
	int			 field;		/* enum field being read */
	struct text		 t[FLD_MAX];
	uint8_t			 note[FLD_MAX];
	/* Inside <updated> or <footnote anchor=N> at registry level. */
	int			 top;		/* 0, 1 updated, 2 footnote */
	unsigned		 anchor;
	struct text		 top_text;
};

const char *
iana_kind_name(enum iana_kind k)
{
	return (unsigned)k < IANA_KIND_MAX ? kind_names[k] : "";
}

const char *
iana_status_name(enum iana_status s)
{
	return (unsigned)s < IANA_S_MAX ? status_names[s] : "";
}

const char *
iana_flag_fmt(struct iana_flag f, char buf[16])
{
	static const char *const v[] = { "", "True", "False", "N/A" };

	if (f.note != 0)
		snprintf(buf, 16, "%s [%u]", v[f.v & 3], f.note);
	else
		snprintf(buf, 16, "%s", v[f.v & 3]);
	return buf;
}

const char *
iana_note(const struct iana_registry *r, unsigned anchor)
{
	return anchor < MAX_IANA_FOOTNOTES ? r->notes[anchor] : NULL;
}

void
iana_diag_init(struct diag *d, const char *name)
{
	diag_init(d, name, reject_str, IANA_REJ_MAX);
}

void
iana_init(struct iana_registry *r)
{
	memset(r, 0, sizeof(*r));
	arena_init(&r->strings, 16 * 1024);
}

void
iana_free(struct iana_registry *r)
{
	if (r == NULL)
		return;
	free(r->e);
	arena_free(&r->strings);
	memset(r, 0, sizeof(*r));
}

static void
text_add(struct text *t, const char *s, size_t n)
{
	if (t->over || n == 0)
		return;
	if (t->n + n > MAX_IANA_TEXT) {
		t->over = true;
		return;
	}
	t->s = xrealloc(t->s, t->n + n + 1);
	memcpy(t->s + t->n, s, n);
	t->n += n;
	t->s[t->n] = '\0';
}

static void
text_clear(struct text *t)
{
	free(t->s);
	memset(t, 0, sizeof(*t));
}

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Trimmed copy in the registry's arena, inner white space runs as one. */
static const char *
text_dup(struct ctx *c, const struct text *t)
{
	char *p = arena_alloc(&c->reg->strings, t->n + 1);
	size_t i, o = 0;

	for (i = 0; i < t->n; i++) {
		if (is_ws(t->s[i])) {
			if (o > 0 && p[o - 1] != ' ')
				p[o++] = ' ';
		} else
			p[o++] = t->s[i];
	}
	while (o > 0 && p[o - 1] == ' ')
		o--;
	p[o] = '\0';
	return p;
}

static void
stop(struct ctx *c, const char *fmt, const char *arg)
{
	diag_fatal(c->d, "line %lu: %s%s", (unsigned long)
	    XML_GetCurrentLineNumber(c->xp), fmt, arg);
	XML_StopParser(c->xp, XML_FALSE);
}

static const char *
attr(const XML_Char **a, const char *name)
{
	for (; a[0] != NULL; a += 2)
		if (strcmp(a[0], name) == 0)
			return a[1];
	return NULL;
}

static enum field
field_of(const char *el)
{
	static const struct { const char *el; enum field f; } tab[] = {
		{ "address", FLD_PREFIX }, { "prefix", FLD_PREFIX },
		{ "name", FLD_NAME }, { "designation", FLD_NAME },
		{ "description", FLD_NAME }, { "spec", FLD_SPEC },
		{ "allocation", FLD_DATE }, { "date", FLD_DATE },
		{ "termination", FLD_TERM }, { "status", FLD_STATUS },
		{ "whois", FLD_WHOIS },
	};
	size_t i;

	for (i = 0; i < IANA_F_MAX; i++)
		if (strcmp(el, flag_elems[i]) == 0)
			return (enum field)i;
	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(el, tab[i].el) == 0)
			return tab[i].f;
	return FLD_NONE;
}

/* A footnote number 1..MAX_IANA_FOOTNOTES-1, else 0. */
static unsigned
note_num(const char *s)
{
	unsigned v = 0;

	if (s == NULL || *s == '\0' || *s == '0')
		return 0;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (unsigned)(*s - '0');
		if (v >= MAX_IANA_FOOTNOTES)
			return 0;
	}
	return v;
}

static void
root(struct ctx *c, const XML_Char **a)
{
	const char *id = attr(a, "id"), *ns = attr(a, "xmlns");
	unsigned k;

	if (ns == NULL || strcmp(ns, NS_IANA) != 0) {
		stop(c, "not an IANA registry: xmlns is not ", NS_IANA);
		return;
	}
	for (k = 1; k < IANA_KIND_MAX; k++)
		if (id != NULL && strcmp(id, kind_names[k]) == 0)
			c->reg->kind = (enum iana_kind)k;
	if (c->reg->kind == IANA_UNKNOWN)
		stop(c, "unsupported registry id ", id != NULL ? id : "(none)");
}

static void XMLCALL
on_start(void *arg, const XML_Char *el, const XML_Char **a)
{
	struct ctx *c = arg;

	if (++c->depth > MAX_IANA_DEPTH) {
		stop(c, "elements nested too deep", "");
		return;
	}
	if (c->depth == 1) {
		if (strcmp(el, "registry") != 0) {
			stop(c, "root element is not <registry>: ", el);
			return;
		}
		c->root_seen = true;
		root(c, a);
		return;
	}
	if (c->rec_depth == 0) {
		if (strcmp(el, "record") == 0) {
			c->rec_depth = c->depth;
			c->rec_line = XML_GetCurrentLineNumber(c->xp);
			c->field = FLD_NONE;
		} else if (c->depth == 2 && strcmp(el, "updated") == 0)
			c->top = 1;
		else if (c->depth == 2 && strcmp(el, "footnote") == 0) {
			c->top = 2;
			c->anchor = note_num(attr(a, "anchor"));
		}
		return;
	}
	if (c->depth == c->rec_depth + 1) {
		c->field = field_of(el);
		/* Record-level <xref type="rfc"> is the spec (IPv6 space). */
		if (strcmp(el, "xref") == 0 && attr(a, "data") != NULL &&
		    attr(a, "type") != NULL && strcmp(attr(a, "type"), "rfc") == 0) {
			if (c->t[FLD_SPEC].n > 0)
				text_add(&c->t[FLD_SPEC], ", ", 2);
			text_add(&c->t[FLD_SPEC], attr(a, "data"),
			    strlen(attr(a, "data")));
		}
		return;
	}
	if (c->field != FLD_NONE && strcmp(el, "xref") == 0) {
		const char *type = attr(a, "type"), *data = attr(a, "data");

		if (type != NULL && strcmp(type, "note") == 0)
			c->note[c->field] = (uint8_t)note_num(data);
		else if (data != NULL) {
			struct text *t = &c->t[c->field];

			if (t->n > 0 && !is_ws(t->s[t->n - 1]))
				text_add(t, ", ", 2);
			text_add(t, data, strlen(data));
		}
	}
}

static void XMLCALL
on_text(void *arg, const XML_Char *s, int len)
{
	struct ctx *c = arg;

	if (len <= 0)
		return;
	if (c->rec_depth != 0 && c->field != FLD_NONE &&
	    c->depth > c->rec_depth)
		text_add(&c->t[c->field], s, (size_t)len);
	else if (c->top != 0)
		text_add(&c->top_text, s, (size_t)len);
}

/* "010/8" in ipv4-address-space: three decimal digits and /8. */
static bool
parse_slash8(const char *s, struct prefix *p)
{
	unsigned v;

	if (strlen(s) != 5 || strcmp(s + 3, "/8") != 0 ||
	    s[0] < '0' || s[0] > '2' || s[1] < '0' || s[1] > '9' ||
	    s[2] < '0' || s[2] > '9')
		return false;
	v = (unsigned)(s[0] - '0') * 100 + (unsigned)(s[1] - '0') * 10 +
	    (unsigned)(s[2] - '0');
	if (v > 255)
		return false;
	memset(p, 0, sizeof(*p));
	p->afi = AFI_IPV4;
	p->len = 8;
	p->b[0] = (uint8_t)v;
	return true;
}

static bool
parse_flag(struct ctx *c, unsigned f, struct iana_flag *out)
{
	const char *s = text_dup(c, &c->t[f]);

	out->note = c->note[f];
	if (*s == '\0')
		out->v = IANA_B_EMPTY;
	else if (strcmp(s, "True") == 0)
		out->v = IANA_B_TRUE;
	else if (strcmp(s, "False") == 0)
		out->v = IANA_B_FALSE;
	else if (strcmp(s, "N/A") == 0)
		out->v = IANA_B_NA;
	else {
		diag_reject(c->d, IANA_REJ_FLAG, c->rec_line, "<%s> is '%.40s'",
		    flag_elems[f], s);
		return false;
	}
	return true;
}

static bool
parse_status(struct ctx *c, struct iana_entry *e)
{
	const char *s = text_dup(c, &c->t[FLD_STATUS]);
	unsigned i;

	e->status = IANA_S_NONE;
	if (c->reg->kind == IANA_V6_SPACE) {
		/* No status column: "Reserved by IETF" is the reservation. */
		if (strcmp(e->name, "Reserved by IETF") == 0)
			e->status = IANA_S_RESERVED;
		return true;
	}
	if (c->reg->kind != IANA_V4_SPACE && c->reg->kind != IANA_V6_UNICAST)
		return true;
	for (i = 1; i < IANA_S_MAX; i++)
		if (strcmp(s, status_names[i]) == 0)
			e->status = (uint8_t)i;
	if (e->status == IANA_S_NONE) {
		diag_reject(c->d, IANA_REJ_STATUS, c->rec_line, "'%.40s'", s);
		return false;
	}
	return true;
}

static void
add_entry(struct ctx *c, const struct iana_entry *e)
{
	struct iana_registry *r = c->reg;

	if (r->n >= MAX_IANA_RECORDS) {
		diag_reject(c->d, IANA_REJ_LIMIT, c->rec_line, "more than %u "
		    "records", MAX_IANA_RECORDS);
		return;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->e = xreallocarray(r->e, r->cap, sizeof(*r->e));
	}
	r->e[r->n++] = *e;
}

/* One prefix of an <address> or <prefix>; false if rejected. */
static bool
one_prefix(struct ctx *c, const char *s, size_t n, struct prefix *p)
{
	unsigned want = c->reg->kind == IANA_V4_SPECIAL ||
	    c->reg->kind == IANA_V4_SPACE ? AFI_IPV4 : AFI_IPV6;
	const char *why = NULL;
	char buf[PREFIX_STRLEN + 8];

	if (n >= sizeof(buf)) {
		diag_reject(c->d, IANA_REJ_PREFIX, c->rec_line, "'%.40s...'", s);
		return false;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (c->reg->kind == IANA_V4_SPACE) {
		if (!parse_slash8(buf, p)) {
			diag_reject(c->d, IANA_REJ_PREFIX, c->rec_line, "'%s' is "
			    "not NNN/8", buf);
			return false;
		}
		return true;
	}
	if (!prefix_parse(buf, n, p, &why)) {
		/* Tell host bits from other errors. */
		if (why != NULL && strstr(why, "host") != NULL) {
			diag_reject(c->d, IANA_REJ_HOST_BITS, c->rec_line, "%s",
			    buf);
			return false;
		}
		diag_reject(c->d, IANA_REJ_PREFIX, c->rec_line, "'%s': %s", buf,
		    why != NULL ? why : "unparsable");
		return false;
	}
	if (p->afi != want) {
		diag_reject(c->d, IANA_REJ_FAMILY, c->rec_line, "%s in %s", buf,
		    kind_names[c->reg->kind]);
		return false;
	}
	return true;
}

static void
end_record(struct ctx *c)
{
	struct iana_entry e;
	const char *list, *s;
	unsigned f;

	memset(&e, 0, sizeof(e));
	for (f = 0; f < FLD_MAX; f++)
		if (c->t[f].over) {
			diag_reject(c->d, IANA_REJ_LIMIT, c->rec_line, "a field "
			    "longer than %u bytes", MAX_IANA_TEXT);
			return;
		}
	e.line = c->rec_line > UINT32_MAX ? UINT32_MAX : (uint32_t)c->rec_line;
	e.name = text_dup(c, &c->t[FLD_NAME]);
	e.spec = text_dup(c, &c->t[FLD_SPEC]);
	e.whois = text_dup(c, &c->t[FLD_WHOIS]);
	e.date = text_dup(c, &c->t[FLD_DATE]);
	e.termination = text_dup(c, &c->t[FLD_TERM]);
	for (f = 0; f < IANA_F_MAX; f++)
		if (!parse_flag(c, f, &e.flag[f]))
			return;
	if (!parse_status(c, &e))
		return;
	list = text_dup(c, &c->t[FLD_PREFIX]);
	if (*list == '\0') {
		diag_reject(c->d, IANA_REJ_PREFIX, c->rec_line, "record without "
		    "a prefix");
		return;
	}
	/* "192.0.0.170/32, 192.0.0.171/32": one entry per prefix. */
	for (s = list; *s != '\0';) {
		const char *comma = strchr(s, ',');
		size_t n = comma != NULL ? (size_t)(comma - s) : strlen(s);

		while (n > 0 && s[n - 1] == ' ')
			n--;
		if (one_prefix(c, s, n, &e.pfx))
			add_entry(c, &e);
		if (comma == NULL)
			break;
		for (s = comma + 1; *s == ' '; s++)
			;
	}
}

static void XMLCALL
on_end(void *arg, const XML_Char *el)
{
	struct ctx *c = arg;
	unsigned f;

	(void)el;
	if (c->rec_depth != 0 && c->depth == c->rec_depth) {
		end_record(c);
		for (f = 0; f < FLD_MAX; f++)
			text_clear(&c->t[f]);
		memset(c->note, 0, sizeof(c->note));
		c->rec_depth = 0;
	} else if (c->rec_depth != 0 && c->depth == c->rec_depth + 1)
		c->field = FLD_NONE;
	else if (c->top != 0 && c->depth == 2) {
		const char *s = text_dup(c, &c->top_text);

		if (c->top == 1)
			snprintf(c->reg->updated, sizeof(c->reg->updated), "%s",
			    s);
		else if (c->anchor != 0 && c->reg->notes[c->anchor] == NULL)
			c->reg->notes[c->anchor] = s;
		text_clear(&c->top_text);
		c->top = 0;
	}
	c->depth--;
}

static void XMLCALL
on_doctype(void *arg, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int internal)
{
	(void)name, (void)sysid, (void)pubid, (void)internal;
	stop(arg, "a DOCTYPE is not allowed in a registry", "");
}

int
iana_read(struct iana_registry *reg, struct reader *rd, const char *name,
    struct diag *d)
{
	struct ctx c;
	const uint8_t *p;
	const char *rerr;
	size_t n, f;
	int rc = 0;

	memset(&c, 0, sizeof(c));
	c.reg = reg;
	c.d = d;
	c.field = FLD_NONE;
	reg->file = arena_memdup(&reg->strings, name, strlen(name) + 1);
	if ((c.xp = XML_ParserCreate("UTF-8")) == NULL) {
		diag_fatal(d, "out of memory for the XML parser");
		return -1;
	}
	XML_SetUserData(c.xp, &c);
	XML_SetElementHandler(c.xp, on_start, on_end);
	XML_SetCharacterDataHandler(c.xp, on_text);
	XML_SetStartDoctypeDeclHandler(c.xp, on_doctype);
	while ((n = reader_peek(rd, 64 * 1024, &p)) > 0) {
		if (reader_offset(rd) + n > MAX_IANA_FILE) {
			diag_fatal(d, "larger than %u bytes", MAX_IANA_FILE);
			rc = -1;
			break;
		}
		if (XML_Parse(c.xp, (const char *)p, (int)n, XML_FALSE) !=
		    XML_STATUS_OK) {
			rc = -1;
			break;
		}
		reader_consume(rd, n);
	}
	if (rc == 0 && XML_Parse(c.xp, "", 0, XML_TRUE) != XML_STATUS_OK)
		rc = -1;
	if (rc != 0 && XML_GetErrorCode(c.xp) != XML_ERROR_ABORTED &&
	    d->fatal[0] == '\0')
		diag_fatal(d, "line %lu: XML error: %s", (unsigned long)
		    XML_GetCurrentLineNumber(c.xp),
		    XML_ErrorString(XML_GetErrorCode(c.xp)));
	if (rc == 0 && !c.root_seen) {
		diag_fatal(d, "empty document");
		rc = -1;
	}
	if (rc == 0 && (rerr = reader_error(rd)) != NULL) {
		diag_fatal(d, "%s", rerr);
		rc = -1;
	}
	if (d->fatal[0] != '\0')
		rc = -1;
	for (f = 0; f < FLD_MAX; f++)
		text_clear(&c.t[f]);
	text_clear(&c.top_text);
	XML_ParserFree(c.xp);
	return rc;
}

static int
iana_read_cb(void *arg, struct reader *rd, struct diag *d)
{
	return iana_read(arg, rd, d->name, d);
}

int
iana_read_file(struct iana_registry *reg, const char *path, struct diag *d)
{
	return text_read_path(path, d, iana_read_cb, reg);
}
