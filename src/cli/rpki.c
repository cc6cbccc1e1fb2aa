/*
 * manrs rpki: look inside RPKI repository objects.
 *
 *   manrs rpki show FILE...   one object as text or JSON
 *   manrs rpki vrps DIR       the VRPs of every ROA under a directory
 *                             (rpki_vrps.c)
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "base/log.h"
#include "base/outbuf.h"
#include "cli.h"
#include "formats/rpki_obj.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs rpki show [--json] FILE...\n"
	    "       manrs rpki vrps [options] DIR   (see manrs rpki vrps --help)\n"
	    "\n"
	    "show prints RPKI repository objects, the type told from the\n"
	    "content (DER), not the file name:\n"
	    "\n"
	    "  ROA (RFC 9582)       AS and prefixes with maxLength (the VRPs)\n"
	    "  manifest (RFC 9286)  number, thisUpdate/nextUpdate, files and\n"
	    "                       their SHA-256 hashes (base64)\n"
	    "  ASPA (profile draft) customer AS and providers (AFI limits of\n"
	    "                       the version 0 form)\n"
	    "  other signed objects the content type\n"
	    "  certificate (RFC 6487) subject, issuer, serial, SKI/AKI,\n"
	    "                       validity, AIA/SIA and RFC 3779 resources\n"
	    "  CRL                  issuer, AKI, number, validity, revocations\n"
	    "\n"
	    "For a signed object it also prints its EE certificate (the signer)\n"
	    "and whether the CMS signature verifies with that certificate's\n"
	    "key.  Nothing is chained to a trust anchor and no CRL or manifest\n"
	    "is consulted: full validation is rpki-client's job.\n"
	    "\n"
	    "  --json   one JSON object per file (NDJSON)\n"
	    "\n"
	    "Exit status: 0 when every file decoded and every signature\n"
	    "verified, 1 otherwise, 2 on a usage error.\n");
}

void
rpki_time_fmt(int64_t t, char *buf, size_t len)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "%lld", (long long)t);
}

static void
put_time(struct outbuf *ob, int64_t t, bool json)
{
	char buf[32];

	rpki_time_fmt(t, buf, sizeof(buf));
	if (json)
		ob_json_str(ob, buf, strlen(buf));
	else
		ob_str(ob, buf);
}

/* Key identifiers as rpki-client prints them: AA:BB:... */
static void
put_keyid(struct outbuf *ob, const uint8_t *id, size_t n, bool json)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t i;

	if (json)
		ob_char(ob, '"');
	for (i = 0; i < n; i++) {
		if (i > 0)
			ob_char(ob, ':');
		ob_char(ob, digits[id[i] >> 4]);
		ob_char(ob, digits[id[i] & 15]);
	}
	if (json)
		ob_char(ob, '"');
}

static void
put_b64(struct outbuf *ob, const uint8_t *p, size_t n, bool json)
{
	unsigned char buf[4 * ((MFT_HASH_LEN + 2) / 3) + 1];

	if (n > MFT_HASH_LEN)
		n = MFT_HASH_LEN;
	EVP_EncodeBlock(buf, p, (int)n);
	if (json)
		ob_json_str(ob, (const char *)buf, strlen((char *)buf));
	else
		ob_str(ob, (const char *)buf);
}

static void
put_str(struct outbuf *ob, const char *s, bool json)
{
	if (json)
		ob_json_str(ob, s, strlen(s));
	else
		ob_str(ob, s);
}

/* Text: "  label:<pad>"; JSON: ,"key": (first tells whether to comma). */
static void
key(struct outbuf *ob, bool json, bool *first, const char *jkey,
    const char *label)
{
	size_t n;

	if (json) {
		if (!*first)
			ob_char(ob, ',');
		ob_char(ob, '"');
		ob_str(ob, jkey);
		ob_str(ob, "\":");
	} else {
		ob_str(ob, label);
		ob_char(ob, ':');
		for (n = strlen(label) + 1; n < 26; n++)
			ob_char(ob, ' ');
	}
	*first = false;
}

/* A key whose value is a list: no padding in text. */
static void
key_list(struct outbuf *ob, bool json, bool *first, const char *jkey,
    const char *label)
{
	if (json)
		key(ob, json, first, jkey, label);
	else {
		ob_str(ob, label);
		ob_str(ob, ":");
		*first = false;
	}
}

/* A list value: "[" ... "]" in JSON, numbered lines in text. */
static void
list_open(struct outbuf *ob, bool json)
{
	ob_str(ob, json ? "[" : "\n");
}

static void
list_item(struct outbuf *ob, bool json, size_t i)
{
	if (json) {
		if (i > 0)
			ob_char(ob, ',');
		return;
	}
	ob_str(ob, "    ");
	ob_u64(ob, i + 1);
	ob_str(ob, ": ");
}

static void
list_close(struct outbuf *ob, bool json)
{
	if (json)
		ob_char(ob, ']');
}

static void
endl(struct outbuf *ob, bool json)
{
	if (!json)
		ob_char(ob, '\n');
}

static void
field_str(struct outbuf *ob, bool json, bool *first, const char *jkey,
    const char *label, const char *v)
{
	key(ob, json, first, jkey, label);
	put_str(ob, v, json);
	endl(ob, json);
}

static void
field_time(struct outbuf *ob, bool json, bool *first, const char *jkey,
    const char *label, int64_t t)
{
	key(ob, json, first, jkey, label);
	put_time(ob, t, json);
	endl(ob, json);
}

static void
field_u32(struct outbuf *ob, bool json, bool *first, const char *jkey,
    const char *label, uint32_t v)
{
	key(ob, json, first, jkey, label);
	ob_u32(ob, v);
	endl(ob, json);
}

static void
put_resource(struct outbuf *ob, const struct rpki_res *r, bool json)
{
	char a[PREFIX_STRLEN], b[ADDR_STRLEN];

	switch (r->type) {
	case RES_AS:
		ob_str(ob, json ? "{\"asmin\":" : "AS ");
		ob_u32(ob, r->as_min);
		if (json || r->as_max != r->as_min) {
			ob_str(ob, json ? ",\"asmax\":" : " -- ");
			ob_u32(ob, r->as_max);
		}
		if (json)
			ob_char(ob, '}');
		return;
	case RES_AS_INHERIT:
		ob_str(ob, json ? "{\"as\":\"inherit\"}" : "AS inherit");
		return;
	case RES_IP_INHERIT:
		ob_str(ob, r->min.afi == AFI_IPV4 ? json ?
		    "{\"ipv4\":\"inherit\"}" : "IPv4 inherit" : json ?
		    "{\"ipv6\":\"inherit\"}" : "IPv6 inherit");
		return;
	case RES_IP_PREFIX:
		ob_str(ob, json ? "{\"prefix\":" : "IP ");
		put_str(ob, (prefix_fmt(&r->pfx, a), a), json);
		break;
	case RES_IP_RANGE:
		addr_fmt(&r->min, a);
		addr_fmt(&r->max, b);
		if (json) {
			ob_str(ob, "{\"min\":");
			put_str(ob, a, true);
			ob_str(ob, ",\"max\":");
			put_str(ob, b, true);
		} else {
			ob_str(ob, "IP ");
			ob_str(ob, a);
			ob_str(ob, " -- ");
			ob_str(ob, b);
		}
		break;
	}
	if (json)
		ob_char(ob, '}');
}

/* A certificate's fields, as members of the enclosing JSON object. */
static void
put_cert(struct outbuf *ob, const struct rpki_cert *c, bool json,
    bool *first)
{
	const struct {
		const char *jkey, *label, *v;
	} uris[] = {
		{ "aia", "Authority info access", c->aia },
		{ "sia", "Subject info access", c->sia_obj },
		{ "manifest", "Manifest", c->sia_mft },
		{ "carepository", "caRepository", c->sia_repo },
		{ "notify_url", "Notify URL", c->sia_notify },
	};
	size_t i;

	field_str(ob, json, first, "cert_type", "Certificate type",
	    cert_kind_str(c->kind));
	field_str(ob, json, first, "subject", "Subject",
	    c->subject);
	field_str(ob, json, first, "issuer", "Issuer",
	    c->issuer);
	field_str(ob, json, first, "cert_serial", "Certificate serial",
	    c->serial);
	if (c->skilen > 0) {
		key(ob, json, first, "ski", "Subject key identifier");
		put_keyid(ob, c->ski, c->skilen, json);
		endl(ob, json);
	}
	if (c->akilen > 0) {
		key(ob, json, first, "aki", "Authority key identifier");
		put_keyid(ob, c->aki, c->akilen, json);
		endl(ob, json);
	}
	for (i = 0; i < sizeof(uris) / sizeof(uris[0]); i++) {
		if (uris[i].v == NULL)
			continue;
		field_str(ob, json, first, uris[i].jkey, uris[i].label,
		    uris[i].v);
	}
	field_time(ob, json, first, "not_before", "Not before",
	    c->not_before);
	field_time(ob, json, first, "not_after", "Not after",
	    c->not_after);
	key_list(ob, json, first, "resources", "Resources");
	list_open(ob, json);
	for (i = 0; i < c->nres; i++) {
		list_item(ob, json, i);
		put_resource(ob, &c->res[i], json);
		endl(ob, json);
	}
	list_close(ob, json);
}

static void
put_roa(struct outbuf *ob, const struct roa *r, bool json, bool *first)
{
	char buf[PREFIX_STRLEN];
	size_t i;

	field_u32(ob, json, first, "asid", "asID",
	    r->asid);
	key_list(ob, json, first, "vrps", "IP address blocks");
	list_open(ob, json);
	for (i = 0; i < r->nips; i++) {
		prefix_fmt(&r->ips[i].pfx, buf);
		list_item(ob, json, i);
		if (json) {
			ob_str(ob, "{\"prefix\":");
			put_str(ob, buf, true);
			ob_str(ob, ",\"asid\":");
			ob_u32(ob, r->asid);
			ob_str(ob, ",\"maxlen\":");
			ob_u32(ob, r->ips[i].maxlen);
			ob_char(ob, '}');
			continue;
		}
		ob_str(ob, buf);
		ob_str(ob, " maxlen: ");
		ob_u32(ob, r->ips[i].maxlen);
		ob_char(ob, '\n');
	}
	list_close(ob, json);
}

static void
put_mft(struct outbuf *ob, const struct mft *m, bool json, bool *first)
{
	size_t i;

	field_str(ob, json, first, "manifest_number", "Manifest Number",
	    m->number);
	field_time(ob, json, first, "this_update", "Manifest this update",
	    m->this_update);
	field_time(ob, json, first, "next_update", "Manifest next update",
	    m->next_update);
	key_list(ob, json, first, "filesandhashes", "Files and hashes");
	list_open(ob, json);
	for (i = 0; i < m->nfiles; i++) {
		list_item(ob, json, i);
		if (json) {
			ob_str(ob, "{\"filename\":");
			put_str(ob, m->files[i].name, true);
			ob_str(ob, ",\"hash\":");
			put_b64(ob, m->files[i].hash, MFT_HASH_LEN, true);
			ob_char(ob, '}');
			continue;
		}
		ob_str(ob, m->files[i].name);
		ob_str(ob, " hash ");
		put_b64(ob, m->files[i].hash, MFT_HASH_LEN, false);
		ob_char(ob, '\n');
	}
	list_close(ob, json);
}

static void
put_aspa(struct outbuf *ob, const struct aspa_obj *a, bool json,
    bool *first)
{
	size_t i;

	field_u32(ob, json, first, "aspa_version", "ASPA version",
	    a->version);
	field_u32(ob, json, first, "customer_asid", "Customer AS",
	    a->customer);
	key_list(ob, json, first, "provider_set", "Provider Set");
	list_open(ob, json);
	for (i = 0; i < a->nproviders; i++) {
		const struct aspa_provider *p = &a->providers[i];
		const char *afi = p->afi == AFI_IPV4 ? "ipv4" : "ipv6";

		list_item(ob, json, i);
		if (json) {
			ob_str(ob, "{\"asid\":");
			ob_u32(ob, p->asid);
			if (p->afi != 0) {
				ob_str(ob, ",\"afi_limit\":");
				put_str(ob, afi, true);
			}
			ob_char(ob, '}');
			continue;
		}
		ob_str(ob, "AS: ");
		ob_u32(ob, p->asid);
		if (p->afi != 0) {
			ob_str(ob, p->afi == AFI_IPV4 ? " (IPv4 only)" :
			    " (IPv6 only)");
		}
		ob_char(ob, '\n');
	}
	list_close(ob, json);
}

static void
put_crl(struct outbuf *ob, const struct rpki_crl *c, bool json, bool *first)
{
	size_t i;

	field_str(ob, json, first, "issuer", "Issuer",
	    c->issuer);
	if (c->akilen > 0) {
		key(ob, json, first, "aki", "Authority key identifier");
		put_keyid(ob, c->aki, c->akilen, json);
		endl(ob, json);
	}
	if (c->number != NULL) {
		field_str(ob, json, first, "crl_number", "CRL Serial Number",
		    c->number);
	}
	field_time(ob, json, first, "this_update", "CRL this update",
	    c->this_update);
	field_time(ob, json, first, "next_update", "CRL next update",
	    c->next_update);
	key_list(ob, json, first, "revoked_certs", "Revoked Certificates");
	list_open(ob, json);
	for (i = 0; i < c->nentries; i++) {
		list_item(ob, json, i);
		if (json) {
			ob_str(ob, "{\"serial\":");
			put_str(ob, c->entries[i].serial, true);
			ob_str(ob, ",\"date\":");
			put_time(ob, c->entries[i].revoked, true);
			ob_char(ob, '}');
			continue;
		}
		ob_str(ob, "Serial: ");
		ob_str(ob, c->entries[i].serial);
		ob_str(ob, " Revocation Date: ");
		put_time(ob, c->entries[i].revoked, false);
		ob_char(ob, '\n');
	}
	list_close(ob, json);
}

static const char *
obj_type(const struct rpki_obj *o)
{
	if (o->kind == RPKI_OBJ_CERT)
		return "cert";
	if (o->kind == RPKI_OBJ_CRL)
		return "crl";
	return sigobj_type_str(o->so.type);
}

static void
put_obj(struct outbuf *ob, const char *path, const struct rpki_obj *o,
    bool json)
{
	bool first = true;

	if (json)
		ob_char(ob, '{');
	field_str(ob, json, &first, "file", "File",
	    path);
	field_str(ob, json, &first, "type", "Type",
	    obj_type(o));
	if (o->kind == RPKI_OBJ_CERT)
		put_cert(ob, o->cert, json, &first);
	else if (o->kind == RPKI_OBJ_CRL)
		put_crl(ob, o->crl, json, &first);
	else {
		field_str(ob, json, &first, "content_type", "Content type",
		    o->so.content_type);
		field_str(ob, json, &first, "signature", "Signature",
		    o->so.sig_ok ? "valid" : o->so.sig_err);
		if (json) {
			ob_str(ob, ",\"signer\":{");
			first = true;
		} else
			ob_str(ob, "Signer (EE certificate):\n");
		put_cert(ob, &o->so.ee, json, &first);
		if (json)
			ob_char(ob, '}');
		first = false;
		if (o->roa != NULL)
			put_roa(ob, o->roa, json, &first);
		if (o->mft != NULL)
			put_mft(ob, o->mft, json, &first);
		if (o->aspa != NULL)
			put_aspa(ob, o->aspa, json, &first);
	}
	ob_str(ob, json ? "}\n" : "\n");
}

static int
show(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct outbuf ob;
	bool json = false;
	int ch, i, rc = 0;

	while ((ch = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			json = true;
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
	if (optind == argc) {
		fprintf(stderr, "manrs rpki show: no FILE\n");
		usage(stderr);
		return 2;
	}
	ob_init_fd(&ob, STDOUT_FILENO, 64 * 1024);
	for (i = optind; i < argc; i++) {
		struct rpki_obj o;
		char err[256];
		uint8_t *buf;
		size_t len;

		if (!rpki_file_read(argv[i], &buf, &len, err, sizeof(err))) {
			log_warnx("%s: %s", argv[i], err);
			rc = 1;
			continue;
		}
		if (!rpki_obj_parse(buf, len, &o, err, sizeof(err))) {
			log_warnx("%s: %s", argv[i], err);
			rc = 1;
		} else {
			if (o.kind == RPKI_OBJ_SIGNED && !o.so.sig_ok) {
				log_warnx("%s: %s", argv[i], o.so.sig_err);
				rc = 1;
			}
			put_obj(&ob, argv[i], &o, json);
			rpki_obj_clear(&o);
		}
		free(buf);
	}
	if (!ob_flush(&ob)) {
		log_warnx("write error on standard output");
		rc = 1;
	}
	ob_free(&ob);
	return rc;
}

int
cmd_rpki(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "show") == 0)
		return show(argc - 1, argv + 1);
	if (strcmp(argv[1], "vrps") == 0)
		return rpki_vrps(argc - 1, argv + 1);
	fprintf(stderr, "manrs rpki: unknown subcommand '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
