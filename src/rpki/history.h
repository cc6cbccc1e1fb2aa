/*
 * ROA history: which VRPs were published on which days, from a series of
 * dated VRP snapshots (one a day, as the RIPE NCC archive keeps them).
 *
 * Each distinct VRP (prefix, maxLength, ASN; the trust anchor is not kept,
 * since ROV does not look at it) is stored once with its runs: maximal
 * ranges of consecutive *snapshots* in which it was present.  The days
 * that had a snapshot are stored too.  A day without a snapshot is a gap,
 * not an absence: a VRP present on the snapshots before and after a gap
 * stays one run, and a question about a day in a gap is answered
 * "unknown (no snapshot)" unless the caller asks for the nearest earlier
 * snapshot (HISTORY_NEAREST), in which case the answer says it came from
 * that earlier day.  Days before the first snapshot are unknown too.
 *
 * Snapshots are added in day order; adding a day merges it into the store
 * (extending runs that reach the previous snapshot, opening new ones), so
 * a store grows day by day without the old snapshots.
 *
 * The store file (history_save/history_load) is little-endian:
 *
 *   header, 64 bytes:
 *     0  8  magic "MANRSVH\n"
 *     8  4  version (1)
 *    12  4  header size (64)
 *    16  4  ndays     snapshot days
 *    20  4  nvrps     distinct VRPs
 *    24  8  nruns     runs, all VRPs together
 *    32  4  CRC-32 of the days section
 *    36  4  CRC-32 of the VRP section
 *    40  4  CRC-32 of the run section
 *    44 16  zero (reserved)
 *    60  4  CRC-32 of bytes 0..59
 *   days: ndays x u32, days since 1970-01-01 UTC, strictly increasing
 *   VRPs: nvrps x 28 bytes, strictly increasing in (family, address,
 *         length, maxLength, ASN) order:
 *           u8 family (1 IPv4, 2 IPv6), u8 length, u8 maxLength, u8 zero,
 *           u32 ASN, 16 bytes address (IPv4 in the first 4, rest zero),
 *           u32 number of runs (at least 1)
 *   runs: nruns x 8 bytes, each VRP's runs in order:
 *           u32 first snapshot index, u32 last snapshot index (inclusive);
 *           a VRP's runs neither overlap nor touch
 *
 * The loader checks everything (sizes, checksums, order, lengths, host
 * bits, run bounds) and rejects a damaged file with the byte offset and
 * what is wrong; it never trusts a count before checking it against the
 * file's size and the limits in base/limits.h.
 */
#ifndef MANRS_RPKI_HISTORY_H
#define MANRS_RPKI_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/vrp.h"
#include "net/prefix.h"
#include "rpki/rov.h"

/* A day is a count of days since 1970-01-01 UTC. */
#define HISTORY_DAY_STRLEN	11	/* "YYYY-MM-DD" and NUL */
#define HISTORY_ERRLEN		256

struct history;

/* A run: the VRP was in snapshots first..last (indices, inclusive). */
struct history_run {
	uint32_t	first, last;
};

/* How a day was mapped to a snapshot. */
enum history_status {
	HISTORY_EXACT,		/* the day has a snapshot */
	HISTORY_EARLIER,	/* gap: the nearest earlier snapshot was used */
	HISTORY_NO_SNAPSHOT,	/* gap (or before the first snapshot) */
};

/* Flags for history_snapshot() and history_validate(). */
#define HISTORY_NEAREST	0x1	/* in a gap, use the nearest earlier day */

struct history_result {
	enum history_status	status;
	uint32_t		snap;	/* snapshot index used (not NO_SNAPSHOT) */
	uint32_t		day;	/* its day */
	enum rov_state		state;	/* ROV_NOT_FOUND when NO_SNAPSHOT */
	enum rov_reason		reason;
};

struct history	*history_new(void);
void		 history_free(struct history *);	/* NULL-safe */

/*
 * Load a store file.  On failure returns NULL and writes the file name,
 * byte offset and problem into err (HISTORY_ERRLEN bytes is enough).
 */
struct history	*history_load(const char *path, char *err, size_t errlen);
/* The same from bytes in memory (name is used in messages). */
struct history	*history_load_mem(const uint8_t *, size_t, const char *name,
		    char *err, size_t errlen);
/* Write to path through a temporary file and rename(2); 0 or -1 and err. */
int		 history_save(const struct history *, const char *path,
		    char *err, size_t errlen);
/* The file image history_save writes; the caller frees *out. */
void		 history_serialise(const struct history *, uint8_t **out,
		    size_t *len);

/*
 * Add the snapshot of one day: n VRPs in any order, duplicates allowed
 * (the trust anchor is ignored).  The day must be after the last one
 * stored; returns -1 and err otherwise (or over a limit), 0 on success.
 */
int		 history_add_day(struct history *, uint32_t day,
		    const struct vrp *, size_t n, char *err, size_t errlen);

size_t		 history_ndays(const struct history *);
uint32_t	 history_day(const struct history *, uint32_t snap);
size_t		 history_nvrps(const struct history *);
uint64_t	 history_nruns(const struct history *);
/* Bytes of memory held. */
size_t		 history_memory(const struct history *);

/*
 * Map a day to a snapshot: HISTORY_EXACT or, with HISTORY_NEAREST in a
 * gap after the first snapshot, HISTORY_EARLIER (*snap set); else
 * HISTORY_NO_SNAPSHOT.
 */
enum history_status history_snapshot(const struct history *, uint32_t day,
		    unsigned flags, uint32_t *snap);
/* The first snapshot index whose day is >= day (ndays if none). */
uint32_t	 history_snapshot_from(const struct history *, uint32_t day);

/*
 * ROV state (RFC 6811, as rov_validate) of (prefix, origin) on a day.
 * Returns false (status NO_SNAPSHOT) when the day has no answer.
 */
bool		 history_validate(const struct history *,
		    const struct prefix *, uint32_t origin, uint32_t day,
		    unsigned flags, struct history_result *);
/* The same at a snapshot index (< ndays). */
enum rov_state	 history_validate_snap(const struct history *,
		    const struct prefix *, uint32_t origin, uint32_t snap,
		    enum rov_reason *);

/*
 * The VRPs that ever covered a prefix, as indices, shortest prefix first:
 * writes up to max into out and returns how many there are.
 */
size_t		 history_covering(const struct history *,
		    const struct prefix *, uint32_t *out, size_t max);
/* VRP i (its ta is 0) and its runs. */
const struct vrp *history_vrp(const struct history *, uint32_t i);
size_t		 history_runs(const struct history *, uint32_t i,
		    const struct history_run **);
bool		 history_present(const struct history *, uint32_t i,
		    uint32_t snap);

/*
 * For many lookups at one time: the VRP set of a snapshot as a ROV trie
 * (rov_free() it).
 */
struct rov	*history_rov_at(const struct history *, uint32_t snap);

/* Days: parse "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (the day of it). */
bool		 history_day_parse(const char *, size_t, uint32_t *day,
		    const char **why);
bool		 history_day_from_ymd(unsigned y, unsigned m, unsigned d,
		    uint32_t *day);
size_t		 history_day_fmt(uint32_t day, char buf[HISTORY_DAY_STRLEN]);

#endif
