/*
 * libFuzzer target: the methodology text parser, as `manrs observe
 * --method FILE` and the runs.method text of the store use it.  Whatever
 * is accepted must print and parse back to the same values.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "observe/method.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct method a, b;
	const char *err;
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	method_defaults(&a);
	if (!method_parse(&a, (const char *)data, size, "fuzz", &err))
		return 0;
	if ((fp = open_memstream(&text, &len)) == NULL)
		return 0;
	method_print(&a, fp);
	fclose(fp);
	method_defaults(&b);
	if (!method_parse(&b, text, len, "printed", &err) ||
	    memcmp(&a, &b, sizeof(a)) != 0)
		abort();
	free(text);
	return 0;
}
