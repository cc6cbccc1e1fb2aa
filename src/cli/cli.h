/* The commands of the manrs CLI, one file each. */
#ifndef MANRS_CLI_CLI_H
#define MANRS_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#define MANRS_VERSION	"0.1.0"

/* Each takes argv with argv[0] the command name; returns the exit code. */
int	cmd_asrel(int, char **);
int	cmd_irr(int, char **);
int	cmd_mrt(int, char **);
int	cmd_peeringdb(int, char **);
int	cmd_rov(int, char **);
int	cmd_rtr(int, char **);
int	cmd_db(int, char **);
int	cmd_dispute(int, char **);
int	cmd_token(int, char **);
int	cmd_observe(int, char **);
int	cmd_roa_history(int, char **);
/* roa-history build, called by cmd_roa_history. */
int	cmd_roa_history_build(int, char **);
int	cmd_rpki(int, char **);

/* The store path: the --db option, else $MANRS_DB, else manrs.db. */
const char *cli_db_path(const char *opt);
/* manrs rpki vrps (rpki_vrps.c), argv[0] "vrps". */
int	rpki_vrps(int, char **);
/* t as YYYY-MM-DDTHH:MM:SSZ (rpki.c). */
void	rpki_time_fmt(int64_t t, char *buf, size_t len);
int	cmd_bogons(int, char **);
int	cmd_participants(int, char **);
int	cmd_spoofer(int, char **);
int	cmd_report(int, char **);
int	cmd_serve(int, char **);
int	cmd_asn(int, char **);
int	cmd_prefix(int, char **);
int	cmd_feed(int, char **);

/* The store at the --db path, $MANRS_DB or manrs.db, which must exist;
 * NULL after a message naming the command. */
struct store;
struct store *cli_store_existing(const char *cmd, const char *opt);
/* An AS number, "64500" or "AS64500". */
bool	cli_asn(const char *, uint32_t *, const char **why);

/*
 * manrs asn and manrs prefix (asn.c): options, data, store, output.  look
 * answers arg, with compare set for --compare (the IRR comparison).
 */
struct lookup_data;
int	cli_lookup(int, char **, const char *cmd, void (*usage)(FILE *),
	    json_t *(*look)(struct store *, const struct lookup_data *,
	    const char *arg, bool compare, char *err, size_t errlen));
void	cli_lookup_print(FILE *, json_t *, bool json);

/* manrs bogons compare (bogons_compare.c). */
struct bogons;
int	bogons_compare(const struct bogons *, const char *const *cymru,
	    unsigned ncymru, unsigned examples);

/* Window scores from the store: conformance, audit, stats (window_out.c). */
int	cmd_conformance(int, char **);
int	cmd_audit(int, char **);
int	cmd_stats(int, char **);
struct window_src;
struct window_score;
struct json_t;
/* A whole number from 1 to max. */
bool	cli_parse_count(const char *, unsigned max, unsigned *);
/* False after saying there is no data for asn and which periods exist. */
bool	cli_asn_known(const char *cmd, struct store *, uint32_t asn);
/* Print o on one line and free it; 0, or 1 on a write error. */
int	cli_json_print(struct json_t *o);

#endif
