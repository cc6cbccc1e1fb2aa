/*
 * TOML reader: valid documents against hand-written JSON of the same
 * data, the lines it records, every kind of error with its line and
 * column, hostile sizes and nesting, and the toml-test suite.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "formats/toml.h"

/* doc parses and equals the JSON expect. */
static void
same(const char *doc, const char *expect)
{
	struct toml_doc d;
	json_error_t je;
	json_t *want = json_loads(expect, JSON_ALLOW_NUL, &je);
	char err[256] = "";
	bool ok = toml_parse(&d, doc, strlen(doc), err, sizeof(err));

	if (!ok)
		fail_msg("%s: %s", doc, err);
	if (want == NULL)
		fail_msg("bad expectation %s: %s", expect, je.text);
	if (!json_equal(d.root, want)) {
		char *got = json_dumps(d.root, JSON_SORT_KEYS);

		fail_msg("%s: got %s, want %s", doc, got, expect);
	}
	json_decref(want);
	toml_doc_free(&d);
}

static void
test_valid(void **state)
{
	(void)state;
	same("", "{}");
	same("# only a comment\n\n", "{}");
	same("\xef\xbb\xbf" "a = 1\r\nb = 2\r\n", "{\"a\":1,\"b\":2}");
	same("a=1 # comment\nb\t=\t\"x\"", "{\"a\":1,\"b\":\"x\"}");
	/* keys */
	same("bare_key-1 = 1\n\"quoted key\" = 2\n'lit' = 3\n\"\" = 4\n"
	    "1234 = 5\n", "{\"bare_key-1\":1,\"quoted key\":2,\"lit\":3,"
	    "\"\":4,\"1234\":5}");
	same("a.b.c = 1\na . \"b\" . d = 2\n",
	    "{\"a\":{\"b\":{\"c\":1,\"d\":2}}}");
	same("\"a.b\" = 1\n", "{\"a.b\":1}");
	/* strings */
	same("s = \"tab\\there \\\"q\\\" \\\\ \\u00e9 \\U0001F600 \\b\\f\\r\\n\"",
	    "{\"s\":\"tab\\there \\\"q\\\" \\\\ \\u00e9 \\ud83d\\ude00 "
	    "\\b\\f\\r\\n\"}");
	same("s = 'C:\\Users\\\"x\"'", "{\"s\":\"C:\\\\Users\\\\\\\"x\\\"\"}");
	same("s = \"\"\"\nline 1\nline 2\"\"\"", "{\"s\":\"line 1\\nline 2\"}");
	same("s = \"\"\"a \\\n    b \\\n\n  c\"\"\"", "{\"s\":\"a b c\"}");
	same("s = \"\"\"q\"\"\"\"\"", "{\"s\":\"q\\\"\\\"\"}");
	same("s = '''\n'one' \\n\n'''", "{\"s\":\"'one' \\\\n\\n\"}");
	same("s = '''x'''''", "{\"s\":\"x''\"}");
	same("s = \"\\u0000\"", "{\"s\":\"\\u0000\"}");
	same("s = \"é日本\"", "{\"s\":\"é日本\"}");
	/* integers */
	same("a = 0\nb = +17\nc = -42\nd = 1_000_000\ne = 0xDEAD_beef\n"
	    "f = 0o755\ng = 0b1101\nh = -0\n", "{\"a\":0,\"b\":17,\"c\":-42,"
	    "\"d\":1000000,\"e\":3735928559,\"f\":493,\"g\":13,\"h\":0}");
	same("max = 9223372036854775807\nmin = -9223372036854775808",
	    "{\"max\":9223372036854775807,\"min\":-9223372036854775808}");
	same("t = true\nf = false", "{\"t\":true,\"f\":false}");
	same("d = 2020-02-29\ne = 0001-01-01", "{\"d\":\"2020-02-29\","
	    "\"e\":\"0001-01-01\"}");
	/* arrays */
	same("a = []\nb = [1, 2, 3,]\nc = [ [1], ['x', \"y\"], [] ]\n",
	    "{\"a\":[],\"b\":[1,2,3],\"c\":[[1],[\"x\",\"y\"],[]]}");
	same("a = [\n  1, # one\n\n  2 # two\n  ,\n]", "{\"a\":[1,2]}");
	same("a = [1, 'mixed', {b = 2}]", "{\"a\":[1,\"mixed\",{\"b\":2}]}");
	/* inline tables */
	same("t = {}\nu = { a = 1, b.c = \"x\", b.d = [1] }",
	    "{\"t\":{},\"u\":{\"a\":1,\"b\":{\"c\":\"x\",\"d\":[1]}}}");
	/* tables */
	same("[a]\nx = 1\n[b.c]\ny = 2\n[b]\nz = 3\n[\"q k\" . 'l']\n",
	    "{\"a\":{\"x\":1},\"b\":{\"c\":{\"y\":2},\"z\":3},"
	    "\"q k\":{\"l\":{}}}");
	same("[a]\nb.c = 1\n[a.b.d]\ne = 2\n",
	    "{\"a\":{\"b\":{\"c\":1,\"d\":{\"e\":2}}}}");
	same("[[p]]\nn = 1\n[[p.c]]\nr = 'a'\n[[p.c]]\nr = 'b'\n[p.x]\n"
	    "[[p]]\nn = 2\n  [[p.c]]\n  r = 'c'\n",
	    "{\"p\":[{\"n\":1,\"c\":[{\"r\":\"a\"},{\"r\":\"b\"}],\"x\":{}},"
	    "{\"n\":2,\"c\":[{\"r\":\"c\"}]}]}");
	same("[ a . b ]\n[[ c ]]\n", "{\"a\":{\"b\":{}},\"c\":[{}]}");
}

static void
test_lines(void **state)
{
	static const char doc[] =
	    "version = 1\n"			/* 1 */
	    "\n"
	    "[[p]]\n"				/* 3 */
	    "name = \"\"\"\n"			/* 4 */
	    "two\n"
	    "lines\"\"\"\n"
	    "asns = [\n"			/* 7 */
	    "  1,\n"				/* 8 */
	    "  # c\n"
	    "  2]\n"				/* 10 */
	    "[[p]]\n"				/* 11 */
	    "x.y = 3\n";			/* 12 */
	struct toml_doc d;
	const json_t *p, *asns;
	char err[128];

	(void)state;
	assert_true(toml_parse(&d, doc, strlen(doc), err, sizeof(err)));
	assert_int_equal(toml_key_line(&d, d.root, "version"), 1);
	p = json_object_get(d.root, "p");
	assert_int_equal(toml_key_line(&d, d.root, "p"), 3);
	assert_int_equal(toml_elem_line(&d, p, 0), 3);
	assert_int_equal(toml_elem_line(&d, p, 1), 11);
	assert_int_equal(toml_key_line(&d, json_array_get(p, 0), "name"), 4);
	assert_int_equal(toml_key_line(&d, json_array_get(p, 0), "asns"), 7);
	asns = json_object_get(json_array_get(p, 0), "asns");
	assert_int_equal(toml_elem_line(&d, asns, 0), 8);
	assert_int_equal(toml_elem_line(&d, asns, 1), 10);
	assert_int_equal(toml_elem_line(&d, asns, 2), 0);
	assert_int_equal(toml_key_line(&d, json_object_get(json_array_get(p, 1),
	    "x"), "y"), 12);
	assert_int_equal(toml_key_line(&d, d.root, "nothing"), 0);
	assert_int_equal(toml_key_line(NULL, d.root, "version"), 0);
	toml_doc_free(&d);
	toml_doc_free(NULL);
}

/* doc is rejected with an error that starts with where and holds what. */
static void
bad(const char *doc, size_t n, const char *where, const char *what)
{
	struct toml_doc d;
	char err[256];

	if (toml_parse(&d, doc, n, err, sizeof(err)))
		fail_msg("accepted: %.60s", doc);
	assert_null(d.root);
	if (strncmp(err, where, strlen(where)) != 0 ||
	    strstr(err, what) == NULL)
		fail_msg("%.60s: got \"%s\", want \"%s ... %s\"", doc, err, where,
		    what);
	toml_doc_free(&d);
}

#define BAD(doc, where, what)	bad(doc, sizeof(doc) - 1, where, what)

static void
test_errors(void **state)
{
	(void)state;
	/* redefinitions */
	BAD("a = 1\nb = 2\na = 3", "line 3, column 1:", "a is defined twice "
	    "(first at line 1)");
	BAD("a = 1\n\"a\" = 2", "line 2, column 1:", "defined twice");
	BAD("[t]\n[t]", "line 2, column 1:", "[t] is already defined (line 1)");
	BAD("[t.u]\n[t]\n[t]", "line 3, column 1:", "[t] is already defined");
	BAD("a.b = 1\n[a]", "line 2, column 1:", "[a] is already defined");
	BAD("[f]\napple.color = 1\n[f.apple]", "line 3, column 1:",
	    "already defined");
	BAD("[a.b]\n[a]\nb.c = 1", "line 3, column 1:", "a dotted key cannot "
	    "add to it");
	BAD("a = 1\na.b = 2", "line 2, column 1:", "a dotted key cannot");
	BAD("t = {x = 1}\n[t]", "line 2, column 1:", "already defined");
	BAD("t = {x = 1}\n[t.y]", "line 2, column 2:", "is a value");
	BAD("t = {x = 1}\nt.y = 2", "line 2, column 1:", "a dotted key cannot");
	BAD("t = {x.y = 1}\n[t.x.z]", "line 2, column 2:", "is a value");
	BAD("a = []\n[[a]]", "line 2, column 1:", "not an array of tables");
	BAD("[a]\n[[a]]", "line 2, column 1:", "not an array of tables");
	BAD("[[a]]\n[a]", "line 2, column 1:", "[a] is already defined");
	BAD("a = [{}]\n[a.b]", "line 2, column 2:", "is a value");
	BAD("a = 1\n[a.b]", "line 2, column 2:", "is a value");
	BAD("t = {a = 1, a = 2}", "line 1, column 13:", "defined twice");
	/* strings */
	BAD("s = \"a\\qb\"", "line 1, column 7:", "unknown escape \\q");
	BAD("s = \"\\e\"", "line 1, column 6:", "unknown escape");
	BAD("s = \"\\u12\"", "line 1, column 6:", "needs 4 hex digits");
	BAD("s = \"\\uD800\"", "line 1, column 6:", "not a Unicode scalar");
	BAD("s = \"\\U00110000\"", "line 1, column 6:", "not a Unicode");
	BAD("s = \"abc", "line 1, column 5:", "does not end");
	BAD("s = 'abc\n'", "line 1, column 5:", "a newline in a one-line");
	BAD("s = \"\"\"abc\"\"", "line 1, column 5:", "does not end");
	BAD("s = \"a\001b\"", "line 1, column 7:", "control character 0x01");
	BAD("s = \"a\x7f\"", "line 1, column 7:", "control character 0x7f");
	BAD("s = '''a\033'''", "line 1, column 9:", "control character 0x1b");
	BAD("s = \"\"\"x\"\"\"\"\"\"", "line 1, column 9:", "too many quotes");
	BAD("\"a\\u0000b\" = 1", "line 1, column 1:", "a NUL character in a "
	    "key");
	/* bytes */
	BAD("a = 1\nb = \"\xc3\x28\"", "line 2, column 6:", "not UTF-8");
	BAD("a = \"\xed\xa0\x80\"", "line 1, column 6:", "not UTF-8");
	BAD("a = \"\xc0\xaf\"", "line 1, column 6:", "not UTF-8");
	BAD("a = 1\rb = 2", "line 1, column 6:", "carriage return");
	BAD("# x\001y\n", "line 1, column 4:", "control character 0x01 in a "
	    "comment");
	bad("a = 1\n\0", 7, "line 2, column 1:", "expected a key");
	/* numbers, dates, what is not supported */
	BAD("a = 0123", "line 1, column 5:", "leading zero");
	BAD("a = 1__0", "line 1, column 5:", "not a value");
	BAD("a = _1", "line 1, column 5:", "not a value");
	BAD("a = 1_", "line 1, column 5:", "not a value");
	BAD("a = 9223372036854775808", "line 1, column 5:", "64-bit range");
	BAD("a = -9223372036854775809", "line 1, column 5:", "64-bit range");
	BAD("a = +0x10", "line 1, column 5:", "a sign on a hex");
	BAD("a = 0xG", "line 1, column 5:", "not a value");
	BAD("a = 0b2", "line 1, column 5:", "not a value");
	BAD("a = 1.5", "line 1, column 5:", "floating-point");
	BAD("a = 1e3", "line 1, column 5:", "floating-point");
	BAD("a = 0.5", "line 1, column 5:", "floating-point");
	BAD("a = inf", "line 1, column 5:", "floating-point");
	BAD("a = -nan", "line 1, column 5:", "floating-point");
	BAD("a = 1979-05-27T07:32:00Z", "line 1, column 5:", "date-times");
	BAD("a = 1979-05-27 07:32:00", "line 1, column 5:", "date-times");
	BAD("a = 07:32:00", "line 1, column 5:", "times are not supported");
	BAD("a = 2021-02-29", "line 1, column 5:", "not a calendar date");
	BAD("a = 2021-13-01", "line 1, column 5:", "not a calendar date");
	BAD("a = yes", "line 1, column 5:", "not a value");
	BAD("a = ", "line 1, column 5:", "expected a value");
	/* structure */
	BAD("a", "line 1, column 2:", "expected = after the key a");
	BAD("= 1", "line 1, column 1:", "expected a key");
	BAD("a = 1 b = 2", "line 1, column 7:", "expected the end of the line");
	BAD("a = [1 2]", "line 1, column 8:", "expected , or ]");
	BAD("a = [1,,2]", "line 1, column 8:", "expected a value");
	BAD("a = [1", "line 1, column 7:", "expected , or ]");
	BAD("a = [", "line 1, column 6:", "expected a value");
	BAD("a = {b = 1,}", "line 1, column 12:", "a comma before }");
	BAD("a = {b = 1\n}", "line 1, column 11:", "expected , or }");
	BAD("[a", "line 1, column 3:", "expected ] after");
	BAD("[[a]", "line 1, column 4:", "expected ]] after");
	BAD("[a] x = 1", "line 1, column 5:", "expected the end of the line");
	BAD("[]", "line 1, column 2:", "expected a key");
	BAD("a..b = 1", "line 1, column 3:", "expected a key");
}

static void
test_limits(void **state)
{
	char *doc;
	size_t i, n;

	(void)state;
	/* nesting: arrays, inline tables, key parts */
	n = 10000;
	doc = malloc(2 * n + 8);
	memcpy(doc, "a = ", 4);
	memset(doc + 4, '[', n);
	memset(doc + 4 + n, ']', n);
	bad(doc, 4 + 2 * n, "line 1, column 38:", "nested more than 32");
	free(doc);
	n = 3 * 40;
	doc = malloc(n + 8);
	for (i = 0; i < 40; i++)
		memcpy(doc + 3 * i, "{a=", 3);
	bad(doc, n, "line 1, column 1:", "expected a key");
	memmove(doc + 4, doc, n);
	memcpy(doc, "x = ", 4);
	bad(doc, n + 4, "line 1, column ", "nested more than 32");
	free(doc);
	n = 2 * 40;
	doc = malloc(n + 8);
	for (i = 0; i < 40; i++)
		memcpy(doc + 2 * i, "a.", 2);
	memcpy(doc + n - 1, " =1", 3);
	bad(doc, n + 2, "line 1, column ", "more than 32 parts");
	free(doc);
	/* one string over the limit */
	n = MAX_TOML_STRING + 16;
	doc = malloc(n);
	memset(doc, 'x', n);
	memcpy(doc, "s = '", 5);
	doc[n - 1] = '\'';
	bad(doc, n, "line 1, column ", "longer than");
	/* a key over the limit */
	memset(doc, 'k', MAX_TOML_KEY + 1);
	memcpy(doc + MAX_TOML_KEY + 1, " = 1", 4);
	bad(doc, MAX_TOML_KEY + 5, "line 1, column 1:", "a key longer than");
	free(doc);
}

/* Too many values: the cap stops the document, not memory. */
static void
test_nodes(void **state)
{
	size_t n = MAX_TOML_NODES + 1, i;
	char *doc = malloc(2 * n + 16), *p = doc;

	(void)state;
	p += snprintf(p, 8, "a = [");
	for (i = 0; i < n; i++) {
		*p++ = '1';
		*p++ = ',';
	}
	*p++ = ']';
	bad(doc, (size_t)(p - doc), "line 1, column ", "more than");
	free(doc);
}

/* ---- the toml-test suite (testdata/toml-test/, see its README) ---- */

static char *
slurp(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	char *p = NULL;
	long len = 0;

	if (fp == NULL)
		fail_msg("cannot open %s", path);
	if (fseek(fp, 0, SEEK_END) != 0 || (len = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0)
		fail_msg("cannot size %s", path);
	p = malloc((size_t)len + 1);
	assert_non_null(p);
	*n = fread(p, 1, (size_t)len, fp);
	assert_int_equal(*n, (size_t)len);
	p[*n] = '\0';
	fclose(fp);
	return p;
}

/*
 * toml-test's typed JSON ({"type": "integer", "value": "1"}) as this
 * reader's plain tree; NULL when it holds a type the reader refuses
 * (float, times, date-times).
 */
static json_t *
untag(const json_t *v)
{
	const json_t *t = json_object_get(v, "type"), *x =
	    json_object_get(v, "value");
	const char *k, *type;
	json_t *e, *out;
	size_t i;

	if (json_is_array(v)) {
		out = json_array();
		json_array_foreach(v, i, e) {
			json_t *u = untag(e);

			if (u == NULL) {
				json_decref(out);
				return NULL;
			}
			json_array_append_new(out, u);
		}
		return out;
	}
	if (json_object_size(v) == 2 && json_is_string(t) &&
	    json_is_string(x)) {
		type = json_string_value(t);
		if (strcmp(type, "integer") == 0)
			return json_integer(strtoll(json_string_value(x), NULL,
			    10));
		if (strcmp(type, "bool") == 0)
			return json_boolean(strcmp(json_string_value(x),
			    "true") == 0);
		if (strcmp(type, "string") == 0 ||
		    strcmp(type, "date-local") == 0)
			return json_stringn(json_string_value(x),
			    json_string_length(x));
		return NULL;
	}
	out = json_object();
	json_object_foreach((json_t *)(uintptr_t)v, k, e) {
		json_t *u = untag(e);

		if (u == NULL) {
			json_decref(out);
			return NULL;
		}
		json_object_set_new(out, k, u);
	}
	return out;
}

/*
 * Every TOML 1.0.0 case of toml-test: the invalid documents are refused;
 * the valid ones read to the data of their JSON, or are refused as not
 * supported when they hold floats, times or date-times.  One case is
 * refused on purpose: a key with a NUL character (jansson keys are C
 * strings).
 */
static void
test_suite(void **state)
{
	const char *dir = "testdata/toml-test/";
	char path[512], err[256], *list, *name, *save = NULL;
	size_t n, valid = 0, invalid = 0, unsupported = 0;

	(void)state;
	snprintf(path, sizeof(path), "%sfiles-toml-1.0.0", dir);
	list = slurp(path, &n);
	for (name = strtok_r(list, "\n", &save); name != NULL;
	    name = strtok_r(NULL, "\n", &save)) {
		struct toml_doc d;
		json_error_t je;
		json_t *want, *typed;
		char *doc;
		bool ok;

		n = strlen(name);
		if (n < 5 || strcmp(name + n - 5, ".toml") != 0)
			continue;
		snprintf(path, sizeof(path), "%s%s", dir, name);
		doc = slurp(path, &n);
		ok = toml_parse(&d, doc, n, err, sizeof(err));
		if (strncmp(name, "invalid/", 8) == 0) {
			if (ok)
				fail_msg("%s: accepted", name);
			invalid++;
		} else if (strcmp(name, "valid/key/quoted-unicode.toml") == 0) {
			if (ok || strstr(err, "NUL character") == NULL)
				fail_msg("%s: %s", name, ok ? "accepted" : err);
		} else {
			snprintf(path + strlen(path) - 5, 6, ".json");
			typed = json_load_file(path, JSON_ALLOW_NUL, &je);
			if (typed == NULL)
				fail_msg("%s: %s", path, je.text);
			want = untag(typed);
			if (want == NULL) {
				if (ok || strstr(err, "not supported") == NULL)
					fail_msg("%s: %s", name, ok ?
					    "accepted" : err);
				unsupported++;
			} else if (!ok)
				fail_msg("%s: %s", name, err);
			else if (!json_equal(d.root, want))
				fail_msg("%s: not the data of its JSON", name);
			else
				valid++;
			json_decref(want);
			json_decref(typed);
		}
		toml_doc_free(&d);
		free(doc);
	}
	free(list);
	/* the suite as copied: see testdata/toml-test/README.md */
	assert_int_equal(invalid, 499);
	assert_int_equal(valid, 175);
	assert_int_equal(unsupported, 34);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_nodes),
		cmocka_unit_test(test_suite),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
