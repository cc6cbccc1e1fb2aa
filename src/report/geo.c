/* ASN -> RIR region and country, from RIR delegated statistics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/xmalloc.h"
#include "formats/rirstats.h"
#include "report/geo.h"

struct geo_range {
	uint32_t	first, last;
	uint8_t		rir;
	char		cc[3];
};

struct geo {
	struct geo_range	*r;
	size_t			 n;
};

static int
range_cmp(const void *a, const void *b)
{
	const struct geo_range *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

struct geo *
geo_load(const char *const *paths, size_t n, char *err, size_t errlen)
{
	struct rir_stats rs;
	struct diag d;
	struct geo *g;
	char sum[DIAG_MSG];
	size_t i;

	rir_stats_init(&rs);
	for (i = 0; i < n; i++) {
		rirstats_diag_init(&d, paths[i]);
		if (rirstats_read_file(&rs, paths[i], &d) != 0) {
			snprintf(err, errlen, "%s", d.fatal);
			rir_stats_free(&rs);
			return NULL;
		}
		diag_summary(&d, sum, sizeof(sum));
		if (sum[0] != '\0')
			log_warnx("%s: %s", paths[i], sum);
	}
	g = xcalloc(1, sizeof(*g));
	g->r = xreallocarray(NULL, rs.n + 1, sizeof(*g->r));
	for (i = 0; i < rs.n; i++) {
		const struct rir_record *rec = &rs.recs[i];
		struct geo_range *gr;

		/* Unassigned space says nothing about where an AS is. */
		if (rec->type != RIR_T_ASN || rec->rir == RIR_NONE ||
		    rec->status == RIR_S_AVAILABLE ||
		    rec->status == RIR_S_RESERVED || rec->first > UINT32_MAX)
			continue;
		gr = &g->r[g->n++];
		gr->first = (uint32_t)rec->first;
		gr->last = rec->last > UINT32_MAX ? UINT32_MAX :
		    (uint32_t)rec->last;
		gr->rir = rec->rir;
		memcpy(gr->cc, rec->cc, sizeof(gr->cc));
		gr->cc[2] = '\0';
	}
	rir_stats_free(&rs);
	if (g->n > 1)
		qsort(g->r, g->n, sizeof(*g->r), range_cmp);
	return g;
}

void
geo_free(struct geo *g)
{
	if (g == NULL)
		return;
	free(g->r);
	free(g);
}

size_t
geo_count(const struct geo *g)
{
	return g->n;
}

bool
geo_lookup(const struct geo *g, uint32_t asn, unsigned *rir, const char **cc)
{
	size_t lo = 0, hi = g->n, mid;

	/* The last range starting at or before asn. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (g->r[mid].first <= asn)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || g->r[lo - 1].last < asn)
		return false;
	*rir = g->r[lo - 1].rir;
	*cc = g->r[lo - 1].cc;
	return true;
}
