/*
 * manrs bogons compare: our bogon sets against Team Cymru's fullbogons,
 * address by address, per RIR region (docs/bogons.md explains the
 * differences).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "cli.h"
#include "formats/prefixlist.h"
#include "ref/bogons.h"

/*
 * Where an address is: in both sets or only one, and for ours, of which
 * kind (full, or admin from an RIR "available" or "reserved" record).
 */
enum { C_BOTH_FULL, C_BOTH_AVAIL, C_BOTH_RESV, C_OURS_FULL, C_OURS_AVAIL,
	C_OURS_RESV, C_THEIRS, C_MAX };
static const char *const cat_names[C_MAX] = {
	"both:full", "both:avail", "both:resvd", "ours:full", "ours:avail",
	"ours:resvd", "Cymru only"
};

#define MAX_EXAMPLES	9999

struct example {
	u128		 first, last;
	uint32_t	 why;	/* ours: reason; theirs: region reason */
};

struct cmp {
	const struct bogons	*b;
	unsigned		 afi;
	u128			 n[RIR_MAX][C_MAX];
	struct example		*ex[C_MAX];
	unsigned		 nex[C_MAX], maxex;
};

static u128
add_sat(u128 a, u128 b)
{
	return a + b < a ? ~(u128)0 : a + b;
}

static void
piece(void *arg, u128 first, u128 last, const uint32_t *vals)
{
	struct cmp *c = arg;
	const struct bogon_reason *ours = vals[0] ? &c->b->why[vals[0] - 1] :
	    NULL;
	unsigned rir = vals[2] ? c->b->why[vals[2] - 1].rir : RIR_NONE;
	int k;

	if (ours != NULL) {
		k = vals[1] ? C_BOTH_FULL : C_OURS_FULL;
		if (ours->cls == BOGON_ADMIN)
			k += ((const struct rir_record *)ours->entry)->status ==
			    RIR_S_AVAILABLE ? 1 : 2;
	} else if (vals[1])
		k = C_THEIRS;
	else
		return;
	c->n[rir][k] = add_sat(c->n[rir][k], range_size(first, last));
	if (k >= C_OURS_FULL && c->nex[k] < c->maxex) {
		struct example *e = &c->ex[k][c->nex[k]++];

		e->first = first;
		e->last = last;
		e->why = k == C_THEIRS ? vals[2] : vals[0];
	}
}

/* IPv4: addresses; IPv6: /32 equivalents (addresses / 2^96). */
static void
put_count(unsigned afi, u128 v)
{
	char buf[U128_STRLEN];

	if (afi == AFI_IPV4) {
		u128_fmt(v, buf);
		printf(" %14s", buf);
	} else
		printf(" %14.2f", (double)v / 79228162514264337593543950336.0);
}

static void
put_example(const struct cmp *c, const struct example *e, int k)
{
	struct prefix p[RANGE_MAX_CIDRS];
	char a[PREFIX_STRLEN], why[BOGON_REASON_STRLEN];
	size_t n = range_cidrs(c->afi, e->first, e->last, p);

	prefix_fmt(&p[0], a);
	if (e->why == 0)
		snprintf(why, sizeof(why), "no registry covers it");
	else
		bogons_reason_fmt(&c->b->why[e->why - 1], why, sizeof(why));
	printf("    %s%s %s%s\n", a, n > 1 ? " (and more)" : "",
	    k == C_THEIRS ? "region: " : "", why);
}

static void
report(const struct cmp *c)
{
	u128 tot[C_MAX] = { 0 };
	unsigned r, k;

	printf("%s, %s\n  %-20s", c->afi == AFI_IPV4 ? "IPv4" : "IPv6",
	    c->afi == AFI_IPV4 ? "addresses" : "/32 equivalents (2^96 "
	    "addresses)", "region");
	for (k = 0; k < C_MAX; k++)
		printf(" %14s", cat_names[k]);
	printf("\n");
	for (r = 0; r < RIR_MAX; r++) {
		bool any = false;

		for (k = 0; k < C_MAX; k++)
			any |= c->n[r][k] != 0;
		if (!any)
			continue;
		printf("  %-20s", r == RIR_NONE ? "IANA/unknown" :
		    rir_display(r));
		for (k = 0; k < C_MAX; k++) {
			put_count(c->afi, c->n[r][k]);
			tot[k] = add_sat(tot[k], c->n[r][k]);
		}
		printf("\n");
	}
	printf("  %-20s", "total");
	for (k = 0; k < C_MAX; k++)
		put_count(c->afi, tot[k]);
	printf("\n");
	for (k = C_OURS_FULL; k < C_MAX; k++) {
		unsigned i;

		if (c->nex[k] == 0)
			continue;
		printf("  %s, first %u:\n", cat_names[k], c->nex[k]);
		for (i = 0; i < c->nex[k]; i++)
			put_example(c, &c->ex[k][i], (int)k);
	}
}

int
bogons_compare(const struct bogons *b, const char *const *cymru,
    unsigned ncymru, unsigned examples)
{
	struct prefix_list l = { 0 };
	struct paint *ps;
	struct imap theirs[2];
	unsigned i, f, k;
	size_t j, np[2] = { 0, 0 };

	for (i = 0; i < ncymru; i++) {
		struct diag d;
		char sum[256];

		prefixlist_diag_init(&d, cymru[i]);
		if (prefixlist_read_file(&l, cymru[i], &d) != 0) {
			log_warnx("%s", d.fatal);
			prefixlist_free(&l);
			return 1;
		}
		diag_summary(&d, sum, sizeof(sum));
		if (sum[0] != '\0')
			log_warnx("%s: %s", cymru[i], sum);
	}
	ps = calloc(l.n + 1, sizeof(*ps));
	if (ps == NULL)
		abort();
	for (f = 0; f < 2; f++) {
		size_t n = 0;

		for (j = 0; j < l.n; j++) {
			if ((l.p[j].afi == AFI_IPV6) != f)
				continue;
			prefix_range(&l.p[j], &ps[n].first, &ps[n].last);
			ps[n].prio = j;
			ps[n].val = 1;
			n++;
		}
		np[f] = n;
		imap_build(&theirs[f], ps, n);
	}
	free(ps);
	printf("our full+admin bogons against %zu Cymru prefixes "
	    "(%zu IPv4, %zu IPv6)\n", l.n, np[0], np[1]);
	for (f = 0; f < 2; f++) {
		const struct imap *maps[3] = { &b->ip[f], &theirs[f],
		    &b->region[f] };
		struct cmp *c = calloc(1, sizeof(*c));

		if (c == NULL)
			abort();
		c->b = b;
		c->afi = f ? AFI_IPV6 : AFI_IPV4;
		c->maxex = examples > MAX_EXAMPLES ? MAX_EXAMPLES : examples;
		for (k = 0; k < C_MAX; k++)
			c->ex[k] = calloc(c->maxex + 1, sizeof(struct example));
		imap_walk(maps, 3, 0, range_max(c->afi), piece, c);
		report(c);
		for (k = 0; k < C_MAX; k++)
			free(c->ex[k]);
		free(c);
		imap_free(&theirs[f]);
	}
	prefixlist_free(&l);
	return 0;
}
