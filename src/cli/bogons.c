/*
 * manrs bogons: bogon prefixes and ASNs from the IANA registries and RIR
 * statistics; why a prefix or ASN is a bogon, lists, and a comparison with
 * Team Cymru's fullbogons.
 */
#include <dirent.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "cli.h"
#include "formats/iana.h"
#include "formats/prefixlist.h"
#include "formats/rirstats.h"
#include "net/asn.h"
#include "ref/bogon_model.h"
#include "ref/bogons.h"

#define DEFAULT_DATA	"../shared/data/rir"
#define MAX_INPUTS	BOGON_MAX_INPUTS
#define CHECK_HITS	8

struct input {
	const char	*iana[MAX_INPUTS], *rir[MAX_INPUTS], *cymru[MAX_INPUTS];
	unsigned	 niana, nrir, ncymru;
	char		*owned[2 * MAX_INPUTS];	/* paths built from --data */
	unsigned	 nowned;
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs bogons check [data options] PREFIX|ASN...\n"
	    "       manrs bogons list [data options] [--full|--admin|--all]\n"
	    "                         [--family 4|6] [--asn] [--reasons]\n"
	    "       manrs bogons compare [data options] --cymru FILE...\n"
	    "                         [--examples N]\n"
	    "\n"
	    "Bogons are addresses and AS numbers that should never be seen in\n"
	    "global BGP.  manrs tells two kinds apart:\n"
	    "\n"
	    "  full   IANA level: special-purpose space that is not Globally\n"
	    "         Reachable (RFC 1918, documentation, loopback, ...), IPv4\n"
	    "         /8s IANA lists as RESERVED or UNALLOCATED (multicast,\n"
	    "         240/4, ...), IPv6 outside 2000::/3 or inside it but not\n"
	    "         allocated by IANA; reserved ASNs (0, 23456, private and\n"
	    "         documentation ranges, 65535, 4294967295, ...).\n"
	    "  admin  RIR level: space and ASNs an RIR lists as available or\n"
	    "         reserved (delegated to nobody yet).\n"
	    "\n"
	    "Team Cymru's \"fullbogons\" corresponds to full + admin.\n"
	    "\n"
	    "check    for each PREFIX or ASN (AS65000, 65000), or each line of\n"
	    "         standard input when none is given: whether it is a bogon,\n"
	    "         of which kind, which registry entry says so (file and\n"
	    "         line), and its RIR and country.\n"
	    "list     the bogon prefixes (or with --asn the bogon ASN ranges),\n"
	    "         one per line; --reasons adds the registry entry.\n"
	    "compare  addresses in our full+admin set and in the Cymru list(s):\n"
	    "         in both, only ours, only theirs; per RIR, with examples.\n"
	    "\n"
	    "data options:\n"
	    "  --iana FILE   an IANA registry XML file (iana-ipv4-special-\n"
	    "                registry, iana-ipv6-special-registry, ipv4-address-\n"
	    "                space, ipv6-address-space, ipv6-unicast-address-\n"
	    "                assignments), told from its content; repeatable\n"
	    "  --rir FILE    RIR delegated-extended statistics (plain or\n"
	    "                compressed); repeatable\n"
	    "  --data DIR    every *.xml and *delegated-* file in DIR; of two\n"
	    "                registries of the same kind the one updated last\n"
	    "                is used.  The default, when no --iana or --rir is\n"
	    "                given, is --data " DEFAULT_DATA "\n"
	    "  --full, --admin, --all   which bogons to list (default --full)\n"
	    "  --family 4|6  list only IPv4 or IPv6\n"
	    "  --cymru FILE  a Team Cymru fullbogons list; repeatable\n"
	    "  --examples N  examples per difference in compare (default 5)\n"
	    "  -v            say more on stderr\n"
	    "\n"
	    "Exit status: 0 on success, 1 on unreadable data, 2 on a usage\n"
	    "error.  Bad records in the data are reported and skipped.\n");
}

static int
scan_dir(struct input *in, const char *dir)
{
	struct dirent **ents;
	int n, i;

	if ((n = scandir(dir, &ents, NULL, alphasort)) < 0) {
		log_warnx("%s: cannot read the directory", dir);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const char *nm = ents[i]->d_name;
		bool xml = bogon_is_iana_file(nm);
		bool rir = strstr(nm, "delegated-") != NULL;
		size_t len = strlen(dir) + strlen(nm) + 2;
		char *path;

		if ((xml || rir) && in->nowned < 2 * MAX_INPUTS &&
		    (xml ? in->niana : in->nrir) < MAX_INPUTS) {
			path = malloc(len);
			if (path == NULL)
				abort();
			snprintf(path, len, "%s/%s", dir, nm);
			in->owned[in->nowned++] = path;
			if (xml)
				in->iana[in->niana++] = path;
			else
				in->rir[in->nrir++] = path;
		}
		free(ents[i]);
	}
	free(ents);
	return 0;
}

static bool
load(struct bogon_model *m, const struct input *in)
{
	return bogon_model_load(m, in->iana, in->niana, in->rir, in->nrir);
}

static void
put_region(const struct bogon_reason *w)
{
	char buf[BOGON_REASON_STRLEN];

	if (w == NULL) {
		printf("  region: unknown (no registry covers it)\n");
		return;
	}
	bogons_reason_fmt(w, buf, sizeof(buf));
	printf("  region: %s%s%s (%s)\n", w->rir ? rir_display(w->rir) :
	    "IANA", bogons_reason_cc(w)[0] ? " " : "", bogons_reason_cc(w),
	    buf);
}

static void
check_asn(const struct bogons *b, const char *arg, uint32_t asn)
{
	const struct bogon_reason *w;
	char buf[BOGON_REASON_STRLEN];
	enum bogon_class c = bogons_asn(b, asn, &w);

	if (c == BOGON_NONE)
		printf("%s: not a bogon\n", arg);
	else {
		bogons_reason_fmt(w, buf, sizeof(buf));
		printf("%s: %s bogon: %s\n", arg, bogon_class_name(c), buf);
	}
	put_region(bogons_region_asn(b, asn));
}

static void
check_prefix(const struct bogons *b, const char *arg, const struct prefix *p)
{
	struct bogon_hit hits[CHECK_HITS];
	char buf[BOGON_REASON_STRLEN];
	struct prefix cidr[RANGE_MAX_CIDRS];
	size_t nh, i;
	bool inside;
	u128 first, last;
	enum bogon_class c = bogons_prefix(b, p, hits, CHECK_HITS, &nh,
	    &inside);

	if (c == BOGON_NONE)
		printf("%s: not a bogon\n", arg);
	else
		printf("%s: %s bogon%s\n", arg, bogon_class_name(c), inside ?
		    "" : " in part (it covers bogon space)");
	for (i = 0; i < nh && i < CHECK_HITS; i++) {
		char a[PREFIX_STRLEN];

		range_cidrs(p->afi, hits[i].first, hits[i].last, cidr);
		prefix_fmt(&cidr[0], a);
		bogons_reason_fmt(hits[i].why, buf, sizeof(buf));
		printf("  %s%s %s: %s\n", a, range_cidrs(p->afi, hits[i].first,
		    hits[i].last, cidr) > 1 ? "..." : "",
		    bogon_class_name(hits[i].why->cls), buf);
	}
	if (nh > CHECK_HITS)
		printf("  ... %zu bogon ranges in all\n", nh);
	prefix_range(p, &first, &last);
	put_region(bogons_region_addr(b, p->afi, first));
}

static int
check_one(const struct bogons *b, const char *s)
{
	const char *why = NULL;
	struct prefix p;
	uint32_t asn;
	size_t n = strlen(s);

	if (n > 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' ||
	    s[1] == 's') && asn_parse(s + 2, n - 2, &asn, &why)) {
		check_asn(b, s, asn);
		return 0;
	}
	if (asn_parse(s, n, &asn, &why)) {
		check_asn(b, s, asn);
		return 0;
	}
	if (strchr(s, '/') == NULL) {
		struct addr a;

		if (addr_parse(s, n, &a, &why)) {
			memset(&p, 0, sizeof(p));
			p.afi = a.afi;
			p.len = (uint8_t)afi_bits(a.afi);
			memcpy(p.b, a.b, sizeof(p.b));
			check_prefix(b, s, &p);
			return 0;
		}
	} else if (prefix_parse(s, n, &p, &why)) {
		check_prefix(b, s, &p);
		return 0;
	}
	log_warnx("'%s': not a prefix, address or ASN (%s)", s,
	    why != NULL ? why : "?");
	return 1;
}

static int
do_check(struct bogon_model *m, int argc, char **argv)
{
	char line[1024];
	int i, rc = 0;

	for (i = 0; i < argc; i++)
		rc |= check_one(&m->b, argv[i]);
	if (argc > 0)
		return rc;
	while (fgets(line, sizeof(line), stdin) != NULL) {
		size_t n = strcspn(line, " \t\r\n#");

		line[n] = '\0';
		if (n > 0)
			rc |= check_one(&m->b, line);
	}
	return rc;
}

static void
put_range(unsigned afi, u128 first, u128 last, const struct bogon_reason *w)
{
	struct prefix c[RANGE_MAX_CIDRS];
	char buf[BOGON_REASON_STRLEN], a[PREFIX_STRLEN];
	size_t nc = range_cidrs(afi, first, last, c), j;

	if (w != NULL)
		bogons_reason_fmt(w, buf, sizeof(buf));
	for (j = 0; j < nc; j++) {
		prefix_fmt(&c[j], a);
		if (w != NULL)
			printf("%s %s # %s\n", a, bogon_class_name(w->cls), buf);
		else
			printf("%s\n", a);
	}
}

static int
do_list(struct bogon_model *m, unsigned which, int family, bool asn,
    bool reasons)
{
	char buf[BOGON_REASON_STRLEN];
	unsigned f;
	size_t i;

	if (asn) {
		for (i = 0; i < m->b.asn.n; i++) {
			const struct seg *s = &m->b.asn.segs[i];
			const struct bogon_reason *w = &m->b.why[s->val - 1];

			if (!(which & (1u << w->cls)))
				continue;
			if (s->first == s->last)
				printf("%u", (uint32_t)s->first);
			else
				printf("%u-%u", (uint32_t)s->first,
				    (uint32_t)s->last);
			bogons_reason_fmt(w, buf, sizeof(buf));
			printf(reasons ? " %s # %s\n" : "\n",
			    bogon_class_name(w->cls), buf);
		}
		return 0;
	}
	for (f = 0; f < 2; f++) {
		unsigned afi = f ? AFI_IPV6 : AFI_IPV4;
		const struct bogon_reason *w = NULL;
		bool open = false;
		u128 first = 0, last = 0;

		if (family != 0 && family != (f ? 6 : 4))
			continue;
		/*
		 * Without reasons, contiguous bogon space is listed as one
		 * range (0.0.0.0/8, not 0.0.0.0/32 and the rest of it).
		 */
		for (i = 0; i <= m->b.ip[f].n; i++) {
			const struct seg *s = i < m->b.ip[f].n ?
			    &m->b.ip[f].segs[i] : NULL;
			const struct bogon_reason *sw = s != NULL ?
			    &m->b.why[s->val - 1] : NULL;

			if (s != NULL && !(which & (1u << sw->cls)))
				continue;
			if (open && s != NULL && last + 1 == s->first &&
			    (!reasons || sw == w)) {
				last = s->last;
				continue;
			}
			if (open)
				put_range(afi, first, last, reasons ? w : NULL);
			if (s == NULL)
				break;
			open = true;
			first = s->first;
			last = s->last;
			w = sw;
		}
	}
	return 0;
}

int
cmd_bogons(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "iana", required_argument, NULL, 'I' },
		{ "rir", required_argument, NULL, 'R' },
		{ "data", required_argument, NULL, 'D' },
		{ "full", no_argument, NULL, 'F' },
		{ "admin", no_argument, NULL, 'A' },
		{ "all", no_argument, NULL, 'L' },
		{ "family", required_argument, NULL, 'f' },
		{ "asn", no_argument, NULL, 'a' },
		{ "reasons", no_argument, NULL, 'r' },
		{ "cymru", required_argument, NULL, 'C' },
		{ "examples", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct input in;
	struct bogon_model *m;
	const char *sub, *data = NULL;
	unsigned which = 0, examples = 5, i;
	int ch, family = 0, rc;
	bool asn = false, reasons = false;

	memset(&in, 0, sizeof(in));
	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	sub = argv[1];
	if (strcmp(sub, "check") != 0 && strcmp(sub, "list") != 0 &&
	    strcmp(sub, "compare") != 0) {
		log_warnx("bogons: unknown subcommand '%s'", sub);
		usage(stderr);
		return 2;
	}
	argc--;
	argv++;
	while ((ch = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'I':
		case 'R':
		case 'C':
			if ((ch == 'I' ? in.niana : ch == 'R' ? in.nrir :
			    in.ncymru) >= MAX_INPUTS) {
				log_warnx("bogons: more than %d files",
				    MAX_INPUTS);
				return 2;
			}
			if (ch == 'I')
				in.iana[in.niana++] = optarg;
			else if (ch == 'R')
				in.rir[in.nrir++] = optarg;
			else
				in.cymru[in.ncymru++] = optarg;
			break;
		case 'D':
			data = optarg;
			break;
		case 'F':
			which |= 1u << BOGON_FULL;
			break;
		case 'A':
			which |= 1u << BOGON_ADMIN;
			break;
		case 'L':
			which |= 1u << BOGON_FULL | 1u << BOGON_ADMIN;
			break;
		case 'f':
			if (strcmp(optarg, "4") != 0 && strcmp(optarg, "6") != 0) {
				log_warnx("bogons: --family is 4 or 6");
				return 2;
			}
			family = optarg[0] - '0';
			break;
		case 'a':
			asn = true;
			break;
		case 'r':
			reasons = true;
			break;
		case 'e':
			if (strlen(optarg) > 4 || strspn(optarg, "0123456789") !=
			    strlen(optarg) || optarg[0] == '\0') {
				log_warnx("bogons: --examples takes 0 to 9999");
				return 2;
			}
			examples = (unsigned)strtoul(optarg, NULL, 10);
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
	argc -= optind;
	argv += optind;
	if (strcmp(sub, "check") != 0 && argc > 0) {
		log_warnx("bogons %s: unexpected argument '%s'", sub, argv[0]);
		return 2;
	}
	if (strcmp(sub, "compare") == 0 && in.ncymru == 0) {
		log_warnx("bogons compare: give --cymru FILE");
		return 2;
	}
	if (data == NULL && in.niana == 0 && in.nrir == 0)
		data = DEFAULT_DATA;
	if (data != NULL && scan_dir(&in, data) != 0)
		return 1;
	if (which == 0)
		which = 1u << BOGON_FULL;
	m = calloc(1, sizeof(*m));
	if (m == NULL)
		abort();
	rc = load(m, &in) ? 0 : 1;
	if (rc == 0) {
		if (strcmp(sub, "check") == 0)
			rc = do_check(m, argc, argv);
		else if (strcmp(sub, "list") == 0)
			rc = do_list(m, which, family, asn, reasons);
		else
			rc = bogons_compare(&m->b, in.cymru, in.ncymru,
			    examples);
	}
	bogon_model_free(m);
	free(m);
	for (i = 0; i < in.nowned; i++)
		free(in.owned[i]);
	return rc;
}
