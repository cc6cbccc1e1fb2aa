/*
 * manrs mrt: decode MRT files.  The default output is one line per route
 * element, byte-identical to `bgpdump -m` wherever bgpdump decodes the
 * input correctly (docs/bgpdump-differences.md lists where it does not).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "base/outbuf.h"
#include "base/xmalloc.h"
#include "cli.h"
#include "formats/mrt.h"

enum out_mode {
	OUT_LINES,		/* bgpdump -m */
	OUT_JSON,		/* NDJSON */
	OUT_COUNT,		/* counts only */
};

struct mrt_cmd {
	enum out_mode	 mode;
	struct outbuf	 out;
};

static const char *const origin_str[] = { "IGP", "EGP", "INCOMPLETE" };

/*
 * IPv6 text as bgpdump writes it, which is not RFC 5952: the first longest
 * run of zero words becomes "::" even when it is a single word, and there
 * is a dotted IPv4 tail only for mapped and compatible addresses.  (The
 * JSON output uses the RFC 5952 form.)
 */
static size_t
fmt_v6_compat(const uint8_t *b, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	unsigned w[8];
	int i, best = -1, bestlen = 0, run = 0;
	size_t n = 0;

	for (i = 0; i < 8; i++)
		w[i] = (unsigned)(b[2 * i] << 8 | b[2 * i + 1]);
	/* IPv4-mapped, and IPv4-compatible other than :: and ::1. */
	if (w[0] == 0 && w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0 &&
	    (w[5] == 0xffff || (w[5] == 0 && (w[6] != 0 || w[7] > 1)))) {
		struct addr v4 = { .afi = AFI_IPV4 };
		char tail[ADDR_STRLEN];
		size_t tn;

		memcpy(v4.b, b + 12, 4);
		tn = addr_fmt(&v4, tail);
		n = w[5] ? 7 : 2;
		memcpy(buf, w[5] ? "::ffff:" : "::", n);
		memcpy(buf + n, tail, tn + 1);
		return n + tn;
	}
	for (i = 7; i >= 0; i--) {
		run = w[i] == 0 ? run + 1 : 0;
		if (run >= bestlen && run > 0) {
			best = i;
			bestlen = run;
		}
	}
	for (i = 0; i < 8; i++) {
		int s, started = 0;

		if (i == best) {
			if (i == 0)
				buf[n++] = ':';
			buf[n++] = ':';
			i += bestlen - 1;
			continue;
		}
		for (s = 12; s >= 0; s -= 4) {
			unsigned d = (w[i] >> s) & 15;

			if (d != 0 || started || s == 0) {
				buf[n++] = hex[d];
				started = 1;
			}
		}
		if (i != 7)
			buf[n++] = ':';
	}
	buf[n] = '\0';
	return n;
}

static void
put_addr(struct outbuf *ob, const struct addr *a)
{
	char buf[ADDR_STRLEN];

	if (a->afi == AFI_IPV6)
		ob_write(ob, buf, fmt_v6_compat(a->b, buf));
	else
		ob_write(ob, buf, addr_fmt(a, buf));
}

static void
put_prefix(struct outbuf *ob, const struct prefix *p)
{
	struct addr a;

	a.afi = p->afi;
	memcpy(a.b, p->b, sizeof(a.b));
	put_addr(ob, &a);
	ob_char(ob, '/');
	ob_u32(ob, p->len);
}

static void
put_path(struct outbuf *ob, const struct as_path *path)
{
	uint32_t i, j;

	for (i = 0; i < path->nseg; i++) {
		const struct as_segment *s = &path->segs[i];
		char open = 0, close = 0, sep = ' ';

		if (i > 0)
			ob_char(ob, ' ');
		switch (s->type) {
		case AS_SET:
			open = '{', close = '}', sep = ',';
			break;
		case AS_CONFED_SEQUENCE:
			open = '(', close = ')';
			break;
		case AS_CONFED_SET:
			open = '[', close = ']', sep = ',';
			break;
		}
		if (open)
			ob_char(ob, open);
		for (j = 0; j < s->count; j++) {
			if (j > 0)
				ob_char(ob, sep);
			ob_u32(ob, s->asns[j]);
		}
		if (close)
			ob_char(ob, close);
	}
}

static void
put_communities(struct outbuf *ob, const struct bgp_attrs *a)
{
	struct cursor c = a->communities;
	bool first = true;
	uint32_t v;

	while (cur_u32(&c, &v)) {
		if (!first)
			ob_char(ob, ' ');
		first = false;
		switch (v) {
		case 0xffffff01:
			ob_str(ob, "no-export");
			break;
		case 0xffffff02:
			ob_str(ob, "no-advertise");
			break;
		case 0xffffff03:
			ob_str(ob, "local-AS");
			break;
		default:
			ob_u32(ob, v >> 16);
			ob_char(ob, ':');
			ob_u32(ob, v & 0xffff);
		}
	}
}

/* The attribute part of an A or B line, after the prefix. */
static void
put_tail(struct outbuf *ob, const struct bgp_attrs *a, const struct addr *nh)
{
	ob_char(ob, '|');
	put_path(ob, &a->path);
	ob_char(ob, '|');
	if (a->present & BGP_ATTR_BIT(BGP_ATTR_ORIGIN))
		ob_str(ob, origin_str[a->origin]);
	else
		ob_str(ob, "INCOMPLETE");
	ob_char(ob, '|');
	if (nh != NULL && nh->afi != AFI_NONE)
		put_addr(ob, nh);
	else
		ob_str(ob, "255.255.255.255");	/* bgpdump: INADDR_NONE */
	ob_char(ob, '|');
	ob_u32(ob, a->local_pref);
	ob_char(ob, '|');
	ob_u32(ob, a->med);
	ob_char(ob, '|');
	put_communities(ob, a);
	ob_char(ob, '|');
	ob_str(ob, (a->present & BGP_ATTR_BIT(BGP_ATTR_ATOMIC_AGGREGATE)) ?
	    "AG" : "NAG");
	ob_char(ob, '|');
	if (a->present & BGP_ATTR_BIT(BGP_ATTR_AGGREGATOR)) {
		ob_u32(ob, a->aggr_as);
		ob_char(ob, ' ');
		put_addr(ob, &a->aggr_addr);
	}
	ob_str(ob, "|\n");
}

/* The first field of a line, as bgpdump names the record's kind. */
static void
put_label(struct outbuf *ob, const struct mrt_elem *e)
{
	switch (e->rec->type) {
	case MRT_BGP:
		ob_str(ob, "BGP");
		return;
	case MRT_TABLE_DUMP:
		ob_str(ob, "TABLE_DUMP");
		return;
	case MRT_TABLE_DUMP_V2:
		ob_str(ob, e->has_path_id ? "TABLE_DUMP2_AP" : "TABLE_DUMP2");
		return;
	}
	ob_str(ob, e->rec->type == MRT_BGP4MP_ET ? "BGP4MP_ET" : "BGP4MP");
	if (e->local)
		ob_str(ob, "_LOCAL");
	if (e->has_path_id)
		ob_str(ob, "_AP");
}

static void
put_time(struct outbuf *ob, const struct mrt_record *r)
{
	ob_u32(ob, r->ts);
	if (r->type == MRT_BGP4MP_ET) {
		char us[7];
		uint32_t v = r->usec;
		int i;

		for (i = 5; i >= 0; i--) {
			us[i] = (char)('0' + v % 10);
			v /= 10;
		}
		ob_char(ob, '.');
		ob_write(ob, us, 6);
	}
}

static void
line_elem(void *ctx, const struct mrt_elem *e)
{
	struct mrt_cmd *m = ctx;
	struct outbuf *ob = &m->out;

	/* bgpdump prints no multicast RIB entries; the lines have no SAFI. */
	if (e->kind == ELEM_RIB && e->safi != 1)
		return;
	put_label(ob, e);
	ob_char(ob, '|');
	put_time(ob, e->rec);
	switch (e->kind) {
	case ELEM_RIB:
		ob_str(ob, "|B|");
		break;
	case ELEM_ANNOUNCE:
		ob_str(ob, "|A|");
		break;
	case ELEM_WITHDRAW:
		ob_str(ob, "|W|");
		break;
	case ELEM_STATE:
		ob_str(ob, "|STATE|");
		break;
	}
	/*
	 * bgpdump names the sender: the collector, for _LOCAL messages.  A
	 * RIB entry without a PEER_INDEX_TABLE has empty peer fields.
	 */
	if (e->peer_ip.afi == AFI_NONE)
		ob_str(ob, "||");
	else {
		put_addr(ob, e->local ? &e->local_ip : &e->peer_ip);
		ob_char(ob, '|');
		ob_u32(ob, e->local ? e->local_as : e->peer_as);
		ob_char(ob, '|');
	}
	if (e->kind == ELEM_STATE) {
		ob_u32(ob, e->old_state);
		ob_char(ob, '|');
		ob_u32(ob, e->new_state);
		ob_char(ob, '\n');
		return;
	}
	put_prefix(ob, &e->prefix);
	if (e->has_path_id) {
		ob_char(ob, '|');
		ob_u32(ob, e->path_id);
	}
	if (e->kind == ELEM_WITHDRAW) {
		ob_char(ob, '\n');
		return;
	}
	put_tail(ob, e->attrs, e->nexthop);
}

static void
json_path(struct outbuf *ob, const struct as_path *path)
{
	struct outbuf *o = ob;
	uint32_t i, j;

	ob_char(o, '[');
	for (i = 0; i < path->nseg; i++) {
		const struct as_segment *s = &path->segs[i];

		if (i > 0)
			ob_char(o, ',');
		if (s->type == AS_SEQUENCE) {
			for (j = 0; j < s->count; j++) {
				if (j > 0)
					ob_char(o, ',');
				ob_u32(o, s->asns[j]);
			}
			continue;
		}
		ob_str(o, s->type == AS_SET ? "{\"set\":[" :
		    s->type == AS_CONFED_SEQUENCE ? "{\"confed_sequence\":[" :
		    "{\"confed_set\":[");
		for (j = 0; j < s->count; j++) {
			if (j > 0)
				ob_char(o, ',');
			ob_u32(o, s->asns[j]);
		}
		ob_str(o, "]}");
	}
	ob_char(o, ']');
}

static void
json_addr(struct outbuf *ob, const char *key, const struct addr *a)
{
	char buf[ADDR_STRLEN];
	size_t n = addr_fmt(a, buf);

	ob_str(ob, key);
	ob_json_str(ob, buf, n);
}

static void
json_elem(void *ctx, const struct mrt_elem *e)
{
	static const char *const kind[] = { "B", "A", "W", "STATE" };
	struct mrt_cmd *m = ctx;
	struct outbuf *ob = &m->out;
	const struct bgp_attrs *a = e->attrs;
	char buf[PREFIX_STRLEN];

	ob_str(ob, "{\"type\":\"");
	ob_str(ob, kind[e->kind]);
	ob_str(ob, "\",\"mrt\":\"");
	ob_str(ob, mrt_type_name(e->rec->type));
	ob_str(ob, "\",\"timestamp\":");
	put_time(ob, e->rec);
	if (e->peer_ip.afi != AFI_NONE) {
		json_addr(ob, ",\"peer_ip\":", &e->peer_ip);
		ob_str(ob, ",\"peer_as\":");
		ob_u32(ob, e->peer_as);
	} else {
		ob_str(ob, ",\"peer_index\":");
		ob_u32(ob, e->peer_index);
	}
	if (e->kind == ELEM_STATE) {
		ob_str(ob, ",\"old_state\":");
		ob_u32(ob, e->old_state);
		ob_str(ob, ",\"new_state\":");
		ob_u32(ob, e->new_state);
		ob_str(ob, "}\n");
		return;
	}
	ob_str(ob, ",\"prefix\":");
	ob_json_str(ob, buf, prefix_fmt(&e->prefix, buf));
	if (e->has_path_id) {
		ob_str(ob, ",\"path_id\":");
		ob_u32(ob, e->path_id);
	}
	if (e->local)
		ob_str(ob, ",\"sent_by_collector\":true");
	if (e->safi != 1) {
		ob_str(ob, ",\"safi\":");
		ob_u32(ob, e->safi);
	}
	if (e->kind == ELEM_WITHDRAW) {
		ob_str(ob, "}\n");
		return;
	}
	ob_str(ob, ",\"as_path\":");
	json_path(ob, &a->path);
	ob_str(ob, ",\"origin_as\":");
	ob_u32(ob, as_path_origin(&a->path));
	if (a->present & BGP_ATTR_BIT(BGP_ATTR_ORIGIN)) {
		ob_str(ob, ",\"origin\":\"");
		ob_str(ob, origin_str[a->origin]);
		ob_char(ob, '"');
	}
	if (e->nexthop != NULL && e->nexthop->afi != AFI_NONE)
		json_addr(ob, ",\"next_hop\":", e->nexthop);
	if (a->present & BGP_ATTR_BIT(BGP_ATTR_LOCAL_PREF)) {
		ob_str(ob, ",\"local_pref\":");
		ob_u32(ob, a->local_pref);
	}
	if (a->present & BGP_ATTR_BIT(BGP_ATTR_MED)) {
		ob_str(ob, ",\"med\":");
		ob_u32(ob, a->med);
	}
	if (a->communities.len > 0) {
		struct cursor c = a->communities;
		uint32_t v;
		bool first = true;

		ob_str(ob, ",\"communities\":[");
		while (cur_u32(&c, &v)) {
			if (!first)
				ob_char(ob, ',');
			first = false;
			ob_char(ob, '"');
			ob_u32(ob, v >> 16);
			ob_char(ob, ':');
			ob_u32(ob, v & 0xffff);
			ob_char(ob, '"');
		}
		ob_char(ob, ']');
	}
	if (a->large_communities.len > 0) {
		struct cursor c = a->large_communities;
		bool first = true;

		ob_str(ob, ",\"large_communities\":[");
		while (c.len >= 12) {
			if (!first)
				ob_char(ob, ',');
			first = false;
			ob_char(ob, '"');
			ob_u32(ob, be32(c.p));
			ob_char(ob, ':');
			ob_u32(ob, be32(c.p + 4));
			ob_char(ob, ':');
			ob_u32(ob, be32(c.p + 8));
			ob_char(ob, '"');
			cur_skip(&c, 12);
		}
		ob_char(ob, ']');
	}
	if (a->ext_communities.len > 0) {
		struct cursor c = a->ext_communities;
		bool first = true;

		ob_str(ob, ",\"extended_communities\":[");
		while (c.len >= 8) {
			if (!first)
				ob_char(ob, ',');
			first = false;
			ob_char(ob, '"');
			ob_hex(ob, c.p, 8);
			ob_char(ob, '"');
			cur_skip(&c, 8);
		}
		ob_char(ob, ']');
	}
	if (a->present & BGP_ATTR_BIT(BGP_ATTR_ATOMIC_AGGREGATE))
		ob_str(ob, ",\"atomic_aggregate\":true");
	if (a->present & BGP_ATTR_BIT(BGP_ATTR_AGGREGATOR)) {
		ob_str(ob, ",\"aggregator\":{\"as\":");
		ob_u32(ob, a->aggr_as);
		json_addr(ob, ",\"ip\":", &a->aggr_addr);
		ob_char(ob, '}');
	}
	if (a->present & BGP_ATTR_BIT(BGP_ATTR_OTC)) {
		ob_str(ob, ",\"otc\":");
		ob_u32(ob, a->otc);
	}
	if (a->nmalformed > 0) {
		ob_str(ob, ",\"malformed\":\"");
		ob_str(ob, bgp_error_str(a->first_error));
		ob_char(ob, '"');
	}
	ob_str(ob, "}\n");
}

static void
count_elem(void *ctx, const struct mrt_elem *e)
{
	(void)ctx;
	(void)e;
}

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs mrt [-m | --json | --count] [--strict] [-v] FILE...\n"
	    "\n"
	    "Decode MRT routing archives (RFC 6396): TABLE_DUMP, TABLE_DUMP_V2\n"
	    "(with RIB_GENERIC and RFC 8050 ADD-PATH), BGP4MP and BGP4MP_ET, and\n"
	    "the deprecated BGP4MP_ENTRY and type-5 BGP records.  Files may be\n"
	    "plain or compressed with gzip, bzip2, xz or zstd (detected from the\n"
	    "content); \"-\" reads standard input.\n"
	    "\n"
	    "  -m, --lines  one line per route element, as `bgpdump -m` prints\n"
	    "               it (the default)\n"
	    "  --json       one JSON object per route element (NDJSON)\n"
	    "  --count      only count records and elements per type\n"
	    "  --strict     exit 1 if any record was skipped or a file was\n"
	    "               damaged (by default such problems are reported\n"
	    "               on stderr and decoding goes on)\n"
	    "  -v           say more on stderr (twice: every skipped record)\n"
	    "\n"
	    "Damaged framing is recovered by scanning for the next good record\n"
	    "header; a truncated compressed file yields every complete record\n"
	    "before the cut.  A summary of skipped records goes to stderr.\n"
	    "\n"
	    "Exit status: 0 on success, 1 on unreadable input (or any problem\n"
	    "with --strict), 2 on a usage error.\n");
}

static void
print_counts(struct outbuf *ob, const char *name, const struct mrt_stats *st)
{
	static const char *const kind[] = { "B", "A", "W", "STATE" };
	unsigned t, s;

	ob_str(ob, name);
	ob_str(ob, ": ");
	ob_u64(ob, st->records);
	ob_str(ob, " records, ");
	ob_u64(ob, st->bytes);
	ob_str(ob, " bytes\n");
	for (t = 0; t < 64; t++)
		for (s = 0; s < 16; s++) {
			if (st->by_type[t][s] == 0)
				continue;
			ob_str(ob, "  record ");
			ob_str(ob, mrt_type_name((uint16_t)t));
			ob_char(ob, '/');
			ob_str(ob, mrt_subtype_name((uint16_t)t, (uint16_t)s));
			ob_str(ob, " (");
			ob_u32(ob, t);
			ob_char(ob, '/');
			ob_u32(ob, s);
			ob_str(ob, ") ");
			ob_u64(ob, st->by_type[t][s]);
			ob_char(ob, '\n');
		}
	for (t = 0; t < 4; t++) {
		if (st->elems[t] == 0)
			continue;
		ob_str(ob, "  elements ");
		ob_str(ob, kind[t]);
		ob_char(ob, ' ');
		ob_u64(ob, st->elems[t]);
		ob_char(ob, '\n');
	}
}

static uint64_t
report_skips(const char *name, const struct mrt_stats *st)
{
	uint64_t total = 0;
	unsigned i;

	for (i = 0; i < SKIP_MAX; i++) {
		if (st->skipped[i] == 0)
			continue;
		total += st->skipped[i];
		log_warnx("%s: skipped %llu: %s", name,
		    (unsigned long long)st->skipped[i],
		    mrt_skip_str((enum mrt_skip)i));
	}
	if (st->attrs_malformed > 0) {
		log_warnx("%s: %llu attribute sets had malformed attributes "
		    "(dropped, RFC 7606)", name,
		    (unsigned long long)st->attrs_malformed);
		for (i = 1; i < BGP_ERR_MAX; i++)
			if (st->attr_errors[i] > 0)
				log_warnx("%s:   %llu: %s", name,
				    (unsigned long long)st->attr_errors[i],
				    bgp_error_str((enum bgp_error)i));
	}
	if (st->resyncs > 0)
		log_warnx("%s: damaged framing: %llu recoveries, %llu bytes "
		    "skipped", name, (unsigned long long)st->resyncs,
		    (unsigned long long)st->resync_bytes);
	if (st->nlri_dirty > 0)
		log_warnx("%s: %llu prefixes had bits set past their length "
		    "(ignored, RFC 4271 4.3)", name,
		    (unsigned long long)st->nlri_dirty);
	if (st->addpath_guessed > 0)
		log_warnx("%s: %llu NLRI lists carried ADD-PATH path identifiers "
		    "that their MRT subtype did not announce (decoded with "
		    "them)", name, (unsigned long long)st->addpath_guessed);
	if (st->no_peer_index > 0)
		log_warnx("%s: %llu RIB entries came without a PEER_INDEX_TABLE: "
		    "decoded, with the peer unknown (empty peer fields)", name,
		    (unsigned long long)st->no_peer_index);
	if (st->td1_short_len > 0)
		log_info("%s: %llu TABLE_DUMP records with the 2000-era RIS "
		    "length 4 bytes short", name,
		    (unsigned long long)st->td1_short_len);
	return total + st->resyncs;
}

int
cmd_mrt(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lines", no_argument, NULL, 'm' },
		{ "json", no_argument, NULL, 'j' },
		{ "count", no_argument, NULL, 'c' },
		{ "strict", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct mrt_cmd m;
	bool strict = false, failed = false, problems = false;
	mrt_elem_fn *fn;
	int ch, i;

	memset(&m, 0, sizeof(m));
	m.mode = OUT_LINES;
	while ((ch = getopt_long(argc, argv, "mhv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'm':
			m.mode = OUT_LINES;
			break;
		case 'j':
			m.mode = OUT_JSON;
			break;
		case 'c':
			m.mode = OUT_COUNT;
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
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		fprintf(stderr, "manrs mrt: no input file\n");
		usage(stderr);
		return 2;
	}
	fn = m.mode == OUT_JSON ? json_elem : m.mode == OUT_COUNT ?
	    count_elem : line_elem;
	ob_init_fd(&m.out, STDOUT_FILENO, 1024 * 1024);

	for (i = 0; i < argc; i++) {
		char err[512];
		struct reader *rd = reader_open(argv[i], err, sizeof(err));
		struct mrt_file *f;
		struct mrt_record rec;
		const char *ferr;

		if (rd == NULL) {
			log_warnx("%s", err);
			failed = true;
			continue;
		}
		f = mrt_file_new(rd, argv[i]);
		while (mrt_next(f, &rec) == 1)
			mrt_decode(f, &rec, fn, &m);
		if ((ferr = mrt_file_error(f)) != NULL) {
			log_warnx("%s", ferr);
			problems = true;
		}
		if (m.mode == OUT_COUNT)
			print_counts(&m.out, argv[i], mrt_file_stats(f));
		if (report_skips(argv[i], mrt_file_stats(f)) > 0)
			problems = true;
		mrt_file_free(f);
	}
	ob_flush(&m.out);
	if (m.out.error) {
		log_warnx("write error on standard output");
		failed = true;
	}
	ob_free(&m.out);
	if (failed || (strict && problems))
		return 1;
	return 0;
}
