/*
 * libFuzzer target: the web UI's form-body and cookie decoders
 * (serve/form.h) on arbitrary bytes.  Checks what they promise: a value
 * that decodes fits its buffer, is NUL-terminated and has no control
 * characters but tab, CR and LF.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "serve/form.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check(const char *v, size_t cap)
{
	size_t n = strnlen(v, cap);

	if (n == cap)
		__builtin_trap();
	for (; *v != '\0'; v++)
		if (((unsigned char)*v < 0x20 && *v != '\t' && *v != '\r' &&
		    *v != '\n') || *v == 0x7f)
			__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "incident", "reason",
	    "form_token", "token", "" };
	char out[64], *s;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (form_field((const char *)data, size, names[i], out,
		    sizeof(out)) == FORM_OK)
			check(out, sizeof(out));
	/* A Cookie header is a C string. */
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (form_cookie(s, "manrs_token", out, sizeof(out)) == FORM_OK &&
	    strnlen(out, sizeof(out)) == sizeof(out))
		__builtin_trap();
	free(s);
	return 0;
}
