/* Incidents and scores: DESIGN.md §4, constants from struct method. */
#include <math.h>
#include <stdlib.h>

#include "base/xmalloc.h"
#include "observe/score.h"

double
incident_score(const struct method *m, int64_t d)
{
	if (d < m->short_s)
		return m->short_score;
	if (d < m->day_s)
		return 1;
	return 1 + (double)(d / m->day_s);
}

double
penalty_pct(const struct method *m, double raw)
{
	if (raw <= 0)
		return 100;
	return 100 * pow(m->pct_base, sqrt(m->pct_factor * raw));
}

enum label
label_of(const struct method *m, double pct)
{
	if (pct >= m->ready_pct)
		return LABEL_READY;
	if (pct >= m->aspiring_pct)
		return LABEL_ASPIRING;
	return LABEL_LAGGING;
}

static int
event_cmp(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->asn != y->asn)
		return x->asn < y->asn ? -1 : 1;
	if (x->metric != y->metric)
		return x->metric < y->metric ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	/* Ties fall back on content so the order never depends on input order. */
	if (x->evidence != y->evidence)
		return x->evidence < y->evidence ? -1 : 1;
	return prefix_cmp(&x->prefix, &y->prefix);
}

/* Clip to [from, to); false when nothing is left. */
static bool
clip(struct event *e, int64_t from, int64_t to)
{
	if (e->start < from)
		e->start = from;
	if (e->end > to)
		e->end = to;
	return e->start < e->end;
}

size_t
incidents_build(const struct method *m, struct event *ev, size_t n,
    int64_t from, int64_t to, struct incident **out)
{
	struct incident *inc, *cur = NULL;
	size_t i, kept = 0, ninc = 0;

	/* Drop what falls outside the period, keeping the rest in front. */
	for (i = 0; i < n; i++) {
		struct event e = ev[i];

		if (clip(&e, from, to)) {
			ev[i] = ev[kept];
			ev[kept++] = e;
		}
	}
	if (kept > 1)
		qsort(ev, kept, sizeof(*ev), event_cmp);
	inc = xcalloc(kept ? kept : 1, sizeof(*inc));
	for (i = 0; i < kept; i++) {
		const struct event *e = &ev[i];

		if (cur != NULL && cur->asn == e->asn &&
		    cur->metric == e->metric && e->start <= cur->end) {
			if (e->end > cur->end)
				cur->end = e->end;
			if (e->weight > cur->weight)
				cur->weight = e->weight;
			cur->count++;
			continue;
		}
		cur = &inc[ninc++];
		cur->asn = e->asn;
		cur->metric = e->metric;
		cur->disputed = false;
		cur->start = e->start;
		cur->end = e->end;
		cur->weight = e->weight;
		cur->first = i;
		cur->count = 1;
	}
	for (i = 0; i < ninc; i++)
		inc[i].score = incident_score(m, inc[i].end - inc[i].start);
	*out = inc;
	return ninc;
}

void
facts_add_incidents(const struct method *m, struct as_facts *f,
    const struct incident *inc, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (inc[i].disputed || inc[i].metric >= METRIC_COUNT)
			continue;
		f->raw[inc[i].metric] += inc[i].score * inc[i].weight *
		    m->weight[inc[i].metric];
	}
}

static const enum metric filtering[] = { M2, M2C, M3, M3C, M4, M4C };

void
score_as(const struct method *m, const struct as_facts *f,
    struct as_score *s)
{
	size_t i;
	double p, share;

	/* Filtering: the worst of the scored filtering metrics. */
	p = 100;
	for (i = 0; i < sizeof(filtering) / sizeof(filtering[0]); i++) {
		double q;

		if (!m->scored[filtering[i]])
			continue;
		q = penalty_pct(m, f->raw[filtering[i]]);
		if (q < p)
			p = q;
	}
	s->pct[ACT_FILTERING] = p;
	s->label[ACT_FILTERING] = label_of(m, p);

	if (f->spoofer_tested && m->scored[M5]) {
		s->pct[ACT_ANTISPOOFING] = penalty_pct(m, f->raw[M5]);
		s->label[ACT_ANTISPOOFING] = label_of(m,
		    s->pct[ACT_ANTISPOOFING]);
	} else {
		s->pct[ACT_ANTISPOOFING] = 0;
		s->label[ACT_ANTISPOOFING] = LABEL_NODATA;
	}

	if (f->contacts_known && m->scored[M8]) {
		s->pct[ACT_COORDINATION] = f->has_contact ? 100 : 0;
		s->label[ACT_COORDINATION] = label_of(m,
		    s->pct[ACT_COORDINATION]);
	} else {
		s->pct[ACT_COORDINATION] = 0;
		s->label[ACT_COORDINATION] = LABEL_NODATA;
	}

	if (f->irr_known && f->announced > 0 && m->scored[M7IRR]) {
		s->pct[ACT_GV_IRR] = 100.0 * (double)f->irr_registered /
		    (double)f->announced;
		s->label[ACT_GV_IRR] = label_of(m, s->pct[ACT_GV_IRR]);
	} else {
		s->pct[ACT_GV_IRR] = 0;
		s->label[ACT_GV_IRR] = LABEL_NODATA;
	}

	if (f->rpki_known && f->announced > 0 && m->scored[M7RPKI]) {
		share = ((double)f->rpki_valid - m->rpki_invalid_factor *
		    (double)f->rpki_invalid) / (double)f->announced;
		if (share < 0)
			share = 0;
		if (share > 1)
			share = 1;
		s->pct[ACT_GV_RPKI] = 100 * share;
		s->label[ACT_GV_RPKI] = label_of(m, s->pct[ACT_GV_RPKI]);
	} else {
		s->pct[ACT_GV_RPKI] = 0;
		s->label[ACT_GV_RPKI] = LABEL_NODATA;
	}
}
