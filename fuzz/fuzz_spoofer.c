/*
 * libFuzzer target: the Spoofer session readers (CAIDA JSON and CSV,
 * both Shadowserver schemas) and the participants file reader, each run
 * on every input through the reader; the Spoofer records are summarised
 * and the participants looked up by ASN.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/log.h"
#include "formats/participants.h"
#include "formats/spoofer.h"
#include "fuzz_memfd.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct reader *
open_mem(const uint8_t *data, size_t size)
{
	char err[128];
	int fd = fuzz_memfd(data, size);

	return fd < 0 ? NULL : reader_fdopen(fd, "fuzz", err, sizeof(err));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct spoofer_set s;
	struct spoofer_asn *a;
	struct participants ps;
	struct reader *rd;
	struct diag d;
	size_t i, j, n;

	log_verbose = -1;	/* warnings about bad input are expected */
	spoofer_set_init(&s);
	if ((rd = open_mem(data, size)) != NULL) {
		spoofer_diag_init(&d, "fuzz");
		(void)spoofer_read(&s, rd, &d);
		reader_close(rd);
	}
	n = spoofer_summarize(&s, INT64_MIN, INT64_MAX, &a);
	for (i = 0; i < n; i++)
		if (a[i].spoofing_clients > a[i].sessions)
			__builtin_trap();
	free(a);
	spoofer_set_free(&s);

	participants_init(&ps);
	if ((rd = open_mem(data, size)) != NULL) {
		participants_diag_init(&d, "fuzz");
		(void)participants_read(&ps, rd, &d);
		reader_close(rd);
	}
	for (i = 0; i < ps.n; i++)
		for (j = 0; j < ps.p[i].nasns; j++)
			if (participants_by_asn(&ps, ps.p[i].asns[j]) == NULL)
				__builtin_trap();
	participants_free(&ps);
	return 0;
}
