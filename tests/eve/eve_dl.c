// The display list of the EVE model: graphics state and rasterization
// (FT81x programming guide, chapter 4, "display list commands"; BT81x
// programming guide for BITMAP_EXT_FORMAT). PALETTE_SOURCE is graphics
// context state (SAVE_CONTEXT keeps it), BITMAP_EXT_FORMAT a bitmap handle
// parameter.
//
// Rendering starts from a zeroed frame and runs RAM_DL from word 0 to
// DISPLAY. BITMAPS draws, at each vertex, the current handle's drawn size
// (BITMAP_SIZE) with the texel at the same offset (identity transform,
// nearest filter). Each fragment is texel x colour (COLOR_RGB / COLOR_A)
// and is blended into the frame with BLEND_FUNC's factors (default
// SRC_ALPHA, ONE_MINUS_SRC_ALPHA) on all four channels:
//   src = (texel * colour + 127) / 255
//   out = min(255, (src * f_src + dst * f_dst + 127) / 255)
// The chip's internal rounding is not published; the tests allow one unit.
#include <stdlib.h>
#include <string.h>

#include "eve_priv.h"

enum { F_ZERO, F_ONE, F_SRC_ALPHA, F_DST_ALPHA, F_ONE_MINUS_SRC_ALPHA, F_ONE_MINUS_DST_ALPHA };

struct render {
    struct eve_model *m;
    struct eve_gc gc;
    struct eve_gc stack[4];
    unsigned depth;
    unsigned prim; // BEGIN primitive, 0 outside BEGIN/END
    int transform_set;
};

static void gc_init(struct eve_gc *gc)
{
    memset(gc, 0, sizeof *gc);
    gc->color = (struct eve_rgba){255, 255, 255, 255};
    gc->blend_src = F_SRC_ALPHA;
    gc->blend_dst = F_ONE_MINUS_SRC_ALPHA;
    gc->vertex_frac = 4;
    gc->scissor_w = gc->scissor_h = 2048;
    gc->color_mask = 15;
}

static unsigned mul(unsigned a, unsigned b)
{
    return (a * b + 127u) / 255u;
}

static unsigned factor(unsigned f, const uint8_t *src, const uint8_t *dst)
{
    switch (f) {
    case F_ONE:
        return 255;
    case F_SRC_ALPHA:
        return src[3];
    case F_DST_ALPHA:
        return dst[3];
    case F_ONE_MINUS_SRC_ALPHA:
        return 255u - src[3];
    case F_ONE_MINUS_DST_ALPHA:
        return 255u - dst[3];
    default:
        return 0;
    }
}

static int in_scissor(const struct eve_gc *gc, int32_t x, int32_t y)
{
    return x >= gc->scissor_x && y >= gc->scissor_y && x - gc->scissor_x < gc->scissor_w &&
           y - gc->scissor_y < gc->scissor_h;
}

static void blend(struct render *r, int32_t x, int32_t y, const struct eve_rgba *t)
{
    struct eve_model *m = r->m;
    if (x < 0 || y < 0 || (uint32_t)x >= m->width || (uint32_t)y >= m->height ||
        !in_scissor(&r->gc, x, y)) {
        return;
    }
    const struct eve_rgba *c = &r->gc.color;
    uint8_t src[4] = {(uint8_t)mul(t->r, c->r), (uint8_t)mul(t->g, c->g), (uint8_t)mul(t->b, c->b),
                      (uint8_t)mul(t->a, c->a)};
    uint8_t *dst = m->rgba + 4 * ((size_t)y * m->width + (size_t)x);
    unsigned fs = factor(r->gc.blend_src, src, dst), fd = factor(r->gc.blend_dst, src, dst);
    uint8_t out[4];
    for (int k = 0; k < 4; k++) {
        unsigned v = (src[k] * fs + dst[k] * fd + 127u) / 255u;
        out[k] = (uint8_t)(v > 255u ? 255u : v);
    }
    for (int k = 0; k < 4; k++) {
        if (r->gc.color_mask & (8u >> k)) {
            dst[k] = out[k];
        }
    }
}

static void draw_bitmap(struct render *r, int32_t x, int32_t y, unsigned handle, unsigned cell)
{
    struct eve_handle hc = r->m->handles[handle];
    const struct eve_handle *h = &hc;
    hc.palette = r->gc.palette_source;
    if (h->filter != 0) {
        eve_fail(r->m, "BILINEAR filtering is not modelled (handle %u)", handle);
        return;
    }
    uint32_t w = h->width != 0 ? h->width : 2048, hh = h->height != 0 ? h->height : 2048;
    for (uint32_t v = 0; v < hh; v++) {
        for (uint32_t u = 0; u < w; u++) {
            struct eve_rgba t;
            if (eve_bitmap_texel(r->m, h, cell, (int32_t)u, (int32_t)v, &t) < 0) {
                return;
            }
            blend(r, x + (int32_t)u, y + (int32_t)v, &t);
        }
    }
}

static void vertex(struct render *r, int32_t x16, int32_t y16, unsigned handle, unsigned cell)
{
    if (r->prim != PRIM_BITMAPS) {
        eve_fail(r->m, "vertex outside BEGIN(BITMAPS): primitive %u not modelled", r->prim);
        return;
    }
    if (r->transform_set) {
        eve_fail(r->m, "BITMAP_TRANSFORM other than identity is not modelled");
        return;
    }
    x16 += r->gc.translate_x;
    y16 += r->gc.translate_y;
    if ((x16 | y16) & 15) {
        eve_fail(r->m, "subpixel vertex position not modelled");
        return;
    }
    draw_bitmap(r, x16 / 16, y16 / 16, handle, cell);
}

static int32_t sign_extend(uint32_t v, unsigned bits)
{
    uint32_t s = 1u << (bits - 1);
    return (int32_t)((v ^ s) - s);
}

static void vertex2f(struct render *r, uint32_t w)
{
    int32_t x = sign_extend(w >> 15 & 0x7FFFu, 15), y = sign_extend(w & 0x7FFFu, 15);
    unsigned f = r->gc.vertex_frac;
    // To 1/16 px: shift by 4 - fraction bits.
    int32_t x16 = f <= 4 ? x * (1 << (4 - f)) : x / (1 << (f - 4));
    int32_t y16 = f <= 4 ? y * (1 << (4 - f)) : y / (1 << (f - 4));
    vertex(r, x16, y16, r->gc.handle, r->gc.cell);
}

static void clear(struct render *r, uint32_t w)
{
    struct eve_model *m = r->m;
    if (!(w & 4u)) {
        return;
    }
    for (uint32_t y = 0; y < m->height; y++) {
        for (uint32_t x = 0; x < m->width; x++) {
            if (in_scissor(&r->gc, (int32_t)x, (int32_t)y)) {
                uint8_t *p = m->rgba + 4 * ((size_t)y * m->width + x);
                const struct eve_rgba *c = &r->gc.clear;
                uint8_t v[4] = {c->r, c->g, c->b, c->a};
                for (int k = 0; k < 4; k++) {
                    if (r->gc.color_mask & (8u >> k)) {
                        p[k] = v[k];
                    }
                }
            }
        }
    }
}

static void bitmap_word(struct render *r, unsigned op, uint32_t w)
{
    struct eve_handle *h = &r->m->handles[r->gc.handle];
    switch (op) {
    case DL_BITMAP_SOURCE:
        h->source = w & 0x3FFFFFu;
        break;
    case DL_BITMAP_LAYOUT:
        h->format = w >> 19 & 31u;
        h->ext_set = 0; // BITMAP_EXT_FORMAT and _SWIZZLE count for the layout before them
        h->swizzle_set = 0;
        h->stride = (h->stride & ~1023u) | (w >> 9 & 1023u);
        h->layout_height = (h->layout_height & ~511u) | (w & 511u);
        break;
    case DL_BITMAP_LAYOUT_H:
        h->stride = (h->stride & 1023u) | (w >> 2 & 3u) << 10;
        h->layout_height = (h->layout_height & 511u) | (w & 3u) << 9;
        break;
    case DL_BITMAP_SIZE:
        h->filter = w >> 20 & 1u;
        h->wrapx = w >> 19 & 1u;
        h->wrapy = w >> 18 & 1u;
        h->width = (h->width & ~511u) | (w >> 9 & 511u);
        h->height = (h->height & ~511u) | (w & 511u);
        break;
    case DL_BITMAP_EXT_FORMAT:
        h->ext_format = w & 0xFFFFu;
        h->ext_set = 1;
        break;
    case DL_BITMAP_SWIZZLE:
        h->swizzle = w & 0xFFFu;
        h->swizzle_set = 1;
        break;
    default: // DL_BITMAP_SIZE_H
        h->width = (h->width & 511u) | (w >> 2 & 3u) << 9;
        h->height = (h->height & 511u) | (w & 3u) << 9;
        break;
    }
}

static void context_word(struct render *r, unsigned op, uint32_t w)
{
    struct eve_gc *gc = &r->gc;
    switch (op) {
    case DL_CLEAR_COLOR_RGB:
        gc->clear.r = (uint8_t)(w >> 16);
        gc->clear.g = (uint8_t)(w >> 8);
        gc->clear.b = (uint8_t)w;
        break;
    case DL_CLEAR_COLOR_A:
        gc->clear.a = (uint8_t)w;
        break;
    case DL_COLOR_RGB:
        gc->color.r = (uint8_t)(w >> 16);
        gc->color.g = (uint8_t)(w >> 8);
        gc->color.b = (uint8_t)w;
        break;
    case DL_COLOR_A:
        gc->color.a = (uint8_t)w;
        break;
    case DL_BITMAP_HANDLE:
        gc->handle = w & 31u;
        break;
    case DL_CELL:
        gc->cell = w & 127u;
        break;
    case DL_BLEND_FUNC:
        gc->blend_src = w >> 3 & 7u;
        gc->blend_dst = w & 7u;
        break;
    case DL_COLOR_MASK:
        gc->color_mask = w & 15u;
        break;
    case DL_VERTEX_FORMAT:
        gc->vertex_frac = w & 7u;
        break;
    case DL_VERTEX_TRANSLATE_X:
        gc->translate_x = sign_extend(w & 0x1FFFFu, 17);
        break;
    case DL_VERTEX_TRANSLATE_Y:
        gc->translate_y = sign_extend(w & 0x1FFFFu, 17);
        break;
    case DL_PALETTE_SOURCE:
        gc->palette_source = w & 0x3FFFFFu;
        break;
    case DL_SCISSOR_XY:
        gc->scissor_x = (int32_t)(w >> 11 & 2047u);
        gc->scissor_y = (int32_t)(w & 2047u);
        break;
    default: // DL_SCISSOR_SIZE
        gc->scissor_w = (int32_t)(w >> 12 & 4095u);
        gc->scissor_h = (int32_t)(w & 4095u);
        break;
    }
}

// Returns 0 at DISPLAY or on an error, 1 to go on.
static int execute(struct render *r, uint32_t w)
{
    if ((w >> 30) == 2u) { // VERTEX2II
        vertex(r, (int32_t)(w >> 21 & 511u) * 16, (int32_t)(w >> 12 & 511u) * 16, w >> 7 & 31u,
               w & 127u);
        return 1;
    }
    if ((w >> 30) == 1u) {
        vertex2f(r, w);
        return 1;
    }
    unsigned op = w >> 24;
    switch (op) {
    case DL_DISPLAY:
        return 0;
    case DL_BITMAP_SOURCE:
    case DL_BITMAP_LAYOUT:
    case DL_BITMAP_LAYOUT_H:
    case DL_BITMAP_SIZE:
    case DL_BITMAP_SIZE_H:
    case DL_BITMAP_EXT_FORMAT:
    case DL_BITMAP_SWIZZLE:
        bitmap_word(r, op, w);
        return 1;
    case DL_CLEAR_COLOR_RGB:
    case DL_CLEAR_COLOR_A:
    case DL_COLOR_RGB:
    case DL_COLOR_A:
    case DL_BITMAP_HANDLE:
    case DL_CELL:
    case DL_BLEND_FUNC:
    case DL_COLOR_MASK:
    case DL_VERTEX_FORMAT:
    case DL_VERTEX_TRANSLATE_X:
    case DL_VERTEX_TRANSLATE_Y:
    case DL_SCISSOR_XY:
    case DL_SCISSOR_SIZE:
    case DL_PALETTE_SOURCE:
        context_word(r, op, w);
        return 1;
    case DL_CLEAR:
        clear(r, w);
        return 1;
    case DL_BEGIN:
        r->prim = w & 15u;
        return 1;
    case DL_END:
        r->prim = 0;
        return 1;
    case DL_SAVE_CONTEXT:
        if (r->depth < 4) {
            r->stack[r->depth++] = r->gc;
        }
        return 1;
    case DL_RESTORE_CONTEXT:
        if (r->depth > 0) {
            r->gc = r->stack[--r->depth];
        }
        return 1;
    case DL_ALPHA_FUNC:
        if ((w >> 8 & 7u) != 7u) {
            eve_fail(r->m, "ALPHA_FUNC other than ALWAYS is not modelled");
            return 0;
        }
        return 1;
    case DL_TAG:
    case DL_CLEAR_TAG:
    case DL_TAG_MASK:
    case DL_NOP:
        return 1;
    default:
        if (op >= DL_BITMAP_TRANSFORM_A && op <= DL_BITMAP_TRANSFORM_F) {
            uint32_t identity = (op == DL_BITMAP_TRANSFORM_A || op == 0x19) ? 256u : 0u;
            r->transform_set |= (w & 0xFFFFFFu) != identity;
            return 1;
        }
        eve_fail(r->m, "display-list word 0x%08x not modelled", (unsigned)w);
        return 0;
    }
}

static int frame_alloc(struct eve_model *m)
{
    unsigned w = eve_load32(m->reg + (EVE_REG_HSIZE - EVE_RAM_REG)) & 4095u;
    unsigned h = eve_load32(m->reg + (EVE_REG_VSIZE - EVE_RAM_REG)) & 4095u;
    if (w != m->width || h != m->height || m->rgba == NULL) {
        free(m->rgba);
        free(m->frame);
        m->width = w;
        m->height = h;
        m->rgba = malloc((size_t)w * h * 4 + 4);
        m->frame = malloc((size_t)w * h * 3 + 3);
        if (m->rgba == NULL || m->frame == NULL) {
            eve_fail(m, "out of memory for a %ux%u frame", w, h);
            return -1;
        }
    }
    memset(m->rgba, 0, (size_t)w * h * 4);
    return 0;
}

void eve_dl_render(struct eve_model *m)
{
    if (frame_alloc(m) < 0) {
        return;
    }
    struct render r = {.m = m};
    gc_init(&r.gc);
    memset(m->handles, 0, sizeof m->handles);
    for (uint32_t off = 0; off < EVE_RAM_DL_SIZE; off += 4) {
        if (!execute(&r, eve_load32(m->ram_dl + off))) {
            break;
        }
    }
    size_t n = (size_t)m->width * m->height;
    for (size_t i = 0; i < n; i++) {
        memcpy(m->frame + 3 * i, m->rgba + 4 * i, 3);
    }
    m->stats.frames++;
}
