/*
 * Small inline SVG charts for reports and the web UI: no scripts, no
 * fonts or images to fetch, every text from data escaped.
 */
#ifndef MANRS_REPORT_SVG_H
#define MANRS_REPORT_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Text for XML and HTML (content and quoted attributes): & < > " '. */
void	xml_esc(FILE *, const char *);

struct svg_chart {
	const char		*title;		/* accessible name */
	const char *const	*labels;	/* x axis, n of them */
	const double		*vals;		/* 0..100 */
	const bool		*has;		/* false: no value (a gap) */
	size_t			 n;
	double			 aspiring, ready;	/* band limits, pct */
	bool			 standalone;	/* a file: add the xmlns */
};

/*
 * A line chart of percentages over the labels, on Lagging / Aspiring /
 * Ready bands; points without a value leave a gap in the line.
 */
void	svg_pct_chart(FILE *, const struct svg_chart *);

/* One part of a stacked bar: a count, its name and a CSS class. */
struct svg_part {
	const char	*name;
	const char	*cls;		/* a fixed class name, not data */
	uint64_t	 count;
};

/*
 * A horizontal bar split into parts by their share of the total, each
 * part titled "name: count (pct %)"; title names the whole bar.
 */
void	svg_stack_bar(FILE *, const char *title, const struct svg_part *,
	    size_t n);

#endif
