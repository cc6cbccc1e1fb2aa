/*
 * Incremental runs: `manrs observe --state FILE` saves what the data read
 * so far left, and the next run over the same period reads only the MRT
 * files the state has not seen (observe/state.h has the file layout).
 * The state lists the files it read with their size and time, and a file
 * that changed since is an error: reading it again would count its
 * routes twice.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/xmalloc.h"
#include "observe/detect.h"
#include "observe/run.h"
#include "observe/state.h"

struct seen_file {
	char		*path;
	uint64_t	 size, mtime;
};

static bool
file_id(const char *path, uint64_t *size, uint64_t *mtime)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return false;
	*size = (uint64_t)st.st_size;
	*mtime = (uint64_t)st.st_mtime;
	return true;
}

bool
observe_checkpoint(const char *path, struct detector *det, int64_t from,
    int64_t through, const struct observe_inputs *in,
    const struct observe_inputs *done, char *const *names, size_t nnames,
    char *err, size_t errlen)
{
	struct state_out out;
	size_t i;

	if (!state_create(&out, path, from, through, err, errlen))
		return false;
	state_u32(&out, (uint32_t)(in->nmrt + done->nmrt));
	for (i = 0; i < in->nmrt + done->nmrt; i++) {
		const struct source *s = i < in->nmrt ? &in->mrt[i] :
		    &done->mrt[i - in->nmrt];
		uint64_t size = 0, mtime = 0;
		uint32_t len = (uint32_t)strlen(s->path);

		file_id(s->path, &size, &mtime);
		state_u32(&out, len);
		state_put(&out, s->path, len);
		state_u64(&out, size);
		state_u64(&out, mtime);
	}
	state_u32(&out, (uint32_t)nnames);
	for (i = 0; i < nnames; i++) {
		uint32_t len = (uint32_t)strlen(names[i]);

		state_u32(&out, len);
		state_put(&out, names[i], len);
	}
	detector_save(det, &out);
	return state_close(&out, path, err, errlen);
}

static void
free_seen(struct seen_file *v, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

/* A length-prefixed string of 1..max bytes without NULs, copied. */
static char *
get_string(struct cursor *c, uint32_t max)
{
	const uint8_t *p;
	uint32_t len;
	char *s;

	if (!state_get_count(c, 1, &len) || len == 0 || len > max ||
	    !cur_ptr(c, len, &p) || memchr(p, '\0', len) != NULL)
		return NULL;
	s = xmalloc(len + 1);
	memcpy(s, p, len);
	s[len] = '\0';
	return s;
}

struct detector *
observe_resume(const char *path, const struct detect_refs *refs,
    int64_t from, int64_t to, const struct observe_inputs *in,
    struct observe_inputs *todo, struct observe_inputs *done,
    char ***names, size_t *nnames, char *err, size_t errlen)
{
	struct seen_file *seen = NULL;
	struct detector *det = NULL;
	struct cursor c;
	uint8_t *buf;
	int64_t sfrom, through;
	uint32_t n = 0, nn, i;
	size_t j;

	memset(todo, 0, sizeof(*todo));
	memset(done, 0, sizeof(*done));
	if (!state_open(path, &buf, &c, &sfrom, &through, err, errlen))
		return NULL;
	if (sfrom != from || through > to) {
		snprintf(err, errlen, "%s: the state is of a period from %lld "
		    "read up to %lld; this run is [%lld, %lld): the same start"
		    " and an end no earlier are needed", path, (long long)sfrom,
		    (long long)through, (long long)from, (long long)to);
		goto out;
	}
	if (!state_get_count(&c, 20, &n))
		goto bad;
	seen = xcalloc(n ? n : 1, sizeof(*seen));
	for (i = 0; i < n; i++)
		if ((seen[i].path = get_string(&c, 4096)) == NULL ||
		    !state_get_u64(&c, &seen[i].size) ||
		    !state_get_u64(&c, &seen[i].mtime)) {
			n = i + 1;
			goto bad;
		}
	if (!state_get_count(&c, 5, &nn))
		goto bad;
	for (i = 0; i < nn; i++) {
		char *name = get_string(&c, 255);

		if (name == NULL)
			goto bad;
		*names = xreallocarray(*names, *nnames + 1, sizeof(**names));
		(*names)[(*nnames)++] = name;
	}
	for (j = 0; j < in->nmrt; j++) {
		const struct source *s = &in->mrt[j];
		uint64_t size = 0, mtime = 0;

		for (i = 0; i < n; i++)
			if (strcmp(seen[i].path, s->path) == 0)
				break;
		if (i == n) {
			observe_add_source(&todo->mrt, &todo->nmrt, s->path,
			    s->collector);
			continue;
		}
		if (!file_id(s->path, &size, &mtime) ||
		    size != seen[i].size || mtime != seen[i].mtime) {
			snprintf(err, errlen, "%s changed since %s was written; "
			    "its routes would count twice (run without the "
			    "state)", s->path, path);
			goto out;
		}
		observe_add_source(&done->mrt, &done->nmrt, s->path,
		    s->collector);
	}
	det = detector_load(refs, from, to, &c, err, errlen);
	goto out;
bad:
	snprintf(err, errlen, "%s: bad list of files read", path);
out:
	free_seen(seen, n);
	free(buf);
	if (det == NULL) {
		observe_inputs_free(todo);
		observe_inputs_free(done);
	}
	return det;
}
