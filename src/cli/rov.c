/*
 * manrs rov: route origin validation (RFC 6811) of "PREFIX ASN" lines
 * against VRP lists.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/limits.h"
#include "base/log.h"
#include "base/outbuf.h"
#include "cli.h"
#include "formats/slurm.h"
#include "formats/vrp.h"
#include "io/reader.h"
#include "net/asn.h"
#include "rpki/rov.h"
#include "rpki/slurm_apply.h"
#include "rpki/rtr.h"

/* A route line is "PREFIX ASN"; anything this long is not one. */
#define ROUTE_LINE_MAX	1024
/* Covering VRPs listed per route in --json. */
#define JSON_COVERING_MAX	64
/* How long --rtr waits for the cache's first complete set. */
#define RTR_FETCH_TIMEOUT_MS	30000

enum { N_VALID, N_INVALID_AS, N_INVALID_LENGTH, N_NOT_FOUND, N_MAX };

struct rov_cmd {
	const struct rov	*rov;
	struct outbuf		 out;
	bool			 json, summary;
	uint64_t		 n[N_MAX];
	uint64_t		 bad;
	bool			 slurm;
	struct slurm_counts	 sc;
	struct vrp		 cov[JSON_COVERING_MAX];
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs rov --vrps FILE [--vrps FILE...] [--rtr HOST:PORT]\n"
	    "                 [--slurm FILE] [--slurm-lax] [--routes FILE]\n"
	    "                 [--summary] [--json] [--strict] [-v]\n"
	    "\n"
	    "Route origin validation (RFC 6811).  Reads routes, one \"PREFIX ASN\"\n"
	    "per line (the ASN as 65000 or AS65000; blank lines and lines\n"
	    "starting with # are skipped), and prints for each\n"
	    "\n"
	    "    PREFIX ASN STATE[ REASON]\n"
	    "\n"
	    "with STATE valid, invalid or not-found, and for invalid routes the\n"
	    "REASON: \"as\" (no covering VRP has the origin AS) or \"length\" (one\n"
	    "has it, but its maxLength is shorter than the route).  An AS0 VRP\n"
	    "covers but never validates; origin 0 (an AS_SET at the end of the\n"
	    "path) never matches.\n"
	    "\n"
	    "  --vrps FILE    VRP list: rpki-client or StayRTR/gortr JSON,\n"
	    "                 Routinator/RIPE CSV or rpki.net scan_roas text,\n"
	    "                 told from the content; plain or compressed with\n"
	    "                 gzip, bzip2, xz or zstd.  May be repeated.\n"
	    "  --rtr HOST:PORT  also (or instead) the VRP set of an RTR cache\n"
	    "                 (RFC 8210, plain TCP; [IPV6]:PORT), fetched once;\n"
	    "                 exit 1 at once if it sends no complete set in 30 s\n"
	    "  --slurm FILE   local exceptions (RFC 8416 SLURM JSON): its prefix\n"
	    "                 filters remove the VRPs they match, then its\n"
	    "                 prefix assertions are added; BGPsec filters and\n"
	    "                 assertions are applied to router keys and counted.\n"
	    "                 The file is read strictly (unknown members, host\n"
	    "                 bits, bad maxPrefixLength... are errors); a file\n"
	    "                 with any error is not used and rov exits 1.\n"
	    "  --slurm-lax    for exports that do not follow RFC 8416 (DN42's\n"
	    "                 adds \"source\" and \"mnt-by\"): ignore members\n"
	    "                 the RFC does not define and skip bad entries,\n"
	    "                 reporting and counting both\n"
	    "  --routes FILE  routes to validate (default: standard input, \"-\")\n"
	    "  --summary      print only the counts per state\n"
	    "  --json         one JSON object per route (NDJSON) with the\n"
	    "                 covering VRPs; with --summary, one object\n"
	    "  --strict       exit 1 if any VRP record or route line was bad\n"
	    "                 (by default such problems are reported on stderr,\n"
	    "                 counted, and validation goes on)\n"
	    "  -v             say more on stderr (twice: every rejected VRP)\n"
	    "\n"
	    "Exit status: 0 on success, 1 on unreadable input (or any problem\n"
	    "with --strict), 2 on a usage error.\n");
}

static void
put_prefix(struct outbuf *ob, const struct prefix *p)
{
	char buf[PREFIX_STRLEN];

	ob_write(ob, buf, prefix_fmt(p, buf));
}

static void
put_route(struct rov_cmd *m, const struct prefix *p, uint32_t asn)
{
	struct outbuf *ob = &m->out;
	enum rov_reason why;
	enum rov_state st = rov_validate(m->rov, p, asn, &why);
	char buf[PREFIX_STRLEN];
	size_t i, n;

	switch (st) {
	case ROV_VALID:
		m->n[N_VALID]++;
		break;
	case ROV_INVALID:
		m->n[why == ROV_REASON_LENGTH ? N_INVALID_LENGTH :
		    N_INVALID_AS]++;
		break;
	default:
		m->n[N_NOT_FOUND]++;
	}
	if (m->summary)
		return;
	if (!m->json) {
		put_prefix(ob, p);
		ob_char(ob, ' ');
		ob_u32(ob, asn);
		ob_char(ob, ' ');
		ob_str(ob, rov_state_str(st));
		if (st == ROV_INVALID) {
			ob_char(ob, ' ');
			ob_str(ob, rov_reason_str(why));
		}
		ob_char(ob, '\n');
		return;
	}
	ob_str(ob, "{\"prefix\":");
	ob_json_str(ob, buf, prefix_fmt(p, buf));
	ob_str(ob, ",\"asn\":");
	ob_u32(ob, asn);
	ob_str(ob, ",\"state\":\"");
	ob_str(ob, rov_state_str(st));
	ob_char(ob, '"');
	if (st == ROV_INVALID) {
		ob_str(ob, ",\"reason\":\"");
		ob_str(ob, rov_reason_str(why));
		ob_char(ob, '"');
	}
	n = rov_covering(m->rov, p, m->cov, JSON_COVERING_MAX);
	ob_str(ob, ",\"covering\":[");
	for (i = 0; i < n && i < JSON_COVERING_MAX; i++) {
		if (i > 0)
			ob_char(ob, ',');
		ob_str(ob, "{\"asn\":");
		ob_u32(ob, m->cov[i].asn);
		ob_str(ob, ",\"prefix\":");
		ob_json_str(ob, buf, prefix_fmt(&m->cov[i].pfx, buf));
		ob_str(ob, ",\"maxLength\":");
		ob_u32(ob, m->cov[i].maxlen);
		ob_char(ob, '}');
	}
	ob_char(ob, ']');
	if (n > JSON_COVERING_MAX) {
		ob_str(ob, ",\"covering_total\":");
		ob_u64(ob, n);
	}
	ob_str(ob, "}\n");
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* One route line; false (after saying why) if it is malformed. */
static bool
route_line(struct rov_cmd *m, const char *name, uint64_t lineno,
    const char *s, size_t n)
{
	const char *why = NULL, *a, *b;
	struct prefix p;
	uint32_t asn;
	size_t i = 0, an, bn;

	while (i < n && is_blank(s[i]))
		i++;
	if (i == n || s[i] == '#')
		return true;
	a = s + i;
	while (i < n && !is_blank(s[i]))
		i++;
	an = (size_t)(s + i - a);
	while (i < n && is_blank(s[i]))
		i++;
	b = s + i;
	while (i < n && !is_blank(s[i]))
		i++;
	bn = (size_t)(s + i - b);
	while (i < n && is_blank(s[i]))
		i++;
	if (bn == 0 || i != n) {
		log_warnx("%s: line %llu: expected \"PREFIX ASN\"", name,
		    (unsigned long long)lineno);
		return false;
	}
	if (!prefix_parse(a, an, &p, &why)) {
		log_warnx("%s: line %llu: bad prefix '%.*s': %s", name,
		    (unsigned long long)lineno, (int)(an > 60 ? 60 : an), a,
		    why);
		return false;
	}
	if (!asn_parse(b, bn, &asn, &why)) {
		log_warnx("%s: line %llu: bad AS number '%.*s': %s", name,
		    (unsigned long long)lineno, (int)(bn > 40 ? 40 : bn), b,
		    why);
		return false;
	}
	put_route(m, &p, asn);
	return true;
}

/* Returns false if the input could not be read to its end. */
static bool
read_routes(struct rov_cmd *m, const char *path)
{
	char err[512];
	struct reader *rd = reader_open(path, err, sizeof(err));
	const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
	const char *rerr;
	uint64_t lineno = 0;
	bool ok = true, skip = false;

	if (rd == NULL) {
		log_warnx("%s", err);
		return false;
	}
	for (;;) {
		const uint8_t *p;
		const char *nl;
		size_t avail = reader_peek(rd, ROUTE_LINE_MAX + 1, &p), n;

		if (avail == 0)
			break;
		nl = memchr(p, '\n', avail);
		if (skip) {
			/* The rest of an overlong line. */
			reader_consume(rd, nl != NULL ? (size_t)(nl -
			    (const char *)p) + 1 : avail);
			skip = nl == NULL;
			continue;
		}
		lineno++;
		n = nl != NULL ? (size_t)(nl - (const char *)p) : avail;
		if (n > ROUTE_LINE_MAX) {
			log_warnx("%s: line %llu: longer than %u bytes", name,
			    (unsigned long long)lineno, ROUTE_LINE_MAX);
			m->bad++;
			reader_consume(rd, nl != NULL ? n + 1 : n);
			skip = nl == NULL;
			continue;
		}
		if (memchr(p, '\0', n) != NULL) {
			log_warnx("%s: line %llu: NUL byte", name,
			    (unsigned long long)lineno);
			m->bad++;
		} else if (!route_line(m, name, lineno, (const char *)p, n))
			m->bad++;
		reader_consume(rd, nl != NULL ? n + 1 : n);
	}
	if ((rerr = reader_error(rd)) != NULL) {
		log_warnx("%s", rerr);
		ok = false;
	}
	reader_close(rd);
	return ok;
}

static void
print_summary(struct rov_cmd *m)
{
	const struct {
		const char	*json, *text;
		uint64_t	 v;
	} rows[] = {
		{ "routes", "routes", m->n[N_VALID] + m->n[N_INVALID_AS] +
		    m->n[N_INVALID_LENGTH] + m->n[N_NOT_FOUND] },
		{ "valid", "valid", m->n[N_VALID] },
		{ "invalid", "invalid", m->n[N_INVALID_AS] +
		    m->n[N_INVALID_LENGTH] },
		{ "invalid_as", "invalid-as", m->n[N_INVALID_AS] },
		{ "invalid_length", "invalid-length", m->n[N_INVALID_LENGTH] },
		{ "not_found", "not-found", m->n[N_NOT_FOUND] },
		{ "bad_lines", "bad-lines", m->bad },
		{ "slurm_filtered", "slurm-filtered", m->sc.vrps_filtered },
		{ "slurm_added", "slurm-added", m->sc.vrps_added },
	};
	struct outbuf *ob = &m->out;
	size_t i, nrows = sizeof(rows) / sizeof(rows[0]);

	if (!m->slurm)
		nrows -= 2;	/* the SLURM rows */
	for (i = 0; i < nrows; i++) {
		if (m->json) {
			ob_str(ob, i == 0 ? "{\"" : ",\"");
			ob_str(ob, rows[i].json);
			ob_str(ob, "\":");
		} else {
			ob_str(ob, rows[i].text);
			ob_char(ob, ' ');
		}
		ob_u64(ob, rows[i].v);
		if (!m->json)
			ob_char(ob, '\n');
	}
	if (m->json)
		ob_str(ob, "}\n");
}

/* Read one VRP file into set; false if it could not be read. */
static bool
load_vrps(const char *path, struct vrp_set *set, bool *problems)
{
	struct vrp_errors err;
	size_t before = set->nvrps, keys_before = set->nkeys;
	unsigned i;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = vrp_read(path, set, &err);
	if (rc != 0)
		log_warnx("%s", err.fatal);
	for (i = 0; i < VRP_REJ_MAX; i++)
		if (err.rejected[i] > 0)
			log_warnx("%s: rejected %llu: %s", path,
			    (unsigned long long)err.rejected[i],
			    vrp_reject_str((enum vrp_reject)i));
	if (err.tas_dropped > 0)
		log_warnx("%s: %llu VRPs kept without their trust anchor name "
		    "(more than %u names)", path,
		    (unsigned long long)err.tas_dropped, MAX_VRP_TAS - 1);
	if (err.total > 0)
		*problems = true;
	log_info("%s: %s, %zu VRPs, %zu router keys", path,
	    vrp_format_name(set->format), set->nvrps - before,
	    set->nkeys - keys_before);
	return rc == 0;
}

/* Read a SLURM file and apply it to set; false if it could not be used. */
static bool
apply_slurm(const char *path, unsigned flags, struct vrp_set *set,
    struct slurm_counts *sc, bool *problems)
{
	struct slurm_errors err;
	struct slurm sl;

	memset(&err, 0, sizeof(err));
	if (slurm_read(path, flags, &sl, &err) != 0) {
		log_warnx("%s: %llu problem%s, SLURM file not used", path,
		    (unsigned long long)err.errors, err.errors == 1 ? "" : "s");
		return false;
	}
	if (err.ignored > 0)
		log_warnx("%s: %llu members that RFC 8416 does not define "
		    "ignored", path, (unsigned long long)err.ignored);
	if (err.skipped > 0)
		log_warnx("%s: %llu bad entries skipped", path,
		    (unsigned long long)err.skipped);
	if (err.ignored > 0 || err.skipped > 0)
		*problems = true;
	slurm_apply(&sl, set, sc);
	log_info("%s: SLURM: %zu VRPs filtered, %zu added (%zu already "
	    "present); router keys: %zu filtered, %zu added (%zu already "
	    "present)", path, sc->vrps_filtered, sc->vrps_added,
	    sc->vrps_present, sc->keys_filtered, sc->keys_added,
	    sc->keys_present);
	if (sc->over_limit > 0)
		log_warnx("%s: %zu assertions not added (over a size limit)",
		    path, sc->over_limit);
	slurm_free(&sl);
	return sc->over_limit == 0;
}

int
cmd_rov(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "vrps", required_argument, NULL, 'V' },
		{ "slurm", required_argument, NULL, 'L' },
		{ "slurm-lax", no_argument, NULL, 'U' },
		{ "routes", required_argument, NULL, 'r' },
		{ "rtr", required_argument, NULL, 'T' },
		{ "summary", no_argument, NULL, 'S' },
		{ "json", no_argument, NULL, 'j' },
		{ "strict", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *vrps[64], *routes = "-", *slurm = NULL;
	const char *host = NULL, *port = NULL;
	char rtrerr[RTR_ERRMSG];
	unsigned slurm_flags = 0;
	struct vrp_set set;
	struct rov_cmd m;
	struct rov *rov;
	bool strict = false, failed = false, problems = false;
	int ch, nvrps = 0, i;

	memset(&m, 0, sizeof(m));
	while ((ch = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'V':
			if (nvrps == (int)(sizeof(vrps) / sizeof(vrps[0]))) {
				fprintf(stderr, "manrs rov: too many --vrps\n");
				return 2;
			}
			vrps[nvrps++] = optarg;
			break;
		case 'L':
			if (slurm != NULL) {
				fprintf(stderr, "manrs rov: one --slurm only\n");
				return 2;
			}
			slurm = optarg;
			break;
		case 'U':
			slurm_flags |= SLURM_IGNORE_UNKNOWN | SLURM_SKIP_BAD;
			break;
		case 'r':
			routes = optarg;
			break;
		case 'T':
			if (!rtr_split_hostport(optarg, &host, &port)) {
				fprintf(stderr, "manrs rov: --rtr wants HOST:PORT "
				    "or [IPV6]:PORT, not '%s'\n", optarg);
				return 2;
			}
			break;
		case 'S':
			m.summary = true;
			break;
		case 'j':
			m.json = true;
			break;
		case 's':
			strict = true;
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
	if (optind < argc) {
		fprintf(stderr, "manrs rov: unexpected argument '%s'\n",
		    argv[optind]);
		usage(stderr);
		return 2;
	}
	if (nvrps == 0 && host == NULL) {
		fprintf(stderr, "manrs rov: no --vrps file or --rtr cache\n");
		usage(stderr);
		return 2;
	}
	vrp_set_init(&set);
	for (i = 0; i < nvrps; i++)
		if (!load_vrps(vrps[i], &set, &problems))
			failed = true;
	if (host != NULL) {
		size_t before = set.nvrps;

		if (rtr_fetch(host, port, RTR_FETCH_TIMEOUT_MS, &set,
		    rtrerr) != 0) {
			log_warnx("%s", rtrerr);
			vrp_set_free(&set);
			return 1;
		}
		log_info("%s:%s: %zu VRPs", host, port, set.nvrps - before);
	}
	if (slurm != NULL) {
		m.slurm = true;
		if (!apply_slurm(slurm, slurm_flags, &set, &m.sc,
		    &problems)) {
			vrp_set_free(&set);
			return 1;
		}
	}
	rov = rov_build(set.vrps, set.nvrps);
	log_info("%zu distinct VRPs (%zu duplicates), %zu bytes",
	    rov_count(rov), rov_duplicates(rov), rov_memory(rov));
	vrp_set_free(&set);
	m.rov = rov;
	ob_init_fd(&m.out, STDOUT_FILENO, 1024 * 1024);
	if (!read_routes(&m, routes))
		failed = true;
	if (m.bad > 0) {
		log_warnx("%s: %llu bad route lines skipped",
		    strcmp(routes, "-") == 0 ? "stdin" : routes,
		    (unsigned long long)m.bad);
		problems = true;
	}
	if (m.summary)
		print_summary(&m);
	ob_flush(&m.out);
	if (m.out.error) {
		log_warnx("write error on standard output");
		failed = true;
	}
	ob_free(&m.out);
	rov_free(rov);
	if (failed || (strict && problems))
		return 1;
	return 0;
}
