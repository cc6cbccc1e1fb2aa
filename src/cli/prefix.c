/*
 * manrs prefix: everything known about one prefix, in the manner of IRR
 * Explorer — its origins, less and more specifics, RPKI, IRR objects per
 * source, bogon status and incidents.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "net/prefix.h"
#include "report/irr_compare.h"
#include "report/lookup.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs prefix PREFIX [--db FILE] [--data DIR] [--compare]\n"
	    "                           [--json]\n"
	    "\n"
	    "Everything known about one prefix: the origins the store saw\n"
	    "announce it (every period, newest first, with RPKI and IRR state\n"
	    "and peers), the less and more specifics announced in the newest\n"
	    "period, and the incidents whose events name it.  With --data DIR\n"
	    "also: the covering VRPs and the ROV state of each origin (the\n"
	    "newest file of DIR/rpki/), the route objects of the prefix, its\n"
	    "less and more specifics per IRR source, authoritative or not, and\n"
	    "how each origin is registered (DIR/irr/), whether it is bogon\n"
	    "space and whose region it is (DIR/rir/), and the PeeringDB names\n"
	    "of its origins (DIR/peeringdb/).  Without it those sections say\n"
	    "they need --data.  Lists stop at %d rows and give the total.\n"
	    "\n"
	    "With --compare, the IRR comparison instead: every (prefix, origin)\n"
	    "pair for the prefix, a less or a more specific of it that an IRR\n"
	    "registers (DIR/irr/) or the store's newest period saw in BGP, with\n"
	    "the IRR sources holding it, its RPKI state (DIR/rpki/) and what\n"
	    "looks wrong, as messages of level danger, warning, info or\n"
	    "success; pairs worst first.\n"
	    "\n"
	    "  --db FILE   the store (default: $MANRS_DB or manrs.db)\n"
	    "  --data DIR  reference data, laid out as for 'manrs observe'\n"
	    "  --compare   the IRR comparison (IRR Explorer's view)\n"
	    "  --json      one JSON object\n"
	    "\n"
	    "Exit status: 0 on success, 1 on a store or data error, 2 on a usage\n"
	    "error.\n", LOOKUP_MAX_ROWS);
}

static json_t *
look_prefix(struct store *s, const struct lookup_data *d, const char *arg,
    bool compare, char *err, size_t errlen)
{
	struct prefix p;
	const char *why;

	if (!prefix_parse(arg, strlen(arg), &p, &why)) {
		fprintf(stderr, "manrs prefix: %s: %s\n", arg, why);
		err[0] = '\0';
		return NULL;
	}
	if (compare)
		return irr_compare_prefix(s, d, &p, err, errlen);
	return lookup_prefix(s, d, &p, err, errlen);
}

int
cmd_prefix(int argc, char **argv)
{
	return cli_lookup(argc, argv, "prefix", usage, look_prefix);
}
