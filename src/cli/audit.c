/*
 * manrs audit: the automated check of a new MANRS application — the last
 * 30 days of every action for the applicant's ASNs, pass or fail per
 * action, and what is missing in plain words.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/limits.h"
#include "base/xmalloc.h"
#include "cli.h"
#include "observe/window.h"
#include "store/store.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs audit ASN... [--days N] [--at YYYY-MM-DD] [--db FILE]\n"
	    "                   [--json]\n"
	    "\n"
	    "The automated check of a MANRS application: scores every action of\n"
	    "each ASN over the last N days (default 30) ending with --at, from\n"
	    "the store alone (daily facts and incidents, minus accepted\n"
	    "disputes), and says per action whether the applicant passes and\n"
	    "what is missing, in plain words: a Spoofer test to run, a contact\n"
	    "to publish, the prefixes without a route object, the RPKI-invalid\n"
	    "announcements, the incidents with their ids.\n"
	    "\n"
	    "An action passes when it is Ready for every ASN; an ASN without\n"
	    "data for an action (no Spoofer test, no contact data) fails it, as\n"
	    "the application must show it.  The applicant passes when every\n"
	    "action does.\n"
	    "\n"
	    "  --days N   the window's length in days (default 30)\n"
	    "  --at DAY   its last day (default: the last day with facts in the\n"
	    "             store)\n"
	    "  --db FILE  the store (default: $MANRS_DB or manrs.db)\n"
	    "  --json     one JSON object with every ASN's window scores and\n"
	    "             what is missing\n"
	    "\n"
	    "Exit status: 0 if the applicant passes every action, 1 if not (or\n"
	    "on a store error or an ASN the store has no data for), 2 on a usage\n"
	    "error.\n");
}

#define LIST_SHOWN	20	/* prefixes listed in text; JSON has all */

struct one {
	uint32_t		 asn;
	struct window_src	 src;
	struct window_score	 ws;
	struct window_ann	*ann;
	size_t			 nann;
};

static bool
passes(const struct one *o, enum action a)
{
	return o->ws.score.label[a] == LABEL_READY;
}

/* Prefixes of o's announcements matching (rpki, irr), as text or JSON. */
static size_t
list_prefixes(const struct one *o, const char *rpki, const char *irr,
    char *buf, size_t len, json_t *arr)
{
	size_t i, n = 0, off = 0;

	for (i = 0; i < o->nann; i++) {
		const struct window_ann *a = &o->ann[i];
		int w;

		if ((rpki != NULL && strcmp(a->rpki, rpki) != 0) ||
		    (irr != NULL && strcmp(a->irr, irr) != 0))
			continue;
		if (arr != NULL)
			json_array_append_new(arr, json_string(a->prefix));
		if (n++ < LIST_SHOWN && off < len) {
			w = snprintf(buf + off, len - off, "%s%s", n > 1 ?
			    " " : "", a->prefix);
			if (w > 0)
				off += (size_t)w;
		}
	}
	if (n > LIST_SHOWN && off < len)
		snprintf(buf + off, len - off, " and %zu more",
		    n - LIST_SHOWN);
	return n;
}

/* Long lists are cut at len: the JSON has them whole. */
static void say(char *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

/* What o lacks for action a, in plain words; "" when it passes. */
static void
missing(const struct one *o, enum action a, char *buf, size_t len)
{
	const struct window_score *ws = &o->ws;
	char why[2048], list[2048];
	size_t n;

	buf[0] = '\0';
	if (passes(o, a))
		return;
	window_why(&o->src, ws, a, why, sizeof(why));
	switch (a) {
	case ACT_FILTERING:
		say(buf, len, "%s; fix what these incidents show, or "
		    "dispute a false positive with 'manrs dispute open ID'", why);
		break;
	case ACT_ANTISPOOFING:
		if (!ws->facts.spoofer_tested)
			say(buf, len, "no Spoofer test: run a CAIDA Spoofer "
			    "test (https://spoofer.caida.org) from a client "
			    "inside AS%" PRIu32, o->asn);
		else
			say(buf, len, "%s: filter source addresses at the "
			    "edge (BCP 38, BCP 84) and test again", why);
		break;
	case ACT_COORDINATION:
		if (!ws->facts.contacts_known)
			say(buf, len, "%s: contacts cannot be checked",
			    why);
		else
			say(buf, len, "no contact: publish a contact for "
			    "AS%" PRIu32 " in PeeringDB (a network contact) or "
			    "in the RIR whois (aut-num with admin-c and tech-c)",
			    o->asn);
		break;
	case ACT_GV_IRR:
		n = list_prefixes(o, NULL, "none", list, sizeof(list), NULL);
		if (ws->score.label[a] == LABEL_NODATA || n == 0)
			say(buf, len, "%s", why);
		else
			say(buf, len, "IRR share %.1f%% (%s); no route "
			    "object for %zu prefix%s: %s", ws->score.pct[a], why,
			    n, n == 1 ? "" : "es", list);
		break;
	case ACT_GV_RPKI:
		n = list_prefixes(o, "invalid", NULL, list, sizeof(list), NULL);
		if (ws->score.label[a] == LABEL_NODATA)
			say(buf, len, "%s", why);
		else if (n > 0)
			say(buf, len, "RPKI share %.1f%% (%s); RPKI invalid: "
			    "%s (fix the ROA or the announcement)",
			    ws->score.pct[a], why, list);
		else {
			n = list_prefixes(o, "not-found", NULL, list,
			    sizeof(list), NULL);
			say(buf, len, "RPKI share %.1f%% (%s); no ROA for "
			    "%zu prefix%s: %s", ws->score.pct[a], why, n,
			    n == 1 ? "" : "es", list);
		}
		break;
	default:
		break;
	}
}

static bool
asn_passes(const struct one *o)
{
	unsigned a;

	for (a = 0; a < ACTION_COUNT; a++)
		if (!passes(o, (enum action)a))
			return false;
	return true;
}

/* One cell of the table; the last of a row is not padded. */
static void
cell(const char *s, bool last)
{
	printf(last ? "  %s\n" : "  %-16s", s);
}

static void
put_score(const struct window_score *ws, enum action a, bool last)
{
	char s[32];

	if (ws->score.label[a] == LABEL_NODATA)
		snprintf(s, sizeof(s), "No data");
	else
		snprintf(s, sizeof(s), "%.1f%% %s", ws->score.pct[a],
		    label_name(ws->score.label[a]));
	cell(s, last);
}

static bool
text(const struct one *v, size_t n, const char *from, const char *to,
    unsigned days)
{
	char buf[4096];
	unsigned a, npass = 0;
	size_t i;
	bool all = true;

	printf("MANRS application check:");
	for (i = 0; i < n; i++)
		printf(" AS%" PRIu32, v[i].asn);
	printf(" over %s .. %s (%u days)\n\n%-24s %-6s", from, to, days,
	    "action", "result");
	for (i = 0; i < n; i++) {
		char h[24];

		snprintf(h, sizeof(h), "AS%" PRIu32, v[i].asn);
		cell(h, i + 1 == n);
	}
	for (a = 0; a < ACTION_COUNT; a++) {
		bool pass = true;

		for (i = 0; i < n; i++)
			pass &= passes(&v[i], (enum action)a);
		npass += pass;
		all &= pass;
		printf("%-24s %-6s", action_name((enum action)a), pass ? "pass" :
		    "FAIL");
		for (i = 0; i < n; i++)
			put_score(&v[i].ws, (enum action)a, i + 1 == n);
	}
	printf("%-24s %-6s", "every action", all ? "pass" : "FAIL");
	for (i = 0; i < n; i++)
		cell(asn_passes(&v[i]) ? "pass" : "FAIL", i + 1 == n);
	if (!all)
		printf("\nWhat is missing:\n");
	for (i = 0; i < n; i++)
		for (a = 0; a < ACTION_COUNT; a++) {
			missing(&v[i], (enum action)a, buf, sizeof(buf));
			if (buf[0] != '\0')
				printf("- AS%" PRIu32 " %s: %s\n", v[i].asn,
				    action_name((enum action)a), buf);
		}
	printf("\nResult: %s (%u of %u actions pass)\n", all ? "PASS" : "FAIL",
	    npass, ACTION_COUNT);
	return all;
}

static bool
json(const struct one *v, size_t n, const char *from, const char *to,
    unsigned days, int *wrc)
{
	json_t *acts = json_object(), *asns = json_array();
	char buf[4096];
	unsigned a;
	size_t i;
	bool all = true;

	for (a = 0; a < ACTION_COUNT; a++) {
		json_t *fail = json_array();
		bool pass = true;

		for (i = 0; i < n; i++)
			if (!passes(&v[i], (enum action)a)) {
				pass = false;
				json_array_append_new(fail, json_integer(
				    v[i].asn));
			}
		all &= pass;
		json_object_set_new(acts, action_name((enum action)a),
		    json_pack("{sb so}", "pass", pass, "failing_asns", fail));
	}
	for (i = 0; i < n; i++) {
		json_t *o = window_json(&v[i].src, &v[i].ws);
		json_t *miss = json_object(), *unreg = json_array();
		json_t *inval = json_array(), *nf = json_array();

		for (a = 0; a < ACTION_COUNT; a++) {
			missing(&v[i], (enum action)a, buf, sizeof(buf));
			if (buf[0] != '\0')
				json_object_set_new(miss, action_name(
				    (enum action)a), json_string(buf));
		}
		list_prefixes(&v[i], NULL, "none", buf, 0, unreg);
		list_prefixes(&v[i], "invalid", NULL, buf, 0, inval);
		list_prefixes(&v[i], "not-found", NULL, buf, 0, nf);
		json_object_set_new(o, "asn", json_integer(v[i].asn));
		json_object_set_new(o, "pass", json_boolean(asn_passes(&v[i])));
		json_object_set_new(o, "missing", miss);
		json_object_set_new(o, "irr_unregistered", unreg);
		json_object_set_new(o, "rpki_invalid", inval);
		json_object_set_new(o, "rpki_not_found", nf);
		json_array_append_new(asns, o);
	}
	*wrc = cli_json_print(json_pack("{ss ss si sb so so}", "from", from,
	    "to", to, "days", days, "pass", all, "actions", acts, "asns",
	    asns));
	return all;
}

int
cmd_audit(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "days", required_argument, NULL, 'n' },
		{ "at", required_argument, NULL, 'a' },
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dbpath = NULL, *at = NULL, *why;
	struct one *v = NULL;
	struct store *s = NULL;
	char err[512], from[WINDOW_PERIOD_LEN], to[WINDOW_PERIOD_LEN];
	unsigned days = 30;
	bool asjson = false, pass;
	int ch, rc = 1, wrc = 0;
	int64_t last, first;
	size_t n, i, j;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			if (!cli_parse_count(optarg, 3660, &days)) {
				fprintf(stderr, "manrs audit: --days %s: expected "
				    "1 to 3660\n", optarg);
				return 2;
			}
			break;
		case 'a': at = optarg; break;
		case 'd': dbpath = optarg; break;
		case 'j': asjson = true; break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	n = (size_t)(argc - optind);
	if (n == 0 || n > MAX_AUDIT_ASNS) {
		fprintf(stderr, "manrs audit: give 1 to %d ASNs\n",
		    MAX_AUDIT_ASNS);
		usage(stderr);
		return 2;
	}
	if (at != NULL && !window_day_parse(at, &last)) {
		fprintf(stderr, "manrs audit: --at %s: expected a day such as "
		    "2015-04-30\n", at);
		return 2;
	}
	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++) {
		if (!cli_asn(argv[optind + i], &v[i].asn, &why)) {
			fprintf(stderr, "manrs audit: %s: %s\n", argv[optind + i],
			    why);
			free(v);
			return 2;
		}
		for (j = 0; j < i; j++)
			if (v[j].asn == v[i].asn) {
				fprintf(stderr, "manrs audit: AS%" PRIu32 " is "
				    "given twice\n", v[i].asn);
				free(v);
				return 2;
			}
	}
	if ((s = cli_store_existing("audit", dbpath)) == NULL)
		goto out;
	if (at == NULL && !window_last_day(s, &last)) {
		fprintf(stderr, "manrs audit: the store has no daily facts (run "
		    "'manrs observe' first)\n");
		goto out;
	}
	for (i = 0; i < n; i++)
		if (!cli_asn_known("audit", s, v[i].asn))
			goto out;
	first = last - (int64_t)(days - 1) * WINDOW_DAY;
	for (i = 0; i < n; i++) {
		if (!window_load(s, v[i].asn, first, last + WINDOW_DAY,
		    &v[i].src, err, sizeof(err)) ||
		    !window_announcements(s, v[i].asn, first, last + WINDOW_DAY,
		    &v[i].ann, &v[i].nann, err, sizeof(err))) {
			fprintf(stderr, "manrs audit: %s\n", err);
			goto out;
		}
		window_score(&v[i].src, first, last + WINDOW_DAY, &v[i].ws);
	}
	window_day_fmt(first, from);
	window_day_fmt(last, to);
	if (asjson)
		pass = json(v, n, from, to, days, &wrc);
	else
		pass = text(v, n, from, to, days);
	rc = pass && wrc == 0 ? 0 : 1;
out:
	for (i = 0; i < n; i++) {
		window_score_free(&v[i].ws);
		window_src_free(&v[i].src);
		free(v[i].ann);
	}
	free(v);
	store_close(s);
	return rc;
}
