/*
 * manrs serve: the JSON API, web UI, TAXII feed and /metrics over HTTP,
 * from the store that `manrs observe` fills.
 */
#include <getopt.h>
#include <glob.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "cli.h"
#include "irr/index.h"
#include "report/geo.h"
#include "report/lookup.h"
#include "rpki/history.h"
#include "serve/cache.h"
#include "serve/data.h"
#include "serve/http.h"
#include "serve/routes.h"
#include "store/store.h"

#define MAX_RIR_FILES	16

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs serve [--db FILE] [--listen ADDR:PORT] [--threads N]\n"
	    "                   [--cache-size SIZE] [--data DIR] [--rir FILE]\n"
	    "                   [--roa-history FILE]\n"
	    "\n"
	    "Serve the observatory's results over HTTP: the JSON API under\n"
	    "/api/v1/ (its OpenAPI document at /api/v1/openapi.json) and\n"
	    "OpenMetrics at /metrics.  Reads are public; writes (disputes,\n"
	    "participants) need an API token from 'manrs token create', sent as\n"
	    "'Authorization: Bearer manrs_...', and go to the store's audit log.\n"
	    "\n"
	    "  --db FILE           the store (default: $MANRS_DB or manrs.db);\n"
	    "                      each worker reads it with its own read-only\n"
	    "                      connection, so 'manrs observe' may run beside\n"
	    "  --listen ADDR:PORT  where to listen (default 127.0.0.1:8080;\n"
	    "                      [::1]:8080 for IPv6; port 0 picks a free one)\n"
	    "  --threads N         worker threads (default 4)\n"
	    "  --cache-size SIZE   memory for ready answers (default %lluM;\n"
	    "                      K, M, G suffixes; 0 turns the cache off):\n"
	    "                      public /api/ GET answers are kept until\n"
	    "                      the store changes (another program's\n"
	    "                      commit is seen within %d ms), least\n"
	    "                      recently used out first\n"
	    "  --data DIR          the data directory, laid out as for 'manrs\n"
	    "                      observe': its VRPs (the newest file of\n"
	    "                      rpki/), IRR dumps (irr/), registries (rir/)\n"
	    "                      and PeeringDB (peeringdb/) answer the IRR\n"
	    "                      comparison route; without --rir, its\n"
	    "                      rir/delegated-*-extended* files are read\n"
	    "  --rir FILE          RIR delegated-extended stats (repeatable, one\n"
	    "                      per RIR): region and country filters and\n"
	    "                      stats; without them those answer 400\n"
	    "  --roa-history FILE  a 'manrs roa-history build' file for the ROA\n"
	    "                      history route; without it that answers 404\n"
	    "\n"
	    "It prints the address it listens on, then serves until SIGINT or\n"
	    "SIGTERM, when it stops accepting, finishes the requests under way\n"
	    "and exits 0.  Connections idle for %u s are closed; a request's\n"
	    "body may hold %u bytes, its queries run %u ms.\n"
	    "\n"
	    "Exit status: 0 after a signal, 1 when the store cannot be opened\n"
	    "or the address cannot be bound, 2 on a usage error.\n",
	    (unsigned long long)(HTTP_CACHE_BYTES >> 20), HTTP_STALE_MS,
	    HTTP_IDLE_TIMEOUT,
	    MAX_HTTP_BODY, HTTP_QUERY_MS);
}

/* "512M", "2G", "65536": bytes, with binary K, M, G; false if not. */
static bool
parse_size(const char *s, size_t *out)
{
	unsigned long long v;
	char *end;
	unsigned shift = 0;

	if (*s < '0' || *s > '9')
		return false;
	v = strtoull(s, &end, 10);
	if (*end != '\0') {
		switch (*end) {
		case 'K': case 'k': shift = 10; break;
		case 'M': case 'm': shift = 20; break;
		case 'G': case 'g': shift = 30; break;
		default: return false;
		}
		if (end[1] != '\0')
			return false;
	}
	if (v > (SIZE_MAX >> shift) || v > (MAX_HTTP_CACHE >> shift))
		return false;
	*out = (size_t)(v << shift);
	return true;
}

/* RIR stats and ROA history, when given; false after a message. */
static bool
load_data(struct serve_data *data, const char **rir, size_t nrir,
    const char *histpath, glob_t *g, struct geo **geo, struct history **hist)
{
	const char *found[MAX_RIR_FILES];
	char err[512], pat[4096];
	size_t i;

	if (nrir == 0 && data->data_dir != NULL) {
		snprintf(pat, sizeof(pat), "%s/rir/delegated-*-extended*",
		    data->data_dir);
		if (glob(pat, 0, NULL, g) == 0) {
			for (i = 0; i < g->gl_pathc && i < MAX_RIR_FILES; i++)
				found[i] = g->gl_pathv[i];
			rir = found;
			nrir = i;
		}
	}
	if (nrir > 0) {
		if ((*geo = geo_load(rir, nrir, err, sizeof(err))) == NULL) {
			fprintf(stderr, "manrs serve: %s\n", err);
			return false;
		}
		data->geo = *geo;
	}
	if (histpath != NULL) {
		if ((*hist = history_load(histpath, err, sizeof(err))) ==
		    NULL) {
			fprintf(stderr, "manrs serve: %s\n", err);
			geo_free(*geo);
			return false;
		}
		data->roa_history = *hist;
	}
	return true;
}

int
cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "cache-size", required_argument, NULL, 'c' },
		{ "data", required_argument, NULL, 'D' },
		{ "rir", required_argument, NULL, 'r' },
		{ "rir-stats", required_argument, NULL, 'r' },
		{ "roa-history", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct http_config cfg = { .listen = "127.0.0.1:8080", .threads = 4,
	    .cache_bytes = HTTP_CACHE_BYTES };
	struct serve_data data;
	const char *rir[MAX_RIR_FILES];
	size_t nrir = 0;
	struct geo *geo = NULL;
	struct history *hist = NULL;
	struct lookup_data lookup;
	const char *histpath = NULL;
	glob_t g = { 0 };
	struct http_server *srv;
	struct store *s;
	const char *db = NULL;
	char err[512], *end;
	sigset_t set;
	long v;
	int c, sig;

	memset(&data, 0, sizeof(data));
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'l': cfg.listen = optarg; break;
		case 't':
			v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || v < 1 ||
			    v > (long)MAX_HTTP_THREADS) {
				fprintf(stderr, "manrs serve: --threads %s: "
				    "expected 1..%u\n", optarg,
				    MAX_HTTP_THREADS);
				return 2;
			}
			cfg.threads = (unsigned)v;
			break;
		case 'c':
			if (!parse_size(optarg, &cfg.cache_bytes)) {
				fprintf(stderr, "manrs serve: --cache-size "
				    "%s: expected bytes up to %lluG, with K, "
				    "M or G (e.g. 512M)\n", optarg,
				    (unsigned long long)(MAX_HTTP_CACHE >> 30));
				return 2;
			}
			break;
		case 'D': data.data_dir = optarg; break;
		case 'r':
			if (nrir == MAX_RIR_FILES) {
				fprintf(stderr, "manrs serve: more than %d "
				    "--rir files\n", MAX_RIR_FILES);
				return 2;
			}
			rir[nrir++] = optarg;
			break;
		case 'R': histpath = optarg; break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "manrs serve: unexpected argument '%s'\n",
		    argv[optind]);
		return 2;
	}
	/* Bring the schema up to date once; the workers only read. */
	if ((s = cli_store_existing("serve", db)) == NULL)
		return 1;
	store_close(s);
	cfg.db_path = cli_db_path(db);
	cfg.data = &data;
	if (!load_data(&data, rir, nrir, histpath, &g, &geo, &hist))
		return 1;
	if (data.data_dir != NULL) {
		size_t n;

		if (!lookup_data_load(&lookup, data.data_dir, err,
		    sizeof(err))) {
			fprintf(stderr, "manrs serve: %s\n", err);
			geo_free(geo);
			history_free(hist);
			globfree(&g);
			return 1;
		}
		/* Built on first use: build it now, before the threads. */
		if (lookup.irr != NULL)
			(void)irr_index_by_origin(lookup.irr, 0, &n);
		data.lookup = &lookup;
	}

	/* Workers inherit the blocked signals; this thread waits for them. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if ((srv = http_new(&cfg, err, sizeof(err))) == NULL) {
		fprintf(stderr, "manrs serve: %s\n", err);
		return 1;
	}
	http_routes(srv, api_routes);
	http_routes(srv, metrics_routes);
	http_routes(srv, taxii_routes);
	http_routes(srv, ui_routes);
	http_warm(srv, api_warm);
	if (!http_start(srv, err, sizeof(err))) {
		fprintf(stderr, "manrs serve: %s\n", err);
		http_free(srv);
		geo_free(geo);
		history_free(hist);
		globfree(&g);
		if (data.lookup != NULL)
			lookup_data_free(&lookup);
		return 1;
	}
	printf("manrs serve: listening on port %u (%s), %u threads\n",
	    http_port(srv), cfg.listen, cfg.threads);
	fflush(stdout);
	sigwait(&set, &sig);
	fprintf(stderr, "manrs serve: %s, stopping\n",
	    sig == SIGINT ? "SIGINT" : "SIGTERM");
	http_free(srv);
	geo_free(geo);
	history_free(hist);
	globfree(&g);
	if (data.lookup != NULL)
		lookup_data_free(&lookup);
	return 0;
}
