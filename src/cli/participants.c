/*
 * manrs participants: check a participants file (docs/participants.md),
 * import it into the store, and list who operates which ASNs.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "base/log.h"
#include "cli.h"
#include "formats/participants.h"
#include "store/participants.h"
#include "store/store.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs participants [check] [-v] FILE\n"
	    "       manrs participants import [--db FILE] [--replace] [-q] FILE\n"
	    "       manrs participants list [--db FILE] [--json]\n"
	    "\n"
	    "check (the default) reads a participants file (JSON, TOML or CSV,\n"
	    "see docs/participants.md; by the extension .json, .toml or .csv,\n"
	    "else by the content): every unknown or repeated key, wrong type,\n"
	    "bad ASN, e-mail address or date, and every ASN or organisation\n"
	    "listed twice is reported with the file and line.  When the file is\n"
	    "valid, prints one line per ASN:\n"
	    "\n"
	    "    ASN PROGRAM ORGANISATION\n"
	    "\n"
	    "import adds a valid file to the store: organisations are matched\n"
	    "by name, added or updated; their ASNs are added, and an ASN another\n"
	    "organisation held moves (said on standard error).  Organisations\n"
	    "and ASNs the store has but the file does not are kept, and said;\n"
	    "--replace drops them instead, saying each.  Importing the same file\n"
	    "again changes nothing.  -q says only the totals.\n"
	    "\n"
	    "list prints the store's participants as check does, or with --json\n"
	    "one JSON array of the entries as imported.\n"
	    "\n"
	    "  --db FILE   the store (default: $MANRS_DB or manrs.db)\n"
	    "\n"
	    "Exit status: 0 on success, 1 if the file has errors or cannot be\n"
	    "read or the store fails, 2 on a usage error.\n");
}

/* Read and validate path; 0 valid, else 1 after saying why. */
static int
read_valid(struct participants *ps, const char *path)
{
	struct diag d;
	char sum[256];
	int rc;

	participants_init(ps);
	participants_diag_init(&d, path);
	rc = participants_read_file(ps, path, &d);
	if (rc < 0)
		log_warnx("%s", d.fatal);
	else if (rc > 0) {
		diag_summary(&d, sum, sizeof(sum));
		log_warnx("%s: not valid: %s", path, sum);
	}
	return rc == 0 ? 0 : 1;
}

/* ctx: the -q flag. */
static void
note_stderr(void *ctx, const char *msg)
{
	if (!*(const bool *)ctx)
		fprintf(stderr, "manrs participants: %s\n", msg);
}

static int
do_import(const char *db, const char *path, bool replace, bool quiet)
{
	struct participants ps;
	struct part_import_stats st;
	struct store *s;
	char err[512];
	int rc = 1;

	if (read_valid(&ps, path) != 0)
		goto out;
	if ((s = store_open(cli_db_path(db), err, sizeof(err))) == NULL) {
		log_warnx("%s", err);
		goto out;
	}
	if (participants_import(s, &ps, replace, note_stderr, &quiet, &st,
	    err, sizeof(err))) {
		printf("%s: %" PRIu64 " organisations added, %" PRIu64
		    " updated, %" PRIu64 " unchanged; %" PRIu64 " ASNs added, %"
		    PRIu64 " moved; not in the file: %" PRIu64 " organisations "
		    "and %" PRIu64 " ASNs %s\n", path, st.added, st.updated,
		    st.unchanged, st.asns_added, st.asns_moved,
		    replace ? st.orgs_dropped : st.orgs_kept,
		    replace ? st.asns_dropped : st.asns_kept,
		    replace ? "dropped" : "kept");
		rc = 0;
	} else
		log_warnx("%s: %s", cli_db_path(db), err);
	store_close(s);
out:
	participants_free(&ps);
	return rc;
}

static void
list_line(void *ctx, const struct stored_participant *p)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < p->nasns; i++)
		printf("%" PRIu32 " %s %s\n", p->asns[i], p->program, p->org);
}

static void
list_json(void *ctx, const struct stored_participant *p)
{
	json_t *a = ctx, *o = json_loads(p->record, 0, NULL), *asns;
	size_t i;

	if (o == NULL)		/* the store holds what we wrote: JSON */
		o = json_object();
	/* The ASNs the store gives it now (moves included). */
	asns = json_array();
	for (i = 0; i < p->nasns; i++)
		json_array_append_new(asns, json_integer(p->asns[i]));
	json_object_set_new(o, "asns", asns);
	json_array_append_new(a, o);
}

static int
do_list(const char *db, bool json)
{
	struct store *s = cli_store_existing("participants", db);
	json_t *a = json_array();
	char err[512];
	int rc = 1;

	if (s != NULL && participants_list(s, json ? list_json : list_line, a,
	    err, sizeof(err))) {
		if (json) {
			json_dumpf(a, stdout, JSON_INDENT(1) |
			    JSON_PRESERVE_ORDER);
			putchar('\n');
		}
		rc = 0;
	} else if (s != NULL)
		log_warnx("%s", err);
	json_decref(a);
	store_close(s);
	return rc;
}

static int
do_check(const char *path)
{
	struct participants ps;
	size_t i, j;
	int rc = read_valid(&ps, path);

	if (rc == 0)
		for (i = 0; i < ps.n; i++)
			for (j = 0; j < ps.p[i].nasns; j++)
				printf("%u %s %s\n", ps.p[i].asns[j],
				    manrs_program_name(ps.p[i].program),
				    ps.p[i].org);
	participants_free(&ps);
	return rc;
}

int
cmd_participants(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "replace", no_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *sub = "check", *db = NULL;
	bool replace = false, json = false, quiet = false;
	int ch;

	if (argc > 1 && (strcmp(argv[1], "check") == 0 ||
	    strcmp(argv[1], "import") == 0 || strcmp(argv[1], "list") == 0)) {
		sub = argv[1];
		argc--;
		argv++;
	}
	while ((ch = getopt_long(argc, argv, "hqv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'r':
			replace = true;
			break;
		case 'j':
			json = true;
			break;
		case 'q':
			quiet = true;
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
	if (strcmp(sub, "list") == 0) {
		if (optind != argc || replace || quiet)
			goto bad;
		return do_list(db, json);
	}
	if (optind != argc - 1 || json)
		goto bad;
	if (strcmp(sub, "import") == 0)
		return do_import(db, argv[optind], replace, quiet);
	if (db != NULL || replace || quiet)
		goto bad;
	return do_check(argv[optind]);
bad:
	usage(stderr);
	return 2;
}
