// Assembler emitter: `.incbin` keeps multi-MiB bundles out of the C compiler,
// which spends far longer parsing an initializer list than gas spends
// copying a file (bench/blob_compile.sh measures it).
#include <string.h>

#include "blob_internal.h"
#include "formats/error.h"

int fmt_blob_write_asm_header(struct fmt_sink *out, const struct fmt_blob_options *opt, size_t len)
{
    int err = blob_check_options(opt);
    if (err < 0 || len == 0 || len > UINT32_MAX) {
        return err < 0 ? err : FMT_ERR_INVALID_ARG;
    }
    char up[BLOB_SYMBOL_MAX + 1];
    blob_upper(up, opt->symbol);
    blob_banner(out, 0, opt, len);
    fmt_sink_printf(out, "#ifndef %s_BLOB_H\n#define %s_BLOB_H\n\n", up, up);
    fmt_sink_puts(out, "#include <stdint.h>\n\n");
    fmt_sink_printf(out, "#define %s_FORMAT %d\n#define %s_SIZE %zuu\n\n", up, FMT_BLOB_FORMAT, up,
                    len);
    fmt_sink_printf(out, "extern const uint8_t %s[%s_SIZE];\n", opt->symbol, up);
    fmt_sink_printf(out, "extern const uint8_t %s_end[];\n", opt->symbol);
    fmt_sink_printf(out, "extern const uint32_t %s_size;\n\n#endif\n", opt->symbol);
    return fmt_sink_status(out);
}

static void symbol_header(struct fmt_sink *s, const char *sym)
{
    fmt_sink_printf(s, "    .global %s\n", sym);
    fmt_sink_puts(s, "#if defined(__ELF__)\n");
    fmt_sink_printf(s, "    .type %s, %%object\n", sym);
    fmt_sink_puts(s, "#endif\n");
}

// `.size SYM, SIZE_PREFIX SIZE_SYM`: either "4" or ". - SYM".
static void symbol_size(struct fmt_sink *s, const char *sym, const char *size_prefix,
                        const char *size_sym)
{
    fmt_sink_puts(s, "#if defined(__ELF__)\n");
    fmt_sink_printf(s, "    .size %s, %s%s\n", sym, size_prefix, size_sym);
    fmt_sink_puts(s, "#endif\n");
}

static void write_data(struct fmt_sink *out, const struct fmt_blob_options *opt,
                       const char *incbin_path, size_t len)
{
    const char *sym = opt->symbol;
    if (opt->section != NULL) {
        fmt_sink_printf(out, "    .section %s, \"a\", %%progbits\n", opt->section);
    } else {
        fmt_sink_puts(out, "    .section .rodata\n");
    }
    fmt_sink_printf(out, "    .balign %u\n", opt->align > 1 ? (unsigned)opt->align : 1u);
    symbol_header(out, sym);
    fmt_sink_printf(out, "%s:\n    .incbin ", sym);
    fmt_sink_asm_string(out, incbin_path);
    fmt_sink_puts(out, "\n");
    fmt_sink_printf(out, "    .global %s_end\n%s_end:\n", sym, sym);
    symbol_size(out, sym, ". - ", sym);
    // gas evaluates this once the file is in: a stale or truncated file
    // stops the build here.
    fmt_sink_printf(out, "    .if (%s_end - %s) - %zu\n", sym, sym, len);
    fmt_sink_printf(out, "    .error \"%s: size differs from %zu bytes\"\n    .endif\n\n", sym,
                    len);
}

int fmt_blob_write_asm(struct fmt_sink *out, const struct fmt_blob_options *opt,
                       const char *incbin_path, size_t len)
{
    int err = blob_check_options(opt);
    if (err < 0 || len == 0 || len > UINT32_MAX || incbin_path == NULL || incbin_path[0] == 0) {
        return err < 0 ? err : FMT_ERR_INVALID_ARG;
    }
    blob_banner(out, 0, opt, len);
    write_data(out, opt, incbin_path, len);
    fmt_sink_puts(out, "    .section .rodata\n    .balign 4\n");
    char size_sym[BLOB_SYMBOL_MAX + 8];
    memcpy(size_sym, opt->symbol, strlen(opt->symbol) + 1);
    strcat(size_sym, "_size");
    symbol_header(out, size_sym);
    fmt_sink_printf(out, "%s:\n    .4byte %zu\n", size_sym, len);
    symbol_size(out, size_sym, "4", "");
    fmt_sink_puts(out, "\n#if defined(__ELF__)\n    .section .note.GNU-stack, \"\", %progbits\n"
                       "#endif\n");
    return fmt_sink_status(out);
}
