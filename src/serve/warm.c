/*
 * The warm-up thread of `manrs serve` (http_warm in http.h): renders the
 * answers the warm function names into the answer cache when the server
 * starts and whenever the store's generation moves, with its own
 * connection, below the workers' priority, while they keep answering.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"
#include "base/xmalloc.h"
#include "serve/cache.h"
#include "serve/http_int.h"
#include "store/stmts.h"

/* The thread's nice value: below the workers'. */
#define WARM_NICE	10
/* How often (s) it looks for a change of the store when idle. */
#define WARM_POLL	1
/* Answers between two looks at whether the cache is full. */
#define WARM_CHECK	256

struct warm {
	struct http_server	*srv;
	http_warm_fn		 fn;
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	bool			 stop;
	atomic_uint_fast64_t	 warm_gen;	/* warm generation + 1 */
	atomic_uint_fast64_t	 passes, rendered;
};

struct paths {
	char	**v;
	size_t	  n, cap;
};

static void
paths_add(void *arg, const char *path)
{
	struct paths *p = arg;

	if (p->n == p->cap) {
		p->cap = p->cap == 0 ? 1024 : 2 * p->cap;
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	p->v[p->n++] = xstrdup(path);
}

static bool
stopping(struct warm *w)
{
	bool stop;

	pthread_mutex_lock(&w->mu);
	stop = w->stop;
	pthread_mutex_unlock(&w->mu);
	return stop;
}

static uint64_t
evictions(struct warm *w)
{
	struct cache_stats cs;

	cache_stats(http_cache(w->srv), &cs);
	return cs.evicted;
}

/*
 * One pass over the paths the warm function names, at generation gen
 * (read before any answer is rendered, so every answer is at least that
 * new): false when the store changed or the server stops before it ends.
 * A full cache ends it early: it would only push out answers just made.
 */
static bool
pass(struct warm *w, struct http_request *rq, uint64_t gen)
{
	struct paths p = { 0 };
	uint64_t evicted = evictions(w);
	size_t i;
	bool done = true;

	w->fn(rq, paths_add, &p);
	stmt_cache_idle(rq->stmts);
	for (i = 0; i < p.n; i++) {
		if (stopping(w) || http_gen(w->srv) != gen) {
			done = false;
			break;
		}
		if (http_fill(w->srv, rq, p.v[i], gen))
			atomic_fetch_add(&w->rendered, 1);
		if (i % WARM_CHECK == WARM_CHECK - 1 &&
		    evictions(w) != evicted) {
			log_info("serve: the answer cache is full after %zu of "
			    "%zu warm-up answers (--cache-size)", i + 1, p.n);
			break;
		}
	}
	for (i = 0; i < p.n; i++)
		free(p.v[i]);
	free(p.v);
	return done;
}

static void *
warm_main(void *arg)
{
	struct warm *w = arg;
	struct http_request rq;
	struct timespec until;
	uint64_t gen;

	/* Linux: a thread's own nice value. */
	if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid),
	    WARM_NICE) != 0)
		log_info("serve: warm-up runs at the workers' priority");
	while (!stopping(w)) {
		if (http_thread_request(w->srv, &rq) &&
		    http_store_gen(&rq, &gen) &&
		    atomic_load(&w->warm_gen) != gen + 1 &&
		    pass(w, &rq, gen)) {
			atomic_store(&w->warm_gen, gen + 1);
			atomic_fetch_add(&w->passes, 1);
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += WARM_POLL;
		pthread_mutex_lock(&w->mu);
		if (!w->stop)
			pthread_cond_timedwait(&w->cv, &w->mu, &until);
		pthread_mutex_unlock(&w->mu);
	}
	return NULL;
}

struct warm *
warm_start(struct http_server *srv, http_warm_fn fn)
{
	struct warm *w = xcalloc(1, sizeof(*w));

	w->srv = srv;
	w->fn = fn;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	if (pthread_create(&w->thread, NULL, warm_main, w) != 0) {
		log_warnx("serve: no warm-up thread: answers are made when "
		    "first asked for");
		pthread_mutex_destroy(&w->mu);
		pthread_cond_destroy(&w->cv);
		free(w);
		return NULL;
	}
	return w;
}

void
warm_stop(struct warm *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}

void
warm_metrics(struct warm *w, uint64_t gen, struct outbuf *ob)
{
	http_metric(ob, "manrs_cache_warm", "gauge", "1 when the warm-up has "
	    "rendered every answer it names for the store as it is now.",
	    atomic_load(&w->warm_gen) == gen + 1);
	http_metric(ob, "manrs_cache_warm_passes", "counter", "Warm-up passes "
	    "completed (one at start, one after each change of the store).",
	    atomic_load(&w->passes));
	http_metric(ob, "manrs_cache_warm_rendered", "counter", "Answers the "
	    "warm-up rendered into the cache.", atomic_load(&w->rendered));
}
