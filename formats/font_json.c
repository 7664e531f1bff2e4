// JSON emitter: metrics plus each glyph's packed bitmap in lowercase hex. The
// key set is fixed (docs/font-formats.md); tests check it exactly.
#include <inttypes.h>

#include "font_table.h"
#include "formats/error.h"
#include "formats/font_emit.h"

int fmt_font_emit_json(const struct glyph_fontpack *pack, struct fmt_sink *out, char *why,
                       size_t why_len)
{
    const struct glyph_set_metrics *m = &pack->metrics;
    const struct glyph_pack_format *f = &pack->opts.fmt;
    fmt_sink_puts(out, "{\"font\": {\"family\": ");
    fmt_sink_json_string(out, m->family != NULL ? m->family : "");
    fmt_sink_puts(out, ", \"style\": ");
    fmt_sink_json_string(out, m->style != NULL ? m->style : "");
    fmt_sink_printf(out,
                    ", \"size_px\": %" PRIu32 ", \"ascender\": %" PRId32 ", \"descender\": %" PRId32
                    ", \"line_height\": %" PRId32
                    ", \"bpp\": %u, \"layout\": \"%s\", \"bit_order\": \"%s\"},\n",
                    m->size_px, m->ascender, m->descender, m->line_height, f->bpp,
                    font_layout_name(f->layout), font_bit_order_name(f->bit_order));
    fmt_sink_puts(out, " \"glyphs\": [");
    for (size_t i = 0; i < pack->count; i++) {
        const struct glyph_packed_glyph *g = &pack->glyphs[i];
        if (g->offset > pack->data_len || g->size > pack->data_len - g->offset) {
            font_why(why, why_len, "glyph U+%04" PRIX32 ": bitmap outside the packed data",
                     g->codepoint);
            return FMT_ERR_INVALID_ARG;
        }
        fmt_sink_printf(out,
                        "%s\n  {\"codepoint\": %" PRIu32 ", \"advance\": %" PRId32
                        ", \"left\": %" PRId32 ", \"top\": %" PRId32 ", \"width\": %" PRIu32
                        ", \"height\": %" PRIu32 ", \"bitmap\": \"",
                        i > 0 ? "," : "", g->codepoint, g->advance, g->left, g->top, g->width,
                        g->height);
        fmt_sink_hex(out, pack->data + g->offset, g->size);
        fmt_sink_puts(out, "\"}");
    }
    fmt_sink_puts(out, "\n ]}\n");
    int err = fmt_sink_status(out);
    if (err < 0) {
        font_why(why, why_len, "%s", fmt_strerror(err));
    }
    return err;
}
