/*
 * Counting and reporting bad records of one input file.  A reader keeps
 * one struct diag per file: each rejected record is counted by reason and
 * reported as "FILE:LINE: REASON: DETAIL" (the first DIAG_WARN_FIRST as
 * warnings, the rest with -vv); a fatal error (the file cannot be read on)
 * is kept as text for the caller.
 */
#ifndef MANRS_BASE_DIAG_H
#define MANRS_BASE_DIAG_H

#include <stdint.h>

#define DIAG_MSG		256
#define DIAG_MAX_REASONS	16
#define DIAG_WARN_FIRST		10

struct diag {
	const char		*name;		/* the file */
	const char *const	*reasons;	/* text per reason code */
	unsigned		 nreasons;
	uint64_t		 rejected[DIAG_MAX_REASONS];
	uint64_t		 total;
	unsigned		 reported;
	char			 first[DIAG_MSG];	/* first rejection */
	char			 fatal[DIAG_MSG];	/* "" if none */
};

void	diag_init(struct diag *, const char *name,
	    const char *const *reasons, unsigned nreasons);
/* Count a rejected record at line (0: no line) and report it. */
void	diag_reject(struct diag *, unsigned why, uint64_t line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Record the first fatal error, prefixed with the file name. */
void	diag_fatal(struct diag *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* "N skipped (k reason, ...)" into buf; "" when nothing was skipped. */
void	diag_summary(const struct diag *, char *buf, unsigned len);

#endif
