/*
 * The MANRS participants file: who takes part, in which program, with
 * which ASNs, and whom to contact.  JSON, TOML (the same keys, with
 * [[participants]] tables) or CSV (one row per organisation), documented
 * in docs/participants.md; in JSON:
 *
 *   {"version": 1,
 *    "participants": [
 *      {"organisation": "Example Networks B.V.",
 *       "program": "ISP",
 *       "asns": [64496, "AS64497"],
 *       "contacts": [{"role": "noc", "email": "noc@example.net",
 *                     "name": "NOC", "phone": "+31 20 000 0000"}],
 *       "member_since": "2019-05-01",
 *       "country": "NL", "notes": "free text"}]}
 *
 * Validation is strict and nothing is dropped in silence: an unknown or
 * repeated key, a wrong type, a bad ASN, e-mail or date, an ASN listed
 * twice (in one organisation or in two) or an organisation listed twice
 * is an error naming the file, the line where the participant starts (in
 * TOML and CSV: the line of the field) and the field.  Every error is reported; a file with any error must not be
 * used (participants_read returns 1).
 */
#ifndef MANRS_FORMATS_PARTICIPANTS_H
#define MANRS_FORMATS_PARTICIPANTS_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "io/reader.h"

enum manrs_program {
	PROG_ISP,
	PROG_CDN_CLOUD,
	PROG_IXP,
	PROG_VENDOR,
	PROG_MAX
};

enum contact_role {
	ROLE_NOC,
	ROLE_ABUSE,
	ROLE_SECURITY,
	ROLE_PEERING,
	ROLE_POLICY,
	ROLE_TECHNICAL,
	ROLE_ADMIN,
	ROLE_MAX
};

struct contact {
	const char	*email;
	const char	*name;		/* "" if not given */
	const char	*phone;		/* "" if not given */
	uint8_t		 role;		/* enum contact_role */
};

struct participant {
	const char	*org;
	const char	*country;	/* "" if not given */
	const char	*notes;		/* "" if not given */
	uint32_t	*asns;
	size_t		 nasns;
	struct contact	*contacts;
	size_t		 ncontacts;
	uint32_t	 since;		/* yyyymmdd */
	uint32_t	 line;		/* where its object starts */
	uint8_t		 program;	/* enum manrs_program */
};

struct participants {
	struct participant	*p;
	size_t			 n, cap;
	struct arena		 mem;	/* strings, ASN and contact arrays */
};

enum participants_reject {
	PART_REJ_SYNTAX,	/* JSON shape, unknown or repeated key */
	PART_REJ_FIELD,		/* missing or wrong-typed field */
	PART_REJ_VALUE,		/* bad ASN, e-mail, date, program, role */
	PART_REJ_DUPLICATE,	/* ASN or organisation listed twice */
	PART_REJ_LIMIT,
	PART_REJ_MAX
};

/* The file's format: by its name, else by its first bytes. */
enum participants_format {
	PART_GUESS,		/* '{' is JSON, "organisation," CSV, else TOML */
	PART_JSON,
	PART_TOML,
	PART_CSV
};

void	participants_init(struct participants *);
void	participants_free(struct participants *);	/* NULL-safe */
void	participants_diag_init(struct diag *, const char *name);
/*
 * Read a participants file through rd (not closed).  Returns 0 if it is
 * valid, 1 if some participant was rejected (the valid ones are kept, the
 * errors counted in *d), -1 if it could not be read at all (d->fatal).
 */
int	participants_read(struct participants *, struct reader *,
	    struct diag *);		/* PART_GUESS */
int	participants_read_as(struct participants *, struct reader *,
	    struct diag *, enum participants_format);
/* The format by the name's extension (.json, .toml, .csv), else guessed. */
int	participants_read_file(struct participants *, const char *path,
	    struct diag *);
/* .json, .toml or .csv (any case), else PART_GUESS. */
enum participants_format participants_format_of(const char *path);
/* The participant holding asn, or NULL. */
const struct participant *participants_by_asn(const struct participants *,
	    uint32_t asn);

const char	*manrs_program_name(enum manrs_program);
const char	*contact_role_name(enum contact_role);

#endif
