/*
 * CAIDA AS relationship files, read into an asgraph:
 *
 *  - as-rel (serial-1): "A|B|-1" (A is a provider of B) or "A|B|0"
 *    (peers), one link a line;
 *  - as-rel2 (serial-2): the same with a fourth field, the source of the
 *    inference ("bgp", "mlp", ...), kept per link;
 *  - ppdc-ases: "CONE-AS MEMBER MEMBER ..." one customer cone a line.
 *
 * Lines starting with '#' are comments; "# input clique: A B ..." (or
 * "# inferred clique:", in files before 2016) and "# IXP ASes: A B ..."
 * give the clique and IXP lists, kept in the graph.
 * The kind of file is told from its first line that is not a comment
 * ('|' makes it as-rel).  Plain or compressed (gzip, bzip2, xz, zstd).
 *
 * A bad line (syntax, ASN, relationship, a self link, a pair linked twice)
 * is skipped with its reason counted and the first kept as a message with
 * file, line and byte offset; reading goes on.
 */
#ifndef MANRS_FORMATS_ASREL_H
#define MANRS_FORMATS_ASREL_H

#include <stddef.h>
#include <stdint.h>

#include "net/asgraph.h"

enum asrel_kind {
	ASREL_KIND_ANY,		/* as asked: either; as found: no data line */
	ASREL_KIND_REL,		/* as-rel or as-rel2 */
	ASREL_KIND_PPDC,
};

enum asrel_skip {
	ASREL_SKIP_SYNTAX,
	ASREL_SKIP_ASN,
	ASREL_SKIP_REL,		/* relationship not -1 or 0 */
	ASREL_SKIP_SELF,
	ASREL_SKIP_DUP,		/* the same link again */
	ASREL_SKIP_CONFLICT,	/* a pair with two relationships */
	ASREL_SKIP_LINE,	/* too long, NUL byte */
	ASREL_SKIP_LIMIT,	/* a MAX_ cap */
	ASREL_SKIP_MAX
};

struct asrel_stats {
	enum asrel_kind	 kind;
	int		 serial;	/* 1 or 2 for as-rel */
	uint64_t	 lines, links, cones, comments;
	uint64_t	 skipped, skip[ASREL_SKIP_MAX];
	char		 first[256];	/* the first skip, with its place */
};

/*
 * Read path ("-" is standard input) into g (not yet finished).  want
 * restricts the kind.  Returns 0, or -1 if the file could not be read to
 * its end or is of the wrong kind (err says why); skipped lines are not
 * errors.  Stats accumulate over calls.
 */
int		 asrel_read(struct asgraph *, const char *path,
		    enum asrel_kind want, struct asrel_stats *, char *err,
		    size_t errlen);
/* The same from a descriptor, which is closed. */
int		 asrel_read_fd(struct asgraph *, int fd, const char *name,
		    enum asrel_kind want, struct asrel_stats *, char *err,
		    size_t errlen);
const char	*asrel_skip_str(enum asrel_skip);

#endif
