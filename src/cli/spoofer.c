/*
 * manrs spoofer: per-AS anti-spoofing summary from CAIDA Spoofer session
 * records (API JSON or CSV, or Shadowserver reports).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "cli.h"
#include "formats/spoofer.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs spoofer [--from TIME] [--to TIME] [--sessions] [-v]\n"
	    "                     FILE...\n"
	    "\n"
	    "Reads CAIDA Spoofer session records and prints, per AS,\n"
	    "\n"
	    "    ASN SESSIONS ROUTED PRIVATE CLIENTS LATEST LATEST_SESSION\n"
	    "\n"
	    "SESSIONS tests in the period, ROUTED and PRIVATE how many got a\n"
	    "packet with a spoofed routed or private (RFC 1918) source out of\n"
	    "the network (\"received\"), CLIENTS the distinct client prefixes\n"
	    "that did (MANRS metric M5), and the time and id of the latest\n"
	    "session.  Files may be the CAIDA Spoofer API's JSON (a hydra\n"
	    "collection, an array, or one session per line), CSV with the\n"
	    "API's field names, or Shadowserver's caida_ip_spoofer and\n"
	    "event4_ip_spoofer reports, told from the content.\n"
	    "\n"
	    "  --from TIME   only sessions at or after TIME (2024-01-01T00:00:00Z)\n"
	    "  --to TIME     only sessions before TIME\n"
	    "  --sessions    print each session instead:\n"
	    "                SESSION TIME ASN CLIENT NAT ROUTED PRIVATE\n"
	    "  -v            say more on stderr\n"
	    "\n"
	    "Exit status: 0 on success, 1 on unreadable input, 2 on a usage\n"
	    "error.  Bad records are reported with file and line and skipped.\n");
}

static void
put_time(int64_t t, char buf[80])
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t secs = t - days * 86400, z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	long long y = (long long)(yoe + era * 400) + (m <= 2);

	snprintf(buf, 80, "%04lld-%02u-%02uT%02u:%02u:%02uZ", y, m, d,
	    (unsigned)(secs / 3600), (unsigned)(secs / 60 % 60),
	    (unsigned)(secs % 60));
}

static const char *
nat_name(unsigned nat)
{
	return nat == SPOOF_NAT_YES ? "nat" : nat == SPOOF_NAT_NO ? "no-nat" :
	    "-";
}

static const char *
outcome(unsigned o)
{
	return o == SPOOF_NONE ? "-" : spoof_outcome_name(o);
}

int
cmd_spoofer(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "sessions", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct spoofer_set set;
	struct spoofer_asn *a;
	int64_t from = INT64_MIN, to = INT64_MAX;
	bool sessions = false;
	int ch, i, rc = 0;
	size_t n, j;

	while ((ch = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
		case 't':
			if (!spoofer_parse_time(optarg, strlen(optarg),
			    ch == 'f' ? &from : &to)) {
				log_warnx("spoofer: '%s' is not a time like "
				    "2024-01-01T00:00:00Z", optarg);
				return 2;
			}
			break;
		case 's':
			sessions = true;
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
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	spoofer_set_init(&set);
	for (i = optind; i < argc; i++) {
		struct diag d;
		char sum[256];

		spoofer_diag_init(&d, argv[i]);
		if (spoofer_read_file(&set, argv[i], &d) != 0) {
			log_warnx("%s", d.fatal);
			rc = 1;
			continue;
		}
		log_info("%s: %s", argv[i], spoofer_format_name(set.format));
		diag_summary(&d, sum, sizeof(sum));
		if (sum[0] != '\0')
			log_warnx("%s: %s", argv[i], sum);
	}
	if (sessions) {
		for (j = 0; j < set.n; j++) {
			const struct spoofer_rec *r = &set.r[j];
			char t[80], p[PREFIX_STRLEN];

			if (r->time < from || r->time >= to)
				continue;
			put_time(r->time, t);
			prefix_fmt(&r->client, p);
			printf("%llu %s %u %s %s %s %s\n",
			    (unsigned long long)r->session, t, r->asn, p,
			    nat_name(r->nat), outcome(r->routed),
			    outcome(r->priv));
		}
	} else {
		n = spoofer_summarize(&set, from, to, &a);
		for (j = 0; j < n; j++) {
			char t[80];

			put_time(a[j].latest, t);
			printf("%u %u %u %u %u %s %llu\n", a[j].asn,
			    a[j].sessions, a[j].routed_received,
			    a[j].private_received, a[j].spoofing_clients, t,
			    (unsigned long long)a[j].latest_session);
		}
		free(a);
	}
	spoofer_set_free(&set);
	return rc;
}
