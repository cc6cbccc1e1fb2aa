/*
 * Participants in the store: who takes part, with which ASNs.  Primary
 * data, entered from a participants file (docs/participants.md): an
 * import adds and updates organisations by name, and never drops an
 * organisation or an ASN unless asked to (replace), saying what it drops.
 * An ASN that moves to another organisation is said too.
 */
#ifndef MANRS_STORE_PARTICIPANTS_H
#define MANRS_STORE_PARTICIPANTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct participant;
struct participants;

struct part_import_stats {
	uint64_t	added, updated, unchanged;	/* organisations */
	uint64_t	asns_added, asns_moved;
	uint64_t	orgs_kept, asns_kept;	/* not in the file, kept */
	uint64_t	orgs_dropped, asns_dropped;	/* not in it, replaced */
};

/* Told one line per noteworthy change ("AS64500 moves from A to B"). */
typedef void part_note_fn(void *ctx, const char *msg);

/*
 * Upsert every participant of ps by organisation, in one transaction.
 * Organisations and ASNs the store holds but ps does not are kept (each
 * said through note, counted in *_kept) unless replace, which deletes
 * them (each said, counted in *_dropped).  note may be NULL.
 */
bool	participants_import(struct store *, const struct participants *ps,
	    bool replace, part_note_fn *note, void *ctx,
	    struct part_import_stats *, char *err, size_t errlen);

/* One stored participant, for listing. */
struct stored_participant {
	int64_t		 id;
	const char	*org, *program, *member_since;	/* since may be "" */
	const char	*record;	/* the entry as JSON */
	const uint32_t	*asns;		/* ascending */
	size_t		 nasns;
};

typedef void part_list_fn(void *ctx, const struct stored_participant *);

/* Every participant, by organisation name. */
bool	participants_list(struct store *, part_list_fn *fn, void *ctx,
	    char *err, size_t errlen);

/* The participant entry as the JSON the store keeps (allocated). */
char	*participant_record(const struct participant *);

#endif
