// libglyph: symbol visibility.
#ifndef GLYPH_EXPORT_H
#define GLYPH_EXPORT_H

#if defined(__GNUC__)
#define GLYPH_EXPORT    __attribute__((visibility("default")))
#define GLYPH_NODISCARD __attribute__((warn_unused_result))
#else
#define GLYPH_EXPORT
#define GLYPH_NODISCARD
#endif

#endif
