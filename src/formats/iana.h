/*
 * IANA address registries, in their XML form (www.iana.org/assignments):
 *
 *   iana-ipv4-special-registry, iana-ipv6-special-registry
 *       <record><address>192.0.0.0/24 <xref type="note" data="2"/></address>
 *       <name>..</name><spec>..</spec><source>True</source> ..
 *       <global>False <xref type="note" data="1"/></global></record>
 *   ipv4-address-space          <prefix>010/8</prefix><designation>..
 *                               <status>RESERVED</status>
 *   ipv6-address-space          <prefix>fc00::/7</prefix><description>..
 *   ipv6-unicast-address-assignments  <prefix>2001:200::/23</prefix>
 *                               <description>APNIC</description>
 *                               <status>ALLOCATED</status>
 *
 * The registry is told from the root element's id.  The flags (Source,
 * Destination, Forwardable, Globally Reachable, Reserved-by-Protocol) are
 * True, False, N/A or empty, each possibly qualified by a footnote
 * ("False [1]"); the footnote texts are kept.  One <address> may list
 * several prefixes ("192.0.0.170/32, 192.0.0.171/32"): one entry each.
 *
 * Parsed with expat, streaming, with caps on size, depth and text; a
 * DOCTYPE is refused (no entity expansion).  A bad record is rejected with
 * file:line and reading goes on; a malformed document is fatal.
 */
#ifndef MANRS_FORMATS_IANA_H
#define MANRS_FORMATS_IANA_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/limits.h"
#include "io/reader.h"
#include "net/prefix.h"

enum iana_kind {
	IANA_UNKNOWN,
	IANA_V4_SPECIAL,
	IANA_V6_SPECIAL,
	IANA_V4_SPACE,
	IANA_V6_SPACE,
	IANA_V6_UNICAST,
	IANA_KIND_MAX
};

enum iana_bool { IANA_B_EMPTY, IANA_B_TRUE, IANA_B_FALSE, IANA_B_NA };

enum iana_status {
	IANA_S_NONE,		/* the registry has no status column */
	IANA_S_ALLOCATED,
	IANA_S_LEGACY,
	IANA_S_RESERVED,
	IANA_S_UNALLOCATED,
	IANA_S_MAX
};

/* A flag and the footnote qualifying it (0: none). */
struct iana_flag {
	uint8_t		v;	/* enum iana_bool */
	uint8_t		note;
};

enum { IANA_F_SOURCE, IANA_F_DEST, IANA_F_FORWARD, IANA_F_GLOBAL,
	IANA_F_RESERVED, IANA_F_MAX };

struct iana_entry {
	struct prefix	 pfx;
	const char	*name;		/* name, designation or description */
	const char	*spec;		/* "rfc1918", "rfc791, Section 3.2" */
	const char	*whois;		/* "" if none */
	const char	*date;		/* allocation date as written */
	const char	*termination;	/* "" if none */
	struct iana_flag flag[IANA_F_MAX];
	uint32_t	 line;
	uint8_t		 status;	/* enum iana_status */
};

struct iana_registry {
	enum iana_kind	  kind;
	const char	 *file;
	char		  updated[16];	/* <updated> of the registry */
	struct iana_entry *e;
	size_t		  n, cap;
	const char	 *notes[MAX_IANA_FOOTNOTES];
	struct arena	  strings;
};

enum iana_reject {
	IANA_REJ_PREFIX,	/* unparsable or missing prefix */
	IANA_REJ_HOST_BITS,
	IANA_REJ_FAMILY,	/* an IPv6 prefix in an IPv4 registry ... */
	IANA_REJ_FLAG,		/* not True, False or N/A */
	IANA_REJ_STATUS,
	IANA_REJ_LIMIT,		/* text, records or footnotes over a cap */
	IANA_REJ_MAX
};

void	iana_init(struct iana_registry *);
void	iana_free(struct iana_registry *);	/* NULL-safe */
/*
 * Read one registry file through rd (not closed).  Returns 0 when read
 * to its end (bad records counted in *d), -1 when not (not XML, not one
 * of the registries above, over a cap; d->fatal says why).
 */
int	iana_read(struct iana_registry *, struct reader *rd, const char *name,
	    struct diag *d);
int	iana_read_file(struct iana_registry *, const char *path,
	    struct diag *d);
void	iana_diag_init(struct diag *, const char *name);

const char	*iana_kind_name(enum iana_kind);	/* the registry id */
const char	*iana_status_name(enum iana_status);
/* "False", "False [1]", "N/A", "" into buf. */
const char	*iana_flag_fmt(struct iana_flag, char buf[16]);
/* Footnote text, or NULL. */
const char	*iana_note(const struct iana_registry *, unsigned anchor);

#endif
