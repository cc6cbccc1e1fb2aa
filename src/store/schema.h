/* The store's schema, as the list of migration steps. */
#ifndef MANRS_STORE_SCHEMA_H
#define MANRS_STORE_SCHEMA_H

/* store_migrations[i] takes a store from version i to i + 1. */
extern const char *const store_migrations[];
extern const int store_nmigrations;

#endif
