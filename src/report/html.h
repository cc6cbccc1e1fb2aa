/*
 * Pieces of the report's HTML page (html.c) for pages that show part of
 * a report: the web UI's AS and incident pages.  Data is escaped inside.
 */
#ifndef MANRS_REPORT_HTML_H
#define MANRS_REPORT_HTML_H

#include <stdint.h>
#include <stdio.h>

#include "report/render.h"

/* The report's style sheet (one line, no URLs). */
extern const char report_css[];

void	html_time(FILE *, int64_t);		/* "2015-04-02T12:00:00Z" */
void	html_label(FILE *, enum label);		/* a coloured label */
/* valid/invalid/exact/... coloured; none when s is NULL. */
void	html_state(FILE *, const char *s, const char *none);
void	html_cards(FILE *, const struct report *);	/* five score cards */
void	html_charts(FILE *, const struct report *);	/* history */
void	html_incident(FILE *, const struct report_incident *,
	    const struct report_opts *);
void	html_announcements(FILE *, const struct report *,
	    const struct report_opts *);

#endif
