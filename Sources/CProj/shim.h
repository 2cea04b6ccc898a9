/* PROJ's C API (Debian libproj-dev): coordinate operations between CRSs, found in the
   proj.db database that Debian's proj-data package installs. */
#include <proj.h>
