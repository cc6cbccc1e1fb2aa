/*
 * Progress on a terminal: one status line, redrawn at most ten times a
 * second, for the stage a long job is in (load references, decode,
 * detect, score, store) and the source it is reading (kind, file i of n,
 * compressed bytes read against the file's size, records per second, MB
 * per second, elapsed time, ETA).  A finished stage leaves one line with
 * its total time and rate; the status line is wiped at the end, so the
 * job's own output starts on a clean line.
 *
 * Every function takes NULL (progress off) and then does nothing, so a
 * library can call them unconditionally.  Updates may come from several
 * threads.
 */
#ifndef MANRS_BASE_PROGRESS_H
#define MANRS_BASE_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct progress;

/* What the status line shows; plain data so rendering can be tested. */
struct progress_task {
	const char	*stage;		/* "decode+timeline" */
	const char	*kind;		/* source kind ("bgp") or NULL */
	const char	*name;		/* file or collector name, or NULL */
	size_t		 index, count;	/* file index (1-based) of count */
	uint64_t	 bytes, size;	/* compressed bytes read, file size */
	uint64_t	 items, total;	/* items done, of total (0: unknown) */
	const char	*unit;		/* "records", "ASes" */
};

/* Progress on fp (a terminal, or anything when forced); never NULL. */
struct progress	*progress_new(FILE *fp);
/* Wipe the status line and free; NULL-safe. */
void		 progress_free(struct progress *);

/* Start a stage (ends the one before, printing its line). */
void	progress_stage(struct progress *, const char *stage, const char *unit,
	    uint64_t total);
/* Start reading source index of count (1-based); stats path for its size. */
void	progress_source(struct progress *, const char *kind, const char *path,
	    size_t index, size_t count);
/* Absolute counts for the current source or stage: cheap, redraws ≤10/s. */
void	progress_update(struct progress *, uint64_t bytes, uint64_t items);
/* End the current stage: its summary line stays on the screen. */
void	progress_stage_end(struct progress *);

/*
 * Formatting, into buf (always NUL-terminated); each returns buf.
 * Sizes and rates in SI units (kB = 1000 B) with three significant digits.
 */
char	*progress_fmt_size(char *buf, size_t len, double bytes);
char	*progress_fmt_count(char *buf, size_t len, double n);
/* "12.3 s", "4:05", "1:02:03"; "?" for a negative or non-finite value. */
char	*progress_fmt_duration(char *buf, size_t len, double seconds);
/* Seconds still to go at the rate so far; -1 when unknown. */
double	 progress_eta(uint64_t done, uint64_t total, double elapsed);
/*
 * The status line for t after elapsed seconds, cut to width columns
 * (no newline, no escape sequences).
 */
char	*progress_render(const struct progress_task *t, double elapsed,
	    char *buf, size_t len, size_t width);

#endif
