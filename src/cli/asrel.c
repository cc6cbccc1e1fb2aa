/*
 * manrs asrel: questions about CAIDA AS relationships (as-rel, as-rel2)
 * and customer cones (computed, or from a ppdc-ases file).
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"
#include "base/outbuf.h"
#include "base/xmalloc.h"
#include "cli.h"
#include "formats/asrel.h"
#include "formats/peeringdb.h"
#include "net/asgraph.h"
#include "net/asn.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs asrel [--json] [--cones PPDC] [--peeringdb FILE]...\n"
	    "                   [--strict] [-v] FILE QUERY\n"
	    "\n"
	    "Answers questions from a CAIDA AS relationship file: as-rel\n"
	    "(serial-1, \"A|B|-1\" A is a provider of B, \"A|B|0\" peers) or\n"
	    "as-rel2 (serial-2, with a fourth field naming the source), plain\n"
	    "or compressed.  ASNs are written 65000 or AS65000.  QUERY is one of\n"
	    "\n"
	    "  rel A B        what A is to B: provider, customer, peer, sibling\n"
	    "                 or none\n"
	    "  cone AS        the customer cone of AS: AS and every AS below it\n"
	    "                 through provider-to-customer links, one a line\n"
	    "  cone-size AS   the number of ASes in that cone\n"
	    "  in-cone A B    is A in the customer cone of B? (yes or no)\n"
	    "  show AS        providers, customers, peers and cone size of AS\n"
	    "  stats          ASes, links, clique, IXPs, load time, memory,\n"
	    "                 and the time to compute every cone\n"
	    "\n"
	    "  --cones PPDC   take cones from a CAIDA ppdc-ases file\n"
	    "                 (\"AS MEMBER MEMBER...\") instead of computing\n"
	    "                 them; an AS missing from it has only itself\n"
	    "  --peeringdb FILE\n"
	    "                 PeeringDB API JSON (net records, a page or a\n"
	    "                 full dump; may be repeated): networks of the same\n"
	    "                 organisation are siblings where the FILE has no\n"
	    "                 link between them (its relationship is kept)\n"
	    "  --json         one JSON object\n"
	    "  --strict       exit 1 if any line was skipped\n"
	    "  -v             say more on stderr\n"
	    "\n"
	    "Bad lines are skipped, counted and reported on stderr.  Exit\n"
	    "status: 0 on success, 1 on unreadable input (or skipped lines with\n"
	    "--strict), 2 on a usage error.\n");
}

struct asrel_cmd {
	struct asgraph	*g;
	struct outbuf	 out;
	bool		 json;
	double		 load_s;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool
arg_asn(const char *s, uint32_t *as)
{
	const char *why;

	if (strncmp(s, "AS", 2) == 0 || strncmp(s, "as", 2) == 0)
		s += 2;
	if (asn_parse(s, strlen(s), as, &why))
		return true;
	fprintf(stderr, "manrs asrel: bad AS number '%s': %s\n", s, why);
	return false;
}

static void
put_list(struct outbuf *ob, const uint32_t *v, size_t n)
{
	size_t i;

	ob_char(ob, '[');
	for (i = 0; i < n; i++) {
		if (i > 0)
			ob_char(ob, ',');
		ob_u32(ob, v[i]);
	}
	ob_char(ob, ']');
}

static void
q_rel(struct asrel_cmd *m, uint32_t a, uint32_t b)
{
	unsigned src;
	enum asrel r = asgraph_rel_source(m->g, a, b, &src);
	struct outbuf *ob = &m->out;
	static const char *const text[] = {
		[ASREL_NONE] = "has no link to",
		[ASREL_PROVIDER] = "is a provider of",
		[ASREL_CUSTOMER] = "is a customer of",
		[ASREL_PEER] = "is a peer of",
		[ASREL_SIBLING] = "is a sibling of",
	};

	if (m->json) {
		ob_str(ob, "{\"a\":");
		ob_u32(ob, a);
		ob_str(ob, ",\"b\":");
		ob_u32(ob, b);
		ob_str(ob, ",\"relationship\":\"");
		ob_str(ob, asrel_str(r));
		ob_char(ob, '"');
		if (src != 0) {
			const char *s = asgraph_source_name(m->g, src);

			ob_str(ob, ",\"source\":");
			ob_json_str(ob, s, strlen(s));
		}
		ob_str(ob, "}\n");
		return;
	}
	ob_str(ob, "AS");
	ob_u32(ob, a);
	ob_char(ob, ' ');
	ob_str(ob, text[r]);
	ob_str(ob, " AS");
	ob_u32(ob, b);
	if (src != 0) {
		ob_str(ob, " (source ");
		ob_str(ob, asgraph_source_name(m->g, src));
		ob_char(ob, ')');
	}
	ob_char(ob, '\n');
}

static void
q_cone(struct asrel_cmd *m, uint32_t as, bool size_only)
{
	struct outbuf *ob = &m->out;
	size_t n = asgraph_cone_size(m->g, as), i;
	uint32_t *v = NULL;

	if (!size_only) {
		v = xreallocarray(NULL, n + 1, sizeof(*v));
		(void)asgraph_cone(m->g, as, v, n);
	}
	if (m->json) {
		ob_str(ob, "{\"asn\":");
		ob_u32(ob, as);
		ob_str(ob, ",\"in_graph\":");
		ob_str(ob, asgraph_has(m->g, as) ? "true" : "false");
		ob_str(ob, ",\"cone_size\":");
		ob_u64(ob, n);
		if (!size_only) {
			ob_str(ob, ",\"cone\":");
			put_list(ob, v, n);
		}
		ob_str(ob, "}\n");
	} else if (size_only) {
		ob_u64(ob, n);
		ob_char(ob, '\n');
	} else
		for (i = 0; i < n; i++) {
			ob_u32(ob, v[i]);
			ob_char(ob, '\n');
		}
	free(v);
}

static void
q_in_cone(struct asrel_cmd *m, uint32_t a, uint32_t b)
{
	bool in = asgraph_in_cone(m->g, a, b);
	struct outbuf *ob = &m->out;

	if (m->json) {
		ob_str(ob, "{\"a\":");
		ob_u32(ob, a);
		ob_str(ob, ",\"b\":");
		ob_u32(ob, b);
		ob_str(ob, ",\"in_cone\":");
		ob_str(ob, in ? "true" : "false");
		ob_str(ob, "}\n");
		return;
	}
	ob_str(ob, in ? "yes: AS" : "no: AS");
	ob_u32(ob, a);
	ob_str(ob, in ? " is in the customer cone of AS" :
	    " is not in the customer cone of AS");
	ob_u32(ob, b);
	ob_char(ob, '\n');
}

static void
q_show(struct asrel_cmd *m, uint32_t as)
{
	static const enum asrel rels[] = { ASREL_CUSTOMER, ASREL_PROVIDER,
	    ASREL_PEER, ASREL_SIBLING };
	/* What the neighbours are to the AS. */
	static const char *const names[] = { "providers", "customers",
	    "peers", "siblings" };
	struct outbuf *ob = &m->out;
	size_t i, j;

	if (m->json) {
		ob_str(ob, "{\"asn\":");
		ob_u32(ob, as);
		ob_str(ob, ",\"in_graph\":");
		ob_str(ob, asgraph_has(m->g, as) ? "true" : "false");
	} else {
		ob_str(ob, "AS");
		ob_u32(ob, as);
		ob_str(ob, asgraph_has(m->g, as) ? "\n" :
		    " (not in the graph)\n");
	}
	for (i = 0; i < sizeof(rels) / sizeof(rels[0]); i++) {
		size_t n = asgraph_neighbours(m->g, as, rels[i], NULL, 0);
		uint32_t *v = xreallocarray(NULL, n + 1, sizeof(*v));

		(void)asgraph_neighbours(m->g, as, rels[i], v, n);
		if (m->json) {
			ob_str(ob, ",\"");
			ob_str(ob, names[i]);
			ob_str(ob, "\":");
			put_list(ob, v, n);
		} else if (n > 0 || i < 3) {
			ob_str(ob, "  ");
			ob_str(ob, names[i]);
			ob_str(ob, " (");
			ob_u64(ob, n);
			ob_str(ob, "):");
			for (j = 0; j < n; j++) {
				ob_char(ob, ' ');
				ob_u32(ob, v[j]);
			}
			ob_char(ob, '\n');
		}
		free(v);
	}
	if (m->json) {
		ob_str(ob, ",\"cone_size\":");
		ob_u64(ob, asgraph_cone_size(m->g, as));
		ob_str(ob, "}\n");
	} else {
		ob_str(ob, "  customer cone: ");
		ob_u64(ob, asgraph_cone_size(m->g, as));
		ob_str(ob, " ASes\n");
	}
}

static void
q_stats(struct asrel_cmd *m)
{
	struct outbuf *ob = &m->out;
	size_t nc, nx, mem0 = asgraph_memory(m->g);
	const uint32_t *clique = asgraph_clique(m->g, &nc);
	const uint32_t *ixps = asgraph_ixps(m->g, &nx);
	double t0 = now(), cones_s;
	uint64_t sum = asgraph_cones_all(m->g);
	const struct {
		const char	*name;
		uint64_t	 v;
	} rows[] = {
		{ "ases", asgraph_nodes(m->g) },
		{ "links", asgraph_links(m->g) },
		{ "p2c", asgraph_links_rel(m->g, ASREL_PROVIDER) },
		{ "p2p", asgraph_links_rel(m->g, ASREL_PEER) },
		{ "clique", nc },
		{ "ixps", nx },
		{ "memory_bytes", mem0 },
		{ "cone_sum", sum },
		{ "memory_with_cones_bytes", asgraph_memory(m->g) },
	};
	char buf[64];
	size_t i;

	cones_s = now() - t0;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (m->json) {
			ob_str(ob, i == 0 ? "{\"" : ",\"");
			ob_str(ob, rows[i].name);
			ob_str(ob, "\":");
		} else {
			ob_str(ob, rows[i].name);
			ob_char(ob, ' ');
		}
		ob_u64(ob, rows[i].v);
		if (!m->json)
			ob_char(ob, '\n');
	}
	if (m->json) {
		snprintf(buf, sizeof(buf), ",\"load_seconds\":%.3f", m->load_s);
		ob_str(ob, buf);
		snprintf(buf, sizeof(buf), ",\"cones_seconds\":%.3f", cones_s);
		ob_str(ob, buf);
		ob_str(ob, ",\"clique_ases\":");
		put_list(ob, clique, nc);
		ob_str(ob, ",\"ixp_ases\":");
		put_list(ob, ixps, nx);
		ob_str(ob, ",\"cones_given\":");
		ob_str(ob, asgraph_cones_given(m->g) ? "true" : "false");
		ob_str(ob, "}\n");
		return;
	}
	snprintf(buf, sizeof(buf), "load_seconds %.3f\ncones_seconds %.3f\n",
	    m->load_s, cones_s);
	ob_str(ob, buf);
	ob_str(ob, "clique_ases");
	for (i = 0; i < nc; i++) {
		ob_char(ob, ' ');
		ob_u32(ob, clique[i]);
	}
	ob_str(ob, "\nixp_ases");
	for (i = 0; i < nx; i++) {
		ob_char(ob, ' ');
		ob_u32(ob, ixps[i]);
	}
	ob_char(ob, '\n');
}

/* Load one file; false if it could not be read. */
static bool
load(struct asgraph *g, const char *path, enum asrel_kind kind,
    bool *problems)
{
	struct asrel_stats st;
	char err[512];
	int i;

	memset(&st, 0, sizeof(st));
	if (asrel_read(g, path, kind, &st, err, sizeof(err)) != 0) {
		log_warnx("%s", err);
		return false;
	}
	if (st.skipped > 0) {
		*problems = true;
		log_warnx("%s: %llu lines skipped; the first: %s", path,
		    (unsigned long long)st.skipped, st.first);
		for (i = 0; i < ASREL_SKIP_MAX; i++)
			if (st.skip[i] > 0)
				log_warnx("%s: %llu skipped: %s", path,
				    (unsigned long long)st.skip[i],
				    asrel_skip_str((enum asrel_skip)i));
	}
	if (st.kind == ASREL_KIND_REL)
		log_info("%s: as-rel serial-%d, %llu links", path, st.serial,
		    (unsigned long long)st.links);
	else
		log_info("%s: ppdc-ases, %llu cones", path,
		    (unsigned long long)st.cones);
	return true;
}

/* Run QUERY argv[0..argc); returns an exit code. */
static int
query(struct asrel_cmd *m, int argc, char **argv)
{
	static const struct {
		const char	*name;
		int		 nargs;
	} q[] = {
		{ "rel", 2 }, { "cone", 1 }, { "cone-size", 1 },
		{ "in-cone", 2 }, { "show", 1 }, { "stats", 0 },
	};
	uint32_t a = 0, b = 0;
	size_t i;

	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++)
		if (strcmp(argv[0], q[i].name) == 0)
			break;
	if (i == sizeof(q) / sizeof(q[0])) {
		fprintf(stderr, "manrs asrel: unknown query '%s'\n", argv[0]);
		return 2;
	}
	if (argc - 1 != q[i].nargs) {
		fprintf(stderr, "manrs asrel: '%s' takes %d AS number%s\n",
		    q[i].name, q[i].nargs, q[i].nargs == 1 ? "" : "s");
		return 2;
	}
	if ((q[i].nargs >= 1 && !arg_asn(argv[1], &a)) ||
	    (q[i].nargs == 2 && !arg_asn(argv[2], &b)))
		return 2;
	switch (i) {
	case 0:
		q_rel(m, a, b);
		break;
	case 1:
	case 2:
		q_cone(m, a, i == 2);
		break;
	case 3:
		q_in_cone(m, a, b);
		break;
	case 4:
		q_show(m, a);
		break;
	default:
		q_stats(m);
	}
	return 0;
}

/*
 * Sibling links between the networks of each PeeringDB organisation, where
 * the as-rel file has no link for the pair.  False if a file could not be
 * read.
 */
static bool
add_siblings(struct asgraph *g, char **files, int nfiles, bool *problems)
{
	struct pdb *db = pdb_new();
	unsigned src = asgraph_source(g, "peeringdb", 9);
	uint64_t added = 0, kept = 0;
	uint32_t *sib = NULL;
	size_t i, j, n, cap = 0;
	bool ok = true;
	int f;

	for (f = 0; f < nfiles; f++)
		if (!pdb_read_report(db, files[f], problems))
			ok = false;
	pdb_finish(db);
	for (i = 0; i < pdb_count(db, PDB_NET); i++) {
		uint32_t asn = pdb_net_at(db, i)->asn;

		while ((n = pdb_siblings(db, asn, sib, cap)) > cap) {
			cap = n;
			sib = xreallocarray(sib, cap, sizeof(*sib));
		}
		for (j = 0; j < n; j++) {
			const char *why;
			uint64_t prev;

			if (sib[j] < asn)
				continue;	/* the pair was seen from there */
			if (asgraph_add_link(g, asn, sib[j], ASREL_SIBLING, src,
			    0, &why, &prev))
				added++;
			else
				kept++;
		}
	}
	log_info("%llu sibling links from PeeringDB organisations; %llu "
	    "sibling pairs already linked in the as-rel file kept that "
	    "relationship", (unsigned long long)added,
	    (unsigned long long)kept);
	free(sib);
	pdb_free(db);
	return ok;
}

int
cmd_asrel(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "cones", required_argument, NULL, 'c' },
		{ "peeringdb", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "strict", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cones = NULL;
	char **pdbs;
	struct asrel_cmd m;
	bool strict = false, problems = false, ok;
	double t0;
	int ch, rc, npdbs = 0;

	memset(&m, 0, sizeof(m));
	pdbs = xreallocarray(NULL, (size_t)argc + 1, sizeof(*pdbs));
	while ((ch = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			cones = optarg;
			break;
		case 'p':
			pdbs[npdbs++] = optarg;
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
			free(pdbs);
			usage(stdout);
			return 0;
		default:
			free(pdbs);
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind < 2) {
		free(pdbs);
		fprintf(stderr, "manrs asrel: need a FILE and a QUERY\n");
		usage(stderr);
		return 2;
	}
	m.g = asgraph_new();
	t0 = now();
	ok = load(m.g, argv[optind], ASREL_KIND_REL, &problems) &&
	    (cones == NULL || load(m.g, cones, ASREL_KIND_PPDC, &problems)) &&
	    add_siblings(m.g, pdbs, npdbs, &problems);
	free(pdbs);
	if (!ok) {
		asgraph_free(m.g);
		return 1;
	}
	asgraph_finish(m.g);
	m.load_s = now() - t0;
	ob_init_fd(&m.out, STDOUT_FILENO, 256 * 1024);
	rc = query(&m, argc - optind - 1, argv + optind + 1);
	if (rc == 2)
		usage(stderr);
	ob_flush(&m.out);
	if (m.out.error) {
		log_warnx("write error on standard output");
		rc = 1;
	}
	ob_free(&m.out);
	asgraph_free(m.g);
	if (rc == 0 && strict && problems)
		rc = 1;
	return rc;
}
