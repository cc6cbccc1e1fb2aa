/*
 * Reader tests.  Data made here is compressed by the real gzip, bzip2, xz
 * and zstd tools, then read back with random peek and consume sizes and
 * compared byte for byte with the original; the tools are also the
 * oracle for the real captures in ../shared/data/mrt.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <netinet/in.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io/reader.h"

/* Sanitizers add shadow memory: the RSS bound is loose under them. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif
#ifndef UNDER_SANITIZER
#define UNDER_SANITIZER 0
#endif

#define RAND_LEN	(5u * 1024 * 1024 + 4321)
#define TEXT_LEN	(8u * 1024 * 1024 + 77)
#define ZERO_LEN	100000000u
#define MAX_PEEK	(200u * 1024)

static char	 dir[64];
static uint8_t	*rand_data, *text_data;
static bool	 have_tools;

static const char *const exts[] = { "gz", "bz2", "xz", "zst" };
static const enum reader_format fmts[] = {
	READER_GZIP, READER_BZIP2, READER_XZ, READER_ZSTD,
};
static const char *const tools[] = {
	"gzip -c", "bzip2 -c", "xz -c", "zstd -q -c",
};

static uint64_t rng;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

/* Run a shell command; its exit status, or -1. */
static int run(const char *, ...) __attribute__((format(printf, 1, 2)));

static int
run(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static void
path(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

static void
put_file(const char *name, const void *p, size_t n)
{
	char pa[256];
	FILE *f;

	path(pa, sizeof(pa), name);
	f = fopen(pa, "wb");
	assert_non_null(f);
	if (n > 0)
		assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static uint8_t *
slurp(const char *pa, size_t *len)
{
	FILE *f = fopen(pa, "rb");
	uint8_t *b = NULL;
	size_t cap = 0, n = 0, got;

	assert_non_null(f);
	do {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			b = realloc(b, cap);
			assert_non_null(b);
		}
		got = fread(b + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	*len = n;
	return b;
}

static off_t
file_size(const char *name)
{
	char pa[256];
	struct stat st;

	path(pa, sizeof(pa), name);
	assert_int_equal(stat(pa, &st), 0);
	return st.st_size;
}

static struct reader *
open_in(const char *name)
{
	char pa[256], err[512];
	struct reader *r;

	path(pa, sizeof(pa), name);
	err[0] = '\0';
	r = reader_open(pa, err, sizeof(err));
	if (r == NULL)
		fail_msg("reader_open %s: %s", pa, err);
	return r;
}

static size_t
pick_need(void)
{
	switch (rnd() % 16) {
	case 0:
	case 1:
	case 2:
		return rnd() % MAX_PEEK + 1;
	case 3:
		/* Rarely more than a chunk, to span several. */
		return rnd() % 8 == 0 ? 1536 * 1024 + rnd() % 4096 : 12;
	case 4:
		return 0;
	case 5:
	case 6:
	case 7:
	case 8:
		return rnd() % 4096 + 1;
	default:
		return rnd() % 64 + 1;
	}
}

/*
 * Read everything with random peeks and consumes.  Each peek must give
 * at least `need` bytes unless the data has ended, and (when expect is
 * not NULL) every byte seen must equal expect[] at its offset from
 * here.  Returns the number of bytes delivered.
 */
static size_t
drain(struct reader *r, const uint8_t *expect, size_t explen, uint64_t seed)
{
	const uint8_t *p;
	size_t off = 0, need, got, cmp, n;
	uint64_t raw = 0, base = reader_offset(r);

	rng = seed;
	for (;;) {
		need = pick_need();
		got = reader_peek(r, need, &p);
		assert_int_equal(reader_offset(r), base + off);
		assert_true(reader_raw_offset(r) >= raw);
		raw = reader_raw_offset(r);
		if (expect != NULL) {
			assert_true(got <= explen - off);
			cmp = got < need ? got : need;
			if (rnd() % 32 == 0)
				cmp = got;
			assert_memory_equal(p, expect + off, cmp);
		}
		if (got < need) {
			/* The end: the same bytes again, then nothing. */
			assert_int_equal(reader_peek(r, need, &p), got);
			reader_consume(r, got);
			off += got;
			assert_int_equal(reader_peek(r, 1, &p), 0);
			assert_int_equal(reader_offset(r), base + off);
			return off;
		}
		switch (rnd() % 8) {
		case 0:
			n = 0;
			break;
		case 1:
			n = got;
			break;
		default:
			n = need ? rnd() % need + 1 : 0;
			break;
		}
		reader_consume(r, n);
		off += n;
	}
}

/* Read a file made here; must be the given format, clean, and == expect. */
static void
check_file(const char *name, enum reader_format fmt, const uint8_t *expect,
    size_t len, uint64_t seed)
{
	struct reader *r = open_in(name);

	assert_int_equal(reader_format(r), fmt);
	assert_int_equal(drain(r, expect, len, seed), len);
	if (reader_error(r) != NULL)
		fail_msg("%s: unexpected error: %s", name, reader_error(r));
	assert_int_equal(reader_raw_offset(r), (uint64_t)file_size(name));
	reader_close(r);
}

static void
compress(const char *src, int tool, const char *dst)
{
	assert_int_equal(run("cd %s && %s %s > %s", dir, tools[tool], src,
	    dst), 0);
}

static int
setup(void **state)
{
	char *line;
	size_t i, n;
	int t;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/manrs-test-reader.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	have_tools = run("(command -v gzip && command -v bzip2 && "
	    "command -v xz && command -v zstd) >/dev/null") == 0;

	rand_data = malloc(RAND_LEN);
	text_data = malloc(TEXT_LEN + 256);
	if (rand_data == NULL || text_data == NULL)
		return -1;
	rng = 0x9e3779b97f4a7c15ull;
	for (i = 0; i < RAND_LEN; i++)
		rand_data[i] = (uint8_t)rnd();
	/* Compressible: lines like a bgpdump RIB, from the same generator. */
	for (n = 0; n < TEXT_LEN; n += (size_t)t) {
		line = (char *)text_data + n;
		t = snprintf(line, 256, "TABLE_DUMP2|%u|B|192.0.2.%u|%u|"
		    "10.%u.%u.0/24|3356 %u %u|IGP\n", 1400000000 + (unsigned)n,
		    rnd() % 8, 64496 + rnd() % 8, rnd() % 256, rnd() % 256,
		    rnd() % 4000, rnd() % 65536);
	}
	put_file("rand", rand_data, RAND_LEN);
	put_file("text", text_data, TEXT_LEN);
	if (!have_tools)
		return 0;
	for (t = 0; t < 4; t++) {
		char cmd[512];

		snprintf(cmd, sizeof(cmd), "cd %s && %s rand > rand.%s && "
		    "%s text > text.%s && %s < /dev/null > empty.%s && "
		    "head -c %u /dev/zero | %s -1 > zero.%s", dir,
		    tools[t], exts[t], tools[t], exts[t], tools[t], exts[t],
		    ZERO_LEN, tools[t], exts[t]);
		if (system(cmd) != 0)
			return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	if (dir[0] != '\0')
		run("rm -rf %s", dir);
	free(rand_data);
	free(text_data);
	return 0;
}

#define NEED_TOOLS() do {						\
	if (!have_tools) {						\
		printf("# gzip, bzip2, xz or zstd missing: skipped\n");	\
		skip();							\
	}								\
} while (0)

static void
test_plain(void **state)
{
	(void)state;
	check_file("rand", READER_PLAIN, rand_data, RAND_LEN, 1);
	check_file("text", READER_PLAIN, text_data, TEXT_LEN, 2);
}

static void
test_each_format(void **state)
{
	char name[64];
	int t;

	(void)state;
	NEED_TOOLS();
	for (t = 0; t < 4; t++) {
		snprintf(name, sizeof(name), "rand.%s", exts[t]);
		check_file(name, fmts[t], rand_data, RAND_LEN, 10 + t);
		snprintf(name, sizeof(name), "text.%s", exts[t]);
		check_file(name, fmts[t], text_data, TEXT_LEN, 20 + t);
	}
}

/* Sequential whole-record reading, the way the MRT parser reads. */
static void
test_record_walk(void **state)
{
	const uint8_t *p;
	struct reader *r;
	size_t off = 0, len;
	int t;

	(void)state;
	NEED_TOOLS();
	for (t = 0; t < 4; t++) {
		char name[64];

		snprintf(name, sizeof(name), "text.%s", exts[t]);
		r = open_in(name);
		rng = 99;
		off = 0;
		for (;;) {
			size_t need = 12 + rnd() % 70000;

			len = reader_peek(r, need + 12, &p);
			if (len < need + 12) {
				assert_int_equal(len, TEXT_LEN - off);
				break;
			}
			assert_memory_equal(p, text_data + off, need + 12);
			reader_consume(r, need);
			off += need;
		}
		assert_null(reader_error(r));
		reader_close(r);
	}
}

/* The format comes from the bytes, never from the name. */
static void
test_magic_not_name(void **state)
{
	(void)state;
	NEED_TOOLS();
	assert_int_equal(run("cd %s && cp rand.gz m-rand.txt && "
	    "cp text.bz2 m-text.gz && cp rand.xz m-rand.zst && "
	    "cp text.zst m-text.xz && cp rand m-rand.bz2", dir), 0);
	check_file("m-rand.txt", READER_GZIP, rand_data, RAND_LEN, 30);
	check_file("m-text.gz", READER_BZIP2, text_data, TEXT_LEN, 31);
	check_file("m-rand.zst", READER_XZ, rand_data, RAND_LEN, 32);
	check_file("m-text.xz", READER_ZSTD, text_data, TEXT_LEN, 33);
	check_file("m-rand.bz2", READER_PLAIN, rand_data, RAND_LEN, 34);
}

/*
 * Concatenated members and streams, with an empty one in the middle, as
 * RIS, RouteViews, pigz and `cat a.gz b.gz` produce.
 */
static void
test_concatenated(void **state)
{
	char name[64];
	size_t cut = 3000001;
	int t;

	(void)state;
	NEED_TOOLS();
	put_file("part1", rand_data, cut);
	put_file("part2", rand_data + cut, RAND_LEN - cut);
	for (t = 0; t < 4; t++) {
		compress("part1", t, "part1.c");
		compress("part2", t, "part2.c");
		snprintf(name, sizeof(name), "cat.%s", exts[t]);
		assert_int_equal(run("cd %s && cat part1.c empty.%s part2.c "
		    "empty.%s > %s", dir, exts[t], exts[t], name), 0);
		check_file(name, fmts[t], rand_data, RAND_LEN, 40 + t);
	}
}

/* Many small gzip members, one per ~100 KiB, as a chunked writer makes. */
static void
test_many_gzip_members(void **state)
{
	size_t off, n;
	int i = 0;

	(void)state;
	NEED_TOOLS();
	assert_int_equal(run("rm -f %s/many.gz", dir), 0);
	for (off = 0; off < TEXT_LEN; off += n, i++) {
		n = 100000 + (size_t)i * 37;
		if (n > TEXT_LEN - off)
			n = TEXT_LEN - off;
		put_file("piece", text_data + off, n);
		assert_int_equal(run("cd %s && gzip -c -1 piece >> many.gz",
		    dir), 0);
	}
	check_file("many.gz", READER_GZIP, text_data, TEXT_LEN, 50);
}

/* Cut a compressed file; what comes out must be a prefix, then an error. */
static void
check_truncated(const char *src, int t, size_t keep, const uint8_t *data,
    size_t len)
{
	char pa[256], name[64];
	struct reader *r;
	const char *e;
	size_t got;

	path(pa, sizeof(pa), src);
	snprintf(name, sizeof(name), "cut.%s", exts[t]);
	assert_int_equal(run("head -c %zu %s > %s/%s", keep, pa, dir, name),
	    0);
	r = open_in(name);
	assert_int_equal(reader_format(r), fmts[t]);
	got = drain(r, data, len, 60 + (uint64_t)t);
	assert_true(got <= len);
	e = reader_error(r);
	assert_non_null(e);
	if (strstr(e, "truncated") == NULL)
		fail_msg("%s cut at %zu: %s", src, keep, e);
	assert_non_null(strstr(e, exts[t][0] == 'z' ? "zstd" :
	    exts[t][0] == 'g' ? "gzip" : exts[t][0] == 'b' ? "bzip2" : "xz"));
	reader_close(r);
}

static void
test_truncated(void **state)
{
	char name[64];
	int t;

	(void)state;
	NEED_TOOLS();
	for (t = 0; t < 4; t++) {
		struct reader *r;
		size_t got;

		snprintf(name, sizeof(name), "rand.%s", exts[t]);
		check_truncated(name, t, (size_t)file_size(name) / 2,
		    rand_data, RAND_LEN);
		snprintf(name, sizeof(name), "text.%s", exts[t]);
		check_truncated(name, t, (size_t)file_size(name) / 2,
		    text_data, TEXT_LEN);
		check_truncated(name, t, (size_t)file_size(name) - 1,
		    text_data, TEXT_LEN);
		/* Only the magic (and a little more). */
		check_truncated(name, t, t == 2 ? 6 : 4, text_data,
		    TEXT_LEN);

		/* Half way, bytes must have come out before the error. */
		snprintf(name, sizeof(name), "text.%s", exts[t]);
		assert_int_equal(run("head -c %lld %s/%s > %s/half",
		    (long long)file_size(name) / 2, dir, name, dir), 0);
		r = open_in("half");
		got = drain(r, text_data, TEXT_LEN, 70);
		assert_true(got > 0 && got < TEXT_LEN);
		assert_non_null(reader_error(r));
		printf("# %s cut in half: %zu bytes, then: %s\n", exts[t],
		    got, reader_error(r));
		reader_close(r);
	}
	/* A second gzip member cut after its first byte. */
	assert_int_equal(run("cd %s && cat rand.gz > cut1.gz && "
	    "head -c 1 text.gz >> cut1.gz", dir), 0);
	{
		struct reader *r = open_in("cut1.gz");

		assert_int_equal(drain(r, rand_data, RAND_LEN, 71), RAND_LEN);
		assert_non_null(reader_error(r));
		assert_non_null(strstr(reader_error(r), "truncated"));
		reader_close(r);
	}
}

/* Damage in the middle: an error, never a silent success. */
static void
test_corrupt(void **state)
{
	char name[64], pa[256];
	int t, k;

	(void)state;
	NEED_TOOLS();
	for (t = 0; t < 4; t++) {
		for (k = 0; k < 2; k++) {
			struct reader *r;
			uint8_t *b;
			size_t len;

			snprintf(name, sizeof(name), "%s.%s",
			    k ? "text" : "rand", exts[t]);
			path(pa, sizeof(pa), name);
			b = slurp(pa, &len);
			b[len / 2] ^= 0x55;
			b[len / 2 + 1] ^= 0xa0;
			put_file("bad", b, len);
			free(b);
			r = open_in("bad");
			(void)drain(r, NULL, 0, 80);
			if (reader_error(r) == NULL)
				fail_msg("%s: damage not reported", name);
			printf("# %s damaged: %s\n", name, reader_error(r));
			reader_close(r);
		}
	}
}

static void
test_empty(void **state)
{
	const uint8_t *p;
	struct reader *r;
	char name[64];
	int t;

	(void)state;
	put_file("nothing", "", 0);
	r = open_in("nothing");
	assert_int_equal(reader_format(r), READER_PLAIN);
	assert_int_equal(reader_peek(r, 1, &p), 0);
	assert_int_equal(reader_peek(r, 100000, &p), 0);
	assert_null(reader_error(r));
	assert_int_equal(reader_offset(r), 0);
	assert_int_equal(reader_raw_offset(r), 0);
	reader_close(r);

	/* Shorter than any magic, and a magic's first byte alone. */
	put_file("one", "\x1f", 1);
	r = open_in("one");
	assert_int_equal(reader_format(r), READER_PLAIN);
	assert_int_equal(reader_peek(r, 2, &p), 1);
	assert_int_equal(p[0], 0x1f);
	reader_close(r);

	NEED_TOOLS();
	for (t = 0; t < 4; t++) {
		snprintf(name, sizeof(name), "empty.%s", exts[t]);
		r = open_in(name);
		assert_int_equal(reader_format(r), fmts[t]);
		assert_int_equal(reader_peek(r, 1, &p), 0);
		assert_null(reader_error(r));
		reader_close(r);
	}
}

/* Bytes after the last member: all data first, then a report. */
static void
test_trailing_garbage(void **state)
{
	char name[64];
	int t;

	(void)state;
	NEED_TOOLS();
	for (t = 0; t < 4; t++) {
		struct reader *r;

		snprintf(name, sizeof(name), "junk.%s", exts[t]);
		assert_int_equal(run("cd %s && cat rand.%s > %s && "
		    "printf 'garbage after the end\\n' >> %s", dir, exts[t],
		    name, name), 0);
		r = open_in(name);
		assert_int_equal(drain(r, rand_data, RAND_LEN, 90 + t),
		    RAND_LEN);
		assert_non_null(reader_error(r));
		printf("# %s: %s\n", name, reader_error(r));
		assert_non_null(strstr(reader_error(r), "trailing garbage"));
		reader_close(r);
	}
	/* xz stream padding is legal in fours, and nothing else is. */
	assert_int_equal(run("cd %s && cat rand.xz > pad.xz && "
	    "head -c 8 /dev/zero >> pad.xz && cat empty.xz >> pad.xz && "
	    "head -c 4 /dev/zero >> pad.xz && head -c 7 pad.xz > "
	    "badpad.xz && cat rand.xz > badpad.xz && head -c 3 /dev/zero "
	    ">> badpad.xz", dir), 0);
	check_file("pad.xz", READER_XZ, rand_data, RAND_LEN, 95);
	{
		struct reader *r = open_in("badpad.xz");

		assert_int_equal(drain(r, rand_data, RAND_LEN, 96), RAND_LEN);
		assert_non_null(reader_error(r));
		assert_non_null(strstr(reader_error(r), "padding"));
		reader_close(r);
	}
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Stop after the first bytes of a large file: the decoder is blocked on
 * a full queue and must be woken and joined.  alarm() turns a hang into
 * a failure.
 */
static void
test_early_close(void **state)
{
	const uint8_t *p;
	char name[64];
	double t0;
	int t, i;

	(void)state;
	NEED_TOOLS();
	alarm(120);
	for (t = 0; t < 4; t++) {
		struct reader *r;

		snprintf(name, sizeof(name), "zero.%s", exts[t]);
		r = open_in(name);
		assert_true(reader_peek(r, 100, &p) >= 100);
		assert_int_equal(p[0], 0);
		reader_consume(r, 10);
		/* Let the decoder fill the queue and block. */
		usleep(100000);
		t0 = now();
		reader_close(r);
		assert_true(now() - t0 < 2.0);

		/* Close at every stage: before, during and after a peek. */
		for (i = 0; i < 30; i++) {
			r = open_in(name);
			if (i % 3 == 1)
				(void)reader_peek(r, (size_t)i * 50000, &p);
			if (i % 3 == 2)
				usleep((useconds_t)i * 300);
			reader_close(r);
		}
	}
	alarm(0);
}

/* A pipe whose writer never finishes: close must not wait for it. */
static void
test_close_blocked_pipe(void **state)
{
	char pa[256], err[256];
	uint8_t *gz;
	size_t len;
	struct reader *r;
	int pfd[2];
	double t0;

	(void)state;
	NEED_TOOLS();
	alarm(60);
	path(pa, sizeof(pa), "text.gz");
	gz = slurp(pa, &len);
	assert_int_equal(pipe(pfd), 0);
	/* Enough for the magic and a few chunks, far from all of it. */
	assert_int_equal(write(pfd[1], gz, 32768), 32768);
	r = reader_fdopen(pfd[0], "pipe", err, sizeof(err));
	assert_non_null(r);
	assert_int_equal(reader_format(r), READER_GZIP);
	usleep(50000);
	t0 = now();
	reader_close(r);
	assert_true(now() - t0 < 2.0);
	close(pfd[1]);
	free(gz);
	alarm(0);
}

/* "-" is standard input, and closing the reader leaves fd 0 open. */
static void
test_stdin_and_pipes(void **state)
{
	char pa[256], err[256], cmd[300];
	struct reader *r;
	FILE *fp;
	int saved, fd;

	(void)state;
	NEED_TOOLS();
	path(pa, sizeof(pa), "text.bz2");
	saved = dup(STDIN_FILENO);
	assert_true(saved >= 0);
	fd = open(pa, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
	r = reader_open("-", err, sizeof(err));
	assert_non_null(r);
	assert_int_equal(reader_format(r), READER_BZIP2);
	assert_int_equal(drain(r, text_data, TEXT_LEN, 100), TEXT_LEN);
	assert_null(reader_error(r));
	reader_close(r);
	assert_true(fcntl(STDIN_FILENO, F_GETFD) != -1);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);

	/* Through pipes: short reads, compressed and plain. */
	path(pa, sizeof(pa), "rand.zst");
	snprintf(cmd, sizeof(cmd), "cat %s", pa);
	fp = popen(cmd, "r");
	assert_non_null(fp);
	r = reader_fdopen(dup(fileno(fp)), "pipe", err, sizeof(err));
	assert_non_null(r);
	assert_int_equal(reader_format(r), READER_ZSTD);
	assert_int_equal(drain(r, rand_data, RAND_LEN, 101), RAND_LEN);
	assert_null(reader_error(r));
	reader_close(r);
	pclose(fp);

	path(pa, sizeof(pa), "text");
	snprintf(cmd, sizeof(cmd), "cat %s", pa);
	fp = popen(cmd, "r");
	assert_non_null(fp);
	r = reader_fdopen(dup(fileno(fp)), "pipe", err, sizeof(err));
	assert_non_null(r);
	assert_int_equal(reader_format(r), READER_PLAIN);
	assert_int_equal(drain(r, text_data, TEXT_LEN, 102), TEXT_LEN);
	assert_null(reader_error(r));
	reader_close(r);
	pclose(fp);
}

/*
 * A read error in the middle: a TCP peer that resets the connection
 * after sending part of a file.  Linux hands over the queued bytes, then
 * ECONNRESET.
 */
static struct reader *
reset_after(const uint8_t *data, size_t len)
{
	struct sockaddr_in sin;
	socklen_t slen = sizeof(sin);
	struct linger lg = { 1, 0 };
	struct reader *r;
	char err[256];
	int l, c, s;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true((l = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	assert_int_equal(bind(l, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(listen(l, 1), 0);
	assert_int_equal(getsockname(l, (struct sockaddr *)&sin, &slen), 0);
	assert_true((c = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	assert_int_equal(connect(c, (struct sockaddr *)&sin, sizeof(sin)),
	    0);
	assert_true((s = accept(l, NULL, NULL)) >= 0);
	close(l);
	assert_int_equal(write(c, data, len), (ssize_t)len);
	assert_int_equal(setsockopt(c, SOL_SOCKET, SO_LINGER, &lg,
	    sizeof(lg)), 0);
	close(c);
	r = reader_fdopen(s, "socket", err, sizeof(err));
	if (r == NULL)
		fail_msg("%s", err);
	return r;
}

static void
test_read_error(void **state)
{
	char pa[256];
	struct reader *r;
	uint8_t *gz;
	size_t len, got;

	(void)state;
	alarm(60);
	r = reset_after(text_data, 60000);
	assert_int_equal(reader_format(r), READER_PLAIN);
	assert_int_equal(drain(r, text_data, TEXT_LEN, 120), 60000);
	assert_non_null(reader_error(r));
	printf("# plain: %s\n", reader_error(r));
	assert_non_null(strstr(reader_error(r), "read error"));
	assert_non_null(strstr(reader_error(r), strerror(ECONNRESET)));
	reader_close(r);

	if (!have_tools)
		goto out;
	path(pa, sizeof(pa), "text.gz");
	gz = slurp(pa, &len);
	r = reset_after(gz, 60000);
	assert_int_equal(reader_format(r), READER_GZIP);
	got = drain(r, text_data, TEXT_LEN, 121);
	assert_true(got > 0 && got < TEXT_LEN);
	assert_non_null(reader_error(r));
	printf("# gzip: %s\n", reader_error(r));
	assert_non_null(strstr(reader_error(r),
	    "read error after 60000 compressed bytes"));
	assert_non_null(strstr(reader_error(r), strerror(ECONNRESET)));
	reader_close(r);
	free(gz);
out:
	alarm(0);
}

static void
test_open_errors(void **state)
{
	char err[256], pa[256];

	(void)state;
	path(pa, sizeof(pa), "does-not-exist");
	err[0] = '\0';
	assert_null(reader_open(pa, err, sizeof(err)));
	assert_non_null(strstr(err, "does-not-exist"));
	assert_non_null(strstr(err, strerror(ENOENT)));
	/* A directory opens, but reading it fails. */
	err[0] = '\0';
	assert_null(reader_open(dir, err, sizeof(err)));
	assert_non_null(strstr(err, "read error"));
	reader_close(NULL);
}

/* A line "Key:   N kB" of /proc/self/status, in KiB; -1 if absent. */
static long
proc_status_kb(const char *key)
{
	char line[256];
	size_t klen = strlen(key);
	long v = -1;
	FILE *f;

	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
			v = strtol(line + klen + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/*
 * The --rss-child mode of this binary: read a file to the end in a fresh
 * process and print its peak RSS (VmHWM, KiB), so that what is measured
 * is the reader and not the test data.
 */
static int
rss_child(const char *file)
{
	char err[512];
	struct reader *r;
	const uint8_t *p;
	size_t got;
	bool ok;

	if ((r = reader_open(file, err, sizeof(err))) == NULL)
		return 2;
	rng = 5;
	while ((got = reader_peek(r, 1 + rnd() % 65536, &p)) > 0)
		reader_consume(r, got);
	ok = reader_error(r) == NULL;
	reader_close(r);
	printf("%ld\n", proc_status_kb("VmHWM"));
	return ok ? 0 : 3;
}

static const char *argv0;

/* Peak RSS in KiB of `argv0 --rss-child file`; -1 if unknown. */
static long
child_peak_rss(const char *file)
{
	char cmd[1024], line[64];
	long kb = -1;
	FILE *fp;

	snprintf(cmd, sizeof(cmd), "'%s' --rss-child '%s'", argv0, file);
	fp = popen(cmd, "r");
	assert_non_null(fp);
	if (fgets(line, sizeof(line), fp) != NULL)
		kb = strtol(line, NULL, 10);
	assert_int_equal(pclose(fp), 0);
	return kb;
}

/*
 * Peak memory stays bounded, whatever the length of the stream: 100 MB
 * decompressed from each format, in a fresh process, compared with the
 * same process reading an empty file.
 */
static void
test_memory_bounded(void **state)
{
	long limit_kb = UNDER_SANITIZER ? 256 * 1024 : 16 * 1024;
	long base, peak;
	char pa[256];
	int t;

	(void)state;
	NEED_TOOLS();
	path(pa, sizeof(pa), "nothing");
	put_file("nothing", "", 0);
	if ((base = child_peak_rss(pa)) < 0) {
		printf("# no /proc/self/status: peak RSS not measured\n");
		skip();
	}
	for (t = 0; t < 4; t++) {
		char name[64];

		snprintf(name, sizeof(name), "zero.%s", exts[t]);
		path(pa, sizeof(pa), name);
		peak = child_peak_rss(pa);
		printf("# %s: 100 MB read, peak RSS %ld KiB (%ld KiB for an "
		    "empty file)\n", name, peak, base);
		assert_true(peak - base < limit_kb);
	}
}

static const char *
shared_mrt_dir(void)
{
	static const char *const dirs[] = {
		"../shared/data/mrt", "/work/shared/data/mrt",
	};
	const char *env = getenv("MANRS_SHARED_MRT");
	size_t i;

	if (env != NULL && access(env, R_OK) == 0)
		return env;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (access(dirs[i], R_OK) == 0)
			return dirs[i];
	return NULL;
}

/*
 * Read a real file and compare with the tool's output.  When the tool
 * succeeds the bytes must be identical and the reader quiet.  When it
 * fails, its output must be a prefix of ours: bzip2(1) writes in pieces
 * of 5000 bytes and drops the last piece decoded before the error, the
 * reader delivers every decoded byte.  Returns a copy of the reader's
 * error or NULL.
 */
static const char *
check_against_tool(const char *file, const char *tool, size_t *extra)
{
	static char errcopy[512];
	char out[256], err[512];
	struct reader *r;
	uint8_t *want;
	size_t len, got;
	int st;

	path(out, sizeof(out), "tool.out");
	st = run("%s '%s' > %s 2>/dev/null", tool, file, out);
	want = slurp(out, &len);
	r = reader_open(file, err, sizeof(err));
	if (r == NULL)
		fail_msg("%s", err);
	if (st == 0) {
		if (drain(r, want, len, 110) != len)
			fail_msg("%s: reader gave fewer bytes than `%s`",
			    file, tool);
		if (reader_error(r) != NULL)
			fail_msg("%s: `%s` is happy, reader says: %s", file,
			    tool, reader_error(r));
		*extra = 0;
	} else {
		const uint8_t *p;

		got = reader_peek(r, len, &p);
		assert_int_equal(got, len);
		assert_memory_equal(p, want, len);
		reader_consume(r, len);
		*extra = drain(r, NULL, 0, 111);
		if (reader_error(r) == NULL)
			fail_msg("%s: `%s` exit %d, reader: no error", file,
			    tool, st);
	}
	errcopy[0] = '\0';
	if (reader_error(r) != NULL)
		snprintf(errcopy, sizeof(errcopy), "%s", reader_error(r));
	reader_close(r);
	free(want);
	return errcopy[0] ? errcopy : NULL;
}

static void
test_real_truncated_bz2(void **state)
{
	const char *d = shared_mrt_dir(), *e;
	char file[512];
	size_t extra;

	(void)state;
	if (d != NULL)
		snprintf(file, sizeof(file),
		    "%s/pyasn_rib.20140523.0600_firstMB.bz2", d);
	if (d == NULL || access(file, R_OK) != 0) {
		printf("# pyasn_rib.20140523.0600_firstMB.bz2 absent: "
		    "skipped\n");
		skip();
	}
	NEED_TOOLS();
	e = check_against_tool(file, "bzip2 -dc", &extra);
	assert_non_null(e);
	printf("# %s; %zu bytes more than bzip2 -dc writes\n", e, extra);
	assert_true(extra < 5000);
	assert_non_null(strstr(e, "bzip2 stream truncated"));
	assert_non_null(strstr(e, "after 1048576 compressed bytes"));
}

/* Every real capture: the same bytes as gzip -dc / bzip2 -dc / cat. */
static void
test_real_files(void **state)
{
	const char *d = shared_mrt_dir();
	struct dirent *de;
	DIR *dp;
	int n = 0;

	(void)state;
	if (d == NULL) {
		printf("# ../shared/data/mrt absent: skipped\n");
		skip();
	}
	NEED_TOOLS();
	assert_non_null(dp = opendir(d));
	while ((de = readdir(dp)) != NULL) {
		const char *tool, *e, *dot = strrchr(de->d_name, '.');
		char file[512];
		size_t extra;

		if (de->d_name[0] == '.' || dot == NULL)
			continue;
		if (strcmp(dot, ".gz") == 0)
			tool = "gzip -dc";
		else if (strcmp(dot, ".bz2") == 0)
			tool = "bzip2 -dc";
		else if (strcmp(dot, ".mrt") == 0)
			tool = "cat";
		else
			continue;
		snprintf(file, sizeof(file), "%s/%s", d, de->d_name);
		e = check_against_tool(file, tool, &extra);
		if (e != NULL)
			printf("# %s: %s\n", de->d_name, e);
		n++;
	}
	closedir(dp);
	printf("# %d real files match their tools\n", n);
	assert_true(n > 0);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_each_format),
		cmocka_unit_test(test_record_walk),
		cmocka_unit_test(test_magic_not_name),
		cmocka_unit_test(test_concatenated),
		cmocka_unit_test(test_many_gzip_members),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_corrupt),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_trailing_garbage),
		cmocka_unit_test(test_early_close),
		cmocka_unit_test(test_close_blocked_pipe),
		cmocka_unit_test(test_stdin_and_pipes),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_memory_bounded),
		cmocka_unit_test(test_real_truncated_bz2),
		cmocka_unit_test(test_real_files),
	};

	if (argc == 3 && strcmp(argv[1], "--rss-child") == 0)
		return rss_child(argv[2]);
	argv0 = argv[0];
	return cmocka_run_group_tests(tests, setup, teardown);
}
