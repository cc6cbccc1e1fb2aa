/*
 * manrs rpki vrps: the VRPs of every ROA under a directory of signed
 * objects, each checked on its own (CMS signature against its EE
 * certificate, EE validity at a given time, ROA prefixes inside the EE
 * resources), so old repository snapshots can feed the ROA history.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/limits.h"
#include "base/log.h"
#include "base/outbuf.h"
#include "base/xmalloc.h"
#include "cli.h"
#include "formats/der.h"
#include "formats/rpki_obj.h"
#include "formats/vrp.h"

/* Rejections shown per reason without -v. */
#define SHOW_REJECTS	10

enum rej {
	REJ_UNREADABLE, REJ_MALFORMED, REJ_SIGNATURE, REJ_EXPIRED,
	REJ_NOT_YET, REJ_RESOURCES, REJ_MAX
};

static const char *const rej_str[REJ_MAX] = {
	[REJ_UNREADABLE] = "unreadable",
	[REJ_MALFORMED] = "malformed",
	[REJ_SIGNATURE] = "bad signature",
	[REJ_EXPIRED] = "expired at TIME",
	[REJ_NOT_YET] = "not yet valid at TIME",
	[REJ_RESOURCES] = "prefix outside the EE certificate's resources",
};

struct walk {
	char		**paths;
	size_t		  npaths, cap;
	uint64_t	  skipped;	/* not *.roa, or not a regular file */
	bool		  truncated;
};

struct run {
	int64_t		 at;
	struct vrp	*vrps;
	size_t		 nvrps, cap;
	char		*tas[MAX_VRP_TAS];
	unsigned	 ntas;
	uint64_t	 read, valid, rej[REJ_MAX];
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs rpki vrps [--at TIME] [--csv | --json] [--strict] [-v]\n"
	    "                       DIR\n"
	    "\n"
	    "Extract the Validated ROA Payloads of every ROA (files named\n"
	    "*.roa) under DIR, a directory of RPKI signed objects such as an\n"
	    "rcynic or rpki-client cache.  Each ROA is checked on its own:\n"
	    "\n"
	    "  - it decodes (CMS SignedData, RFC 9582 eContent);\n"
	    "  - its CMS signature verifies with the key of the EE certificate\n"
	    "    it carries;\n"
	    "  - that EE certificate is valid at TIME (notBefore <= TIME <=\n"
	    "    notAfter);\n"
	    "  - every prefix is inside the EE certificate's IP resources.\n"
	    "\n"
	    "FULL CHAIN VALIDATION IS NOT DONE: the EE certificate is not\n"
	    "chained to a trust anchor, CRLs and manifests are not consulted,\n"
	    "and resources are not checked against the issuers.  That stays\n"
	    "rpki-client's job; use this for old snapshots whose chain can no\n"
	    "longer be validated, e.g. to feed the ROA history.\n"
	    "\n"
	    "Output (standard output), sorted and without duplicates:\n"
	    "  --csv   (default) ASN,IP Prefix,Max Length,Trust Anchor lines,\n"
	    "          the trust anchor column being the first directory under\n"
	    "          DIR (the repository host in an rcynic tree)\n"
	    "  --json  rpki-client style {\"metadata\":{..},\"roas\":[..]}\n"
	    "Both are read by manrs rov --vrps and manrs roa-history build\n"
	    "(as one day's snapshot: FILE@DAY).\n"
	    "\n"
	    "  --at TIME  validation time: YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ or\n"
	    "             seconds since the epoch (default: now)\n"
	    "  --strict   exit 1 if any ROA was rejected\n"
	    "  -v         list every rejected ROA (default: the first %d of\n"
	    "             each reason), then the counts\n"
	    "\n"
	    "The counts of ROAs read, valid and rejected by reason (bad\n"
	    "signature, expired, not yet valid, malformed, resources) go to\n"
	    "standard error.  Exit status: 0 on success, 1 when DIR could not\n"
	    "be read (or a ROA was rejected, with --strict), 2 on a usage\n"
	    "error.\n", SHOW_REJECTS);
}

static bool
parse_at(const char *s, int64_t *out)
{
	char g[16];
	const char *why;
	size_t n = strlen(s), i;
	int64_t v = 0;

	if (n > 0 && n <= 12 && strspn(s, "0123456789") == n) {
		for (i = 0; i < n; i++)
			v = v * 10 + (s[i] - '0');
		*out = v;
		return true;
	}
	/* YYYY-MM-DD[THH:MM:SSZ] into GeneralizedTime's YYYYMMDDHHMMSSZ. */
	if ((n != 10 && n != 20) || s[4] != '-' || s[7] != '-')
		return false;
	memcpy(g, s, 4);
	memcpy(g + 4, s + 5, 2);
	memcpy(g + 6, s + 8, 2);
	if (n == 10)
		memcpy(g + 8, "000000Z", 7);
	else {
		if (s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
		    s[19] != 'Z')
			return false;
		memcpy(g + 8, s + 11, 2);
		memcpy(g + 10, s + 14, 2);
		memcpy(g + 12, s + 17, 3);
	}
	return der_gentime(cur_make(g, 15), out, &why);
}

static bool
is_roa_name(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".roa") == 0;
}

/* Collect the *.roa files under dir; false if dir itself is unreadable. */
static bool
walk(struct walk *w, const char *dir, unsigned depth)
{
	struct dirent *de;
	DIR *d;

	if (depth > MAX_RPKI_DIR_DEPTH) {
		log_warnx("%s: deeper than %u directories, not read", dir,
		    MAX_RPKI_DIR_DEPTH);
		return true;
	}
	if ((d = opendir(dir)) == NULL) {
		log_warnx("%s: %s", dir, strerror(errno));
		return depth > 0;
	}
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		size_t n;
		char *p;

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		n = strlen(dir) + strlen(de->d_name) + 2;
		p = xmalloc(n);
		snprintf(p, n, "%s/%s", dir, de->d_name);
		/* Symbolic links are not followed: no loops, no escapes. */
		if (lstat(p, &st) == -1) {
			log_warnx("%s: %s", p, strerror(errno));
			free(p);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			(void)walk(w, p, depth + 1);
			free(p);
			continue;
		}
		if (!S_ISREG(st.st_mode) || !is_roa_name(de->d_name)) {
			w->skipped++;
			free(p);
			continue;
		}
		if (w->npaths >= MAX_RPKI_FILES) {
			w->truncated = true;
			free(p);
			continue;
		}
		if (w->npaths == w->cap) {
			w->cap = w->cap ? w->cap * 2 : 1024;
			w->paths = xreallocarray(w->paths, w->cap,
			    sizeof(*w->paths));
		}
		w->paths[w->npaths++] = p;
	}
	closedir(d);
	return true;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The trust anchor column: the first path component below dir. */
static uint8_t
ta_of(struct run *r, const char *dir, const char *path)
{
	const char *s = path + strlen(dir), *e;
	unsigned i;
	size_t n;

	while (*s == '/')
		s++;
	if ((e = strchr(s, '/')) == NULL)
		return 0;
	n = (size_t)(e - s);
	for (i = 1; i < r->ntas; i++)
		if (strlen(r->tas[i]) == n && memcmp(r->tas[i], s, n) == 0)
			return (uint8_t)i;
	if (r->ntas >= MAX_VRP_TAS)
		return 0;
	r->tas[r->ntas] = xmalloc(n + 1);
	memcpy(r->tas[r->ntas], s, n);
	r->tas[r->ntas][n] = '\0';
	return (uint8_t)r->ntas++;
}

static void
reject(struct run *r, const char *path, enum rej why, const char *detail)
{
	r->rej[why]++;
	if (r->rej[why] <= SHOW_REJECTS || log_verbose > 0)
		log_warnx("%s: %s: %s", path, rej_str[why], detail);
}

/* Does the certificate inherit its addresses of this family? */
static bool
ee_inherits(const struct rpki_cert *c, unsigned afi)
{
	size_t i;

	for (i = 0; i < c->nres; i++)
		if (c->res[i].type == RES_IP_INHERIT && c->res[i].min.afi == afi)
			return true;
	return false;
}

static void
one_roa(struct run *r, const char *dir, const char *path)
{
	struct rpki_obj o;
	char err[256], t[32];
	uint8_t *buf, ta;
	size_t len, i;

	r->read++;
	if (!rpki_file_read(path, &buf, &len, err, sizeof(err))) {
		reject(r, path, REJ_UNREADABLE, err);
		return;
	}
	if (!rpki_obj_parse(buf, len, &o, err, sizeof(err))) {
		free(buf);
		reject(r, path, REJ_MALFORMED, err);
		return;
	}
	free(buf);
	if (o.kind != RPKI_OBJ_SIGNED || o.roa == NULL) {
		snprintf(err, sizeof(err), "not a ROA but a %s",
		    o.kind == RPKI_OBJ_CERT ? "certificate" : o.kind ==
		    RPKI_OBJ_CRL ? "CRL" : sigobj_type_str(o.so.type));
		reject(r, path, REJ_MALFORMED, err);
		goto out;
	}
	if (o.so.ee.kind != CERT_EE) {
		reject(r, path, REJ_MALFORMED, "signer is not an EE "
		    "certificate (RFC 6488 3)");
		goto out;
	}
	if (!o.so.sig_ok) {
		reject(r, path, REJ_SIGNATURE, o.so.sig_err);
		goto out;
	}
	if (r->at < o.so.ee.not_before) {
		rpki_time_fmt(o.so.ee.not_before, t, sizeof(t));
		snprintf(err, sizeof(err), "EE notBefore %s", t);
		reject(r, path, REJ_NOT_YET, err);
		goto out;
	}
	if (r->at > o.so.ee.not_after) {
		rpki_time_fmt(o.so.ee.not_after, t, sizeof(t));
		snprintf(err, sizeof(err), "EE notAfter %s", t);
		reject(r, path, REJ_EXPIRED, err);
		goto out;
	}
	for (i = 0; i < o.roa->nips; i++) {
		if (!cert_holds_prefix(&o.so.ee, &o.roa->ips[i].pfx)) {
			char p[PREFIX_STRLEN];

			prefix_fmt(&o.roa->ips[i].pfx, p);
			snprintf(err, sizeof(err), "%s not in the EE "
			    "certificate's IP resources%s (RFC 9582 4)", p,
			    ee_inherits(&o.so.ee, o.roa->ips[i].pfx.afi) ?
			    ", which it inherits from its issuer" : "");
			reject(r, path, REJ_RESOURCES, err);
			goto out;
		}
	}
	r->valid++;
	ta = ta_of(r, dir, path);
	for (i = 0; i < o.roa->nips; i++) {
		struct vrp *v;

		if (r->nvrps >= MAX_VRPS) {
			log_warnx("%s: more than MAX_VRPS VRPs, rest dropped",
			    path);
			break;
		}
		if (r->nvrps == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 4096;
			r->vrps = xreallocarray(r->vrps, r->cap,
			    sizeof(*r->vrps));
		}
		v = &r->vrps[r->nvrps++];
		memset(v, 0, sizeof(*v));
		v->pfx = o.roa->ips[i].pfx;
		v->maxlen = o.roa->ips[i].maxlen;
		v->asn = o.roa->asid;
		v->ta = ta;
	}
out:
	rpki_obj_clear(&o);
}

static int
cmp_vrp(const void *a, const void *b)
{
	const struct vrp *x = a, *y = b;
	int c = prefix_cmp(&x->pfx, &y->pfx);

	if (c != 0)
		return c;
	if (x->maxlen != y->maxlen)
		return x->maxlen < y->maxlen ? -1 : 1;
	if (x->asn != y->asn)
		return x->asn < y->asn ? -1 : 1;
	return x->ta < y->ta ? -1 : x->ta > y->ta;
}

static void
output(struct run *r, bool json)
{
	struct outbuf ob;
	char buf[PREFIX_STRLEN];
	size_t i, n = 0;

	qsort(r->vrps, r->nvrps, sizeof(*r->vrps), cmp_vrp);
	for (i = 0; i < r->nvrps; i++)
		if (n == 0 || cmp_vrp(&r->vrps[n - 1], &r->vrps[i]) != 0)
			r->vrps[n++] = r->vrps[i];
	log_info("%zu VRPs, %zu distinct", r->nvrps, n);
	r->nvrps = n;
	ob_init_fd(&ob, STDOUT_FILENO, 1024 * 1024);
	if (json) {
		ob_str(&ob, "{\"metadata\":{\"generator\":\"manrs rpki vrps\","
		    "\"validation_time\":");
		ob_u64(&ob, (uint64_t)(r->at < 0 ? 0 : r->at));
		ob_str(&ob, ",\"roas_read\":");
		ob_u64(&ob, r->read);
		ob_str(&ob, ",\"roas_valid\":");
		ob_u64(&ob, r->valid);
		ob_str(&ob, ",\"vrps\":");
		ob_u64(&ob, n);
		ob_str(&ob, "},\"roas\":[");
	} else
		ob_str(&ob, "ASN,IP Prefix,Max Length,Trust Anchor\n");
	for (i = 0; i < n; i++) {
		const struct vrp *v = &r->vrps[i];
		const char *ta = v->ta ? r->tas[v->ta] : "";

		prefix_fmt(&v->pfx, buf);
		if (json) {
			ob_str(&ob, i ? ",\n{\"asn\":" : "\n{\"asn\":");
			ob_u32(&ob, v->asn);
			ob_str(&ob, ",\"prefix\":");
			ob_json_str(&ob, buf, strlen(buf));
			ob_str(&ob, ",\"maxLength\":");
			ob_u32(&ob, v->maxlen);
			ob_str(&ob, ",\"ta\":");
			ob_json_str(&ob, ta, strlen(ta));
			ob_char(&ob, '}');
			continue;
		}
		ob_str(&ob, "AS");
		ob_u32(&ob, v->asn);
		ob_char(&ob, ',');
		ob_str(&ob, buf);
		ob_char(&ob, ',');
		ob_u32(&ob, v->maxlen);
		ob_char(&ob, ',');
		/* Directory names with a comma or quote would break CSV. */
		ob_str(&ob, strpbrk(ta, ",\"\n\r") == NULL ? ta : "");
		ob_char(&ob, '\n');
	}
	if (json)
		ob_str(&ob, "\n]}\n");
	if (!ob_flush(&ob))
		log_warnx("write error on standard output");
	ob_free(&ob);
}

int
rpki_vrps(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "csv", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "strict", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct walk w;
	struct run r;
	bool json = false, strict = false, ok;
	uint64_t rejected = 0;
	char t[32];
	size_t i;
	int ch;

	memset(&w, 0, sizeof(w));
	memset(&r, 0, sizeof(r));
	r.at = (int64_t)time(NULL);
	r.tas[0] = NULL;
	r.ntas = 1;
	while ((ch = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			if (!parse_at(optarg, &r.at)) {
				fprintf(stderr, "manrs rpki vrps: bad --at "
				    "'%s'\n", optarg);
				return 2;
			}
			break;
		case 'c':
			json = false;
			break;
		case 'j':
			json = true;
			break;
		case 's':
			strict = true;
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
	if (argc - optind != 1) {
		fprintf(stderr, "manrs rpki vrps: give one DIR\n");
		usage(stderr);
		return 2;
	}
	ok = walk(&w, argv[optind], 0);
	if (w.truncated)
		log_warnx("%s: more than %u ROA files, the rest not read",
		    argv[optind], MAX_RPKI_FILES);
	qsort(w.paths, w.npaths, sizeof(*w.paths), cmp_str);
	for (i = 0; i < w.npaths; i++) {
		one_roa(&r, argv[optind], w.paths[i]);
		free(w.paths[i]);
	}
	free(w.paths);
	output(&r, json);
	rpki_time_fmt(r.at, t, sizeof(t));
	for (i = 0; i < REJ_MAX; i++)
		rejected += r.rej[i];
	fprintf(stderr, "manrs: %s at %s: %llu ROAs read, %llu valid, %llu "
	    "rejected, %zu VRPs; %llu other files skipped\n", argv[optind], t,
	    (unsigned long long)r.read, (unsigned long long)r.valid,
	    (unsigned long long)rejected, r.nvrps,
	    (unsigned long long)w.skipped);
	for (i = 0; i < REJ_MAX; i++)
		if (r.rej[i] > 0)
			fprintf(stderr, "manrs:   rejected, %s: %llu\n",
			    rej_str[i], (unsigned long long)r.rej[i]);
	for (i = 1; i < r.ntas; i++)
		free(r.tas[i]);
	free(r.vrps);
	if (!ok || (strict && rejected > 0))
		return 1;
	return 0;
}
