/* Inline SVG stacked bars: shares of a total, e.g. labels per action. */
#include <inttypes.h>
#include <stdio.h>

#include "report/svg.h"

void
svg_stack_bar(FILE *fp, const char *title, const struct svg_part *p,
    size_t n)
{
	uint64_t total = 0;
	double x = 0, w;
	size_t i;

	for (i = 0; i < n; i++)
		total += p[i].count;
	fputs("<svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" "
	    "role=\"img\" aria-label=\"", fp);
	xml_esc(fp, title);
	fputs("\"><title>", fp);
	xml_esc(fp, title);
	fputs("</title>", fp);
	if (total == 0)
		fputs("<rect class=\"nodata\" x=\"0\" y=\"0\" width=\"100\" "
		    "height=\"10\"/>", fp);
	for (i = 0; i < n && total > 0; i++) {
		if (p[i].count == 0)
			continue;
		w = 100.0 * (double)p[i].count / (double)total;
		fprintf(fp, "<rect class=\"%s\" x=\"%.3f\" y=\"0\" width=\"%.3f\""
		    " height=\"10\"><title>", p[i].cls, x, w);
		xml_esc(fp, p[i].name);
		fprintf(fp, ": %" PRIu64 " (%.1f %%)</title></rect>",
		    p[i].count, w);
		x += w;
	}
	fputs("</svg>", fp);
}
