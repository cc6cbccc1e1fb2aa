/*
 * Plain prefix lists: one CIDR per line, as Team Cymru publishes its
 * bogon lists ("# last updated ..." comments) and Spamhaus its DROP lists
 * ("1.2.3.0/24 ; SBL123", ";" comments).  Host bits are an error.
 */
#ifndef MANRS_FORMATS_PREFIXLIST_H
#define MANRS_FORMATS_PREFIXLIST_H

#include <stddef.h>

#include "base/diag.h"
#include "io/reader.h"
#include "net/prefix.h"

struct prefix_list {
	struct prefix	*p;
	size_t		 n, cap;
};

enum { PL_REJ_PREFIX, PL_REJ_HOST_BITS, PL_REJ_LIMIT, PL_REJ_MAX };

void	prefixlist_diag_init(struct diag *, const char *name);
/* Add the prefixes of one list; 0, or -1 on a fatal error (d->fatal). */
int	prefixlist_read(struct prefix_list *, struct reader *, struct diag *);
int	prefixlist_read_file(struct prefix_list *, const char *path,
	    struct diag *);
void	prefixlist_free(struct prefix_list *);	/* NULL-safe */

#endif
