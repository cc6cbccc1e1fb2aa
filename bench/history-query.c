/*
 * history-query: load a ROA history store and time point queries, as
 * `manrs roa-history PREFIX --asn N --at DAY` answers them (the ROV state
 * and the covering VRPs with their runs), for bench/history.sh.
 *
 * Queries are drawn from the store itself: a stored VRP's prefix or a
 * more-specific of it, with its own AS or another, on a random day of the
 * stored range (gaps included, as they come); a tenth are random prefixes.
 * Each answer is checked against a ROV trie materialised for its day
 * (history_rov_at), and the time of that bulk path is reported too.
 *
 * usage: history-query STORE [QUERIES] [SEED]
 * Prints key=value lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/xmalloc.h"
#include "rpki/history.h"

struct q {
	struct prefix	p;
	uint32_t	asn, day;
};

static uint64_t rng;

static uint32_t
below(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static struct q
make_query(const struct history *h, uint32_t first, uint32_t span)
{
	const struct vrp *v;
	struct q q;
	unsigned bits;

	memset(&q, 0, sizeof(q));
	q.day = first + below(span);
	if (below(10) == 0) {
		q.p.afi = below(4) == 0 ? AFI_IPV6 : AFI_IPV4;
		q.p.len = q.p.afi == AFI_IPV4 ? 24 : 48;
		q.p.b[0] = q.p.afi == AFI_IPV4 ? (uint8_t)(1 + below(223)) :
		    0x2a;
		q.p.b[1] = (uint8_t)below(256);
		q.p.b[2] = (uint8_t)below(256);
		q.p.b[3] = (uint8_t)below(256);
		prefix_mask(&q.p);
		q.asn = below(400000);
		return q;
	}
	v = history_vrp(h, below((uint32_t)history_nvrps(h)));
	q.p = v->pfx;
	q.asn = below(10) < 7 ? v->asn : below(400000);
	bits = afi_bits(q.p.afi);
	if (below(2) && q.p.len < bits) {
		unsigned add = 1 + below(v->maxlen + 3 - q.p.len);

		if (q.p.len + add > bits)
			add = bits - q.p.len;
		q.p.b[q.p.len / 8] |= (uint8_t)(below(256) >> (q.p.len % 8));
		q.p.len = (uint8_t)(q.p.len + add);
		prefix_mask(&q.p);
	}
	return q;
}

int
main(int argc, char **argv)
{
	char err[HISTORY_ERRLEN];
	struct history *h;
	struct q *qs;
	double *t, t0, tl, sum = 0;
	uint32_t cov[4096], first, span;
	size_t n = argc > 2 ? strtoul(argv[2], NULL, 10) : 10000, i, bad = 0;
	size_t answered = 0, covn = 0;

	if (argc < 2 || n == 0) {
		fprintf(stderr, "usage: history-query STORE [QUERIES] [SEED]\n");
		return 2;
	}
	rng = 0x9e3779b97f4a7c15ull ^ (argc > 3 ? strtoull(argv[3], NULL,
	    10) : 1);
	t0 = now();
	if ((h = history_load(argv[1], err, sizeof(err))) == NULL) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	tl = now() - t0;
	if (history_ndays(h) == 0 || history_nvrps(h) == 0) {
		fprintf(stderr, "empty store\n");
		return 1;
	}
	first = history_day(h, 0);
	span = history_day(h, (uint32_t)history_ndays(h) - 1) - first + 1;
	qs = xreallocarray(NULL, n, sizeof(*qs));
	t = xreallocarray(NULL, n, sizeof(*t));
	for (i = 0; i < n; i++)
		qs[i] = make_query(h, first, span);
	for (i = 0; i < n; i++) {
		struct history_result r;
		double a = now();

		if (history_validate(h, &qs[i].p, qs[i].asn, qs[i].day, 0, &r))
			answered++;
		covn += history_covering(h, &qs[i].p, cov, 4096);
		t[i] = now() - a;
		sum += t[i];
	}
	qsort(t, n, sizeof(*t), dcmp);
	printf("load_seconds=%.3f\n", tl);
	printf("memory_bytes=%zu\n", history_memory(h));
	printf("queries=%zu answered=%zu covering_listed=%zu\n", n, answered,
	    covn);
	printf("query_us_median=%.2f\nquery_us_p99=%.2f\nquery_us_max=%.2f\n"
	    "query_us_mean=%.2f\n", t[n / 2] * 1e6, t[n * 99 / 100] * 1e6,
	    t[n - 1] * 1e6, sum / (double)n * 1e6);

	/* Bulk: one day's trie, and every query of that day checked. */
	{
		uint32_t snap = (uint32_t)history_ndays(h) / 2;
		struct rov *rov;
		double b = now(), bt;

		rov = history_rov_at(h, snap);
		bt = now() - b;
		b = now();
		for (i = 0; i < n; i++) {
			enum rov_reason w1, w2;

			if (rov_validate(rov, &qs[i].p, qs[i].asn, &w1) !=
			    history_validate_snap(h, &qs[i].p, qs[i].asn, snap,
			    &w2) || w1 != w2)
				bad++;
		}
		printf("rov_at_seconds=%.3f rov_at_vrps=%zu\n", bt,
		    rov_count(rov));
		printf("check_against_rov_at=%zu queries, %zu disagree\n", n,
		    bad);
		rov_free(rov);
	}
	free(qs);
	free(t);
	history_free(h);
	return bad == 0 ? 0 : 1;
}
