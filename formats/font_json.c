// JSON emitter: metrics plus each glyph's packed bitmap in lowercase hex. The
// key set is fixed (docs/font-formats.md); tests check it exactly.
#include <inttypes.h>

#include "font_kern.h"
#include "font_table.h"
#include "formats/error.h"
#include "formats/font_emit.h"

static void put_class_list(struct fmt_sink *out, const struct glyph_fontpack *pack,
                           const uint16_t *cls)
{
    const char *sep = "";
    fmt_sink_puts(out, "[");
    for (size_t i = 0; i < pack->count; i++) {
        if (cls[i] != 0) {
            fmt_sink_printf(out, "%s[%" PRIu32 ", %u]", sep, pack->glyphs[i].codepoint, cls[i]);
            sep = ", ";
        }
    }
    fmt_sink_puts(out, "]");
}

// "kerning": whole pixels, as pairs of code points or as classes, whichever
// the binary format would store (docs/font-formats.md); absent without.
static int put_kerning(const struct glyph_fontpack *pack, struct fmt_sink *out, char *why,
                       size_t why_len)
{
    struct font_kern k;
    int err = font_kern_build(&k, pack, why, why_len);
    if (err < 0 || k.kind == FONT_KERN_NONE) {
        return err;
    }
    fmt_sink_puts(out, ",\n \"kerning\": {\"unit\": 1, ");
    if (k.kind == FONT_KERN_PAIRS) {
        fmt_sink_puts(out, "\"pairs\": [");
        for (size_t i = 0; i < k.npairs; i++) {
            fmt_sink_printf(out, "%s[%" PRIu32 ", %" PRIu32 ", %d]", i > 0 ? ", " : "",
                            pack->glyphs[k.left[i]].codepoint, pack->glyphs[k.right[i]].codepoint,
                            (int)k.value[i]);
        }
        fmt_sink_puts(out, "]}");
    } else {
        fmt_sink_puts(out, "\"left_classes\": ");
        put_class_list(out, pack, k.left_class);
        fmt_sink_puts(out, ", \"right_classes\": ");
        put_class_list(out, pack, k.right_class);
        fmt_sink_puts(out, ", \"values\": [");
        for (size_t l = 0; l < k.left_count; l++) {
            fmt_sink_puts(out, l > 0 ? ", [" : "[");
            for (size_t r = 0; r < k.right_count; r++) {
                fmt_sink_printf(out, "%s%d", r > 0 ? ", " : "",
                                (int)k.values[l * k.right_count + r]);
            }
            fmt_sink_puts(out, "]");
        }
        fmt_sink_puts(out, "]}");
    }
    font_kern_finish(&k);
    return 0;
}

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
    fmt_sink_puts(out, "\n ]");
    int err = put_kerning(pack, out, why, why_len);
    if (err < 0) {
        return err;
    }
    fmt_sink_puts(out, "}\n");
    err = fmt_sink_status(out);
    if (err < 0) {
        font_why(why, why_len, "%s", fmt_strerror(err));
    }
    return err;
}
