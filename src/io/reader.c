/*
 * One reader for plain and compressed input (see reader.h).
 *
 * Plain input is read straight into the window: no thread, no copy.
 *
 * Compressed input is decoded on its own thread into chunks of
 * IO_CHUNK_SIZE that travel through a queue of IO_CHUNKS_IN_FLIGHT; used
 * chunks come back on a free list, so the steady state allocates nothing.
 * The consumer peeks into the current chunk in place.  Only a peek that
 * straddles two chunks copies: the short tail of a chunk goes into the
 * headroom kept in front of the next chunk's data, a long one into the
 * window, and window leftovers return in front of the current chunk as
 * soon as they fit, so a straddling record does not make us copy
 * everything after it.
 *
 * The decoder thread owns the input buffer and the codec; the consumer
 * owns the window and the chunk it reads.  They share the queue, the free
 * list and the end state, under one mutex.
 */
#include <sys/stat.h>

#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "base/limits.h"
#include "base/xmalloc.h"
#include "reader.h"

/* Room in front of a chunk's data for the tail of the chunk before it. */
#define CHUNK_HEADROOM	(64u * 1024)
#define CHUNK_END	(CHUNK_HEADROOM + IO_CHUNK_SIZE)
/* Compressed bytes per read(2). */
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define RAW_BUF_SIZE	(4u * 1024)
#else
#define RAW_BUF_SIZE	(256u * 1024)
#endif
/* Plain windows grow in these steps, plus a chunk so reads stay large. */
#define WINDOW_ROUND	(64u * 1024)
/* Longest magic we look at (xz). */
#define SNIFF_LEN	6

struct chunk {
	struct chunk	*next;		/* queue or free list */
	size_t		 beg, end;	/* the data is buf[beg, end) */
	uint64_t	 raw;		/* compressed bytes used up to end */
	uint8_t		 buf[];		/* CHUNK_END bytes */
};

enum in_status {
	IN_DATA,
	IN_EOF,
	IN_ERROR,
	IN_STOP,
};

enum step {
	STEP_OK,		/* call again (maybe no progress) */
	STEP_MEMBER_END,	/* gzip member, bzip2/xz stream, zstd frame */
	STEP_ERROR,
};

struct reader {
	char			*name;
	int			 fd;
	enum reader_format	 fmt;
	bool			 threaded;

	/* Consumer side. */
	uint64_t		 off;		/* decompressed offset */
	uint64_t		 raw;		/* compressed (or file) offset */
	uint8_t			*win;
	size_t			 wcap, wbeg, wend;
	struct chunk		*cur;
	bool			 ended;		/* no more data will come */
	/* Written by the decoder before `done`, read after `ended`. */
	char			 err[512];

	/* Shared, under mu. */
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	pthread_cond_t		 nonempty;	/* consumer waits */
	pthread_cond_t		 nonfull;	/* decoder waits */
	struct chunk		*qhead, *qtail;
	unsigned		 qlen;
	struct chunk		*freel;
	bool			 done;
	bool			 stop;
	uint64_t		 raw_final;

	/* Decoder side. */
	int			 wake[2];	/* closed by reader_close */
	uint8_t			*in;
	size_t			 ipos, ilen;
	bool			 in_eof;
	uint64_t		 in_total;	/* bytes read from fd */
	uint64_t		 produced;	/* bytes decoded */
	unsigned		 members;
	struct chunk		*out;
	bool			 codec_live;
	union {
		z_stream	 z;
		bz_stream	 bz;
		lzma_stream	 lz;
		ZSTD_DStream	*zs;
	} u;
};

static const uint8_t empty[1];

static const char *
errstr(int e, char *buf, size_t len)
{
	if (strerror_r(e, buf, len) != 0)
		snprintf(buf, len, "error %d", e);
	return buf;
}

static void seterr(struct reader *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
seterr(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err, sizeof(r->err), fmt, ap);
	va_end(ap);
}

/* Wait until fd is readable; false if it never will be (error). */
static bool
wait_fd(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	while (poll(&pfd, 1, -1) < 0)
		if (errno != EINTR)
			return false;
	return true;
}

/* Read until len bytes or end of file; -1 with errno on error. */
static ssize_t
read_full(int fd, uint8_t *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);

		if (n > 0)
			got += (size_t)n;
		else if (n == 0)
			break;
		else if (errno == EAGAIN || errno == EWOULDBLOCK) {
			if (!wait_fd(fd))
				return -1;
		} else if (errno != EINTR)
			return -1;
	}
	return (ssize_t)got;
}

static const uint8_t gz_magic[] = { 0x1f, 0x8b };
static const uint8_t xz_magic[] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
static const uint8_t zst_magic[] = { 0x28, 0xb5, 0x2f, 0xfd };
/* zstd skippable frames (pzstd writes one first): 0x184d2a5? LE. */
static const uint8_t skip_magic[] = { 0x50, 0x2a, 0x4d, 0x18 };

/* Is b[0, n) the start of another member of this format? */
static bool
magic_prefix(enum reader_format f, const uint8_t *b, size_t n)
{
	switch (f) {
	case READER_GZIP:
		return memcmp(b, gz_magic, n) == 0;
	case READER_BZIP2:
		return memcmp(b, "BZh", n) == 0;
	case READER_XZ:
		return memcmp(b, xz_magic, n) == 0;
	case READER_ZSTD:
		if (memcmp(b, zst_magic, n) == 0)
			return true;
		/* Skippable frames: 0x184d2a50 to 0x184d2a5f. */
		return (b[0] & 0xf0) == skip_magic[0] &&
		    (n < 2 || memcmp(b + 1, skip_magic + 1, n - 1) == 0);
	case READER_PLAIN:
		break;
	}
	return false;
}

static enum reader_format
detect(const uint8_t *b, size_t n)
{
	if (n >= sizeof(gz_magic) && magic_prefix(READER_GZIP, b, 2))
		return READER_GZIP;
	/* The level digit rules out plain MRT, whose 5th byte is 0. */
	if (n >= 4 && magic_prefix(READER_BZIP2, b, 3) && b[3] >= '1' &&
	    b[3] <= '9')
		return READER_BZIP2;
	if (n >= sizeof(xz_magic) && magic_prefix(READER_XZ, b, 6))
		return READER_XZ;
	if (n >= sizeof(zst_magic) && magic_prefix(READER_ZSTD, b, 4))
		return READER_ZSTD;
	return READER_PLAIN;
}

const char *
reader_format_name(enum reader_format f)
{
	switch (f) {
	case READER_PLAIN:
		return "plain";
	case READER_GZIP:
		return "gzip";
	case READER_BZIP2:
		return "bzip2";
	case READER_XZ:
		return "xz";
	case READER_ZSTD:
		return "zstd";
	}
	return "unknown";
}

/* ------------------------------------------------------------------ */
/* Codecs, driven by the decoder thread. */

static const char *
bz_msg(int ret)
{
	switch (ret) {
	case BZ_DATA_ERROR:
		return "data integrity error (bad CRC or corrupt block)";
	case BZ_DATA_ERROR_MAGIC:
		return "bad stream magic";
	case BZ_MEM_ERROR:
		return "out of memory";
	case BZ_PARAM_ERROR:
		return "bad parameter";
	default:
		return "unexpected libbz2 error";
	}
}

static const char *
lzma_msg(lzma_ret ret)
{
	switch (ret) {
	case LZMA_MEM_ERROR:
		return "out of memory";
	case LZMA_MEMLIMIT_ERROR:
		return "stream needs more memory than MAX_DECODER_MEMORY";
	case LZMA_FORMAT_ERROR:
		return "file format not recognized";
	case LZMA_OPTIONS_ERROR:
		return "unsupported compression options";
	case LZMA_DATA_ERROR:
		return "compressed data is corrupt";
	case LZMA_UNSUPPORTED_CHECK:
		return "unsupported integrity check";
	default:
		return "unexpected liblzma error";
	}
}

static const char *
z_msg(const z_stream *z, int ret)
{
	if (z->msg != NULL)
		return z->msg;
	switch (ret) {
	case Z_NEED_DICT:
		return "needs a preset dictionary";
	case Z_MEM_ERROR:
		return "out of memory";
	case Z_DATA_ERROR:
		return "invalid data";
	default:
		return "unexpected zlib error";
	}
}

/* Start (or restart, after a member) the decoder; false with err set. */
static bool
codec_init(struct reader *r)
{
	int ret;
	lzma_ret lret;
	size_t zret;

	switch (r->fmt) {
	case READER_GZIP:
		/* 16 + 15: gzip wrapper only, largest window. */
		if ((ret = inflateInit2(&r->u.z, 16 + 15)) != Z_OK) {
			seterr(r, "gzip: cannot start decoder: %s",
			    z_msg(&r->u.z, ret));
			return false;
		}
		break;
	case READER_BZIP2:
		memset(&r->u.bz, 0, sizeof(r->u.bz));
		if ((ret = BZ2_bzDecompressInit(&r->u.bz, 0, 0)) != BZ_OK) {
			seterr(r, "bzip2: cannot start decoder: %s",
			    bz_msg(ret));
			return false;
		}
		break;
	case READER_XZ:
		r->u.lz = (lzma_stream)LZMA_STREAM_INIT;
		/*
		 * One stream at a time, not LZMA_CONCATENATED, so that
		 * garbage after a stream is told apart from damage.
		 */
		lret = lzma_stream_decoder(&r->u.lz, MAX_DECODER_MEMORY, 0);
		if (lret != LZMA_OK) {
			seterr(r, "xz: cannot start decoder: %s",
			    lzma_msg(lret));
			return false;
		}
		break;
	case READER_ZSTD:
		if ((r->u.zs = ZSTD_createDStream()) == NULL) {
			seterr(r, "zstd: cannot start decoder: out of memory");
			return false;
		}
		zret = ZSTD_DCtx_setParameter(r->u.zs, ZSTD_d_windowLogMax,
		    MAX_DECODER_WINDOW_LOG);
		if (ZSTD_isError(zret)) {
			seterr(r, "zstd: cannot start decoder: %s",
			    ZSTD_getErrorName(zret));
			ZSTD_freeDStream(r->u.zs);
			return false;
		}
		break;
	case READER_PLAIN:
		return true;
	}
	r->codec_live = true;
	return true;
}

static void
codec_end(struct reader *r)
{
	if (!r->codec_live)
		return;
	switch (r->fmt) {
	case READER_GZIP:
		inflateEnd(&r->u.z);
		break;
	case READER_BZIP2:
		BZ2_bzDecompressEnd(&r->u.bz);
		break;
	case READER_XZ:
		lzma_end(&r->u.lz);
		break;
	case READER_ZSTD:
		ZSTD_freeDStream(r->u.zs);
		break;
	case READER_PLAIN:
		break;
	}
	r->codec_live = false;
}

/* Ready for the next member or stream. */
static bool
codec_reset(struct reader *r)
{
	int ret;

	switch (r->fmt) {
	case READER_GZIP:
		if ((ret = inflateReset(&r->u.z)) != Z_OK) {
			seterr(r, "gzip: cannot restart decoder: %s",
			    z_msg(&r->u.z, ret));
			return false;
		}
		return true;
	case READER_BZIP2:
	case READER_XZ:
		codec_end(r);
		return codec_init(r);
	default:
		/* zstd starts the next frame by itself. */
		return true;
	}
}

/* One call into the decoder; moves ipos and out->end. */
static enum step
codec_step(struct reader *r, const char **msg)
{
	struct chunk *o = r->out;
	size_t avail = r->ilen - r->ipos, space = CHUNK_END - o->end;
	int ret;

	switch (r->fmt) {
	case READER_GZIP: {
		z_stream *z = &r->u.z;

		z->next_in = r->in + r->ipos;
		z->avail_in = (uInt)avail;
		z->next_out = o->buf + o->end;
		z->avail_out = (uInt)space;
		ret = inflate(z, Z_NO_FLUSH);
		r->ipos = r->ilen - z->avail_in;
		o->end = CHUNK_END - z->avail_out;
		if (ret == Z_STREAM_END)
			return STEP_MEMBER_END;
		if (ret == Z_OK || ret == Z_BUF_ERROR)
			return STEP_OK;
		*msg = z_msg(z, ret);
		return STEP_ERROR;
	}
	case READER_BZIP2: {
		bz_stream *b = &r->u.bz;

		b->next_in = (char *)(r->in + r->ipos);
		b->avail_in = (unsigned)avail;
		b->next_out = (char *)(o->buf + o->end);
		b->avail_out = (unsigned)space;
		ret = BZ2_bzDecompress(b);
		r->ipos = r->ilen - b->avail_in;
		o->end = CHUNK_END - b->avail_out;
		if (ret == BZ_STREAM_END)
			return STEP_MEMBER_END;
		if (ret == BZ_OK)
			return STEP_OK;
		*msg = bz_msg(ret);
		return STEP_ERROR;
	}
	case READER_XZ: {
		lzma_stream *l = &r->u.lz;
		lzma_ret lret;

		l->next_in = r->in + r->ipos;
		l->avail_in = avail;
		l->next_out = o->buf + o->end;
		l->avail_out = space;
		/* FINISH tells the decoder there is no more input. */
		lret = lzma_code(l, r->in_eof ? LZMA_FINISH : LZMA_RUN);
		r->ipos = r->ilen - l->avail_in;
		o->end = CHUNK_END - l->avail_out;
		if (lret == LZMA_STREAM_END)
			return STEP_MEMBER_END;
		if (lret == LZMA_OK || lret == LZMA_BUF_ERROR)
			return STEP_OK;
		*msg = lzma_msg(lret);
		return STEP_ERROR;
	}
	case READER_ZSTD: {
		ZSTD_inBuffer zin = { r->in + r->ipos, avail, 0 };
		ZSTD_outBuffer zout = { o->buf + o->end, space, 0 };
		size_t zret;

		zret = ZSTD_decompressStream(r->u.zs, &zout, &zin);
		r->ipos += zin.pos;
		o->end += zout.pos;
		if (ZSTD_isError(zret)) {
			*msg = ZSTD_getErrorName(zret);
			return STEP_ERROR;
		}
		/* 0: the frame is decoded and flushed. */
		return zret == 0 ? STEP_MEMBER_END : STEP_OK;
	}
	case READER_PLAIN:
		break;
	}
	*msg = "no decoder";
	return STEP_ERROR;
}

static bool
stopping(struct reader *r)
{
	bool stop;

	pthread_mutex_lock(&r->mu);
	stop = r->stop;
	pthread_mutex_unlock(&r->mu);
	return stop;
}

/*
 * Read more compressed input, keeping the unused bytes.  A descriptor
 * that may block forever (pipe, terminal) is polled together with the
 * wake pipe, so reader_close never waits for a writer.
 */
static enum in_status
refill(struct reader *r)
{
	size_t left = r->ilen - r->ipos;
	char ebuf[128];

	if (left > 0 && r->ipos > 0)
		memmove(r->in, r->in + r->ipos, left);
	r->ipos = 0;
	r->ilen = left;
	for (;;) {
		ssize_t n;

		if (stopping(r))
			return IN_STOP;
		if (r->wake[0] >= 0) {
			struct pollfd pfd[2] = {
				{ .fd = r->fd, .events = POLLIN },
				{ .fd = r->wake[0], .events = POLLIN },
			};

			if (poll(pfd, 2, -1) < 0) {
				if (errno == EINTR)
					continue;
				seterr(r, "poll: %s",
				    errstr(errno, ebuf, sizeof(ebuf)));
				return IN_ERROR;
			}
			if (pfd[1].revents != 0)
				return IN_STOP;
		}
		n = read(r->fd, r->in + r->ilen, RAW_BUF_SIZE - r->ilen);
		if (n > 0) {
			r->ilen += (size_t)n;
			r->in_total += (uint64_t)n;
			return IN_DATA;
		}
		if (n == 0) {
			r->in_eof = true;
			return IN_EOF;
		}
		if (errno == EINTR)
			continue;
		/* Non-blocking descriptor: with a wake pipe, poll waits. */
		if ((errno == EAGAIN || errno == EWOULDBLOCK) &&
		    (r->wake[0] >= 0 || wait_fd(r->fd)))
			continue;
		seterr(r, "read error after %llu compressed bytes "
		    "(%llu bytes decoded): %s",
		    (unsigned long long)r->in_total,
		    (unsigned long long)r->produced,
		    errstr(errno, ebuf, sizeof(ebuf)));
		return IN_ERROR;
	}
}

/* Compressed bytes the decoder has taken. */
static uint64_t
raw_used(const struct reader *r)
{
	return r->in_total - (r->ilen - r->ipos);
}

static struct chunk *
chunk_new(void)
{
	struct chunk *c = xmalloc(sizeof(*c) + CHUNK_END);

	c->next = NULL;
	c->beg = c->end = CHUNK_HEADROOM;
	c->raw = 0;
	return c;
}

/*
 * Queue the full (or last) output chunk and take an empty one.  Blocks
 * while the queue is full; false if the reader is being closed.
 */
static bool
emit(struct reader *r, bool last)
{
	struct chunk *c = r->out, *n = NULL;

	c->raw = raw_used(r);
	c->next = NULL;
	pthread_mutex_lock(&r->mu);
	while (r->qlen >= IO_CHUNKS_IN_FLIGHT && !r->stop)
		pthread_cond_wait(&r->nonfull, &r->mu);
	if (r->stop) {
		pthread_mutex_unlock(&r->mu);
		return false;
	}
	if (r->qtail != NULL)
		r->qtail->next = c;
	else
		r->qhead = c;
	r->qtail = c;
	r->qlen++;
	pthread_cond_signal(&r->nonempty);
	if (!last && (n = r->freel) != NULL)
		r->freel = n->next;
	pthread_mutex_unlock(&r->mu);
	if (!last && n == NULL)
		n = chunk_new();
	if (n != NULL) {
		n->next = NULL;
		n->beg = n->end = CHUNK_HEADROOM;
	}
	r->out = n;
	return true;
}

static void
truncated(struct reader *r)
{
	seterr(r, "%s stream truncated: input ended after %llu compressed "
	    "bytes (%llu bytes decoded)", reader_format_name(r->fmt),
	    (unsigned long long)r->in_total,
	    (unsigned long long)r->produced);
}

static const char *
member_word(enum reader_format f)
{
	return f == READER_GZIP ? "member" : f == READER_ZSTD ? "frame" :
	    "stream";
}

/*
 * xz streams may be followed by stream padding: null bytes, a multiple
 * of four.  Skip it; false on a read error, a stop or bad padding.
 */
static bool
skip_xz_padding(struct reader *r)
{
	uint64_t pad = 0;

	for (;;) {
		while (r->ipos < r->ilen && r->in[r->ipos] == 0) {
			r->ipos++;
			pad++;
		}
		if (r->ipos < r->ilen || r->in_eof)
			break;
		if (refill(r) != IN_DATA && !r->in_eof)
			return false;
	}
	if (pad % 4 != 0) {
		seterr(r, "xz data corrupt at compressed offset %llu: stream "
		    "padding of %llu bytes is not a multiple of 4 (%llu bytes "
		    "decoded)", (unsigned long long)raw_used(r),
		    (unsigned long long)pad, (unsigned long long)r->produced);
		return false;
	}
	return true;
}

/*
 * After a gzip member, a bzip2 or xz stream or a zstd frame: is another
 * one next?  1: yes; 0: clean end of input; -1: garbage, truncation, a
 * read error (err set) or a stop request.
 */
static int
next_member(struct reader *r)
{
	size_t mlen, avail;

	r->members++;
	switch (r->fmt) {
	case READER_GZIP:
		mlen = 2;
		break;
	case READER_BZIP2:
		mlen = 3;
		break;
	case READER_XZ:
		mlen = 6;
		if (!skip_xz_padding(r))
			return -1;
		break;
	default:
		mlen = 4;
		break;
	}
	while (r->ilen - r->ipos < mlen && !r->in_eof) {
		enum in_status st = refill(r);

		if (st == IN_STOP || st == IN_ERROR)
			return -1;
	}
	avail = r->ilen - r->ipos;
	if (avail == 0)
		return 0;
	if (!magic_prefix(r->fmt, r->in + r->ipos,
	    avail < mlen ? avail : mlen)) {
		seterr(r, "trailing garbage after %s %s %u at compressed "
		    "offset %llu (%llu bytes decoded)",
		    reader_format_name(r->fmt), member_word(r->fmt),
		    r->members, (unsigned long long)raw_used(r),
		    (unsigned long long)r->produced);
		return -1;
	}
	if (avail < mlen) {
		truncated(r);
		return -1;
	}
	return 1;
}

/*
 * Decode everything.  Returns false if stopped by reader_close; true at
 * the end of the data, clean or not (err says which).
 */
static bool
decode(struct reader *r)
{
	const char *msg = NULL;

	for (;;) {
		size_t in0, out0;
		bool progress;
		enum step st;

		if (r->ipos == r->ilen && !r->in_eof) {
			switch (refill(r)) {
			case IN_STOP:
				return false;
			case IN_ERROR:
				return true;
			case IN_DATA:
			case IN_EOF:
				break;
			}
		}
		in0 = r->ipos;
		out0 = r->out->end;
		st = codec_step(r, &msg);
		r->produced += r->out->end - out0;
		progress = r->ipos != in0 || r->out->end != out0;
		if (r->out->end == CHUNK_END && !emit(r, false))
			return false;

		switch (st) {
		case STEP_OK:
			if (progress)
				continue;
			if (r->ipos < r->ilen) {
				seterr(r, "%s decoder stuck at compressed "
				    "offset %llu (%llu bytes decoded)",
				    reader_format_name(r->fmt),
				    (unsigned long long)raw_used(r),
				    (unsigned long long)r->produced);
				return true;
			}
			/* No input left and none coming. */
			truncated(r);
			return true;
		case STEP_MEMBER_END:
			switch (next_member(r)) {
			case 1:
				if (!codec_reset(r))
					return true;
				continue;
			case 0:
				return true;
			default:
				return !stopping(r);
			}
		case STEP_ERROR:
			seterr(r, "%s data corrupt at compressed offset %llu: "
			    "%s (%llu bytes decoded)",
			    reader_format_name(r->fmt),
			    (unsigned long long)raw_used(r), msg,
			    (unsigned long long)r->produced);
			return true;
		}
	}
}

static void *
decoder_main(void *arg)
{
	struct reader *r = arg;
	bool finished;

	finished = decode(r);
	if (finished && r->out->end > r->out->beg)
		finished = emit(r, true);
	pthread_mutex_lock(&r->mu);
	r->done = true;
	r->raw_final = r->in_total;
	pthread_cond_broadcast(&r->nonempty);
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Consumer side. */

static struct chunk *
next_chunk(struct reader *r)
{
	struct chunk *c;

	if (r->ended)
		return NULL;
	pthread_mutex_lock(&r->mu);
	while (r->qhead == NULL && !r->done)
		pthread_cond_wait(&r->nonempty, &r->mu);
	if ((c = r->qhead) != NULL) {
		if ((r->qhead = c->next) == NULL)
			r->qtail = NULL;
		r->qlen--;
		pthread_cond_signal(&r->nonfull);
	} else {
		r->ended = true;
		r->raw = r->raw_final;
	}
	pthread_mutex_unlock(&r->mu);
	if (c != NULL) {
		c->next = NULL;
		r->raw = c->raw;
	}
	return c;
}

static void
put_chunk(struct reader *r, struct chunk *c)
{
	if (c == NULL)
		return;
	pthread_mutex_lock(&r->mu);
	c->next = r->freel;
	r->freel = c;
	pthread_mutex_unlock(&r->mu);
}

/* Move the live window bytes to the front and hold at least want. */
static void
win_reserve(struct reader *r, size_t want)
{
	size_t live = r->wend - r->wbeg;

	if (r->wbeg > 0) {
		if (live > 0)
			memmove(r->win, r->win + r->wbeg, live);
		r->wbeg = 0;
		r->wend = live;
	}
	if (r->wcap < want) {
		r->win = xrealloc(r->win, want);
		r->wcap = want;
	}
}

static size_t
peek_plain(struct reader *r, size_t need, const uint8_t **p)
{
	char ebuf[128];

	while (r->wend - r->wbeg < need && !r->ended) {
		size_t want;
		ssize_t n;

		/* Round up and add a chunk, so each read stays large. */
		want = need > SIZE_MAX / 2 ? SIZE_MAX / 2 : need;
		want = (want + WINDOW_ROUND - 1) / WINDOW_ROUND *
		    WINDOW_ROUND + IO_CHUNK_SIZE;
		win_reserve(r, want);
		n = read(r->fd, r->win + r->wend, r->wcap - r->wend);
		if (n > 0) {
			r->wend += (size_t)n;
			r->raw += (uint64_t)n;
		} else if (n == 0)
			r->ended = true;
		else if (errno == EAGAIN || errno == EWOULDBLOCK) {
			if (!wait_fd(r->fd))
				goto fail;
		} else if (errno != EINTR)
			goto fail;
	}
	*p = r->win + r->wbeg;
	return r->wend - r->wbeg;
fail:
	seterr(r, "read error at offset %llu: %s",
	    (unsigned long long)r->raw, errstr(errno, ebuf, sizeof(ebuf)));
	r->ended = true;
	*p = r->win + r->wbeg;
	return r->wend - r->wbeg;
}

static size_t
peek_chunks(struct reader *r, size_t need, const uint8_t **p)
{
	struct chunk *c, *n;
	size_t have, take;

	for (;;) {
		c = r->cur;
		have = r->wend - r->wbeg;
		if (have == 0) {
			have = c != NULL ? c->end - c->beg : 0;
			if (c != NULL && have >= need) {
				*p = c->buf + c->beg;
				return have;
			}
			if ((n = next_chunk(r)) == NULL) {
				*p = c != NULL ? c->buf + c->beg : empty;
				return have;
			}
			if (have > 0 && have <= n->beg) {
				/* The tail goes in front of the next chunk. */
				n->beg -= have;
				memcpy(n->buf + n->beg, c->buf + c->beg, have);
			} else if (have > 0) {
				win_reserve(r, need);
				memcpy(r->win + r->wend, c->buf + c->beg, have);
				r->wend += have;
			}
			put_chunk(r, c);
			r->cur = n;
			continue;
		}
		if (have >= need) {
			*p = r->win + r->wbeg;
			return have;
		}
		if (c != NULL && have <= c->beg) {
			/* Leftovers fit in front of the chunk: no copy after. */
			c->beg -= have;
			memcpy(c->buf + c->beg, r->win + r->wbeg, have);
			r->wbeg = r->wend = 0;
			continue;
		}
		if (c != NULL && c->end > c->beg) {
			win_reserve(r, need);
			take = c->end - c->beg;
			if (take > need - have)
				take = need - have;
			memcpy(r->win + r->wend, c->buf + c->beg, take);
			r->wend += take;
			c->beg += take;
			continue;
		}
		put_chunk(r, c);
		if ((r->cur = next_chunk(r)) == NULL) {
			*p = r->win + r->wbeg;
			return have;
		}
	}
}

size_t
reader_peek(struct reader *r, size_t need, const uint8_t **p)
{
	if (r->threaded)
		return peek_chunks(r, need, p);
	return peek_plain(r, need, p);
}

void
reader_consume(struct reader *r, size_t n)
{
	if (r->wend > r->wbeg || !r->threaded) {
		if (n > r->wend - r->wbeg)
			goto bad;
		r->wbeg += n;
		if (r->wbeg == r->wend)
			r->wbeg = r->wend = 0;
	} else if (n > 0) {
		if (r->cur == NULL || n > r->cur->end - r->cur->beg)
			goto bad;
		r->cur->beg += n;
	}
	r->off += n;
	return;
bad:
	/* A caller bug, not bad input. */
	fprintf(stderr, "manrs: %s: reader_consume(%zu) past the peeked "
	    "data at offset %llu\n", r->name, n, (unsigned long long)r->off);
	abort();
}

uint64_t
reader_offset(const struct reader *r)
{
	return r->off;
}

uint64_t
reader_raw_offset(const struct reader *r)
{
	return r->raw;
}

const char *
reader_error(const struct reader *r)
{
	return r->ended && r->err[0] != '\0' ? r->err : NULL;
}

enum reader_format
reader_format(const struct reader *r)
{
	return r->fmt;
}

const char *
reader_name(const struct reader *r)
{
	return r->name;
}

/* ------------------------------------------------------------------ */

static void
free_chunks(struct chunk *c)
{
	while (c != NULL) {
		struct chunk *next = c->next;

		free(c);
		c = next;
	}
}

void
reader_close(struct reader *r)
{
	if (r == NULL)
		return;
	if (r->threaded) {
		pthread_mutex_lock(&r->mu);
		r->stop = true;
		pthread_cond_broadcast(&r->nonfull);
		pthread_mutex_unlock(&r->mu);
		/* Wakes a decoder blocked in poll on a pipe. */
		if (r->wake[1] >= 0)
			close(r->wake[1]);
		pthread_join(r->thread, NULL);
		free_chunks(r->qhead);
		free_chunks(r->freel);
		free(r->cur);
		free(r->out);
		pthread_cond_destroy(&r->nonfull);
		pthread_cond_destroy(&r->nonempty);
		pthread_mutex_destroy(&r->mu);
	}
	codec_end(r);
	if (r->wake[0] >= 0)
		close(r->wake[0]);
	if (r->fd >= 0)
		close(r->fd);
	free(r->in);
	free(r->win);
	free(r->name);
	free(r);
}

static bool
start_thread(struct reader *r)
{
	struct stat st;
	char ebuf[128];
	int ret, i;

	if (fstat(r->fd, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISBLK(st.st_mode)) {
		if (pipe(r->wake) == -1) {
			seterr(r, "pipe: %s",
			    errstr(errno, ebuf, sizeof(ebuf)));
			r->wake[0] = r->wake[1] = -1;
			return false;
		}
		for (i = 0; i < 2; i++)
			(void)fcntl(r->wake[i], F_SETFD, FD_CLOEXEC);
	}
	if (!codec_init(r))
		return false;
	r->out = chunk_new();
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->nonempty, NULL);
	pthread_cond_init(&r->nonfull, NULL);
	if ((ret = pthread_create(&r->thread, NULL, decoder_main, r)) != 0) {
		seterr(r, "cannot start decoder thread: %s",
		    errstr(ret, ebuf, sizeof(ebuf)));
		pthread_cond_destroy(&r->nonfull);
		pthread_cond_destroy(&r->nonempty);
		pthread_mutex_destroy(&r->mu);
		return false;
	}
	r->threaded = true;
	return true;
}

struct reader *
reader_fdopen(int fd, const char *name, char *err, size_t errlen)
{
	struct reader *r;
	uint8_t magic[SNIFF_LEN];
	ssize_t n;
	char ebuf[128];

	r = xcalloc(1, sizeof(*r));
	r->fd = fd;
	r->name = xstrdup(name != NULL ? name : "?");
	r->wake[0] = r->wake[1] = -1;

	if ((n = read_full(fd, magic, sizeof(magic))) < 0) {
		snprintf(err, errlen, "%s: read error: %s", r->name,
		    errstr(errno, ebuf, sizeof(ebuf)));
		goto fail;
	}
	r->fmt = detect(magic, (size_t)n);
	if (r->fmt == READER_PLAIN) {
		r->wcap = WINDOW_ROUND + IO_CHUNK_SIZE;
		r->win = xmalloc(r->wcap);
		memcpy(r->win, magic, (size_t)n);
		r->wend = (size_t)n;
		r->raw = (uint64_t)n;
		(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
		return r;
	}
	/* The magic is the decoder's first input. */
	r->in = xmalloc(RAW_BUF_SIZE);
	memcpy(r->in, magic, (size_t)n);
	r->ilen = (size_t)n;
	r->in_total = (uint64_t)n;
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	if (!start_thread(r)) {
		snprintf(err, errlen, "%s: %s", r->name, r->err);
		free(r->out);
		r->out = NULL;
		goto fail;
	}
	return r;
fail:
	reader_close(r);
	return NULL;
}

struct reader *
reader_open(const char *path, char *err, size_t errlen)
{
	char ebuf[128];
	int fd;

	if (strcmp(path, "-") == 0) {
		/* Our own descriptor, so closing the reader keeps stdin. */
		if ((fd = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0)) == -1) {
			snprintf(err, errlen, "stdin: %s",
			    errstr(errno, ebuf, sizeof(ebuf)));
			return NULL;
		}
		return reader_fdopen(fd, "stdin", err, errlen);
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "%s: %s", path,
		    errstr(errno, ebuf, sizeof(ebuf)));
		return NULL;
	}
	return reader_fdopen(fd, path, err, errlen);
}
