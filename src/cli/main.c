/* manrs: the command dispatcher. */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "cli.h"

static const struct command {
	const char	*name;
	int		(*run)(int, char **);
	const char	*summary;
} commands[] = {
	{ "observe", cmd_observe, "measure and score every AS over a period (the main job)" },
	{ "asrel", cmd_asrel, "AS relationships and customer cones (CAIDA as-rel)" },
	{ "irr", cmd_irr, "IRR route objects: RIR vs non-auth registries, as-set expansion" },
	{ "bogons", cmd_bogons, "bogon prefixes and ASNs: check, list, compare with Team Cymru" },
	{ "mrt", cmd_mrt, "decode MRT routing archives (bgpdump -m compatible)" },
	{ "peeringdb", cmd_peeringdb, "PeeringDB: a network's org, contacts, IX ports, siblings" },
	{ "participants", cmd_participants, "check a MANRS participants file" },
	{ "rov", cmd_rov, "route origin validation (RFC 6811) against VRP lists" },
	{ "rtr", cmd_rtr, "fetch or follow the VRP set of an RTR cache (RFC 8210)" },
	{ "report", cmd_report, "the monthly conformance report of an AS (md, html, json)" },
	{ "conformance", cmd_conformance,
	    "conformant on each of the last N days, and why not" },
	{ "serve", cmd_serve, "the JSON API and /metrics over HTTP" },
	{ "audit", cmd_audit,
	    "check a MANRS application: pass or fail per action, what is missing" },
	{ "asn", cmd_asn, "everything known about an AS (IRR Explorer style)" },
	{ "prefix", cmd_prefix, "everything known about a prefix (IRR Explorer style)" },
	{ "stats", cmd_stats,
	    "labels per action, participants, RPKI/IRR shares by region" },
	{ "feed", cmd_feed, "a STIX 2.1 bundle of a month's incidents and reports" },
	{ "dispute", cmd_dispute, "open and resolve disputes of incidents" },
	{ "token", cmd_token, "API tokens for operators and auditors" },
	{ "db", cmd_db, "store maintenance: info, migrate, backup" },
	{ "roa-history", cmd_roa_history,
	    "ROA history: VRPs and ROV state of a prefix over time" },
	{ "rpki", cmd_rpki, "show RPKI objects; VRPs of a directory of ROAs" },
	{ "spoofer", cmd_spoofer, "anti-spoofing per AS from CAIDA Spoofer sessions" },
};

static void
usage(FILE *fp)
{
	size_t i;

	fprintf(fp,
	    "usage: manrs <command> [options] [args]\n"
	    "\n"
	    "manrs measures how networks follow MANRS (Mutually Agreed Norms\n"
	    "for Routing Security) from public routing data.\n"
	    "\n"
	    "commands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(fp, "  %-12s %s\n", commands[i].name,
		    commands[i].summary);
	fprintf(fp,
	    "\n"
	    "Run 'manrs <command> --help' for a command's options.\n");
}

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("manrs %s\n", MANRS_VERSION);
		return 0;
	}
	/*
	 * SQLite's allocation statistics take a global mutex on every
	 * malloc (a tenth of observe's store stage) and nothing reads them;
	 * set before any connection opens.
	 */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "manrs: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
