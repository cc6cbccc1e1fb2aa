/*
 * Was an AS conformant on each of N days ending with a given day (DESIGN.md
 * §4: every action with data Ready over the trailing window) — the answer
 * of `manrs conformance` and of the API's /api/v1/conformance/{asn}.
 */
#ifndef MANRS_OBSERVE_CONFORMANCE_H
#define MANRS_OBSERVE_CONFORMANCE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "store/store.h"

struct json_t;

struct conformance {
	uint32_t	 asn;
	unsigned	 ndays;		/* days ending with at */
	int64_t		 at;		/* UTC midnight */
	/* Set by conformance_run: */
	unsigned	 len;		/* the trailing window, in days */
	unsigned	 conformant, not_conformant, unknown;
};

/*
 * Score every day; one line per day to text when not NULL, else a JSON
 * object into *json (what `manrs conformance --json` prints).  False with
 * err set on a store error.
 */
bool	conformance_run(struct store *, struct conformance *, FILE *text,
	    struct json_t **json, char *err, size_t errlen);

#endif
