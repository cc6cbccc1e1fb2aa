/*
 * Participants file reader.  See participants.h and docs/participants.md.
 * Every format becomes jansson objects checked by the same code: in JSON
 * the top-level object is walked by hand so that each participant's line
 * is known, then each participant is parsed by jansson; TOML and CSV are
 * read whole into a tree that records the line of each key and element,
 * so errors name the line of the field.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/limits.h"
#include "base/utctime.h"
#include "base/xmalloc.h"
#include "io/text.h"
#include "net/asn.h"
#include "participants.h"
#include "participants_csv.h"
#include "toml.h"

static const char *const reject_str[PART_REJ_MAX] = {
	[PART_REJ_SYNTAX] = "malformed",
	[PART_REJ_FIELD] = "missing or wrong field",
	[PART_REJ_VALUE] = "bad value",
	[PART_REJ_DUPLICATE] = "listed twice",
	[PART_REJ_LIMIT] = "over a size limit",
};

static const char *const program_names[PROG_MAX] = {
	"ISP", "CDN and Cloud", "IXP", "Equipment Vendor"
};

static const char *const role_names[ROLE_MAX] = {
	"noc", "abuse", "security", "peering", "policy", "technical", "admin"
};

/* Keys of a participant and of a contact; anything else is an error. */
static const char *const part_keys[] = {
	"organisation", "program", "asns", "contacts", "member_since",
	"country", "notes", NULL
};
static const char *const contact_keys[] = {
	"role", "email", "name", "phone", NULL
};

struct ctx {
	struct participants	*ps;
	struct diag		*d;
	const char		*p;	/* the whole file */
	size_t			 n, pos;
	uint64_t		 line;	/* of pos */
	unsigned		 index;	/* participant number, from 1 */
	const char		*org;	/* of the participant being read */
	uint64_t		 start;	/* its line */
	uint64_t		 at;	/* line of the object being checked */
	const struct toml_doc	*lines;	/* TOML, CSV: where keys were */
};

const char *
manrs_program_name(enum manrs_program p)
{
	return (unsigned)p < PROG_MAX ? program_names[p] : "?";
}

const char *
contact_role_name(enum contact_role r)
{
	return (unsigned)r < ROLE_MAX ? role_names[r] : "?";
}

void
participants_diag_init(struct diag *d, const char *name)
{
	diag_init(d, name, reject_str, PART_REJ_MAX);
}

void
participants_init(struct participants *ps)
{
	memset(ps, 0, sizeof(*ps));
	arena_init(&ps->mem, 16 * 1024);
}

void
participants_free(struct participants *ps)
{
	if (ps == NULL)
		return;
	free(ps->p);
	arena_free(&ps->mem);
	memset(ps, 0, sizeof(*ps));
}

/* The line of key in o: where it was written (TOML, CSV) or else the
 * line of the object being checked. */
static uint64_t
key_line(const struct ctx *c, const json_t *o, const char *key)
{
	uint32_t l = toml_key_line(c->lines, o, key);

	return l != 0 ? l : c->at;
}

static uint64_t
elem_line(const struct ctx *c, const json_t *a, size_t i)
{
	uint32_t l = toml_elem_line(c->lines, a, i);

	return l != 0 ? l : c->at;
}

static void
bad(struct ctx *c, uint64_t line, enum participants_reject why,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* An error in the current participant: where, which one, what. */
static void
bad(struct ctx *c, uint64_t line, enum participants_reject why,
    const char *fmt, ...)
{
	char msg[DIAG_MSG];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_reject(c->d, why, line, "participant %u%s%.60s%s: %s",
	    c->index, c->org != NULL ? " (" : "", c->org != NULL ? c->org : "",
	    c->org != NULL ? ")" : "", msg);
}

static bool
known_key(const char *const *keys, const char *k)
{
	for (; *keys != NULL; keys++)
		if (strcmp(*keys, k) == 0)
			return true;
	return false;
}

/* Every key of o must be one of keys. */
static bool
check_keys(struct ctx *c, const json_t *o, const char *const *keys,
    const char *what)
{
	const char *k;
	json_t *v;
	bool ok = true;

	json_object_foreach((json_t *)(uintptr_t)o, k, v) {
		(void)v;
		if (!known_key(keys, k)) {
			bad(c, key_line(c, o, k), PART_REJ_SYNTAX, "unknown key \"%.40s\" in %s "
			    "(see docs/participants.md)", k, what);
			ok = false;
		}
	}
	return ok;
}

/* A string field: required or optional (then "" when absent). */
static bool
text(struct ctx *c, const json_t *o, const char *key, bool required,
    const char **out)
{
	const json_t *v = json_object_get(o, key);
	size_t n;

	*out = "";
	if (v == NULL) {
		if (required)
			bad(c, c->at, PART_REJ_FIELD, "\"%s\" is missing", key);
		return !required;
	}
	if (!json_is_string(v)) {
		bad(c, key_line(c, o, key), PART_REJ_FIELD, "\"%s\" is not a "
		    "string", key);
		return false;
	}
	n = json_string_length(v);
	if (n == 0 && required) {
		bad(c, key_line(c, o, key), PART_REJ_VALUE, "\"%s\" is empty",
		    key);
		return false;
	}
	if (n > MAX_PARTICIPANT_TEXT || strlen(json_string_value(v)) != n) {
		bad(c, key_line(c, o, key), PART_REJ_LIMIT, "\"%s\" is longer than %u bytes or has "
		    "a NUL", key, MAX_PARTICIPANT_TEXT);
		return false;
	}
	*out = arena_memdup(&c->ps->mem, json_string_value(v), n + 1);
	return true;
}

static int
lookup(const char *const *tab, unsigned n, const char *s)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (strcmp(tab[i], s) == 0)
			return (int)i;
	return -1;
}

/* "2019-05-01": a real calendar date. */
static bool
parse_date(const char *s, uint32_t *out)
{
	unsigned y = 0, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	for (i = 0; i < 4; i++)
		y = y * 10 + (unsigned)(s[i] - '0');
	m = (unsigned)(s[5] - '0') * 10 + (unsigned)(s[6] - '0');
	d = (unsigned)(s[8] - '0') * 10 + (unsigned)(s[9] - '0');
	if (y < 2014 || !utc_date_ok(y, m, d))
		return false;
	*out = y * 10000 + m * 100 + d;
	return true;
}

/* local@domain, no white space, one @, a dot in the domain. */
static bool
valid_email(const char *s)
{
	const char *at = strchr(s, '@');

	return at != NULL && at != s && strchr(at + 1, '@') == NULL &&
	    strchr(at + 1, '.') != NULL && at[1] != '.' &&
	    s[strlen(s) - 1] != '.' && strpbrk(s, " \t\r\n<>,;\"") == NULL;
}

static bool
contacts(struct ctx *c, const json_t *o, struct participant *p)
{
	const json_t *a = json_object_get(o, "contacts");
	size_t i;
	bool ok = true;

	if (!json_is_array(a) || json_array_size(a) == 0) {
		bad(c, key_line(c, o, "contacts"), PART_REJ_FIELD, "\"contacts\" "
		    "must be a non-empty array");
		return false;
	}
	if (json_array_size(a) > MAX_PARTICIPANT_ASNS) {
		bad(c, key_line(c, o, "contacts"), PART_REJ_LIMIT, "more than %u "
		    "contacts",
		    MAX_PARTICIPANT_ASNS);
		return false;
	}
	p->ncontacts = json_array_size(a);
	p->contacts = arena_alloc(&c->ps->mem, p->ncontacts *
	    sizeof(*p->contacts));
	for (i = 0; i < p->ncontacts; i++) {
		const json_t *e = json_array_get(a, i);
		struct contact *k = &p->contacts[i];
		const char *role;
		int r;

		c->at = elem_line(c, a, i);
		if (!json_is_object(e)) {
			bad(c, c->at, PART_REJ_FIELD, "contacts[%zu] is not an "
			    "object", i);
			ok = false;
			continue;
		}
		if (!check_keys(c, e, contact_keys, "a contact") ||
		    !text(c, e, "role", true, &role) ||
		    !text(c, e, "email", true, &k->email) ||
		    !text(c, e, "name", false, &k->name) ||
		    !text(c, e, "phone", false, &k->phone)) {
			ok = false;
			continue;
		}
		if ((r = lookup(role_names, ROLE_MAX, role)) < 0) {
			bad(c, key_line(c, e, "role"), PART_REJ_VALUE,
			    "contacts[%zu]: role \"%.40s\" "
			    "is not noc, abuse, security, peering, policy, "
			    "technical or admin", i, role);
			ok = false;
		}
		k->role = (uint8_t)(r < 0 ? 0 : r);
		if (!valid_email(k->email)) {
			bad(c, key_line(c, e, "email"), PART_REJ_VALUE,
			    "contacts[%zu]: \"%.60s\" is not an e-mail address",
			    i, k->email);
			ok = false;
		}
	}
	c->at = c->start;
	return ok;
}

static bool
asns(struct ctx *c, const json_t *o, struct participant *p)
{
	const json_t *a = json_object_get(o, "asns");
	size_t i;
	bool ok = true;

	if (!json_is_array(a) || json_array_size(a) == 0) {
		bad(c, key_line(c, o, "asns"), PART_REJ_FIELD, "\"asns\" must be "
		    "a non-empty array");
		return false;
	}
	if (json_array_size(a) > MAX_PARTICIPANT_ASNS) {
		bad(c, key_line(c, o, "asns"), PART_REJ_LIMIT, "more than %u ASNs",
		    MAX_PARTICIPANT_ASNS);
		return false;
	}
	p->nasns = json_array_size(a);
	p->asns = arena_alloc(&c->ps->mem, p->nasns * sizeof(*p->asns));
	for (i = 0; i < p->nasns; i++) {
		const json_t *e = json_array_get(a, i);
		const char *why = "not a number or \"AS\" string";
		bool good = false;

		if (json_is_integer(e) && json_integer_value(e) > 0 &&
		    json_integer_value(e) <= (json_int_t)UINT32_MAX) {
			p->asns[i] = (uint32_t)json_integer_value(e);
			good = true;
		} else if (json_is_string(e)) {
			const char *s = json_string_value(e);
			size_t n = json_string_length(e);

			good = n > 2 && (s[0] == 'A' || s[0] == 'a') &&
			    (s[1] == 'S' || s[1] == 's') &&
			    asn_parse(s + 2, n - 2, &p->asns[i], &why) &&
			    p->asns[i] != 0;
		}
		if (!good) {
			bad(c, elem_line(c, a, i), PART_REJ_VALUE, "asns[%zu]: %s",
			    i, why);
			ok = false;
		}
	}
	return ok;
}

struct owner {
	uint32_t	asn;
	uint32_t	who;	/* participant index */
};

static int
owner_cmp(const void *a, const void *b)
{
	const struct owner *x = a, *y = b;

	if (x->asn != y->asn)
		return x->asn < y->asn ? -1 : 1;
	return x->who < y->who ? -1 : x->who > y->who;
}

static int
name_cmp(const void *a, const void *b)
{
	const struct participant *x = *(const struct participant *const *)a;
	const struct participant *y = *(const struct participant *const *)b;
	int r = strcmp(x->org, y->org);

	return r != 0 ? r : x->line < y->line ? -1 : x->line > y->line;
}

/*
 * No ASN may belong to two participants (or appear twice in one), and no
 * organisation may be listed twice.  Sorting keeps this linear-ish for
 * files of any size.
 */
static void
check_unique(struct ctx *c)
{
	const struct participants *ps = c->ps;
	const struct participant **byname;
	struct owner *o;
	size_t i, j, n = 0;

	for (i = 0; i < ps->n; i++)
		n += ps->p[i].nasns;
	o = xreallocarray(NULL, n + 1, sizeof(*o));
	for (i = 0, n = 0; i < ps->n; i++)
		for (j = 0; j < ps->p[i].nasns; j++)
			o[n++] = (struct owner){ ps->p[i].asns[j], (uint32_t)i };
	qsort(o, n, sizeof(*o), owner_cmp);
	for (i = 1; i < n; i++) {
		const struct participant *a = &ps->p[o[i - 1].who];
		const struct participant *b = &ps->p[o[i].who];

		if (o[i].asn != o[i - 1].asn)
			continue;
		if (a == b)
			diag_reject(c->d, PART_REJ_DUPLICATE, b->line, "AS%u "
			    "twice in the \"asns\" of \"%.60s\"", o[i].asn,
			    b->org);
		else
			diag_reject(c->d, PART_REJ_DUPLICATE, b->line, "AS%u "
			    "belongs to \"%.60s\" (line %u) and to \"%.60s\"",
			    o[i].asn, a->org, a->line, b->org);
	}
	free(o);
	byname = xreallocarray(NULL, ps->n + 1, sizeof(*byname));
	for (i = 0; i < ps->n; i++)
		byname[i] = &ps->p[i];
	qsort(byname, ps->n, sizeof(*byname), name_cmp);
	for (i = 1; i < ps->n; i++)
		if (strcmp(byname[i - 1]->org, byname[i]->org) == 0)
			diag_reject(c->d, PART_REJ_DUPLICATE, byname[i]->line,
			    "organisation \"%.60s\" already listed at line %u",
			    byname[i]->org, byname[i - 1]->line);
	free(byname);
}

static void
participant(struct ctx *c, const json_t *o)
{
	struct participant p;
	const char *prog, *since;
	bool ok;
	int i;

	memset(&p, 0, sizeof(p));
	c->org = NULL;
	c->at = c->start;
	if (!json_is_object(o)) {
		bad(c, c->at, PART_REJ_SYNTAX, "not an object (a table)");
		return;
	}
	if (json_is_string(json_object_get(o, "organisation")))
		c->org = json_string_value(json_object_get(o, "organisation"));
	ok = check_keys(c, o, part_keys, "a participant");
	ok &= text(c, o, "organisation", true, &p.org);
	if (text(c, o, "program", true, &prog)) {
		if ((i = lookup(program_names, PROG_MAX, prog)) < 0) {
			bad(c, key_line(c, o, "program"), PART_REJ_VALUE,
			    "program \"%.40s\" is not ISP, "
			    "CDN and Cloud, IXP or Equipment Vendor", prog);
			ok = false;
		} else
			p.program = (uint8_t)i;
	} else
		ok = false;
	ok &= asns(c, o, &p);
	ok &= contacts(c, o, &p);
	if (text(c, o, "member_since", true, &since)) {
		if (!parse_date(since, &p.since)) {
			bad(c, key_line(c, o, "member_since"), PART_REJ_VALUE,
			    "member_since \"%.40s\" is not a "
			    "date YYYY-MM-DD (2014 or later)", since);
			ok = false;
		}
	} else
		ok = false;
	ok &= text(c, o, "country", false, &p.country);
	if (p.country[0] != '\0' && (strlen(p.country) != 2 ||
	    p.country[0] < 'A' || p.country[0] > 'Z' || p.country[1] < 'A' ||
	    p.country[1] > 'Z')) {
		bad(c, key_line(c, o, "country"), PART_REJ_VALUE,
		    "country \"%.20s\" is not an ISO 3166 "
		    "code like NL", p.country);
		ok = false;
	}
	ok &= text(c, o, "notes", false, &p.notes);
	if (!ok)
		return;
	p.line = c->start > UINT32_MAX ? UINT32_MAX : (uint32_t)c->start;
	if (c->ps->n == c->ps->cap) {
		c->ps->cap = c->ps->cap ? c->ps->cap * 2 : 64;
		c->ps->p = xreallocarray(c->ps->p, c->ps->cap,
		    sizeof(*c->ps->p));
	}
	c->ps->p[c->ps->n++] = p;
}

/* ---- the top-level object, walked by hand ------------------------- */

/* Move to `to`, counting lines. */
static void
advance(struct ctx *c, size_t to)
{
	for (; c->pos < to && c->pos < c->n; c->pos++)
		if (c->p[c->pos] == '\n')
			c->line++;
}

/* Skip white space; the next byte, or -1 at the end. */
static int
next(struct ctx *c)
{
	while (c->pos < c->n && (c->p[c->pos] == ' ' || c->p[c->pos] == '\t' ||
	    c->p[c->pos] == '\r' || c->p[c->pos] == '\n'))
		advance(c, c->pos + 1);
	return c->pos < c->n ? (unsigned char)c->p[c->pos] : -1;
}

/* One JSON value at pos; NULL (and a fatal error) if it is not JSON. */
static json_t *
value(struct ctx *c)
{
	json_error_t err;
	json_t *v = json_loadb(c->p + c->pos, c->n - c->pos, JSON_DECODE_ANY |
	    JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES, &err);

	if (v == NULL) {
		diag_fatal(c->d, "line %llu: JSON error: %s",
		    (unsigned long long)(c->line + (err.line > 1 ?
		    (unsigned long long)err.line - 1 : 0)), err.text);
		return NULL;
	}
	advance(c, c->pos + (size_t)err.position);
	return v;
}

static int
walk_participants(struct ctx *c)
{
	int ch;

	advance(c, c->pos + 1);	/* '[' */
	if (next(c) == ']') {
		advance(c, c->pos + 1);
		return 0;
	}
	for (;;) {
		json_t *v;

		c->index++;
		c->start = c->line;
		if ((v = value(c)) == NULL)
			return -1;
		participant(c, v);
		json_decref(v);
		ch = next(c);
		advance(c, c->pos + 1);
		if (ch == ']')
			return 0;
		if (ch != ',') {
			diag_fatal(c->d, "line %llu: expected , or ] after "
			    "participant %u", (unsigned long long)c->line,
			    c->index);
			return -1;
		}
		next(c);
	}
}

/*
 * An upper bound on the JSON values of the file: containers and commas
 * outside strings.  jansson has no cap of its own, and a 60 MB file of
 * "1," costs it 1.2 GB; the TOML and CSV forms have the same cap.
 */
static size_t
json_values(const char *p, size_t n)
{
	size_t i, v = 1;
	bool str = false;

	for (i = 0; i < n; i++) {
		if (str) {
			if (p[i] == '\\')
				i++;
			else if (p[i] == '"')
				str = false;
		} else if (p[i] == '"')
			str = true;
		else if (p[i] == ',' || p[i] == '[' || p[i] == '{')
			v++;
	}
	return v;
}

static int
walk(struct ctx *c)
{
	bool seen_version = false, seen_list = false;
	int ch;

	if (json_values(c->p, c->n) > MAX_TOML_NODES) {
		diag_fatal(c->d, "more than %u values", MAX_TOML_NODES);
		return -1;
	}
	if (c->n >= 3 && memcmp(c->p, "\xef\xbb\xbf", 3) == 0)
		c->pos = 3;
	if (next(c) != '{') {
		diag_fatal(c->d, "line %llu: not a participants file (a JSON "
		    "object)", (unsigned long long)c->line);
		return -1;
	}
	advance(c, c->pos + 1);
	for (ch = next(c); ch != '}';) {
		json_t *k, *v;
		char key[32];

		if (ch != '"' || (k = value(c)) == NULL) {
			diag_fatal(c->d, "line %llu: expected a key",
			    (unsigned long long)c->line);
			return -1;
		}
		snprintf(key, sizeof(key), "%s", json_string_value(k));
		json_decref(k);
		if (next(c) != ':') {
			diag_fatal(c->d, "line %llu: expected :",
			    (unsigned long long)c->line);
			return -1;
		}
		advance(c, c->pos + 1);
		ch = next(c);
		if (strcmp(key, "participants") == 0 && ch == '[' &&
		    !seen_list) {
			seen_list = true;
			if (walk_participants(c) != 0)
				return -1;
		} else if (strcmp(key, "version") == 0 && !seen_version) {
			if ((v = value(c)) == NULL)
				return -1;
			seen_version = true;
			if (!json_is_integer(v) || json_integer_value(v) != 1) {
				json_decref(v);
				diag_fatal(c->d, "line %llu: \"version\" must "
				    "be 1", (unsigned long long)c->line);
				return -1;
			}
			json_decref(v);
		} else {
			diag_fatal(c->d, "line %llu: unexpected or repeated "
			    "key \"%s\" (the file has \"version\" and "
			    "\"participants\" only)",
			    (unsigned long long)c->line, key);
			return -1;
		}
		ch = next(c);
		if (ch == ',') {
			advance(c, c->pos + 1);
			ch = next(c);
		} else if (ch != '}') {
			diag_fatal(c->d, "line %llu: expected , or }",
			    (unsigned long long)c->line);
			return -1;
		}
	}
	advance(c, c->pos + 1);
	if (next(c) != -1) {
		diag_fatal(c->d, "line %llu: data after the object",
		    (unsigned long long)c->line);
		return -1;
	}
	if (!seen_version || !seen_list) {
		diag_fatal(c->d, "\"version\" or \"participants\" is missing");
		return -1;
	}
	return 0;
}

/* Check the participants of a tree read whole, with their lines. */
static void
each_participant(struct ctx *c, const struct toml_doc *lines,
    const json_t *list)
{
	size_t i;

	c->lines = lines;
	for (i = 0; i < json_array_size(list); i++) {
		c->index++;
		c->start = toml_elem_line(lines, list, i);
		participant(c, json_array_get(list, i));
	}
	c->lines = NULL;
}

/* ---- TOML: the same keys, [[participants]] tables ----------------- */

static int
walk_toml(struct ctx *c)
{
	struct toml_doc doc;
	char err[DIAG_MSG];
	const json_t *list = NULL;
	const char *k;
	json_t *v;
	bool seen_version = false;
	int rc = -1;

	if (!toml_parse(&doc, c->p, c->n, err, sizeof(err))) {
		diag_fatal(c->d, "%s", err);
		goto out;
	}
	json_object_foreach(doc.root, k, v) {
		uint32_t line = toml_key_line(&doc, doc.root, k);

		if (strcmp(k, "version") == 0) {
			seen_version = true;
			if (json_is_integer(v) && json_integer_value(v) == 1)
				continue;
			diag_fatal(c->d, "line %u: \"version\" must be 1", line);
			goto out;
		}
		if (strcmp(k, "participants") == 0 && json_is_array(v)) {
			list = v;
			continue;
		}
		if (strcmp(k, "participants") == 0)
			diag_fatal(c->d, "line %u: participants is not an array "
			    "(write [[participants]] tables)", line);
		else
			diag_fatal(c->d, "line %u: unexpected key \"%.40s\" (the "
			    "file has version and [[participants]] only)", line,
			    k);
		goto out;
	}
	if (!seen_version || list == NULL) {
		diag_fatal(c->d, "\"version\" or \"participants\" is missing");
		goto out;
	}
	each_participant(c, &doc, list);
	rc = 0;
out:
	toml_doc_free(&doc);
	return rc;
}

/* ---- CSV: one row per organisation, see participants_csv.h -------- */

static int
walk_csv(struct ctx *c)
{
	struct toml_doc lines;
	char err[DIAG_MSG];
	json_t *list;

	toml_doc_init(&lines);
	if ((list = participants_csv(c->p, c->n, &lines, err,
	    sizeof(err))) == NULL)
		diag_fatal(c->d, "%s", err);
	else
		each_participant(c, &lines, list);
	json_decref(list);
	toml_doc_free(&lines);
	return list != NULL ? 0 : -1;
}

/* ---- format ------------------------------------------------------- */

/*
 * '{' starts JSON.  A first line with a comma but no '=' that is not a
 * comment or a [header] is the CSV header (a TOML document's first line
 * is blank, a comment, a header or key = value).  Anything else is TOML.
 */
static enum participants_format
sniff(const char *p, size_t n)
{
	size_t i = 0, j, eol;

	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (j = i; j < n && (p[j] == ' ' || p[j] == '\t' || p[j] == '\r' ||
	    p[j] == '\n'); j++)
		;
	if (j < n && p[j] == '{')
		return PART_JSON;
	for (eol = i; eol < n && p[eol] != '\n'; eol++)
		;
	if (i < eol && p[i] != '#' && p[i] != '[' &&
	    memchr(p + i, ',', eol - i) != NULL &&
	    memchr(p + i, '=', eol - i) == NULL)
		return PART_CSV;
	return PART_TOML;
}

enum participants_format
participants_format_of(const char *path)
{
	static const struct {
		const char			*ext;
		enum participants_format	 f;
	} ext[] = {
		{ ".json", PART_JSON }, { ".toml", PART_TOML },
		{ ".csv", PART_CSV },
	};
	const char *dot = path != NULL ? strrchr(path, '.') : NULL;
	size_t i;

	for (i = 0; dot != NULL && i < sizeof(ext) / sizeof(ext[0]); i++)
		if (strcasecmp(dot, ext[i].ext) == 0)
			return ext[i].f;
	return PART_GUESS;
}

int
participants_read(struct participants *ps, struct reader *rd, struct diag *d)
{
	return participants_read_as(ps, rd, d, PART_GUESS);
}

int
participants_read_as(struct participants *ps, struct reader *rd,
    struct diag *d, enum participants_format fmt)
{
	struct ctx c;
	const uint8_t *p;
	const char *rerr;
	size_t n;
	bool fits = text_slurp(rd, MAX_PARTICIPANTS_FILE, &p, &n);

	if ((rerr = reader_error(rd)) != NULL) {
		diag_fatal(d, "%s", rerr);
		return -1;
	}
	if (!fits) {
		diag_fatal(d, "larger than %u bytes", MAX_PARTICIPANTS_FILE);
		return -1;
	}
	if (memchr(p, '\0', n) != NULL) {
		diag_fatal(d, "binary data (a NUL byte)");
		return -1;
	}
	memset(&c, 0, sizeof(c));
	c.ps = ps;
	c.d = d;
	c.p = (const char *)p;
	c.n = n;
	c.line = 1;
	if (fmt == PART_GUESS)
		fmt = sniff(c.p, n);
	if ((fmt == PART_JSON ? walk(&c) : fmt == PART_TOML ? walk_toml(&c) :
	    walk_csv(&c)) != 0)
		return -1;
	check_unique(&c);
	reader_consume(rd, n);
	return d->total > 0 ? 1 : 0;
}

struct read_arg {
	struct participants		*ps;
	enum participants_format	 fmt;
};

static int
participants_read_cb(void *arg, struct reader *rd, struct diag *d)
{
	struct read_arg *a = arg;

	return participants_read_as(a->ps, rd, d, a->fmt);
}

int
participants_read_file(struct participants *ps, const char *path,
    struct diag *d)
{
	struct read_arg a = { ps, participants_format_of(path) };

	return text_read_path(path, d, participants_read_cb, &a);
}

const struct participant *
participants_by_asn(const struct participants *ps, uint32_t asn)
{
	size_t i, j;

	for (i = 0; i < ps->n; i++)
		for (j = 0; j < ps->p[i].nasns; j++)
			if (ps->p[i].asns[j] == asn)
				return &ps->p[i];
	return NULL;
}
