// FWL_VERSION (fwl/version.h, written by hand because ports compile the
// loader without meson) agrees with the project version in meson.build,
// which the build passes as PROJECT_VERSION, and its parts with the string.
#include <stdio.h>
#include <string.h>

#include "fwl/loader.h"

int main(void)
{
    char parts[32];
    snprintf(parts, sizeof parts, "%u.%u.%u", FWL_VERSION_MAJOR, FWL_VERSION_MINOR,
             FWL_VERSION_PATCH);
    int bad = 0;
    if (strcmp(FWL_VERSION_STRING, PROJECT_VERSION) != 0) {
        fprintf(stderr, "FWL_VERSION_STRING %s != project version %s\n", FWL_VERSION_STRING,
                PROJECT_VERSION);
        bad = 1;
    }
    if (strcmp(parts, FWL_VERSION_STRING) != 0) {
        fprintf(stderr, "FWL_VERSION 0x%06x reads %s, FWL_VERSION_STRING is %s\n",
                (unsigned)FWL_VERSION, parts, FWL_VERSION_STRING);
        bad = 1;
    }
#if FWL_VERSION < 0x000100u
#error "FWL_VERSION must be usable in #if"
#endif
    return bad;
}
