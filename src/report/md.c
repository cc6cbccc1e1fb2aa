/* The report as Markdown (CommonMark with GitHub tables). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/utctime.h"
#include "report/render.h"

#define MD_MAX_ITEMS	20	/* prefixes or ids listed per fix */

/* Data text: backslash-escape what Markdown would interpret. */
static void
esc(FILE *fp, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (strchr("\\`*_[]<>|#!&", *s) != NULL)
			fputc('\\', fp);
		if (*s == '\n' || *s == '\r')
			fputc(' ', fp);
		else
			fputc(*s, fp);
	}
}

static void
put_time(FILE *fp, int64_t t)
{
	char buf[UTC_STRLEN];

	utc_fmt(t, buf, sizeof(buf));
	fputs(buf, fp);
}

static void
put_score(FILE *fp, const struct report_score *s)
{
	if (s->has)
		fprintf(fp, "%.1f %%", s->pct);
	else
		fputs("–", fp);
}

static void
scores(FILE *fp, const struct report *r)
{
	const struct report_month *m = &r->history[REPORT_MONTHS - 1];
	unsigned a;
	int k;

	fputs("## Readiness\n\n| Action | Score | Label | Trend |\n"
	    "|---|--:|---|---|\n", fp);
	for (a = 0; a < ACTION_COUNT; a++) {
		fprintf(fp, "| %s | ", report_action_title((enum action)a));
		put_score(fp, &m->s[a]);
		fprintf(fp, " | %s | ", label_name(m->s[a].label));
		if (r->has_trend[a])
			fprintf(fp, "%s %+.1f", report_trend_arrow(r,
			    (enum action)a), r->trend[a]);
		else
			fputs("–", fp);
		fputs(" |\n", fp);
	}
	fprintf(fp, "\nTrend: against %s; a change under %.1f points is "
	    "shown as →.\n\n## History\n\n| Action |",
	    r->history[REPORT_MONTHS - 2].period, REPORT_TREND_FLAT);
	for (k = 0; k < REPORT_MONTHS; k++)
		fprintf(fp, " %s |", r->history[k].period);
	fputs("\n|---|", fp);
	for (k = 0; k < REPORT_MONTHS; k++)
		fputs("--:|", fp);
	fputc('\n', fp);
	for (a = 0; a < ACTION_COUNT; a++) {
		fprintf(fp, "| %s |", report_action_title((enum action)a));
		for (k = 0; k < REPORT_MONTHS; k++) {
			fputc(' ', fp);
			put_score(fp, &r->history[k].s[a]);
			fputs(" |", fp);
		}
		fputc('\n', fp);
	}
	fputs("\n– : no score (no data, or the month is not in the store)\n\n",
	    fp);
}

static void
fixes(FILE *fp, const struct report *r)
{
	size_t i, j;

	fputs("## What to fix first\n\n", fp);
	if (r->nfixes == 0)
		fputs("Nothing: no rule applies this month.\n\n", fp);
	for (i = 0; i < r->nfixes; i++) {
		const struct report_fix *f = &r->fixes[i];

		fprintf(fp, "%zu. %s", i + 1, report_fix_title(f->kind));
		if (f->nitems > 0)
			fprintf(fp, " (%zu): ", f->count);
		for (j = 0; j < f->nitems && j < MD_MAX_ITEMS; j++) {
			fputs(j > 0 ? ", " : "", fp);
			esc(fp, f->items[j]);
		}
		if (f->nitems > MD_MAX_ITEMS)
			fprintf(fp, " and %zu more", f->nitems - MD_MAX_ITEMS);
		fputc('\n', fp);
	}
	fputc('\n', fp);
}

static void
evidence(FILE *fp, const struct report_incident *inc)
{
	static const char *const keys[] = { "why", "collector", "peer",
	    "peer_as", "path", "origin", "rpki", "rpki_reason", "irr",
	    "irr_auth", "established_origin", "bogon", "bogon_asn",
	    "leaked_to" };
	char buf[4096];
	size_t i, k;

	fprintf(fp, "Evidence (%zu of %zu events):\n\n", inc->nevents <
	    REPORT_SHOW_EVENTS ? inc->nevents : REPORT_SHOW_EVENTS,
	    inc->events_total);
	for (i = 0; i < inc->nevents && i < REPORT_SHOW_EVENTS; i++) {
		const struct report_event *e = &inc->events[i];

		fputs("- ", fp);
		esc(fp, e->prefix != NULL ? e->prefix : "(no prefix)");
		fputs(" from ", fp);
		put_time(fp, e->start);
		fputs(" to ", fp);
		put_time(fp, e->end);
		if (e->ev == NULL && e->evidence != NULL) {
			fputs(": ", fp);
			esc(fp, e->evidence);
		}
		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			if (!report_ev_text(e, keys[k], buf, sizeof(buf)))
				continue;
			fprintf(fp, "%s%s ", k == 0 ? ": " : "; ", keys[k]);
			esc(fp, buf);
		}
		fputc('\n', fp);
	}
	fputc('\n', fp);
}

static void
disputes(FILE *fp, const struct report_incident *inc,
    const struct report_opts *o)
{
	char cmd[512], url[1024];
	size_t i, j;

	for (i = 0; i < inc->ndisputes; i++) {
		const struct report_dispute *d = &inc->disputes[i];

		fprintf(fp, "- Dispute %" PRId64 ": ", d->id);
		esc(fp, d->status);
		fputs("; reason: ", fp);
		esc(fp, d->reason);
		fputc('\n', fp);
		for (j = 0; j < d->nlog; j++) {
			fputs("  - ", fp);
			put_time(fp, d->log[j].at);
			fputc(' ', fp);
			esc(fp, d->log[j].what);
			fputs(" by ", fp);
			esc(fp, d->log[j].who);
			if (d->log[j].note != NULL) {
				fputs(": ", fp);
				esc(fp, d->log[j].note);
			}
			fputc('\n', fp);
		}
	}
	if (!inc->disputable) {
		fputc('\n', fp);
		return;
	}
	report_dispute_cmd(inc->id, cmd, sizeof(cmd));
	fprintf(fp, "- To dispute it: `%s`", cmd);
	if (o->link_base != NULL) {
		report_dispute_url(o->link_base, inc->id, url, sizeof(url));
		fprintf(fp, " or <%s>", url);
	}
	fputs("\n\n", fp);
}

static void
incidents(FILE *fp, const struct report *r, const struct report_opts *o)
{
	char dur[64];
	size_t i, j;

	fprintf(fp, "## Incidents (%zu)\n\n", r->nincidents);
	if (r->nincidents == 0)
		fputs("No non-compliance incident this month.\n\n", fp);
	for (i = 0; i < r->nincidents; i++) {
		const struct report_incident *inc = &r->incidents[i];

		fputs("### ", fp);
		esc(fp, inc->id);
		if (inc->accepted)
			fputs(" (disputed: accepted as a false positive, not "
			    "scored)", fp);
		fprintf(fp, "\n\n- Metric: %s — %s\n- Start: ",
		    metric_name(inc->metric), report_metric_words(inc->metric));
		put_time(fp, inc->start);
		fputs("\n- End: ", fp);
		put_time(fp, inc->end);
		if (inc->ongoing)
			fputs(" (still open at the end of the month)", fp);
		report_duration(inc->end - inc->start, dur, sizeof(dur));
		fprintf(fp, "\n- Duration: %s\n- Score: %g × weight %g%s\n"
		    "- Prefixes:", dur, inc->score, inc->weight,
		    report_scored(inc) ? "" : " (not scored)");
		for (j = 0; j < inc->nprefixes; j++) {
			fputs(j > 0 ? ", " : " ", fp);
			esc(fp, inc->prefixes[j]);
		}
		fputc('\n', fp);
		disputes(fp, inc, o);
		evidence(fp, inc);
	}
}

static void
announcements(FILE *fp, const struct report *r)
{
	size_t i;

	fprintf(fp, "## Announced prefixes (%zu)\n\n", r->nann);
	if (r->nann == 0) {
		fputs("None recorded for this month.\n\n", fp);
		return;
	}
	fputs("| Prefix | RPKI | IRR | Peers | Days | First seen | Last seen "
	    "|\n|---|---|---|--:|--:|---|---|\n", fp);
	for (i = 0; i < r->nann; i++) {
		const struct report_announcement *a = &r->ann[i];

		fputs("| ", fp);
		esc(fp, a->prefix);
		fputs(" | ", fp);
		esc(fp, a->rpki != NULL ? a->rpki : "no VRPs");
		fputs(" | ", fp);
		esc(fp, a->irr != NULL ? a->irr : "no IRR data");
		if (a->irr_auth == 1)
			fputs(" (authoritative)", fp);
		else if (a->irr_auth == 0 && a->irr != NULL &&
		    strcmp(a->irr, "none") != 0)
			fputs(" (non-authoritative only)", fp);
		fprintf(fp, " | %d | %d | ", a->peers, a->days);
		put_time(fp, a->first_seen);
		fputs(" | ", fp);
		put_time(fp, a->last_seen);
		fputs(" |\n", fp);
	}
	fputc('\n', fp);
}

static void
facts(FILE *fp, const struct report *r)
{
	const struct report_facts *f = &r->facts;

	fputs("## Facts\n\n", fp);
	if (!f->present) {
		fputs("No facts recorded for this month.\n", fp);
		return;
	}
	fprintf(fp, "- (prefix, origin) pairs announced: %" PRId64 "\n",
	    f->announced);
	if (f->irr_known)
		fprintf(fp, "- registered in the IRR: %" PRId64 "\n",
		    f->irr_registered);
	else
		fputs("- IRR: no IRR data was read\n", fp);
	if (f->rpki_known)
		fprintf(fp, "- RPKI valid: %" PRId64 ", invalid: %" PRId64 "\n",
		    f->rpki_valid, f->rpki_invalid);
	else
		fputs("- RPKI: no VRPs were read\n", fp);
	fprintf(fp, "- contact: %s\n", f->has_contact < 0 ? "no contact data "
	    "was read" : f->has_contact ? "yes" : "none found");
	if (f->spoofed < 0)
		fputs("- CAIDA Spoofer: no test this month\n", fp);
	else
		fprintf(fp, "- CAIDA Spoofer: %" PRId64 " client prefixes got "
		    "spoofed packets out\n", f->spoofed);
}

bool
report_md(FILE *fp, const struct report *r, const struct report_opts *o)
{
	fprintf(fp, "# MANRS conformance report: AS%" PRIu32 ", %s\n\n",
	    r->asn, r->month);
	if (r->org != NULL) {
		fputs("Participant: ", fp);
		esc(fp, r->org);
		fputs(" (", fp);
		esc(fp, r->program);
		fputs(")", fp);
		if (r->member_since != NULL) {
			fputs(", member since ", fp);
			esc(fp, r->member_since);
		}
		fputs("\n\n", fp);
	}
	fputs("Period: ", fp);
	put_time(fp, r->from);
	fputs(" to ", fp);
	put_time(fp, r->to);
	fprintf(fp, " (UTC). Scores from run %" PRId64, r->run_id);
	if (r->run_version != NULL) {
		fputs(" (", fp);
		esc(fp, r->run_version);
		fputc(')', fp);
	}
	fputs(".\n\n", fp);
	scores(fp, r);
	fixes(fp, r);
	incidents(fp, r, o);
	announcements(fp, r);
	facts(fp, r);
	return !ferror(fp);
}
