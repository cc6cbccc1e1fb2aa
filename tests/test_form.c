/*
 * The web UI's decoders of browser input (serve/form.h): form fields
 * with + and %XX, the first of repeated fields, refusal of bad escapes,
 * control characters and values over the buffer; cookies by name.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "serve/form.h"

static enum form_result
field(const char *body, const char *name, char *out, size_t len)
{
	return form_field(body, strlen(body), name, out, len);
}

static void
test_field(void **state)
{
	char out[32];

	(void)state;
	assert_int_equal(field("incident=M2-AS1&reason=a+b%3Cc%3e", "reason",
	    out, sizeof(out)), FORM_OK);
	assert_string_equal(out, "a b<c>");
	assert_int_equal(field("incident=M2-AS1&reason=x", "incident", out,
	    sizeof(out)), FORM_OK);
	assert_string_equal(out, "M2-AS1");
	/* The first of two; a name that is a prefix of another is not it. */
	assert_int_equal(field("reasons=1&reason=2&reason=3", "reason", out,
	    sizeof(out)), FORM_OK);
	assert_string_equal(out, "2");
	assert_int_equal(field("a=1", "reason", out, sizeof(out)),
	    FORM_MISSING);
	assert_int_equal(field("", "reason", out, sizeof(out)), FORM_MISSING);
	assert_int_equal(field("reason", "reason", out, sizeof(out)), FORM_OK);
	assert_string_equal(out, "");
	assert_int_equal(field("reason=", "reason", out, sizeof(out)),
	    FORM_OK);
	/* Multi-line reasons keep their line breaks. */
	assert_int_equal(field("reason=a%0D%0Ab", "reason", out, sizeof(out)),
	    FORM_OK);
	assert_string_equal(out, "a\r\nb");
	assert_int_equal(field("reason=%4", "reason", out, sizeof(out)),
	    FORM_MALFORMED);
	assert_int_equal(field("reason=%G0", "reason", out, sizeof(out)),
	    FORM_MALFORMED);
	assert_int_equal(field("reason=a%00b", "reason", out, sizeof(out)),
	    FORM_MALFORMED);
	assert_int_equal(field("reason=%1b[31m", "reason", out, sizeof(out)),
	    FORM_MALFORMED);
	/* 7 bytes and the NUL fit 8; 8 do not. */
	assert_int_equal(field("r=1234567", "r", out, 8), FORM_OK);
	assert_int_equal(field("r=12345678", "r", out, 8), FORM_TOO_LONG);
	/* The length given is the end, not a NUL. */
	assert_int_equal(form_field("r=12&x", 4, "r", out, sizeof(out)),
	    FORM_OK);
	assert_string_equal(out, "12");
}

static void
test_cookie(void **state)
{
	char out[16];

	(void)state;
	assert_int_equal(form_cookie("a=1; manrs_token=abc; b=2",
	    "manrs_token", out, sizeof(out)), FORM_OK);
	assert_string_equal(out, "abc");
	assert_int_equal(form_cookie("xmanrs_token=abc;manrs_token=d",
	    "manrs_token", out, sizeof(out)), FORM_OK);
	assert_string_equal(out, "d");
	assert_int_equal(form_cookie("manrs_token=", "manrs_token", out,
	    sizeof(out)), FORM_OK);
	assert_string_equal(out, "");
	assert_int_equal(form_cookie("a=1", "manrs_token", out, sizeof(out)),
	    FORM_MISSING);
	assert_int_equal(form_cookie(NULL, "manrs_token", out, sizeof(out)),
	    FORM_MISSING);
	assert_int_equal(form_cookie("t=0123456789abcdef", "t", out,
	    sizeof(out)), FORM_TOO_LONG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field),
		cmocka_unit_test(test_cookie),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
