/*
 * One reader for plain, gzip, bzip2, xz and zstd files, chosen by the magic
 * bytes, never by the name.  Compressed input is decompressed on its own
 * thread, so parsing overlaps decompression.  The caller sees a window of
 * decompressed bytes: peek at least n contiguous bytes, then consume.
 *
 * A truncated or corrupt compressed stream yields every byte decoded before
 * the damage, then reader_error() says what went wrong; so does garbage
 * after the last gzip member, bzip2 or xz stream or zstd frame.
 * Concatenated members, streams and frames are read as one.
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
/* Read from an already open descriptor; the reader closes it, also when
 * it fails.  Standard input ("-") is read through a duplicate of fd 0. */
struct reader	*reader_fdopen(int fd, const char *name, char *err,
		    size_t errlen);
/*
 * Make at least `need` bytes contiguous at *p (need may be up to the
 * caller's record limit).  Returns the number of bytes available from *p,
 * which is less than need only at the end of the data (or on an error).
 * *p stays valid until the next peek or close (a consume does not move
 * it).  The window grows only as large as the largest need.
 */
size_t		 reader_peek(struct reader *, size_t need, const uint8_t **p);
/* Drop n bytes (n <= the last peek's return value). */
void		 reader_consume(struct reader *, size_t n);
/* Offset of the next unconsumed byte in the decompressed stream. */
uint64_t	 reader_offset(const struct reader *);
/*
 * Compressed bytes read from the file so far (for compressed input it
 * lags the decoder's read-ahead a little; at the end it is the file size).
 */
uint64_t	 reader_raw_offset(const struct reader *);
/* After the data ends: NULL on a clean end, else what went wrong. */
const char	*reader_error(const struct reader *);
enum reader_format reader_format(const struct reader *);
const char	*reader_format_name(enum reader_format);
const char	*reader_name(const struct reader *);
/* Stops the decompression thread and frees everything; NULL-safe. */
void		 reader_close(struct reader *);

#endif
