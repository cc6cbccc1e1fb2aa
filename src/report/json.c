/* The report as JSON; the keys are documented in docs/manrs.1. */
#include <stdio.h>

#include "base/utctime.h"
#include "report/render.h"

static json_t *
jtime(int64_t t)
{
	char buf[UTC_STRLEN];

	utc_fmt(t, buf, sizeof(buf));
	return json_string(buf);
}

/* A string from the data; JSON null for NULL, and for bad UTF-8. */
static json_t *
jstr(const char *s)
{
	json_t *v = s == NULL ? NULL : json_string(s);

	return v != NULL ? v : json_null();
}

static json_t *
jscore(const struct report_score *s)
{
	if (!s->row)
		return json_null();
	return json_pack("{s:o, s:s}", "pct", s->has ? json_real(s->pct) :
	    json_null(), "label", label_name(s->label));
}

static json_t *
scores(const struct report *r)
{
	const struct report_month *m = &r->history[REPORT_MONTHS - 1];
	json_t *o = json_object(), *s;
	unsigned a;

	for (a = 0; a < ACTION_COUNT; a++) {
		s = jscore(&m->s[a]);
		if (json_is_null(s))
			s = json_pack("{s:n, s:s}", "pct", "label",
			    label_name(LABEL_NODATA));
		json_object_set_new(s, "title",
		    json_string(report_action_title((enum action)a)));
		json_object_set_new(s, "trend", r->has_trend[a] ?
		    json_real(r->trend[a]) : json_null());
		json_object_set_new(s, "arrow", r->has_trend[a] ?
		    json_string(report_trend_arrow(r, (enum action)a)) :
		    json_null());
		json_object_set_new(o, action_name((enum action)a), s);
	}
	return o;
}

static json_t *
history(const struct report *r)
{
	json_t *h = json_array(), *m;
	unsigned a;
	int k;

	for (k = 0; k < REPORT_MONTHS; k++) {
		m = json_object();
		json_object_set_new(m, "period",
		    json_string(r->history[k].period));
		json_object_set_new(m, "present",
		    json_boolean(r->history[k].present));
		for (a = 0; a < ACTION_COUNT; a++)
			json_object_set_new(m, action_name((enum action)a),
			    jscore(&r->history[k].s[a]));
		json_array_append_new(h, m);
	}
	return h;
}

static json_t *
disputes(const struct report_incident *inc)
{
	json_t *arr = json_array(), *d, *log;
	size_t i, j;

	for (i = 0; i < inc->ndisputes; i++) {
		const struct report_dispute *p = &inc->disputes[i];

		log = json_array();
		for (j = 0; j < p->nlog; j++)
			json_array_append_new(log, json_pack("{s:o, s:o, s:o, "
			    "s:o}", "at", jtime(p->log[j].at), "who",
			    jstr(p->log[j].who), "what", jstr(p->log[j].what),
			    "note", jstr(p->log[j].note)));
		d = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o}", "id",
		    (json_int_t)p->id, "status", jstr(p->status), "reason",
		    jstr(p->reason), "opened", jtime(p->opened), "opened_by",
		    jstr(p->opened_by), "log", log);
		json_array_append_new(arr, d);
	}
	return arr;
}

json_t *
report_incident_json(const struct report_incident *inc,
    const struct report_opts *o)
{
	json_t *j, *pf = json_array(), *ev = json_array(), *e;
	char buf[1024];
	size_t i;

	for (i = 0; i < inc->nprefixes; i++)
		json_array_append_new(pf, jstr(inc->prefixes[i]));
	for (i = 0; i < inc->nevents; i++) {
		const struct report_event *x = &inc->events[i];

		e = json_pack("{s:o, s:o, s:o}", "prefix", jstr(x->prefix),
		    "start", jtime(x->start), "end", jtime(x->end));
		/* Parsed evidence as an object; anything else as text. */
		json_object_set_new(e, "evidence", x->ev != NULL ?
		    json_incref(x->ev) : jstr(x->evidence));
		json_array_append_new(ev, e);
	}
	report_dispute_cmd(inc->id, buf, sizeof(buf));
	j = json_pack("{s:o, s:s, s:s, s:o, s:o, s:I, s:b, s:f, s:f, s:b, "
	    "s:o, s:o, s:s, s:I, s:o}",
	    "id", jstr(inc->id), "metric", metric_name(inc->metric),
	    "metric_words", report_metric_words(inc->metric),
	    "start", jtime(inc->start), "end", jtime(inc->end),
	    "duration_s", (json_int_t)(inc->end - inc->start),
	    "ongoing", inc->ongoing, "score", inc->score,
	    "weight", inc->weight, "disputed", inc->accepted,
	    "prefixes", pf, "disputes", disputes(inc),
	    "dispute_command", buf,
	    "events_total", (json_int_t)inc->events_total, "events", ev);
	json_object_set_new(j, "disputable", json_boolean(inc->disputable));
	if (!inc->disputable)
		json_object_set_new(j, "dispute_command", json_null());
	if (inc->disputable && o->link_base != NULL) {
		report_dispute_url(o->link_base, inc->id, buf, sizeof(buf));
		json_object_set_new(j, "dispute_url", jstr(buf));
	}
	return j;
}

static json_t *
announcements(const struct report *r)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < r->nann; i++) {
		const struct report_announcement *a = &r->ann[i];

		json_array_append_new(arr, json_pack("{s:o, s:o, s:o, s:i, "
		    "s:i, s:o, s:o, s:o}", "prefix", jstr(a->prefix),
		    "first_seen", jtime(a->first_seen), "last_seen",
		    jtime(a->last_seen), "days", a->days, "peers", a->peers,
		    "rpki", jstr(a->rpki), "irr", jstr(a->irr), "irr_auth",
		    a->irr_auth < 0 ? json_null() :
		    json_boolean(a->irr_auth)));
	}
	return arr;
}

static json_t *
facts(const struct report_facts *f)
{
	if (!f->present)
		return json_null();
	return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o}",
	    "announced", (json_int_t)f->announced,
	    "irr_registered", f->irr_known ?
	    json_integer(f->irr_registered) : json_null(),
	    "rpki_valid", f->rpki_known ? json_integer(f->rpki_valid) :
	    json_null(),
	    "rpki_invalid", f->rpki_known ? json_integer(f->rpki_invalid) :
	    json_null(),
	    "has_contact", f->has_contact < 0 ? json_null() :
	    json_boolean(f->has_contact),
	    "spoofed", f->spoofed < 0 ? json_null() :
	    json_integer(f->spoofed));
}

static json_t *
fixes(const struct report *r)
{
	json_t *arr = json_array(), *items;
	size_t i, j;

	for (i = 0; i < r->nfixes; i++) {
		const struct report_fix *f = &r->fixes[i];

		items = json_array();
		for (j = 0; j < f->nitems; j++)
			json_array_append_new(items, jstr(f->items[j]));
		json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:o}",
		    "kind", report_fix_key(f->kind), "title",
		    report_fix_title(f->kind), "count", (json_int_t)f->count,
		    "items", items));
	}
	return arr;
}

json_t *
report_json(const struct report *r, const struct report_opts *o)
{
	json_t *j, *inc = json_array(), *part = json_null();
	size_t i;

	for (i = 0; i < r->nincidents; i++)
		json_array_append_new(inc, report_incident_json(&r->incidents[i],
		    o));
	if (r->org != NULL)
		part = json_pack("{s:o, s:o, s:o}", "org", jstr(r->org),
		    "program", jstr(r->program), "member_since",
		    jstr(r->member_since));
	j = json_pack("{s:I, s:s, s:o, s:o, s:o, s:{s:I, s:o, s:o}, s:o, "
	    "s:o, s:o, s:o, s:o, s:o}",
	    "asn", (json_int_t)r->asn, "month", r->month,
	    "from", jtime(r->from), "to", jtime(r->to),
	    "participant", part,
	    "run", "id", (json_int_t)r->run_id, "finished",
	    r->run_finished != 0 ? jtime(r->run_finished) : json_null(),
	    "version", jstr(r->run_version),
	    "scores", scores(r), "history", history(r),
	    "fix_first", fixes(r), "incidents", inc,
	    "announcements", announcements(r), "facts", facts(&r->facts));
	return j;
}
