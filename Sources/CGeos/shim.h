/* GEOS's C API (Debian libgeos-dev), reentrant functions only: every call takes the
   context it runs in, so that two jobs never share GEOS's error state. */
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
