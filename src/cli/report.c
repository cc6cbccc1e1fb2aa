/*
 * manrs report: the monthly conformance report of one AS, from the store
 * that `manrs observe` filled, as Markdown, one self-contained HTML page
 * or JSON.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "net/asn.h"
#include "report/model.h"
#include "report/render.h"
#include "store/store.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs report ASN --month YYYY-MM [--format md|html|json]\n"
	    "                    [--db FILE] [-o FILE] [--link-base URL]\n"
	    "\n"
	    "The monthly MANRS conformance report of one AS, from the scores,\n"
	    "incidents and announcements that 'manrs observe' stored: the five\n"
	    "readiness scores with labels and trend arrows against the month\n"
	    "before (none when the store lacks it), the 6 months before, every\n"
	    "non-compliance incident with its evidence and how to dispute it,\n"
	    "the announced prefixes with their RPKI and IRR state, and what to\n"
	    "fix first.\n"
	    "\n"
	    "  --month M        the calendar month, e.g. 2015-04 (required)\n"
	    "  --format F       md (default), html (one self-contained page with\n"
	    "                   inline SVG charts, printable) or json\n"
	    "  --db FILE        the store (default: $MANRS_DB or manrs.db)\n"
	    "  -o FILE          write there instead of standard output\n"
	    "  --link-base URL  the web UI's address: dispute links become\n"
	    "                   URL/disputes/new?incident=ID\n"
	    "\n"
	    "Exit status: 0 on success, 1 when the store lacks the AS or month\n"
	    "(the message lists the months it has) or on a write error, 2 on a\n"
	    "usage error.\n");
}

struct store *
cli_store_existing(const char *cmd, const char *opt)
{
	const char *path = cli_db_path(opt);
	struct store *s;
	char err[512];

	/* Opening would create an empty store; say what is wrong instead. */
	if (access(path, F_OK) != 0) {
		fprintf(stderr, "manrs %s: %s: no store there (run 'manrs "
		    "observe' first, or give --db FILE)\n", cmd, path);
		return NULL;
	}
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		fprintf(stderr, "manrs %s: %s\n", cmd, err);
	return s;
}

bool
cli_asn(const char *s, uint32_t *asn, const char **why)
{
	if (strncasecmp(s, "AS", 2) == 0)
		s += 2;
	return asn_parse(s, strlen(s), asn, why);
}

static bool
render(FILE *fp, const struct report *r, const struct report_opts *o,
    const char *format)
{
	json_t *j;
	bool ok;

	if (strcmp(format, "md") == 0)
		return report_md(fp, r, o);
	if (strcmp(format, "html") == 0)
		return report_html(fp, r, o);
	j = report_json(r, o);
	ok = j != NULL && json_dumpf(j, fp, REPORT_JSON_FLAGS) == 0;
	fputc('\n', fp);
	json_decref(j);
	return ok && !ferror(fp);
}

int
cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "month", required_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'f' },
		{ "db", required_argument, NULL, 'd' },
		{ "link-base", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *month = NULL, *format = "md", *db = NULL, *out = NULL;
	const char *why;
	struct report_opts o;
	struct report r;
	struct store *s;
	uint32_t asn;
	char err[2048];
	FILE *fp;
	int c, rc = 0;

	memset(&o, 0, sizeof(o));
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'm': month = optarg; break;
		case 'f': format = optarg; break;
		case 'd': db = optarg; break;
		case 'o': out = optarg; break;
		case 'l': o.link_base = optarg; break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind != 1 || month == NULL) {
		fprintf(stderr, "manrs report: needs one ASN and --month "
		    "YYYY-MM\n");
		return 2;
	}
	if (!cli_asn(argv[optind], &asn, &why)) {
		fprintf(stderr, "manrs report: %s: %s\n", argv[optind], why);
		return 2;
	}
	if (strcmp(format, "md") != 0 && strcmp(format, "html") != 0 &&
	    strcmp(format, "json") != 0) {
		fprintf(stderr, "manrs report: --format %s: expected md, html "
		    "or json\n", format);
		return 2;
	}
	if ((s = cli_store_existing("report", db)) == NULL)
		return 1;
	if (!report_load(s, asn, month, &r, err, sizeof(err))) {
		fprintf(stderr, "manrs report: %s\n", err);
		store_close(s);
		return 1;
	}
	store_close(s);
	fp = out != NULL ? fopen(out, "w") : stdout;
	if (fp == NULL) {
		fprintf(stderr, "manrs report: %s: cannot write\n", out);
		report_free(&r);
		return 1;
	}
	if (!render(fp, &r, &o, format) || fflush(fp) != 0) {
		fprintf(stderr, "manrs report: %s: write error\n",
		    out != NULL ? out : "standard output");
		rc = 1;
	}
	if (out != NULL && fclose(fp) != 0 && rc == 0) {
		fprintf(stderr, "manrs report: %s: write error\n", out);
		rc = 1;
	}
	report_free(&r);
	return rc;
}
