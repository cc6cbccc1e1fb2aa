/*
 * The listening socket, its accepting thread and the workers' loops
 * (accept.h).
 */
#define _GNU_SOURCE	/* accept4, pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"
#include "base/xmalloc.h"
#include "serve/accept.h"

/* Pending connections the kernel queues before accept(2). */
#define ACCEPT_BACKLOG	1024
/* Milliseconds to wait when accept(2) is out of descriptors or memory. */
#define ACCEPT_PAUSE_MS	10

/* A connection on its way from the accepting thread to a worker. */
struct handoff {
	int			 fd;
	socklen_t		 len;
	struct sockaddr_storage	 addr;
};

struct worker {
	struct acceptor		*acc;
	struct MHD_Daemon	*mhd;
	int			 pipe[2];	/* handoffs; closed: stop */
	int			 epfd;		/* the pipe and the daemon's epoll */
	atomic_uint		 conns;
	pthread_t		 thread;
	bool			 running;
};

struct acceptor {
	int			 fd;
	int			 stop[2];	/* a pipe: written to stop */
	uint16_t		 port;
	unsigned		 n, next;	/* workers; where ties start */
	struct worker		*w;
	pthread_t		 thread;
	bool			 running;
	bool			 starved;	/* out of descriptors, logged */
};

/* "host:port" or "[v6]:port", numeric, into a socket address. */
static bool
parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *sslen,
    char *err, size_t errlen)
{
	struct addrinfo hints = { 0 }, *ai = NULL;
	char host[256];
	const char *port, *end;
	size_t hl;
	int e;

	if (s[0] == '[') {
		if ((end = strchr(s, ']')) == NULL || end[1] != ':')
			goto bad;
		hl = (size_t)(end - s - 1);
		s++;
		port = end + 2;
	} else {
		if ((end = strrchr(s, ':')) == NULL)
			goto bad;
		hl = (size_t)(end - s);
		port = end + 1;
	}
	if (hl == 0 || hl >= sizeof(host) || *port == '\0' ||
	    strspn(port, "0123456789") != strlen(port) || strlen(port) > 5 ||
	    strtol(port, NULL, 10) > 65535)
		goto bad;
	memcpy(host, s, hl);
	host[hl] = '\0';
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	hints.ai_socktype = SOCK_STREAM;
	if ((e = getaddrinfo(host, port, &hints, &ai)) != 0) {
		snprintf(err, errlen, "%s: %s", host, gai_strerror(e));
		return false;
	}
	memcpy(ss, ai->ai_addr, ai->ai_addrlen);
	*sslen = ai->ai_addrlen;
	freeaddrinfo(ai);
	return true;
bad:
	snprintf(err, errlen, "%s: expected ADDR:PORT (e.g. 127.0.0.1:8080 "
	    "or [::1]:8080; port 0 picks a free one)", s);
	return false;
}

/* A non-blocking listening socket bound to ss; -1 with errno. */
static int
listen_on(const struct sockaddr_storage *ss, socklen_t sslen)
{
	int fd, one = 1, e;

	if ((fd = socket(ss->ss_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0)) < 0)
		return -1;
	/* A restarted server may bind while old connections wait out
	 * TIME_WAIT; an IPv6 address means IPv6 only. */
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    (ss->ss_family == AF_INET6 && setsockopt(fd, IPPROTO_IPV6,
	    IPV6_V6ONLY, &one, sizeof(one)) != 0) ||
	    bind(fd, (const struct sockaddr *)ss, sslen) != 0 ||
	    listen(fd, ACCEPT_BACKLOG) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

struct acceptor *
acceptor_new(const char *listen, unsigned nworkers, char *err,
    size_t errlen)
{
	struct acceptor *a;
	struct sockaddr_storage ss;
	socklen_t sslen;
	unsigned i;
	int fd;

	if (!parse_listen(listen, &ss, &sslen, err, errlen))
		return NULL;
	if ((fd = listen_on(&ss, sslen)) < 0) {
		snprintf(err, errlen, "%s: cannot listen there: %s", listen,
		    strerror(errno));
		return NULL;
	}
	sslen = sizeof(ss);
	if (getsockname(fd, (struct sockaddr *)&ss, &sslen) != 0) {
		snprintf(err, errlen, "%s: %s", listen, strerror(errno));
		close(fd);
		return NULL;
	}
	a = xcalloc(1, sizeof(*a));
	a->fd = fd;
	a->stop[0] = a->stop[1] = -1;
	a->port = ntohs(ss.ss_family == AF_INET6 ?
	    ((struct sockaddr_in6 *)&ss)->sin6_port :
	    ((struct sockaddr_in *)&ss)->sin_port);
	a->n = nworkers;
	a->w = xcalloc(nworkers, sizeof(*a->w));
	for (i = 0; i < nworkers; i++) {
		a->w[i].acc = a;
		a->w[i].pipe[0] = a->w[i].pipe[1] = a->w[i].epfd = -1;
	}
	return a;
}

void *
acceptor_count(struct acceptor *a, unsigned i)
{
	return &a->w[i].conns;
}

unsigned
acceptor_conns(const struct acceptor *a, unsigned i)
{
	return atomic_load(&a->w[i].conns);
}

void
acceptor_notify(void *cls, struct MHD_Connection *mc, void **socket_context,
    enum MHD_ConnectionNotificationCode code)
{
	atomic_uint *conns = cls;

	(void)mc;
	(void)socket_context;
	if (code == MHD_CONNECTION_NOTIFY_STARTED)
		atomic_fetch_add(conns, 1);
	else if (code == MHD_CONNECTION_NOTIFY_CLOSED)
		atomic_fetch_sub(conns, 1);
}

/*
 * Give s to the worker with the fewest connections.  A burst of
 * connections arrives faster than the workers count them (they do when
 * they take each one up), so ties go in turn.
 */
static void
hand(struct acceptor *a, struct handoff *h)
{
	unsigned best = a->next % a->n, min = atomic_load(&a->w[best].conns);
	unsigned i, k, c;

	for (k = 1; k < a->n; k++) {
		i = (a->next + k) % a->n;
		if ((c = atomic_load(&a->w[i].conns)) < min) {
			min = c;
			best = i;
		}
	}
	a->next = best + 1;
	/* One write of less than PIPE_BUF: whole or not at all.  A worker
	 * with a full pipe is far behind: the connection is refused. */
	if (write(a->w[best].pipe[1], h, sizeof(*h)) != (ssize_t)sizeof(*h))
		close(h->fd);
}

/* Accept every connection waiting; false when accept(2) must pause. */
static bool
accept_all(struct acceptor *a)
{
	struct handoff h;

	for (;;) {
		memset(&h, 0, sizeof(h));
		h.len = sizeof(h.addr);
		h.fd = accept4(a->fd, (struct sockaddr *)&h.addr, &h.len,
		    SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (h.fd >= 0) {
			a->starved = false;
			hand(a, &h);
			continue;
		}
		if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
		    errno == ENOMEM) {
			if (!a->starved)
				log_warnx("serve: accept: %s (new connections "
				    "wait)", strerror(errno));
			a->starved = true;
			return false;
		}
		/* EAGAIN, or a client gone before accept: back to poll. */
		return true;
	}
}

static void *
accept_main(void *arg)
{
	struct acceptor *a = arg;
	struct pollfd pfd[2];
	struct timespec pause = { 0, ACCEPT_PAUSE_MS * 1000000L };

	pfd[0].fd = a->fd;
	pfd[0].events = POLLIN;
	pfd[1].fd = a->stop[0];
	pfd[1].events = POLLIN;
	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			log_warnx("serve: poll: %s", strerror(errno));
			break;
		}
		if (pfd[1].revents != 0)
			break;
		if ((pfd[0].revents & POLLIN) != 0 && !accept_all(a))
			nanosleep(&pause, NULL);
	}
	return NULL;
}

/* Take up the connections handed over; false when told to stop. */
static bool
take(struct worker *w)
{
	struct handoff h;
	ssize_t r;

	while ((r = read(w->pipe[0], &h, sizeof(h))) == (ssize_t)sizeof(h))
		/* On failure libmicrohttpd closes h.fd and logs why. */
		(void)MHD_add_connection(w->mhd, h.fd,
		    (const struct sockaddr *)&h.addr, h.len);
	return r != 0;
}

/*
 * A worker's loop: wait for the daemon's epoll set or a handoff, then let
 * the daemon do what is ready without waiting.  (libmicrohttpd's own
 * thread waits a second time, up to the idle timeout, when one wait
 * returned exactly its 128 events: with 128 connections a worker, all of
 * them stalled for seconds.)
 */
static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct epoll_event ev[2];
	MHD_UNSIGNED_LONG_LONG ms;
	int i, n, timeout;

	for (;;) {
		timeout = MHD_get_timeout(w->mhd, &ms) != MHD_YES ? -1 :
		    ms > INT_MAX ? INT_MAX : (int)ms;
		if ((n = epoll_wait(w->epfd, ev, 2, timeout)) < 0) {
			if (errno == EINTR)
				continue;
			log_warnx("serve: epoll_wait: %s", strerror(errno));
			return NULL;
		}
		for (i = 0; i < n; i++)
			if (ev[i].data.ptr == w && !take(w))
				return NULL;
		MHD_run(w->mhd);
	}
}

static bool
worker_start(struct worker *w, struct MHD_Daemon *mhd, char *err,
    size_t errlen)
{
	const union MHD_DaemonInfo *di;
	struct epoll_event ev = { 0 };

	w->mhd = mhd;
	if ((di = MHD_get_daemon_info(mhd, MHD_DAEMON_INFO_EPOLL_FD)) == NULL ||
	    pipe2(w->pipe, O_CLOEXEC | O_NONBLOCK) != 0 ||
	    (w->epfd = epoll_create1(EPOLL_CLOEXEC)) < 0) {
		snprintf(err, errlen, "worker: %s", strerror(errno));
		return false;
	}
	ev.events = EPOLLIN;
	ev.data.ptr = w;
	if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->pipe[0], &ev) != 0) {
		snprintf(err, errlen, "worker: epoll_ctl: %s", strerror(errno));
		return false;
	}
	ev.data.ptr = NULL;
	if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, di->epoll_fd, &ev) != 0) {
		snprintf(err, errlen, "worker: epoll_ctl: %s", strerror(errno));
		return false;
	}
	if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
		snprintf(err, errlen, "cannot start a worker thread");
		return false;
	}
	w->running = true;
	return true;
}

bool
acceptor_run(struct acceptor *a, struct MHD_Daemon *const *daemons,
    char *err, size_t errlen)
{
	unsigned i;

	for (i = 0; i < a->n; i++)
		if (!worker_start(&a->w[i], daemons[i], err, errlen))
			return false;
	if (pipe2(a->stop, O_CLOEXEC) != 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return false;
	}
	if (pthread_create(&a->thread, NULL, accept_main, a) != 0) {
		snprintf(err, errlen, "cannot start the accepting thread");
		return false;
	}
	a->running = true;
	return true;
}

uint16_t
acceptor_port(const struct acceptor *a)
{
	return a->port;
}

static void
close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

void
acceptor_free(struct acceptor *a)
{
	struct handoff h;
	unsigned i;

	if (a == NULL)
		return;
	if (a->running) {
		if (write(a->stop[1], "x", 1) != 1)
			log_warnx("serve: cannot stop accepting: %s",
			    strerror(errno));
		else
			pthread_join(a->thread, NULL);
	}
	close_fd(&a->stop[0]);
	close_fd(&a->stop[1]);
	close_fd(&a->fd);
	for (i = 0; i < a->n; i++) {
		/* A closed pipe stops the worker (take sees its end). */
		close_fd(&a->w[i].pipe[1]);
		if (a->w[i].running)
			pthread_join(a->w[i].thread, NULL);
		/* Connections handed over but not taken up. */
		while (a->w[i].pipe[0] >= 0 && read(a->w[i].pipe[0], &h,
		    sizeof(h)) == (ssize_t)sizeof(h))
			close(h.fd);
		close_fd(&a->w[i].pipe[0]);
		close_fd(&a->w[i].epfd);
	}
	free(a->w);
	free(a);
}
