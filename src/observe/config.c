/*
 * A sources file for `manrs observe --config FILE`: the inputs of a run
 * named one per line instead of laid out under a directory,
 *
 *   # comment
 *   KIND [COLLECTOR] = PATH-OR-PATTERN
 *
 * where KIND is bgp, rpki, irr, asrel, peeringdb, rir or spoofer, the
 * collector only goes with bgp, and the path may be a glob(7) pattern
 * (matches taken in name order; a pattern that matches nothing is an
 * error, so a typo can't silently drop a source).  Relative paths are
 * relative to the file's directory.
 */
#include <ctype.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "observe/run.h"

#define CONFIG_LINE_MAX	4096

static struct source **
kind_list(struct observe_inputs *in, const char *kind, size_t **n)
{
	static const struct {
		const char	*name;
		size_t		 list, count;
	} kinds[] = {
#define K(name, l, c) { name, offsetof(struct observe_inputs, l),	\
	offsetof(struct observe_inputs, c) }
		K("bgp", mrt, nmrt),
		K("rpki", vrps, nvrps),
		K("irr", irr, nirr),
		K("asrel", asrel, nasrel),
		K("peeringdb", pdb, npdb),
		K("rir", rir, nrir),
		K("spoofer", spoofer, nspoofer),
		K("participants", participants, nparticipants),
#undef K
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, kinds[i].name) == 0) {
			*n = (size_t *)(void *)((char *)in + kinds[i].count);
			return (struct source **)(void *)((char *)in +
			    kinds[i].list);
		}
	return NULL;
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* One "KIND [COLLECTOR] = PATH" line; false with err set. */
static bool
config_line(struct observe_inputs *in, const char *dir, char *line,
    const char *where, char *err, size_t errlen)
{
	char *eq = strchr(line, '='), *lhs, *rhs, *coll, pattern[4096];
	struct source **list;
	size_t *n, i;
	glob_t g;
	int rc;

	if (eq == NULL) {
		snprintf(err, errlen, "%s: expected KIND [COLLECTOR] = PATH",
		    where);
		return false;
	}
	*eq = '\0';
	lhs = trim(line);
	rhs = trim(eq + 1);
	coll = lhs + strcspn(lhs, " \t");
	if (*coll != '\0') {
		*coll++ = '\0';
		coll = trim(coll);
	} else
		coll = NULL;
	if ((list = kind_list(in, lhs, &n)) == NULL) {
		snprintf(err, errlen, "%s: unknown source kind '%s' (bgp, "
		    "rpki, irr, asrel, peeringdb, rir, spoofer or participants)",
		    where, lhs);
		return false;
	}
	if (coll != NULL && (strcmp(lhs, "bgp") != 0 ||
	    strcspn(coll, " \t/") != strlen(coll))) {
		snprintf(err, errlen, "%s: only bgp takes a collector, one word "
		    "without '/'", where);
		return false;
	}
	if (*rhs == '\0') {
		snprintf(err, errlen, "%s: no path", where);
		return false;
	}
	if ((size_t)snprintf(pattern, sizeof(pattern), "%s%s", *rhs == '/' ?
	    "" : dir, rhs) >= sizeof(pattern)) {
		snprintf(err, errlen, "%s: path too long", where);
		return false;
	}
	if ((rc = glob(pattern, GLOB_ERR, NULL, &g)) != 0) {
		snprintf(err, errlen, "%s: %s: %s", where, pattern,
		    rc == GLOB_NOMATCH ? "no such file" : "cannot be read");
		if (rc != GLOB_NOMATCH)
			globfree(&g);
		return false;
	}
	for (i = 0; i < g.gl_pathc; i++)
		observe_add_source(list, n, g.gl_pathv[i],
		    strcmp(lhs, "bgp") == 0 ? (coll ? coll : "bgp") : NULL);
	globfree(&g);
	return true;
}

bool
observe_config(const char *path, struct observe_inputs *in, char *err,
    size_t errlen)
{
	char line[CONFIG_LINE_MAX], dir[4096], where[4200];
	const char *slash = strrchr(path, '/');
	unsigned lineno = 0;
	FILE *fp;
	bool ok = true;

	memset(in, 0, sizeof(*in));
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path + 1) :
	    0, path);
	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: cannot be read", path);
		return false;
	}
	while (ok && fgets(line, sizeof(line), fp) != NULL) {
		char *s;

		lineno++;
		snprintf(where, sizeof(where), "%s:%u", path, lineno);
		if (strchr(line, '\n') == NULL && !feof(fp)) {
			snprintf(err, errlen, "%s: line longer than %d bytes",
			    where, CONFIG_LINE_MAX - 2);
			ok = false;
			break;
		}
		if ((s = strchr(line, '#')) != NULL)
			*s = '\0';
		s = trim(line);
		if (*s != '\0')
			ok = config_line(in, dir, s, where, err, errlen);
	}
	fclose(fp);
	if (ok && in->nmrt == 0) {
		snprintf(err, errlen, "%s: no bgp sources", path);
		ok = false;
	}
	if (!ok)
		observe_inputs_free(in);
	return ok;
}
