#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "log.h"

void
diag_init(struct diag *d, const char *name, const char *const *reasons,
    unsigned nreasons)
{
	memset(d, 0, sizeof(*d));
	d->name = name;
	d->reasons = reasons;
	d->nreasons = nreasons < DIAG_MAX_REASONS ? nreasons :
	    DIAG_MAX_REASONS;
}

/* Copy with truncation, always terminated. */
static void
copy_trunc(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

void
diag_reject(struct diag *d, unsigned why, uint64_t line, const char *fmt,
    ...)
{
	char msg[DIAG_MSG], full[2 * DIAG_MSG];
	const char *r = why < d->nreasons ? d->reasons[why] : "bad record";
	va_list ap;

	if (why < d->nreasons)
		d->rejected[why]++;
	d->total++;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		snprintf(full, sizeof(full), "%s:%llu: %s: %s", d->name,
		    (unsigned long long)line, r, msg);
	else
		snprintf(full, sizeof(full), "%s: %s: %s", d->name, r, msg);
	if (d->first[0] == '\0')
		copy_trunc(d->first, sizeof(d->first), full);
	if (d->reported++ < DIAG_WARN_FIRST)
		log_warnx("%s", full);
	else
		log_debug("%s", full);
}

void
diag_fatal(struct diag *d, const char *fmt, ...)
{
	char msg[DIAG_MSG], full[2 * DIAG_MSG];
	va_list ap;

	if (d->fatal[0] != '\0')
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "%s: %s", d->name, msg);
	copy_trunc(d->fatal, sizeof(d->fatal), full);
}

void
diag_summary(const struct diag *d, char *buf, unsigned len)
{
	unsigned i, off;
	int w;

	buf[0] = '\0';
	if (d->total == 0 || len == 0)
		return;
	w = snprintf(buf, len, "%llu skipped (", (unsigned long long)d->total);
	off = w < 0 ? 0 : (unsigned)w;
	for (i = 0; i < d->nreasons && off < len; i++) {
		if (d->rejected[i] == 0)
			continue;
		w = snprintf(buf + off, len - off, "%s%llu %s",
		    buf[off - 1] == '(' ? "" : ", ",
		    (unsigned long long)d->rejected[i], d->reasons[i]);
		off += w < 0 ? 0 : (unsigned)w;
	}
	if (off < len)
		snprintf(buf + off, len - off, ")");
}
