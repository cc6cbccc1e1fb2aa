#include <stdarg.h>
#include <stdio.h>

#include "log.h"

int log_verbose;
static FILE *log_fp;

void
log_set_stream(FILE *fp)
{
	log_fp = fp;
}

static void
vlog(const char *fmt, va_list ap)
{
	FILE *fp = log_fp != NULL ? log_fp : stderr;

	fputs("manrs: ", fp);
	vfprintf(fp, fmt, ap);
	fputc('\n', fp);
	fflush(fp);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	if (log_verbose < 0)
		return;
	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	if (log_verbose < 1)
		return;
	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	if (log_verbose < 2)
		return;
	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
}
