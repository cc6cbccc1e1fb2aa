/*
 * PeeringDB reader: the real API pages in testdata/peeringdb (and all of
 * ../shared/data/peeringdb when present) checked record by record against
 * jansson's whole-file parse; a full dump with every type; hostile records
 * and files.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/limits.h"
#include "base/log.h"
#include "formats/peeringdb.h"

#define T	"testdata/peeringdb/"
#define SHARED	"../shared/data/peeringdb/"

static const char *const pages[] = {
	T "prod_anon_net_page-1.json", T "prod_anon_org_page-1.json",
	T "prod_anon_poc_page-1.json", T "prod_anon_poc_page-2.json",
	T "beta_anon_netixlan_page-1.json", T "beta_anon_ix_page-1.json",
	T "beta_anon_ixpfx_page-1.json",
	T "arouteserver_peeringdb_net_3333_10745.json",
};

static const char *const shared_pages[] = {
	SHARED "pdbplus/prod_anon_net_page-1.json",
	SHARED "pdbplus/prod_anon_net_page-2.json",
	SHARED "pdbplus/prod_anon_org_page-1.json",
	SHARED "pdbplus/prod_anon_org_page-2.json",
	SHARED "pdbplus/prod_anon_poc_page-1.json",
	SHARED "pdbplus/prod_anon_poc_page-2.json",
	SHARED "pdbplus/beta_anon_netixlan_page-1.json",
	SHARED "pdbplus/beta_anon_netixlan_page-2.json",
	SHARED "pdbplus/beta_anon_ix_page-1.json",
	SHARED "pdbplus/beta_anon_ix_page-2.json",
	SHARED "pdbplus/beta_anon_fac_page-1.json",
	SHARED "pdbplus/beta_anon_ixlan_page-1.json",
	SHARED "pdbplus/beta_anon_netfac_page-1.json",
	SHARED "arouteserver_peeringdb_net_3333_10745.json",
};

static struct pdb *
load(const char *const *files, size_t n, struct pdb_stats *st)
{
	struct pdb *db = pdb_new();
	char err[512];
	size_t i;

	memset(st, 0, sizeof(*st));
	for (i = 0; i < n; i++)
		if (pdb_read(db, files[i], st, err, sizeof(err)) != 0)
			fail_msg("%s", err);
	pdb_finish(db);
	return db;
}

static const char *
jstr(const json_t *o, const char *k)
{
	const json_t *j = json_object_get(o, k);

	return json_is_string(j) ? json_string_value(j) : "";
}

static uint32_t
jint(const json_t *o, const char *k)
{
	return (uint32_t)json_integer_value(json_object_get(o, k));
}

/*
 * The oracle: each file parsed whole by jansson; every net, org, ix, poc
 * and netixlan in it must be found with the same fields, and every net's
 * siblings are the other nets of its org_id in the files.
 */
static void
check_against_jansson(const struct pdb *db, const char *const *files,
    size_t nfiles)
{
	json_t *all_nets = json_array(), *all_pocs = json_array();
	size_t f, i, j, k;

	for (f = 0; f < nfiles; f++) {
		json_error_t jerr;
		json_t *doc = json_load_file(files[f], 0, &jerr), *data, *o;

		assert_non_null(doc);
		data = json_object_get(doc, "data");
		json_array_foreach(data, i, o) {
			if (json_object_get(o, "ixlan_id") != NULL &&
			    json_object_get(o, "asn") != NULL) {
				const struct pdb_netixlan *x;
				size_t n;
				bool found = false;

				x = pdb_netixlans(db, jint(o, "asn"), &n);
				for (k = 0; k < n; k++)
					if (x[k].id == jint(o, "id")) {
						found = true;
						assert_string_equal(x[k].ipaddr4,
						    jstr(o, "ipaddr4"));
						assert_string_equal(x[k].ipaddr6,
						    jstr(o, "ipaddr6"));
						assert_int_equal(x[k].ix_id,
						    jint(o, "ix_id"));
						assert_int_equal(x[k].speed,
						    json_integer_value(
						    json_object_get(o, "speed")));
					}
				assert_true(found);
			} else if (json_object_get(o, "role") != NULL) {
				const struct pdb_poc *p;
				size_t n;
				bool found = false;

				p = pdb_pocs(db, jint(o, "net_id"), &n);
				for (k = 0; k < n; k++)
					if (p[k].id == jint(o, "id")) {
						found = true;
						assert_string_equal(p[k].role,
						    jstr(o, "role"));
						assert_string_equal(p[k].email,
						    jstr(o, "email"));
						assert_string_equal(p[k].phone,
						    jstr(o, "phone"));
						assert_string_equal(p[k].visible,
						    jstr(o, "visible"));
					}
				assert_true(found);
				json_array_append(all_pocs, o);
			} else if (json_object_get(o, "irr_as_set") != NULL) {
				const struct pdb_net *n = pdb_net(db,
				    jint(o, "asn"));

				assert_non_null(n);
				assert_int_equal(n->id, jint(o, "id"));
				assert_int_equal(n->org_id, jint(o, "org_id"));
				assert_string_equal(n->name, jstr(o, "name"));
				assert_string_equal(n->irr_as_set,
				    jstr(o, "irr_as_set"));
				assert_string_equal(n->info_type,
				    jstr(o, "info_type"));
				assert_string_equal(n->policy_general,
				    jstr(o, "policy_general"));
				json_array_append(all_nets, o);
			} else if (json_object_get(o, "media") != NULL) {
				const struct pdb_ix *x = pdb_ix(db,
				    jint(o, "id"));

				assert_non_null(x);
				assert_string_equal(x->name, jstr(o, "name"));
				assert_string_equal(x->country,
				    jstr(o, "country"));
			} else if (json_object_get(o, "address1") != NULL &&
			    json_object_get(o, "org_id") == NULL) {
				const struct pdb_org *g = pdb_org(db,
				    jint(o, "id"));

				assert_non_null(g);
				assert_string_equal(g->name, jstr(o, "name"));
			}
		}
		json_decref(doc);
	}
	/* Siblings: a quadratic scan of the nets. */
	for (i = 0; i < json_array_size(all_nets); i++) {
		const json_t *a = json_array_get(all_nets, i);
		uint32_t got[64], want = 0;
		size_t n = pdb_siblings(db, jint(a, "asn"), got, 64);

		for (j = 0; j < json_array_size(all_nets); j++) {
			const json_t *b = json_array_get(all_nets, j);

			if (j == i || jint(b, "org_id") != jint(a, "org_id"))
				continue;
			want++;
			for (k = 0; k < n && k < 64; k++)
				if (got[k] == jint(b, "asn"))
					break;
			assert_true(k < n);
		}
		assert_int_equal(n, want);
		for (k = 1; k < n && k < 64; k++)
			assert_true(got[k - 1] < got[k]);
		/* A contact: a poc of the net with an e-mail or a phone. */
		want = 0;
		for (j = 0; j < json_array_size(all_pocs); j++) {
			const json_t *p = json_array_get(all_pocs, j);

			if (jint(p, "net_id") == jint(a, "id") &&
			    (jstr(p, "email")[0] != '\0' ||
			    jstr(p, "phone")[0] != '\0'))
				want = 1;
		}
		assert_int_equal(pdb_has_contact(db, jint(a, "asn")), want);
	}
	json_decref(all_nets);
	json_decref(all_pocs);
}

static void
test_pages(void **state)
{
	struct pdb_stats st;
	struct pdb *db = load(pages, sizeof(pages) / sizeof(pages[0]), &st);
	const struct pdb_net *n;
	const struct pdb_poc *p;
	size_t np;
	uint32_t sib[8];

	(void)state;
	assert_int_equal(st.skipped, 0);
	assert_int_equal(st.kept[PDB_NET], 253);
	assert_int_equal(st.kept[PDB_ORG], 250);
	assert_int_equal(st.kept[PDB_POC], 40);
	assert_int_equal(st.kept[PDB_IX], 250);
	assert_int_equal(st.kept[PDB_NETIXLAN], 250);
	assert_int_equal(st.other, 250);	/* the ixpfx page */
	check_against_jansson(db, pages, sizeof(pages) / sizeof(pages[0]));
	/* Facts read off the pages by hand (python json). */
	n = pdb_net(db, 6939);
	assert_non_null(n);
	assert_int_equal(n->id, 291);
	assert_string_equal(n->irr_as_set,
	    "RADB::AS-HURRICANE RADB::AS-HURRICANEV6");
	assert_string_equal(pdb_org(db, n->org_id)->name,
	    "Hurricane Electric");
	p = pdb_pocs(db, n->id, &np);
	assert_int_equal(np, 2);
	assert_string_equal(p[0].email, "peering@he.net");
	assert_string_equal(p[1].email, "noc@he.net");
	assert_non_null(pdb_netixlans(db, 6939, &np));
	assert_int_equal(np, 28);
	assert_int_equal(pdb_siblings(db, 3257, sib, 8), 4);
	assert_int_equal(sib[0], 4436);
	assert_int_equal(sib[1], 4565);
	assert_int_equal(sib[2], 4589);
	assert_int_equal(sib[3], 8928);
	n = pdb_net(db, 3333);
	assert_non_null(n);
	assert_string_equal(n->irr_as_set, "AS-RIPENCC");
	assert_true(pdb_has_contact(db, 6939));
	assert_false(pdb_has_contact(db, 15169));	/* no poc on the pages */
	assert_null(pdb_net(db, 64496));
	assert_false(pdb_has_contact(db, 64496));
	assert_int_equal(pdb_siblings(db, 64496, sib, 8), 0);
	pdb_free(db);
}

static void
test_shared(void **state)
{
	static const char *const ix[] = { SHARED "traixroute_PDB_ix.json" };
	size_t n = sizeof(shared_pages) / sizeof(shared_pages[0]), i;
	struct pdb_stats st;
	struct pdb *db;

	(void)state;
	for (i = 0; i < n; i++)
		if (access(shared_pages[i], R_OK) != 0) {
			printf("# skip %s not present\n", shared_pages[i]);
			return;
		}
	db = load(shared_pages, n, &st);
	assert_int_equal(st.skipped, 0);
	assert_int_equal(st.kept[PDB_NET], 503);
	assert_int_equal(st.kept[PDB_NETIXLAN], 500);
	check_against_jansson(db, shared_pages, n);
	pdb_free(db);
	/* The 2016 full ix table (another JSON writer: escaped slashes). */
	db = load(ix, 1, &st);
	assert_int_equal(st.skipped, 0);
	assert_int_equal(st.kept[PDB_IX], 557);
	check_against_jansson(db, ix, 1);
	pdb_free(db);
}

static int
read_mem(struct pdb *db, const char *text, size_t n, struct pdb_stats *st,
    char *err, size_t errlen)
{
	int fd = memfd_create("pdb-test", 0);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	return pdb_read_fd(db, fd, "mem", st, err, errlen);
}

/* A full dump: the type comes from the key, not the fields. */
static void
test_dump(void **state)
{
	static const char dump[] =
	    "{\"meta\":{\"generated\":1},"
	    "\"org\":{\"data\":[{\"id\":7,\"name\":\"Example Org\"}]},"
	    "\"net\":{\"data\":[{\"id\":1,\"org_id\":7,\"asn\":64500,"
	    "\"name\":\"A\",\"status\":\"ok\"},{\"id\":2,\"org_id\":7,"
	    "\"asn\":64501,\"name\":\"B\"},{\"id\":3,\"org_id\":7,"
	    "\"asn\":64502,\"name\":\"gone\",\"status\":\"deleted\"}],"
	    "\"meta\":{}},"
	    "\"poc\":{\"data\":[{\"id\":5,\"net_id\":1,\"role\":\"Abuse\","
	    "\"visible\":\"Users\",\"email\":\"abuse@example.net\"}]},"
	    "\"ix\":{\"data\":[{\"id\":9,\"name\":\"EX-IX\"}]},"
	    "\"netixlan\":[{\"id\":11,\"asn\":64500,\"ix_id\":9,"
	    "\"ipaddr4\":\"192.0.2.1\",\"ipaddr6\":null,\"speed\":10000}],"
	    "\"fac\":{\"data\":[{\"id\":1}]},"
	    "\"future_type\":{\"data\":[1,2]}}";
	struct pdb_stats st;
	struct pdb *db = pdb_new();
	const struct pdb_netixlan *x;
	const struct pdb_poc *p;
	char err[256];
	uint32_t sib[4];
	size_t n;

	(void)state;
	memset(&st, 0, sizeof(st));
	assert_int_equal(read_mem(db, dump, sizeof(dump) - 1, &st, err,
	    sizeof(err)), 0);
	pdb_finish(db);
	assert_int_equal(st.skipped, 0);
	assert_int_equal(st.inactive, 1);
	assert_int_equal(st.other, 1);
	assert_int_equal(st.kept[PDB_NET], 2);
	assert_null(pdb_net(db, 64502));
	assert_int_equal(pdb_siblings(db, 64500, sib, 4), 1);
	assert_int_equal(sib[0], 64501);
	p = pdb_pocs(db, 1, &n);
	assert_int_equal(n, 1);
	assert_string_equal(p->role, "Abuse");
	assert_string_equal(p->visible, "Users");
	x = pdb_netixlans(db, 64500, &n);
	assert_int_equal(n, 1);
	assert_string_equal(x->ipaddr4, "192.0.2.1");
	assert_string_equal(x->ipaddr6, "");
	assert_string_equal(pdb_ix(db, x->ix_id)->name, "EX-IX");
	assert_string_equal(pdb_org(db, 7)->name, "Example Org");
	pdb_free(db);
}

#define NET	"{\"id\":1,\"asn\":64500,\"irr_as_set\":\"\",\"name\":\"ok\"}"

static void
test_hostile_records(void **state)
{
	static const struct {
		const char	*rec;
		enum pdb_skip	 why;
		const char	*msg;
	} bad[] = {
		{ "5", PDB_SKIP_SYNTAX, "not an object" },
		{ "{\"foo\":1}", PDB_SKIP_TYPE, "no known type" },
		{ "{\"asn\":64501,\"irr_as_set\":\"\"}", PDB_SKIP_SYNTAX,
		    "no \"id\"" },
		{ "{\"id\":\"2\",\"asn\":64501,\"irr_as_set\":\"\"}",
		    PDB_SKIP_SYNTAX, "not an integer" },
		{ "{\"id\":0,\"asn\":64501,\"irr_as_set\":\"\"}",
		    PDB_SKIP_VALUE, "out of range" },
		{ "{\"id\":2,\"asn\":4294967296,\"irr_as_set\":\"\"}",
		    PDB_SKIP_VALUE, "out of range" },
		{ "{\"id\":2,\"asn\":-1,\"irr_as_set\":\"\"}",
		    PDB_SKIP_VALUE, "out of range" },
		{ "{\"id\":2,\"asn\":64501,\"irr_as_set\":5}",
		    PDB_SKIP_SYNTAX, "not a string" },
		{ "{\"id\":2,\"asn\":64501,\"irr_as_set\":\"\",\"name\":"
		    "\"a\\u0000b\"}", PDB_SKIP_STRING, "NUL" },
		{ "{\"id\":2,\"asn\":64501,\"irr_as_set\":\"\","
		    "\"info_never_via_route_servers\":1}", PDB_SKIP_SYNTAX,
		    "not a boolean" },
		{ "{\"id\":2,\"asn\":64501,\"irr_as_set\":\"\","
		    "\"status\":5}", PDB_SKIP_SYNTAX, "status" },
		{ "{\"id\":1,\"asn\":64501,\"irr_as_set\":\"\"}",
		    PDB_SKIP_DUP, "net id 1 again" },
		{ "{\"id\":2,\"asn\":64500,\"irr_as_set\":\"\"}",
		    PDB_SKIP_DUP, "second net for AS64500" },
		{ "{\"id\":3,\"ixlan_id\":1,\"asn\":1,\"ipaddr4\":"
		    "\"300.1.1.1\"}", PDB_SKIP_VALUE, "ipaddr4" },
		{ "{\"id\":3,\"ixlan_id\":1,\"asn\":1,\"ipaddr4\":"
		    "\"2001:db8::1\"}", PDB_SKIP_VALUE, "not IPv4" },
		{ "{\"id\":3,\"ixlan_id\":1,\"asn\":1,\"ipaddr6\":"
		    "\"192.0.2.1\"}", PDB_SKIP_VALUE, "not IPv6" },
		{ "{\"id\":3,\"ixlan_id\":1,\"asn\":1,\"speed\":-5}",
		    PDB_SKIP_VALUE, "speed" },
		{ "{\"id\":3,\"ixlan_id\":1,\"asn\":1,\"speed\":1.5}",
		    PDB_SKIP_SYNTAX, "speed" },
		{ "{\"id\":4,\"net_id\":1,\"role\":\"\"}", PDB_SKIP_SYNTAX,
		    "role" },
		{ "{\"id\":4,\"net_id\":1,\"role\":[]}", PDB_SKIP_SYNTAX,
		    "role" },
	};
	char text[512], err[256];
	struct pdb_stats st;
	struct pdb *db;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int n = snprintf(text, sizeof(text), "{\"data\":[" NET
		    ",\n%s,{\"id\":9,\"asn\":64509,\"info_type\":\"NSP\"}]}",
		    bad[i].rec);

		db = pdb_new();
		memset(&st, 0, sizeof(st));
		assert_int_equal(read_mem(db, text, (size_t)n, &st, err,
		    sizeof(err)), 0);
		pdb_finish(db);
		if (st.skipped != 1 || st.skip[bad[i].why] != 1 ||
		    strstr(st.first, bad[i].msg) == NULL ||
		    strstr(st.first, "mem: data[1] (byte 59)") == NULL)
			fail_msg("case %zu: skipped %llu, first '%s'", i,
			    (unsigned long long)st.skipped, st.first);
		assert_non_null(pdb_net(db, 64500));
		assert_non_null(pdb_net(db, 64509));
		pdb_free(db);
	}
}

static void
test_hostile_files(void **state)
{
	static const struct {
		const char	*text;
		const char	*msg;
	} bad[] = {
		{ "", "not an object" },
		{ "[1,2]", "not an object" },
		{ "{\"data\":5}", "not an array" },
		{ "{\"data\":[" NET, "expected ','" },
		{ "{\"data\":[" NET "]", "expected ','" },
		{ "{\"data\":[]} x", "data after" },
		{ "{\"data\":[{\"id\":}]}", "JSON error" },
		{ "{\"meta\":{}}", "no \"data\"" },
		{ "{data:[]}", "expected a key" },
		{ "\x1f\x8b\x08\x00garbage", "gzip" },
	};
	struct pdb_stats st;
	struct pdb *db;
	char err[256], *big;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		db = pdb_new();
		memset(&st, 0, sizeof(st));
		err[0] = '\0';
		if (read_mem(db, bad[i].text, strlen(bad[i].text), &st, err,
		    sizeof(err)) != -1 || strstr(err, bad[i].msg) == NULL ||
		    strncmp(err, "mem: ", 5) != 0)
			fail_msg("case %zu: '%s'", i, err);
		pdb_finish(db);
		pdb_free(db);
	}
	/* One record over MAX_PDB_RECORD stops the file with a message;
	 * the record before it stays. */
	n = MAX_PDB_RECORD + 100;
	big = malloc(n + 200);
	assert_non_null(big);
	i = (size_t)snprintf(big, 200, "{\"data\":[" NET ",{\"id\":2,"
	    "\"asn\":64501,\"irr_as_set\":\"\",\"notes\":\"");
	memset(big + i, 'x', n);
	memcpy(big + i + n, "\"}]}", 4);
	db = pdb_new();
	memset(&st, 0, sizeof(st));
	assert_int_equal(read_mem(db, big, i + n + 4, &st, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "longer than"));
	pdb_finish(db);
	assert_non_null(pdb_net(db, 64500));
	pdb_free(db);
	free(big);
	db = pdb_new();
	assert_int_equal(pdb_read(db, "/nonexistent", &st, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "/nonexistent"));
	pdb_finish(db);
	assert_null(pdb_net(db, 1));
	/* Reading into a finished model is refused, not a crash. */
	assert_int_equal(read_mem(db, "{\"data\":[]}", 11, &st, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "after pdb_finish"));
	pdb_free(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_shared),
		cmocka_unit_test(test_dump),
		cmocka_unit_test(test_hostile_records),
		cmocka_unit_test(test_hostile_files),
	};

	log_verbose = -1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
