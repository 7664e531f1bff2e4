// The one mapping from library errors to exit codes; see exitcodes.h.
#include "exitcodes.h"

#include "formats/error.h"
#include "glyph/error.h"

int exit_from_glyph(int err)
{
    switch (err) {
    case GLYPH_ERR_NOT_FOUND:
    case GLYPH_ERR_IS_DIR:
    case GLYPH_ERR_IO:
        return EXIT_NOINPUT;
    case GLYPH_ERR_NOMEM:
    case GLYPH_ERR_PNG_WRITE:
    case GLYPH_ERR_INVALID_ARG: // the programs check options before calling
        return EXIT_SOFTWARE;
    case GLYPH_ERR_UNSUPPORTED:
        return EXIT_USAGE;
    default:
        return EXIT_DATAERR;
    }
}

int exit_from_fmt(int err)
{
    switch (err) {
    case FMT_ERR_NOMEM:
    case FMT_ERR_SIGN:
        return EXIT_SOFTWARE;
    case FMT_ERR_SINK:
        return EXIT_CANTCREAT;
    case FMT_ERR_LINK_ASSET:
    case FMT_ERR_LINK_ALIGN:
    case FMT_ERR_LINK_OVERLAP:
        return EXIT_CONFIG;
    default:
        return EXIT_DATAERR;
    }
}
