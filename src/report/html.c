/*
 * The report as one self-contained HTML page: inline CSS and SVG, no
 * scripts and nothing fetched, laid out to print on A4.  Every text from
 * the data goes through xml_esc.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/utctime.h"
#include "report/html.h"
#include "report/render.h"
#include "report/svg.h"

#define HTML_MAX_ITEMS	50	/* prefixes or ids listed per fix */

const char report_css[] =
    "body{font:14px/1.45 system-ui,sans-serif;color:#1b1b1b;max-width:60em;"
    "margin:1.5em auto;padding:0 1em}"
    "h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;border-bottom:"
    "2px solid #1d4f91;padding-bottom:.15em;margin-top:1.6em}"
    "h3{font-size:1.05em;margin:.2em 0}.meta{color:#555}"
    ".cards{display:grid;grid-template-columns:repeat(5,1fr);gap:.5em}"
    ".card{border:1px solid #ccc;border-radius:6px;padding:.5em;"
    "text-align:center}.card .t{font-size:.8em;color:#444;min-height:2.6em}"
    ".card .v{font-size:1.6em;font-weight:600}.arrow{font-size:1.1em}"
    ".lab{display:inline-block;border-radius:3px;padding:0 .4em;"
    "font-size:.85em;font-weight:600}"
    ".Ready{background:#cdebc8;color:#18591a}.Aspiring{background:#fbeab0;"
    "color:#6b4d00}.Lagging{background:#f6cdc8;color:#8a1c12}"
    ".nodata{background:#e4e4e4;color:#555}"
    ".charts{display:grid;grid-template-columns:repeat(auto-fill,"
    "minmax(300px,1fr));gap:.5em}.chart h3{font-size:.9em}"
    "table{border-collapse:collapse;width:100%;font-size:.85em;"
    "margin:.5em 0}th,td{border:1px solid #ccc;padding:.2em .4em;"
    "text-align:left;vertical-align:top}th{background:#eef2f7}"
    "td.n{text-align:right}thead{display:table-header-group}"
    ".incident{border:1px solid #bbb;border-radius:6px;padding:.6em .8em;"
    "margin:.8em 0}.incident.accepted{border-style:dashed;color:#555}"
    ".incident dl{display:grid;grid-template-columns:9em 1fr;gap:.1em .6em;"
    "margin:.4em 0}.incident dt{color:#555}.incident dd{margin:0}"
    ".ev td{overflow-wrap:break-word}.ev td.nw,.ev td span{white-space:"
    "nowrap}.ev td.any{overflow-wrap:anywhere}code{background:#f2f2f2;padding:0 .2em;"
    "word-break:break-all}"
    ".st-invalid,.st-none{color:#8a1c12;font-weight:600}"
    ".st-valid,.st-exact{color:#18591a}"
    "ol.fix li{margin:.3em 0}.items{color:#444;font-size:.9em}"
    "footer{margin-top:2em;color:#666;font-size:.8em}"
    "@page{size:A4;margin:14mm}"
    "@media print{body{max-width:none;margin:0;font-size:11px}"
    ".cards{grid-template-columns:repeat(5,1fr)}"
    ".charts{grid-template-columns:repeat(3,1fr)}.chart svg{width:100%;"
    "height:auto}h2,h3{break-after:avoid}.incident dl,.card,.chart,tr"
    "{break-inside:avoid}#incidents{break-before:page}a{color:inherit;"
    "text-decoration:none}}";

void
html_time(FILE *fp, int64_t t)
{
	char buf[UTC_STRLEN];

	utc_fmt(t, buf, sizeof(buf));
	fputs(buf, fp);
}

void
html_label(FILE *fp, enum label l)
{
	fprintf(fp, "<span class=\"lab %s\">%s</span>", l == LABEL_NODATA ?
	    "nodata" : label_name(l), label_name(l));
}

/* A state word with a class for colour; the class only from a fixed set. */
void
html_state(FILE *fp, const char *s, const char *none)
{
	static const char *const known[] = { "valid", "invalid", "not-found",
	    "exact", "more-specific", "none" };
	const char *cls = "";
	size_t i;

	for (i = 0; s != NULL && i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(s, known[i]) == 0)
			cls = known[i];
	fprintf(fp, "<span class=\"st-%s\">", cls);
	xml_esc(fp, s != NULL ? s : none);
	fputs("</span>", fp);
}

void
html_cards(FILE *fp, const struct report *r)
{
	const struct report_month *m = &r->history[REPORT_MONTHS - 1];
	unsigned a;

	fputs("<section><h2>Readiness</h2><div class=\"cards\">", fp);
	for (a = 0; a < ACTION_COUNT; a++) {
		const struct report_score *s = &m->s[a];

		fprintf(fp, "<div class=\"card\"><div class=\"t\">%s</div>"
		    "<div class=\"v\">", report_action_title((enum action)a));
		if (s->has)
			fprintf(fp, "%.1f&#8239;%%", s->pct);
		else
			fputs("–", fp);
		if (r->has_trend[a])
			fprintf(fp, " <span class=\"arrow\" title=\"%+.1f points "
			    "against %s\">%s</span>", r->trend[a],
			    r->history[REPORT_MONTHS - 2].period,
			    report_trend_arrow(r, (enum action)a));
		fputs("</div>", fp);
		html_label(fp, s->label);
		if (r->has_trend[a])
			fprintf(fp, "<div class=\"meta\">%+.1f since %s</div>",
			    r->trend[a], r->history[REPORT_MONTHS - 2].period);
		else
			fputs("<div class=\"meta\">no trend</div>", fp);
		fputs("</div>", fp);
	}
	fputs("</div></section>\n", fp);
}

void
html_charts(FILE *fp, const struct report *r)
{
	const char *labels[REPORT_MONTHS];
	double vals[REPORT_MONTHS];
	bool has[REPORT_MONTHS];
	struct svg_chart c;
	struct method m;
	unsigned a;
	int k;

	method_defaults(&m);
	fputs("<section><h2>History</h2><div class=\"charts\">", fp);
	for (a = 0; a < ACTION_COUNT; a++) {
		for (k = 0; k < REPORT_MONTHS; k++) {
			labels[k] = r->history[k].period;
			vals[k] = r->history[k].s[a].pct;
			has[k] = r->history[k].s[a].has;
		}
		memset(&c, 0, sizeof(c));
		c.title = report_action_title((enum action)a);
		c.labels = labels;
		c.vals = vals;
		c.has = has;
		c.n = REPORT_MONTHS;
		c.aspiring = m.aspiring_pct;
		c.ready = m.ready_pct;
		fprintf(fp, "<div class=\"chart\"><h3>%s</h3>",
		    report_action_title((enum action)a));
		svg_pct_chart(fp, &c);
		fputs("</div>", fp);
	}
	fputs("</div><table><thead><tr><th>Action</th>", fp);
	for (k = 0; k < REPORT_MONTHS; k++)
		fprintf(fp, "<th>%s</th>", r->history[k].period);
	fputs("</tr></thead><tbody>", fp);
	for (a = 0; a < ACTION_COUNT; a++) {
		fprintf(fp, "<tr><td>%s</td>",
		    report_action_title((enum action)a));
		for (k = 0; k < REPORT_MONTHS; k++) {
			if (r->history[k].s[a].has)
				fprintf(fp, "<td class=\"n\">%.1f</td>",
				    r->history[k].s[a].pct);
			else
				fputs("<td class=\"n\">–</td>", fp);
		}
		fputs("</tr>", fp);
	}
	fputs("</tbody></table><p class=\"meta\">Bands: Ready from 90 %, "
	    "Aspiring from 50 %, Lagging below; – : no score.</p></section>\n",
	    fp);
}

static void
fixes(FILE *fp, const struct report *r)
{
	size_t i, j;

	fputs("<section><h2>What to fix first</h2>", fp);
	if (r->nfixes == 0)
		fputs("<p>Nothing: no rule applies this month.</p>", fp);
	else
		fputs("<ol class=\"fix\">", fp);
	for (i = 0; i < r->nfixes; i++) {
		const struct report_fix *f = &r->fixes[i];

		fprintf(fp, "<li><strong>%s</strong>",
		    report_fix_title(f->kind));
		if (f->nitems > 0)
			fprintf(fp, " (%zu)<div class=\"items\">", f->count);
		for (j = 0; j < f->nitems && j < HTML_MAX_ITEMS; j++) {
			fputs(j > 0 ? ", " : "", fp);
			if (f->kind == FIX_INCIDENTS) {
				fputs("<a href=\"#", fp);
				xml_esc(fp, f->items[j]);
				fputs("\">", fp);
				xml_esc(fp, f->items[j]);
				fputs("</a>", fp);
			} else
				xml_esc(fp, f->items[j]);
		}
		if (f->nitems > HTML_MAX_ITEMS)
			fprintf(fp, " and %zu more", f->nitems - HTML_MAX_ITEMS);
		fputs(f->nitems > 0 ? "</div></li>" : "</li>", fp);
	}
	fputs(r->nfixes > 0 ? "</ol></section>\n" : "</section>\n", fp);
}

static void
ev_cell(FILE *fp, const struct report_event *e, const char *key)
{
	char buf[4096];

	fputs("<td>", fp);
	if (report_ev_text(e, key, buf, sizeof(buf)))
		xml_esc(fp, buf);
	fputs("</td>", fp);
}

static void
evidence(FILE *fp, const struct report_incident *inc)
{
	char buf[4096];
	size_t i;

	fprintf(fp, "<table class=\"ev\"><caption class=\"meta\">Evidence: "
	    "%zu of %zu events</caption><thead><tr><th>Prefix</th><th>Seen"
	    "</th><th>Why</th><th>Collector, peer</th><th>AS path</th>"
	    "<th>Origin</th><th>RPKI</th><th>IRR</th><th>Established origin"
	    "</th><th>Bogon</th></tr></thead><tbody>", inc->nevents <
	    REPORT_SHOW_EVENTS ? inc->nevents : REPORT_SHOW_EVENTS,
	    inc->events_total);
	for (i = 0; i < inc->nevents && i < REPORT_SHOW_EVENTS; i++) {
		const struct report_event *e = &inc->events[i];

		fputs("<tr><td class=\"nw\">", fp);
		xml_esc(fp, e->prefix != NULL ? e->prefix : "–");
		fputs("</td><td class=\"nw\">", fp);
		html_time(fp, e->start);
		fputs("<br>", fp);
		html_time(fp, e->end);
		fputs("</td>", fp);
		if (e->ev == NULL) {
			fputs("<td colspan=\"8\">", fp);
			xml_esc(fp, e->evidence != NULL ? e->evidence :
			    "no evidence recorded");
			fputs("</td></tr>", fp);
			continue;
		}
		ev_cell(fp, e, "why");
		fputs("<td class=\"any\">", fp);
		if (report_ev_text(e, "collector", buf, sizeof(buf)))
			xml_esc(fp, buf);
		if (report_ev_text(e, "peer", buf, sizeof(buf))) {
			fputs(" ", fp);
			xml_esc(fp, buf);
		}
		if (report_ev_text(e, "peer_as", buf, sizeof(buf))) {
			fputs(" AS", fp);
			xml_esc(fp, buf);
		}
		fputs("</td>", fp);
		ev_cell(fp, e, "path");
		ev_cell(fp, e, "origin");
		fputs("<td>", fp);
		if (report_ev_text(e, "rpki", buf, sizeof(buf)))
			html_state(fp, buf, "");
		if (report_ev_text(e, "rpki_reason", buf, sizeof(buf))) {
			fputs(" (", fp);
			xml_esc(fp, buf);
			fputs(")", fp);
		}
		fputs("</td><td>", fp);
		if (report_ev_text(e, "irr", buf, sizeof(buf)))
			html_state(fp, buf, "");
		if (report_ev_text(e, "irr_auth", buf, sizeof(buf)) &&
		    strcmp(buf, "yes") == 0)
			fputs(" (authoritative)", fp);
		fputs("</td>", fp);
		ev_cell(fp, e, "established_origin");
		fputs("<td class=\"any\">", fp);
		if (report_ev_text(e, "bogon", buf, sizeof(buf)))
			xml_esc(fp, buf);
		if (report_ev_text(e, "bogon_asn", buf, sizeof(buf))) {
			fputs(" AS", fp);
			xml_esc(fp, buf);
		}
		if (report_ev_text(e, "leaked_to", buf, sizeof(buf))) {
			fputs(" leaked to AS", fp);
			xml_esc(fp, buf);
		}
		fputs("</td></tr>", fp);
	}
	fputs("</tbody></table>", fp);
}

static void
disputes(FILE *fp, const struct report_incident *inc,
    const struct report_opts *o)
{
	char buf[1024];
	size_t i, j;

	fputs("<dt>Disputes</dt><dd>", fp);
	if (inc->ndisputes == 0)
		fputs("none", fp);
	for (i = 0; i < inc->ndisputes; i++) {
		const struct report_dispute *d = &inc->disputes[i];

		fprintf(fp, "<div>Dispute %" PRId64 ": <strong>", d->id);
		xml_esc(fp, d->status);
		fputs("</strong> — ", fp);
		xml_esc(fp, d->reason);
		fputs("<ul>", fp);
		for (j = 0; j < d->nlog; j++) {
			fputs("<li>", fp);
			html_time(fp, d->log[j].at);
			fputs(" ", fp);
			xml_esc(fp, d->log[j].what);
			fputs(" by ", fp);
			xml_esc(fp, d->log[j].who);
			if (d->log[j].note != NULL) {
				fputs(": ", fp);
				xml_esc(fp, d->log[j].note);
			}
			fputs("</li>", fp);
		}
		fputs("</ul></div>", fp);
	}
	fputs("</dd>", fp);
	if (!inc->disputable)
		return;
	if (o->dispute_form != NULL)
		return;
	fputs("<dt>To dispute</dt><dd>", fp);
	if (o->link_base != NULL) {
		report_dispute_url(o->link_base, inc->id, buf, sizeof(buf));
		fputs("<a href=\"", fp);
		xml_esc(fp, buf);
		fputs("\">open a dispute</a> or ", fp);
	}
	report_dispute_cmd(inc->id, buf, sizeof(buf));
	fputs("<code>", fp);
	xml_esc(fp, buf);
	fputs("</code></dd>", fp);
}

/*
 * The web UI's dispute form, shown only to a viewer allowed to dispute:
 * a plain POST that works without scripts, with the page's form token.
 */
static void
dispute_form(FILE *fp, const struct report_incident *inc,
    const struct report_opts *o)
{
	fputs("<form class=\"dispute\" method=\"post\" action=\"", fp);
	xml_esc(fp, o->dispute_form);
	fputs("\"><input type=\"hidden\" name=\"incident\" value=\"", fp);
	xml_esc(fp, inc->id);
	fputs("\">", fp);
	if (o->form_token != NULL) {
		fputs("<input type=\"hidden\" name=\"form_token\" value=\"",
		    fp);
		xml_esc(fp, o->form_token);
		fputs("\">", fp);
	}
	fputs("<label>Why is this a false positive?<textarea name=\"reason\" "
	    "required maxlength=\"2000\" rows=\"3\"></textarea></label>"
	    "<button type=\"submit\">Open a dispute</button></form>", fp);
}

/* A prefix or incident id as a link to its page in the web UI. */
static void
ui_link(FILE *fp, const struct report_opts *o, const char *page,
    const char *s)
{
	if (!o->ui_links) {
		xml_esc(fp, s);
		return;
	}
	fprintf(fp, "<a href=\"/%s/", page);
	report_url_esc(fp, s);
	fputs("\">", fp);
	xml_esc(fp, s);
	fputs("</a>", fp);
}

void
html_incident(FILE *fp, const struct report_incident *inc,
    const struct report_opts *o)
{
	char dur[64];
	size_t j;

	fprintf(fp, "<div class=\"incident%s\" id=\"", inc->accepted ?
	    " accepted" : "");
	xml_esc(fp, inc->id);
	fputs("\"><h3>", fp);
	ui_link(fp, o, "incident", inc->id);
	if (inc->accepted)
		fputs(" — disputed, accepted as a false positive (not "
		    "scored)", fp);
	fprintf(fp, "</h3><dl><dt>Metric</dt><dd>%s — %s</dd>"
	    "<dt>Start</dt><dd>", metric_name(inc->metric),
	    report_metric_words(inc->metric));
	html_time(fp, inc->start);
	fputs("</dd><dt>End</dt><dd>", fp);
	html_time(fp, inc->end);
	if (inc->ongoing)
		fputs(" (still open at the end of the month)", fp);
	report_duration(inc->end - inc->start, dur, sizeof(dur));
	fprintf(fp, "</dd><dt>Duration</dt><dd>%s</dd><dt>Score</dt>"
	    "<dd>%g × weight %g%s</dd><dt>Prefixes</dt><dd>", dur,
	    inc->score, inc->weight, report_scored(inc) ? "" :
	    " (not scored)");
	for (j = 0; j < inc->nprefixes; j++) {
		fputs(j > 0 ? ", " : "", fp);
		ui_link(fp, o, "prefix", inc->prefixes[j]);
	}
	fputs("</dd>", fp);
	disputes(fp, inc, o);
	fputs("</dl>", fp);
	if (o->dispute_form != NULL && inc->disputable)
		dispute_form(fp, inc, o);
	evidence(fp, inc);
	fputs("</div>\n", fp);
}

static void
incidents(FILE *fp, const struct report *r, const struct report_opts *o)
{
	size_t i;

	fprintf(fp, "<section id=\"incidents\"><h2>Incidents (%zu)</h2>",
	    r->nincidents);
	if (r->nincidents == 0)
		fputs("<p>No non-compliance incident this month.</p>", fp);
	for (i = 0; i < r->nincidents; i++)
		html_incident(fp, &r->incidents[i], o);
	fputs("</section>\n", fp);
}

void
html_announcements(FILE *fp, const struct report *r,
    const struct report_opts *o)
{
	size_t i;

	fprintf(fp, "<section><h2>Announced prefixes (%zu)</h2>", r->nann);
	if (r->nann == 0) {
		fputs("<p>None recorded for this month.</p></section>\n", fp);
		return;
	}
	fputs("<table><thead><tr><th>Prefix</th><th>RPKI</th><th>IRR</th>"
	    "<th>Peers</th><th>Days</th><th>First seen</th><th>Last seen</th>"
	    "</tr></thead><tbody>", fp);
	for (i = 0; i < r->nann; i++) {
		const struct report_announcement *a = &r->ann[i];

		fputs("<tr><td>", fp);
		ui_link(fp, o, "prefix", a->prefix);
		fputs("</td><td>", fp);
		html_state(fp, a->rpki, "no VRPs");
		fputs("</td><td>", fp);
		html_state(fp, a->irr, "no IRR data");
		if (a->irr_auth == 1)
			fputs(" (authoritative)", fp);
		else if (a->irr_auth == 0 && a->irr != NULL &&
		    strcmp(a->irr, "none") != 0)
			fputs(" (non-authoritative only)", fp);
		fprintf(fp, "</td><td class=\"n\">%d</td><td class=\"n\">%d"
		    "</td><td>", a->peers, a->days);
		html_time(fp, a->first_seen);
		fputs("</td><td>", fp);
		html_time(fp, a->last_seen);
		fputs("</td></tr>", fp);
	}
	fputs("</tbody></table></section>\n", fp);
}

static void
facts(FILE *fp, const struct report *r)
{
	const struct report_facts *f = &r->facts;

	fputs("<section><h2>Facts</h2>", fp);
	if (!f->present) {
		fputs("<p>No facts recorded for this month.</p></section>\n",
		    fp);
		return;
	}
	fprintf(fp, "<table><tbody><tr><th>(prefix, origin) pairs announced"
	    "</th><td class=\"n\">%" PRId64 "</td></tr>", f->announced);
	if (f->irr_known)
		fprintf(fp, "<tr><th>registered in the IRR</th><td class=\"n\">"
		    "%" PRId64 "</td></tr>", f->irr_registered);
	else
		fputs("<tr><th>IRR</th><td>no IRR data was read</td></tr>", fp);
	if (f->rpki_known)
		fprintf(fp, "<tr><th>RPKI valid</th><td class=\"n\">%" PRId64
		    "</td></tr><tr><th>RPKI invalid</th><td class=\"n\">%"
		    PRId64 "</td></tr>", f->rpki_valid, f->rpki_invalid);
	else
		fputs("<tr><th>RPKI</th><td>no VRPs were read</td></tr>", fp);
	fprintf(fp, "<tr><th>contact</th><td>%s</td></tr>", f->has_contact < 0 ?
	    "no contact data was read" : f->has_contact ? "yes" : "none found");
	if (f->spoofed < 0)
		fputs("<tr><th>CAIDA Spoofer</th><td>no test this month</td>"
		    "</tr>", fp);
	else
		fprintf(fp, "<tr><th>CAIDA Spoofer</th><td>%" PRId64 " client "
		    "prefixes got spoofed packets out</td></tr>", f->spoofed);
	fputs("</tbody></table></section>\n", fp);
}

bool
report_html(FILE *fp, const struct report *r, const struct report_opts *o)
{
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset="
	    "\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,"
	    "initial-scale=1\"><title>MANRS conformance report: AS%" PRIu32
	    ", %s</title><style>%s</style></head><body>\n<header><h1>MANRS "
	    "conformance report: AS%" PRIu32 "</h1><div class=\"meta\">",
	    r->asn, r->month, report_css, r->asn);
	if (r->org != NULL) {
		xml_esc(fp, r->org);
		fputs(" (", fp);
		xml_esc(fp, r->program);
		fputs(")", fp);
		if (r->member_since != NULL) {
			fputs(", member since ", fp);
			xml_esc(fp, r->member_since);
		}
		fputs(" · ", fp);
	}
	fprintf(fp, "month %s: ", r->month);
	html_time(fp, r->from);
	fputs(" to ", fp);
	html_time(fp, r->to);
	fputs(" (UTC)</div></header>\n", fp);
	html_cards(fp, r);
	fixes(fp, r);
	html_charts(fp, r);
	incidents(fp, r, o);
	html_announcements(fp, r, o);
	facts(fp, r);
	fprintf(fp, "<footer>Scores from run %" PRId64, r->run_id);
	if (r->run_version != NULL) {
		fputs(" (", fp);
		xml_esc(fp, r->run_version);
		fputs(")", fp);
	}
	fprintf(fp, "; trend arrows compare with %s, a change under %.1f "
	    "points shows as →. Methodology: DESIGN.md §4 of manrs.</footer>\n"
	    "</body></html>\n", r->history[REPORT_MONTHS - 2].period,
	    REPORT_TREND_FLAT);
	return !ferror(fp);
}
