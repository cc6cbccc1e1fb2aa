/* Inline SVG line charts of percentages, with the label bands behind. */
#include <stdio.h>

#include "report/svg.h"

#define W	300	/* viewBox */
#define H	150
#define X0	40	/* plot area; room for the month labels */
#define X1	274
#define Y0	10
#define Y1	122

void
xml_esc(FILE *fp, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&#39;", fp); break;
		default: fputc(*s, fp);
		}
	}
}

static double
clamp(double v)
{
	return v < 0 ? 0 : v > 100 ? 100 : v;
}

static double
ypos(double pct)
{
	return Y1 - (Y1 - Y0) * clamp(pct) / 100.0;
}

static double
xpos(const struct svg_chart *c, size_t i)
{
	return c->n < 2 ? (X0 + X1) / 2.0 :
	    X0 + (X1 - X0) * (double)i / (double)(c->n - 1);
}

static void
band(FILE *fp, double hi, double lo, const char *cls)
{
	fprintf(fp, "<rect class=\"%s\" x=\"%d\" y=\"%.1f\" width=\"%d\" "
	    "height=\"%.1f\"/>", cls, X0, ypos(hi), X1 - X0,
	    ypos(lo) - ypos(hi));
}

static void
axis(FILE *fp, double pct)
{
	fprintf(fp, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" "
	    "font-size=\"9\">%.0f</text>", X0 - 4, ypos(pct) + 3, pct);
}

void
svg_pct_chart(FILE *fp, const struct svg_chart *c)
{
	size_t i;
	bool pen = false;

	fprintf(fp, "<svg%s viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "role=\"img\" aria-label=\"", c->standalone ?
	    " xmlns=\"http://www.w3.org/2000/svg\"" : "", W, H, W, H);
	xml_esc(fp, c->title);
	fputs("\" font-family=\"sans-serif\"><title>", fp);
	xml_esc(fp, c->title);
	fputs("</title><style>.r{fill:#dff3dc}.a{fill:#fcf1cc}.l{fill:#f9e0dd}"
	    ".ln{fill:none;stroke:#1d4f91;stroke-width:2}.pt{fill:#1d4f91}"
	    "</style>", fp);
	band(fp, 100, c->ready, "r");
	band(fp, c->ready, c->aspiring, "a");
	band(fp, c->aspiring, 0, "l");
	axis(fp, 0);
	axis(fp, c->aspiring);
	axis(fp, c->ready);
	axis(fp, 100);
	/* The line: one path, a move wherever a gap ends. */
	fputs("<path class=\"ln\" d=\"", fp);
	for (i = 0; i < c->n; i++) {
		if (!c->has[i]) {
			pen = false;
			continue;
		}
		fprintf(fp, "%s%.1f %.1f ", pen ? "L" : "M", xpos(c, i),
		    ypos(c->vals[i]));
		pen = true;
	}
	fputs("\"/>", fp);
	for (i = 0; i < c->n; i++) {
		if (c->has[i]) {
			fprintf(fp, "<circle class=\"pt\" cx=\"%.1f\" cy=\"%.1f\""
			    " r=\"3\"><title>", xpos(c, i), ypos(c->vals[i]));
			xml_esc(fp, c->labels[i]);
			fprintf(fp, ": %.1f %%</title></circle>",
			    clamp(c->vals[i]));
		} else {
			fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" "
			    "text-anchor=\"middle\" fill=\"#777\">–</text>",
			    xpos(c, i), (Y0 + Y1) / 2.0);
		}
		fprintf(fp, "<text x=\"%.1f\" y=\"%d\" font-size=\"8\" "
		    "text-anchor=\"middle\">", xpos(c, i), H - 16);
		xml_esc(fp, c->labels[i]);
		fputs("</text>", fp);
	}
	fputs("</svg>", fp);
}
