/*
 * manrs roa-history build: add dated VRP snapshots to a history store.
 * Sources are FILE@YYYY-MM-DD or directories laid out as the RIPE NCC
 * archive is, ROOT/YYYY/MM/DD/roas.csv (compressed or not).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/xmalloc.h"
#include "cli.h"
#include "formats/vrp.h"
#include "rpki/history.h"

/* Snapshot files one build may name (directories included). */
#define MAX_SNAPSHOT_FILES	(1u << 20)

struct snapfile {
	uint32_t	 day;
	char		*path;
};

struct build {
	struct snapfile	*f;
	size_t		 n, cap;
	bool		 overflow;
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs roa-history build --store FILE [--strict] [-v]\n"
	    "                               DIR|FILE@YYYY-MM-DD...\n"
	    "\n"
	    "Adds daily VRP snapshots to the history store FILE (created if\n"
	    "it does not exist).  A source is a VRP file with its day,\n"
	    "FILE@YYYY-MM-DD, or a directory laid out as the RIPE NCC archive\n"
	    "is: DIR/YYYY/MM/DD/roas.csv, plain or compressed (roas.csv.gz,\n"
	    ".bz2, .xz, .zst; the content decides).  Every VRP format manrs\n"
	    "rov reads is accepted.  Files of the same day (one archive per\n"
	    "trust anchor, say) are merged into that day's snapshot.\n"
	    "\n"
	    "Days are added in order: days the store already has are skipped,\n"
	    "so the same command can be run every day over a growing archive.\n"
	    "A day before the store's last day that it does not have cannot\n"
	    "be inserted and is reported.  A file that cannot be read to its\n"
	    "end leaves its day out (a gap, not a day without VRPs).  The\n"
	    "store is written to a temporary file and renamed over FILE.\n"
	    "\n"
	    "  --store FILE  the history store\n"
	    "  --strict      exit 1 also if a VRP record was rejected or a day\n"
	    "                came too late to insert\n"
	    "  -v            say more on stderr (per day; twice: every VRP\n"
	    "                rejected)\n"
	    "\n"
	    "Exit status: 0 on success, 1 if a source or the store could not\n"
	    "be read or written (days that could be read are still added),\n"
	    "2 on a usage error.\n");
}

static void
add_file(struct build *b, uint32_t day, const char *path)
{
	if (b->n == MAX_SNAPSHOT_FILES) {
		b->overflow = true;
		return;
	}
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 512;
		b->f = xreallocarray(b->f, b->cap, sizeof(*b->f));
	}
	b->f[b->n].day = day;
	b->f[b->n++].path = xstrdup(path);
}

/* A directory entry of n decimal digits, as a number. */
static bool
numeric(const char *s, size_t n, unsigned *v)
{
	size_t i;

	if (strlen(s) != n)
		return false;
	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (unsigned)(s[i] - '0');
	}
	return true;
}

static bool
is_roas(const char *name)
{
	static const char *const names[] = { "roas.csv", "roas.csv.gz",
	    "roas.csv.bz2", "roas.csv.xz", "roas.csv.zst" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/*
 * Walk one level of ROOT/YYYY/MM/DD: depth 0 is the year, 1 the month,
 * 2 the day, 3 the files.  Returns false if a directory was unreadable.
 */
static bool
walk(struct build *b, const char *dir, unsigned depth, unsigned ymd[3])
{
	static const size_t width[3] = { 4, 2, 2 };
	struct dirent *e;
	DIR *d = opendir(dir);
	bool ok = true;

	if (d == NULL) {
		log_warnx("%s: %s", dir, strerror(errno));
		return false;
	}
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		int n = snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		uint32_t day;

		if (e->d_name[0] == '.' || n < 0 || (size_t)n >= sizeof(path))
			continue;
		if (depth == 3) {
			if (!is_roas(e->d_name))
				continue;
			if (!history_day_from_ymd(ymd[0], ymd[1], ymd[2],
			    &day)) {
				log_warnx("%s: not a date, skipped", path);
				continue;
			}
			add_file(b, day, path);
		} else if (numeric(e->d_name, width[depth], &ymd[depth])) {
			struct stat st;

			if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
			    !walk(b, path, depth + 1, ymd))
				ok = false;
		}
	}
	closedir(d);
	return ok;
}

/* FILE@YYYY-MM-DD or a directory; false (after saying why) if neither. */
static bool
add_source(struct build *b, const char *arg)
{
	const char *at = strrchr(arg, '@'), *why;
	struct stat st;
	unsigned ymd[3];
	uint32_t day;
	char *path;

	if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
		size_t before = b->n;
		bool ok = walk(b, arg, 0, ymd);

		if (b->n == before)
			log_warnx("%s: no YYYY/MM/DD/roas.csv files", arg);
		return ok;
	}
	if (at == NULL) {
		log_warnx("%s: not a directory, and no @YYYY-MM-DD", arg);
		return false;
	}
	if (!history_day_parse(at + 1, strlen(at + 1), &day, &why)) {
		log_warnx("%s: bad day '%s': %s", arg, at + 1, why);
		return false;
	}
	path = xstrdup(arg);
	path[at - arg] = '\0';
	add_file(b, day, path);
	free(path);
	return true;
}

static int
snapfile_cmp(const void *a, const void *b)
{
	const struct snapfile *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return strcmp(x->path, y->path);
}

/* Read the files of one day into set; false if any could not be read. */
static bool
read_day(const struct snapfile *f, size_t n, struct vrp_set *set,
    uint64_t *rejected)
{
	size_t i;
	bool ok = true;

	for (i = 0; i < n; i++) {
		struct vrp_errors err;
		unsigned r;

		memset(&err, 0, sizeof(err));
		if (vrp_read(f[i].path, set, &err) != 0) {
			log_warnx("%s", err.fatal);
			ok = false;
		}
		for (r = 0; r < VRP_REJ_MAX; r++)
			if (err.rejected[r] > 0)
				log_warnx("%s: rejected %llu: %s", f[i].path,
				    (unsigned long long)err.rejected[r],
				    vrp_reject_str((enum vrp_reject)r));
		*rejected += err.total;
	}
	return ok;
}

int
cmd_roa_history_build(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "store", required_argument, NULL, 'S' },
		{ "strict", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char err[HISTORY_ERRLEN], d1[HISTORY_DAY_STRLEN];
	const char *store = NULL;
	struct build b;
	struct history *h;
	struct stat st;
	uint64_t rejected = 0, added = 0, had = 0, late = 0, unreadable = 0;
	bool strict = false, failed = false;
	size_t i, j;
	int ch, rc = 0;

	memset(&b, 0, sizeof(b));
	while ((ch = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'S':
			store = optarg;
			break;
		case 's':
			strict = true;
			break;
		case 'v':
			log_verbose++;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (store == NULL || optind == argc) {
		fprintf(stderr, "manrs roa-history build: %s\n", store == NULL ?
		    "no --store" : "no snapshot to add");
		usage(stderr);
		return 2;
	}
	if (stat(store, &st) == 0) {
		if ((h = history_load(store, err, sizeof(err))) == NULL) {
			log_warnx("%s (not overwritten)", err);
			return 1;
		}
	} else
		h = history_new();
	for (; optind < argc; optind++)
		if (!add_source(&b, argv[optind]))
			failed = true;
	if (b.overflow) {
		log_warnx("more than %u snapshot files; the rest are ignored",
		    MAX_SNAPSHOT_FILES);
		failed = true;
	}
	qsort(b.f, b.n, sizeof(*b.f), snapfile_cmp);
	for (i = 0; i < b.n; i = j) {
		size_t nd = history_ndays(h);
		uint32_t snap, day = b.f[i].day;
		struct vrp_set set;

		for (j = i; j < b.n && b.f[j].day == day; j++)
			;
		history_day_fmt(day, d1);
		if (nd > 0 && day <= history_day(h, (uint32_t)nd - 1)) {
			if (history_snapshot(h, day, 0, &snap) ==
			    HISTORY_EXACT)
				had++;
			else {
				log_warnx("%s: %s is before the store's last "
				    "day and not in it; cannot insert",
				    b.f[i].path, d1);
				late++;
			}
			continue;
		}
		vrp_set_init(&set);
		if (!read_day(&b.f[i], j - i, &set, &rejected)) {
			log_warnx("%s: left out (a gap) since a file could "
			    "not be read", d1);
			unreadable++;
		} else if (history_add_day(h, day, set.vrps, set.nvrps, err,
		    sizeof(err)) != 0) {
			log_warnx("%s: %s", d1, err);
			unreadable++;
		} else {
			log_info("%s: %zu VRPs from %zu file(s)", d1,
			    set.nvrps, j - i);
			added++;
		}
		vrp_set_free(&set);
	}
	if (added > 0 && history_save(h, store, err, sizeof(err)) != 0) {
		log_warnx("%s", err);
		rc = 1;
	}
	fprintf(stderr, "manrs roa-history: %llu days added, %llu already "
	    "in the store, %llu too early to insert, %llu left out; %llu VRP "
	    "records rejected; store %zu days, %zu VRPs, %llu runs\n",
	    (unsigned long long)added, (unsigned long long)had,
	    (unsigned long long)late, (unsigned long long)unreadable,
	    (unsigned long long)rejected, history_ndays(h), history_nvrps(h),
	    (unsigned long long)history_nruns(h));
	for (i = 0; i < b.n; i++)
		free(b.f[i].path);
	free(b.f);
	history_free(h);
	if (failed || unreadable > 0 || (strict && (rejected > 0 || late > 0)))
		rc = 1;
	return rc;
}
