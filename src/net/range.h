/*
 * Addresses and ASNs as plain integers, for interval arithmetic: an IPv4
 * address is its 32-bit value, an IPv6 address its 128-bit value, an ASN
 * its 32-bit value, all held in a u128.  Registries describe space as
 * ranges (RIR "start|count" lines, bogon lists); these helpers turn ranges
 * into prefixes and back.
 */
#ifndef MANRS_NET_RANGE_H
#define MANRS_NET_RANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/prefix.h"

typedef unsigned __int128 u128;

/* The most CIDR blocks one range can need (2 per bit of the family). */
#define RANGE_MAX_CIDRS		256
/* Decimal digits of 2^128 - 1, and NUL. */
#define U128_STRLEN		40

/* Highest value of a family (AFI_NONE: the ASN space). */
u128	range_max(unsigned afi);
u128	addr_to_u128(unsigned afi, const uint8_t b[16]);
void	u128_to_prefix(unsigned afi, u128 v, unsigned len, struct prefix *);
/* The first and last address of a prefix. */
void	prefix_range(const struct prefix *, u128 *first, u128 *last);
/*
 * Split [first, last] of a family into the fewest CIDR blocks, in order.
 * Returns their number (at most RANGE_MAX_CIDRS); first <= last.
 */
size_t	range_cidrs(unsigned afi, u128 first, u128 last,
	    struct prefix out[RANGE_MAX_CIDRS]);
/* Addresses in [first, last], saturating at 2^128 - 1. */
u128	range_size(u128 first, u128 last);
size_t	u128_fmt(u128, char buf[U128_STRLEN]);
/* log2 of a count, for readable IPv6 totals ("2^96.58"). */
double	u128_log2(u128);

#endif
