// Checks the formats sink helpers against hand-computed expected text.
#include <stdio.h>
#include <string.h>

#include "../common/check.h"

#include "formats/sink.h"

static void expect(const char *name, struct fmt_membuf *mb, const char *want)
{
    if (fmt_sink_status(&mb->sink) != 0 || mb->len != strlen(want) ||
        memcmp(mb->data, want, mb->len) != 0) {
        fprintf(stderr, "%s: got '%.*s' want '%s'\n", name, (int)mb->len, (const char *)mb->data,
                want);
        check_failures++;
    }
    fmt_membuf_finish(mb);
    fmt_membuf_init(mb);
}

int main(void)
{
    struct fmt_membuf mb;
    fmt_membuf_init(&mb);
    const uint8_t b[] = {0x00, 0x7f, 0xab, 0xff};

    fmt_sink_hex(&mb.sink, b, sizeof(b));
    expect("hex", &mb, "007fabff");
    fmt_sink_c_bytes(&mb.sink, b, sizeof(b), 2, 3);
    expect("c_bytes", &mb, "  0x00, 0x7f, 0xab,\n  0xff,\n");
    fmt_sink_py_bytes(&mb.sink, b, sizeof(b), 4, 2);
    expect("py_bytes", &mb, "    b'\\x00\\x7f'\n    b'\\xab\\xff'\n");
    fmt_sink_json_string(&mb.sink, "a\"b\\c\n");
    expect("json", &mb, "\"a\\\"b\\\\c\\u000a\"");
    fmt_sink_u32le(&mb.sink, 0x04030201u);
    fmt_sink_u16le(&mb.sink, 0x0605u);
    expect("le", &mb, "\x01\x02\x03\x04\x05\x06");
    char big[1000];
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    fmt_sink_printf(&mb.sink, "%s", big);
    expect("printf_long", &mb, big);

    fmt_membuf_finish(&mb);
    return check_status();
}
