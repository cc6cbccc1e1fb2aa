/* The commands of the manrs CLI, one file each. */
#ifndef MANRS_CLI_CLI_H
#define MANRS_CLI_CLI_H

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
int	cmd_roa_history(int, char **);
/* roa-history build, called by cmd_roa_history. */
int	cmd_roa_history_build(int, char **);

/* The store path: the --db option, else $MANRS_DB, else manrs.db. */
const char *cli_db_path(const char *opt);

#endif
