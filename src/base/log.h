/* Diagnostics to stderr, prefixed with the program name. */
#ifndef MANRS_BASE_LOG_H
#define MANRS_BASE_LOG_H

#include <stdio.h>

extern int log_verbose;		/* -1 silent, 0 warnings, 1 info, 2 debug */

void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));

/*
 * Write to fp instead of stderr (NULL: stderr again), for while a library
 * that talks on stderr has it pointed elsewhere.
 */
void	log_set_stream(FILE *);

#endif
