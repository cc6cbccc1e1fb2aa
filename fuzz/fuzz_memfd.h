/*
 * Put a fuzz input in an in-memory file, so targets can open it the way
 * the commands open files (through the reader and its decompressors).
 */
#ifndef MANRS_FUZZ_MEMFD_H
#define MANRS_FUZZ_MEMFD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

/* Returns a descriptor positioned at 0, or -1. */
static int
fuzz_memfd(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz", 0);

	if (fd < 0)
		return -1;
	if (write(fd, data, size) != (ssize_t)size ||
	    lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

#endif
