/* The end-of-run summary of `manrs observe` (see summary.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "base/diag.h"
#include "formats/asrel.h"
#include "formats/mrt.h"
#include "formats/peeringdb.h"
#include "formats/vrp.h"
#include "irr/load.h"
#include "observe/summary.h"

static const char *const kind_names[SRC_KINDS] = {
	[SRC_BGP] = "bgp", [SRC_RPKI] = "rpki", [SRC_IRR] = "irr",
	[SRC_ASREL] = "asrel", [SRC_PDB] = "peeringdb", [SRC_RIR] = "rir",
	[SRC_SPOOFER] = "spoofer", [SRC_PARTICIPANTS] = "participants",
};

const char *
source_kind_name(enum source_kind k)
{
	return (unsigned)k < SRC_KINDS ? kind_names[k] : "?";
}

void
tally_skip(struct source_tally *t, const char *reason, uint64_t n)
{
	unsigned i;

	if (n == 0)
		return;
	t->skipped += n;
	for (i = 0; i < SUMMARY_REASONS && t->reason[i] != NULL; i++)
		if (strcmp(t->reason[i], reason) == 0)
			break;
	if (i == SUMMARY_REASONS) {
		t->other += n;
		return;
	}
	t->reason[i] = reason;
	t->count[i] += n;
}

void
tally_first(struct source_tally *t, const char *msg)
{
	if (t->first[0] == '\0' && msg != NULL)
		snprintf(t->first, sizeof(t->first), "%s", msg);
}

void
summary_mrt(struct observe_summary *s, const struct mrt_stats *st)
{
	struct source_tally *t = &s->src[SRC_BGP];
	unsigned i;

	t->files++;
	t->records += st->records;
	for (i = 0; i < SKIP_MAX; i++)
		tally_skip(t, mrt_skip_str((enum mrt_skip)i), st->skipped[i]);
	/* Not skipped, but not read as written either: said, not hidden. */
	tally_skip(t, "framing lost and found again (records passed over)",
	    st->resyncs);
	tally_skip(t, "attribute sets with malformed attributes dropped",
	    st->attrs_malformed);
}

void
summary_vrp(struct observe_summary *s, const struct vrp_errors *e)
{
	struct source_tally *t = &s->src[SRC_RPKI];
	unsigned i;

	t->files++;
	for (i = 0; i < VRP_REJ_MAX; i++)
		tally_skip(t, vrp_reject_str((enum vrp_reject)i),
		    e->rejected[i]);
	tally_first(t, e->first[0] ? e->first : NULL);
}

void
summary_irr(struct observe_summary *s, const struct irr_load_stats *st,
    uint64_t files)
{
	struct source_tally *t = &s->src[SRC_IRR];

	t->files += files;
	t->records += st->objects;
	tally_skip(t, "route, set or aut-num object rejected", st->bad);
	tally_skip(t, "no usable source: attribute", st->no_source);
	tally_skip(t, "RPSL syntax error", st->rpsl_skipped);
	tally_first(t, st->last_bad[0] ? st->last_bad : NULL);
}

void
summary_asrel(struct observe_summary *s, const struct asrel_stats *st,
    uint64_t files)
{
	struct source_tally *t = &s->src[SRC_ASREL];
	unsigned i;

	t->files += files;
	t->records += st->lines - st->comments;
	for (i = 0; i < ASREL_SKIP_MAX; i++)
		tally_skip(t, asrel_skip_str((enum asrel_skip)i), st->skip[i]);
	tally_first(t, st->first[0] ? st->first : NULL);
}

void
summary_pdb(struct observe_summary *s, const struct pdb_stats *st,
    uint64_t files)
{
	struct source_tally *t = &s->src[SRC_PDB];
	unsigned i;

	t->files += files;
	t->records += st->records;
	for (i = 0; i < PDB_SKIP_MAX; i++)
		tally_skip(t, pdb_skip_str((enum pdb_skip)i), st->skip[i]);
	tally_first(t, st->first[0] ? st->first : NULL);
}

void
summary_diag(struct observe_summary *s, enum source_kind k,
    const struct diag *d, uint64_t kept)
{
	struct source_tally *t = &s->src[k];
	unsigned i;

	t->files++;
	t->records += kept + d->total;
	for (i = 0; i < d->nreasons && i < DIAG_MAX_REASONS; i++)
		tally_skip(t, d->reasons[i], d->rejected[i]);
	tally_first(t, d->first[0] ? d->first : NULL);
}

/* ---- what was missing ---- */

enum { MISSING_MAX = 8 };

/* What the absent inputs mean for the scores, one sentence each. */
static size_t
missing(const struct observe_summary *s, const char *out[MISSING_MAX])
{
	size_t n = 0;

	if (s->no_rpki)
		out[n++] = "no VRPs (rpki/): Global Validation RPKI has no "
		    "data and no route is RPKI Invalid (M2 finds MOAS "
		    "newcomers only)";
	if (s->no_irr)
		out[n++] = "no IRR (irr/): Global Validation IRR has no data "
		    "and no origin counts as registered";
	if (s->no_asrel)
		out[n++] = "no AS relationships (asrel/): no route leak (M1) "
		    "is found";
	if (s->no_pdb && s->no_irr)
		out[n++] = "neither PeeringDB (peeringdb/) nor IRR aut-nums: "
		    "Coordination has no data";
	else if (s->no_pdb)
		out[n++] = "no PeeringDB (peeringdb/): contacts come from IRR "
		    "aut-nums only, and no two ASes are siblings";
	if (s->no_rir)
		out[n++] = "no registries (rir/): no prefix is a bogon (M3); "
		    "reserved ASNs still are (M4), and no ASN is left out of "
		    "the universe as unassigned";
	if (s->no_spoofer)
		out[n++] = "no Spoofer data (spoofer/): Anti-spoofing has no "
		    "data";
	else if (s->spoofer_ases == 0)
		out[n++] = "no Spoofer session in the period: Anti-spoofing "
		    "has no data";
	return n;
}

/* ---- the table ---- */

static void
print_sources(FILE *fp, const struct observe_summary *s)
{
	unsigned k, i;

	fprintf(fp, "%-13s %6s %12s %10s\n", "source", "files", "records",
	    "skipped");
	for (k = 0; k < SRC_KINDS; k++) {
		const struct source_tally *t = &s->src[k];

		if (t->files == 0)
			continue;
		fprintf(fp, "%-13s %6" PRIu64, kind_names[k], t->files);
		if (t->records > 0)
			fprintf(fp, " %12" PRIu64, t->records);
		else
			fprintf(fp, " %12s", "-");
		fprintf(fp, " %10" PRIu64 "\n", t->skipped);
		for (i = 0; i < SUMMARY_REASONS && t->reason[i] != NULL; i++)
			fprintf(fp, "  %10" PRIu64 "  %s\n", t->count[i],
			    t->reason[i]);
		if (t->other > 0)
			fprintf(fp, "  %10" PRIu64 "  other reasons\n",
			    t->other);
		if (t->first[0] != '\0')
			fprintf(fp, "              first: %s\n", t->first);
	}
}

void
summary_print(FILE *fp, const struct observe_summary *s, const char *period,
    const char *db)
{
	const char *miss[MISSING_MAX];
	size_t n, i;
	unsigned a, m;

	fprintf(fp, "period %s\n\n", period);
	print_sources(fp, s);
	fprintf(fp, "\nbgp: %" PRIu64 " elements, %" PRIu64 " peers, %" PRIu64
	    " prefixes, %" PRIu64 " paths, %" PRIu64 " route segments, %"
	    PRIu64 " prefix-origin pairs\n", s->mrt_elems, s->peers,
	    s->prefixes, s->paths, s->segments, s->pairs);
	if (s->mrt_resumed > 0)
		fprintf(fp, "bgp: %" PRIu64 " more files read by earlier runs, "
		    "from the state\n", s->mrt_resumed);
	if (!s->no_rpki)
		fprintf(fp, "rpki: %" PRIu64 " VRPs\n", s->vrps);
	if (!s->no_irr)
		fprintf(fp, "irr: %" PRIu64 " route objects\n", s->irr_routes);
	if (!s->no_asrel)
		fprintf(fp, "asrel: %" PRIu64 " links\n", s->asrel_links);
	if (!s->no_pdb)
		fprintf(fp, "peeringdb: %" PRIu64 " networks\n", s->pdb_nets);
	if (!s->no_rir)
		fprintf(fp, "registries: %" PRIu64 " administrative bogon "
		    "prefixes seen (recorded, not scored)\n", s->admin_bogons);
	if (!s->no_spoofer)
		fprintf(fp, "spoofer: %" PRIu64 " sessions, %" PRIu64
		    " ASes tested in the period\n", s->spoofer_sessions,
		    s->spoofer_ases);
	if (s->src[SRC_PARTICIPANTS].files > 0)
		fprintf(fp, "participants: %" PRIu64 " organisations, %" PRIu64
		    " ASNs\n", s->participants, s->participant_asns);

	fprintf(fp, "\n%-8s %9s %9s\n", "metric", "incidents", "disputed");
	for (m = 0; m < METRIC_COUNT; m++)
		if (s->incidents_by_metric[m] > 0)
			fprintf(fp, "%-8s %9" PRIu64 " %9" PRIu64 "\n",
			    metric_name((enum metric)m),
			    s->incidents_by_metric[m],
			    s->disputed_by_metric[m]);
	fprintf(fp, "%-8s %9" PRIu64 " %9" PRIu64 "  (from %" PRIu64
	    " events)\n", "all", s->incidents, s->disputed, s->events);

	fprintf(fp, "\nASes scored: %" PRIu64 "\n", s->ases);
	fprintf(fp, "%-24s %8s %8s %8s %8s\n", "action", "Ready", "Aspiring",
	    "Lagging", "No data");
	for (a = 0; a < ACTION_COUNT; a++)
		fprintf(fp, "%-24s %8" PRIu64 " %8" PRIu64 " %8" PRIu64 " %8"
		    PRIu64 "\n", action_name((enum action)a),
		    s->labels[a][LABEL_READY], s->labels[a][LABEL_ASPIRING],
		    s->labels[a][LABEL_LAGGING], s->labels[a][LABEL_NODATA]);

	if (s->prev_period[0] != '\0') {
		fprintf(fp, "\nagainst %s (ASes with data in both):\n",
		    s->prev_period);
		fprintf(fp, "%-24s %8s %8s %8s\n", "action", "better", "worse",
		    "compared");
		for (a = 0; a < ACTION_COUNT; a++)
			fprintf(fp, "%-24s %8" PRIu64 " %8" PRIu64 " %8" PRIu64
			    "\n", action_name((enum action)a), s->better[a],
			    s->worse[a], s->compared[a]);
	}
	if ((n = missing(s, miss)) > 0) {
		fprintf(fp, "\nmissing data:\n");
		for (i = 0; i < n; i++)
			fprintf(fp, "  %s\n", miss[i]);
	}
	if (db != NULL)
		fprintf(fp, "\nstored in %s (run %" PRId64 ")\n", db, s->run_id);
}

/* ---- JSON ---- */

static json_t *
tally_json(const struct source_tally *t)
{
	json_t *o = json_object(), *why = json_object();
	unsigned i;

	json_object_set_new(o, "files", json_integer((json_int_t)t->files));
	json_object_set_new(o, "records",
	    json_integer((json_int_t)t->records));
	json_object_set_new(o, "skipped",
	    json_integer((json_int_t)t->skipped));
	for (i = 0; i < SUMMARY_REASONS && t->reason[i] != NULL; i++)
		json_object_set_new(why, t->reason[i],
		    json_integer((json_int_t)t->count[i]));
	if (t->other > 0)
		json_object_set_new(why, "other reasons",
		    json_integer((json_int_t)t->other));
	json_object_set_new(o, "reasons", why);
	if (t->first[0] != '\0')
		json_object_set_new(o, "first", json_string(t->first));
	return o;
}

static void
set_u(json_t *o, const char *k, uint64_t v)
{
	json_object_set_new(o, k, json_integer((json_int_t)v));
}

void
summary_json(FILE *fp, const struct observe_summary *s, const char *period,
    const char *db)
{
	json_t *root = json_object(), *src = json_object(), *bgp;
	json_t *inc = json_object(), *by = json_object(), *lab = json_object();
	json_t *miss = json_array();
	const char *mv[MISSING_MAX];
	size_t n, i;
	unsigned k, a, m;

	json_object_set_new(root, "period", json_string(period));
	if (db != NULL) {
		json_object_set_new(root, "db", json_string(db));
		json_object_set_new(root, "run", json_integer(s->run_id));
	}
	for (k = 0; k < SRC_KINDS; k++)
		if (s->src[k].files > 0)
			json_object_set_new(src, kind_names[k],
			    tally_json(&s->src[k]));
	json_object_set_new(root, "sources", src);

	bgp = json_object();
	set_u(bgp, "elements", s->mrt_elems);
	set_u(bgp, "peers", s->peers);
	set_u(bgp, "resumed_files", s->mrt_resumed);
	set_u(bgp, "prefixes", s->prefixes);
	set_u(bgp, "paths", s->paths);
	set_u(bgp, "segments", s->segments);
	set_u(bgp, "pairs", s->pairs);
	json_object_set_new(root, "bgp", bgp);
	set_u(root, "vrps", s->vrps);
	set_u(root, "irr_routes", s->irr_routes);
	set_u(root, "asrel_links", s->asrel_links);
	set_u(root, "peeringdb_networks", s->pdb_nets);
	set_u(root, "admin_bogons", s->admin_bogons);
	set_u(root, "spoofer_sessions", s->spoofer_sessions);
	set_u(root, "spoofer_ases", s->spoofer_ases);
	set_u(root, "participants", s->participants);
	set_u(root, "participant_asns", s->participant_asns);

	set_u(inc, "total", s->incidents);
	set_u(inc, "disputed", s->disputed);
	set_u(inc, "events", s->events);
	for (m = 0; m < METRIC_COUNT; m++) {
		json_t *o = json_object();

		set_u(o, "incidents", s->incidents_by_metric[m]);
		set_u(o, "disputed", s->disputed_by_metric[m]);
		json_object_set_new(by, metric_name((enum metric)m), o);
	}
	json_object_set_new(inc, "by_metric", by);
	json_object_set_new(root, "incidents", inc);

	set_u(root, "ases", s->ases);
	for (a = 0; a < ACTION_COUNT; a++) {
		json_t *o = json_object();

		for (i = 0; i < LABELS; i++)
			set_u(o, label_name((enum label)i), s->labels[a][i]);
		json_object_set_new(lab, action_name((enum action)a), o);
	}
	json_object_set_new(root, "labels", lab);
	if (s->prev_period[0] != '\0') {
		json_t *tr = json_object();

		json_object_set_new(tr, "against", json_string(s->prev_period));
		for (a = 0; a < ACTION_COUNT; a++) {
			json_t *o = json_object();

			set_u(o, "better", s->better[a]);
			set_u(o, "worse", s->worse[a]);
			set_u(o, "compared", s->compared[a]);
			json_object_set_new(tr, action_name((enum action)a), o);
		}
		json_object_set_new(root, "trend", tr);
	}
	n = missing(s, mv);
	for (i = 0; i < n; i++)
		json_array_append_new(miss, json_string(mv[i]));
	json_object_set_new(root, "missing", miss);

	json_dumpf(root, fp, JSON_COMPACT | JSON_PRESERVE_ORDER);
	fputc('\n', fp);
	json_decref(root);
}
