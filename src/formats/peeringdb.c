/* PeeringDB API JSON reader and the per-ASN model. */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/u64map.h"
#include "base/xmalloc.h"
#include "formats/jsonstream.h"
#include "formats/peeringdb.h"
#include "io/reader.h"
#include "net/prefix.h"

/* Record kinds beyond the modelled ones. */
#define T_OTHER		PDB_TYPES		/* known, not modelled */
#define T_GUESS		(PDB_TYPES + 1)		/* tell from the fields */
#define T_UNKNOWN	(PDB_TYPES + 2)

struct vec {
	void	*v;
	size_t	 n, cap;
};

struct pdb {
	struct arena	 strings;
	struct vec	 t[PDB_TYPES];
	struct u64map	 seen;		/* (type, id) and (net, ASN) keys */
	uint32_t	*by_org;	/* net indices by (org_id, asn) */
	bool		 finished;
};

static const size_t type_size[PDB_TYPES] = {
	sizeof(struct pdb_net), sizeof(struct pdb_org), sizeof(struct pdb_poc),
	sizeof(struct pdb_ix), sizeof(struct pdb_netixlan),
};

/* Type names as the API spells them; the modelled ones first. */
static const char *const type_names[] = {
	"net", "org", "poc", "ix", "netixlan",
	"fac", "ixlan", "ixpfx", "netfac", "ixfac", "carrier", "carrierfac",
	"campus",
};

const char *
pdb_type_str(enum pdb_type t)
{
	return t < PDB_TYPES ? type_names[t] : "?";
}

const char *
pdb_skip_str(enum pdb_skip s)
{
	static const char *const names[PDB_SKIP_MAX] = {
		"malformed record",
		"value out of range",
		"bad string (NUL byte or too long)",
		"record of no known type",
		"duplicate id",
		"too many records",
	};

	return s < PDB_SKIP_MAX ? names[s] : "?";
}

struct pdb *
pdb_new(void)
{
	struct pdb *db = xcalloc(1, sizeof(*db));

	arena_init(&db->strings, 64 * 1024);
	u64map_init(&db->seen);
	return db;
}

void
pdb_free(struct pdb *db)
{
	size_t i;

	if (db == NULL)
		return;
	for (i = 0; i < PDB_TYPES; i++)
		free(db->t[i].v);
	u64map_free(&db->seen);
	free(db->by_org);
	arena_free(&db->strings);
	free(db);
}

/* Adds key to the set of ids seen; false if it was there. */
static bool
seen_add(struct pdb *db, uint64_t key)
{
	bool added;

	(void)u64map_put(&db->seen, key, &added);
	return added;
}

/* ------------------------------------------------------------------ */
/* One record's fields. */

struct rec {
	struct pdb	*db;
	const json_t	*o;
	enum pdb_skip	 code;
	char		 why[160];
};

static bool
bad(struct rec *r, enum pdb_skip code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool
bad(struct rec *r, enum pdb_skip code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
	r->code = code;
	return false;
}

/* An integer in [min, max]; absent or null is 0 unless required. */
static bool
f_int(struct rec *r, const char *key, bool required, json_int_t min,
    json_int_t max, json_int_t *v)
{
	const json_t *j = json_object_get(r->o, key);

	*v = 0;
	if (j == NULL || json_is_null(j)) {
		if (required)
			return bad(r, PDB_SKIP_SYNTAX, "no \"%s\"", key);
		return true;
	}
	if (!json_is_integer(j))
		return bad(r, PDB_SKIP_SYNTAX, "\"%s\" is not an integer", key);
	*v = json_integer_value(j);
	if (*v < min || *v > max)
		return bad(r, PDB_SKIP_VALUE, "\"%s\" %lld out of range", key,
		    (long long)*v);
	return true;
}

/* An id or ASN: 1 to 2^32-1. */
static bool
f_u32(struct rec *r, const char *key, bool required, uint32_t *v)
{
	json_int_t x;

	if (!f_int(r, key, required, 1, UINT32_MAX, &x))
		return false;
	*v = (uint32_t)x;
	return true;
}

static bool
f_bool(struct rec *r, const char *key, bool *v)
{
	const json_t *j = json_object_get(r->o, key);

	*v = false;
	if (j == NULL || json_is_null(j))
		return true;
	if (!json_is_boolean(j))
		return bad(r, PDB_SKIP_SYNTAX, "\"%s\" is not a boolean", key);
	*v = json_is_true(j);
	return true;
}

static bool
f_str(struct rec *r, const char *key, const char **v)
{
	const json_t *j = json_object_get(r->o, key);
	size_t n;
	char *s;

	*v = "";
	if (j == NULL || json_is_null(j))
		return true;
	if (!json_is_string(j))
		return bad(r, PDB_SKIP_SYNTAX, "\"%s\" is not a string", key);
	n = json_string_length(j);
	if (n > MAX_PDB_STRING)
		return bad(r, PDB_SKIP_STRING, "\"%s\" longer than %u bytes",
		    key, MAX_PDB_STRING);
	if (memchr(json_string_value(j), '\0', n) != NULL)
		return bad(r, PDB_SKIP_STRING, "\"%s\" holds a NUL byte", key);
	if (n == 0)
		return true;
	s = arena_alloc(&r->db->strings, n + 1);
	memcpy(s, json_string_value(j), n);
	s[n] = '\0';
	*v = s;
	return true;
}

/* An IPv4 or IPv6 address string, or empty. */
static bool
f_addr(struct rec *r, const char *key, unsigned afi, const char **v)
{
	const char *why;
	struct addr a;

	if (!f_str(r, key, v))
		return false;
	if ((*v)[0] == '\0')
		return true;
	if (!addr_parse(*v, strlen(*v), &a, &why))
		return bad(r, PDB_SKIP_VALUE, "\"%s\" '%.60s': %s", key, *v,
		    why);
	if (a.afi != afi)
		return bad(r, PDB_SKIP_VALUE, "\"%s\" '%.60s' is not IPv%c",
		    key, *v, afi == AFI_IPV4 ? '4' : '6');
	return true;
}

static bool
p_net(struct rec *r, struct pdb_net *n)
{
	json_int_t p4, p6;

	memset(n, 0, sizeof(*n));
	if (!f_u32(r, "id", true, &n->id) || !f_u32(r, "asn", true, &n->asn) ||
	    !f_u32(r, "org_id", false, &n->org_id) ||
	    !f_str(r, "name", &n->name) || !f_str(r, "aka", &n->aka) ||
	    !f_str(r, "irr_as_set", &n->irr_as_set) ||
	    !f_str(r, "info_type", &n->info_type) ||
	    !f_str(r, "info_scope", &n->info_scope) ||
	    !f_str(r, "policy_general", &n->policy_general) ||
	    !f_str(r, "policy_url", &n->policy_url) ||
	    !f_str(r, "website", &n->website) ||
	    !f_int(r, "info_prefixes4", false, 0, UINT32_MAX, &p4) ||
	    !f_int(r, "info_prefixes6", false, 0, UINT32_MAX, &p6) ||
	    !f_bool(r, "info_never_via_route_servers",
	    &n->never_via_route_servers))
		return false;
	n->info_prefixes4 = (uint32_t)p4;
	n->info_prefixes6 = (uint32_t)p6;
	return true;
}

static bool
p_org(struct rec *r, struct pdb_org *o)
{
	memset(o, 0, sizeof(*o));
	return f_u32(r, "id", true, &o->id) && f_str(r, "name", &o->name) &&
	    f_str(r, "country", &o->country);
}

static bool
p_poc(struct rec *r, struct pdb_poc *p)
{
	memset(p, 0, sizeof(*p));
	if (!f_u32(r, "id", true, &p->id) ||
	    !f_u32(r, "net_id", true, &p->net_id) ||
	    !f_str(r, "role", &p->role) || !f_str(r, "visible", &p->visible) ||
	    !f_str(r, "name", &p->name) || !f_str(r, "email", &p->email) ||
	    !f_str(r, "phone", &p->phone))
		return false;
	if (p->role[0] == '\0')
		return bad(r, PDB_SKIP_SYNTAX, "no \"role\"");
	return true;
}

static bool
p_ix(struct rec *r, struct pdb_ix *x)
{
	memset(x, 0, sizeof(*x));
	return f_u32(r, "id", true, &x->id) &&
	    f_u32(r, "org_id", false, &x->org_id) &&
	    f_str(r, "name", &x->name) && f_str(r, "city", &x->city) &&
	    f_str(r, "country", &x->country);
}

static bool
p_netixlan(struct rec *r, struct pdb_netixlan *x)
{
	json_int_t speed;

	memset(x, 0, sizeof(*x));
	if (!f_u32(r, "id", true, &x->id) ||
	    !f_u32(r, "asn", true, &x->asn) ||
	    !f_u32(r, "net_id", false, &x->net_id) ||
	    !f_u32(r, "ix_id", false, &x->ix_id) ||
	    !f_str(r, "name", &x->name) ||
	    !f_addr(r, "ipaddr4", AFI_IPV4, &x->ipaddr4) ||
	    !f_addr(r, "ipaddr6", AFI_IPV6, &x->ipaddr6) ||
	    !f_int(r, "speed", false, 0, INT64_MAX, &speed) ||
	    !f_bool(r, "is_rs_peer", &x->is_rs_peer) ||
	    !f_bool(r, "operational", &x->operational))
		return false;
	x->speed = (uint64_t)speed;
	return true;
}

/* ------------------------------------------------------------------ */
/* Reading. */

struct ctx {
	struct pdb		*db;
	struct pdb_stats	*st;
	struct jstream		*js;
	const char		*name;
	unsigned		 type;		/* of the array being walked */
	const char		*array;
	bool			 seen;
};

static unsigned
type_by_name(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (strcmp(s, type_names[i]) == 0)
			return i < PDB_TYPES ? (unsigned)i : T_OTHER;
	return T_UNKNOWN;
}

static bool
has(const json_t *o, const char *key)
{
	return json_object_get(o, key) != NULL;
}

/* The type of a page record, from its fields (see peeringdb.h). */
static unsigned
guess(const json_t *o)
{
	if (has(o, "ixlan_id") && has(o, "asn"))
		return PDB_NETIXLAN;
	if (has(o, "role") && has(o, "net_id"))
		return PDB_POC;
	if (has(o, "asn") && (has(o, "irr_as_set") || has(o, "info_type")))
		return PDB_NET;
	if (has(o, "proto_unicast") || has(o, "media"))
		return PDB_IX;
	if (has(o, "clli") || has(o, "npanxx") || has(o, "mtu") ||
	    has(o, "fac_id") || has(o, "ixlan_id") || has(o, "carrier_id"))
		return T_OTHER;	/* fac, ixlan, netfac, ixfac, ixpfx, ... */
	if (has(o, "address1") && !has(o, "org_id"))
		return PDB_ORG;
	return T_UNKNOWN;
}

static void
skip(struct ctx *c, long long i, enum pdb_skip code, const char *why)
{
	c->st->skipped++;
	c->st->skip[code]++;
	if (c->st->first[0] == '\0')
		snprintf(c->st->first, sizeof(c->st->first),
		    "%s: %s[%lld] (byte %llu): %s", c->name, c->array, i,
		    (unsigned long long)c->js->at, why);
	log_debug("%s: %s[%lld] (byte %llu): %s", c->name, c->array, i,
	    (unsigned long long)c->js->at, why);
}

static void *
push(struct pdb *db, unsigned t)
{
	struct vec *v = &db->t[t];

	if (v->n == v->cap) {
		v->cap = v->cap == 0 ? 256 : v->cap * 2;
		v->v = xreallocarray(v->v, v->cap, type_size[t]);
	}
	return (char *)v->v + v->n++ * type_size[t];
}

static int
record(void *arg, const json_t *o, long long i)
{
	struct ctx *c = arg;
	struct rec r;
	unsigned t = c->type;
	const json_t *status;
	union {
		struct pdb_net		net;
		struct pdb_org		org;
		struct pdb_poc		poc;
		struct pdb_ix		ix;
		struct pdb_netixlan	nix;
	} u;
	bool ok = false;
	uint32_t id = 0;

	c->st->records++;
	if (!json_is_object(o)) {
		skip(c, i, PDB_SKIP_SYNTAX, "not an object");
		return 0;
	}
	if (t == T_GUESS)
		t = guess(o);
	if (t == T_OTHER) {
		c->st->other++;
		return 0;
	}
	if (t == T_UNKNOWN) {
		skip(c, i, PDB_SKIP_TYPE, "a record of no known type");
		return 0;
	}
	status = json_object_get(o, "status");
	if (status != NULL && !json_is_string(status)) {
		skip(c, i, PDB_SKIP_SYNTAX, "\"status\" is not a string");
		return 0;
	}
	if (status != NULL && strcmp(json_string_value(status), "ok") != 0) {
		c->st->inactive++;
		return 0;
	}
	memset(&r, 0, sizeof(r));
	r.db = c->db;
	r.o = o;
	switch (t) {
	case PDB_NET:
		ok = p_net(&r, &u.net);
		id = u.net.id;
		break;
	case PDB_ORG:
		ok = p_org(&r, &u.org);
		id = u.org.id;
		break;
	case PDB_POC:
		ok = p_poc(&r, &u.poc);
		id = u.poc.id;
		break;
	case PDB_IX:
		ok = p_ix(&r, &u.ix);
		id = u.ix.id;
		break;
	default:
		ok = p_netixlan(&r, &u.nix);
		id = u.nix.id;
	}
	if (!ok) {
		skip(c, i, r.code, r.why);
		return 0;
	}
	if (c->db->seen.n >= MAX_PDB_RECORDS) {
		skip(c, i, PDB_SKIP_LIMIT, "over MAX_PDB_RECORDS");
		return 0;
	}
	if (!seen_add(c->db, (uint64_t)t << 32 | id)) {
		snprintf(r.why, sizeof(r.why), "%s id %u again",
		    type_names[t], id);
		skip(c, i, PDB_SKIP_DUP, r.why);
		return 0;
	}
	if (t == PDB_NET && !seen_add(c->db, (uint64_t)PDB_TYPES << 32 |
	    u.net.asn)) {
		snprintf(r.why, sizeof(r.why), "a second net for AS%u",
		    u.net.asn);
		skip(c, i, PDB_SKIP_DUP, r.why);
		return 0;
	}
	memcpy(push(c->db, t), &u, type_size[t]);
	c->st->kept[t]++;
	return 0;
}

static int
walk(struct ctx *c, struct jstream *js, unsigned type, const char *array)
{
	c->seen = true;
	c->type = type;
	c->array = array;
	return jstream_array(js, array, record, c);
}

/* Inside a dump's {"net": {"data": [...]}}: the "data" array. */
static int
type_key(void *arg, struct jstream *js, const char *key)
{
	struct ctx *c = arg;

	if (strcmp(key, "data") == 0)
		return walk(c, js, c->type, c->array);
	return jstream_skip(js);
}

static int
top_key(void *arg, struct jstream *js, const char *key)
{
	struct ctx *c = arg;
	unsigned t;
	int ch;

	if (strcmp(key, "data") == 0)
		return walk(c, js, T_GUESS, "data");
	t = type_by_name(key);
	if (t == T_UNKNOWN)
		return jstream_skip(js);	/* "meta" and the like */
	ch = jstream_next(js);
	if (ch == '[')
		return walk(c, js, t, t < PDB_TYPES ? type_names[t] : "other");
	if (ch != '{')
		return jstream_skip(js);
	c->type = t;
	c->array = t < PDB_TYPES ? type_names[t] : "other";
	return jstream_object(js, type_key, c);
}

static int
read_reader(struct pdb *db, struct reader *rd, const char *name,
    struct pdb_stats *st, char *err, size_t errlen)
{
	char jerr[256];
	struct jstream js = { rd, MAX_PDB_RECORD, jerr, sizeof(jerr), 0 };
	struct ctx c;
	int rc;

	if (db->finished) {
		snprintf(err, errlen, "%s: read after pdb_finish", name);
		reader_close(rd);
		return -1;
	}
	memset(&c, 0, sizeof(c));
	c.db = db;
	c.st = st;
	c.js = &js;
	c.name = name;
	jerr[0] = '\0';
	rc = jstream_object(&js, top_key, &c);
	if (rc == 0)
		rc = jstream_end(&js);
	if (rc == 0 && reader_error(rd) != NULL) {
		snprintf(jerr, sizeof(jerr), "%s", reader_error(rd));
		rc = -1;
	}
	if (rc == 0 && !c.seen) {
		snprintf(jerr, sizeof(jerr), "no \"data\" array and no "
		    "PeeringDB object type");
		rc = -1;
	}
	if (rc != 0) {
		/* A reader error explains a JSON error at the cut. */
		if (reader_error(rd) != NULL && strstr(jerr, reader_error(rd))
		    == NULL)
			snprintf(err, errlen, "%s: %s", name,
			    reader_error(rd));
		else
			snprintf(err, errlen, "%s: %s", name, jerr);
	}
	reader_close(rd);
	return rc == 0 ? 0 : -1;
}

int
pdb_read(struct pdb *db, const char *path, struct pdb_stats *st, char *err,
    size_t errlen)
{
	struct reader *rd = reader_open(path, err, errlen);

	if (rd == NULL)
		return -1;
	return read_reader(db, rd, strcmp(path, "-") == 0 ? "stdin" : path,
	    st, err, errlen);
}

int
pdb_read_fd(struct pdb *db, int fd, const char *name, struct pdb_stats *st,
    char *err, size_t errlen)
{
	struct reader *rd = reader_fdopen(fd, name, err, errlen);

	if (rd == NULL)
		return -1;
	return read_reader(db, rd, name, st, err, errlen);
}

bool
pdb_read_report(struct pdb *db, const char *path, bool *problems)
{
	struct pdb_stats st;
	char err[512];
	int i, rc;

	memset(&st, 0, sizeof(st));
	rc = pdb_read(db, path, &st, err, sizeof(err));
	if (rc != 0)
		log_warnx("%s", err);
	if (st.skipped > 0) {
		*problems = true;
		log_warnx("%s: %llu records skipped; the first: %s", path,
		    (unsigned long long)st.skipped, st.first);
		for (i = 0; i < PDB_SKIP_MAX; i++)
			if (st.skip[i] > 0)
				log_warnx("%s: %llu skipped: %s", path,
				    (unsigned long long)st.skip[i],
				    pdb_skip_str((enum pdb_skip)i));
	}
	log_info("%s: %llu records: %llu net, %llu org, %llu poc, %llu ix, "
	    "%llu netixlan, %llu of other types, %llu not \"ok\"", path,
	    (unsigned long long)st.records,
	    (unsigned long long)st.kept[PDB_NET],
	    (unsigned long long)st.kept[PDB_ORG],
	    (unsigned long long)st.kept[PDB_POC],
	    (unsigned long long)st.kept[PDB_IX],
	    (unsigned long long)st.kept[PDB_NETIXLAN],
	    (unsigned long long)st.other, (unsigned long long)st.inactive);
	return rc == 0;
}

/* ------------------------------------------------------------------ */
/* Indexes and queries. */

static int
cmp32(uint32_t a, uint32_t b)
{
	return a < b ? -1 : a > b;
}

static int
cmp_net(const void *a, const void *b)
{
	return cmp32(((const struct pdb_net *)a)->asn,
	    ((const struct pdb_net *)b)->asn);
}

static int
cmp_org(const void *a, const void *b)
{
	return cmp32(((const struct pdb_org *)a)->id,
	    ((const struct pdb_org *)b)->id);
}

static int
cmp_ix(const void *a, const void *b)
{
	return cmp32(((const struct pdb_ix *)a)->id,
	    ((const struct pdb_ix *)b)->id);
}

static int
cmp_poc(const void *a, const void *b)
{
	const struct pdb_poc *x = a, *y = b;

	return x->net_id != y->net_id ? cmp32(x->net_id, y->net_id) :
	    cmp32(x->id, y->id);
}

static int
cmp_nix(const void *a, const void *b)
{
	const struct pdb_netixlan *x = a, *y = b;

	if (x->asn != y->asn)
		return cmp32(x->asn, y->asn);
	return x->ix_id != y->ix_id ? cmp32(x->ix_id, y->ix_id) :
	    cmp32(x->id, y->id);
}

struct org_key {
	uint32_t	org, asn, idx;
};

static int
cmp_org_key(const void *a, const void *b)
{
	const struct org_key *x = a, *y = b;

	return x->org != y->org ? cmp32(x->org, y->org) : cmp32(x->asn, y->asn);
}

void
pdb_finish(struct pdb *db)
{
	static int (*const cmp[PDB_TYPES])(const void *, const void *) = {
		cmp_net, cmp_org, cmp_poc, cmp_ix, cmp_nix,
	};
	const struct pdb_net *nets;
	struct org_key *k;
	size_t i, n = db->t[PDB_NET].n;

	if (db->finished)
		return;
	db->finished = true;
	for (i = 0; i < PDB_TYPES; i++)
		if (db->t[i].n > 1)
			qsort(db->t[i].v, db->t[i].n, type_size[i], cmp[i]);
	nets = db->t[PDB_NET].v;
	k = xreallocarray(NULL, n + 1, sizeof(*k));
	for (i = 0; i < n; i++) {
		k[i].org = nets[i].org_id;
		k[i].asn = nets[i].asn;
		k[i].idx = (uint32_t)i;
	}
	qsort(k, n, sizeof(*k), cmp_org_key);
	db->by_org = xreallocarray(NULL, n + 1, sizeof(*db->by_org));
	for (i = 0; i < n; i++)
		db->by_org[i] = k[i].idx;
	free(k);
	u64map_free(&db->seen);		/* only reading needs it */
}

/*
 * First index in v[0..n) (records of size sz) whose key, read by get, is
 * not below key.
 */
static size_t
lower(const void *v, size_t n, size_t sz, uint32_t key,
    uint32_t (*get)(const void *))
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (get((const char *)v + mid * sz) < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static uint32_t
k_net(const void *p)
{
	return ((const struct pdb_net *)p)->asn;
}

static uint32_t
k_org(const void *p)
{
	return ((const struct pdb_org *)p)->id;
}

static uint32_t
k_ix(const void *p)
{
	return ((const struct pdb_ix *)p)->id;
}

static uint32_t
k_poc(const void *p)
{
	return ((const struct pdb_poc *)p)->net_id;
}

static uint32_t
k_nix(const void *p)
{
	return ((const struct pdb_netixlan *)p)->asn;
}

static uint32_t (*const keys[PDB_TYPES])(const void *) = {
	k_net, k_org, k_poc, k_ix, k_nix,
};

/* The run of records of type t whose key is key: first one, *n of them. */
static const void *
run(const struct pdb *db, enum pdb_type t, uint32_t key, size_t *n)
{
	const struct vec *v = &db->t[t];
	size_t i = lower(v->v, v->n, type_size[t], key, keys[t]), j = i;

	while (j < v->n && keys[t]((const char *)v->v + j * type_size[t]) ==
	    key)
		j++;
	*n = j - i;
	return j > i ? (const char *)v->v + i * type_size[t] : NULL;
}

const struct pdb_net *
pdb_net(const struct pdb *db, uint32_t asn)
{
	size_t n;

	return run(db, PDB_NET, asn, &n);
}

const struct pdb_org *
pdb_org(const struct pdb *db, uint32_t id)
{
	size_t n;

	return run(db, PDB_ORG, id, &n);
}

const struct pdb_ix *
pdb_ix(const struct pdb *db, uint32_t id)
{
	size_t n;

	return run(db, PDB_IX, id, &n);
}

const struct pdb_poc *
pdb_pocs(const struct pdb *db, uint32_t net_id, size_t *n)
{
	return run(db, PDB_POC, net_id, n);
}

const struct pdb_netixlan *
pdb_netixlans(const struct pdb *db, uint32_t asn, size_t *n)
{
	return run(db, PDB_NETIXLAN, asn, n);
}

size_t
pdb_siblings(const struct pdb *db, uint32_t asn, uint32_t *out, size_t max)
{
	const struct pdb_net *nets = db->t[PDB_NET].v, *me = pdb_net(db, asn);
	size_t lo = 0, hi = db->t[PDB_NET].n, k = 0;

	if (me == NULL || me->org_id == 0)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (nets[db->by_org[mid]].org_id < me->org_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < db->t[PDB_NET].n &&
	    nets[db->by_org[lo]].org_id == me->org_id; lo++) {
		if (nets[db->by_org[lo]].asn == asn)
			continue;
		if (k < max)
			out[k] = nets[db->by_org[lo]].asn;
		k++;
	}
	return k;
}

bool
pdb_has_contact(const struct pdb *db, uint32_t asn)
{
	const struct pdb_net *net = pdb_net(db, asn);
	const struct pdb_poc *p;
	size_t n, i;

	if (net == NULL)
		return false;
	p = pdb_pocs(db, net->id, &n);
	for (i = 0; i < n; i++)
		if (p[i].email[0] != '\0' || p[i].phone[0] != '\0')
			return true;
	return false;
}

const struct pdb_net *
pdb_net_at(const struct pdb *db, size_t i)
{
	return i < db->t[PDB_NET].n ?
	    &((const struct pdb_net *)db->t[PDB_NET].v)[i] : NULL;
}

size_t
pdb_count(const struct pdb *db, enum pdb_type t)
{
	return t < PDB_TYPES ? db->t[t].n : 0;
}
