/*
 * libFuzzer target: the SLURM reader as `manrs rov --slurm` runs it, in
 * strict and lax mode; what is accepted is applied to a small VRP set
 * (with a router key) and the result checked for sanity.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/log.h"
#include "formats/slurm.h"
#include "fuzz_memfd.h"
#include "rpki/slurm_apply.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
one(const uint8_t *data, size_t size, unsigned flags)
{
	static uint8_t spki[] = { 0x30, 0x00 };
	struct slurm_errors err;
	struct slurm_counts c;
	struct vrp_set set;
	struct router_key k;
	struct slurm sl;
	struct vrp v;
	size_t before;
	int fd = fuzz_memfd(data, size);

	if (fd < 0)
		return;
	memset(&err, 0, sizeof(err));
	if (slurm_read_fd(fd, "fuzz", flags, &sl, &err) != 0) {
		if (sl.npfx_filters + sl.nkey_filters + sl.npfx_asserts +
		    sl.nkey_asserts != 0 || err.errors == 0)
			__builtin_trap();
		return;
	}
	vrp_set_init(&set);
	memset(&v, 0, sizeof(v));
	v.pfx.afi = AFI_IPV4;
	v.pfx.len = 8;
	v.pfx.b[0] = 10;
	v.maxlen = 24;
	v.asn = 64496;
	(void)vrp_set_add(&set, &v);
	v.pfx.afi = AFI_IPV6;
	v.pfx.b[0] = 0x20;
	(void)vrp_set_add(&set, &v);
	memset(&k, 0, sizeof(k));
	k.asn = 64496;
	k.spki = spki;
	k.spki_len = sizeof(spki);
	(void)vrp_set_add_key(&set, &k);
	before = set.nvrps;
	slurm_apply(&sl, &set, &c);
	if (set.nvrps != before - c.vrps_filtered + c.vrps_added ||
	    c.vrps_added + c.vrps_present + c.over_limit != sl.npfx_asserts ||
	    c.keys_added + c.keys_present + c.over_limit < sl.nkey_asserts)
		__builtin_trap();
	vrp_set_free(&set);
	slurm_free(&sl);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	log_verbose = -1;	/* warnings about bad input are expected */
	one(data, size, 0);
	one(data, size, SLURM_IGNORE_UNKNOWN | SLURM_SKIP_BAD);
	return 0;
}
