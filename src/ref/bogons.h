/*
 * Bogon model: which addresses and ASNs should never appear in global
 * BGP, and which registry entry says so.  Built from the IANA registries
 * (iana.h) and RIR delegated-extended statistics (rirstats.h):
 *
 *   full     IANA-level: special-purpose space that is not Globally
 *            Reachable, IPv4 /8s that are RESERVED or UNALLOCATED, IPv6
 *            outside Global Unicast 2000::/3 (multicast, link-local,
 *            ULA, "Reserved by IETF"), and 2000::/3 space IANA has not
 *            allocated.  Scored as MANRS M3.
 *   admin    RIR-level: space an RIR lists as available or reserved
 *            (not yet assigned to anyone), outside full bogons.
 *            Recorded, not scored.
 *
 * Team Cymru's "fullbogons" list is close to full + admin (docs/bogons.md).
 * Bogon ASNs: the reserved ranges of RFC 5398, 6793, 6996, 7300, 7607
 * and IANA ("reserved"), and ASNs an RIR lists as available or reserved
 * ("admin").  The model also answers the RIR and country of a prefix or
 * ASN.  It keeps pointers into the registries and statistics it was built
 * from: free those after it.
 */
#ifndef MANRS_REF_BOGONS_H
#define MANRS_REF_BOGONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/iana.h"
#include "formats/rirstats.h"
#include "net/imap.h"

enum bogon_class { BOGON_NONE, BOGON_FULL, BOGON_ADMIN };

enum bogon_src {
	BSRC_IANA,		/* an entry of an IANA registry */
	BSRC_UNICAST_GAP,	/* in 2000::/3, not in the unicast registry */
	BSRC_RIR,		/* a RIR statistics record */
	BSRC_ASN_TABLE,		/* a reserved ASN range */
};

/* Why space is (or is not) a bogon, and whose region it is. */
struct bogon_reason {
	uint8_t		 cls;		/* enum bogon_class */
	uint8_t		 src;		/* enum bogon_src */
	uint8_t		 rir;		/* enum rir of the region, or 0 */
	const struct iana_registry *reg;	/* BSRC_IANA, _UNICAST_GAP */
	const struct rir_stats *st;		/* BSRC_RIR */
	const void	*entry;	/* iana_entry, rir_record or asn range */
};

struct bogons {
	struct imap		 ip[2];		/* [0] IPv4, [1] IPv6 */
	struct imap		 region[2];
	struct imap		 asn, asn_region;
	struct bogon_reason	*why;		/* imap values index it */
	size_t			 nwhy, capwhy;
	const struct rir_stats	*rir;
	bool			 have_rir[RIR_MAX];
	bool			 have_kind[IANA_KIND_MAX];
};

struct bogon_hit {
	u128			 first, last;	/* clipped to the query */
	const struct bogon_reason *why;
};

#define BOGON_REASON_STRLEN	512

/*
 * Build from any IANA registries (NULL entries skipped) and statistics
 * (may be NULL).  Never fails on data; later registries in the list win
 * where two of the same kind overlap.
 */
void	bogons_build(struct bogons *, const struct iana_registry *const *,
	    size_t nregs, const struct rir_stats *);
void	bogons_free(struct bogons *);	/* NULL-safe */

/*
 * The bogon space overlapping p: returns the worst class found (full
 * over admin), fills up to max hits in address order, *nhits their total
 * and *inside whether bogon space covers all of p.
 */
enum bogon_class bogons_prefix(const struct bogons *, const struct prefix *p,
	    struct bogon_hit *hits, size_t max, size_t *nhits, bool *inside);
/* Class of an ASN and why (NULL when not a bogon). */
enum bogon_class bogons_asn(const struct bogons *, uint32_t asn,
	    const struct bogon_reason **why);
/* Region of an address or ASN: the RIR record or IANA entry, or NULL. */
const struct bogon_reason *bogons_region_addr(const struct bogons *,
	    unsigned afi, u128 addr);
const struct bogon_reason *bogons_region_asn(const struct bogons *,
	    uint32_t asn);

/* "IANA iana-ipv4-special-registry line 98: 10.0.0.0/8 Private-Use ..." */
size_t	bogons_reason_fmt(const struct bogon_reason *, char *buf, size_t len);
/* Country code of a region reason ("" when IANA-level or unknown). */
const char *bogons_reason_cc(const struct bogon_reason *);
const char *bogon_class_name(enum bogon_class);

#endif
