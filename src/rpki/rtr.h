/*
 * A live VRP set from an RPKI-to-Router cache (RFC 8210), kept by RTRlib
 * (rtr_mgr over a plain TCP transport) rather than a protocol stack of
 * our own.  RTRlib 0.8 (Debian's librtr) speaks RTR versions 0 and 1 and
 * has no ASPA (version 2, draft-ietf-sidrops-8210bis): this client
 * offers version 1 and falls back to 0 when the cache asks for it; the
 * router keys RTRlib also receives are not kept.
 *
 * RTRlib reports every VRP added or removed through one callback without
 * a user argument, so only one client may run in a process at a time
 * (rtr_client_start() refuses a second).  The set is updated on RTRlib's
 * thread, under a lock; the functions below may be called from any
 * thread.
 */
#ifndef MANRS_RPKI_RTR_H
#define MANRS_RPKI_RTR_H

#include <stdbool.h>
#include <stddef.h>

#include "formats/vrp.h"

#define RTR_ERRMSG	256

struct rtr_client;

/*
 * Called for every change after rtr_client_snapshot(..., true): the VRP
 * and whether it was announced (true) or withdrawn.  Runs on RTRlib's
 * thread with the client's lock held: it must not call the client back.
 */
typedef void	(*rtr_delta_fn)(void *arg, const struct vrp *, bool announce);

/*
 * Connect to host:port in the background.  Returns NULL, with the reason
 * in err, if the arguments are bad, another client runs, or RTRlib
 * cannot start.
 */
struct rtr_client	*rtr_client_start(const char *host, const char *port,
			    rtr_delta_fn, void *arg, char err[RTR_ERRMSG]);
/*
 * Wait up to timeout_ms for the first complete set.  Returns 0 when it
 * is there, -1 on timeout or when the cache cannot be reached (a
 * transport error before the first sync), with the reason in err.
 */
int		 rtr_client_wait_sync(struct rtr_client *, unsigned timeout_ms,
		    char err[RTR_ERRMSG]);
/*
 * Copy the current set into *out (sorted by family, prefix, length,
 * maxLength, AS; ta 0), and from then on pass every change to the delta
 * function if deltas is true.  Returns the number of VRPs copied.
 */
size_t		 rtr_client_snapshot(struct rtr_client *, struct vrp_set *out,
		    bool deltas);
/* The RTR protocol version in use (0 or 1) and the cache's serial. */
unsigned	 rtr_client_version(const struct rtr_client *);
unsigned long	 rtr_client_serial(const struct rtr_client *);
/*
 * VRPs RTRlib holds by its own count, to check the set against: the two
 * must agree when no update is under way.
 */
size_t		 rtr_client_rtrlib_count(struct rtr_client *);
/* Stop, disconnect and free; NULL-safe. */
void		 rtr_client_stop(struct rtr_client *);

/* Connect, wait for the first complete set, add it to *out, disconnect. */
int		 rtr_fetch(const char *host, const char *port,
		    unsigned timeout_ms, struct vrp_set *out,
		    char err[RTR_ERRMSG]);
/*
 * Split "HOST:PORT" or "[IPV6]:PORT" in place; false if it is neither
 * (a bare IPv6 address without brackets is refused: its port is
 * ambiguous).
 */
bool		 rtr_split_hostport(char *s, const char **host,
		    const char **port);

#endif
