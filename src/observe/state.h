/*
 * The state file of an incremental run (`manrs observe --state FILE`):
 * what the timeline and the detectors hold after the data read so far,
 * so that the next run over the same period reads only the new files.
 *
 * Layout, all integers big-endian:
 *   8  magic "MANRSST\n"
 *   4  version (1)
 *   8  period start (UTC seconds)
 *   8  "through": the time up to which the data was read
 *   ...  the timeline's section, then the detector's
 *   4  CRC-32 of everything before it
 * The reader checks the magic, version, checksum and every count against
 * the bytes left before it allocates, so a damaged or foreign file is an
 * error, never a crash.
 */
#ifndef MANRS_OBSERVE_STATE_H
#define MANRS_OBSERVE_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/cursor.h"

#define STATE_VERSION	1

struct state_out {
	FILE		*fp;
	uint32_t	 crc;
	bool		 failed;
	uint8_t		 buf[65536];
	size_t		 n;
};

void	state_put(struct state_out *, const void *, size_t);
void	state_u8(struct state_out *, uint8_t);
void	state_u32(struct state_out *, uint32_t);
void	state_u64(struct state_out *, uint64_t);

/* Read a u64; the cursor helpers do the rest. */
bool	state_get_u64(struct cursor *, uint64_t *);
/* A count of items of size each that the cursor can still hold. */
bool	state_get_count(struct cursor *, size_t each, uint32_t *n);

/*
 * Begin writing path (through a temporary file renamed at the end),
 * with the header; state_close checksums, renames and says whether all
 * went well.
 */
bool	state_create(struct state_out *, const char *path, int64_t from,
	    int64_t through, char *err, size_t errlen);
bool	state_close(struct state_out *, const char *path, char *err,
	    size_t errlen);

/* Check a state file image b[0..len) and position *c after its header. */
bool	state_check(const uint8_t *b, size_t len, const char *name,
	    struct cursor *c, int64_t *from, int64_t *through, char *err,
	    size_t errlen);
/*
 * Read and check a whole state file: *buf holds it (free it), *c is
 * positioned after the header.
 */
bool	state_open(const char *path, uint8_t **buf, struct cursor *c,
	    int64_t *from, int64_t *through, char *err, size_t errlen);

/*
 * The run level (resume.c).  observe_checkpoint writes the state after
 * reading in's MRT files (and done's, read by earlier runs);
 * observe_resume loads one and splits in's MRT files into those still
 * to read (todo) and those the state has (done), or fails with err.
 */
struct detector;
struct detect_refs;
struct observe_inputs;
bool	observe_checkpoint(const char *path, struct detector *,
	    int64_t from, int64_t through, const struct observe_inputs *in,
	    const struct observe_inputs *done, char *const *names,
	    size_t nnames, char *err, size_t errlen);
/* names: the collectors' names as numbered in the state (appended). */
struct detector *observe_resume(const char *path, const struct detect_refs *,
	    int64_t from, int64_t to, const struct observe_inputs *in,
	    struct observe_inputs *todo, struct observe_inputs *done,
	    char ***names, size_t *nnames, char *err, size_t errlen);

#endif
