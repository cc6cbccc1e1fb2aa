/*
 * MRT files in a fixed order, decoded on worker threads.  Workers take
 * files in delivery order, so the file the consumer waits for is always
 * being decoded or done: a worker blocked on a full queue of a later file
 * never holds it up.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "base/progress.h"
#include "base/xmalloc.h"
#include "io/reader.h"
#include "observe/feed.h"
#include "observe/run.h"

#define FEED_BATCH	8192		/* elements per batch, about */
#define FEED_WORDS	(128u * 1024)	/* path words per batch, about */
#define FEED_QUEUE	4		/* batches queued per file */
#define FEED_THREADS	64

/* Elements as the timeline reads them, hashed by the decoder. */
struct batch {
	struct tl_elem	*e;
	size_t		 n, cap;
	uint32_t	*w;		/* per segment: type << 16 | count, ASNs */
	size_t		 nw, wcap;
	uint64_t	 raw, records;	/* compressed bytes and records read */
	struct batch	*next;
};

struct ffile {
	const struct source *src;
	uint32_t	 collector;
	uint32_t	 first_ts;
	bool		 rib;		/* a table dump: first at a tie */
	size_t		 seq;

	/* Filled by the decoder, under the lock when threaded. */
	struct batch	*head, *tail;
	unsigned	 queued;
	bool		 done, failed;
	char		 err[512];	/* open failure, or damage to log */
	struct mrt_stats *st;		/* when done; the consumer frees it */
};

/* A file being decoded. */
struct dec {
	struct reader	*r;
	struct mrt_file	*f;
	uint32_t	 collector;
};

struct feed {
	struct ffile	*files;
	size_t		 nfiles, next;
	pthread_mutex_t	 mu;
	pthread_cond_t	 more, room;
	bool		 abort;
	struct batch	*free;		/* recycled batches */
};

/* The first record's time and type, to order a collector's files. */
static void
peek_first(struct ffile *o)
{
	char err[256];
	struct reader *r = reader_open(o->src->path, err, sizeof(err));
	struct mrt_file *f;
	struct mrt_record rec;

	o->first_ts = UINT32_MAX;
	if (r == NULL)
		return;
	f = mrt_file_new(r, o->src->path);
	if (mrt_next(f, &rec) == 1) {
		o->first_ts = rec.ts;
		o->rib = rec.type == MRT_TABLE_DUMP ||
		    rec.type == MRT_TABLE_DUMP_V2;
	}
	mrt_file_free(f);
}

static int
order_cmp(const void *a, const void *b)
{
	const struct ffile *x = a, *y = b;

	if (x->collector != y->collector)
		return x->collector < y->collector ? -1 : 1;
	if (x->first_ts != y->first_ts)
		return x->first_ts < y->first_ts ? -1 : 1;
	if (x->rib != y->rib)
		return x->rib ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* ---- decoding into batches ---- */

static void
on_elem(void *arg, const struct mrt_elem *e)
{
	struct batch *b = arg;
	struct tl_elem *c;

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : FEED_BATCH + 1024;
		b->e = xreallocarray(b->e, b->cap, sizeof(*b->e));
	}
	c = &b->e[b->n++];
	memset(c, 0, sizeof(*c));
	c->ts = e->rec->ts;
	c->kind = (uint8_t)e->kind;
	c->peer_ip = e->peer_ip;
	c->peer_as = e->peer_as;
	c->prefix = e->prefix;
	c->path_id = e->has_path_id ? e->path_id : 0;
	c->old_state = e->old_state;
	c->new_state = e->new_state;
	c->has_attrs = e->attrs != NULL;
	c->word = (uint32_t)b->nw;
	if (e->attrs != NULL) {
		const struct as_path *p = &e->attrs->path;
		size_t need = 0, s;

		for (s = 0; s < p->nseg; s++)
			need += 1 + p->segs[s].count;
		if (b->nw + need > b->wcap) {
			b->wcap = (b->nw + need) * 2;
			b->w = xreallocarray(b->w, b->wcap, sizeof(*b->w));
		}
		for (s = 0; s < p->nseg; s++) {
			b->w[b->nw++] = (uint32_t)p->segs[s].type << 16 |
			    p->segs[s].count;
			memcpy(b->w + b->nw, p->segs[s].asns,
			    p->segs[s].count * sizeof(uint32_t));
			b->nw += p->segs[s].count;
		}
		c->nword = (uint32_t)(b->nw - c->word);
	}
}

/* Decode records into b until it is about full; false at the end. */
static bool
dec_fill(struct dec *d, struct batch *b)
{
	struct mrt_record rec;
	size_t n0, i;

	b->n = 0;
	b->nw = 0;
	while (b->n < FEED_BATCH && b->nw < FEED_WORDS) {
		if (mrt_next(d->f, &rec) != 1)
			return b->n > 0;
		n0 = b->n;
		mrt_decode(d->f, &rec, on_elem, b);
		for (i = n0; i < b->n; i++)
			tl_elem_hash(&b->e[i], d->collector, b->w);
		b->records = mrt_file_stats(d->f)->records;
		b->raw = reader_raw_offset(d->r);
	}
	return true;
}

/* Open src for decoding; false with f->err set. */
static bool
dec_open(struct dec *d, struct ffile *f)
{
	memset(d, 0, sizeof(*d));
	d->collector = f->collector;
	d->r = reader_open(f->src->path, f->err, sizeof(f->err));
	if (d->r == NULL) {
		f->failed = true;
		return false;
	}
	d->f = mrt_file_new(d->r, f->src->path);
	return true;
}

/* Stats and the damage message of a finished file, then close it. */
static void
dec_close(struct dec *d, struct ffile *f)
{
	const char *ferr;

	if (d->f == NULL)
		return;
	f->st = xmalloc(sizeof(*f->st));
	*f->st = *mrt_file_stats(d->f);
	if ((ferr = mrt_file_error(d->f)) != NULL)
		snprintf(f->err, sizeof(f->err), "%s", ferr);
	mrt_file_free(d->f);
	d->f = NULL;
}

static void
batch_free(struct batch *b)
{
	while (b != NULL) {
		struct batch *next = b->next;

		free(b->e);
		free(b->w);
		free(b);
		b = next;
	}
}

/* A recycled or new batch; call with the lock held when threaded. */
static struct batch *
batch_get(struct feed *fd)
{
	struct batch *b = fd->free;

	if (b == NULL)
		return xcalloc(1, sizeof(*b));
	fd->free = b->next;
	b->next = NULL;
	return b;
}

static void *
worker(void *arg)
{
	struct feed *fd = arg;

	for (;;) {
		struct ffile *f;
		struct batch *b;
		struct dec d;
		bool ok;

		pthread_mutex_lock(&fd->mu);
		if (fd->abort || fd->next == fd->nfiles) {
			pthread_mutex_unlock(&fd->mu);
			return NULL;
		}
		f = &fd->files[fd->next++];
		pthread_mutex_unlock(&fd->mu);

		ok = dec_open(&d, f);
		while (ok) {
			pthread_mutex_lock(&fd->mu);
			b = batch_get(fd);
			pthread_mutex_unlock(&fd->mu);
			if (!dec_fill(&d, b)) {
				pthread_mutex_lock(&fd->mu);
				b->next = fd->free;
				fd->free = b;
				pthread_mutex_unlock(&fd->mu);
				break;
			}
			pthread_mutex_lock(&fd->mu);
			while (f->queued >= FEED_QUEUE && !fd->abort)
				pthread_cond_wait(&fd->room, &fd->mu);
			if (fd->abort) {
				pthread_mutex_unlock(&fd->mu);
				batch_free(b);
				break;
			}
			if (f->tail != NULL)
				f->tail->next = b;
			else
				f->head = b;
			f->tail = b;
			f->queued++;
			pthread_cond_broadcast(&fd->more);
			pthread_mutex_unlock(&fd->mu);
		}
		pthread_mutex_lock(&fd->mu);
		dec_close(&d, f);
		f->done = true;
		pthread_cond_broadcast(&fd->more);
		pthread_mutex_unlock(&fd->mu);
	}
}

/* The next batch of file f from the workers, or NULL when it is done. */
static struct batch *
take(struct feed *fd, struct ffile *f)
{
	struct batch *b;

	pthread_mutex_lock(&fd->mu);
	while (f->head == NULL && !f->done)
		pthread_cond_wait(&fd->more, &fd->mu);
	b = f->head;
	if (b != NULL) {
		f->head = b->next;
		if (f->head == NULL)
			f->tail = NULL;
		b->next = NULL;
		f->queued--;
		pthread_cond_broadcast(&fd->room);
	}
	pthread_mutex_unlock(&fd->mu);
	return b;
}

static void
give_back(struct feed *fd, struct batch *b, bool threaded)
{
	if (threaded)
		pthread_mutex_lock(&fd->mu);
	b->next = fd->free;
	fd->free = b;
	if (threaded)
		pthread_mutex_unlock(&fd->mu);
}

unsigned
feed_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > FEED_THREADS ? FEED_THREADS : (unsigned)n;
}

/* Collector numbers in order of first appearance, and the file order. */
static struct ffile *
order_files(const struct source *src, size_t nsrc, char ***names_out,
    size_t *nnames_out)
{
	struct ffile *ord = xcalloc(nsrc ? nsrc : 1, sizeof(*ord));
	char **names = *names_out;
	size_t nnames = *nnames_out, i, j;

	for (i = 0; i < nsrc; i++) {
		const char *c = src[i].collector ? src[i].collector : "bgp";

		for (j = 0; j < nnames; j++)
			if (strcmp(names[j], c) == 0)
				break;
		if (j == nnames) {
			names = xreallocarray(names, nnames + 1,
			    sizeof(*names));
			names[nnames++] = xstrdup(c);
		}
		ord[i].src = &src[i];
		ord[i].collector = (uint32_t)j;
		ord[i].seq = i;
		peek_first(&ord[i]);
	}
	qsort(ord, nsrc, sizeof(*ord), order_cmp);
	*names_out = names;
	*nnames_out = nnames;
	return ord;
}

int
feed_mrt(const struct source *src, size_t nsrc, unsigned threads,
    struct progress *pg, feed_fn *fn, feed_done_fn *done, void *ctx,
    char ***names, size_t *nnames, char *err, size_t errlen)
{
	struct feed fd;
	pthread_t tid[FEED_THREADS];
	size_t nworkers = 0, i;
	int rc = 0;

	memset(&fd, 0, sizeof(fd));
	fd.files = order_files(src, nsrc, names, nnames);
	fd.nfiles = nsrc;
	pthread_mutex_init(&fd.mu, NULL);
	pthread_cond_init(&fd.more, NULL);
	pthread_cond_init(&fd.room, NULL);

	if (threads > FEED_THREADS)
		threads = FEED_THREADS;
	/* The calling thread consumes; the others decode. */
	for (i = 0; threads > 1 && i + 1 < threads && i < nsrc; i++) {
		if (pthread_create(&tid[i], NULL, worker, &fd) != 0)
			break;
		nworkers++;
	}
	for (i = 0; i < nsrc && rc == 0; i++) {
		struct ffile *f = &fd.files[i];
		struct batch *b;
		struct dec d;
		bool open = false;

		progress_source(pg, (*names)[f->collector], f->src->path, i + 1,
		    nsrc);
		if (nworkers == 0)
			open = dec_open(&d, f);
		for (;;) {
			if (nworkers > 0)
				b = take(&fd, f);
			else {
				b = batch_get(&fd);
				if (!open || !dec_fill(&d, b)) {
					give_back(&fd, b, false);
					b = NULL;
				}
			}
			if (b == NULL)
				break;
			fn(ctx, f->collector, b->e, b->n, b->w);
			progress_update(pg, b->raw, b->records);
			give_back(&fd, b, nworkers > 0);
		}
		if (nworkers == 0 && open)
			dec_close(&d, f);
		if (f->failed) {
			snprintf(err, errlen, "%s", f->err);
			rc = -1;
			break;
		}
		if (f->err[0] != '\0')
			log_warnx("%s", f->err);
		done(ctx, f->st);
		free(f->st);
		f->st = NULL;
	}

	pthread_mutex_lock(&fd.mu);
	fd.abort = true;
	pthread_cond_broadcast(&fd.room);
	pthread_mutex_unlock(&fd.mu);
	for (i = 0; i < nworkers; i++)
		pthread_join(tid[i], NULL);
	for (i = 0; i < nsrc; i++) {
		batch_free(fd.files[i].head);
		free(fd.files[i].st);
	}
	batch_free(fd.free);
	pthread_cond_destroy(&fd.room);
	pthread_cond_destroy(&fd.more);
	pthread_mutex_destroy(&fd.mu);
	free(fd.files);
	return rc;
}
