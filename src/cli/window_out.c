/*
 * Shared by the commands that score windows from the store (conformance,
 * audit, stats): argument parsing, opening an existing store, printing
 * JSON (window scores as JSON are observe/window_json.c).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/utctime.h"
#include "cli.h"
#include "observe/window.h"

bool
cli_parse_count(const char *s, unsigned max, unsigned *v)
{
	char *end;
	unsigned long n;

	if (s[0] < '0' || s[0] > '9')
		return false;
	errno = 0;
	n = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || n < 1 || n > max)
		return false;
	*v = (unsigned)n;
	return true;
}

bool
cli_asn_known(const char *cmd, struct store *s, uint32_t asn)
{
	char buf[1024];

	if (window_periods(s, asn, buf, sizeof(buf)) > 0)
		return true;
	window_periods(s, 0, buf, sizeof(buf));
	fprintf(stderr, "manrs %s: no data for AS%" PRIu32 " in the store "
	    "(periods stored: %s)\n", cmd, asn, buf);
	return false;
}

int
cli_json_print(json_t *o)
{
	int rc = json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);

	json_decref(o);
	fputc('\n', stdout);
	return rc == 0 ? 0 : 1;
}
