/*
 * GET /api/v1/conformance/{asn}?days=N&at=YYYY-MM-DD: was the AS
 * conformant on each of the N days ending with at (default: the last day
 * with facts in the store), and why not — the answer of `manrs conformance
 * ASN --json`, from the same code (src/observe/conformance.h) over this
 * thread's read-only connection.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "observe/conformance.h"
#include "observe/window.h"
#include "serve/api.h"

/* The most days one request may ask for, as `manrs conformance --days`. */
#define CONFORMANCE_MAX_DAYS	3660u

static bool
days_param(const struct http_request *rq, struct http_response *rs,
    unsigned *days)
{
	const char *v = http_query(rq, "days");
	char *end;
	unsigned long n;

	if (v == NULL)
		return true;
	errno = 0;
	n = v[0] >= '0' && v[0] <= '9' ? strtoul(v, &end, 10) : 0;
	if (n == 0 || errno != 0 || *end != '\0' ||
	    n > CONFORMANCE_MAX_DAYS) {
		http_error(rs, 400, "days: expected a whole number from 1 to %u",
		    CONFORMANCE_MAX_DAYS);
		return false;
	}
	*days = (unsigned)n;
	return true;
}

void
api_conformance(const struct http_request *rq, struct http_response *rs)
{
	struct conformance c = { .ndays = 30 };
	const char *at = http_query(rq, "at");
	struct store *s;
	json_t *j = NULL;
	char err[512], periods[256];

	if (!api_path_asn(rq, rs, &c.asn) ||
	    !api_params_only(rq, rs, "days,at") || !days_param(rq, rs, &c.ndays))
		return;
	if (at != NULL && !window_day_parse(at, &c.at)) {
		http_error(rs, 400, "at: expected a day such as 2015-04-30");
		return;
	}
	s = store_wrap(rq->db);
	if (window_periods(s, c.asn, periods, sizeof(periods)) == 0) {
		window_periods(s, 0, periods, sizeof(periods));
		http_error(rs, 404, "no data for AS%" PRIu32 " in the store "
		    "(periods stored: %s)", c.asn, periods);
	} else if (at == NULL && !window_last_day(s, &c.at))
		http_error(rs, 404, "the store has no daily facts (run 'manrs "
		    "observe' first)");
	else if (!conformance_run(s, &c, NULL, &j, err, sizeof(err)))
		http_db_error(rq, rs);
	else
		api_send(rs, j);
	store_close(s);
}
