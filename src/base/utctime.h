/* UTC times as the CLI and reports write them. */
#ifndef MANRS_BASE_UTCTIME_H
#define MANRS_BASE_UTCTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Strict parses: "2015-04-01", "2015-04-01T12:00:00Z" or seconds since
 * 1970 (utc_parse); "2015-04" as [first second, first second of the next
 * month) (utc_parse_month).  Field ranges are checked.
 */
bool	utc_parse(const char *, int64_t *);
bool	utc_parse_month(const char *, int64_t *from, int64_t *to);
/* "2015-04-01T12:00:00Z" (UTC_STRLEN bytes with the NUL). */
#define UTC_STRLEN	21
void	utc_fmt(int64_t, char *buf, size_t len);
/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
int64_t	utc_days(int64_t y, unsigned m, unsigned d);
/* Is y-m-d a real date (month 1-12, day within it, leap years)? */
bool	utc_date_ok(int64_t y, unsigned m, unsigned d);

#endif
