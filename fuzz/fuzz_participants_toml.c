/*
 * libFuzzer target: the TOML reader and the participants file read as
 * TOML and as CSV, through the reader as `manrs participants check` runs
 * them.  A document the TOML reader accepts must have a line for every
 * key and array element it holds; every participant accepted must be
 * found again by each of its ASNs.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>

#include "base/log.h"
#include "formats/participants.h"
#include "formats/toml.h"
#include "fuzz_memfd.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Every key and element under v was noted with a line. */
static void
check_lines(const struct toml_doc *d, const json_t *v)
{
	const char *k;
	json_t *e;
	size_t i;

	if (json_is_object(v)) {
		json_object_foreach((json_t *)(uintptr_t)v, k, e) {
			if (toml_key_line(d, v, k) == 0)
				__builtin_trap();
			check_lines(d, e);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, e) {
			if (toml_elem_line(d, v, i) == 0)
				__builtin_trap();
			check_lines(d, e);
		}
	}
}

static void
read_as(const uint8_t *data, size_t size, enum participants_format fmt)
{
	struct participants ps;
	struct reader *rd;
	struct diag d;
	char err[128];
	size_t i, j;
	int fd = fuzz_memfd(data, size);

	if (fd < 0 || (rd = reader_fdopen(fd, "fuzz", err, sizeof(err))) ==
	    NULL)
		return;
	participants_init(&ps);
	participants_diag_init(&d, "fuzz");
	(void)participants_read_as(&ps, rd, &d, fmt);
	reader_close(rd);
	for (i = 0; i < ps.n; i++)
		for (j = 0; j < ps.p[i].nasns; j++)
			if (participants_by_asn(&ps, ps.p[i].asns[j]) == NULL)
				__builtin_trap();
	participants_free(&ps);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct toml_doc doc;
	char err[256];

	log_verbose = -1;	/* warnings about bad input are expected */
	if (toml_parse(&doc, (const char *)data, size, err, sizeof(err)))
		check_lines(&doc, doc.root);
	toml_doc_free(&doc);
	read_as(data, size, PART_TOML);
	read_as(data, size, PART_CSV);
	return 0;
}
