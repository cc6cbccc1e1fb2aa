/*
 * Typed IPv4/IPv6 addresses and prefixes: one type for both families
 * (STYLE.md 9).  Addresses are kept in network byte order in 16 bytes; an
 * IPv4 address uses the first 4.
 */
#ifndef MANRS_NET_PREFIX_H
#define MANRS_NET_PREFIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum afi {
	AFI_NONE = 0,
	AFI_IPV4 = 1,		/* the IANA AFI numbers, as on the wire */
	AFI_IPV6 = 2,
};

struct addr {
	uint8_t		afi;	/* enum afi */
	uint8_t		b[16];
};

struct prefix {
	uint8_t		afi;	/* enum afi */
	uint8_t		len;	/* bits */
	uint8_t		b[16];	/* bits past len are zero */
};

/* Longest text forms, with the terminating NUL. */
#define ADDR_STRLEN	46
#define PREFIX_STRLEN	(ADDR_STRLEN + 4)

static inline unsigned
afi_bits(unsigned afi)
{
	return afi == AFI_IPV4 ? 32 : afi == AFI_IPV6 ? 128 : 0;
}

static inline unsigned
afi_bytes(unsigned afi)
{
	return afi_bits(afi) / 8;
}

/* Format as inet_ntop() does; returns the length written (no NUL counted). */
size_t	addr_fmt(const struct addr *, char buf[ADDR_STRLEN]);
size_t	prefix_fmt(const struct prefix *, char buf[PREFIX_STRLEN]);

/*
 * Parse text.  Strict: no leading zeros in IPv4 octets, no host bits set
 * in a prefix (reported, never masked), length within the family.  On
 * error returns false and points *why at a static reason.
 */
bool	addr_parse(const char *s, size_t n, struct addr *, const char **why);
bool	prefix_parse(const char *s, size_t n, struct prefix *,
	    const char **why);

/* Zero the bits past len. Returns true if any were set. */
bool	prefix_mask(struct prefix *);
bool	prefix_equal(const struct prefix *, const struct prefix *);
/* Does a cover b (a is b or a less specific of it)? */
bool	prefix_covers(const struct prefix *a, const struct prefix *b);
int	prefix_cmp(const struct prefix *, const struct prefix *);

#endif
