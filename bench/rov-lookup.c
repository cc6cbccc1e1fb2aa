/*
 * rov-lookup: time route origin validation of a route list against a VRP
 * list with manrs' trie (src/rpki/rov.h) or RTRlib's pfx_table, for
 * bench/rov.sh.  Both engines get the same input, read by the same code
 * before any clock starts, and write the state of every route (valid,
 * invalid, not-found; one a line, in input order) so the outputs can be
 * compared with cmp.
 *
 * The load phase (building the table from VRPs already in memory) and
 * the lookup phase (every route once, a pass) are timed apart, in CPU
 * time of the one thread; the lookup figure is the best of --passes
 * passes.  Memory is
 * the heap growth of the load phase as glibc's mallinfo2() counts it
 * (what the allocator handed out, its own headers included), and for
 * manrs also rov_memory().
 *
 * usage: rov-lookup --engine manrs|rtrlib --vrps F --routes F
 *                   [--passes N] [--out F]
 */
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rtrlib/rtrlib.h>

#include "base/xmalloc.h"
#include "formats/vrp.h"
#include "net/asn.h"
#include "rpki/rov.h"

struct route {
	struct prefix	p;
	uint32_t	asn;
};

static void
die(const char *what, const char *arg)
{
	fprintf(stderr, "rov-lookup: %s: %s\n", what, arg);
	exit(1);
}

/*
 * CPU time of this thread, not wall time: the machine is shared, and a
 * pass preempted by someone else's job would count their time as ours.
 */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t
heap_used(void)
{
	struct mallinfo2 m = mallinfo2();

	return m.uordblks + m.hblkhd;
}

/* "PREFIX ASN" lines; a bad one is fatal (gen-rov wrote them). */
static struct route *
read_routes(const char *path, size_t *np)
{
	struct route *r = NULL;
	size_t n = 0, cap = 0, lsz = 0, lineno = 0;
	char *line = NULL;
	ssize_t len;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL)
		die("cannot open", path);
	while ((len = getline(&line, &lsz, fp)) > 0) {
		char *sp = strchr(line, ' ');
		const char *why;

		lineno++;
		if (n == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			r = xreallocarray(r, cap, sizeof(*r));
		}
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (sp == NULL || !prefix_parse(line, (size_t)(sp - line),
		    &r[n].p, &why) || !asn_parse(sp + 1, strlen(sp + 1),
		    &r[n].asn, &why)) {
			fprintf(stderr, "rov-lookup: %s: line %zu: bad route\n",
			    path, lineno);
			exit(1);
		}
		n++;
	}
	free(line);
	fclose(fp);
	*np = n;
	return r;
}

static void
to_lrtr(const struct prefix *p, struct lrtr_ip_addr *a)
{
	unsigned i;

	memset(a, 0, sizeof(*a));
	if (p->afi == AFI_IPV4) {
		a->ver = LRTR_IPV4;
		a->u.addr4.addr = (uint32_t)p->b[0] << 24 |
		    (uint32_t)p->b[1] << 16 | (uint32_t)p->b[2] << 8 | p->b[3];
		return;
	}
	a->ver = LRTR_IPV6;
	for (i = 0; i < 4; i++)
		a->u.addr6.addr[i] = (uint32_t)p->b[4 * i] << 24 |
		    (uint32_t)p->b[4 * i + 1] << 16 |
		    (uint32_t)p->b[4 * i + 2] << 8 | p->b[4 * i + 3];
}

static const char *const state_name[] = { "valid", "invalid", "not-found" };
enum { S_VALID, S_INVALID, S_NOT_FOUND };

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "engine", required_argument, NULL, 'e' },
		{ "vrps", required_argument, NULL, 'V' },
		{ "routes", required_argument, NULL, 'r' },
		{ "passes", required_argument, NULL, 'p' },
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *engine = NULL, *vpath = NULL, *rpath = NULL, *out = NULL;
	struct vrp_set set;
	struct vrp_errors err;
	struct route *r;
	struct rov *rov = NULL;
	struct pfx_table pt;
	struct lrtr_ip_addr *la = NULL;
	uint8_t *st;
	size_t nr, i, heap0, heap, dups = 0, cnt[3] = { 0, 0, 0 };
	double t0, load, best = 1e30;
	int ch, passes = 3, p, rtr;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'e':
			engine = optarg;
			break;
		case 'V':
			vpath = optarg;
			break;
		case 'r':
			rpath = optarg;
			break;
		case 'p':
			passes = (int)strtol(optarg, NULL, 10);
			if (passes < 1 || passes > 1000)
				goto usage;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (engine == NULL || vpath == NULL || rpath == NULL || optind != argc)
		goto usage;
	if (strcmp(engine, "rtrlib") == 0)
		rtr = 1;
	else if (strcmp(engine, "manrs") == 0)
		rtr = 0;
	else
		goto usage;

	vrp_set_init(&set);
	memset(&err, 0, sizeof(err));
	if (vrp_read(vpath, &set, &err) != 0 || err.total > 0)
		die("bad VRP file", vpath);
	r = read_routes(rpath, &nr);
	st = xmalloc(nr ? nr : 1);
	if (rtr) {
		/* RTRlib's own address type, made before the clock starts. */
		la = xreallocarray(NULL, nr ? nr : 1, sizeof(*la));
		for (i = 0; i < nr; i++)
			to_lrtr(&r[i].p, &la[i]);
	}

	heap0 = heap_used();
	t0 = now();
	if (rtr) {
		pfx_table_init(&pt, NULL);
		for (i = 0; i < set.nvrps; i++) {
			struct pfx_record rec;

			memset(&rec, 0, sizeof(rec));
			rec.asn = set.vrps[i].asn;
			to_lrtr(&set.vrps[i].pfx, &rec.prefix);
			rec.min_len = set.vrps[i].pfx.len;
			rec.max_len = set.vrps[i].maxlen;
			switch (pfx_table_add(&pt, &rec)) {
			case PFX_SUCCESS:
				break;
			case PFX_DUPLICATE_RECORD:
				dups++;
				break;
			default:
				die("pfx_table_add failed", vpath);
			}
		}
	} else {
		rov = rov_build(set.vrps, set.nvrps);
		dups = rov_duplicates(rov);
	}
	load = now() - t0;
	heap = heap_used() - heap0;

	for (p = 0; p < passes; p++) {
		double t;

		t0 = now();
		if (rtr) {
			for (i = 0; i < nr; i++) {
				enum pfxv_state s;

				if (pfx_table_validate(&pt, r[i].asn, &la[i],
				    r[i].p.len, &s) != PFX_SUCCESS)
					die("pfx_table_validate failed", rpath);
				st[i] = s == BGP_PFXV_STATE_VALID ? S_VALID :
				    s == BGP_PFXV_STATE_INVALID ? S_INVALID :
				    S_NOT_FOUND;
			}
		} else {
			for (i = 0; i < nr; i++) {
				enum rov_state s = rov_validate(rov, &r[i].p,
				    r[i].asn, NULL);

				st[i] = s == ROV_VALID ? S_VALID :
				    s == ROV_INVALID ? S_INVALID : S_NOT_FOUND;
			}
		}
		t = now() - t0;
		if (t < best)
			best = t;
	}

	for (i = 0; i < nr; i++)
		cnt[st[i]]++;
	if (out != NULL) {
		FILE *fp = fopen(out, "w");

		if (fp == NULL)
			die("cannot create", out);
		for (i = 0; i < nr; i++)
			fprintf(fp, "%s\n", state_name[st[i]]);
		if (fclose(fp) != 0)
			die("write error", out);
	}
	printf("engine %s\nvrps %zu\nduplicates %zu\nroutes %zu\n"
	    "valid %zu\ninvalid %zu\nnot_found %zu\nload_s %.3f\n"
	    "lookup_s %.4f\nlookups_per_s %.0f\nheap_bytes %zu\n"
	    "heap_bytes_per_vrp %.1f\n", engine, set.nvrps - dups, dups, nr,
	    cnt[S_VALID], cnt[S_INVALID], cnt[S_NOT_FOUND], load, best,
	    nr / best, heap, (double)heap / (double)(set.nvrps - dups));
	if (rov != NULL)
		printf("trie_bytes %zu\ntrie_bytes_per_vrp %.1f\n",
		    rov_memory(rov), (double)rov_memory(rov) /
		    (double)rov_count(rov));
	if (rtr)
		pfx_table_free(&pt);
	rov_free(rov);
	vrp_set_free(&set);
	free(la);
	free(st);
	free(r);
	return 0;

usage:
	fprintf(stderr, "usage: rov-lookup --engine manrs|rtrlib --vrps F "
	    "--routes F [--passes N] [--out F]\n");
	return 2;
}
