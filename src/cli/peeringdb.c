/*
 * manrs peeringdb: what PeeringDB says about a network: name, org,
 * irr_as_set, policy, contacts (MANRS action 3), IX ports and siblings.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "base/outbuf.h"
#include "base/xmalloc.h"
#include "cli.h"
#include "formats/peeringdb.h"
#include "net/asn.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs peeringdb [--json] [--strict] [-v] ASN FILE...\n"
	    "\n"
	    "Prints what PeeringDB says about the network ASN (65000 or\n"
	    "AS65000): its name, organisation, IRR as-set, type and peering\n"
	    "policy; its contacts (role, visibility, name, e-mail, phone),\n"
	    "which MANRS action 3 (coordination) asks for; its IX ports\n"
	    "(IX, IPv4 and IPv6 address, speed); and its siblings, the other\n"
	    "networks of the same organisation.\n"
	    "\n"
	    "Each FILE is PeeringDB API JSON: a page of one object type\n"
	    "({\"data\":[...]}, as /api/net, /api/poc... return) or a full dump\n"
	    "with every type ({\"net\":{\"data\":[...]},\"org\":...}), plain or\n"
	    "compressed.  The net, org, poc, ix and netixlan objects are used;\n"
	    "other types are passed over.  Give every file that holds a part:\n"
	    "the contacts and IX ports are found through the net record.\n"
	    "\n"
	    "  --json    one JSON object\n"
	    "  --strict  exit 1 if any record was skipped\n"
	    "  -v        say more on stderr (counts per type; twice: every\n"
	    "            skipped record)\n"
	    "\n"
	    "Malformed records are skipped, counted and reported on stderr.\n"
	    "Exit status: 0 on success (also when the ASN is not in the\n"
	    "files: the output says so), 1 on unreadable input (or skipped\n"
	    "records with --strict), 2 on a usage error.\n");
}

static void
put_str(struct outbuf *ob, const char *key, const char *v, bool first)
{
	ob_str(ob, first ? "\"" : ",\"");
	ob_str(ob, key);
	ob_str(ob, "\":");
	ob_json_str(ob, v, strlen(v));
}

static void
put_num(struct outbuf *ob, const char *key, uint64_t v)
{
	ob_str(ob, ",\"");
	ob_str(ob, key);
	ob_str(ob, "\":");
	ob_u64(ob, v);
}

static void
json_out(struct outbuf *ob, const struct pdb *db, uint32_t asn)
{
	const struct pdb_net *n = pdb_net(db, asn);
	const struct pdb_org *o;
	const struct pdb_poc *pc;
	const struct pdb_netixlan *x;
	size_t np = 0, nx, ns, i;
	uint32_t *sib;

	ob_str(ob, "{\"asn\":");
	ob_u32(ob, asn);
	if (n == NULL) {
		ob_str(ob, ",\"found\":false}\n");
		return;
	}
	ob_str(ob, ",\"found\":true,\"net\":{\"id\":");
	ob_u32(ob, n->id);
	put_str(ob, "name", n->name, false);
	put_str(ob, "aka", n->aka, false);
	put_str(ob, "irr_as_set", n->irr_as_set, false);
	put_str(ob, "info_type", n->info_type, false);
	put_str(ob, "info_scope", n->info_scope, false);
	put_num(ob, "info_prefixes4", n->info_prefixes4);
	put_num(ob, "info_prefixes6", n->info_prefixes6);
	put_str(ob, "policy_general", n->policy_general, false);
	put_str(ob, "policy_url", n->policy_url, false);
	put_str(ob, "website", n->website, false);
	ob_str(ob, "},\"org\":");
	if ((o = pdb_org(db, n->org_id)) != NULL) {
		ob_str(ob, "{\"id\":");
		ob_u32(ob, o->id);
		put_str(ob, "name", o->name, false);
		put_str(ob, "country", o->country, false);
		ob_char(ob, '}');
	} else if (n->org_id != 0) {
		ob_str(ob, "{\"id\":");
		ob_u32(ob, n->org_id);
		ob_char(ob, '}');
	} else
		ob_str(ob, "null");
	pc = pdb_pocs(db, n->id, &np);
	ob_str(ob, ",\"contacts\":[");
	for (i = 0; i < np; i++) {
		ob_str(ob, i > 0 ? ",{" : "{");
		put_str(ob, "role", pc[i].role, true);
		put_str(ob, "visible", pc[i].visible, false);
		put_str(ob, "name", pc[i].name, false);
		put_str(ob, "email", pc[i].email, false);
		put_str(ob, "phone", pc[i].phone, false);
		ob_char(ob, '}');
	}
	ob_str(ob, "],\"has_contact\":");
	ob_str(ob, pdb_has_contact(db, asn) ? "true" : "false");
	x = pdb_netixlans(db, asn, &nx);
	ob_str(ob, ",\"ixes\":[");
	for (i = 0; i < nx; i++) {
		const struct pdb_ix *ix = pdb_ix(db, x[i].ix_id);

		ob_str(ob, i > 0 ? ",{\"ix_id\":" : "{\"ix_id\":");
		ob_u32(ob, x[i].ix_id);
		put_str(ob, "name", ix != NULL && ix->name[0] != '\0' ?
		    ix->name : x[i].name, false);
		put_str(ob, "ipaddr4", x[i].ipaddr4, false);
		put_str(ob, "ipaddr6", x[i].ipaddr6, false);
		put_num(ob, "speed", x[i].speed);
		ob_str(ob, ",\"is_rs_peer\":");
		ob_str(ob, x[i].is_rs_peer ? "true}" : "false}");
	}
	ns = pdb_siblings(db, asn, NULL, 0);
	sib = xreallocarray(NULL, ns + 1, sizeof(*sib));
	(void)pdb_siblings(db, asn, sib, ns);
	ob_str(ob, "],\"siblings\":[");
	for (i = 0; i < ns; i++) {
		if (i > 0)
			ob_char(ob, ',');
		ob_u32(ob, sib[i]);
	}
	ob_str(ob, "]}\n");
	free(sib);
}

static void
line(struct outbuf *ob, const char *label, const char *v)
{
	if (v[0] == '\0')
		return;
	ob_str(ob, "  ");
	ob_str(ob, label);
	ob_str(ob, v);
	ob_char(ob, '\n');
}

static void
text_out(struct outbuf *ob, const struct pdb *db, uint32_t asn)
{
	const struct pdb_net *n = pdb_net(db, asn);
	const struct pdb_org *o;
	const struct pdb_poc *pc;
	const struct pdb_netixlan *x;
	size_t np = 0, nx, ns, i;
	uint32_t *sib;

	ob_str(ob, "AS");
	ob_u32(ob, asn);
	if (n == NULL) {
		ob_str(ob, ": not in the PeeringDB data given\n");
		return;
	}
	ob_str(ob, "  ");
	ob_str(ob, n->name);
	ob_str(ob, "\n  net id:     ");
	ob_u32(ob, n->id);
	ob_str(ob, "\n  org:        ");
	if ((o = pdb_org(db, n->org_id)) != NULL) {
		ob_u32(ob, o->id);
		ob_char(ob, ' ');
		ob_str(ob, o->name);
		if (o->country[0] != '\0') {
			ob_str(ob, " (");
			ob_str(ob, o->country);
			ob_char(ob, ')');
		}
	} else if (n->org_id != 0) {
		ob_u32(ob, n->org_id);
		ob_str(ob, " (org record not given)");
	} else
		ob_str(ob, "none");
	ob_char(ob, '\n');
	line(ob, "irr_as_set: ", n->irr_as_set);
	line(ob, "type:       ", n->info_type);
	line(ob, "scope:      ", n->info_scope);
	line(ob, "policy:     ", n->policy_general);
	line(ob, "policy url: ", n->policy_url);
	pc = pdb_pocs(db, n->id, &np);
	ob_str(ob, "  contacts (");
	ob_u64(ob, np);
	ob_str(ob, np > 0 ? "):\n" : ")\n");
	for (i = 0; i < np; i++) {
		ob_str(ob, "    ");
		ob_str(ob, pc[i].role);
		ob_str(ob, " [");
		ob_str(ob, pc[i].visible[0] != '\0' ? pc[i].visible : "?");
		ob_str(ob, "] ");
		ob_str(ob, pc[i].name);
		if (pc[i].email[0] != '\0') {
			ob_str(ob, " <");
			ob_str(ob, pc[i].email);
			ob_char(ob, '>');
		}
		if (pc[i].phone[0] != '\0') {
			ob_char(ob, ' ');
			ob_str(ob, pc[i].phone);
		}
		ob_char(ob, '\n');
	}
	x = pdb_netixlans(db, asn, &nx);
	ob_str(ob, "  IX ports (");
	ob_u64(ob, nx);
	ob_str(ob, nx > 0 ? "):\n" : ")\n");
	for (i = 0; i < nx; i++) {
		const struct pdb_ix *ix = pdb_ix(db, x[i].ix_id);

		ob_str(ob, "    ");
		ob_str(ob, ix != NULL && ix->name[0] != '\0' ? ix->name :
		    x[i].name);
		ob_str(ob, " (ix ");
		ob_u32(ob, x[i].ix_id);
		ob_str(ob, ") ");
		ob_str(ob, x[i].ipaddr4[0] != '\0' ? x[i].ipaddr4 : "-");
		ob_char(ob, ' ');
		ob_str(ob, x[i].ipaddr6[0] != '\0' ? x[i].ipaddr6 : "-");
		ob_char(ob, ' ');
		ob_u64(ob, x[i].speed);
		ob_str(ob, " Mbit/s");
		ob_str(ob, x[i].is_rs_peer ? " rs-peer\n" : "\n");
	}
	ns = pdb_siblings(db, asn, NULL, 0);
	sib = xreallocarray(NULL, ns + 1, sizeof(*sib));
	(void)pdb_siblings(db, asn, sib, ns);
	ob_str(ob, "  siblings (");
	ob_u64(ob, ns);
	ob_str(ob, ns > 0 ? "):" : ")");
	for (i = 0; i < ns; i++) {
		ob_char(ob, ' ');
		ob_u32(ob, sib[i]);
	}
	ob_char(ob, '\n');
	free(sib);
}

int
cmd_peeringdb(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "strict", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct outbuf out;
	struct pdb *db;
	const char *s, *why;
	bool json = false, strict = false, problems = false, failed = false;
	uint32_t asn;
	int ch, i;

	while ((ch = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (ch) {
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
	if (argc - optind < 2) {
		fprintf(stderr, "manrs peeringdb: need an ASN and a FILE\n");
		usage(stderr);
		return 2;
	}
	s = argv[optind];
	if (strncmp(s, "AS", 2) == 0 || strncmp(s, "as", 2) == 0)
		s += 2;
	if (!asn_parse(s, strlen(s), &asn, &why)) {
		fprintf(stderr, "manrs peeringdb: bad AS number '%s': %s\n",
		    argv[optind], why);
		return 2;
	}
	db = pdb_new();
	for (i = optind + 1; i < argc; i++)
		if (!pdb_read_report(db, argv[i], &problems))
			failed = true;
	pdb_finish(db);
	ob_init_fd(&out, STDOUT_FILENO, 64 * 1024);
	if (json)
		json_out(&out, db, asn);
	else
		text_out(&out, db, asn);
	ob_flush(&out);
	if (out.error) {
		log_warnx("write error on standard output");
		failed = true;
	}
	ob_free(&out);
	pdb_free(db);
	if (failed || (strict && problems))
		return 1;
	return 0;
}
