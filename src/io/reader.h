/*
 * One reader for plain, gzip, bzip2, xz and zstd files, chosen by the magic
 * bytes, never by the name.  Compressed input is decompressed on its own
 * thread, so parsing overlaps decompression.  The caller sees a window of
 * decompressed bytes: peek at least n contiguous bytes, then consume.
 *
 * A truncated or corrupt compressed stream yields every byte decoded before
 * the damage, then reader_error() says what went wrong.
 */
#ifndef MANRS_IO_READER_H
#define MANRS_IO_READER_H

#include <stddef.h>
#include <stdint.h>

enum reader_format {
	READER_PLAIN,
	READER_GZIP,
	READER_BZIP2,
	READER_XZ,
	READER_ZSTD,
};

struct reader;

/*
 * Open path ("-" is standard input).  On failure returns NULL and writes
 * the reason into err.
 */
struct reader	*reader_open(const char *path, char *err, size_t errlen);
/* Read from an already open descriptor; the reader closes it. */
struct reader	*reader_fdopen(int fd, const char *name, char *err,
		    size_t errlen);
/*
 * Make at least `need` bytes contiguous at *p (need may be up to the
 * caller's record limit).  Returns the number of bytes available from *p,
 * which is less than need only at the end of the data (or on an error).
 */
size_t		 reader_peek(struct reader *, size_t need, const uint8_t **p);
/* Drop n bytes (n <= the last peek's return value). */
void		 reader_consume(struct reader *, size_t n);
/* Offset of the next unconsumed byte in the decompressed stream. */
uint64_t	 reader_offset(const struct reader *);
/* Compressed bytes read from the file so far. */
uint64_t	 reader_raw_offset(const struct reader *);
/* After the data ends: NULL on a clean end, else what went wrong. */
const char	*reader_error(const struct reader *);
enum reader_format reader_format(const struct reader *);
const char	*reader_format_name(enum reader_format);
const char	*reader_name(const struct reader *);
/* Stops the decompression thread and frees everything; NULL-safe. */
void		 reader_close(struct reader *);

#endif
