#include <csv.h>

/* The byte classifiers libcsv calls for every byte it parses, written in C so that no
   call crosses into Swift per byte (they were an eighth of a wide file's ingest). */

/* Only LF ends a record (libcsv's default takes CR and LF). */
static inline int observatoire_csv_is_lf(unsigned char c) { return c == 0x0A; }
/* Only CR ends a record, in files whose lines end with CR alone. */
static inline int observatoire_csv_is_cr(unsigned char c) { return c == 0x0D; }
/* No byte is a space to trim: fields are kept as published. */
static inline int observatoire_csv_no_space(unsigned char c) { (void)c; return 0; }
