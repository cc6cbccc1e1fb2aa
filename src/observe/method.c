/* Methodology constants: defaults, config file, names. */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <strings.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/xmalloc.h"
#include "observe/method.h"

static const char *const metric_names[METRIC_COUNT] = {
	"M1", "M1C", "M2", "M2C", "M3", "M3C", "M4", "M4C", "M5",
	"M7IRR", "M7RPKI", "M8",
};

static const char *const action_names[ACTION_COUNT] = {
	"filtering", "anti-spoofing", "coordination",
	"global-validation-irr", "global-validation-rpki",
};

static const char *const label_names[] = {
	"No data", "Lagging", "Aspiring", "Ready",
};

const char *
metric_name(enum metric m)
{
	return m < METRIC_COUNT ? metric_names[m] : "?";
}

bool
metric_parse(const char *s, enum metric *m)
{
	unsigned i;

	for (i = 0; i < METRIC_COUNT; i++)
		if (strcasecmp(s, metric_names[i]) == 0) {
			*m = (enum metric)i;
			return true;
		}
	return false;
}

const char *
action_name(enum action a)
{
	return a < ACTION_COUNT ? action_names[a] : "?";
}

const char *
label_name(enum label l)
{
	return l <= LABEL_READY ? label_names[l] : "?";
}

bool
action_from_name(const char *s, enum action *a)
{
	unsigned i;

	for (i = 0; s != NULL && i < ACTION_COUNT; i++)
		if (strcmp(s, action_names[i]) == 0) {
			*a = (enum action)i;
			return true;
		}
	return false;
}

bool
label_from_name(const char *s, enum label *l)
{
	unsigned i;

	for (i = 0; s != NULL && i <= LABEL_READY; i++)
		if (strcmp(s, label_names[i]) == 0) {
			*l = (enum label)i;
			return true;
		}
	return false;
}

void
method_defaults(struct method *m)
{
	unsigned i;

	memset(m, 0, sizeof(*m));
	m->short_s = 1800;
	m->short_score = 0.5;
	m->day_s = 86400;
	m->pct_base = 0.6;
	m->pct_factor = 2;
	for (i = 0; i < METRIC_COUNT; i++) {
		m->weight[i] = 1;
		m->scored[i] = true;
	}
	/* Route leaks are shown, not scored, as MANRS does since 2024. */
	m->scored[M1] = m->scored[M1C] = false;
	m->rpki_invalid_factor = 10;
	m->ready_pct = 90;
	m->aspiring_pct = 50;
	m->misorigin_min_peers = 2;
	m->universe_min_peers = 5;
	m->conformance_days = 30;
}

enum kind { K_INT, K_DOUBLE, K_UINT };

struct key {
	const char	*name;
	enum kind	 kind;
	size_t		 off;
	double		 min, max;
};

#define KEY(n, k, f, lo, hi)	{ n, k, offsetof(struct method, f), lo, hi }

static const struct key keys[] = {
	KEY("incident.short_seconds", K_INT, short_s, 1, 1e9),
	KEY("incident.short_score", K_DOUBLE, short_score, 0, 1e6),
	KEY("incident.day_seconds", K_INT, day_s, 1, 1e9),
	KEY("pct.base", K_DOUBLE, pct_base, 1e-9, 1),
	KEY("pct.factor", K_DOUBLE, pct_factor, 0, 1e6),
	KEY("rpki.invalid_factor", K_DOUBLE, rpki_invalid_factor, 0, 1e6),
	KEY("label.ready_pct", K_DOUBLE, ready_pct, 0, 100),
	KEY("label.aspiring_pct", K_DOUBLE, aspiring_pct, 0, 100),
	KEY("misorigination.min_peers", K_UINT, misorigin_min_peers, 1, 1e6),
	KEY("universe.min_peers", K_UINT, universe_min_peers, 1, 1e6),
	KEY("conformance.days", K_UINT, conformance_days, 1, 3660),
};

static char errbuf[512];

/* Per-metric keys: weight.M2 = 1.5, scored.M1 = yes. */
static bool
set_metric_key(struct method *m, const char *k, const char *v, bool isnum,
    double d, const char **why)
{
	enum metric mt;

	if (strncmp(k, "weight.", 7) == 0 && metric_parse(k + 7, &mt)) {
		if (!isnum || d < 0 || d > 1e6) {
			*why = "weight must be a number from 0 to 1000000";
			return false;
		}
		m->weight[mt] = d;
		return true;
	}
	if (strncmp(k, "scored.", 7) == 0 && metric_parse(k + 7, &mt)) {
		if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0)
			m->scored[mt] = true;
		else if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0)
			m->scored[mt] = false;
		else {
			*why = "expected yes or no";
			return false;
		}
		return true;
	}
	*why = "unknown key";
	return false;
}

static bool
set_key(struct method *m, const char *k, const char *v, const char **why)
{
	char *end;
	double d;
	size_t i;
	bool isnum;

	errno = 0;
	d = strtod(v, &end);
	isnum = errno == 0 && end != v && *end == '\0' && isfinite(d);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char *p = (char *)m + keys[i].off;

		if (strcmp(k, keys[i].name) != 0)
			continue;
		if (!isnum || d < keys[i].min || d > keys[i].max) {
			*why = "value out of range or not a number";
			return false;
		}
		if (keys[i].kind != K_DOUBLE && d != floor(d)) {
			*why = "value must be a whole number";
			return false;
		}
		switch (keys[i].kind) {
		case K_INT:
			*(int64_t *)(void *)p = (int64_t)d;
			break;
		case K_UINT:
			*(unsigned *)(void *)p = (unsigned)d;
			break;
		case K_DOUBLE:
			*(double *)(void *)p = d;
			break;
		}
		return true;
	}
	return set_metric_key(m, k, v, isnum, d, why);
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return s;
}

/*
 * The next line of [*p, e) (without its newline) into line, NUL-terminated;
 * NULL, or why it cannot be read.
 */
static const char *
next_line(const char **p, const char *e, char *line, size_t cap)
{
	const char *nl = memchr(*p, '\n', (size_t)(e - *p));
	size_t n = (size_t)((nl != NULL ? nl : e) - *p);

	if (n >= cap)
		return "line too long";
	if (memchr(*p, '\0', n) != NULL)
		return "NUL byte in the line";
	memcpy(line, *p, n);
	line[n] = '\0';
	*p = nl != NULL ? nl + 1 : e;
	return NULL;
}

bool
method_parse(struct method *m, const char *text, size_t len,
    const char *name, const char **err)
{
	const char *p = text, *e = text + len;
	char line[MAX_METHOD_LINE];
	unsigned long lineno = 0;
	const char *why = NULL;

	while (p < e) {
		char *s, *eq, *hash;

		lineno++;
		if ((why = next_line(&p, e, line, sizeof(line))) != NULL)
			goto bad;
		if ((hash = strchr(line, '#')) != NULL)
			*hash = '\0';
		s = trim(line);
		if (*s == '\0')
			continue;
		if ((eq = strchr(s, '=')) == NULL) {
			why = "expected key = value";
			goto bad;
		}
		*eq = '\0';
		if (!set_key(m, trim(s), trim(eq + 1), &why))
			goto bad;
	}
	if (m->aspiring_pct > m->ready_pct) {
		snprintf(errbuf, sizeof(errbuf),
		    "%s: label.aspiring_pct is above label.ready_pct", name);
		*err = errbuf;
		return false;
	}
	return true;
bad:
	snprintf(errbuf, sizeof(errbuf), "%s:%lu: %s", name, lineno, why);
	*err = errbuf;
	return false;
}

bool
method_load(struct method *m, const char *path, const char **err)
{
	FILE *fp;
	char *text;
	size_t len;
	bool ok;

	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(errbuf, sizeof(errbuf), "%s: %s", path,
		    strerror(errno));
		*err = errbuf;
		return false;
	}
	text = xmalloc(MAX_METHOD_FILE + 1);
	len = fread(text, 1, MAX_METHOD_FILE + 1, fp);
	if (ferror(fp) || len > MAX_METHOD_FILE) {
		if (ferror(fp))
			snprintf(errbuf, sizeof(errbuf), "%s: read error",
			    path);
		else
			snprintf(errbuf, sizeof(errbuf), "%s: larger than %u "
			    "bytes", path, MAX_METHOD_FILE);
		*err = errbuf;
		ok = false;
	} else
		ok = method_parse(m, text, len, path, err);
	free(text);
	fclose(fp);
	return ok;
}

/*
 * A double as short as it reads back exactly: the stored method text must
 * rescore a run to the same numbers.
 */
static void
put_double(FILE *fp, const char *key, double d)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.15g", d);
	if (strtod(buf, NULL) != d)
		snprintf(buf, sizeof(buf), "%.17g", d);
	fprintf(fp, "%s = %s\n", key, buf);
}

void
method_print(const struct method *m, FILE *fp)
{
	char key[64];

	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *p = (const char *)m + keys[i].off;

		switch (keys[i].kind) {
		case K_INT:
			fprintf(fp, "%s = %lld\n", keys[i].name,
			    (long long)*(const int64_t *)(const void *)p);
			break;
		case K_UINT:
			fprintf(fp, "%s = %u\n", keys[i].name,
			    *(const unsigned *)(const void *)p);
			break;
		case K_DOUBLE:
			put_double(fp, keys[i].name,
			    *(const double *)(const void *)p);
			break;
		}
	}
	for (i = 0; i < METRIC_COUNT; i++) {
		snprintf(key, sizeof(key), "weight.%s", metric_names[i]);
		put_double(fp, key, m->weight[i]);
		fprintf(fp, "scored.%s = %s\n", metric_names[i],
		    m->scored[i] ? "yes" : "no");
	}
}
