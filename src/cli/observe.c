/*
 * manrs observe: the main job.  Reads a period's routing data and
 * reference data, finds incidents, scores every AS and stores it all.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "base/progress.h"
#include "base/utctime.h"
#include "cli.h"
#include "formats/participants.h"
#include "observe/method.h"
#include "observe/run.h"
#include "store/participants.h"
#include "store/store.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs observe (--data DIR | --config FILE | --mrt FILE...)\n"
	    "                     [--vrps FILE...]\n"
	    "                     [--irr FILE...] [--asrel FILE...] [--peeringdb FILE...]\n"
	    "                     [--rir FILE...] [--spoofer FILE...]\n"
	    "                     (--month YYYY-MM | --from TIME --to TIME)\n"
	    "                     [--db FILE | --no-db] [--method FILE] [--json]\n"
	    "                     [--progress | --no-progress] [--threads N]\n"
	    "                     [-q] [-v]\n"
	    "\n"
	    "Measures every AS seen in the BGP data over a period (DESIGN.md §4):\n"
	    "builds each collector peer's routes over time from RIB dumps and\n"
	    "updates, finds route leaks (M1) and misoriginations (M2: RPKI\n"
	    "Invalid, or a MOAS newcomer against an established, registered\n"
	    "origin), merges events into incidents, scores the readiness\n"
	    "actions, and writes incidents, their evidence and the scores to the\n"
	    "store, replacing an earlier run over the same period.  Disputed\n"
	    "incidents an auditor accepted are kept but not scored.\n"
	    "\n"
	    "  --data DIR     take every source from DIR:\n"
	    "                   bgp/[COLLECTOR/]FILE  MRT RIBs and updates\n"
	    "                   rpki/FILE   VRP lists     irr/FILE    RPSL dumps\n"
	    "                   asrel/FILE  CAIDA AS relationships\n"
	    "                   peeringdb/FILE  PeeringDB API JSON\n"
	    "                   rir/FILE    IANA registry XML, RIR delegated stats\n"
	    "                   spoofer/FILE  CAIDA Spoofer sessions\n"
	    "                   participants.json, .toml or .csv (one of\n"
	    "                   them)  MANRS participants: added to the\n"
	    "                   store, never dropped (see manrs\n"
	    "                   participants import)\n"
	    "  --config FILE  take the sources from FILE, one per line:\n"
	    "                   KIND [COLLECTOR] = PATH-OR-GLOB\n"
	    "                 KIND as the directories above or\n"
	    "                 participants (one file), '#' comments,\n"
	    "                 paths relative to FILE; a pattern matching\n"
	    "                 nothing is an error\n"
	    "  --mrt FILE     an MRT file (repeatable); with --collector NAME\n"
	    "                 before it, the collector it came from\n"
	    "  --vrps FILE, --irr FILE, --asrel FILE, --peeringdb FILE, --rir FILE\n"
	    "                 reference data (repeatable); without VRPs nothing\n"
	    "                 is RPKI Invalid, without relationships no leak is\n"
	    "                 found, without PeeringDB or IRR aut-nums contacts\n"
	    "                 have no data, without IANA registries no prefix is\n"
	    "                 a bogon (reserved ASNs always are), and the\n"
	    "                 summary says so.  VRP files with a date in their\n"
	    "                 name (YYYY-MM-DD or YYYYMMDD) are daily snapshots:\n"
	    "                 each day is judged by its own, else the nearest\n"
	    "                 earlier one; undated VRP files hold every day\n"
	    "  --rir FILE     an IANA registry (*.xml) or RIR delegated-extended\n"
	    "                 statistics file, for bogons (M3, M4) and the ASN\n"
	    "                 universe (repeatable)\n"
	    "  --spoofer FILE CAIDA Spoofer sessions (API JSON or CSV, Shadowserver\n"
	    "                 reports) for anti-spoofing (M5); ASes with no\n"
	    "                 session in the period have no data\n"
	    "  --month M      the calendar month M (UTC), e.g. 2015-04\n"
	    "  --from T, --to T\n"
	    "                 any period [T1, T2): YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ\n"
	    "                 or seconds since 1970\n"
	    "  --db FILE      the store (default: $MANRS_DB or manrs.db)\n"
	    "  --no-db        compute and print, store nothing\n"
	    "  --method FILE  scoring constants (key = value lines; see the\n"
	    "                 manual); --method-defaults prints them\n"
	    "  --json         the summary as one JSON object\n"
	    "  --through DAY  with --month: the month so far, up to and with\n"
	    "                 DAY (YYYY-MM-DD); replaces the month's earlier\n"
	    "                 runs in the store\n"
	    "  --state FILE   incremental runs: read FILE if it exists and\n"
	    "                 read only the MRT files it has not seen, then\n"
	    "                 write it again; run day by day with --through\n"
	    "                 and the same FILE over a growing data directory\n"
	    "                 (one FILE per month; a changed file is an error)\n"
	    "  --threads N    threads for reading MRT files (default: one per\n"
	    "                 CPU); the results are the same for any N\n"
	    "  --progress, --no-progress\n"
	    "                 a status line per stage and source on standard\n"
	    "                 error (rates, bytes read, ETA): by default only\n"
	    "                 when it is a terminal\n"
	    "  -q             no progress on standard error\n"
	    "  -v             say more\n"
	    "\n"
	    "Exit status: 0 on success, 1 if a source or the store failed, 2 on\n"
	    "a usage error.\n");
}

static void
note_warn(void *ctx, const char *msg)
{
	log_warnx("%s: %s", (const char *)ctx, msg);
}

/*
 * The participants file (DIR/participants.{json,toml,csv}, or the
 * config's) into the store (only read without one), counted in p.  Who takes part is primary data: the import adds and
 * updates, never drops (manrs participants import --replace does).  A file
 * with errors is not imported and the run goes on; the summary says so.
 * Two such files would be two answers to one question: neither is used.
 */
static void
participants_step(const struct observe_inputs *in, const char *db,
    struct observe_summary *p)
{
	struct participants ps;
	struct part_import_stats st;
	struct store *s;
	struct diag d;
	char *path;
	char err[512];
	size_t i, found = in->nparticipants;
	int rc;

	if (found == 0)
		return;
	path = in->participants[0].path;
	if (found > 1) {
		log_warnx("%s and %s: two participants files: neither is "
		    "imported", path, in->participants[1].path);
		p->src[SRC_PARTICIPANTS].files += found;
		tally_skip(&p->src[SRC_PARTICIPANTS], "several participants "
		    "files: none imported", found);
		return;
	}
	participants_init(&ps);
	participants_diag_init(&d, path);
	rc = participants_read_file(&ps, path, &d);
	if (rc < 0)
		tally_first(&p->src[SRC_PARTICIPANTS], d.fatal);
	summary_diag(p, SRC_PARTICIPANTS, &d, ps.n);
	if (rc != 0) {
		log_warnx("%s: %s: not imported", path, rc < 0 ? d.fatal :
		    "not valid");
		goto out;
	}
	p->participants = ps.n;
	for (i = 0; i < ps.n; i++)
		p->participant_asns += ps.p[i].nasns;
	if (db == NULL)
		goto out;
	if ((s = store_open(db, err, sizeof(err))) == NULL)
		log_warnx("%s", err);
	else if (!participants_import(s, &ps, false, note_warn, path, &st,
	    err, sizeof(err)))
		log_warnx("%s: %s: not imported", path, err);
	store_close(s);
out:
	participants_free(&ps);
}

/* --through DAY: o->to becomes the end of DAY, which must be in month. */
static bool
month_through(const char *month, const char *day, struct observe_opts *o)
{
	int64_t t;

	if (!utc_parse(day, &t) || t % 86400 != 0 || t < o->from ||
	    t >= o->to) {
		fprintf(stderr, "manrs observe: --through %s: expected a day "
		    "(YYYY-MM-DD) of %s\n", day, month);
		return false;
	}
	o->to = t + 86400;
	return true;
}

int
cmd_observe(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "data", required_argument, NULL, 'D' },
		{ "config", required_argument, NULL, 'C' },
		{ "mrt", required_argument, NULL, 'm' },
		{ "collector", required_argument, NULL, 'c' },
		{ "vrps", required_argument, NULL, 'r' },
		{ "irr", required_argument, NULL, 'i' },
		{ "asrel", required_argument, NULL, 'a' },
		{ "peeringdb", required_argument, NULL, 'p' },
		{ "rir", required_argument, NULL, 'R' },
		{ "spoofer", required_argument, NULL, 'S' },
		{ "month", required_argument, NULL, 'M' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "db", required_argument, NULL, 'd' },
		{ "no-db", no_argument, NULL, 'N' },
		{ "method", required_argument, NULL, 'x' },
		{ "method-defaults", no_argument, NULL, 'X' },
		{ "json", no_argument, NULL, 'j' },
		{ "threads", required_argument, NULL, 'T' },
		{ "state", required_argument, NULL, 's' },
		{ "through", required_argument, NULL, 'u' },
		{ "progress", no_argument, NULL, 'P' },
		{ "no-progress", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct observe_inputs in;
	struct observe_opts o;
	struct observe_summary sum, parts;
	struct method m;
	const char *data = NULL, *config = NULL, *collector = NULL;
	const char *month = NULL, *through = NULL;
	const char *dbpath = NULL, *merr;
	char err[1024], period[64];
	bool nodb = false, json = false, quiet = false, have_from = false;
	bool have_to = false, force_progress = false;
	int c, rc;

	memset(&in, 0, sizeof(in));
	memset(&o, 0, sizeof(o));
	method_defaults(&m);
	while ((c = getopt_long(argc, argv, "hqv", opts, NULL)) != -1) {
		switch (c) {
		case 'D':
			data = optarg;
			break;
		case 'C':
			config = optarg;
			break;
		case 'm':
			observe_add_source(&in.mrt, &in.nmrt, optarg,
			    collector);
			break;
		case 'c':
			collector = optarg;
			break;
		case 'r':
			observe_add_source(&in.vrps, &in.nvrps, optarg, NULL);
			break;
		case 'i':
			observe_add_source(&in.irr, &in.nirr, optarg, NULL);
			break;
		case 'a':
			observe_add_source(&in.asrel, &in.nasrel, optarg, NULL);
			break;
		case 'p':
			observe_add_source(&in.pdb, &in.npdb, optarg, NULL);
			break;
		case 'R':
			observe_add_source(&in.rir, &in.nrir, optarg, NULL);
			break;
		case 'S':
			observe_add_source(&in.spoofer, &in.nspoofer, optarg,
			    NULL);
			break;
		case 'M':
			month = optarg;
			break;
		case 'f':
			if (!utc_parse(optarg, &o.from))
				goto badtime;
			have_from = true;
			break;
		case 't':
			if (!utc_parse(optarg, &o.to))
				goto badtime;
			have_to = true;
			break;
		case 'd':
			dbpath = optarg;
			break;
		case 'N':
			nodb = true;
			break;
		case 'x':
			if (!method_load(&m, optarg, &merr)) {
				fprintf(stderr, "manrs observe: %s\n", merr);
				rc = 2;
				goto done;
			}
			break;
		case 'X':
			method_print(&m, stdout);
			rc = 0;
			goto done;
		case 'j':
			json = true;
			break;
		case 's':
			o.state = optarg;
			break;
		case 'u':
			through = optarg;
			break;
		case 'T': {
			char *end;
			unsigned long n = strtoul(optarg, &end, 10);

			if (*optarg < '1' || *optarg > '9' || *end != '\0' ||
			    n > 64) {
				fprintf(stderr, "manrs observe: --threads %s: "
				    "expected 1 to 64\n", optarg);
				rc = 2;
				goto done;
			}
			o.threads = (unsigned)n;
			break;
		}
		case 'P':
			force_progress = true;
			quiet = false;
			break;
		case 'q':
			quiet = true;
			force_progress = false;
			break;
		case 'v':
			log_verbose++;
			break;
		case 'h':
			usage(stdout);
			rc = 0;
			goto done;
		default:
			usage(stderr);
			rc = 2;
			goto done;
		}
	}
	if (optind != argc ||
	    (data == NULL && config == NULL) == (in.nmrt == 0) ||
	    (month != NULL) == (have_from || have_to) ||
	    (month == NULL && !(have_from && have_to))) {
		fprintf(stderr, "manrs observe: give --data, --config or "
		    "--mrt, and --month or both --from and --to\n");
		usage(stderr);
		rc = 2;
		goto done;
	}
	if (month != NULL) {
		if (!utc_parse_month(month, &o.from, &o.to)) {
			fprintf(stderr, "manrs observe: --month %s: expected "
			    "YYYY-MM\n", month);
			rc = 2;
			goto done;
		}
		snprintf(period, sizeof(period), "%s", month);
		if (through != NULL && !month_through(month, through, &o)) {
			rc = 2;
			goto done;
		}
	} else if (through != NULL) {
		fprintf(stderr, "manrs observe: --through goes with --month\n");
		rc = 2;
		goto done;
	} else {
		if (o.to <= o.from) {
			fprintf(stderr, "manrs observe: --to must be after "
			    "--from\n");
			rc = 2;
			goto done;
		}
		utc_fmt(o.from, period, 21);
		period[20] = '/';
		utc_fmt(o.to, period + 21, sizeof(period) - 21);
	}
	if (data != NULL && config != NULL) {
		fprintf(stderr, "manrs observe: --data and --config both name "
		    "the sources; give one\n");
		rc = 2;
		goto done;
	}
	if (config != NULL && !observe_config(config, &in, err,
	    sizeof(err))) {
		fprintf(stderr, "manrs observe: %s\n", err);
		rc = 1;
		goto done;
	}
	if (data != NULL && !observe_scan(data, &in, err, sizeof(err))) {
		fprintf(stderr, "manrs observe: %s\n", err);
		rc = 1;
		goto done;
	}
	o.period = period;
	o.method = &m;
	o.db = nodb ? NULL : cli_db_path(dbpath);
	memset(&parts, 0, sizeof(parts));
	participants_step(&in, o.db, &parts);
	if (force_progress || (!quiet && isatty(STDERR_FILENO)))
		o.progress = progress_new(stderr);
	o.writer = "manrs " MANRS_VERSION;
	rc = observe_run(&in, &o, &sum, err, sizeof(err));
	progress_free(o.progress);	/* wipes its line */
	if (rc != 0) {
		fprintf(stderr, "manrs observe: %s\n", err);
		rc = 1;
		goto done;
	}
	sum.src[SRC_PARTICIPANTS] = parts.src[SRC_PARTICIPANTS];
	sum.participants = parts.participants;
	sum.participant_asns = parts.participant_asns;
	if (json)
		summary_json(stdout, &sum, period, o.db);
	else
		summary_print(stdout, &sum, period, o.db);
	rc = 0;
	goto done;
badtime:
	fprintf(stderr, "manrs observe: bad time %s: expected YYYY-MM-DD, "
	    "YYYY-MM-DDTHH:MM:SSZ or seconds\n", optarg);
	rc = 2;
done:
	observe_inputs_free(&in);
	return rc;
}
