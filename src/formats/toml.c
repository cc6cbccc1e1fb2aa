/*
 * TOML reader: see toml.h.  One pass over the bytes, building the jansson
 * tree as it goes.  What TOML allows to be extended later depends on how a
 * table was made, which jansson cannot hold, so each table and array made
 * here carries flags in a side map keyed by its address.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/encoding.h"
#include "base/limits.h"
#include "base/u64map.h"
#include "base/utctime.h"
#include "base/xmalloc.h"
#include "toml.h"

/* How a table or array came to be: what may still add to it. */
enum {
	T_HEADER = 1,	/* [header] or an element of [[header]]: closed to
			   another [header] */
	T_IMPLICIT = 2,	/* a parent named by a header ([a.b] makes a): one
			   [a] may still define it */
	T_DOTTED = 4,	/* made by a dotted key (a.b = 1 makes a): only
			   more dotted keys of the same table add to it */
	T_FROZEN = 8,	/* an inline table or inside one: closed */
	T_AOT = 16,	/* an array made by [[header]]: may grow */
};

struct toml_where {
	const json_t	*in;
	const char	*key;		/* NULL for an array element */
	size_t		 index;
	uint32_t	 line;
};

struct key {
	const char	*s;
	size_t		 at;		/* offset, for messages */
};

struct tp {
	const char	*p;
	size_t		 n, pos;
	size_t		 lpos, lbol;	/* locate(): a known line start */
	uint32_t	 lline;
	struct toml_doc	*doc;
	struct u64map	 flags;		/* json_t address -> T_* */
	json_t		*cur;		/* the table keys go into */
	size_t		 nodes;
	char		*buf;		/* a decoded string or key */
	size_t		 blen, bcap;
	char		*err;
	size_t		 errlen;
};

/* Line and column (from 1) of byte off; lines are counted on from the
 * last answer, as offsets mostly grow. */
static void
locate(struct tp *t, size_t off, uint32_t *line, uint32_t *col)
{
	if (off < t->lpos) {
		t->lpos = t->lbol = 0;
		t->lline = 1;
	}
	for (; t->lpos < off && t->lpos < t->n; t->lpos++)
		if (t->p[t->lpos] == '\n') {
			t->lline++;
			t->lbol = t->lpos + 1;
		}
	*line = t->lline;
	*col = (uint32_t)(off - t->lbol + 1);
}

static uint32_t
line_at(struct tp *t, size_t off)
{
	uint32_t line, col;

	locate(t, off, &line, &col);
	return line;
}

static bool
fail(struct tp *t, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Report the error at byte at; always false. */
static bool
fail(struct tp *t, size_t at, const char *fmt, ...)
{
	char msg[200];
	uint32_t line, col;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	locate(t, at, &line, &col);
	snprintf(t->err, t->errlen, "line %u, column %u: %s", line, col, msg);
	return false;
}

/* jansson returns NULL only when out of memory here. */
static json_t *
need(json_t *v)
{
	if (v == NULL) {
		fprintf(stderr, "manrs: out of memory in the TOML reader\n");
		abort();
	}
	return v;
}

static unsigned
flags_of(const struct tp *t, const json_t *v)
{
	const uint32_t *f = u64map_get(&t->flags, (uint64_t)(uintptr_t)v);

	return f != NULL ? *f : 0;
}

static void
set_flags(struct tp *t, const json_t *v, unsigned f)
{
	bool added;

	*u64map_put(&t->flags, (uint64_t)(uintptr_t)v, &added) = f;
}

/*
 * Record the line where a key or element was written (taken before its
 * value is parsed: locate() only counts forward cheaply); counts toward
 * the cap.
 */
static bool
note(struct tp *t, const json_t *in, const char *key, size_t index,
    uint32_t line)
{
	if (++t->nodes > MAX_TOML_NODES)
		return fail(t, t->pos, "more than %u keys, elements and tables",
		    MAX_TOML_NODES);
	toml_doc_note(t->doc, in, key, index, line);
	return true;
}

/* Where key of in was first set, while parsing (unsorted). */
static uint32_t
first_line(const struct tp *t, const json_t *in, const char *key)
{
	size_t i;

	for (i = 0; i < t->doc->nwhere; i++)
		if (t->doc->where[i].in == in && t->doc->where[i].key != NULL &&
		    strcmp(t->doc->where[i].key, key) == 0)
			return t->doc->where[i].line;
	return 0;
}

/* ---- bytes ---------------------------------------------------------- */

static int
peek(const struct tp *t, size_t ahead)
{
	return t->pos + ahead < t->n ? (unsigned char)t->p[t->pos + ahead] :
	    -1;
}

static void
skip_ws(struct tp *t)
{
	while (t->pos < t->n && (t->p[t->pos] == ' ' || t->p[t->pos] == '\t'))
		t->pos++;
}

/* A control character TOML allows nowhere but as an escape (tab is
 * fine; newlines are handled by the callers). */
static bool
is_control(int c)
{
	return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7f;
}

/* At a newline: step over it (LF or CRLF). */
static bool
newline(struct tp *t)
{
	if (peek(t, 0) == '\n') {
		t->pos++;
		return true;
	}
	if (peek(t, 0) == '\r' && peek(t, 1) == '\n') {
		t->pos += 2;
		return true;
	}
	return fail(t, t->pos, "a carriage return without a line feed");
}

/* From '#' to the end of the line (not included). */
static bool
comment(struct tp *t)
{
	for (t->pos++; t->pos < t->n && t->p[t->pos] != '\n'; t->pos++) {
		int c = (unsigned char)t->p[t->pos];

		if (c == '\r' && peek(t, 1) == '\n')
			continue;
		if (is_control(c))
			return fail(t, t->pos, "control character 0x%02x in a "
			    "comment", c);
	}
	return true;
}

/* White space, newlines and comments (between lines, in arrays). */
static bool
skip_blank(struct tp *t)
{
	for (;;) {
		skip_ws(t);
		switch (peek(t, 0)) {
		case '#':
			if (!comment(t))
				return false;
			break;
		case '\n':
		case '\r':
			if (!newline(t))
				return false;
			break;
		default:
			return true;
		}
	}
}

/* After a key/value pair or a header: nothing but a comment. */
static bool
end_of_line(struct tp *t)
{
	skip_ws(t);
	if (peek(t, 0) == '#' && !comment(t))
		return false;
	if (t->pos >= t->n)
		return true;
	if (peek(t, 0) != '\n' && peek(t, 0) != '\r')
		return fail(t, t->pos, "expected the end of the line");
	return newline(t);
}

/* ---- strings -------------------------------------------------------- */

static bool
put(struct tp *t, const char *s, size_t n)
{
	if (t->blen + n > MAX_TOML_STRING)
		return fail(t, t->pos, "a string longer than %u bytes",
		    MAX_TOML_STRING);
	if (t->blen + n + 1 > t->bcap) {
		while (t->blen + n + 1 > t->bcap)
			t->bcap = t->bcap ? t->bcap * 2 : 256;
		t->buf = xrealloc(t->buf, t->bcap);
	}
	memcpy(t->buf + t->blen, s, n);
	t->blen += n;
	t->buf[t->blen] = '\0';
	return true;
}

static bool
put_utf8(struct tp *t, uint32_t cp)
{
	char u[4];

	if (cp < 0x80) {
		u[0] = (char)cp;
		return put(t, u, 1);
	}
	if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		return put(t, u, 2);
	}
	if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		return put(t, u, 3);
	}
	u[0] = (char)(0xf0 | cp >> 18);
	u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	u[3] = (char)(0x80 | (cp & 0x3f));
	return put(t, u, 4);
}

/* At a backslash in a basic string: one escape. */
static bool
escape(struct tp *t)
{
	static const char from[] = "btnfr\"\\", to[] = "\b\t\n\f\r\"\\";
	const char *e;
	size_t at = t->pos, k, digits;
	uint32_t cp = 0;
	int c = peek(t, 1), h;

	if (c > 0 && (e = strchr(from, c)) != NULL) {
		t->pos += 2;
		return put(t, &to[e - from], 1);
	}
	if (c != 'u' && c != 'U')
		return fail(t, at, "unknown escape \\%c (TOML has \\b \\t \\n "
		    "\\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)", c > 0x20 && c < 0x7f ?
		    c : '?');
	digits = c == 'u' ? 4 : 8;
	for (k = 0; k < digits; k++) {
		if ((h = peek(t, 2 + k)) < 0 || (h = hex_digit((char)h)) < 0)
			return fail(t, at, "\\%c needs %zu hex digits", c,
			    digits);
		cp = cp << 4 | (uint32_t)h;
	}
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return fail(t, at, "\\%c%0*X is not a Unicode scalar value", c,
		    (int)digits, cp);
	t->pos += 2 + digits;
	return put_utf8(t, cp);
}

/*
 * In a multi-line basic string, a backslash that ends its line takes the
 * newlines and white space after it away.  1 if this one did, 0 if it
 * starts an escape, -1 on an error.
 */
static int
line_ending_backslash(struct tp *t)
{
	size_t k = 1;

	while (peek(t, k) == ' ' || peek(t, k) == '\t')
		k++;
	if (peek(t, k) != '\n' && !(peek(t, k) == '\r' && peek(t, k + 1) == '\n'))
		return 0;
	t->pos += k;
	for (;;) {
		skip_ws(t);
		if (peek(t, 0) != '\n' && peek(t, 0) != '\r')
			return 1;
		if (!newline(t))
			return -1;
	}
}

/*
 * A string at pos (basic or literal, one-line or multi-line) into buf.
 * key: only one-line strings may be keys.
 */
static bool
string(struct tp *t, bool key)
{
	const int q = peek(t, 0);
	const bool basic = q == '"';
	const size_t at = t->pos;
	bool multi = !key && peek(t, 1) == q && peek(t, 2) == q;

	t->blen = 0;
	if (!put(t, "", 0))
		return false;
	t->pos += multi ? 3 : 1;
	if (multi && (peek(t, 0) == '\n' || (peek(t, 0) == '\r' &&
	    peek(t, 1) == '\n')) && !newline(t))	/* trimmed */
		return false;
	for (;;) {
		int c = peek(t, 0);

		if (c < 0)
			return fail(t, at, "a string that does not end");
		if (c == q && !multi) {
			t->pos++;
			return true;
		}
		if (c == q && peek(t, 1) == q && peek(t, 2) == q) {
			size_t run = 3;

			/* up to two quotes may end the text itself */
			while (peek(t, run) == q && run < 6)
				run++;
			if (run > 5)
				return fail(t, t->pos, "too many quotes");
			t->pos += run;
			return put(t, t->p + t->pos - run, run - 3);
		}
		if (c == '\\' && basic) {
			int r = multi ? line_ending_backslash(t) : 0;

			if (r < 0 || (r == 0 && !escape(t)))
				return false;
			continue;
		}
		if (c == '\n' || c == '\r') {
			if (!multi)
				return fail(t, at, "a newline in a one-line "
				    "string");
			if (!newline(t) || !put(t, "\n", 1))
				return false;
			continue;
		}
		if (is_control(c))
			return fail(t, t->pos, "control character 0x%02x in a "
			    "string (write it as an escape)", c);
		if (!put(t, t->p + t->pos, 1))
			return false;
		t->pos++;
	}
}

/* ---- keys ------------------------------------------------------------- */

static bool
is_bare(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* One part of a key (bare or quoted), copied for the records. */
static bool
key_part(struct tp *t, struct key *k)
{
	int c = peek(t, 0);

	k->at = t->pos;
	if (c == '"' || c == '\'') {
		if (!string(t, true))
			return false;
	} else if (is_bare(c)) {
		t->blen = 0;
		while (is_bare(peek(t, 0)))
			t->pos++;
		if (!put(t, t->p + k->at, t->pos - k->at))
			return false;
	} else
		return fail(t, t->pos, "expected a key");
	if (t->blen > MAX_TOML_KEY)
		return fail(t, k->at, "a key longer than %u bytes",
		    MAX_TOML_KEY);
	if (strlen(t->buf) != t->blen)
		return fail(t, k->at, "a NUL character in a key");
	k->s = arena_memdup(&t->doc->keys, t->buf, t->blen + 1);
	return true;
}

/* a, a.b, "a b".'c': the parts into k[], their number into *n. */
static bool
key_path(struct tp *t, struct key *k, size_t *n)
{
	for (*n = 0;;) {
		if (*n == MAX_TOML_DEPTH)
			return fail(t, t->pos, "a key of more than %u parts",
			    MAX_TOML_DEPTH);
		if (!key_part(t, &k[(*n)++]))
			return false;
		skip_ws(t);
		if (peek(t, 0) != '.')
			return true;
		t->pos++;
		skip_ws(t);
	}
}

/* "a.b.c" of the first n parts, for messages. */
static const char *
key_text(const struct key *k, size_t n, char *buf, size_t len)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < n && o < len; i++) {
		int w = snprintf(buf + o, len - o, "%s%.60s", i ? "." : "",
		    k[i].s);

		if (w < 0)
			break;
		o += (size_t)w;
	}
	return buf;
}

/* ---- values ----------------------------------------------------------- */

static json_t *value(struct tp *, unsigned depth);
static bool keyval(struct tp *, json_t *tbl, unsigned depth, unsigned fl);

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* tok[0..n) is YYYY-MM-DD. */
static bool
date_shape(const char *s, size_t n)
{
	size_t i;

	if (n < 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_digit(s[i]))
			return false;
	return true;
}

static unsigned
num2(const char *s)
{
	return (unsigned)(s[0] - '0') * 10 + (unsigned)(s[1] - '0');
}

/* An integer token: decimal (no leading zeros), 0x, 0o or 0b, with single
 * underscores between digits. */
static json_t *
integer(struct tp *t, const char *s, size_t n, size_t at)
{
	unsigned base = 10;
	uint64_t v = 0, max;
	size_t i = 0;
	bool neg = false, sign = false, digit = false;

	if (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-';
		sign = true;
		i++;
	}
	if (n - i > 2 && s[i] == '0' && strchr("xob", s[i + 1]) != NULL) {
		if (sign) {
			fail(t, at, "a sign on a hex, octal or binary integer");
			return NULL;
		}
		base = s[i + 1] == 'x' ? 16 : s[i + 1] == 'o' ? 8 : 2;
		i += 2;
	} else if (n - i > 1 && s[i] == '0') {
		if (strchr(".eE", s[i + 1]) != NULL)
			fail(t, at, "floating-point numbers are not supported");
		else
			fail(t, at, "an integer with a leading zero");
		return NULL;
	}
	max = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < n; i++) {
		int d = hex_digit(s[i]);

		if (s[i] == '_' && digit && i + 1 < n && s[i + 1] != '_') {
			digit = false;
			continue;
		}
		if (d < 0 || (unsigned)d >= base) {
			if (base == 10 && strchr(".eE", s[i]) != NULL)
				fail(t, at, "floating-point numbers are not "
				    "supported");
			else
				fail(t, at, "not a value: \"%.*s\"",
				    (int)(n > 40 ? 40 : n), s);
			return NULL;
		}
		if (v > (max - (unsigned)d) / base) {
			fail(t, at, "an integer out of the 64-bit range");
			return NULL;
		}
		v = v * base + (unsigned)d;
		digit = true;
	}
	if (!digit) {
		fail(t, at, "not a value: \"%.*s\"", (int)(n > 40 ? 40 : n), s);
		return NULL;
	}
	return need(json_integer(neg ? (json_int_t)(0 - v) : (json_int_t)v));
}

/* true, false, a date, an integer; floats and times are refused. */
static json_t *
scalar(struct tp *t)
{
	const char *s = t->p + t->pos;
	size_t at = t->pos, n;

	while (t->pos < t->n && strchr(" \t\r\n,]}#", t->p[t->pos]) == NULL)
		t->pos++;
	n = t->pos - at;
	if (n == 0) {
		fail(t, at, "expected a value");
		return NULL;
	}
	if (n == 4 && memcmp(s, "true", 4) == 0)
		return json_true();
	if (n == 5 && memcmp(s, "false", 5) == 0)
		return json_false();
	if (date_shape(s, n)) {
		unsigned y = num2(s) * 100 + num2(s + 2);

		if (n > 10 || (peek(t, 0) == ' ' && is_digit(peek(t, 1)) &&
		    is_digit(peek(t, 2)) && peek(t, 3) == ':')) {
			fail(t, at, "date-times are not supported, only "
			    "dates like 2019-05-01");
			return NULL;
		}
		if (!utc_date_ok(y, num2(s + 5), num2(s + 8))) {
			fail(t, at, "%.10s is not a calendar date", s);
			return NULL;
		}
		return need(json_stringn_nocheck(s, 10));
	}
	if (memchr(s, ':', n) != NULL) {
		fail(t, at, "times are not supported, only dates like "
		    "2019-05-01");
		return NULL;
	}
	if (n >= 3 && (memcmp(s + n - 3, "inf", 3) == 0 ||
	    memcmp(s + n - 3, "nan", 3) == 0) && n <= 4) {
		fail(t, at, "floating-point numbers are not supported");
		return NULL;
	}
	return integer(t, s, n, at);
}

static json_t *
array(struct tp *t, unsigned depth)
{
	json_t *a = need(json_array());

	for (t->pos++;;) {
		uint32_t line;
		json_t *v;

		if (!skip_blank(t))
			break;
		if (peek(t, 0) == ']') {
			t->pos++;
			return a;
		}
		line = line_at(t, t->pos);
		if ((v = value(t, depth + 1)) == NULL)
			break;
		json_array_append_new(a, v);
		if (!note(t, a, NULL, json_array_size(a) - 1, line) ||
		    !skip_blank(t))
			break;
		if (peek(t, 0) == ',') {
			t->pos++;
			continue;
		}
		if (peek(t, 0) == ']') {
			t->pos++;
			return a;
		}
		fail(t, t->pos, "expected , or ] in an array");
		break;
	}
	json_decref(a);
	return NULL;
}

/* {a = 1, b.c = "x"}: on one line, closed once written. */
static json_t *
inline_table(struct tp *t, unsigned depth)
{
	json_t *o = need(json_object());

	set_flags(t, o, T_FROZEN);
	t->pos++;
	skip_ws(t);
	if (peek(t, 0) == '}') {
		t->pos++;
		return o;
	}
	for (;;) {
		skip_ws(t);
		if (!keyval(t, o, depth + 1, T_FROZEN))
			break;
		skip_ws(t);
		if (peek(t, 0) == '}') {
			t->pos++;
			return o;
		}
		if (peek(t, 0) != ',') {
			fail(t, t->pos, "expected , or } in an inline table "
			    "(which is on one line)");
			break;
		}
		t->pos++;
		skip_ws(t);
		if (peek(t, 0) == '}') {
			fail(t, t->pos, "a comma before } in an inline table");
			break;
		}
	}
	json_decref(o);
	return NULL;
}

static json_t *
value(struct tp *t, unsigned depth)
{
	int c = peek(t, 0);

	if (depth > MAX_TOML_DEPTH) {
		fail(t, t->pos, "arrays and inline tables nested more than %u "
		    "deep", MAX_TOML_DEPTH);
		return NULL;
	}
	if (c == '"' || c == '\'')
		return string(t, false) ? need(json_stringn_nocheck(t->buf,
		    t->blen)) : NULL;
	if (c == '[')
		return array(t, depth);
	if (c == '{')
		return inline_table(t, depth);
	return scalar(t);
}

/*
 * key = value into tbl.  Tables a dotted key makes get T_DOTTED and fl;
 * only such tables take more dotted keys.
 */
static bool
keyval(struct tp *t, json_t *tbl, unsigned depth, unsigned fl)
{
	struct key k[MAX_TOML_DEPTH];
	char name[200];
	uint32_t line;
	size_t n, i;
	json_t *v;

	if (!key_path(t, k, &n))
		return false;
	for (i = 0; i + 1 < n; i++) {
		if ((v = json_object_get(tbl, k[i].s)) == NULL) {
			v = need(json_object());
			set_flags(t, v, T_DOTTED | fl);
			json_object_set_new_nocheck(tbl, k[i].s, v);
			if (!note(t, tbl, k[i].s, 0, line_at(t, k[i].at)))
				return false;
		} else if (!json_is_object(v) ||
		    (flags_of(t, v) & T_DOTTED) == 0)
			return fail(t, k[i].at, "%s is already defined (line "
			    "%u); a dotted key cannot add to it",
			    key_text(k, i + 1, name, sizeof(name)),
			    first_line(t, tbl, k[i].s));
		tbl = v;
	}
	if (json_object_get(tbl, k[n - 1].s) != NULL)
		return fail(t, k[n - 1].at, "%s is defined twice (first at "
		    "line %u)", key_text(k, n, name, sizeof(name)),
		    first_line(t, tbl, k[n - 1].s));
	skip_ws(t);
	if (peek(t, 0) != '=')
		return fail(t, t->pos, "expected = after the key %s",
		    key_text(k, n, name, sizeof(name)));
	t->pos++;
	skip_ws(t);
	line = line_at(t, k[n - 1].at);
	if ((v = value(t, depth)) == NULL)
		return false;
	json_object_set_new_nocheck(tbl, k[n - 1].s, v);
	return note(t, tbl, k[n - 1].s, 0, line);
}

/* ---- headers ---------------------------------------------------------- */

/* [a.b.c] or [[a.b.c]]: the table key/values go into from now on. */
static bool
header(struct tp *t)
{
	struct key k[MAX_TOML_DEPTH];
	char name[200];
	const size_t at = t->pos;
	const bool aot = peek(t, 1) == '[';
	const uint32_t line = line_at(t, at);
	json_t *tbl = t->doc->root, *v;
	size_t n, i;

	t->pos += aot ? 2 : 1;
	skip_ws(t);
	if (!key_path(t, k, &n))
		return false;
	if (peek(t, 0) != ']' || (aot && peek(t, 1) != ']'))
		return fail(t, t->pos, "expected %s after the table name",
		    aot ? "]]" : "]");
	t->pos += aot ? 2 : 1;
	key_text(k, n, name, sizeof(name));
	for (i = 0; i + 1 < n; i++) {
		v = json_object_get(tbl, k[i].s);
		if (v == NULL) {
			v = need(json_object());
			set_flags(t, v, T_IMPLICIT);
			json_object_set_new_nocheck(tbl, k[i].s, v);
			if (!note(t, tbl, k[i].s, 0, line))
				return false;
		} else if (json_is_array(v) && (flags_of(t, v) & T_AOT))
			v = json_array_get(v, json_array_size(v) - 1);
		else if (!json_is_object(v) || (flags_of(t, v) & T_FROZEN))
			return fail(t, k[i].at, "[%s]: %s is a value (line "
			    "%u), not a table", name, k[i].s,
			    first_line(t, tbl, k[i].s));
		tbl = v;
	}
	v = json_object_get(tbl, k[n - 1].s);
	if (aot) {
		json_t *e;

		if (v == NULL) {
			v = need(json_array());
			set_flags(t, v, T_AOT);
			json_object_set_new_nocheck(tbl, k[n - 1].s, v);
			if (!note(t, tbl, k[n - 1].s, 0, line))
				return false;
		} else if (!json_is_array(v) || (flags_of(t, v) & T_AOT) == 0)
			return fail(t, at, "[[%s]]: %s is already defined (line "
			    "%u) and is not an array of tables", name,
			    k[n - 1].s, first_line(t, tbl, k[n - 1].s));
		e = need(json_object());
		set_flags(t, e, T_HEADER);
		json_array_append_new(v, e);
		t->cur = e;
		return note(t, v, NULL, json_array_size(v) - 1, line);
	}
	if (v == NULL) {
		v = need(json_object());
		json_object_set_new_nocheck(tbl, k[n - 1].s, v);
		if (!note(t, tbl, k[n - 1].s, 0, line))
			return false;
	} else if (!json_is_object(v) || flags_of(t, v) != T_IMPLICIT)
		return fail(t, at, "[%s] is already defined (line %u)", name,
		    first_line(t, tbl, k[n - 1].s));
	set_flags(t, v, T_HEADER);
	t->cur = v;
	return true;
}

/* ---- the document ----------------------------------------------------- */

static bool
document(struct tp *t)
{
	size_t bad = utf8_invalid(t->p, t->n);

	if (bad < t->n)
		return fail(t, bad, "not UTF-8");
	if (t->n >= 3 && memcmp(t->p, "\xef\xbb\xbf", 3) == 0)
		t->pos = 3;
	for (;;) {
		if (!skip_blank(t))
			return false;
		if (t->pos >= t->n)
			return true;
		if (!(peek(t, 0) == '[' ? header(t) : keyval(t, t->cur, 0, 0)) ||
		    !end_of_line(t))
			return false;
	}
}

static int
where_cmp(const void *a, const void *b)
{
	const struct toml_where *x = a, *y = b;
	int r;

	if (x->in != y->in)
		return (uintptr_t)x->in < (uintptr_t)y->in ? -1 : 1;
	if ((x->key == NULL) != (y->key == NULL))
		return x->key == NULL ? -1 : 1;
	if (x->key != NULL && (r = strcmp(x->key, y->key)) != 0)
		return r;
	return x->index < y->index ? -1 : x->index > y->index;
}

void
toml_doc_init(struct toml_doc *doc)
{
	memset(doc, 0, sizeof(*doc));
	arena_init(&doc->keys, 16 * 1024);
}

void
toml_doc_note(struct toml_doc *d, const json_t *in, const char *key,
    size_t index, uint32_t line)
{
	if (d->nwhere == d->wcap) {
		d->wcap = d->wcap ? d->wcap * 2 : 256;
		d->where = xreallocarray(d->where, d->wcap, sizeof(*d->where));
	}
	d->where[d->nwhere++] = (struct toml_where){ in, key, index, line };
}

void
toml_doc_sort(struct toml_doc *d)
{
	if (d->nwhere > 1)
		qsort(d->where, d->nwhere, sizeof(*d->where), where_cmp);
}

bool
toml_parse(struct toml_doc *doc, const char *p, size_t n, char *err,
    size_t errlen)
{
	struct tp t;
	bool ok;

	toml_doc_init(doc);
	memset(&t, 0, sizeof(t));
	t.p = p;
	t.n = n;
	t.lline = 1;
	t.doc = doc;
	t.err = err;
	t.errlen = errlen;
	u64map_init(&t.flags);
	doc->root = t.cur = need(json_object());
	ok = document(&t);
	u64map_free(&t.flags);
	free(t.buf);
	if (ok)
		toml_doc_sort(doc);
	else {
		json_decref(doc->root);
		doc->root = NULL;
	}
	return ok;
}

void
toml_doc_free(struct toml_doc *doc)
{
	if (doc == NULL)
		return;
	json_decref(doc->root);
	free(doc->where);
	arena_free(&doc->keys);
	memset(doc, 0, sizeof(*doc));
}

static uint32_t
lookup(const struct toml_doc *doc, const json_t *in, const char *key,
    size_t index)
{
	const struct toml_where probe = { in, key, index, 0 }, *w;

	if (doc == NULL || doc->where == NULL)
		return 0;
	w = bsearch(&probe, doc->where, doc->nwhere, sizeof(*doc->where),
	    where_cmp);
	return w != NULL ? w->line : 0;
}

uint32_t
toml_key_line(const struct toml_doc *doc, const json_t *t, const char *key)
{
	return lookup(doc, t, key, 0);
}

uint32_t
toml_elem_line(const struct toml_doc *doc, const json_t *a, size_t i)
{
	return lookup(doc, a, NULL, i);
}
