// The host layer both programs share: its headers go together (exitcodes.h
// and glyphpack.h each defined EXIT_USAGE..., so no file could include
// both), and library errors map to the exit codes the man pages document
// (rasterd(1) and glyphpack(1), EXIT STATUS).
#include "../common/check.h"

#include "exitcodes.h"
#include "fileio.h"
#include "formats/error.h"
#include "glyph/error.h"
#include "glyphpack.h"
#include "glyphpack_image.h"
#include "log.h"
#include "outset.h"
#include "packopts.h"

static void test_hostlayer_glyph_errors_match_the_man_pages(void)
{
    // 66: missing, unreadable or a folder; 65: bad input data; 70: internal
    // error (out of memory); 64: an option combination refused.
    CHECK(exit_from_glyph(GLYPH_ERR_NOT_FOUND) == 66);
    CHECK(exit_from_glyph(GLYPH_ERR_IS_DIR) == 66);
    CHECK(exit_from_glyph(GLYPH_ERR_IO) == 66);
    CHECK(exit_from_glyph(GLYPH_ERR_FONT_BROKEN) == 65);
    CHECK(exit_from_glyph(GLYPH_ERR_IMAGE_BROKEN) == 65);
    CHECK(exit_from_glyph(GLYPH_ERR_MISSING_GLYPHS) == 65);
    CHECK(exit_from_glyph(GLYPH_ERR_NOMEM) == 70);
    CHECK(exit_from_glyph(GLYPH_ERR_UNSUPPORTED) == 64);
}

static void test_hostlayer_formats_errors_match_the_man_pages(void)
{
    // 65: assets that do not fit; 73: cannot create an output; 78: bad
    // manifest (placement it asked for); 70: internal error.
    CHECK(exit_from_fmt(FMT_ERR_LINK_OVERFLOW) == 65);
    CHECK(exit_from_fmt(FMT_ERR_RANGE) == 65);
    CHECK(exit_from_fmt(FMT_ERR_SINK) == 73);
    CHECK(exit_from_fmt(FMT_ERR_LINK_OVERLAP) == 78);
    CHECK(exit_from_fmt(FMT_ERR_LINK_ALIGN) == 78);
    CHECK(exit_from_fmt(FMT_ERR_NOMEM) == 70);
}

// The dispatch between glyphpack's commands reads both option tables.
static void test_hostlayer_option_values_are_not_inputs(void)
{
    CHECK(packopts_takes_value("-o", glyphpack_image_shortopts, glyphpack_image_longopts));
    CHECK(packopts_takes_value("--preview", glyphpack_image_shortopts, glyphpack_image_longopts));
    CHECK(!packopts_takes_value("--premultiply", glyphpack_image_shortopts,
                                glyphpack_image_longopts));
    CHECK(!packopts_takes_value("--preview=x.png", glyphpack_image_shortopts,
                                glyphpack_image_longopts));
    CHECK(!packopts_takes_value("-q", glyphpack_image_shortopts, glyphpack_image_longopts));
    CHECK(!packopts_takes_value("x.png", glyphpack_image_shortopts, glyphpack_image_longopts));
}

int main(void)
{
    test_hostlayer_glyph_errors_match_the_man_pages();
    test_hostlayer_formats_errors_match_the_man_pages();
    test_hostlayer_option_values_are_not_inputs();
    return check_status();
}
