/*
 * manrs roa-history: what the RPKI said about a prefix on a day or over
 * a range of days, from a ROA history store (rpki/history.h); "build" and
 * "info" are its subcommands.
 */
#include <sys/stat.h>

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "base/outbuf.h"
#include "base/xmalloc.h"
#include "cli.h"
#include "net/asn.h"
#include "rpki/history.h"

/* Covering VRPs listed per query. */
#define COVERING_MAX	4096
/* Calendar days one range query may span (a century). */
#define RANGE_MAX	36600u

struct query {
	const struct history	*h;
	struct outbuf		 out;
	struct prefix		 pfx;
	uint32_t		 asn, from, to;
	bool			 has_asn, range, json, nearest;
	uint32_t		 cov[COVERING_MAX];
	size_t			 ncov;
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs roa-history [--store FILE] PREFIX [--asn N]\n"
	    "                         [--at DAY [--nearest] | --from DAY --to DAY]\n"
	    "                         [--json]\n"
	    "       manrs roa-history build --store FILE DIR|FILE@DAY...\n"
	    "       manrs roa-history info [--store FILE] [--json]\n"
	    "\n"
	    "Answers from a ROA history store (made by 'build', see\n"
	    "'manrs roa-history build --help') whether PREFIX was covered by\n"
	    "VRPs, and with --asn the route origin validation state (RFC 6811)\n"
	    "of (PREFIX, N): valid, invalid (reason \"as\" or \"length\") or\n"
	    "not-found.  It lists the VRPs that covered PREFIX with the days\n"
	    "they were seen: each run of snapshots as FIRST..LAST, and the day\n"
	    "of the next snapshot without it (\"gone\"), or \"current\" if it is\n"
	    "in the newest snapshot; over a range, the runs that touch it.\n"
	    "\n"
	    "Days without a snapshot are unknown, not absences: a day in a\n"
	    "gap answers \"no-snapshot\"; with --nearest the nearest earlier\n"
	    "snapshot answers instead and the output says which day it was.\n"
	    "\n"
	    "  --store FILE  the store (default: $MANRS_ROA_HISTORY)\n"
	    "  --asn N       origin AS (65000 or AS65000) to validate\n"
	    "  --at DAY      one day, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ\n"
	    "  --nearest     with --at, use the nearest earlier snapshot in a gap\n"
	    "  --from DAY, --to DAY\n"
	    "                a range of days (default: the whole store); the\n"
	    "                state is printed per stretch of days alike\n"
	    "  --json        one JSON object\n"
	    "\n"
	    "info prints the store's days, gaps, VRPs and runs.\n"
	    "\n"
	    "Exit status: 0 on success, 1 if the store cannot be read, 2 on\n"
	    "a usage error.\n");
}

static void
put_day(struct query *q, uint32_t day)
{
	char buf[HISTORY_DAY_STRLEN];
	size_t n = history_day_fmt(day, buf);

	if (q->json)
		ob_json_str(&q->out, buf, n);
	else
		ob_write(&q->out, buf, n);
}

static void
put_prefix(struct query *q, const struct prefix *p)
{
	char buf[PREFIX_STRLEN];
	size_t n = prefix_fmt(p, buf);

	if (q->json)
		ob_json_str(&q->out, buf, n);
	else
		ob_write(&q->out, buf, n);
}

/* Does run r of a VRP touch snapshots a..b? */
static bool
run_in(const struct history_run *r, uint32_t a, uint32_t b)
{
	return r->first <= b && r->last >= a;
}

/* One covering VRP with its runs (those inside snapshots a..b). */
static void
put_vrp(struct query *q, uint32_t i, uint32_t a, uint32_t b, int present)
{
	const struct vrp *v = history_vrp(q->h, i);
	const struct history_run *r;
	size_t nr = history_runs(q->h, i, &r), k, nd = history_ndays(q->h);
	struct outbuf *ob = &q->out;
	bool first = true;

	if (q->json) {
		ob_str(ob, "{\"prefix\":");
		put_prefix(q, &v->pfx);
		ob_str(ob, ",\"maxLength\":");
		ob_u32(ob, v->maxlen);
		ob_str(ob, ",\"asn\":");
		ob_u32(ob, v->asn);
		if (present >= 0)
			ob_str(ob, present ? ",\"present\":true" :
			    ",\"present\":false");
		ob_str(ob, ",\"runs\":[");
	} else {
		ob_str(ob, "vrp ");
		put_prefix(q, &v->pfx);
		ob_str(ob, " maxlen ");
		ob_u32(ob, v->maxlen);
		ob_str(ob, " AS");
		ob_u32(ob, v->asn);
		if (present >= 0)
			ob_str(ob, present ? " present" : " absent");
		ob_char(ob, '\n');
	}
	for (k = 0; k < nr; k++) {
		bool current = r[k].last + 1 >= nd;

		if (!run_in(&r[k], a, b))
			continue;
		if (q->json) {
			ob_str(ob, first ? "{\"first\":" : ",{\"first\":");
			put_day(q, history_day(q->h, r[k].first));
			ob_str(ob, ",\"last\":");
			put_day(q, history_day(q->h, r[k].last));
			ob_str(ob, ",\"gone\":");
			if (current)
				ob_str(ob, "null");
			else
				put_day(q, history_day(q->h, r[k].last + 1));
			ob_char(ob, '}');
		} else {
			ob_str(ob, "  run ");
			put_day(q, history_day(q->h, r[k].first));
			ob_str(ob, "..");
			put_day(q, history_day(q->h, r[k].last));
			if (current)
				ob_str(ob, " current");
			else {
				ob_str(ob, " gone ");
				put_day(q, history_day(q->h, r[k].last + 1));
			}
			ob_char(ob, '\n');
		}
		first = false;
	}
	if (q->json)
		ob_str(ob, "]}");
}

/* The VRPs of q->cov with a run inside snapshots a..b. */
static void
put_vrps(struct query *q, uint32_t a, uint32_t b, uint32_t at)
{
	struct outbuf *ob = &q->out;
	size_t i, k, n = 0;

	if (q->json)
		ob_str(ob, ",\"vrps\":[");
	for (i = 0; i < q->ncov && i < COVERING_MAX; i++) {
		const struct history_run *r;
		size_t nr = history_runs(q->h, q->cov[i], &r);

		for (k = 0; k < nr && !run_in(&r[k], a, b); k++)
			;
		if (k == nr && at == UINT32_MAX)
			continue;
		if (q->json && n > 0)
			ob_char(ob, ',');
		put_vrp(q, q->cov[i], a, b, at == UINT32_MAX ? -1 :
		    history_present(q->h, q->cov[i], at));
		n++;
	}
	if (q->json)
		ob_char(ob, ']');
	if (q->ncov > COVERING_MAX) {
		if (q->json) {
			ob_str(ob, ",\"vrps_total\":");
			ob_u64(ob, q->ncov);
		} else
			log_warnx("only the first %u of %zu covering VRPs "
			    "listed", COVERING_MAX, q->ncov);
	}
}

/* State at snapshot s: "valid" etc. with --asn, else covered or not. */
static const char *
state_at(struct query *q, uint32_t s, enum rov_reason *why)
{
	size_t i;

	*why = ROV_REASON_NONE;
	if (q->has_asn)
		return rov_state_str(history_validate_snap(q->h, &q->pfx,
		    q->asn, s, why));
	for (i = 0; i < q->ncov && i < COVERING_MAX; i++)
		if (history_present(q->h, q->cov[i], s))
			return "covered";
	return "not-covered";
}

static void
put_state(struct query *q, const char *st, enum rov_reason why)
{
	struct outbuf *ob = &q->out;

	if (q->json) {
		ob_str(ob, q->has_asn ? ",\"state\":\"" : ",\"covered\":\"");
		ob_str(ob, st);
		ob_char(ob, '"');
		if (why != ROV_REASON_NONE) {
			ob_str(ob, ",\"reason\":\"");
			ob_str(ob, rov_reason_str(why));
			ob_char(ob, '"');
		}
		return;
	}
	ob_char(ob, ' ');
	ob_str(ob, st);
	if (why != ROV_REASON_NONE) {
		ob_char(ob, ' ');
		ob_str(ob, rov_reason_str(why));
	}
}

static void
put_head(struct query *q)
{
	struct outbuf *ob = &q->out;

	if (q->json) {
		ob_str(ob, "{\"prefix\":");
		put_prefix(q, &q->pfx);
		if (q->has_asn) {
			ob_str(ob, ",\"asn\":");
			ob_u32(ob, q->asn);
		}
		return;
	}
	ob_str(ob, "prefix ");
	put_prefix(q, &q->pfx);
	if (q->has_asn) {
		ob_str(ob, " AS");
		ob_u32(ob, q->asn);
	}
	ob_char(ob, '\n');
}

static void
query_at(struct query *q)
{
	struct outbuf *ob = &q->out;
	enum history_status hs;
	enum rov_reason why;
	const char *st;
	uint32_t snap = 0;

	hs = history_snapshot(q->h, q->from, q->nearest ? HISTORY_NEAREST : 0,
	    &snap);
	put_head(q);
	ob_str(ob, q->json ? ",\"day\":" : "day ");
	put_day(q, q->from);
	if (hs == HISTORY_NO_SNAPSHOT) {
		ob_str(ob, q->json ? ",\"snapshot\":null,\"state\":"
		    "\"no-snapshot\"}\n" : " no-snapshot (unknown)\n");
		return;
	}
	ob_str(ob, q->json ? ",\"snapshot\":" : " snapshot ");
	put_day(q, history_day(q->h, snap));
	if (hs == HISTORY_EARLIER)
		ob_str(ob, q->json ? ",\"nearest_earlier\":true" :
		    " (nearest earlier)");
	st = state_at(q, snap, &why);
	put_state(q, st, why);
	if (!q->json)
		ob_char(ob, '\n');
	put_vrps(q, 0, UINT32_MAX, snap);
	if (q->json)
		ob_str(ob, "}\n");
}

/* One stretch of days with the same state. */
static void
put_stretch(struct query *q, uint32_t a, uint32_t b, const char *st,
    enum rov_reason why, bool first)
{
	struct outbuf *ob = &q->out;

	ob_str(ob, q->json ? (first ? "{\"from\":" : ",{\"from\":") :
	    "days ");
	put_day(q, a);
	ob_str(ob, q->json ? ",\"to\":" : "..");
	put_day(q, b);
	put_state(q, st, why);
	ob_str(ob, q->json ? "}" : "\n");
}

static void
query_range(struct query *q)
{
	struct outbuf *ob = &q->out;
	uint32_t d, a = q->from, s = history_snapshot_from(q->h, q->from);
	uint32_t sa = s;
	const char *cur = NULL;
	enum rov_reason cwhy = ROV_REASON_NONE;
	bool first = true;

	put_head(q);
	ob_str(ob, q->json ? ",\"from\":" : "range ");
	put_day(q, q->from);
	ob_str(ob, q->json ? ",\"to\":" : "..");
	put_day(q, q->to);
	ob_str(ob, q->json ? ",\"days\":[" : "\n");
	for (d = q->from;; d++) {
		enum rov_reason why = ROV_REASON_NONE;
		const char *st = "no-snapshot";

		if (s < history_ndays(q->h) && history_day(q->h, s) == d)
			st = state_at(q, s++, &why);
		if (cur != NULL && (strcmp(st, cur) != 0 || why != cwhy)) {
			put_stretch(q, a, d - 1, cur, cwhy, first);
			first = false;
			a = d;
		}
		cur = st;
		cwhy = why;
		if (d == q->to)
			break;
	}
	put_stretch(q, a, q->to, cur, cwhy, first);
	if (q->json)
		ob_char(ob, ']');
	if (s > sa)
		put_vrps(q, sa, s - 1, UINT32_MAX);
	else if (q->json)
		ob_str(ob, ",\"vrps\":[]");
	if (q->json)
		ob_str(ob, "}\n");
}

static struct history *
open_store(const char *store)
{
	char err[HISTORY_ERRLEN];
	struct history *h;

	if (store == NULL && (store = getenv("MANRS_ROA_HISTORY")) == NULL) {
		fprintf(stderr, "manrs roa-history: no --store and no "
		    "MANRS_ROA_HISTORY\n");
		return NULL;
	}
	if ((h = history_load(store, err, sizeof(err))) == NULL)
		log_warnx("%s", err);
	return h;
}

static bool
parse_day(const char *opt, const char *s, uint32_t *day)
{
	const char *why;

	if (history_day_parse(s, strlen(s), day, &why))
		return true;
	fprintf(stderr, "manrs roa-history: %s '%s': %s\n", opt, s, why);
	return false;
}

static int
cmd_info(int argc, char **argv)
{
	struct history *h;
	struct outbuf ob;
	const char *store = NULL;
	bool json = false;
	uint32_t span = 0;
	size_t nd;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strcmp(argv[i], "--store") == 0 && i + 1 < argc)
			store = argv[++i];
		else {
			usage(stderr);
			return 2;
		}
	}
	if ((h = open_store(store)) == NULL)
		return 1;
	nd = history_ndays(h);
	if (nd > 0)
		span = history_day(h, (uint32_t)nd - 1) - history_day(h, 0) + 1;
	ob_init_fd(&ob, STDOUT_FILENO, 4096);
	ob_str(&ob, json ? "{\"snapshots\":" : "snapshots ");
	ob_u64(&ob, nd);
	if (nd > 0) {
		char buf[HISTORY_DAY_STRLEN];

		ob_str(&ob, json ? ",\"first\":\"" : "\nfirst ");
		ob_write(&ob, buf, history_day_fmt(history_day(h, 0), buf));
		ob_str(&ob, json ? "\",\"last\":\"" : "\nlast ");
		ob_write(&ob, buf, history_day_fmt(history_day(h,
		    (uint32_t)nd - 1), buf));
		ob_str(&ob, json ? "\"" : "");
	}
	ob_str(&ob, json ? ",\"missing_days\":" : "\nmissing-days ");
	ob_u64(&ob, span - nd);
	ob_str(&ob, json ? ",\"vrps\":" : "\nvrps ");
	ob_u64(&ob, history_nvrps(h));
	ob_str(&ob, json ? ",\"runs\":" : "\nruns ");
	ob_u64(&ob, history_nruns(h));
	ob_str(&ob, json ? "}\n" : "\n");
	ob_flush(&ob);
	ob_free(&ob);
	history_free(h);
	return 0;
}

int
cmd_roa_history(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "store", required_argument, NULL, 'S' },
		{ "asn", required_argument, NULL, 'a' },
		{ "at", required_argument, NULL, 't' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 'T' },
		{ "nearest", no_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *store = NULL, *why;
	struct query *q;
	struct history *h;
	bool at = false, from = false, to = false;
	int ch, rc = 0;

	if (argc > 1 && strcmp(argv[1], "build") == 0)
		return cmd_roa_history_build(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "info") == 0)
		return cmd_info(argc - 1, argv + 1);
	q = xcalloc(1, sizeof(*q));
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'S':
			store = optarg;
			break;
		case 'a':
			if (!asn_parse(optarg, strlen(optarg), &q->asn, &why)) {
				fprintf(stderr, "manrs roa-history: --asn "
				    "'%s': %s\n", optarg, why);
				rc = 2;
			}
			q->has_asn = true;
			break;
		case 't':
			at = true;
			if (!parse_day("--at", optarg, &q->from))
				rc = 2;
			break;
		case 'f':
			from = true;
			if (!parse_day("--from", optarg, &q->from))
				rc = 2;
			break;
		case 'T':
			to = true;
			if (!parse_day("--to", optarg, &q->to))
				rc = 2;
			break;
		case 'n':
			q->nearest = true;
			break;
		case 'j':
			q->json = true;
			break;
		case 'h':
			usage(stdout);
			free(q);
			return 0;
		default:
			rc = 2;
		}
	}
	if (rc == 0 && optind + 1 != argc) {
		fprintf(stderr, "manrs roa-history: expected one PREFIX\n");
		rc = 2;
	} else if (rc == 0 && !prefix_parse(argv[optind],
	    strlen(argv[optind]), &q->pfx, &why)) {
		fprintf(stderr, "manrs roa-history: bad prefix '%s': %s\n",
		    argv[optind], why);
		rc = 2;
	} else if (rc == 0 && ((at && (from || to)) ||
	    (q->nearest && !at))) {
		fprintf(stderr, "manrs roa-history: --at (with --nearest) "
		    "or --from/--to\n");
		rc = 2;
	}
	if (rc != 0) {
		usage(stderr);
		free(q);
		return rc;
	}
	if ((h = open_store(store)) == NULL) {
		free(q);
		return 1;
	}
	q->h = h;
	q->ncov = history_covering(h, &q->pfx, q->cov, COVERING_MAX);
	ob_init_fd(&q->out, STDOUT_FILENO, 64 * 1024);
	if (at)
		query_at(q);
	else if (history_ndays(h) == 0 && (!from || !to))
		log_warnx("the store is empty");
	else {
		size_t nd = history_ndays(h);

		if (!from)
			q->from = history_day(h, 0);
		if (!to)
			q->to = history_day(h, (uint32_t)nd - 1);
		if (q->to < q->from || q->to - q->from >= RANGE_MAX) {
			fprintf(stderr, "manrs roa-history: the range must "
			    "run forward, at most %u days\n", RANGE_MAX);
			rc = 2;
		} else
			query_range(q);
	}
	ob_flush(&q->out);
	if (q->out.error) {
		log_warnx("write error on standard output");
		rc = 1;
	}
	ob_free(&q->out);
	history_free(h);
	free(q);
	return rc;
}
