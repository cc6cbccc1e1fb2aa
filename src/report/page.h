/*
 * The web UI's pages (manrs serve): server-rendered HTML with inline SVG
 * charts, no scripts, laid out for a phone as well as a desktop.  Each
 * renderer reads the store through the given connection (the server's
 * read-only one), writes one whole page, and returns its HTTP status:
 * 200, 400 (bad input), 404 (not in the store) or 500 (store error); for
 * the errors it writes an error page itself.  Everything from the data
 * or the request is escaped.
 */
#ifndef MANRS_REPORT_PAGE_H
#define MANRS_REPORT_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct sqlite3;
struct history;
struct geo;

/* Who is looking: from the bearer token or the UI's token cookie. */
struct page_viewer {
	bool		 auditor;
	const uint32_t	*asns;		/* an operator token's ASNs */
	size_t		 nasns;
	const char	*form_token;	/* sent back with forms (CSRF) */
};

struct page_ctx {
	const struct page_viewer *viewer;	/* NULL: anonymous */
	const struct geo	*geo;		/* RIR stats; NULL: none */
	const struct history	*roa;		/* ROA history; NULL: none */
	const char		*dispute_action; /* form target; NULL: none */
	const char		*notice;	/* shown on top; NULL: none */
};

/* May the viewer dispute this AS's incidents? */
bool	page_may_dispute(const struct page_ctx *, uint32_t asn);

/* "/": label distribution per action for month (NULL: the latest). */
int	page_overview(FILE *, struct sqlite3 *, const char *month,
	    const struct page_ctx *);
/* "/as/ASN": scores, trend, history, incidents, prefixes of one AS. */
int	page_as(FILE *, struct sqlite3 *, const char *asn, const char *month,
	    const struct page_ctx *);
/* "/incident/ID": one incident with its evidence and disputes. */
int	page_incident(FILE *, struct sqlite3 *, const char *id,
	    const struct page_ctx *);
/* "/prefix/P": origins, RPKI and IRR state, incidents. */
int	page_prefix(FILE *, struct sqlite3 *, const char *prefix,
	    const struct page_ctx *);
/* "/roa-history?prefix=P&asn=N": VRPs over time (needs ctx->roa). */
int	page_roa_history(FILE *, const char *prefix, const char *asn,
	    const struct page_ctx *);
/* "/search?q=": an ASN, a prefix or part of a participant's name. */
int	page_search(FILE *, struct sqlite3 *, const char *q,
	    const struct page_ctx *);
/* A whole error page with status and message; returns status. */
int	page_error(FILE *, int status, const char *msg);

/* Shared by the page renderers (page.c). */
void	page_begin(FILE *, const char *title, const struct page_ctx *);
void	page_end(FILE *);
/* A link to the AS page. */
void	page_as_link(FILE *, uint32_t asn);

#endif
