// fmt_sink_json_string on strings that are not UTF-8 (bundle entry names,
// font names and paths come from files): the output must be valid UTF-8 JSON,
// well-formed sequences kept, every other byte replaced by \ufffd.
#include <stdio.h>
#include <string.h>

#include "../common/check.h"

#include "formats/sink.h"

static void check(const char *name, const char *in, const char *want)
{
    struct fmt_membuf mb;
    fmt_membuf_init(&mb);
    fmt_sink_json_string(&mb.sink, in);
    if (fmt_sink_status(&mb.sink) != 0 || mb.len != strlen(want) ||
        memcmp(mb.data, want, mb.len) != 0) {
        fprintf(stderr, "%s: got '%.*s' want '%s'\n", name, (int)mb.len, (const char *)mb.data,
                want);
        check_failures++;
    }
    fmt_membuf_finish(&mb);
}

int main(void)
{
    check("ascii_and_escapes", "a\"b\\c\n\x7f", "\"a\\\"b\\\\c\\u000a\\u007f\"");
    check("valid_2_3_4_byte", "\xc3\xa9\xe2\x80\xa6\xf0\x9f\x98\x80",
          "\"\xc3\xa9\xe2\x80\xa6\xf0\x9f\x98\x80\"");
    check("lone_ff", "lo\xffgo", "\"lo\\ufffdgo\"");
    check("lone_continuation", "\x80x", "\"\\ufffdx\"");
    check("overlong_c0", "\xc0\xaf", "\"\\ufffd\\ufffd\"");
    check("overlong_e0", "\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"");
    check("surrogate", "\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
    check("past_10ffff", "\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
    check("truncated_at_end", "ok\xe2\x80", "\"ok\\ufffd\\ufffd\"");
    check("truncated_before_ascii", "\xf0\x9f\x98z", "\"\\ufffd\\ufffd\\ufffdz\"");
    check("escape_char", "\x1b[31m", "\"\\u001b[31m\"");
    return check_status();
}
