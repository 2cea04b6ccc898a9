/* libpq, PostgreSQL's own C client library (Debian libpq-dev). */
#include <libpq-fe.h>
