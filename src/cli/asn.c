/*
 * manrs asn: everything known about one AS, in the manner of IRR
 * Explorer — what it originated, its RPKI and IRR registrations, bogon
 * status, incidents, scores, membership and PeeringDB record.  Also the
 * text printer `manrs prefix` shares.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "report/irr_compare.h"
#include "report/lookup.h"
#include "report/render.h"
#include "store/store.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs asn ASN [--db FILE] [--data DIR] [--compare] [--json]\n"
	    "\n"
	    "Everything known about one AS: the prefixes it originated in the\n"
	    "newest period of the store with their RPKI and IRR state, its\n"
	    "incidents (newest first, with the state of their last dispute),\n"
	    "its scores for the newest month, and its MANRS membership.  With\n"
	    "--data DIR also: the VRPs with its AS number (the newest file of\n"
	    "DIR/rpki/), its route objects per IRR source, authoritative or not\n"
	    "(DIR/irr/), whether the AS number is a bogon and whose region it is\n"
	    "(DIR/rir/: IANA XML and RIR statistics), and its PeeringDB name,\n"
	    "organisation and contacts (DIR/peeringdb/).  Without it those\n"
	    "sections say they need --data.  Lists stop at %d rows and give\n"
	    "the total.\n"
	    "\n"
	    "With --compare, the IRR comparison instead: every (prefix, origin)\n"
	    "pair with this origin that an IRR registers (DIR/irr/) or the\n"
	    "store's newest period saw in BGP, with the IRR sources holding it,\n"
	    "its RPKI state (DIR/rpki/) and what looks wrong, as messages of\n"
	    "level danger, warning, info or success; pairs worst first.\n"
	    "\n"
	    "  --db FILE   the store (default: $MANRS_DB or manrs.db)\n"
	    "  --data DIR  reference data, laid out as for 'manrs observe'\n"
	    "  --compare   the IRR comparison (IRR Explorer's view)\n"
	    "  --json      one JSON object\n"
	    "\n"
	    "Exit status: 0 on success, 1 on a store or data error, 2 on a usage\n"
	    "error.\n", LOOKUP_MAX_ROWS);
}

static void
scalar(FILE *fp, json_t *v)
{
	if (json_is_string(v))
		fputs(json_string_value(v), fp);
	else if (json_is_integer(v))
		fprintf(fp, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		fprintf(fp, "%.1f", json_real_value(v));
	else if (json_is_true(v))
		fputs("yes", fp);
	else if (json_is_false(v))
		fputs("no", fp);
	else if (json_is_null(v))
		fputs("-", fp);
	else if ((json_is_array(v) && json_array_size(v) == 0) ||
	    (json_is_object(v) && json_object_size(v) == 0))
		fputs("none", fp);
	else if (json_is_array(v)) {
		size_t i;
		json_t *x;

		json_array_foreach(v, i, x) {
			fputs(i > 0 ? ", " : "", fp);
			scalar(fp, x);
		}
	} else {
		char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);

		fputs(s != NULL ? s : "?", fp);
		free(s);
	}
}

static bool
is_scalar(json_t *v)
{
	size_t i;
	json_t *x;

	if (json_is_object(v))
		return false;
	if (json_is_array(v))
		json_array_foreach(v, i, x)
			if (json_is_object(x) || json_is_array(x))
				return false;
	return true;
}

static bool
is_flat(json_t *o)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v)
		if (!is_scalar(v))
			return false;
	return true;
}

/* A flat object on one line: "key value  key value". */
static void
line(FILE *fp, json_t *o)
{
	const char *k;
	json_t *v;
	int first = 1;

	json_object_foreach(o, k, v) {
		fprintf(fp, "%s%s ", first ? "" : "  ", k);
		scalar(fp, v);
		first = 0;
	}
}

/*
 * Sections as an indented outline: flat objects on one line, lists
 * ({"total": n, "list": [...]}) one row a line with their total.
 */
static void
outline(FILE *fp, int depth, const char *key, json_t *v)
{
	const char *k;
	json_t *x, *list = json_object_get(v, "list");
	size_t i;

	fprintf(fp, "%*s%s:", 2 * depth, "", key);
	if (is_scalar(v)) {
		fputc(' ', fp);
		scalar(fp, v);
		fputc('\n', fp);
		return;
	}
	if (json_is_object(v) && json_object_size(v) == 0) {
		fputs(" none\n", fp);
		return;
	}
	if (json_is_object(v) && is_flat(v) && depth > 0) {
		fputc(' ', fp);
		line(fp, v);
		fputc('\n', fp);
		return;
	}
	if (json_is_object(v) && json_is_array(list)) {
		fprintf(fp, " %" JSON_INTEGER_FORMAT "\n", json_integer_value(
		    json_object_get(v, "total")));
		json_object_foreach(v, k, x)
			if (strcmp(k, "list") != 0 && strcmp(k, "total") != 0)
				outline(fp, depth + 1, k, x);
		v = list;
	} else
		fputc('\n', fp);
	if (json_is_object(v)) {
		json_object_foreach(v, k, x)
			outline(fp, depth + 1, k, x);
		return;
	}
	if (json_array_size(v) == 0)
		fprintf(fp, "%*snone\n", 2 * depth + 2, "");
	json_array_foreach(v, i, x) {
		fprintf(fp, "%*s", 2 * depth + 2, "");
		if (json_is_object(x) && is_flat(x))
			line(fp, x);
		else
			scalar(fp, x);
		fputc('\n', fp);
	}
}

void
cli_lookup_print(FILE *fp, json_t *o, bool json)
{
	const char *k;
	json_t *v;

	if (json) {
		json_dumpf(o, fp, REPORT_JSON_FLAGS);
		fputc('\n', fp);
		return;
	}
	json_object_foreach(o, k, v)
		outline(fp, 0, k, v);
}

/* The IRR comparison as a table: a line per pair, its messages below. */
static void
compare_print(FILE *fp, json_t *o)
{
	json_t *sum = json_object_get(o, "summary"), *q = json_object_get(o,
	    "query"), *pairs = json_object_get(o, "pairs"), *x, *m, *v;
	const char *period = json_string_value(json_object_get(o, "period"));
	const char *k;
	size_t i, j;

	if (json_object_get(q, "asn") != NULL)
		fprintf(fp, "AS%" JSON_INTEGER_FORMAT, json_integer_value(
		    json_object_get(q, "asn")));
	else
		fputs(json_string_value(json_object_get(q, "prefix")), fp);
	fprintf(fp, ": %" JSON_INTEGER_FORMAT " pairs (BGP: %s): %"
	    JSON_INTEGER_FORMAT " danger, %" JSON_INTEGER_FORMAT " warning, %"
	    JSON_INTEGER_FORMAT " info, %" JSON_INTEGER_FORMAT " success%s\n",
	    json_integer_value(json_object_get(sum, "pairs")), period != NULL ?
	    period : "no period in the store",
	    json_integer_value(json_object_get(sum, "danger")),
	    json_integer_value(json_object_get(sum, "warning")),
	    json_integer_value(json_object_get(sum, "info")),
	    json_integer_value(json_object_get(sum, "success")),
	    json_is_true(json_object_get(sum, "cut")) ? " (cut short)" : "");
	if (json_array_size(json_object_get(pairs, "list")) > 0)
		fprintf(fp, "%-8s %-24s %-11s %-20s %-30s %s\n", "LEVEL",
		    "PREFIX", "ORIGIN", "BGP", "IRR", "RPKI");
	json_array_foreach(json_object_get(pairs, "list"), i, x) {
		json_t *bgp = json_object_get(x, "bgp"), *irr =
		    json_object_get(x, "irr"), *rpki = json_object_get(x, "rpki");
		char origin[16], seen[32], reg[256];
		size_t len;

		snprintf(origin, sizeof(origin), "AS%" JSON_INTEGER_FORMAT,
		    json_integer_value(json_object_get(x, "origin")));
		if (json_is_true(json_object_get(bgp, "seen")))
			snprintf(seen, sizeof(seen), "%" JSON_INTEGER_FORMAT
			    " peers, %" JSON_INTEGER_FORMAT " d",
			    json_integer_value(json_object_get(bgp, "peers")),
			    json_integer_value(json_object_get(bgp, "days")));
		else
			snprintf(seen, sizeof(seen), "not seen");
		if (json_is_null(irr))
			snprintf(reg, sizeof(reg), "-");
		else {
			len = (size_t)snprintf(reg, sizeof(reg), "%s",
			    json_string_value(json_object_get(irr, "match")));
			json_array_foreach(json_object_get(irr, "sources"), j, v)
				if (len < sizeof(reg))
					len += (size_t)snprintf(reg + len,
					    sizeof(reg) - len, "%s%s", j > 0 ?
					    "," : " ", json_string_value(v));
		}
		fprintf(fp, "%-8s %-24s %-11s %-20s %-30s %s\n",
		    json_string_value(json_object_get(x, "level")),
		    json_string_value(json_object_get(x, "prefix")), origin, seen,
		    reg, json_is_null(rpki) ? "-" : json_string_value(
		    json_object_get(rpki, "state")));
		json_array_foreach(json_object_get(x, "messages"), j, m)
			fprintf(fp, "%9s- %s\n", "", json_string_value(
			    json_object_get(m, "text")));
	}
	if (json_integer_value(json_object_get(pairs, "total")) >
	    (json_int_t)json_array_size(json_object_get(pairs, "list")))
		fprintf(fp, "(the first %zu of %" JSON_INTEGER_FORMAT
		    " pairs, worst first)\n", json_array_size(json_object_get(
		    pairs, "list")), json_integer_value(json_object_get(pairs,
		    "total")));
	json_object_foreach(json_object_get(o, "unavailable"), k, v)
		fprintf(fp, "%s: %s\n", k, json_string_value(v));
}

int
cli_lookup(int argc, char **argv, const char *cmd, void (*u)(FILE *),
    json_t *(*look)(struct store *, const struct lookup_data *,
    const char *, bool, char *, size_t))
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "data", required_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'j' },
		{ "compare", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *dir = NULL;
	struct lookup_data data;
	struct store *s;
	char err[1024];
	json_t *o;
	int c, json = 0;
	bool compare = false;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'D': dir = optarg; break;
		case 'j': json = 1; break;
		case 'c': compare = true; break;
		case 'h':
			u(stdout);
			return 0;
		default:
			u(stderr);
			return 2;
		}
	}
	if (argc - optind != 1) {
		u(stderr);
		return 2;
	}
	if (dir != NULL && !lookup_data_load(&data, dir, err, sizeof(err))) {
		fprintf(stderr, "manrs %s: %s\n", cmd, err);
		return 1;
	}
	if ((s = cli_store_existing(cmd, db)) == NULL) {
		if (dir != NULL)
			lookup_data_free(&data);
		return 1;
	}
	o = look(s, dir != NULL ? &data : NULL, argv[optind], compare, err,
	    sizeof(err));
	store_close(s);
	if (dir != NULL)
		lookup_data_free(&data);
	if (o == NULL) {
		fprintf(stderr, "manrs %s: %s\n", cmd, err);
		return err[0] == '\0' ? 2 : 1;
	}
	if (compare && !json)
		compare_print(stdout, o);
	else
		cli_lookup_print(stdout, o, json);
	json_decref(o);
	return fflush(stdout) == 0 ? 0 : 1;
}

/* NULL with err "" for a bad argument (already reported). */
static json_t *
look_asn(struct store *s, const struct lookup_data *d, const char *arg,
    bool compare, char *err, size_t errlen)
{
	const char *why;
	uint32_t asn;

	if (!cli_asn(arg, &asn, &why)) {
		fprintf(stderr, "manrs asn: %s: %s\n", arg, why);
		err[0] = '\0';
		return NULL;
	}
	if (compare)
		return irr_compare_asn(s, d, asn, err, errlen);
	return lookup_asn(s, d, asn, err, errlen);
}

int
cmd_asn(int argc, char **argv)
{
	return cli_lookup(argc, argv, "asn", usage, look_asn);
}
