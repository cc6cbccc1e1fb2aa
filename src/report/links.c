/* How a report tells its reader to dispute an incident. */
#include <stdio.h>
#include <string.h>

#include "report/render.h"

static bool
plain(const char *s)
{
	for (; *s != '\0'; s++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_.:", *s) == NULL)
			return false;
	return true;
}

void
report_dispute_cmd(const char *id, char *buf, size_t len)
{
	size_t o;

	o = (size_t)snprintf(buf, len, "manrs dispute open ");
	if (plain(id) && *id != '\0') {
		if (o < len)
			o += (size_t)snprintf(buf + o, len - o, "%s", id);
	} else {
		/* Single quotes; a quote inside becomes '\''. */
		if (o < len)
			o += (size_t)snprintf(buf + o, len - o, "'");
		for (; *id != '\0' && o < len; id++)
			o += (size_t)snprintf(buf + o, len - o, *id == '\'' ?
			    "'\\''" : "%c", *id);
		if (o < len)
			o += (size_t)snprintf(buf + o, len - o, "'");
	}
	if (o < len)
		snprintf(buf + o, len - o, " --reason \"...\"");
}

void
report_dispute_url(const char *base, const char *id, char *buf, size_t len)
{
	size_t o, n = strlen(base);

	while (n > 0 && base[n - 1] == '/')
		n--;
	o = (size_t)snprintf(buf, len, "%.*s/disputes/new?incident=", (int)n,
	    base);
	for (; *id != '\0' && o < len; id++) {
		unsigned char c = (unsigned char)*id;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-_.~", c) != NULL)
			o += (size_t)snprintf(buf + o, len - o, "%c", c);
		else
			o += (size_t)snprintf(buf + o, len - o, "%%%02X", c);
	}
}

void
report_url_esc(FILE *fp, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-_.~", c) != NULL)
			fputc(c, fp);
		else
			fprintf(fp, "%%%02X", c);
	}
}
