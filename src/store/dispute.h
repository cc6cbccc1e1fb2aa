/*
 * Disputes: an operator says an incident is a false positive, an auditor
 * accepts or rejects that.  Accepted incidents are left out of scoring but
 * stay visible, with the dispute's history.  Disputes are primary data:
 * they refer to incidents by their stable id, so re-runs keep them.
 */
#ifndef MANRS_STORE_DISPUTE_H
#define MANRS_STORE_DISPUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

enum dispute_status { DISPUTE_OPEN, DISPUTE_ACCEPTED, DISPUTE_REJECTED };

struct dispute {
	int64_t			id;
	char			incident[64];
	enum dispute_status	status;
	int64_t			opened, resolved;	/* resolved 0 while open */
	char			*reason, *opened_by, *resolved_by, *note;
};

/* Open a dispute on an incident that exists; one open dispute at a time. */
bool	dispute_open(struct store *, const char *incident, const char *reason,
	    const char *who, int64_t now, int64_t *id, char *err,
	    size_t errlen);
/*
 * What depends on whether an incident counts (the stored scores): called
 * inside the transaction of a change that makes an incident stop or
 * start counting; false rolls the change back.  The observatory's is
 * window_rescore_incident (observe/window.h), which this layer cannot
 * call itself.
 */
typedef bool (*dispute_hook)(struct store *, const char *incident,
	    void *ctx, char *err, size_t errlen);

/*
 * Accept or reject an open dispute.  Accepting calls hook (when not NULL)
 * so the scores follow; plain dispute_resolve leaves them as they are.
 */
bool	dispute_resolve_hook(struct store *, int64_t id, bool accept,
	    const char *note, const char *who, int64_t now, dispute_hook,
	    void *ctx, char *err, size_t errlen);
bool	dispute_resolve(struct store *, int64_t id, bool accept,
	    const char *note, const char *who, int64_t now, char *err,
	    size_t errlen);
/*
 * Open a resolved dispute again (the auditor reconsiders); when it was
 * accepted the incident counts again and hook is called.
 */
bool	dispute_reopen(struct store *, int64_t id, const char *note,
	    const char *who, int64_t now, dispute_hook, void *ctx, char *err,
	    size_t errlen);
bool	dispute_get(struct store *, int64_t id, struct dispute *);
void	dispute_free(struct dispute *);
/* Is there an accepted dispute on this incident? */
bool	dispute_accepted(struct store *, const char *incident);
const char *dispute_status_name(enum dispute_status);

#endif
