/*
 * manrs irr: IRR route objects in authoritative (RIR) and non-authoritative
 * registries compared (with RPKI and BGP), and as-set expansion.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/limits.h"
#include "base/log.h"
#include "base/outbuf.h"
#include "base/xmalloc.h"
#include "cli.h"
#include "formats/mrt.h"
#include "formats/vrp.h"
#include "irr/asset.h"
#include "irr/index.h"
#include "irr/load.h"
#include "net/asn.h"
#include "rpki/rov.h"

#define MAX_INPUTS		64
#define CONFLICTS_SHOWN		8
#define SOURCES_LINE_MAX	256
#define AFI_BITS_MAX		128

/* Options shared by both subcommands. */
struct common {
	struct irr_index	*idx;
	struct irr_sets		*sets;
	struct irr_load_stats	 st;
	bool			 problems;
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs irr compare [--asn N | --prefix P] [--vrps FILE...]\n"
	    "                         [--mrt FILE...] [--summary] [--json]\n"
	    "                         [--auth LIST] [--sources FILE] DUMP...\n"
	    "       manrs irr expand [--prefixes] [--max-depth N] [--max-size N]\n"
	    "                        [--json] [--auth LIST] [--sources FILE]\n"
	    "                        SET DUMP...\n"
	    "\n"
	    "DUMP is an IRR database dump in RPSL (RFC 2622/4012), plain or\n"
	    "compressed with gzip, bzip2, xz or zstd, e.g. radb.db.gz or\n"
	    "ripe.db.route.gz; \"-\" reads standard input.  Each object counts\n"
	    "for the registry named in its source: attribute.  The five RIR\n"
	    "registries (RIPE, ARIN, APNIC, AFRINIC, LACNIC) are authoritative;\n"
	    "all others (RADB, ALTDB, NTTCOM, LEVEL3, RIPE-NONAUTH, ...) are not.\n"
	    "\n"
	    "compare: one line per registered (prefix, origin):\n"
	    "\n"
	    "    PREFIX ORIGIN IRR RPKI BGP SOURCES CONFLICTS\n"
	    "\n"
	    "  IRR        auth, non-auth or both: where route objects exist\n"
	    "  RPKI       valid, invalid or not-found (with --vrps), else -\n"
	    "  BGP        seen or unseen as (prefix, origin) in the MRT files\n"
	    "             (with --mrt), else -\n"
	    "  SOURCES    the registries holding an object, comma-separated\n"
	    "  CONFLICTS  objects for the same or a covering prefix with\n"
	    "             another origin, in an authoritative registry for a\n"
	    "             non-auth object and the reverse, as SOURCE:PREFIX:ASN\n"
	    "             (first %d), or -\n"
	    "\n"
	    "  --asn N        only objects with origin N\n"
	    "  --prefix P     only objects for P, its more or less specifics\n"
	    "  --vrps FILE    VRPs for the RPKI column (formats as in manrs rov);\n"
	    "                 may be repeated\n"
	    "  --mrt FILE     MRT RIB dumps or updates for the BGP column; may be\n"
	    "                 repeated\n"
	    "  --summary      only the counts\n"
	    "  --json         one JSON object per line, with each object's file\n"
	    "                 and line; with --summary, one object\n"
	    "\n"
	    "expand: the ASNs (or, with --prefixes, the prefixes) of an as-set or\n"
	    "route-set, one per line, then \"#\" lines with the facts: sets\n"
	    "expanded, depth, cycles, unknown sets, member ASNs with neither an\n"
	    "aut-num nor a route object, and every cut-off.  SET may be\n"
	    "source-qualified (RADB::AS-FOO), hierarchical (AS65000:AS-FOO) or an\n"
	    "ASN (its prefixes with --prefixes).\n"
	    "\n"
	    "  --prefixes     expand to prefixes: route/route6 objects of member\n"
	    "                 ASNs (any registry) and route-set members\n"
	    "  --max-depth N  expand sets nested at most N levels (default %u)\n"
	    "  --max-size N   stop at N results (default %u)\n"
	    "  --json         one JSON object\n"
	    "\n"
	    "  --auth LIST    the authoritative registries, comma-separated,\n"
	    "                 instead of the five RIRs\n"
	    "  --sources FILE lines \"SOURCE auth\" or \"SOURCE non-auth\"\n"
	    "                 (# comments), applied after --auth\n"
	    "  --strict       exit 1 if any object was skipped as bad\n"
	    "  -v             say more on stderr (twice: every bad object)\n"
	    "\n"
	    "Exit status: 0 on success, 1 on unreadable input or an unknown SET\n"
	    "(or any bad object with --strict), 2 on a usage error.\n",
	    CONFLICTS_SHOWN, MAX_AS_SET_DEPTH, MAX_AS_SET_SIZE);
}

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("manrs irr: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	usage(stderr);
	return 2;
}

/* --auth LIST: every known and listed source authoritative, others not. */
static bool
set_auth_list(struct irr_index *idx, const char *list)
{
	static const char *const rirs[] = {
		"RIPE", "ARIN", "APNIC", "AFRINIC", "LACNIC",
	};
	const char *p = list, *item;
	char name[65];
	size_t i, len;

	for (i = 0; i < sizeof(rirs) / sizeof(rirs[0]); i++)
		irr_index_set_auth(idx, rirs[i], false);
	while (rpsl_list_next(&p, &item, &len)) {
		if (len >= sizeof(name))
			return false;
		memcpy(name, item, len);
		name[len] = '\0';
		irr_index_set_auth(idx, name, true);
	}
	return true;
}

/* --sources FILE: "SOURCE auth" or "SOURCE non-auth" lines. */
static bool
read_sources(struct irr_index *idx, const char *path)
{
	char line[SOURCES_LINE_MAX], name[65];
	const char *tok[3], *p;
	size_t len[3];
	unsigned lineno = 0;
	FILE *fp = fopen(path, "r");
	bool ok = true;
	int n;

	if (fp == NULL) {
		log_warnx("%s: cannot open", path);
		return false;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *hash = strchr(line, '#');

		lineno++;
		if (hash != NULL)
			*hash = '\0';
		p = line;
		for (n = 0; n < 3 && rpsl_list_next(&p, &tok[n], &len[n]); n++)
			;
		if (n == 0)
			continue;
		if (n == 2 && len[0] < sizeof(name)) {
			memcpy(name, tok[0], len[0]);
			name[len[0]] = '\0';
			if (len[1] == 4 && strncasecmp(tok[1], "auth", 4) == 0) {
				irr_index_set_auth(idx, name, true);
				continue;
			}
			if (len[1] == 8 && strncasecmp(tok[1], "non-auth",
			    8) == 0) {
				irr_index_set_auth(idx, name, false);
				continue;
			}
		}
		log_warnx("%s: line %u: expected \"SOURCE auth\" or "
		    "\"SOURCE non-auth\"", path, lineno);
		ok = false;
	}
	fclose(fp);
	return ok;
}

static bool
load_dumps(struct common *c, int n, char **paths)
{
	char err[512];
	int i;
	bool ok = true;

	for (i = 0; i < n; i++) {
		if (!irr_load_path(c->idx, c->sets, paths[i], &c->st, err,
		    sizeof(err))) {
			log_warnx("%s", err);
			ok = false;
		}
	}
	irr_index_finish(c->idx);
	if (c->st.bad > 0 || c->st.rpsl_skipped > 0)
		c->problems = true;
	log_info("%llu objects read: %llu route/route6 (%zu distinct), "
	    "%llu sets, %llu aut-nums; %llu bad, %llu with syntax errors; "
	    "index %zu bytes", (unsigned long long)c->st.objects,
	    (unsigned long long)c->st.routes, irr_index_count(c->idx),
	    (unsigned long long)c->st.sets, (unsigned long long)c->st.autnums,
	    (unsigned long long)c->st.bad,
	    (unsigned long long)c->st.rpsl_skipped, irr_index_memory(c->idx));
	return ok;
}

/* ---- compare ---- */

struct bgp_pair {
	struct prefix	pfx;
	uint32_t	origin;
};

struct compare {
	struct common	*c;
	struct outbuf	 out;
	bool		 json, summary, have_asn, have_prefix;
	uint32_t	 asn;
	struct prefix	 prefix;
	struct rov	*rov;
	struct bgp_pair	*bgp;
	size_t		 nbgp, bgpcap;
	bool		 have_bgp;
	/* The pair being printed. */
	const struct irr_route *first;
	size_t		 n;
	bool		 auth, nonauth;
	size_t		 nconf;
	const struct irr_route *conf[CONFLICTS_SHOWN];
	/*
	 * The sweep: the index's prefix groups that cover the current one,
	 * outermost first, each as a range of irr_index_routes(); and the
	 * current group.
	 */
	struct group {
		size_t	lo, hi;
	}		 stack[AFI_BITS_MAX + 1], cur;
	size_t		 depth;
	const struct irr_route *routes;
	/* Counts. */
	uint64_t	 pairs, objects, only_auth, only_nonauth, both;
	uint64_t	 conflicted, rpki[3], seen, unseen;
};

static int
pair_cmp(const void *va, const void *vb)
{
	const struct bgp_pair *a = va, *b = vb;
	int c = prefix_cmp(&a->pfx, &b->pfx);

	if (c != 0)
		return c;
	return a->origin < b->origin ? -1 : a->origin > b->origin;
}

/* Sort and drop repeats; the array then holds distinct pairs. */
static void
bgp_compact(struct compare *m)
{
	size_t i, o = 0;

	if (m->nbgp > 0)
		qsort(m->bgp, m->nbgp, sizeof(*m->bgp), pair_cmp);
	for (i = 0; i < m->nbgp; i++)
		if (o == 0 || pair_cmp(&m->bgp[o - 1], &m->bgp[i]) != 0)
			m->bgp[o++] = m->bgp[i];
	m->nbgp = o;
}

static void
bgp_elem(void *ctx, const struct mrt_elem *e)
{
	struct compare *m = ctx;
	struct bgp_pair *p;

	if ((e->kind != ELEM_RIB && e->kind != ELEM_ANNOUNCE) ||
	    e->attrs == NULL)
		return;
	if (m->nbgp == m->bgpcap) {
		if (m->bgpcap > 0)
			bgp_compact(m);
		/* Grow unless compacting freed half the room. */
		if (m->bgpcap == 0 || m->nbgp * 2 > m->bgpcap) {
			m->bgpcap = m->bgpcap > 0 ? m->bgpcap * 2 : 65536;
			m->bgp = xreallocarray(m->bgp, m->bgpcap,
			    sizeof(*m->bgp));
		}
	}
	p = &m->bgp[m->nbgp++];
	memset(p, 0, sizeof(*p));
	p->pfx = e->prefix;
	p->origin = as_path_origin(&e->attrs->path);
}

static bool
read_mrt(struct compare *m, const char *path)
{
	char err[512];
	struct reader *rd = reader_open(path, err, sizeof(err));
	struct mrt_file *f;
	struct mrt_record rec;
	const char *ferr;
	bool ok = true;

	if (rd == NULL) {
		log_warnx("%s", err);
		return false;
	}
	f = mrt_file_new(rd, path);
	while (mrt_next(f, &rec) == 1)
		mrt_decode(f, &rec, bgp_elem, m);
	if ((ferr = mrt_file_error(f)) != NULL) {
		log_warnx("%s", ferr);
		ok = false;
	}
	mrt_file_free(f);
	return ok;
}

static bool
load_vrps(const char *path, struct vrp_set *set, bool *problems)
{
	struct vrp_errors err;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = vrp_read(path, set, &err);
	if (rc != 0)
		log_warnx("%s", err.fatal);
	if (err.total > 0) {
		log_warnx("%s: %llu VRP records rejected (manrs rov -v says "
		    "why)", path, (unsigned long long)err.total);
		*problems = true;
	}
	return rc == 0;
}

/*
 * Every object for the current prefix or a covering one, longest prefix
 * first, as irr_index_covering() gives them, but from the sweep's stack:
 * no search per pair.
 */
static void
covering(struct compare *m, irr_route_fn *fn)
{
	size_t i, d;

	for (i = m->cur.lo; i < m->cur.hi; i++)
		fn(m, &m->routes[i]);
	for (d = m->depth; d-- > 0;)
		for (i = m->stack[d].lo; i < m->stack[d].hi; i++)
			fn(m, &m->routes[i]);
}

static bool
conflict_fn(void *ctx, const struct irr_route *r)
{
	struct compare *m = ctx;
	bool auth = irr_index_source_auth(m->c->idx, r->source);

	if (r->origin == m->first->origin)
		return true;
	if ((m->nonauth && auth) || (m->auth && !auth)) {
		if (m->nconf < CONFLICTS_SHOWN)
			m->conf[m->nconf] = r;
		m->nconf++;
	}
	return true;
}

static void
put_prefix(struct outbuf *ob, const struct prefix *p, bool json)
{
	char buf[PREFIX_STRLEN];
	size_t n = prefix_fmt(p, buf);

	if (json)
		ob_json_str(ob, buf, n);
	else
		ob_write(ob, buf, n);
}

static void
put_object_json(struct compare *m, const struct irr_route *r, bool conflict)
{
	struct outbuf *ob = &m->out;
	const char *s = irr_index_source_name(m->c->idx, r->source);
	const char *f = irr_index_file_name(m->c->idx, r->file);

	ob_str(ob, "{\"source\":");
	ob_json_str(ob, s, strlen(s));
	ob_str(ob, irr_index_source_auth(m->c->idx, r->source) ?
	    ",\"auth\":true" : ",\"auth\":false");
	if (conflict) {
		ob_str(ob, ",\"prefix\":");
		put_prefix(ob, &r->pfx, true);
		ob_str(ob, ",\"origin\":");
		ob_u32(ob, r->origin);
	}
	ob_str(ob, ",\"file\":");
	ob_json_str(ob, f, strlen(f));
	ob_str(ob, ",\"line\":");
	ob_u32(ob, r->line);
	ob_char(ob, '}');
}

static void
put_pair(struct compare *m, const char *irr, const char *rpki,
    const char *bgp)
{
	struct outbuf *ob = &m->out;
	const struct irr_route *r = m->first;
	size_t i;

	if (!m->json) {
		put_prefix(ob, &r->pfx, false);
		ob_str(ob, " AS");
		ob_u32(ob, r->origin);
		ob_char(ob, ' ');
		ob_str(ob, irr);
		ob_char(ob, ' ');
		ob_str(ob, rpki);
		ob_char(ob, ' ');
		ob_str(ob, bgp);
		ob_char(ob, ' ');
		for (i = 0; i < m->n; i++) {
			if (i > 0)
				ob_char(ob, ',');
			ob_str(ob, irr_index_source_name(m->c->idx,
			    r[i].source));
		}
		ob_char(ob, ' ');
		if (m->nconf == 0)
			ob_char(ob, '-');
		for (i = 0; i < m->nconf && i < CONFLICTS_SHOWN; i++) {
			if (i > 0)
				ob_char(ob, ',');
			ob_str(ob, irr_index_source_name(m->c->idx,
			    m->conf[i]->source));
			ob_char(ob, ':');
			put_prefix(ob, &m->conf[i]->pfx, false);
			ob_str(ob, ":AS");
			ob_u32(ob, m->conf[i]->origin);
		}
		if (m->nconf > CONFLICTS_SHOWN) {
			ob_str(ob, ",+");
			ob_u64(ob, m->nconf - CONFLICTS_SHOWN);
		}
		ob_char(ob, '\n');
		return;
	}
	ob_str(ob, "{\"prefix\":");
	put_prefix(ob, &r->pfx, true);
	ob_str(ob, ",\"origin\":");
	ob_u32(ob, r->origin);
	ob_str(ob, ",\"irr\":\"");
	ob_str(ob, irr);
	ob_str(ob, "\",\"objects\":[");
	for (i = 0; i < m->n; i++) {
		if (i > 0)
			ob_char(ob, ',');
		put_object_json(m, &r[i], false);
	}
	ob_str(ob, "],\"conflicts\":[");
	for (i = 0; i < m->nconf && i < CONFLICTS_SHOWN; i++) {
		if (i > 0)
			ob_char(ob, ',');
		put_object_json(m, m->conf[i], true);
	}
	ob_str(ob, "],\"conflicts_total\":");
	ob_u64(ob, m->nconf);
	if (m->rov != NULL) {
		ob_str(ob, ",\"rpki\":\"");
		ob_str(ob, rpki);
		ob_char(ob, '"');
	}
	if (m->have_bgp)
		ob_str(ob, bgp[0] == 's' ? ",\"bgp\":true" : ",\"bgp\":false");
	ob_str(ob, "}\n");
}

/* The objects first[0..n) share (prefix, origin). */
static void
one_pair(struct compare *m, const struct irr_route *first, size_t n)
{
	const char *irr, *rpki = "-", *bgp = "-";
	size_t i;

	if (m->have_asn && first->origin != m->asn)
		return;
	if (m->have_prefix && !prefix_covers(&m->prefix, &first->pfx) &&
	    !prefix_covers(&first->pfx, &m->prefix))
		return;
	m->first = first;
	m->n = n;
	m->auth = m->nonauth = false;
	for (i = 0; i < n; i++) {
		if (irr_index_source_auth(m->c->idx, first[i].source))
			m->auth = true;
		else
			m->nonauth = true;
	}
	m->nconf = 0;
	covering(m, conflict_fn);
	m->pairs++;
	m->objects += n;
	irr = m->auth && m->nonauth ? "both" : m->auth ? "auth" : "non-auth";
	if (m->auth && m->nonauth)
		m->both++;
	else if (m->auth)
		m->only_auth++;
	else
		m->only_nonauth++;
	if (m->nconf > 0)
		m->conflicted++;
	if (m->rov != NULL) {
		enum rov_state st = rov_validate(m->rov, &first->pfx,
		    first->origin, NULL);

		m->rpki[st]++;
		rpki = rov_state_str(st);
	}
	if (m->have_bgp) {
		struct bgp_pair key;

		memset(&key, 0, sizeof(key));
		key.pfx = first->pfx;
		key.origin = first->origin;
		if (m->nbgp > 0 && bsearch(&key, m->bgp, m->nbgp,
		    sizeof(key), pair_cmp) != NULL) {
			m->seen++;
			bgp = "seen";
		} else {
			m->unseen++;
			bgp = "unseen";
		}
	}
	if (!m->summary)
		put_pair(m, irr, rpki, bgp);
}

static void
print_summary(struct compare *m)
{
	const struct irr_load_stats *st = &m->c->st;
	const struct {
		const char	*name;
		uint64_t	 v;
		bool		 show;
	} rows[] = {
		{ "objects_read", st->objects, true },
		{ "route_objects", st->routes, true },
		{ "bad_objects", st->bad + st->rpsl_skipped, true },
		{ "repeated_objects", irr_index_repeats(m->c->idx), true },
		{ "pairs", m->pairs, true },
		{ "pair_objects", m->objects, true },
		{ "auth_only", m->only_auth, true },
		{ "non_auth_only", m->only_nonauth, true },
		{ "both", m->both, true },
		{ "conflicts", m->conflicted, true },
		{ "rpki_valid", m->rpki[ROV_VALID], m->rov != NULL },
		{ "rpki_invalid", m->rpki[ROV_INVALID], m->rov != NULL },
		{ "rpki_not_found", m->rpki[ROV_NOT_FOUND], m->rov != NULL },
		{ "bgp_seen", m->seen, m->have_bgp },
		{ "bgp_unseen", m->unseen, m->have_bgp },
	};
	struct outbuf *ob = &m->out;
	size_t i;
	bool firstrow = true;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (!rows[i].show)
			continue;
		if (m->json) {
			ob_str(ob, firstrow ? "{\"" : ",\"");
			ob_str(ob, rows[i].name);
			ob_str(ob, "\":");
		} else {
			ob_str(ob, rows[i].name);
			ob_char(ob, ' ');
		}
		firstrow = false;
		ob_u64(ob, rows[i].v);
		if (!m->json)
			ob_char(ob, '\n');
	}
	if (m->json)
		ob_str(ob, "}\n");
}

static bool
common_opt(struct common *c, int ch, const char *arg, bool *ok)
{
	switch (ch) {
	case 'A':
		if (!set_auth_list(c->idx, arg))
			*ok = false;
		return true;
	case 'F':
		if (!read_sources(c->idx, arg))
			*ok = false;
		return true;
	case 'v':
		log_verbose++;
		return true;
	}
	return false;
}

static bool
parse_count(const char *s, uint64_t max, uint64_t *v)
{
	uint64_t n = 0;

	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return false;
		n = n * 10 + (uint64_t)(*s - '0');
		if (n > max)
			return false;
	}
	*v = n;
	return true;
}

static int
finish_output(struct outbuf *ob)
{
	bool ok = ob_flush(ob) && !ob->error;

	if (!ok)
		log_warnx("write error on standard output");
	ob_free(ob);
	return ok ? 0 : 1;
}

static int
cmd_compare(struct common *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "asn", required_argument, NULL, 'a' },
		{ "prefix", required_argument, NULL, 'p' },
		{ "vrps", required_argument, NULL, 'V' },
		{ "mrt", required_argument, NULL, 'm' },
		{ "summary", no_argument, NULL, 'S' },
		{ "json", no_argument, NULL, 'j' },
		{ "auth", required_argument, NULL, 'A' },
		{ "sources", required_argument, NULL, 'F' },
		{ "strict", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *vrps[MAX_INPUTS], *mrts[MAX_INPUTS], *why;
	const struct irr_route *r;
	struct compare m;
	struct vrp_set set;
	size_t n, i, j, g, k;
	int ch, nv = 0, nm = 0, f, rc;
	bool ok = true, strict = false;

	memset(&m, 0, sizeof(m));
	m.c = c;
	while ((ch = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		if (common_opt(c, ch, optarg, &ok))
			continue;
		switch (ch) {
		case 'a':
			if (!asn_parse(optarg, strlen(optarg), &m.asn, &why))
				return usage_error("bad --asn '%s'", optarg);
			m.have_asn = true;
			break;
		case 'p':
			if (!prefix_parse(optarg, strlen(optarg), &m.prefix,
			    &why))
				return usage_error("bad --prefix '%s'", optarg);
			m.have_prefix = true;
			break;
		case 'V':
		case 'm':
			if ((ch == 'V' ? nv : nm) == MAX_INPUTS)
				return usage_error("too many %s files",
				    ch == 'V' ? "--vrps" : "--mrt");
			if (ch == 'V')
				vrps[nv++] = optarg;
			else
				mrts[nm++] = optarg;
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
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (!ok)
		return usage_error("%s", "bad --auth or --sources");
	if (m.have_asn && m.have_prefix)
		return usage_error("%s", "--asn and --prefix together");
	if (optind >= argc)
		return usage_error("%s", "compare: no DUMP file");
	if (!load_dumps(c, argc - optind, argv + optind))
		ok = false;
	if (nv > 0) {
		vrp_set_init(&set);
		for (f = 0; f < nv; f++)
			if (!load_vrps(vrps[f], &set, &c->problems))
				ok = false;
		m.rov = rov_build(set.vrps, set.nvrps);
		vrp_set_free(&set);
	}
	for (f = 0; f < nm; f++)
		if (!read_mrt(&m, mrts[f]))
			ok = false;
	if (nm > 0) {
		bgp_compact(&m);
		m.have_bgp = true;
		log_info("%zu distinct (prefix, origin) pairs in BGP", m.nbgp);
	}
	ob_init_fd(&m.out, STDOUT_FILENO, 1024 * 1024);
	r = irr_index_routes(c->idx, &n);
	/*
	 * In index order a prefix comes after every prefix covering it, and
	 * the prefixes a group covers follow it without a gap: a stack of
	 * the groups still covering holds each prefix's less specifics.
	 */
	m.routes = r;
	for (i = 0; i < n; i = g) {
		for (g = i + 1; g < n && prefix_equal(&r[g].pfx, &r[i].pfx); g++)
			;
		while (m.depth > 0 && !prefix_covers(&r[m.stack[m.depth -
		    1].lo].pfx, &r[i].pfx))
			m.depth--;
		m.cur.lo = i;
		m.cur.hi = g;
		for (k = i; k < g; k = j) {
			for (j = k + 1; j < g && r[j].origin == r[k].origin;
			    j++)
				;
			one_pair(&m, &r[k], j - k);
		}
		if (m.depth < sizeof(m.stack) / sizeof(m.stack[0]))
			m.stack[m.depth++] = m.cur;
	}
	if (m.summary)
		print_summary(&m);
	rc = finish_output(&m.out);
	rov_free(m.rov);
	free(m.bgp);
	if (!ok || rc != 0 || (strict && c->problems))
		return 1;
	return 0;
}

/* ---- expand ---- */

static void
put_expansion(struct outbuf *ob, const struct irr_expansion *x,
    bool prefixes, bool json)
{
	char buf[IRR_RANGE_STRLEN];
	size_t i, n;

	if (json) {
		ob_str(ob, "{\"set\":");
		ob_json_str(ob, x->name, strlen(x->name));
		ob_str(ob, x->route_set ? ",\"class\":\"route-set\"" :
		    ",\"class\":\"as-set\"");
	}
	if (json)
		ob_str(ob, ",\"asns\":[");
	for (i = 0; i < x->nasns && (json || !prefixes); i++) {
		if (json && i > 0)
			ob_char(ob, ',');
		if (!json)
			ob_str(ob, "AS");
		ob_u32(ob, x->asns[i]);
		if (!json)
			ob_char(ob, '\n');
	}
	if (json)
		ob_str(ob, "],\"prefixes\":[");
	for (i = 0; i < x->nranges && prefixes; i++) {
		if (json && i > 0)
			ob_char(ob, ',');
		n = irr_range_fmt(&x->ranges[i], buf);
		if (json)
			ob_json_str(ob, buf, n);
		else {
			ob_write(ob, buf, n);
			ob_char(ob, '\n');
		}
	}
	if (json) {
		ob_str(ob, "],\"sets_expanded\":");
		ob_u64(ob, x->sets);
		ob_str(ob, ",\"depth\":");
		ob_u32(ob, x->depth);
		ob_str(ob, x->cut ? ",\"cut\":true" : ",\"cut\":false");
		ob_str(ob, ",\"counts\":{");
		for (i = 0; i < IRR_FIND_MAX; i++) {
			if (i > 0)
				ob_char(ob, ',');
			ob_char(ob, '"');
			ob_str(ob, irr_finding_str((enum irr_finding_kind)i));
			ob_str(ob, "\":");
			ob_u64(ob, x->counts[i]);
		}
		ob_str(ob, "},\"findings\":[");
	} else {
		ob_str(ob, "# ");
		ob_str(ob, x->name);
		ob_str(ob, ": ");
		ob_u64(ob, prefixes ? x->nranges : x->nasns);
		ob_str(ob, prefixes ? " prefixes" : " ASNs");
		ob_str(ob, ", ");
		ob_u64(ob, x->sets);
		ob_str(ob, " sets expanded, depth ");
		ob_u32(ob, x->depth);
		ob_str(ob, x->cut ? ", CUT OFF (incomplete)\n" : "\n");
	}
	for (i = 0; i < x->nfindings; i++) {
		const struct irr_finding *f = &x->findings[i];
		const char *k = irr_finding_str(f->kind);

		if (json) {
			if (i > 0)
				ob_char(ob, ',');
			ob_str(ob, "{\"kind\":\"");
			ob_str(ob, k);
			ob_str(ob, "\",\"set\":");
			ob_json_str(ob, f->set, strlen(f->set));
			ob_str(ob, ",\"member\":");
			ob_json_str(ob, f->member, strlen(f->member));
			ob_char(ob, '}');
			continue;
		}
		ob_str(ob, "# ");
		ob_str(ob, k);
		ob_str(ob, " in ");
		ob_str(ob, f->set);
		ob_str(ob, ": ");
		ob_str(ob, f->member);
		ob_char(ob, '\n');
	}
	if (x->nfindings < x->counts[0] + x->counts[1] + x->counts[2] +
	    x->counts[3] + x->counts[4] + x->counts[5] + x->counts[6] &&
	    !json)
		ob_str(ob, "# (more findings not listed)\n");
	if (json)
		ob_str(ob, "]}\n");
}

static int
cmd_expand(struct common *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "prefixes", no_argument, NULL, 'P' },
		{ "max-depth", required_argument, NULL, 'd' },
		{ "max-size", required_argument, NULL, 'z' },
		{ "json", no_argument, NULL, 'j' },
		{ "auth", required_argument, NULL, 'A' },
		{ "sources", required_argument, NULL, 'F' },
		{ "strict", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct irr_expand_opts o;
	struct irr_expansion x;
	struct outbuf ob;
	uint64_t v;
	int ch, rc;
	bool ok = true, json = false, strict = false;

	memset(&o, 0, sizeof(o));
	o.max_depth = MAX_AS_SET_DEPTH;
	o.max_size = MAX_AS_SET_SIZE;
	while ((ch = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		if (common_opt(c, ch, optarg, &ok))
			continue;
		switch (ch) {
		case 'P':
			o.prefixes = true;
			break;
		case 'd':
			if (!parse_count(optarg, MAX_AS_SET_DEPTH, &v) || v == 0)
				return usage_error("--max-depth must be 1 to "
				    "32, not '%s'", optarg);
			o.max_depth = (unsigned)v;
			break;
		case 'z':
			if (!parse_count(optarg, MAX_AS_SET_SIZE, &v) || v == 0)
				return usage_error("--max-size must be 1 to "
				    "1048576, not '%s'", optarg);
			o.max_size = (size_t)v;
			break;
		case 'j':
			json = true;
			break;
		case 's':
			strict = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (!ok)
		return usage_error("%s", "bad --auth or --sources");
	if (optind >= argc)
		return usage_error("%s", "expand: no SET given");
	if (optind + 1 >= argc)
		return usage_error("%s", "expand: no DUMP file");
	if (!load_dumps(c, argc - optind - 1, argv + optind + 1))
		ok = false;
	irr_expand(c->sets, argv[optind], &o, &x);
	if (!x.found) {
		log_warnx("%s: no such as-set or route-set in the dumps given",
		    argv[optind]);
		irr_expansion_free(&x);
		return 1;
	}
	if (x.route_set && !o.prefixes) {
		log_warnx("%s is a route-set: expand it with --prefixes",
		    x.name);
		irr_expansion_free(&x);
		return 2;
	}
	if (x.cut)
		log_warnx("%s: expansion cut off (see the # lines)", x.name);
	ob_init_fd(&ob, STDOUT_FILENO, 1024 * 1024);
	put_expansion(&ob, &x, o.prefixes, json);
	irr_expansion_free(&x);
	rc = finish_output(&ob);
	if (!ok || rc != 0 || (strict && c->problems))
		return 1;
	return 0;
}

int
cmd_irr(int argc, char **argv)
{
	struct common c;
	int rc;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "compare") != 0 && strcmp(argv[1], "expand") != 0)
		return usage_error("unknown subcommand '%s'", argv[1]);
	memset(&c, 0, sizeof(c));
	c.idx = irr_index_new();
	if (strcmp(argv[1], "compare") == 0)
		rc = cmd_compare(&c, argc - 1, argv + 1);
	else {
		c.sets = irr_sets_new(c.idx);
		rc = cmd_expand(&c, argc - 1, argv + 1);
	}
	irr_sets_free(c.sets);
	irr_index_free(c.idx);
	return rc;
}
