/*
 * Every resource limit that guards against hostile or broken input, in one
 * place.  A limit is chosen well above anything seen in real archives and
 * well below what would hurt the machine.
 */
#ifndef MANRS_BASE_LIMITS_H
#define MANRS_BASE_LIMITS_H

/*
 * Largest MRT record body we accept.  Real RIB records exceed 64 KiB
 * (a prefix seen by hundreds of RIS peers with long community lists); the
 * batched 2000-era RIS TABLE_DUMP records hold a few hundred entries.
 * 16 MiB is far above both and bounds the memory a bad length can claim.
 */
#define MAX_MRT_RECORD		(16u * 1024 * 1024)

/* A BGP message is at most 4096 bytes, 65535 with RFC 8654. */
#define MAX_BGP_MSG		65535u

/* Peers in one PEER_INDEX_TABLE (the count field is 16 bits). */
#define MAX_MRT_PEERS		65535u

/* Entries in one TABLE_DUMP_V2 RIB record (the count field is 16 bits). */
#define MAX_RIB_ENTRIES		65535u

/*
 * ASNs and segments kept from one AS_PATH.  An attribute is under 64 KiB,
 * so 2-byte ASNs top out near 32 k; real paths are a few dozen long.
 */
#define MAX_AS_PATH_LEN		32768u
#define MAX_AS_PATH_SEGS	1024u

/* Communities of each kind kept from one attribute set. */
#define MAX_COMMUNITIES		16384u

/* How far the MRT framing recovery scans for the next good header. */
#define MAX_MRT_RESYNC		(8u * 1024 * 1024)

/*
 * Decompressed chunk handed from the decompression thread to the parser.
 * Fuzzing builds (the libFuzzer convention macro) use small chunks: inputs
 * are at most 64 KiB, and megabyte buffers per run made the sanitizers
 * spend their time clearing memory.  Small chunks also exercise the
 * chunk-boundary paths on every input.
 */
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define IO_CHUNK_SIZE		(4u * 1024)
#else
#define IO_CHUNK_SIZE		(1u * 1024 * 1024)
#endif

/* Chunks in flight between the decompression thread and the parser. */
#define IO_CHUNKS_IN_FLIGHT	4u

/* Size of a single interned object (AS path, attribute set). */
#define MAX_INTERN_KEY		(1u * 1024 * 1024)

/* Entries in one interning table before it is flushed and started anew. */
#define MAX_INTERN_ENTRIES	(4u * 1024 * 1024)

/* Bytes held by one interning table before it is flushed. */
#define MAX_INTERN_BYTES	(32u * 1024 * 1024)

/*
 * Window a decompressor may claim (log2 bytes).  xz -9 needs 64 MiB and
 * zstd's own default cap is 2^27; a stream asking for more is refused
 * rather than allowed to take the machine's memory.
 */
#define MAX_DECODER_WINDOW_LOG	27
#define MAX_DECODER_MEMORY	(1ull << MAX_DECODER_WINDOW_LOG)

/*
 * VRP lists (rpki-client/StayRTR JSON, Routinator/RIPE CSV, rpki.net
 * scan_roas text).  The global RPKI had about 600 k VRPs in 2025 and a
 * full rpki-client JSON file is near 100 MiB: the caps leave room for
 * growth and bound what a hostile file can claim.  MAX_VRPS must stay
 * below 2^24 (the ROV trie keeps per-prefix counts in 24 bits).
 */
#define MAX_VRP_FILE		(1024ull * 1024 * 1024)
#define MAX_VRPS		(8u * 1024 * 1024)
/*
 * One top-level value or array element of VRP JSON (an ASPA with
 * MAX_ASPA_PROVIDERS providers is about 200 KiB).
 */
#define MAX_VRP_JSON_VALUE	(16u * 1024 * 1024)
/* One line of CSV or scan_roas text (a ROA may list thousands of prefixes). */
#define MAX_VRP_LINE		(1u * 1024 * 1024)
/* ASPA records in one file, and providers in one record. */
#define MAX_ASPAS		(1u * 1024 * 1024)
#define MAX_ASPA_PROVIDERS	16384u
/*
 * BGPsec router keys per VRP set (a few thousand exist), and the longest
 * SubjectPublicKeyInfo kept (a P-256 key is 91 bytes).
 */
#define MAX_ROUTER_KEYS		(1u * 1024 * 1024)
#define MAX_ROUTER_SPKI		4096u
/*
 * SLURM (RFC 8416) files are written by hand or exported from a registry
 * (DN42's is 0.7 MB with 3,312 assertions); the whole file is parsed as
 * one JSON tree, so it is capped well below what that tree could claim.
 */
#define MAX_SLURM_FILE		(16u * 1024 * 1024)
#define MAX_SLURM_ENTRIES	(256u * 1024)
/* Distinct trust anchor names kept per VRP set (more map to "unknown"). */
#define MAX_VRP_TAS		250u

/*
 * ROA history stores (src/rpki/history.h).  A century of daily snapshots,
 * and ten times the distinct VRPs and runs a year of today's RPKI makes
 * (about 1.5 M of each), bound what a store file may claim.
 */
#define MAX_HISTORY_DAYS	36600u
#define MAX_HISTORY_VRPS	(64u * 1024 * 1024)
#define MAX_HISTORY_RUNS	(256u * 1024 * 1024)
#define MAX_HISTORY_FILE	(4ull * 1024 * 1024 * 1024)

/*
 * Largest RPSL object (raw bytes, comments included) and most attributes
 * in one.  The biggest real objects are aut-nums of large transit networks
 * (AS3257: 9.5 k lines, 470 KB); 4 MiB and 65536 attributes are far above
 * them and bound what one object can claim.  A line longer than the object
 * cap is itself an oversized object.
 */
#define MAX_RPSL_OBJECT		(4u * 1024 * 1024)
#define MAX_RPSL_ATTRS		65536u

/*
 * Observatory timeline: routes one prefix may hold at once (peers × ADD-PATH
 * ids); more is hostile or broken input, counted and dropped.
 */
#define MAX_TIMELINE_ROUTES	65536u
/* Distinct AS paths and peers one timeline keeps. */
#define MAX_TIMELINE_PATHS	(256u * 1024 * 1024)
#define MAX_TIMELINE_PEERS	(1u * 1024 * 1024)

/*
 * CAIDA AS relationships.  The 2024 as-rel2 file has about 500 k links and
 * 78 k ASes; a ppdc-ases line lists a whole cone (a tier-1 cone is over
 * 50 k ASNs, about 400 KB of text), and the file's cones total some tens
 * of millions of members.  The caps bound what a hostile file can claim
 * (MAX_CONE_MEMBERS is 256 MiB of cone arrays).
 */
#define MAX_ASREL_LINKS		(16u * 1024 * 1024)
#define MAX_ASREL_LINE		(4u * 1024 * 1024)
#define MAX_CONE_MEMBERS	(64u * 1024 * 1024)
/* ASNs kept from one "# input clique:" or "# IXP ASes:" comment list. */
#define MAX_ASREL_LIST		65536u

/*
 * PeeringDB API JSON.  A full dump (all object types) was about 60 MB in
 * 2025 with some 250 k records; one record is a few KB (an ix or fac with
 * long notes).  Strings kept from a record (names, e-mail, phone, as-set)
 * are short; longer is broken input.
 */
#define MAX_PDB_RECORD		(1u * 1024 * 1024)
#define MAX_PDB_RECORDS		(16u * 1024 * 1024)
#define MAX_PDB_STRING		1024u

/*
 * IRR index and as-set expansion.  Source names are few (about 40 IRRs
 * exist); dump files per run are a handful.  MAX_IRR_ROUTES bounds the
 * route/route6 objects held (all IRRs together hold under 10 M).  The
 * expansion caps are the defaults of `manrs irr expand`: real as-sets nest
 * under 10 levels and the largest (transit cones) reach ~100 k ASNs.
 * MAX_IRR_FINDINGS bounds the findings kept per expansion (all are counted).
 */
#define MAX_IRR_SOURCES		1024u
#define MAX_IRR_FILES		65535u
#define MAX_IRR_ROUTES		(64u * 1024 * 1024)
#define MAX_IRR_SET_MEMBERS	(1u * 1024 * 1024)
#define MAX_AS_SET_DEPTH	32u
#define MAX_AS_SET_SIZE		(1u * 1024 * 1024)
#define MAX_IRR_FINDINGS	10000u

/*
 * RPKI objects (manrs rpki show/vrps).  Real certificates, ROAs and ASPAs
 * are a few KiB; the largest manifests and CRLs of big CAs are a few MiB.
 * Resources per certificate and prefixes per ROA stay in the thousands
 * (rpki-client caps both near 200 k); manifests list up to tens of
 * thousands of files.  A directory walk goes no deeper than
 * MAX_RPKI_DIR_DEPTH and reads at most MAX_RPKI_FILES objects.
 */
#define MAX_RPKI_OBJECT		(16u * 1024 * 1024)
#define MAX_RPKI_URI		2048u
#define MAX_CERT_RESOURCES	262144u
#define MAX_ROA_IPS		262144u
#define MAX_MFT_FILES		262144u
#define MAX_MFT_NAME		255u
#define MAX_RPKI_DIR_DEPTH	64u
#define MAX_RPKI_FILES		(4u * 1024 * 1024)

/*
 * Registries (src/formats/rirstats.c, iana.c, spoofer.c, participants.c).
 * A delegated-extended line is about 100 bytes and the five RIRs together
 * publish under 400 k records; IANA registry XML files are under 200 KiB.
 * The caps are far above that and bound what a hostile file can claim.
 */
#define MAX_RIR_LINE		4096u
#define MAX_RIR_RECORDS		(8u * 1024 * 1024)
#define MAX_IANA_FILE		(16u * 1024 * 1024)
#define MAX_IANA_TEXT		(64u * 1024)	/* text of one element */
#define MAX_IANA_DEPTH		32u
#define MAX_IANA_RECORDS	65536u
#define MAX_IANA_FOOTNOTES	256u
/* One bogon-list line (Team Cymru fullbogons: one CIDR per line). */
#define MAX_BOGON_LINE		1024u
#define MAX_BOGON_PREFIXES	(4u * 1024 * 1024)
/* Spoofer CSV line and records (CAIDA publishes a few hundred k sessions). */
#define MAX_SPOOFER_LINE	(64u * 1024)
#define MAX_SPOOFER_RECORDS	(16u * 1024 * 1024)
#define MAX_SPOOFER_JSON	(256u * 1024 * 1024)
/* Participants file: JSON, TOML or CSV; organisations, ASNs and contacts. */
#define MAX_PARTICIPANTS_FILE	(64u * 1024 * 1024)
#define MAX_PARTICIPANT_ASNS	65536u
#define MAX_PARTICIPANT_TEXT	1024u
/* One CSV row (RFC 4180: it may span lines), e.g. an "asns" cell. */
#define MAX_PARTICIPANTS_CSV_ROW	(1024u * 1024)
/*
 * TOML documents (src/formats/toml.c): nesting of arrays and inline tables
 * and parts of one key (each level is a jansson node freed recursively),
 * one string and one key, and all keys, elements and tables of a document
 * (each costs a jansson node and a line record, ~100 bytes: 1 Mi of them
 * is ~100 MiB, far above a participants file of thousands of entries).
 * MAX_TOML_NODES caps the participants file's JSON and CSV forms too.
 */
#define MAX_TOML_DEPTH		32u
#define MAX_TOML_STRING		(1024u * 1024)
#define MAX_TOML_KEY		1024u
#define MAX_TOML_NODES		(1024u * 1024)

/* Methodology file (method_load) and runs.method text: a few dozen short lines. */
#define MAX_METHOD_LINE		1024u
#define MAX_METHOD_FILE		(64u * 1024)
/*
 * Facts rows and incidents of one AS loaded for a scoring window
 * (src/observe/window.c): a year of days is 366 rows; an AS with a million
 * incidents in a window is a broken store, not a network.
 */
#define MAX_WINDOW_ROWS		(1u * 1024 * 1024)
/*
 * HTTP server (src/serve/).  Requests are small: the largest write is a
 * participants record.  Request line and headers share libmicrohttpd's
 * per-connection memory; answers are built in memory up to a ceiling.
 */
#define MAX_HTTP_BODY		(256u * 1024)
#define MAX_HTTP_HEADERS_MEM	(32u * 1024)
#define MAX_HTTP_PARAMS		64u
#define MAX_HTTP_RESPONSE	(64u * 1024 * 1024)
#define MAX_HTTP_CONNECTIONS	4096u
#define MAX_HTTP_THREADS	256u
/* The largest --cache-size: answers are kept in memory. */
#define MAX_HTTP_CACHE		(64ull * 1024 * 1024 * 1024)
/* Items per page of a list (the limit parameter). */
#define MAX_HTTP_PAGE		1000u
/*
 * Evidence rows `manrs observe` stores per incident (the events table):
 * the first ones by start, prefix and order, as many as a report loads
 * (src/report/model.h).  The counts and the (prefix, origin) rows stay
 * exact (incident_counts, incident_prefixes).
 */
#define EVIDENCE_SAMPLE_MAX	50u
/* One event's evidence JSON: an AS path of a 64 KiB attribute fits. */
#define MAX_EVIDENCE_JSON	(1u * 1024 * 1024)
/* ASNs of one MANRS application checked together (manrs audit). */
#define MAX_AUDIT_ASNS		256

#endif
