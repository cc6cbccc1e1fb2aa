/* Streaming JSON: one element at a time through jansson. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "formats/jsonstream.h"

static int
fail(struct jstream *js, const char *what)
{
	snprintf(js->err, js->errlen, "JSON error at byte %llu: %s",
	    (unsigned long long)reader_offset(js->rd), what);
	return -1;
}

int
jstream_next(struct jstream *js)
{
	const uint8_t *p;
	size_t n, i;

	while ((n = reader_peek(js->rd, 1, &p)) > 0) {
		for (i = 0; i < n; i++)
			if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n' &&
			    p[i] != '\r')
				break;
		reader_consume(js->rd, i);
		if (i < n)
			return p[i];
	}
	return -1;
}

int
jstream_value(struct jstream *js, json_t **out)
{
	size_t need = 64 * 1024;

	(void)jstream_next(js);		/* so that at is the value's start */
	js->at = reader_offset(js->rd);
	for (;;) {
		const uint8_t *p;
		size_t avail = reader_peek(js->rd, need, &p);
		bool more = avail >= need;
		json_error_t jerr;
		json_t *v;

		v = json_loadb((const char *)p, avail, JSON_DECODE_ANY |
		    JSON_ALLOW_NUL | JSON_DISABLE_EOF_CHECK, &jerr);
		/*
		 * A value that ends at the window's end may go on past it.
		 * The window can hold more than asked: the cap is checked on
		 * the value's own length.
		 */
		if (v != NULL && (size_t)jerr.position > js->max) {
			json_decref(v);
			v = NULL;
			more = true;
			need = js->max;
		} else if (v != NULL && (!more ||
		    (size_t)jerr.position < avail)) {
			reader_consume(js->rd, (size_t)jerr.position);
			*out = v;
			return 0;
		}
		json_decref(v);
		if (more && need < js->max) {
			need = need * 2 < js->max ? need * 2 : js->max;
			continue;
		}
		if (more)
			snprintf(js->err, js->errlen, "JSON value at byte %llu "
			    "longer than %zu bytes",
			    (unsigned long long)reader_offset(js->rd), js->max);
		else
			snprintf(js->err, js->errlen, "JSON error at byte %llu: "
			    "%s", (unsigned long long)reader_offset(js->rd) +
			    (unsigned long long)(jerr.position > 0 ?
			    jerr.position : 0), jerr.text);
		return -1;
	}
}

int
jstream_skip(struct jstream *js)
{
	json_t *v;

	if (jstream_value(js, &v) != 0)
		return -1;
	json_decref(v);
	return 0;
}

int
jstream_array(struct jstream *js, const char *name,
    int (*fn)(void *, const json_t *, long long), void *arg)
{
	char what[96];
	long long i;
	int ch, rc;

	if (jstream_next(js) != '[') {
		snprintf(what, sizeof(what), "\"%s\" is not an array", name);
		return fail(js, what);
	}
	reader_consume(js->rd, 1);
	if (jstream_next(js) == ']') {
		reader_consume(js->rd, 1);
		return 0;
	}
	for (i = 0;; i++) {
		json_t *v;

		if (jstream_value(js, &v) != 0)
			return -1;
		rc = fn(arg, v, i);
		json_decref(v);
		if (rc != 0)
			return rc;
		ch = jstream_next(js);
		reader_consume(js->rd, ch == ',' || ch == ']');
		if (ch == ']')
			return 0;
		if (ch != ',') {
			snprintf(what, sizeof(what), "expected ',' or ']' in "
			    "\"%s\"", name);
			return fail(js, what);
		}
	}
}

int
jstream_object(struct jstream *js,
    int (*fn)(void *, struct jstream *, const char *), void *arg)
{
	int ch, rc;

	if (jstream_next(js) != '{')
		return fail(js, "not an object");
	reader_consume(js->rd, 1);
	if ((ch = jstream_next(js)) == '}') {
		reader_consume(js->rd, 1);
		return 0;
	}
	for (;;) {
		json_t *k;

		if (ch != '"')
			return fail(js, "expected a key");
		if (jstream_value(js, &k) != 0)
			return -1;
		if (jstream_next(js) != ':') {
			json_decref(k);
			return fail(js, "expected ':'");
		}
		reader_consume(js->rd, 1);
		rc = fn(arg, js, json_string_value(k));
		json_decref(k);
		if (rc != 0)
			return rc;
		ch = jstream_next(js);
		reader_consume(js->rd, ch == ',' || ch == '}');
		if (ch == '}')
			return 0;
		if (ch != ',')
			return fail(js, "expected ',' or '}'");
		ch = jstream_next(js);
	}
}

int
jstream_end(struct jstream *js)
{
	if (jstream_next(js) != -1)
		return fail(js, "data after the top-level value");
	return 0;
}
