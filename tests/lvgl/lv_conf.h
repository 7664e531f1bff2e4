// LVGL configuration for rasterd's tests (included by LVGL through
// LV_CONF_INCLUDE_SIMPLE). Headless software rendering; everything not set
// here keeps LVGL's default from lv_conf_internal.h.
#ifndef LV_CONF_H
#define LV_CONF_H

// Display buffers default to XRGB8888; the harness switches a display to L8
// for text (tests/lvgl/lvgl_harness.h).
#define LV_COLOR_DEPTH 32

// The C library's allocator: LVGL's built-in 64 KiB heap runs out on large
// fonts, and ASan sees every block.
#define LV_USE_STDLIB_MALLOC  LV_STDLIB_CLIB
#define LV_USE_STDLIB_STRING  LV_STDLIB_CLIB
#define LV_USE_STDLIB_SPRINTF LV_STDLIB_CLIB
#define LV_USE_OS             LV_OS_NONE

// LVGL's warnings ("Unknown cmaps format type", ...) reach the test log.
#define LV_USE_LOG    1
#define LV_LOG_LEVEL  LV_LOG_LEVEL_WARN
#define LV_LOG_PRINTF 1

// A failed LVGL assertion fails the test instead of spinning forever.
#define LV_ASSERT_HANDLER_INCLUDE <stdlib.h>
#define LV_ASSERT_HANDLER         abort();

// Fonts: compressed bitmaps (LVGL's RLE, with and without the prefilter).
#define LV_USE_FONT_COMPRESSED 1
#define LV_FONT_FMT_TXT_LARGE  0

// Binary fonts and images from files ("A:/path") and from memory
// (lv_binfont_create_from_buffer, "M:" paths).
#define LV_USE_FS_STDIO        1
#define LV_FS_STDIO_LETTER     'A'
#define LV_FS_STDIO_PATH       ""
#define LV_FS_STDIO_CACHE_SIZE 0
#define LV_USE_FS_MEMFS        1
#define LV_FS_MEMFS_LETTER     'M'

// Images: files decode whole at open (not row by row), and the decoders of
// LVGL's compressed image data.
#define LV_BIN_DECODER_RAM_LOAD 1
#define LV_USE_RLE              1
#define LV_USE_LZ4_INTERNAL     1

#define LV_BUILD_EXAMPLES 0
#define LV_BUILD_DEMOS    0

#endif
