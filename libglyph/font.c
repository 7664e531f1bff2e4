// Fonts are read into memory by us (so that "not found", "is a directory" and
// I/O errors are ours, with errno) and handed to FT_New_Memory_Face.
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "font_internal.h"
#include FT_MODULE_H
#include "ft_errors.h"
#include "glyph/error.h"

// Larger files are refused: no real font comes close, and the whole file is
// held in memory.
#define FONT_MAX_FILE_BYTES ((size_t)1 << 30)
// FreeType keeps named instances in the upper 16 bits of the face index.
#define FONT_MAX_FACE_INDEX 0xFFFFu

static void *ft_alloc(FT_Memory memory, long size)
{
    return glyph_alloc(memory->user, size > 0 ? (size_t)size : 1);
}

static void ft_free(FT_Memory memory, void *block)
{
    glyph_free(memory->user, block);
}

static void *ft_realloc(FT_Memory memory, long cur_size, long new_size, void *block)
{
    (void)cur_size;
    return glyph_realloc(memory->user, block, new_size > 0 ? (size_t)new_size : 1);
}

// Signatures of the formats FreeType opens. A file that starts with one
// and still fails is broken (a truncated TTF gives Unknown_File_Format);
// anything else that fails is not a font, even when a driver probing it
// reports a stream error (short text files do that).
static int looks_like_font(const uint8_t *d, size_t len)
{
    static const char *const sigs[] = {
        "\x00\x01\x00\x00",
        "OTTO",
        "true",
        "typ1",
        "ttcf",
        "wOFF",
        "wOF2",
        "STARTFONT",
        "\x01"
        "fcp",
        "%!PS-AdobeFont",
        "%!FontType1",
        "\x80\x01",
    };
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        size_t n = strlen(sigs[i]);
        if (sigs[i][0] == '\0') {
            n = 4; // the TrueType version 0x00010000
        }
        if (len >= n && memcmp(d, sigs[i], n) == 0) {
            return 1;
        }
    }
    return 0;
}

static int map_ft_open_error(const struct glyph_font *font, FT_Error err)
{
    switch (FT_ERROR_BASE(err)) {
    case FT_Err_Out_Of_Memory:
        return GLYPH_ERR_NOMEM;
    default:
        return looks_like_font(font->data, font->len) ? GLYPH_ERR_FONT_BROKEN
                                                      : GLYPH_ERR_FONT_FORMAT;
    }
}

static void select_charmap(struct glyph_font *font, const char *name)
{
    if (FT_Select_Charmap(font->face, FT_ENCODING_UNICODE) == 0) {
        font->unicode = 1;
        return;
    }
    glyph_log(font->ctx, GLYPH_LOG_WARN,
              "font %s: no Unicode character map; code points are looked up in the "
              "font's default map",
              name);
}

// Opens the face with FreeType once without a face index (face_index -1
// only reads the face count), so that an index out of range is told apart
// from a broken file.
static int open_face(struct glyph_font *font, unsigned face_index, const char *name)
{
    FT_Face probe = NULL;
    FT_Error fterr = FT_New_Memory_Face(font->library, font->data, (FT_Long)font->len, -1, &probe);
    if (fterr != 0) {
        int err = map_ft_open_error(font, fterr);
        glyph_ft_log(font->ctx, GLYPH_LOG_ERROR, fterr, name);
        return err;
    }
    long faces = probe->num_faces;
    FT_Done_Face(probe);
    if (faces <= 0 || face_index >= (unsigned long)faces) {
        glyph_log(font->ctx, GLYPH_LOG_ERROR, "font %s: no face %u (the file has %ld)", name,
                  face_index, faces);
        return GLYPH_ERR_FONT_FACE_INDEX;
    }
    font->num_faces = (unsigned)faces;
    fterr = FT_New_Memory_Face(font->library, font->data, (FT_Long)font->len, (FT_Long)face_index,
                               &font->face);
    if (fterr != 0) {
        glyph_ft_log(font->ctx, GLYPH_LOG_ERROR, fterr, name);
        font->face = NULL;
        return map_ft_open_error(font, fterr);
    }
    select_charmap(font, name);
    return 0;
}

// Takes ownership of `data` (allocated through ctx) in every case.
static int font_create(struct glyph_ctx *ctx, uint8_t *data, size_t len, unsigned face_index,
                       const char *name, struct glyph_font **out)
{
    *out = NULL;
    if (face_index > FONT_MAX_FACE_INDEX) {
        glyph_log(ctx, GLYPH_LOG_ERROR, "font %s: face index %u out of range", name, face_index);
        glyph_free(ctx, data);
        return GLYPH_ERR_FONT_FACE_INDEX;
    }
    if (len == 0 || len > (size_t)LONG_MAX) {
        glyph_log(ctx, GLYPH_LOG_ERROR, "font %s: %s", name, len == 0 ? "empty" : "too large");
        glyph_free(ctx, data);
        return GLYPH_ERR_FONT_FORMAT;
    }
    struct glyph_font *font = glyph_calloc(ctx, 1, sizeof(*font));
    if (font == NULL) {
        glyph_free(ctx, data);
        return GLYPH_ERR_NOMEM;
    }
    font->ctx = ctx;
    font->data = data;
    font->len = len;
    font->memory.user = ctx;
    font->memory.alloc = ft_alloc;
    font->memory.free = ft_free;
    font->memory.realloc = ft_realloc;
    // FT_New_Library + FT_Add_Default_Modules is FT_Init_FreeType without
    // FT_Set_Default_Properties: output must not depend on FREETYPE_PROPERTIES.
    FT_Error fterr = FT_New_Library(&font->memory, &font->library);
    if (fterr != 0) {
        font->library = NULL;
        glyph_font_destroy(font);
        return GLYPH_ERR_NOMEM;
    }
    FT_Add_Default_Modules(font->library);
    int err = open_face(font, face_index, name);
    if (err < 0) {
        glyph_font_destroy(font);
        return err;
    }
    *out = font;
    return 0;
}

static int errno_to_error(int e)
{
    switch (e) {
    case ENOENT:
    case ENOTDIR:
        return GLYPH_ERR_NOT_FOUND;
    case EISDIR:
        return GLYPH_ERR_IS_DIR;
    case ENOMEM:
        return GLYPH_ERR_NOMEM;
    default:
        return GLYPH_ERR_IO;
    }
}

static int log_errno(struct glyph_ctx *ctx, const char *path, const char *what, int e)
{
    char msg[128] = "";
    if (strerror_r(e, msg, sizeof(msg)) != 0) {
        msg[0] = '\0';
    }
    glyph_log(ctx, GLYPH_LOG_ERROR, "font '%s': %s: %s (errno %d)", path, what, msg, e);
    return errno_to_error(e);
}

// Reads to EOF (the size from fstat is only a hint: the file may change
// while we read).
static int read_all(struct glyph_ctx *ctx, int fd, size_t hint, const char *path, uint8_t **out,
                    size_t *out_len)
{
    size_t cap = hint > 0 && hint < FONT_MAX_FILE_BYTES ? hint + 1 : 65536;
    size_t len = 0;
    uint8_t *buf = glyph_alloc(ctx, cap);
    if (buf == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    for (;;) {
        if (len == cap) {
            if (cap >= FONT_MAX_FILE_BYTES) {
                glyph_log(ctx, GLYPH_LOG_ERROR, "font '%s': larger than %zu bytes", path,
                          FONT_MAX_FILE_BYTES);
                glyph_free(ctx, buf);
                return GLYPH_ERR_IO;
            }
            size_t ncap = cap * 2 > FONT_MAX_FILE_BYTES ? FONT_MAX_FILE_BYTES : cap * 2;
            uint8_t *nbuf = glyph_realloc(ctx, buf, ncap);
            if (nbuf == NULL) {
                glyph_free(ctx, buf);
                return GLYPH_ERR_NOMEM;
            }
            buf = nbuf;
            cap = ncap;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            int e = errno;
            glyph_free(ctx, buf);
            return log_errno(ctx, path, "read", e);
        }
        if (n == 0) {
            break;
        }
        len += (size_t)n;
    }
    *out = buf;
    *out_len = len;
    return 0;
}

static int read_file(struct glyph_ctx *ctx, const char *path, uint8_t **out, size_t *out_len)
{
    int fd;
    do {
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        return log_errno(ctx, path, "open", errno);
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return log_errno(ctx, path, "stat", e);
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        glyph_log(ctx, GLYPH_LOG_ERROR, "font '%s': is a directory", path);
        return GLYPH_ERR_IS_DIR;
    }
    if (!S_ISREG(st.st_mode)) {
        // Devices and FIFOs could block or never end.
        close(fd);
        glyph_log(ctx, GLYPH_LOG_ERROR, "font '%s': not a regular file", path);
        return GLYPH_ERR_IO;
    }
    size_t hint = st.st_size > 0 ? (size_t)st.st_size : 0;
    int err = read_all(ctx, fd, hint, path, out, out_len);
    close(fd);
    return err;
}

int glyph_font_open_file(struct glyph_ctx *ctx, const char *path, unsigned face_index,
                         struct glyph_font **out)
{
    if (out == NULL) {
        return GLYPH_ERR_INVALID_ARG;
    }
    *out = NULL;
    if (ctx == NULL || path == NULL) {
        return GLYPH_ERR_INVALID_ARG;
    }
    uint8_t *data = NULL;
    size_t len = 0;
    int err = read_file(ctx, path, &data, &len);
    if (err < 0) {
        return err;
    }
    char name[300];
    snprintf(name, sizeof(name), "'%s'", path);
    return font_create(ctx, data, len, face_index, name, out);
}

int glyph_font_open_memory(struct glyph_ctx *ctx, const void *data, size_t len, unsigned face_index,
                           struct glyph_font **out)
{
    if (out == NULL) {
        return GLYPH_ERR_INVALID_ARG;
    }
    *out = NULL;
    if (ctx == NULL || (data == NULL && len > 0)) {
        return GLYPH_ERR_INVALID_ARG;
    }
    uint8_t *copy = glyph_alloc(ctx, len);
    if (copy == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    if (len > 0) {
        memcpy(copy, data, len);
    }
    return font_create(ctx, copy, len, face_index, "(in memory)", out);
}

void glyph_font_destroy(struct glyph_font *font)
{
    if (font == NULL) {
        return;
    }
    struct glyph_ctx *ctx = font->ctx;
    if (font->face != NULL) {
        FT_Done_Face(font->face);
    }
    if (font->library != NULL) {
        FT_Done_Library(font->library);
    }
    glyph_free(ctx, font->data);
    glyph_free(ctx, font);
}

const char *glyph_font_family(const struct glyph_font *font)
{
    return font->face->family_name != NULL ? font->face->family_name : "";
}

const char *glyph_font_style(const struct glyph_font *font)
{
    return font->face->style_name != NULL ? font->face->style_name : "";
}

unsigned glyph_font_face_count(const struct glyph_font *font)
{
    return font->num_faces;
}

int glyph_font_is_scalable(const struct glyph_font *font)
{
    return FT_IS_SCALABLE(font->face) ? 1 : 0;
}

int glyph_font_has_codepoint(const struct glyph_font *font, uint32_t cp)
{
    if (font->face->charmap == NULL) {
        return 0;
    }
    return FT_Get_Char_Index(font->face, cp) != 0 ? 1 : 0;
}
