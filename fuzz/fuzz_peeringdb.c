/*
 * libFuzzer target: PeeringDB API JSON as `manrs peeringdb` reads it
 * (through the reader, so compression magic picks a decompressor), then
 * every query for the networks kept, with the model's invariants checked:
 * a net is found by its ASN, contacts and ports belong to it, siblings
 * share its org and never include it.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/log.h"
#include "formats/peeringdb.h"
#include "fuzz_memfd.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t asns[] = { 1, 2, 64500, 64501, 6939, 3333 };
	struct pdb_stats st;
	struct pdb *db;
	char err[256];
	size_t i, j, n;
	int fd = fuzz_memfd(data, size);

	log_verbose = -1;	/* warnings about bad input are expected */
	if (fd < 0)
		return 0;
	db = pdb_new();
	memset(&st, 0, sizeof(st));
	(void)pdb_read_fd(db, fd, "fuzz", &st, err, sizeof(err));
	pdb_finish(db);
	for (i = 0; i < sizeof(asns) / sizeof(asns[0]); i++) {
		const struct pdb_net *net = pdb_net(db, asns[i]);
		const struct pdb_netixlan *x = pdb_netixlans(db, asns[i], &n);
		uint32_t sib[8];

		for (j = 0; j < n; j++)
			if (x[j].asn != asns[i] || x[j].name == NULL)
				__builtin_trap();
		n = pdb_siblings(db, asns[i], sib, 8);
		for (j = 0; j < n && j < 8; j++) {
			const struct pdb_net *s = pdb_net(db, sib[j]);

			if (sib[j] == asns[i] || s == NULL || net == NULL ||
			    s->org_id != net->org_id)
				__builtin_trap();
		}
		if (net != NULL) {
			const struct pdb_poc *p;

			if (net->asn != asns[i])
				__builtin_trap();
			p = pdb_pocs(db, net->id, &n);
			for (j = 0; j < n; j++)
				if (p[j].net_id != net->id ||
				    strlen(p[j].email) > 1024)
					__builtin_trap();
			(void)pdb_org(db, net->org_id);
		}
	}
	pdb_free(db);
	return 0;
}
