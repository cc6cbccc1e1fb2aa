/*
 * TAXII 2.1 object selection over a loaded set: the collection's types,
 * added_after, match[type], match[id], match[version], then a page of
 * limit objects.  The set is in (date added, id) order and holds each id
 * once, so a cursor "<date added ms>.<id>" (resume strictly after that
 * key) walks every object exactly once, even when a later run adds
 * objects between two pages.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "report/stix.h"

/* Is the n bytes at s one of the comma-separated items of list? */
static bool
in_list(const char *list, const char *s)
{
	size_t n = strlen(s);
	const char *p = list, *e;

	for (;;) {
		e = strchr(p, ',');
		if ((size_t)((e ? e : p + strlen(p)) - p) == n &&
		    memcmp(p, s, n) == 0)
			return true;
		if (e == NULL)
			return false;
		p = e + 1;
	}
}

static bool
in_types(const char *const *types, const char *t)
{
	for (; *types != NULL; types++)
		if (strcmp(*types, t) == 0)
			return true;
	return false;
}

/*
 * match[version]: each object has one version here, so "first", "last"
 * and "all" keep it; otherwise the list must name its version.
 */
static bool
version_ok(const char *list, const struct stix_obj *o, const char **why)
{
	const char *p = list, *e;
	char item[40];
	int64_t want, have;
	size_t n;

	for (;;) {
		e = strchr(p, ',');
		n = (size_t)((e ? e : p + strlen(p)) - p);
		if (n == 0 || n >= sizeof(item)) {
			*why = "match[version]: expected first, last, all or "
			    "timestamps";
			return false;
		}
		memcpy(item, p, n);
		item[n] = '\0';
		if (strcmp(item, "first") == 0 || strcmp(item, "last") == 0 ||
		    strcmp(item, "all") == 0)
			return true;
		if (!stix_time_parse(item, &want)) {
			*why = "match[version]: expected first, last, all or "
			    "timestamps";
			return false;
		}
		if (stix_time_parse(o->version, &have) && have == want)
			return true;
		if (e == NULL)
			return false;
		p = e + 1;
	}
}

static bool
cursor_parse(const char *c, int64_t *added, const char **id)
{
	const char *dot = strchr(c, '.');
	int64_t v = 0;
	const char *p;

	if (dot == NULL || dot == c || dot - c > 18 || dot[1] == '\0' ||
	    strlen(dot + 1) >= STIX_ID_LEN)
		return false;
	for (p = c; p < dot; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (*p - '0');
	}
	*added = v;
	*id = dot + 1;
	return true;
}

/* Is o strictly after the key (added, id)? */
static bool
after(const struct stix_obj *o, int64_t added, const char *id)
{
	return o->added > added || (o->added == added &&
	    strcmp(o->id, id) > 0);
}

/*
 * The first index at or past lo whose object is strictly after the key
 * (added, id); id NULL: after every id of that time.
 */
static size_t
first_after(const struct stix_set *s, int64_t added, const char *id,
    size_t lo)
{
	size_t hi = s->n, mid;
	const struct stix_obj *o;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		o = &s->v[mid];
		if (id != NULL ? after(o, added, id) : o->added > added)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

bool
stix_select(const struct stix_set *s, const struct stix_query *q,
    struct stix_page *pg, const char **why)
{
	const struct stix_obj *o;
	const char *cid = NULL;
	int64_t cadded = 0;
	size_t i, cap = 0, limit = q->limit > 0 ? q->limit : 1;

	memset(pg, 0, sizeof(*pg));
	if (q->next != NULL && !cursor_parse(q->next, &cadded, &cid)) {
		*why = "next: not a cursor this server gave";
		return false;
	}
	/*
	 * Both the cursor and added_after cut a prefix of the sorted set:
	 * find where each ends by bisection, so a page costs what it holds,
	 * not what came before it.
	 */
	i = 0;
	if (cid != NULL)
		i = first_after(s, cadded, cid, i);
	if (q->has_after)
		i = first_after(s, q->added_after, NULL, i);
	for (; i < s->n; i++) {
		o = &s->v[i];
		if (!in_types(q->types, o->type))
			continue;
		if (q->match_type != NULL && !in_list(q->match_type, o->type))
			continue;
		if (q->match_id != NULL && !in_list(q->match_id, o->id))
			continue;
		if (q->match_version != NULL) {
			*why = NULL;
			if (!version_ok(q->match_version, o, why)) {
				if (*why != NULL) {
					stix_page_free(pg);
					return false;
				}
				continue;
			}
		}
		if (pg->n == limit) {
			pg->more = true;
			o = &s->v[pg->idx[pg->n - 1]];
			snprintf(pg->next, sizeof(pg->next), "%" PRId64 ".%s",
			    o->added, o->id);
			break;
		}
		if (pg->n == cap) {
			cap = cap ? cap * 2 : 64;
			pg->idx = xreallocarray(pg->idx, cap, sizeof(*pg->idx));
		}
		pg->idx[pg->n++] = i;
	}
	return true;
}

void
stix_page_free(struct stix_page *pg)
{
	free(pg->idx);
	memset(pg, 0, sizeof(*pg));
}
