/*
 * RTR client on RTRlib: rtr_mgr with one group of one TCP socket.  The
 * live set (rtr_set.h) is filled and emptied by RTRlib's pfx_table update
 * callback.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rtrlib/rtrlib.h>

#include "base/limits.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "rtr.h"
#include "rtr_set.h"

/* RTRlib's timers (seconds): a refresh is a Serial Query; notifies from
 * the cache come through at once whatever it is. */
#define RTR_REFRESH_S	60
#define RTR_EXPIRE_S	7200
#define RTR_RETRY_S	5
#define RTR_CONNECT_S	5
#define RTR_POLL_MS	20

struct rtr_client {
	char			*host, *port;
	struct tr_socket	 tr;
	struct rtr_socket	 sock;
	struct rtr_socket	*socks[1];
	struct rtr_mgr_group	*groups;	/* one; rtr_mgr_init copies it */
	struct rtr_mgr_config	*conf;
	/* Under lock: */
	struct rtr_set		 set;
	bool			 deltas, unreachable;
	enum rtr_socket_state	 last_state;
	rtr_delta_fn		 fn;
	void			*arg;
};

/* RTRlib's update callback has no argument: the one running client. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct rtr_client *active;

/*
 * Debian's RTRlib is built with its debug messages on, written to
 * stderr: while a client runs, file descriptor 2 goes to /dev/null
 * (unless -vv) and our own messages to a copy of it.
 */
static FILE *log_copy;

static void
quiet_rtrlib(void)
{
	int fd, nul;

	if (log_verbose >= 2 || log_copy != NULL)
		return;
	fflush(stderr);
	if ((fd = dup(STDERR_FILENO)) == -1)
		return;
	if ((nul = open("/dev/null", O_WRONLY | O_CLOEXEC)) == -1 ||
	    (log_copy = fdopen(fd, "w")) == NULL) {
		if (nul != -1)
			close(nul);
		close(fd);
		return;
	}
	log_set_stream(log_copy);
	dup2(nul, STDERR_FILENO);
	close(nul);
}

static void
loud_again(void)
{
	if (log_copy == NULL)
		return;
	fflush(stderr);
	dup2(fileno(log_copy), STDERR_FILENO);
	log_set_stream(NULL);
	fclose(log_copy);
	log_copy = NULL;
}

static void
from_record(const struct pfx_record *r, struct vrp *v)
{
	unsigned i;

	memset(v, 0, sizeof(*v));
	v->asn = r->asn;
	v->maxlen = r->max_len;
	v->pfx.len = r->min_len;
	if (r->prefix.ver == LRTR_IPV4) {
		uint32_t a = r->prefix.u.addr4.addr;

		v->pfx.afi = AFI_IPV4;
		for (i = 0; i < 4; i++)
			v->pfx.b[i] = (uint8_t)(a >> (24 - 8 * i));
	} else {
		v->pfx.afi = AFI_IPV6;
		for (i = 0; i < 16; i++)
			v->pfx.b[i] = (uint8_t)(r->prefix.u.addr6.addr[i / 4] >>
			    (24 - 8 * (i % 4)));
	}
	prefix_mask(&v->pfx);
}

static void
on_update(struct pfx_table *t, const struct pfx_record rec, const bool added)
{
	struct rtr_client *c;
	struct vrp v;
	bool changed;

	(void)t;
	from_record(&rec, &v);
	pthread_mutex_lock(&lock);
	if ((c = active) != NULL) {
		changed = added ? rtr_set_add(&c->set, &v) :
		    rtr_set_remove(&c->set, &v);
		if (changed && c->deltas && c->fn != NULL)
			c->fn(c->arg, &v, added);
	}
	pthread_mutex_unlock(&lock);
}

static void
on_status(const struct rtr_mgr_group *g, enum rtr_mgr_status st,
    const struct rtr_socket *s, void *arg)
{
	struct rtr_client *c = arg;

	(void)g;
	pthread_mutex_lock(&lock);
	if (s != NULL) {
		c->last_state = s->state;
		if (st == RTR_MGR_ERROR && (s->state == RTR_ERROR_TRANSPORT ||
		    s->state == RTR_ERROR_FATAL))
			c->unreachable = true;
	}
	pthread_mutex_unlock(&lock);
	log_debug("rtr: %s, socket %s", rtr_mgr_status_to_str(st),
	    s != NULL ? rtr_state_to_str(s->state) : "-");
}

struct rtr_client *
rtr_client_start(const char *host, const char *port, rtr_delta_fn fn,
    void *arg, char err[RTR_ERRMSG])
{
	struct rtr_client *c;
	struct tr_tcp_config tcp;

	if (host == NULL || *host == '\0' || port == NULL || *port == '\0') {
		snprintf(err, RTR_ERRMSG, "no host or port");
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->host = xstrdup(host);
	c->port = xstrdup(port);
	c->fn = fn;
	c->arg = arg;
	c->last_state = RTR_CLOSED;
	pthread_mutex_lock(&lock);
	if (active != NULL) {
		pthread_mutex_unlock(&lock);
		snprintf(err, RTR_ERRMSG, "an RTR client runs already");
		goto fail;
	}
	active = c;
	pthread_mutex_unlock(&lock);
	quiet_rtrlib();

	memset(&tcp, 0, sizeof(tcp));
	tcp.host = c->host;
	tcp.port = c->port;
	tcp.connect_timeout = RTR_CONNECT_S;
	if (tr_tcp_init(&tcp, &c->tr) != TR_SUCCESS) {
		snprintf(err, RTR_ERRMSG, "%s:%s: RTRlib cannot set up TCP",
		    host, port);
		goto detach;
	}
	c->sock.tr_socket = &c->tr;
	c->socks[0] = &c->sock;
	c->groups = xcalloc(1, sizeof(*c->groups));
	c->groups[0].sockets = c->socks;
	c->groups[0].sockets_len = 1;
	c->groups[0].preference = 1;
	if (rtr_mgr_init(&c->conf, c->groups, 1, RTR_REFRESH_S, RTR_EXPIRE_S,
	    RTR_RETRY_S, on_update, NULL, on_status, c) != RTR_SUCCESS) {
		c->tr.free_fp(&c->tr);	/* tr_free() is not public */
		snprintf(err, RTR_ERRMSG, "%s:%s: RTRlib cannot start", host,
		    port);
		goto detach;
	}
	if (rtr_mgr_start(c->conf) != RTR_SUCCESS) {
		snprintf(err, RTR_ERRMSG, "%s:%s: RTRlib cannot start its "
		    "thread", host, port);
		rtr_client_stop(c);
		return NULL;
	}
	return c;
detach:
	loud_again();
	pthread_mutex_lock(&lock);
	active = NULL;
	pthread_mutex_unlock(&lock);
fail:
	free(c->groups);
	free(c->host);
	free(c->port);
	free(c);
	return NULL;
}

int
rtr_client_wait_sync(struct rtr_client *c, unsigned timeout_ms,
    char err[RTR_ERRMSG])
{
	const struct timespec nap = { 0, RTR_POLL_MS * 1000000L };
	unsigned waited = 0;
	enum rtr_socket_state st;
	bool down;

	for (;;) {
		if (rtr_mgr_conf_in_sync(c->conf))
			return 0;
		pthread_mutex_lock(&lock);
		down = c->unreachable;
		st = c->last_state;
		pthread_mutex_unlock(&lock);
		if (down) {
			snprintf(err, RTR_ERRMSG, "%s:%s: cannot reach the RTR "
			    "cache (connection failed or closed)", c->host,
			    c->port);
			return -1;
		}
		if (waited >= timeout_ms) {
			snprintf(err, RTR_ERRMSG, "%s:%s: no complete VRP set "
			    "from the RTR cache within %u ms (last state: %s)",
			    c->host, c->port, timeout_ms, rtr_state_to_str(st));
			return -1;
		}
		nanosleep(&nap, NULL);
		waited += RTR_POLL_MS;
	}
}

size_t
rtr_client_snapshot(struct rtr_client *c, struct vrp_set *out, bool deltas)
{
	size_t n;

	pthread_mutex_lock(&lock);
	n = rtr_set_export(&c->set, out);
	c->deltas = deltas;
	if (c->set.dropped > 0)
		log_warnx("%s:%s: %zu VRPs dropped over the limit of %u",
		    c->host, c->port, c->set.dropped, MAX_VRPS);
	pthread_mutex_unlock(&lock);
	return n;
}

unsigned
rtr_client_version(const struct rtr_client *c)
{
	return c->sock.version;
}

unsigned long
rtr_client_serial(const struct rtr_client *c)
{
	return (unsigned long)c->sock.serial_number;
}

static void
count_record(const struct pfx_record *r, void *arg)
{
	(void)r;
	(*(size_t *)arg)++;
}

size_t
rtr_client_rtrlib_count(struct rtr_client *c)
{
	size_t n = 0;

	rtr_mgr_for_each_ipv4_record(c->conf, count_record, &n);
	rtr_mgr_for_each_ipv6_record(c->conf, count_record, &n);
	return n;
}

void
rtr_client_stop(struct rtr_client *c)
{
	if (c == NULL)
		return;
	/* Detach first: stopping and freeing remove every record again. */
	pthread_mutex_lock(&lock);
	if (active == c)
		active = NULL;
	pthread_mutex_unlock(&lock);
	rtr_mgr_stop(c->conf);
	rtr_mgr_free(c->conf);
	loud_again();
	free(c->groups);
	rtr_set_free(&c->set);
	free(c->host);
	free(c->port);
	free(c);
}

int
rtr_fetch(const char *host, const char *port, unsigned timeout_ms,
    struct vrp_set *out, char err[RTR_ERRMSG])
{
	struct rtr_client *c = rtr_client_start(host, port, NULL, NULL, err);
	int rc;

	if (c == NULL)
		return -1;
	if ((rc = rtr_client_wait_sync(c, timeout_ms, err)) == 0)
		(void)rtr_client_snapshot(c, out, false);
	rtr_client_stop(c);
	return rc;
}

bool
rtr_split_hostport(char *s, const char **host, const char **port)
{
	char *colon;

	if (s[0] == '[') {		/* [2001:db8::1]:323 */
		char *end = strchr(s, ']');

		if (end == NULL || end[1] != ':' || end[2] == '\0' ||
		    end == s + 1)
			return false;
		*end = '\0';
		*host = s + 1;
		*port = end + 2;
		return true;
	}
	if ((colon = strrchr(s, ':')) == NULL || colon == s ||
	    colon[1] == '\0' || strchr(s, ':') != colon)
		return false;
	*colon = '\0';
	*host = s;
	*port = colon + 1;
	return true;
}
