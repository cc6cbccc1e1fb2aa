/*
 * Renderers of a loaded report (report/model.h): Markdown, one
 * self-contained HTML page, and JSON.  Everything taken from the data is
 * escaped for the output format.
 */
#ifndef MANRS_REPORT_RENDER_H
#define MANRS_REPORT_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "report/model.h"

struct report_opts {
	/* Base URL of the web UI for dispute links; NULL: none. */
	const char	*link_base;
	/* Web UI: incident ids and prefixes link to their pages. */
	bool		 ui_links;
	/*
	 * Web UI: a dispute form POSTing here under each disputable
	 * incident (instead of the shell command), with form_token in a
	 * hidden field; NULL: no form (the viewer may not dispute).
	 */
	const char	*dispute_form;
	const char	*form_token;
};

/* Write the report; false on a write error. */
bool	report_md(FILE *, const struct report *, const struct report_opts *);
bool	report_html(FILE *, const struct report *,
	    const struct report_opts *);
/* How report JSON is written: key order kept, 10 significant digits. */
#define REPORT_JSON_FLAGS	(JSON_INDENT(1) | JSON_PRESERVE_ORDER | \
				 JSON_REAL_PRECISION(10))
/* The report as a JSON object (keys documented in docs/manrs.1). */
json_t	*report_json(const struct report *, const struct report_opts *);
/* One incident as report_json lists it (the server's incident route). */
json_t	*report_incident_json(const struct report_incident *,
	    const struct report_opts *);

/* "manrs dispute open ID --reason '...'" as a shell line. */
void	report_dispute_cmd(const char *id, char *buf, size_t len);
/* "<base>/disputes/new?incident=ID", the id percent-encoded. */
void	report_dispute_url(const char *base, const char *id, char *buf,
	    size_t len);

/* Percent-encode for a URL path segment or query value. */
void	report_url_esc(FILE *, const char *);

#endif
