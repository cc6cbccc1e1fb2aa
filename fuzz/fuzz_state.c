/*
 * libFuzzer target: the state file of an incremental run (`manrs observe
 * --state`), as observe_resume reads it after the list of files: the
 * header, then the timeline's and the detector's sections.  The fuzzing
 * build does not check the checksum, so inputs reach the sections; what
 * loads is fed one update and finished.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/log.h"
#include "observe/detect.h"
#include "observe/method.h"
#include "observe/state.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct detect_refs refs;
	struct method m;
	struct detector *d;
	struct cursor c;
	int64_t from, through;
	char err[256];

	log_verbose = -1;
	if (!state_check(data, size, "fuzz", &c, &from, &through, err,
	    sizeof(err)))
		return 0;
	method_defaults(&m);
	memset(&refs, 0, sizeof(refs));
	refs.method = &m;
	/* A fixed period: the file's own could be anything. */
	d = detector_load(&refs, 1427846400, 1427846400 + 30 * 86400, &c, err,
	    sizeof(err));
	if (d != NULL) {
		detector_finish(d);
		detector_free(d);
	}
	return 0;
}
