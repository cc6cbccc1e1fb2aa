/*
 * manrs participants: check a participants file (docs/participants.md)
 * and list who operates which ASNs.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "cli.h"
#include "formats/participants.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs participants [-v] FILE\n"
	    "\n"
	    "Checks a participants file (JSON, see docs/participants.md): every\n"
	    "unknown or repeated key, wrong type, bad ASN, e-mail address or\n"
	    "date, and every ASN or organisation listed twice is reported\n"
	    "with the file and line.  When the file is valid, prints one line\n"
	    "per ASN:\n"
	    "\n"
	    "    ASN PROGRAM ORGANISATION\n"
	    "\n"
	    "Exit status: 0 if the file is valid, 1 if it has errors or cannot\n"
	    "be read, 2 on a usage error.\n");
}

int
cmd_participants(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct participants ps;
	struct diag d;
	char sum[256];
	size_t i, j;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (ch) {
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
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	participants_init(&ps);
	participants_diag_init(&d, argv[optind]);
	rc = participants_read_file(&ps, argv[optind], &d);
	if (rc < 0)
		log_warnx("%s", d.fatal);
	else if (rc > 0) {
		diag_summary(&d, sum, sizeof(sum));
		log_warnx("%s: not valid: %s", argv[optind], sum);
	} else
		for (i = 0; i < ps.n; i++)
			for (j = 0; j < ps.p[i].nasns; j++)
				printf("%u %s %s\n", ps.p[i].asns[j],
				    manrs_program_name(ps.p[i].program),
				    ps.p[i].org);
	participants_free(&ps);
	return rc == 0 ? 0 : 1;
}
