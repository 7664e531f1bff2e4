// formats: symbol visibility. The library is built with hidden visibility
// (gnu_symbol_visibility), so a shared librasterd-formats exports exactly the
// functions marked FMT_EXPORT in these headers.
#ifndef FORMATS_EXPORT_H
#define FORMATS_EXPORT_H

#if defined(__GNUC__)
#define FMT_EXPORT __attribute__((visibility("default")))
#else
#define FMT_EXPORT
#endif

#endif
