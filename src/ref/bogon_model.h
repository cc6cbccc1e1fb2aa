/*
 * The bogon model with the registries it is built from: read IANA
 * registry XML files and RIR statistics, keep the newest registry of each
 * kind, and build struct bogons.  Used by `manrs bogons` and `manrs
 * observe`.
 */
#ifndef MANRS_REF_BOGON_MODEL_H
#define MANRS_REF_BOGON_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "formats/iana.h"
#include "formats/rirstats.h"
#include "ref/bogons.h"

#define BOGON_MAX_INPUTS	64

struct bogon_model {
	struct iana_registry	 reg[BOGON_MAX_INPUTS];
	const struct iana_registry *use[BOGON_MAX_INPUTS];
	unsigned		 nreg;
	struct rir_stats	 st;
	struct bogons		 b;
	bool			 bad;	/* some record was skipped */
};

/*
 * Read every file (IANA XML, RIR delegated statistics), report skipped
 * records as warnings, and build the model.  False if a file could not be
 * read (the rest are still used).  At most BOGON_MAX_INPUTS of each.
 */
bool	bogon_model_load(struct bogon_model *, const char *const *iana,
	    size_t niana, const char *const *rir, size_t nrir);
void	bogon_model_free(struct bogon_model *);

/* Registry files sorted by kind for bogon_model_load. */
struct bogon_inputs {
	const char	*iana[BOGON_MAX_INPUTS], *rir[BOGON_MAX_INPUTS];
	size_t		 niana, nrir;
};

/* An IANA registry is an XML file (*.xml); anything else RIR statistics. */
bool	bogon_is_iana_file(const char *path);
/*
 * Add path (not copied) to its kind; false, with err filled, when that
 * kind has BOGON_MAX_INPUTS already.
 */
bool	bogon_inputs_add(struct bogon_inputs *, const char *path, char *err,
	    size_t errlen);

#endif
