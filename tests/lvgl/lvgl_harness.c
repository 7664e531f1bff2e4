// Test harness around a headless LVGL: see lvgl_harness.h.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lvgl_harness.h"
#include "lvgl_private.h"

static int started;

void lvh_init(void)
{
    if (!started) {
        lv_init();
        started = 1;
    }
}

void lvh_finish(void)
{
    if (started) {
        lv_deinit();
        started = 0;
    }
}

void lvh_glyph_free(struct lvh_glyph *g)
{
    free(g->a8);
    g->a8 = NULL;
}

// Copies the A8 rows of `buf` (LVGL's stride) into a fresh w x h buffer.
static uint8_t *copy_a8(const lv_draw_buf_t *buf, int32_t w, int32_t h)
{
    uint8_t *out = malloc((size_t)w * (size_t)h);
    if (out == NULL) {
        return NULL;
    }
    uint32_t stride = buf->header.stride;
    for (int32_t y = 0; y < h; y++) {
        memcpy(out + (size_t)y * (size_t)w, buf->data + (size_t)y * stride, (size_t)w);
    }
    return out;
}

int lvh_glyph_get(const lv_font_t *font, uint32_t cp, uint32_t next, struct lvh_glyph *out)
{
    memset(out, 0, sizeof(*out));
    lv_font_glyph_dsc_t g;
    out->found = lv_font_get_glyph_dsc(font, &g, cp, next);
    if (!out->found) {
        return 0;
    }
    out->adv_w = g.adv_w;
    out->box_w = g.box_w;
    out->box_h = g.box_h;
    out->ofs_x = g.ofs_x;
    out->ofs_y = g.ofs_y;
    out->format = (uint32_t)g.format;
    out->resolved_font = g.resolved_font;
    if (g.box_w == 0 || g.box_h == 0) {
        return 0;
    }
    lv_draw_buf_t *buf = lv_draw_buf_create(g.box_w, g.box_h, LV_COLOR_FORMAT_A8, LV_STRIDE_AUTO);
    if (buf == NULL) {
        return -1;
    }
    lv_draw_buf_clear(buf, NULL);
    const lv_draw_buf_t *bitmap = lv_font_get_glyph_bitmap(&g, buf);
    int rc = -1;
    if (bitmap != NULL) {
        out->a8 = copy_a8(bitmap, g.box_w, g.box_h);
        rc = out->a8 != NULL ? 0 : -1;
    }
    lv_draw_buf_destroy(buf);
    return rc;
}

lv_font_t *lvh_binfont_load(const void *data, size_t len)
{
    if (len > UINT32_MAX) {
        return NULL;
    }
    return lv_binfont_create_from_buffer((void *)data, (uint32_t)len);
}

struct frame {
    uint8_t *pixels; // the display's L8 frame, w x h
    uint32_t w, h;
    int flushed;
};

static void flush_cb(lv_display_t *disp, const lv_area_t *area, uint8_t *px_map)
{
    struct frame *f = lv_display_get_user_data(disp);
    int32_t w = lv_area_get_width(area);
    for (int32_t y = area->y1; y <= area->y2; y++) {
        if (y >= 0 && (uint32_t)y < f->h && area->x1 >= 0 && (uint32_t)area->x2 < f->w) {
            memcpy(f->pixels + (size_t)y * f->w + (size_t)area->x1,
                   px_map + (size_t)(y - area->y1) * (size_t)w, (size_t)w);
        }
    }
    f->flushed = 1;
    lv_display_flush_ready(disp);
}

static lv_obj_t *plain_label(lv_obj_t *parent, const lv_font_t *font, const char *utf8)
{
    lv_obj_t *label = lv_label_create(parent);
    lv_obj_remove_style_all(label);
    lv_obj_set_style_text_font(label, font, 0);
    lv_obj_set_style_text_color(label, lv_color_white(), 0);
    lv_obj_set_style_text_opa(label, LV_OPA_COVER, 0);
    lv_obj_set_style_text_letter_space(label, 0, 0);
    lv_obj_set_style_text_line_space(label, 0, 0);
    lv_label_set_long_mode(label, LV_LABEL_LONG_MODE_CLIP);
    lv_label_set_text(label, utf8);
    lv_obj_set_size(label, LV_SIZE_CONTENT, LV_SIZE_CONTENT);
    return label;
}

int lvh_label_draw(const lv_font_t *font, const char *utf8, int32_t x, int32_t y, uint32_t w,
                   uint32_t h, uint8_t *out, lv_area_t *area)
{
    if (w == 0 || h == 0 || w > 4096 || h > 4096) {
        return -1;
    }
    struct frame f = {.pixels = out, .w = w, .h = h};
    memset(out, 0xA5, (size_t)w * h); // a pattern no render leaves: unflushed rows show
    size_t size = (size_t)w * h;
    uint8_t *fb = malloc(size);
    lv_display_t *disp = fb != NULL ? lv_display_create((int32_t)w, (int32_t)h) : NULL;
    if (disp == NULL) {
        free(fb);
        return -1;
    }
    lv_display_set_color_format(disp, LV_COLOR_FORMAT_L8);
    lv_display_set_buffers(disp, fb, NULL, (uint32_t)size, LV_DISPLAY_RENDER_MODE_FULL);
    lv_display_set_user_data(disp, &f);
    lv_display_set_flush_cb(disp, flush_cb);
    lv_display_set_default(disp);

    lv_obj_t *screen = lv_display_get_screen_active(disp);
    lv_obj_remove_style_all(screen);
    lv_obj_set_style_bg_color(screen, lv_color_black(), 0);
    lv_obj_set_style_bg_opa(screen, LV_OPA_COVER, 0);
    lv_obj_t *label = plain_label(screen, font, utf8);
    lv_obj_set_pos(label, x, y);

    lv_obj_invalidate(screen);
    lv_refr_now(disp);
    if (area != NULL) {
        lv_obj_get_coords(label, area);
    }
    int rc = f.flushed ? 0 : -1;
    lv_display_delete(disp);
    free(fb);
    return rc;
}

uint8_t lvh_l8_blend_white(uint8_t dst, uint8_t mix)
{
    if (mix == 0) {
        return dst;
    }
    if (mix >= LV_OPA_MAX) {
        return 255;
    }
    return (uint8_t)((255u * mix + (uint32_t)dst * (255u - mix)) >> 8);
}

int lvh_image_decode(const void *src, int keep_indexed, struct lvh_image *out)
{
    memset(out, 0, sizeof(*out));
    lv_image_decoder_dsc_t dsc;
    lv_image_decoder_args_t args;
    memset(&args, 0, sizeof(args));
    args.no_cache = true;
    args.use_indexed = keep_indexed != 0;
    if (lv_image_decoder_open(&dsc, src, &args) != LV_RESULT_OK) {
        return -1;
    }
    int rc = -1;
    const lv_draw_buf_t *d = dsc.decoded;
    if (d != NULL && d->data != NULL) {
        out->cf = d->header.cf;
        out->w = d->header.w;
        out->h = d->header.h;
        out->stride = d->header.stride;
        out->flags = d->header.flags;
        out->size = d->data_size;
        out->data = malloc(out->size > 0 ? out->size : 1);
        if (out->data != NULL) {
            memcpy(out->data, d->data, out->size);
            rc = 0;
        }
    }
    lv_image_decoder_close(&dsc);
    return rc;
}

void lvh_image_free(struct lvh_image *img)
{
    free(img->data);
    img->data = NULL;
}
