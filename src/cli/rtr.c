/*
 * manrs rtr: fetch the VRP set from an RPKI-to-Router cache (RFC 8210)
 * and print it, or follow its changes.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pthread.h>

#include "base/log.h"
#include "base/outbuf.h"
#include "cli.h"
#include "rpki/rtr.h"

#define DEFAULT_TIMEOUT_S	30
#define MAX_TIMEOUT_S		3600

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs rtr HOST PORT [--dump FILE] [--json] [--watch]\n"
	    "                 [--timeout SECONDS] [-v]\n"
	    "\n"
	    "Connects to an RPKI-to-Router cache (RFC 8210: StayRTR, Routinator,\n"
	    "...) over plain TCP, waits for the first complete VRP set and\n"
	    "prints it as CSV\n"
	    "\n"
	    "    ASN,IP Prefix,Max Length\n"
	    "    AS13335,1.0.0.0/24,24\n"
	    "\n"
	    "sorted by prefix, which `manrs rov --vrps` reads back.  The RTR\n"
	    "protocol comes from RTRlib 0.8: versions 1 and 0, no ASPA (version 2).\n"
	    "\n"
	    "  --dump FILE      write the set to FILE (through FILE.tmp, renamed\n"
	    "                   when complete) instead of standard output\n"
	    "  --json           StayRTR/gortr JSON ({\"roas\":[{\"asn\":\"AS13335\",\n"
	    "                   \"prefix\":..,\"maxLength\":..}]}) instead of CSV;\n"
	    "                   with --watch, deltas as JSON lines too\n"
	    "  --watch          after the set, stay connected and print every\n"
	    "                   change as it arrives, one a line:\n"
	    "                       announce AS13335,1.0.0.0/24,24\n"
	    "                       withdraw AS13335,1.0.0.0/24,24\n"
	    "                   until interrupted (SIGINT or SIGTERM: exit 0)\n"
	    "  --timeout SECS   wait at most this long for the first set\n"
	    "                   (default %d)\n"
	    "  -v               say more on stderr (twice: RTRlib's states)\n"
	    "\n"
	    "Exit status: 0 on success, 1 if the cache cannot be reached or sends\n"
	    "no complete set in time, or the output cannot be written, 2 on a\n"
	    "usage error.\n", DEFAULT_TIMEOUT_S);
}

static bool json;

static void
put_vrp(struct outbuf *ob, const struct vrp *v)
{
	char buf[PREFIX_STRLEN];
	size_t n = prefix_fmt(&v->pfx, buf);

	if (json) {
		ob_str(ob, "{\"asn\":\"AS");
		ob_u32(ob, v->asn);
		ob_str(ob, "\",\"prefix\":");
		ob_json_str(ob, buf, n);
		ob_str(ob, ",\"maxLength\":");
		ob_u32(ob, v->maxlen);
		ob_char(ob, '}');
		return;
	}
	ob_str(ob, "AS");
	ob_u32(ob, v->asn);
	ob_char(ob, ',');
	ob_write(ob, buf, n);
	ob_char(ob, ',');
	ob_u32(ob, v->maxlen);
}

/* Delta lines go out one by one, at once: a reader follows them live. */
static struct outbuf delta_out;

static void
on_delta(void *arg, const struct vrp *v, bool announce)
{
	(void)arg;
	if (json) {
		ob_str(&delta_out, announce ? "{\"type\":\"announce\",\"vrp\":" :
		    "{\"type\":\"withdraw\",\"vrp\":");
		put_vrp(&delta_out, v);
		ob_str(&delta_out, "}\n");
	} else {
		ob_str(&delta_out, announce ? "announce " : "withdraw ");
		put_vrp(&delta_out, v);
		ob_char(&delta_out, '\n');
	}
	ob_flush(&delta_out);
}

/* Write the set to fd; false on a write error. */
static bool
write_set(int fd, const struct vrp_set *set, struct rtr_client *c)
{
	struct outbuf ob;
	size_t i;
	bool ok;

	ob_init_fd(&ob, fd, 1024 * 1024);
	if (json) {
		ob_str(&ob, "{\"metadata\":{\"vrps\":");
		ob_u64(&ob, set->nvrps);
		ob_str(&ob, ",\"serial\":");
		ob_u64(&ob, rtr_client_serial(c));
		ob_str(&ob, ",\"rtr_version\":");
		ob_u32(&ob, rtr_client_version(c));
		ob_str(&ob, "},\n\"roas\":[\n");
	} else
		ob_str(&ob, "ASN,IP Prefix,Max Length\n");
	for (i = 0; i < set->nvrps; i++) {
		put_vrp(&ob, &set->vrps[i]);
		ob_str(&ob, json && i + 1 < set->nvrps ? ",\n" : "\n");
	}
	if (json)
		ob_str(&ob, "]}\n");
	ob_flush(&ob);
	ok = !ob.error;
	ob_free(&ob);
	return ok;
}

static bool
dump_file(const char *path, const struct vrp_set *set, struct rtr_client *c)
{
	char tmp[4096];
	int fd;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp)) {
		log_warnx("%s: name too long", path);
		return false;
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) == -1) {
		log_warnx("%s: %s", tmp, strerror(errno));
		return false;
	}
	if (!write_set(fd, set, c) || fsync(fd) == -1) {
		log_warnx("%s: write error", tmp);
		close(fd);
		unlink(tmp);
		return false;
	}
	if (close(fd) == -1 || rename(tmp, path) == -1) {
		log_warnx("%s: %s", path, strerror(errno));
		unlink(tmp);
		return false;
	}
	return true;
}

static int
parse_timeout(const char *s, unsigned *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 1 ||
	    v > MAX_TIMEOUT_S)
		return -1;
	*out = (unsigned)v;
	return 0;
}

int
cmd_rtr(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dump", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "watch", no_argument, NULL, 'w' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char err[RTR_ERRMSG];
	const char *dump = NULL;
	struct rtr_client *c;
	struct vrp_set set;
	unsigned timeout = DEFAULT_TIMEOUT_S;
	sigset_t sigs;
	bool watch = false, ok;
	size_t n, theirs;
	int ch, sig;

	json = false;
	while ((ch = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			dump = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 'w':
			watch = true;
			break;
		case 't':
			if (parse_timeout(optarg, &timeout) != 0) {
				fprintf(stderr, "manrs rtr: bad --timeout '%s' "
				    "(1 to %d seconds)\n", optarg,
				    MAX_TIMEOUT_S);
				return 2;
			}
			break;
		case 'v':
			log_verbose++;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "manrs rtr: expected HOST and PORT\n");
		usage(stderr);
		return 2;
	}

	/* RTRlib's threads inherit this mask: the signals come to sigwait. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	if (watch)
		pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	ob_init_fd(&delta_out, STDOUT_FILENO, 4096);
	if ((c = rtr_client_start(argv[optind], argv[optind + 1], on_delta,
	    NULL, err)) == NULL) {
		log_warnx("%s", err);
		ob_free(&delta_out);
		return 1;
	}
	if (rtr_client_wait_sync(c, timeout * 1000u, err) != 0) {
		log_warnx("%s", err);
		rtr_client_stop(c);
		ob_free(&delta_out);
		return 1;
	}
	vrp_set_init(&set);
	n = rtr_client_snapshot(c, &set, watch);
	theirs = rtr_client_rtrlib_count(c);
	log_info("%s:%s: %zu VRPs, serial %lu, RTR version %u", argv[optind],
	    argv[optind + 1], n, rtr_client_serial(c), rtr_client_version(c));
	if (theirs != n && !watch)
		log_warnx("%s:%s: %zu VRPs kept but RTRlib holds %zu",
		    argv[optind], argv[optind + 1], n, theirs);
	ok = dump != NULL ? dump_file(dump, &set, c) :
	    write_set(STDOUT_FILENO, &set, c);
	vrp_set_free(&set);
	if (!ok) {
		if (dump == NULL)
			log_warnx("write error on standard output");
		rtr_client_stop(c);
		ob_free(&delta_out);
		return 1;
	}
	if (watch) {
		while (sigwait(&sigs, &sig) != 0)
			;
		log_info("signal %d: stopping", sig);
	}
	rtr_client_stop(c);
	ok = !delta_out.error;
	ob_free(&delta_out);
	return ok ? 0 : 1;
}
