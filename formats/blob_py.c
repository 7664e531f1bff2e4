// MicroPython module emitter. A module-level bytes constant is frozen by
// mpy-tool as a static object in .rodata, so the data costs no RAM.
#include "blob_internal.h"
#include "formats/error.h"

int fmt_blob_write_py(struct fmt_sink *out, const struct fmt_blob_options *opt, const uint8_t *data,
                      size_t len)
{
    int err = blob_check_options(opt);
    if (err < 0 || len == 0 || data == NULL) {
        return err < 0 ? err : FMT_ERR_INVALID_ARG;
    }
    blob_banner(out, 1, opt, len);
    fmt_sink_printf(out, "\nFORMAT = %d\nSIZE = %zu\n%s = (\n", FMT_BLOB_FORMAT, len, opt->symbol);
    fmt_sink_py_bytes(out, data, len, 4, 32);
    fmt_sink_puts(out, ")\n");
    return fmt_sink_status(out);
}
