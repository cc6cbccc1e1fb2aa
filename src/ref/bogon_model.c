/* The bogon model and the registries behind it, read from files. */
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "base/diag.h"
#include "ref/bogon_model.h"

static void
report(struct bogon_model *m, const struct diag *d)
{
	char sum[512];

	diag_summary(d, sum, sizeof(sum));
	if (sum[0] != '\0') {
		log_warnx("%s: %s", d->name, sum);
		m->bad = true;
	}
}

bool
bogon_model_load(struct bogon_model *m, const char *const *iana,
    size_t niana, const char *const *rir, size_t nrir)
{
	unsigned i, j;
	bool ok = true;

	memset(m, 0, sizeof(*m));
	if (niana > BOGON_MAX_INPUTS) {
		log_warnx("more than %d IANA registries: the rest are not read",
		    BOGON_MAX_INPUTS);
		niana = BOGON_MAX_INPUTS;
	}
	rir_stats_init(&m->st);
	for (i = 0; i < niana; i++) {
		struct iana_registry *r = &m->reg[m->nreg];
		struct diag d;

		iana_init(r);
		iana_diag_init(&d, iana[i]);
		if (iana_read_file(r, iana[i], &d) != 0) {
			log_warnx("%s", d.fatal);
			iana_free(r);
			ok = false;
			continue;
		}
		report(m, &d);
		m->use[m->nreg++] = r;
	}
	/* Of two registries of one kind, keep the one updated last. */
	for (i = 0; i < m->nreg; i++)
		for (j = 0; j < m->nreg; j++)
			if (i != j && m->use[i] != NULL && m->use[j] != NULL &&
			    m->use[i]->kind == m->use[j]->kind &&
			    strcmp(m->use[i]->updated, m->use[j]->updated) <= 0 &&
			    (strcmp(m->use[i]->updated, m->use[j]->updated) < 0 ||
			    i < j)) {
				log_info("%s: not used, %s is newer (%s)",
				    m->use[i]->file, m->use[j]->file,
				    m->use[j]->updated);
				m->use[i] = NULL;
			}
	for (i = 0; i < nrir; i++) {
		struct diag d;

		rirstats_diag_init(&d, rir[i]);
		if (rirstats_read_file(&m->st, rir[i], &d) != 0) {
			log_warnx("%s", d.fatal);
			ok = false;
			continue;
		}
		report(m, &d);
	}
	bogons_build(&m->b, m->use, m->nreg, &m->st);
	for (i = 0; i < IANA_KIND_MAX; i++)
		if (i != IANA_UNKNOWN && !m->b.have_kind[i])
			log_info("no %s registry given", iana_kind_name(i));
	if (!m->b.have_rir[RIR_ARIN])
		log_info("no ARIN statistics: ARIN's available and reserved "
		    "space and ASNs are not admin bogons here");
	return ok;
}

void
bogon_model_free(struct bogon_model *m)
{
	unsigned i;

	bogons_free(&m->b);
	for (i = 0; i < m->nreg; i++)
		iana_free(&m->reg[i]);
	rir_stats_free(&m->st);
}


bool
bogon_is_iana_file(const char *path)
{
	size_t n = strlen(path);

	return n >= 4 && strcmp(path + n - 4, ".xml") == 0;
}

bool
bogon_inputs_add(struct bogon_inputs *in, const char *path, char *err,
    size_t errlen)
{
	bool iana = bogon_is_iana_file(path);
	size_t *n = iana ? &in->niana : &in->nrir;

	if (*n == BOGON_MAX_INPUTS) {
		snprintf(err, errlen, "%s: more than %d %s files", path,
		    BOGON_MAX_INPUTS, iana ? "IANA registry" :
		    "RIR statistics");
		return false;
	}
	(iana ? in->iana : in->rir)[(*n)++] = path;
	return true;
}
