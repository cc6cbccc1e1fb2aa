/* UTC date parsing without the locale and timezone of strptime/mktime. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "base/utctime.h"

int64_t
utc_days(int64_t y, unsigned m, unsigned d)
{
	/* Shift to a March-based year so leap days come last. */
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static unsigned
days_in_month(int64_t y, unsigned m)
{
	static const unsigned char n[] = { 31, 28, 31, 30, 31, 30, 31, 31,
	    30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return n[m - 1];
}

/* Exactly len digits at s. */
static bool
digits(const char *s, size_t len, unsigned *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (unsigned)(s[i] - '0');
	}
	return true;
}

bool
utc_date_ok(int64_t y, unsigned m, unsigned d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

static bool
date(const char *s, int *y, unsigned *m, unsigned *d)
{
	unsigned yy;

	if (!digits(s, 4, &yy) || s[4] != '-' || !digits(s + 5, 2, m) ||
	    *m < 1 || *m > 12)
		return false;
	*y = (int)yy;
	if (d == NULL)
		return true;
	return s[7] == '-' && digits(s + 8, 2, d) && *d >= 1 &&
	    *d <= days_in_month(*y, *m);
}

bool
utc_parse(const char *s, int64_t *t)
{
	size_t len = strlen(s);
	unsigned m, d, hh, mm, ss;
	int y;
	char *end;
	long long v;

	if (len == 10 && date(s, &y, &m, &d)) {
		*t = utc_days(y, m, d) * 86400;
		return true;
	}
	if (len == 20 && date(s, &y, &m, &d) && s[10] == 'T' &&
	    digits(s + 11, 2, &hh) && s[13] == ':' && digits(s + 14, 2, &mm) &&
	    s[16] == ':' && digits(s + 17, 2, &ss) && s[19] == 'Z' &&
	    hh < 24 && mm < 60 && ss < 60) {
		*t = utc_days(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
		return true;
	}
	if (len == 0 || len > 12 || s[0] < '0' || s[0] > '9')
		return false;
	v = strtoll(s, &end, 10);
	if (*end != '\0')
		return false;
	*t = v;
	return true;
}

bool
utc_parse_month(const char *s, int64_t *from, int64_t *to)
{
	unsigned m;
	int y;

	if (strlen(s) != 7 || !date(s, &y, &m, NULL))
		return false;
	*from = utc_days(y, m, 1) * 86400;
	*to = m == 12 ? utc_days(y + 1, 1, 1) * 86400 :
	    utc_days(y, m + 1, 1) * 86400;
	return true;
}

void
utc_fmt(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "%lld", (long long)t);
}
