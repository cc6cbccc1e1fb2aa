/* The words reports use for actions, metrics, trends and durations. */
#include <inttypes.h>
#include <stdio.h>

#include "report/model.h"

static const char *const action_titles[ACTION_COUNT] = {
	"Filtering", "Anti-spoofing", "Coordination",
	"Global Validation IRR", "Global Validation RPKI",
};

static const char *const metric_words[METRIC_COUNT] = {
	[M1] = "route leak (shown, not scored)",
	[M1C] = "route leak propagated: a route another AS leaked reached "
	    "you (shown, not scored)",
	[M2] = "misorigination: you originated a route that is RPKI-invalid "
	    "or belongs to another AS",
	[M2C] = "misorigination propagated: you passed on another AS's "
	    "misoriginated route",
	[M3] = "bogon prefix originated",
	[M3C] = "bogon prefix propagated from another AS",
	[M4] = "bogon ASN in the AS path next to you",
	[M4C] = "bogon ASN path propagated",
	[M5] = "spoofed packets left the network (CAIDA Spoofer)",
	[M7IRR] = "announced prefixes not registered in the IRR",
	[M7RPKI] = "announced prefixes without a valid ROA",
	[M8] = "no contact in RIR whois or PeeringDB",
};

static const char *const fix_titles[FIX_COUNT] = {
	[FIX_RPKI_INVALID] = "RPKI-invalid announcements: correct the ROAs or "
	    "stop announcing these routes",
	[FIX_INCIDENTS] = "Non-compliance incidents: stop the announcements "
	    "behind them, or dispute the false positives",
	[FIX_IRR_MISSING] = "Prefixes without a matching route object: "
	    "register route/route6 objects in your RIR's IRR",
	[FIX_NO_ROA] = "Prefixes without a ROA: publish ROAs for them",
	[FIX_NO_CONTACT] = "No contact in RIR whois or PeeringDB: publish one",
	[FIX_SPOOFING] = "Spoofed packets left the network: deploy source "
	    "address validation (BCP 38/84)",
	[FIX_NO_SPOOFER] = "No CAIDA Spoofer test from the network this "
	    "month: run the Spoofer client from inside it",
};

static const char *const fix_keys[FIX_COUNT] = {
	"rpki-invalid", "incidents", "irr-missing", "no-roa", "no-contact",
	"spoofing", "no-spoofer-test",
};

const char *
report_action_title(enum action a)
{
	return a < ACTION_COUNT ? action_titles[a] : "?";
}

const char *
report_metric_words(enum metric m)
{
	return m < METRIC_COUNT ? metric_words[m] : "unknown metric";
}

const char *
report_fix_title(enum fix_kind k)
{
	return k < FIX_COUNT ? fix_titles[k] : "?";
}

const char *
report_fix_key(enum fix_kind k)
{
	return k < FIX_COUNT ? fix_keys[k] : "?";
}

const char *
report_trend_arrow(const struct report *r, enum action a)
{
	if (a >= ACTION_COUNT || !r->has_trend[a])
		return "";
	if (r->trend[a] >= REPORT_TREND_FLAT)
		return "\u2191";
	if (r->trend[a] <= -REPORT_TREND_FLAT)
		return "\u2193";
	return "\u2192";
}

void
report_duration(int64_t s, char *buf, size_t len)
{
	if (s < 0)
		s = 0;
	if (s >= 86400)
		snprintf(buf, len, "%" PRId64 " d %" PRId64 " h", s / 86400,
		    s % 86400 / 3600);
	else if (s >= 3600)
		snprintf(buf, len, "%" PRId64 " h %" PRId64 " min", s / 3600,
		    s % 3600 / 60);
	else if (s >= 60)
		snprintf(buf, len, "%" PRId64 " min %" PRId64 " s", s / 60,
		    s % 60);
	else
		snprintf(buf, len, "%" PRId64 " s", s);
}

bool
report_ev_text(const struct report_event *e, const char *key, char *buf,
    size_t len)
{
	json_t *v = e->ev == NULL ? NULL : json_object_get(e->ev, key);

	buf[0] = '\0';
	if (json_is_string(v))
		snprintf(buf, len, "%s", json_string_value(v));
	else if (json_is_integer(v))
		snprintf(buf, len, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_boolean(v))
		snprintf(buf, len, "%s", json_is_true(v) ? "yes" : "no");
	else
		return false;
	return true;
}

bool
report_scored(const struct report_incident *inc)
{
	return !inc->accepted && inc->metric != M1 && inc->metric != M1C;
}
