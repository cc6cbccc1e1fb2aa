/*
 * The listening socket of `manrs serve`, the thread that accepts on it
 * and the worker threads, each running one libmicrohttpd daemon (for
 * http.c).  Each connection goes to the worker that holds the fewest,
 * ties in turn: libmicrohttpd's own thread pool lets whichever worker
 * wakes first take a burst of new connections (160 to 96 of 256 seen
 * under wrk), and the busier worker's connections then wait longer for
 * every answer.
 */
#ifndef MANRS_SERVE_ACCEPT_H
#define MANRS_SERVE_ACCEPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <microhttpd.h>

struct acceptor;

/*
 * Bind and listen on "host:port" or "[v6]:port" (numeric; port 0 picks a
 * free one) for nworkers workers; NULL with a message in err.
 */
struct acceptor	*acceptor_new(const char *listen, unsigned nworkers,
		    char *err, size_t errlen);
/*
 * Worker i's connection count, the cls of acceptor_notify: pass both as
 * MHD_OPTION_NOTIFY_CONNECTION of worker i's daemon.
 */
void		*acceptor_count(struct acceptor *, unsigned i);
/* Worker i's open connections now. */
unsigned	 acceptor_conns(const struct acceptor *, unsigned i);
void		 acceptor_notify(void *cls, struct MHD_Connection *,
		    void **socket_context, enum MHD_ConnectionNotificationCode);
/*
 * Start a thread for each of daemons[0..nworkers-1] (started with
 * MHD_USE_EPOLL | MHD_USE_NO_LISTEN_SOCKET, without a thread of their
 * own), then accept; false with a message in err.
 */
bool		 acceptor_run(struct acceptor *, struct MHD_Daemon *const *,
		    char *err, size_t errlen);
/* The port it listens on (the chosen one for port 0). */
uint16_t	 acceptor_port(const struct acceptor *);
/*
 * Stop accepting and the workers' threads; close the socket.  The
 * daemons are the caller's to stop after.
 */
void		 acceptor_free(struct acceptor *);

#endif
