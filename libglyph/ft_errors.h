// libglyph private: FreeType error names and messages. Debian 12's FreeType
// is built without FT_CONFIG_OPTION_ERROR_STRINGS, so FT_Error_String()
// returns NULL; this table is built from FreeType's own error list instead.
#ifndef GLYPH_FT_ERRORS_H
#define GLYPH_FT_ERRORS_H

#include "context_internal.h"

// "Invalid_Table" for 0x08; "Unknown_Error" for codes not in the list. Module
// bits (FT_CONFIG_OPTION_USE_MODULE_ERRORS) are ignored. Never NULL.
const char *glyph_ft_error_name(int ft_err);
// "broken table" for 0x08; "unknown FreeType error" otherwise. Never NULL.
const char *glyph_ft_error_message(int ft_err);

// Logs "<what>: FreeType: Invalid_Table (0x08, broken table)" at `level`.
void glyph_ft_log(struct glyph_ctx *ctx, enum glyph_log_level level, int ft_err, const char *what);

#endif
