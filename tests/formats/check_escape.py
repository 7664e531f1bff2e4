#!/usr/bin/env python3
"""formats' escapers (formats/sink.h) against the languages' own readers:
each hostile string is escaped by escape_driver, placed where generated code
places it, and read back by gcc (C99 with trigraphs, all warnings as errors),
GNU as (through the C preprocessor, as a .S file), CPython and MicroPython.
A C or assembler literal must give back exactly the original bytes; a Python
str literal the original text (invalid UTF-8 bytes as U+FFFD); a comment must
end where the emitter ends it, whatever it holds.

usage: check_escape.py ESCAPE_DRIVER CC NODE   (NODE empty: MicroPython part skipped)
"""
import json
import os
import subprocess
import sys
import tempfile

import harness

DRIVER, CC, NODE = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "micropython"))
import mpcheck  # noqa: E402

CFLAGS = ["-std=c99", "-trigraphs", "-Wall", "-Wextra", "-Wpedantic", "-Wcomment",
          "-Wtrigraphs", "-Werror"]

HOSTILE = [
    bytes(range(1, 256)),
    b"*/ int injected; /* ?? ??/ ??= ??' ??( \\",
    b"line\n#include </etc/passwd>\n#error injected\r\nend\\",
    b"\"; system(\"touch PWNED\"); \"",
    b"'''\"\"\"'; import os; os.system('touch PWNED') #",
    b"x coding: utf-7 +AAo-import os; os.system('touch PWNED')",
    b"coding=latin-1",
    "caf\u00e9 \u20ac \U0001f600 \u4e2d".encode(),
    b"\xe2\x82 \xff\xfe \xed\xa0\x80 \xc0\xaf \xf4\x90\x80\x80 end",
    b"trailing backslash\\",
    b"??/",
    b"a/*b*/c//d",
]


def escape(kind, s):
    p = subprocess.run([DRIVER, kind, s.hex()], capture_output=True, check=True)
    return p.stdout


def py_expected(s):
    """The text of a Python literal of `s`: well-formed UTF-8 decoded, every
    other byte U+FFFD (one per byte, as JSON strings do)."""
    out, i = [], 0
    while i < len(s):
        for n in (1, 2, 3, 4):
            try:
                out.append(s[i:i + n].decode("utf-8"))
                i += n
                break
            except UnicodeDecodeError:
                continue
        else:
            out.append("\ufffd")
            i += 1
    return "".join(out)


def compile_run(tmp, name, source):
    src = os.path.join(tmp, name + ".c")
    exe = os.path.join(tmp, name)
    with open(src, "wb") as f:
        f.write(source)
    harness.run_ok([CC] + CFLAGS + ["-o", exe, src])
    return subprocess.run([exe], capture_output=True, check=True).stdout


def check_c(tmp, strings):
    """All literals in one program, which prints each in hex on a line."""
    src = b"#include <stdio.h>\nstatic void put(const char *s, size_t n)\n{\n" \
          b"    for (size_t i = 0; i < n; i++) {\n        printf(\"%02x\", (unsigned char)s[i]);\n" \
          b"    }\n    printf(\"\\n\");\n}\nint main(void)\n{\n"
    for i, s in enumerate(strings):
        src += b"    static const char s%d[] = %s;\n    put(s%d, sizeof(s%d) - 1);\n" % (
            i, escape("c", s), i, i)
    out = compile_run(tmp, "c", src + b"    return 0;\n}\n").decode().split()
    for s, got in zip(strings, out):
        assert bytes.fromhex(got) == s, "C literal of %r reads back as %r" % (s, got)


def check_asm(tmp, strings):
    """Each literal after its length, in one .S file run through gcc."""
    src, obj, raw = (os.path.join(tmp, "a" + e) for e in (".S", ".o", ".bin"))
    with open(src, "wb") as f:
        f.write(b"    .section .data\n")
        for s in strings:
            f.write(b"    .4byte %d\n    .ascii %s\n" % (len(s), escape("asm", s)))
    harness.run_ok([CC, "-c", "-o", obj, src])
    harness.run_ok(["objcopy", "-O", "binary", "-j", ".data", obj, raw])
    with open(raw, "rb") as f:
        data = f.read()
    off = 0
    for s in strings:
        n = int.from_bytes(data[off:off + 4], sys.byteorder)
        assert data[off + 4:off + 4 + n] == s, "asm literal of %r differs" % s
        off += 4 + n
    assert off == len(data)


def check_c_comment(tmp, strings):
    """Line comments, block comments and a comment after a #define: every
    line of code after them must still be compiled."""
    src, n = b"#include <stdio.h>\nstatic int sum;\n", 0
    for i, s in enumerate(strings):
        text = escape("c_comment", s)
        assert b"\n" not in text and b"\r" not in text
        src += b"// %s\nstatic void f%da(void) { sum += 1; }\n" % (text, i)
        src += b"/* %s */\nstatic void f%db(void) { sum += 1; }\n" % (text, i)
        src += b"#define X%d 1 // %s\n" % (i, text)
    src += b"int main(void)\n{\n"
    for i in range(len(strings)):
        src += b"    f%da();\n    f%db();\n    sum += X%d;\n" % (i, i, i)
        n += 3
    out = compile_run(tmp, "m", src + b"    printf(\"%d\", sum);\n    return 0;\n}\n")
    assert out == b"%d" % n, "a comment swallowed code"


def write_modules(tmp, prefix, strings, comment_kind):
    """One module per string: the escaped comment on line 2 (where a PEP 263
    declaration would count), then the string as a str literal. Returns
    [(path, the code points S must hold)]."""
    mods = []
    for i, s in enumerate(strings):
        comment = escape(comment_kind, s)
        assert b"\n" not in comment and b"\r" not in comment
        path = os.path.join(tmp, "%s%d.py" % (prefix, i))
        with open(path, "wb") as f:
            f.write(b"# generated\n# " + comment + b"\nS = " + escape("py", s) + b"\nOK = 1\n")
        mods.append((path, [ord(c) for c in py_expected(s)]))
    return mods


def cpython_reads(tmp, mods):
    """Imports every module in one CPython: each holds its string, no code ran."""
    script = "import sys, json\nsys.path.insert(0, %r)\nout = []\n" % tmp
    for path, _ in mods:
        m = os.path.basename(path)[:-3]
        script += "import %s\nout.append([%s.OK, [ord(c) for c in %s.S]])\n" % (m, m, m)
    p = subprocess.run([sys.executable, "-c", script + "print(json.dumps(out))\n"],
                       capture_output=True, text=True, cwd=tmp)
    assert p.returncode == 0, "CPython cannot import the modules: %s" % p.stderr
    for (mod, want), (ok, cps) in zip(mods, json.loads(p.stdout.splitlines()[-1])):
        assert ok == 1 and cps == want, "CPython reads %s as %r" % (mod, cps)
    assert not os.path.exists(os.path.join(tmp, "PWNED")), "code ran"
    return mods


def check_py(tmp, strings):
    """ASCII-only comments and literals."""
    for s in strings:
        assert all(b < 0x80 for b in escape("py_comment", s) + escape("py", s)), "not ASCII"
    return cpython_reads(tmp, write_modules(tmp, "p", strings, "py_comment"))


def check_py_utf8(tmp, strings):
    """font_to_py's banners: the comment keeps well-formed UTF-8 as it is,
    byte for byte when there is no CR, LF or PEP 263 declaration in it."""
    for s in strings:
        comment = escape("py_comment_utf8", s)
        comment.decode("utf-8")  # the module stays UTF-8
        if py_expected(s).encode() == s and not any(x in s for x in (b"\n", b"\r", b"coding")):
            assert comment == s, "%r changed to %r" % (s, comment)
    return cpython_reads(tmp, write_modules(tmp, "u", strings, "py_comment_utf8"))


def check_micropython(mods):
    script = mpcheck.PRELUDE + "out = []\n"
    for path, _ in mods:
        m = os.path.basename(path)[:-3]
        script += "import %s\nout.append([%s.OK, [ord(c) for c in %s.S]])\n" % (m, m, m)
    script += "print(json.dumps(out))\n"
    try:
        got = mpcheck.run(NODE, script, [m for m, _ in mods])
    except SystemExit:
        return False  # MicroPython not installed: the rest still counts
    for (mod, want), (ok, cps) in zip(mods, got):
        assert ok == 1 and cps == want, "MicroPython reads %s as %r" % (mod, cps)
    return True


def check_include_names():
    good = [b"assets.h", b"my font (v2).h", b"a'b.h", b"sub/dir.h"]
    bad = [b"", b"a\"b.h", b"a\\b.h", b"a\nb.h", b"caf\xc3\xa9.h", b"x" * 256]
    for n in good:
        assert escape("include", n) == b"1", n
    for n in bad:
        assert escape("include", n) == b"0", n


def main():
    tmp = tempfile.mkdtemp(prefix="check-escape-")
    check_c(tmp, HOSTILE)
    check_asm(tmp, HOSTILE)
    check_c_comment(tmp, HOSTILE)
    mods = check_py(tmp, HOSTILE)
    mods += check_py_utf8(tmp, HOSTILE)
    check_include_names()
    if NODE and check_micropython(mods):
        print("MicroPython: %d modules read back" % len(mods))
    else:
        print("MicroPython part skipped: no node or MicroPython (scripts/deps.sh)")
    subprocess.run(["rm", "-rf", tmp], check=True)
    harness.check(True, "%d hostile strings through C, asm, C comments, Python (comments, UTF-8 "
                  "comments, literals)" % len(HOSTILE))
    return harness.finish()


if __name__ == "__main__":
    sys.exit(main())
