/* Progress on a terminal (see progress.h). */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/progress.h"
#include "base/xmalloc.h"

enum { REDRAW_NS = 100000000 };	/* ten redraws a second at most */

struct progress {
	FILE			*fp;
	pthread_mutex_t		 mu;
	struct progress_task	 t;
	char			 stage[64], kind[32], name[256], unit[32];
	double			 stage_start, source_start, last_draw;
	uint64_t		 done_bytes, done_items;	/* finished sources */
	uint64_t		 sources;	/* begun in this stage */
	bool			 in_stage, drawn;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Three significant digits with an SI prefix: "812", "1.50 k", "23.4 M". */
static char *
fmt_si(char *buf, size_t len, double v, const char *unit)
{
	static const char pfx[] = " kMGTPE";
	size_t i = 0;

	if (!isfinite(v) || v < 0) {
		snprintf(buf, len, "?");
		return buf;
	}
	while (v >= 999.5 && i + 1 < sizeof(pfx) - 1) {
		v /= 1000;
		i++;
	}
	if (i == 0)
		snprintf(buf, len, "%.0f%s%s", v, *unit ? " " : "", unit);
	else
		snprintf(buf, len, v < 9.995 ? "%.2f %c%s" : v < 99.95 ?
		    "%.1f %c%s" : "%.0f %c%s", v, pfx[i], unit);
	return buf;
}

char *
progress_fmt_size(char *buf, size_t len, double bytes)
{
	return fmt_si(buf, len, bytes, "B");
}

char *
progress_fmt_count(char *buf, size_t len, double n)
{
	return fmt_si(buf, len, n, "");
}

char *
progress_fmt_duration(char *buf, size_t len, double s)
{
	unsigned long t;

	if (!isfinite(s) || s < 0)
		snprintf(buf, len, "?");
	else if (s < 59.95)
		snprintf(buf, len, "%.1f s", s);
	else if ((t = (unsigned long)(s + 0.5)) < 3600)
		snprintf(buf, len, "%lu:%02lu", t / 60, t % 60);
	else
		snprintf(buf, len, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60,
		    t % 60);
	return buf;
}

double
progress_eta(uint64_t done, uint64_t total, double elapsed)
{
	if (done == 0 || total == 0 || done > total || !(elapsed >= 0))
		return -1;
	return elapsed * (double)(total - done) / (double)done;
}

/* Append to buf at *o, never past len. */
static void
add(char *buf, size_t len, size_t *o, const char *fmt, const char *a,
    const char *b)
{
	int n;

	if (*o >= len)
		return;
	n = snprintf(buf + *o, len - *o, fmt, a, b);
	if (n > 0)
		*o += (size_t)n;
	if (*o >= len)
		*o = len - 1;
}

static const char *
base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : p;
}

/*
 * What comes after the file name: amounts and times, then rates; returns
 * where the rates start (they are the first to go on a narrow terminal).
 */
static size_t
render_tail(const struct progress_task *t, double elapsed, char *buf,
    size_t len)
{
	size_t core;
	char a[32], b[32], c[32];
	size_t o = 0;
	double eta = -1;

	buf[0] = '\0';
	if (t->size > 0) {
		progress_fmt_size(a, sizeof(a), (double)t->bytes);
		progress_fmt_size(b, sizeof(b), (double)t->size);
		add(buf, len, &o, "  %s/%s", a, b);
		snprintf(c, sizeof(c), "%.0f%%", t->bytes >= t->size ? 100.0 :
		    floor(100.0 * (double)t->bytes / (double)t->size));
		add(buf, len, &o, " %s%s", c, "");
		eta = progress_eta(t->bytes, t->size, elapsed);
	}
	if (t->total > 0) {
		progress_fmt_count(a, sizeof(a), (double)t->items);
		progress_fmt_count(b, sizeof(b), (double)t->total);
		add(buf, len, &o, "  %s/%s", a, b);
		if (eta < 0)
			eta = progress_eta(t->items, t->total, elapsed);
	} else if (t->items > 0)
		add(buf, len, &o, "  %s%s", progress_fmt_count(a, sizeof(a),
		    (double)t->items), "");
	if (t->items > 0 || t->total > 0)
		add(buf, len, &o, " %s%s", t->unit ? t->unit : "items", "");
	add(buf, len, &o, "  %s%s", progress_fmt_duration(a, sizeof(a),
	    elapsed), "");
	if (eta >= 0)
		add(buf, len, &o, "  ETA %s%s", progress_fmt_duration(a,
		    sizeof(a), eta), "");
	core = o;
	if (elapsed > 0.05) {
		if (t->items > 0)
			add(buf, len, &o, "  %s%s/s", progress_fmt_count(a,
			    sizeof(a), (double)t->items / elapsed), "");
		if (t->bytes > 0)
			add(buf, len, &o, "  %s/s%s", progress_fmt_size(a,
			    sizeof(a), (double)t->bytes / elapsed), "");
	}
	return core;
}

char *
progress_render(const struct progress_task *t, double elapsed, char *buf,
    size_t len, size_t width)
{
	char c[48], tail[192];
	const char *name = t->name != NULL ? base_name(t->name) : NULL;
	size_t o = 0, room, nl, core;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	add(buf, len, &o, "%s%s", t->stage ? t->stage : "", "");
	if (t->kind != NULL)
		add(buf, len, &o, " %s%s", t->kind, "");
	if (t->count > 0) {
		snprintf(c, sizeof(c), "%zu/%zu", t->index, t->count);
		add(buf, len, &o, " [%s]%s", c, "");
	}
	core = render_tail(t, elapsed, tail, sizeof(tail));
	if (name != NULL) {
		/*
		 * A long name gives way to the amounts and times (not to the
		 * rates): it keeps its end, the date and type in an archive's
		 * name, after "...".
		 */
		nl = strlen(name);
		room = width > o + core + 5 ? width - 1 - o - core - 1 : 0;
		if (width > 1 && nl > room && room >= 8)
			add(buf, len, &o, " ...%s%s", name + nl - (room - 3), "");
		else if (width <= 1 || nl <= room)
			add(buf, len, &o, " %s%s", name, "");
	}
	add(buf, len, &o, "%s%s", tail, "");
	/* A line as wide as the terminal would wrap, and \r not reach it. */
	if (width > 1 && o > width - 1)
		buf[width - 1] = '\0';
	return buf;
}

static size_t
term_width(FILE *fp)
{
	struct winsize ws;

	if (ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Wipe the status line (the caller holds the lock). */
static void
wipe(struct progress *p)
{
	if (p->drawn)
		fputs("\r\033[K", p->fp);
	p->drawn = false;
}

static void
draw(struct progress *p, double t)
{
	char line[512];

	progress_render(&p->t, t - (p->t.name ? p->source_start :
	    p->stage_start), line, sizeof(line), term_width(p->fp));
	fprintf(p->fp, "\r%s\033[K", line);
	fflush(p->fp);
	p->drawn = true;
	p->last_draw = t;
}

/* Many small files or stages must not flood the terminal either. */
static void
maybe_draw(struct progress *p, double t)
{
	if (!p->drawn || t - p->last_draw >= REDRAW_NS / 1e9)
		draw(p, t);
}

struct progress *
progress_new(FILE *fp)
{
	struct progress *p = xcalloc(1, sizeof(*p));

	p->fp = fp;
	pthread_mutex_init(&p->mu, NULL);
	return p;
}

/* Fold the current source into the stage's totals. */
static void
source_end(struct progress *p)
{
	/* A source ends read through: its size, if no update said so. */
	p->done_bytes += p->t.bytes > p->t.size ? p->t.bytes : p->t.size;
	p->done_items += p->t.items;
	p->t.bytes = p->t.size = p->t.items = 0;
	p->t.kind = p->t.name = NULL;
	p->t.index = p->t.count = 0;
}

static void
stage_end(struct progress *p)
{
	char a[32], b[32], c[32];
	double el;

	if (!p->in_stage)
		return;
	source_end(p);
	el = now() - p->stage_start;
	wipe(p);
	fprintf(p->fp, "%-16s %9s", p->stage, progress_fmt_duration(a,
	    sizeof(a), el));
	if (p->done_items > 0)
		fprintf(p->fp, "  %s %s", progress_fmt_count(b, sizeof(b),
		    (double)p->done_items), p->unit);
	else if (p->sources > 0)
		fprintf(p->fp, "  %s file%s", progress_fmt_count(b, sizeof(b),
		    (double)p->sources), p->sources == 1 ? "" : "s");
	if (p->done_items > 0 && el > 0.05)
		fprintf(p->fp, "  %s/s", progress_fmt_count(c, sizeof(c),
		    (double)p->done_items / el));
	if (p->done_bytes > 0 && el > 0.05)
		fprintf(p->fp, "  %s/s", progress_fmt_size(c, sizeof(c),
		    (double)p->done_bytes / el));
	fputc('\n', p->fp);
	fflush(p->fp);
	p->in_stage = false;
}

void
progress_free(struct progress *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	stage_end(p);
	wipe(p);
	fflush(p->fp);
	pthread_mutex_unlock(&p->mu);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

void
progress_stage(struct progress *p, const char *stage, const char *unit,
    uint64_t total)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	stage_end(p);
	snprintf(p->stage, sizeof(p->stage), "%s", stage);
	snprintf(p->unit, sizeof(p->unit), "%s", unit ? unit : "items");
	memset(&p->t, 0, sizeof(p->t));
	p->t.stage = p->stage;
	p->t.unit = p->unit;
	p->t.total = total;
	p->done_bytes = p->done_items = p->sources = 0;
	p->stage_start = p->source_start = now();
	p->in_stage = true;
	maybe_draw(p, p->stage_start);
	pthread_mutex_unlock(&p->mu);
}

void
progress_source(struct progress *p, const char *kind, const char *path,
    size_t index, size_t count)
{
	struct stat st;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	source_end(p);
	p->sources++;
	snprintf(p->kind, sizeof(p->kind), "%s", kind);
	snprintf(p->name, sizeof(p->name), "%s", path);
	p->t.kind = p->kind;
	p->t.name = p->name;
	p->t.index = index;
	p->t.count = count;
	p->t.size = stat(path, &st) == 0 && st.st_size > 0 ?
	    (uint64_t)st.st_size : 0;
	p->source_start = now();
	maybe_draw(p, p->source_start);
	pthread_mutex_unlock(&p->mu);
}

void
progress_update(struct progress *p, uint64_t bytes, uint64_t items)
{
	double t;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->t.bytes = bytes;
	p->t.items = items;
	t = now();
	maybe_draw(p, t);
	pthread_mutex_unlock(&p->mu);
}

void
progress_stage_end(struct progress *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	stage_end(p);
	pthread_mutex_unlock(&p->mu);
}
