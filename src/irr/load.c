#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "load.h"

static void
bad_object(struct irr_load_stats *st, uint64_t *nbad, const char *name,
    const struct rpsl_object *o, const char *why)
{
	snprintf(st->last_bad, sizeof(st->last_bad), "%s:%u: %s %.80s "
	    "skipped: %s", name, o->line, o->class, o->key, why);
	st->bad++;
	if ((*nbad)++ < IRR_LOAD_WARN)
		log_warnx("%s", st->last_bad);
	else
		log_debug("%s", st->last_bad);
}

/* Source spellings seen so far and their ids: a dump has a few. */
#define SOURCE_CACHE	16
#define SOURCE_CACHE_LEN 32

struct source_cache {
	char	name[SOURCE_CACHE][SOURCE_CACHE_LEN];
	int	id[SOURCE_CACHE];
	size_t	n;
};

static int
source_of(struct irr_index *idx, const struct rpsl_object *o,
    struct source_cache *c)
{
	size_t n, i;
	int id;

	if (o->source == NULL)
		return -1;
	n = strlen(o->source);
	for (i = 0; i < c->n && n < SOURCE_CACHE_LEN; i++)
		if (memcmp(c->name[i], o->source, n + 1) == 0)
			return c->id[i];
	id = irr_index_source(idx, o->source, n);
	if (id >= 0 && n < SOURCE_CACHE_LEN && c->n < SOURCE_CACHE) {
		memcpy(c->name[c->n], o->source, n + 1);
		c->id[c->n++] = id;
	}
	return id;
}

static bool
is_class(const char *c, const char *want)
{
	return strcmp(c, want) == 0;
}

bool
irr_load(struct irr_index *idx, struct irr_sets *sets, struct rpsl_file *f,
    const char *name, struct irr_load_stats *st, char *err, size_t errlen)
{
	struct rpsl_object o;
	struct prefix p;
	const char *why, *ferr;
	struct source_cache cache;
	uint64_t nbad = 0, nsyntax = 0;
	uint32_t origin;
	int file = irr_index_file(idx, name), src;
	size_t i;
	bool route;

	cache.n = 0;
	if (file < 0) {
		snprintf(err, errlen, "%s: too many dump files", name);
		return false;
	}
	while (rpsl_next(f, &o) == 1) {
		st->objects++;
		route = is_class(o.class, "route") || is_class(o.class,
		    "route6");
		if (!route && (sets == NULL || !(is_class(o.class, "as-set") ||
		    is_class(o.class, "route-set") ||
		    is_class(o.class, "aut-num"))))
			continue;
		if ((src = source_of(idx, &o, &cache)) < 0) {
			st->no_source++;
			bad_object(st, &nbad, name, &o, o.source == NULL ?
			    "no source: attribute" : "bad source: name");
			continue;
		}
		if (!route) {
			if (!irr_sets_add(sets, &o, (unsigned)src,
			    (unsigned)file, &why)) {
				bad_object(st, &nbad, name, &o, why);
				continue;
			}
			if (is_class(o.class, "aut-num"))
				st->autnums++;
			else
				st->sets++;
			continue;
		}
		if (!rpsl_route_parse(&o, &p, &origin, &why)) {
			bad_object(st, &nbad, name, &o, why);
			continue;
		}
		if (!irr_index_add(idx, &p, origin, (unsigned)src,
		    (unsigned)file, o.line)) {
			snprintf(err, errlen, "%s:%u: more than MAX_IRR_ROUTES "
			    "route objects", name, o.line);
			return false;
		}
		st->routes++;
	}
	for (i = 0; i < RPSL_ERR_MAX; i++)
		nsyntax += rpsl_file_stats(f)->skipped[i];
	st->rpsl_skipped += nsyntax;
	if (nsyntax > 0)
		log_warnx("%s: %llu objects with syntax errors skipped; the "
		    "last: %s", name, (unsigned long long)nsyntax,
		    rpsl_file_last_skip(f));
	if (nbad > IRR_LOAD_WARN)
		log_warnx("%s: %llu bad objects skipped in all (-vv lists "
		    "them)", name, (unsigned long long)nbad);
	if ((ferr = rpsl_file_error(f)) != NULL) {
		snprintf(err, errlen, "%s", ferr);
		return false;
	}
	return true;
}

bool
irr_load_path(struct irr_index *idx, struct irr_sets *sets, const char *path,
    struct irr_load_stats *st, char *err, size_t errlen)
{
	struct reader *rd = reader_open(path, err, errlen);
	const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
	struct rpsl_file *f;
	bool ok;

	if (rd == NULL)
		return false;
	f = rpsl_file_new(rd, name);
	ok = irr_load(idx, sets, f, name, st, err, errlen);
	rpsl_file_free(f);
	return ok;
}
