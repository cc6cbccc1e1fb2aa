/*
 * The scoring methodology (DESIGN.md §4) as data: every constant has a
 * default here and can be changed in a config file, so a run's results
 * can always be reproduced from its inputs plus this file.
 */
#ifndef MANRS_OBSERVE_METHOD_H
#define MANRS_OBSERVE_METHOD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum metric {
	M1, M1C,		/* route leak: shown, not scored */
	M2, M2C,		/* misorigination */
	M3, M3C,		/* bogon prefix */
	M4, M4C,		/* bogon ASN */
	M5,			/* spoofing */
	M7IRR, M7RPKI,		/* registration shares */
	M8,			/* contacts */
	METRIC_COUNT
};

enum action {
	ACT_FILTERING,
	ACT_ANTISPOOFING,
	ACT_COORDINATION,
	ACT_GV_IRR,
	ACT_GV_RPKI,
	ACTION_COUNT
};

enum label {
	LABEL_NODATA,
	LABEL_LAGGING,
	LABEL_ASPIRING,
	LABEL_READY,
};

struct method {
	/* Incident scoring: below short_s scores short_score, below
	 * day_s scores 1, else 1 + floor(d / day_s). */
	int64_t	short_s;		/* 1800 */
	double	short_score;		/* 0.5 */
	int64_t	day_s;			/* 86400 */
	/* pct(raw) = base ^ sqrt(factor * raw) */
	double	pct_base;		/* 0.6 */
	double	pct_factor;		/* 2 */
	double	weight[METRIC_COUNT];	/* 1 each */
	bool	scored[METRIC_COUNT];	/* M1, M1C false */
	/* M7RPKI = valid share - rpki_invalid_factor * invalid share */
	double	rpki_invalid_factor;	/* 10 */
	double	ready_pct;		/* 90 */
	double	aspiring_pct;		/* 50 */
	unsigned misorigin_min_peers;	/* 2 */
	unsigned universe_min_peers;	/* 5 */
	unsigned conformance_days;	/* 30 */
};

void		 method_defaults(struct method *);
/*
 * Read "key = value" lines ('#' comments) over the defaults.  Unknown
 * keys and bad values are errors naming file and line; *err gets the
 * message (static buffer).  Returns false on error.
 */
bool		 method_load(struct method *, const char *path,
		     const char **err);
/*
 * The same over text[0..len) (such as runs.method in the store); name
 * stands for the file in messages ("run 3 method:2: unknown key").
 */
bool		 method_parse(struct method *, const char *text, size_t len,
		     const char *name, const char **err);
/* Print every key with its value, in the file format. */
void		 method_print(const struct method *, FILE *);

const char	*metric_name(enum metric);
bool		 metric_parse(const char *, enum metric *);
const char	*action_name(enum action);
const char	*label_name(enum label);
/* The inverse of action_name and label_name, as the store has them. */
bool		 action_from_name(const char *, enum action *);
bool		 label_from_name(const char *, enum label *);

#endif
