#!/usr/bin/env python3
"""Input strings never become code in generated files (issue 9 A3). Every
string a manifest or a font carries into a generated C, assembler or Python
file holds code for that language (a newline then #include or os.system, a
comment terminator, a trigraph, a quote, a PEP 263 'coding: utf-7' line under
which '+AAo-' is a newline): target.name, output.bundle (the frozen banners
and the .incbin path), dfu.target_name, a font's family and style names
(glyphpack -f c, py and lvgl), a font's file name and the command line
(glyphpack font-to-py) and an LVGL image's name. The outputs are then
compiled (gcc -std=c99 -trigraphs, all warnings as errors; LVGL's files only
preprocessed, against a stub lvgl.h), assembled and linked, and imported in
CPython and MicroPython; the injected code must not run and the data must be
intact.

usage: check_injection.py RASTERD GLYPHPACK CC NODE   (NODE empty: no MicroPython)
"""
import json
import os
import struct
import subprocess
import sys
import tempfile

import harness
from harness import check

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "micropython"))
import mpcheck  # noqa: E402

RASTERD, GLYPHPACK, CC, NODE = sys.argv[1:5]
DEJAVU = os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu")
CFLAGS = ["-std=c99", "-trigraphs", "-Wall", "-Wextra", "-Wpedantic", "-Werror"]
PAYLOAD = "import os; os.system('touch PWNED')"

# In libconfig's string syntax (\n, \", \\ and \xNN escapes).
TARGET = ('evil */ ??/\\n#include \\"/etc/passwd\\"\\n#error injected\\n'
          "x coding: utf-7 +AAo-" + PAYLOAD + "\\n''' \\\"\\\"\\\" \\xff end")
BUNDLE = "we'ird \\\"name\\\\ ??= * coding=utf-7.bin"
DFU_NAME = "dfu \\\"name\\\" */ ??/ \\\\"

MANIFEST = """\
target = {{ name = "{target}"; base = 0x0L; size = 0x10000L; }};
bundle = {{ chunk_size = 256; key = "keys/k.key"; }};
output = {{ bundle = "{bundle}"; }};
dfu = {{ file = "a.dfu"; bundle_address = 0x90000000L; target_name = "{dfu}"; }};
raw = ( {{ name = "data"; file = "data.bin"; }} );
images = ( {{ name = "pic"; file = "pic.png"; format = "L8"; }} );
"""
FROZEN = """\
frozen = { c = "blob.c"; asm = "blob_incbin.S"; python = "blob.py"; symbol = "evil_blob"; };
"""


def write(path, data):
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def compile_ok(tmp, name, sources, cwd=None):
    exe = os.path.join(tmp, name)
    p = harness.run([CC] + CFLAGS + ["-o", exe] + sources, cwd=cwd, errors="replace")
    assert p.returncode == 0, "%s does not compile: %s" % (name, p.stderr[-1500:])
    return exe


def cpython_import(folder, modules, expr):
    """Imports `modules` from `folder` in a fresh CPython (cwd = folder, so a
    'touch PWNED' would land there) and returns json(eval(expr))."""
    script = "import json, sys\nsys.path.insert(0, %r)\n" % folder
    script += "".join("import %s\n" % m for m in modules)
    script += "print(json.dumps(%s))\n" % expr
    p = harness.run([sys.executable, "-c", script], cwd=folder)
    assert p.returncode == 0, "CPython: %s" % p.stderr[-2000:]
    return json.loads(p.stdout.splitlines()[-1])


def build_project(tmp, name, extra=""):
    p = os.path.join(tmp, name)
    os.makedirs(p)
    write(os.path.join(p, "rasterd.conf"),
          MANIFEST.format(target=TARGET, bundle=BUNDLE, dfu=DFU_NAME) + extra)
    write(os.path.join(p, "data.bin"), bytes(range(256)))
    write(os.path.join(p, "pic.png"), harness.png_rgba(8, 4, lambda x, y: (x * 30, y, 0, 255)))
    harness.run_ok([RASTERD, "keygen", "-o", os.path.join(p, "keys", "k")])
    r = harness.run([RASTERD, "build", p], drop_env=("RASTERD_SIGNING_KEY_FILE",),
                    errors="replace")
    assert r.returncode == 0, "build: %s" % r.stderr
    return p, os.path.realpath(os.path.join(p, "out"))


def check_assets(tmp):
    """assets.h and assets.py, with the target name in their banners."""
    _, out = build_project(tmp, "P1")
    bundle = read_bundle(out)
    main = os.path.join(tmp, "main.c")
    write(main, '#include <stdio.h>\n#include "assets.h"\nint main(void)\n{\n'
          '    printf("%u", (unsigned)ASSET_BUNDLE_SIZE);\n    return 0;\n}\n')
    exe = compile_ok(tmp, "c_main", ["-I", out, main])
    got = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
    check(got == "%d" % len(bundle), "assets.h compiles with -trigraphs -Werror", got)
    got = cpython_import(out, ["assets"], "[assets.BUNDLE_SIZE, assets.ASSETS['data'][1]]")
    check(got == [len(bundle), 256], "assets.py imports in CPython with the right values", got)
    check(not os.path.exists(os.path.join(out, "PWNED")), "no injected code ran in CPython")
    micropython(out, ["assets"], "[assets.BUNDLE_SIZE, assets.ASSETS['data'][1]]",
                [len(bundle), 256])


def check_frozen(tmp):
    """The frozen copies, whose banners and .incbin carry the bundle's name."""
    _, out = build_project(tmp, "P2", FROZEN)
    bundle = read_bundle(out)
    main = os.path.join(tmp, "blob_main.c")
    write(main, '#include <stdio.h>\n#include "blob.h"\nint main(void)\n{\n'
          '    printf("%u %u", (unsigned)evil_blob[0], (unsigned)EVIL_BLOB_SIZE);\n'
          "    return 0;\n}\n")
    exe = compile_ok(tmp, "blob_main", ["-I", out, main, os.path.join(out, "blob.c")])
    got = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
    check(got == "%d %d" % (bundle[0], len(bundle)), "the C blob compiles and holds the bundle",
          got)
    # The .S pulls the bundle in by its (hostile) file name, from out/.
    asm_main = os.path.join(tmp, "asm_main.c")
    write(asm_main, '#include <stdio.h>\n#include <stdint.h>\n#include "blob_incbin.h"\n'
          "int main(void)\n{\n    printf(\"%u %u\", (unsigned)evil_blob_size,\n"
          "           (unsigned)(evil_blob_end - evil_blob));\n    return 0;\n}\n")
    exe = compile_ok(tmp, "asm_main", ["-I", out, asm_main, "blob_incbin.S"], cwd=out)
    got = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
    check(got == "%d %d" % (len(bundle), len(bundle)),
          ".incbin finds the bundle under its hostile name and the sizes agree", got)
    got = cpython_import(out, ["blob"], "[len(blob.evil_blob), list(blob.evil_blob[:4])]")
    check(got == [len(bundle), list(bundle[:4])], "blob.py imports in CPython", got)
    check(not os.path.exists(os.path.join(out, "PWNED")), "no injected code ran in CPython")
    micropython(out, ["blob"], "len(blob.evil_blob)", len(bundle))


def read_bundle(out):
    with open(os.path.join(out, BUNDLE.replace("\\\"", "\"").replace("\\\\", "\\")), "rb") as f:
        return f.read()


def micropython(folder, modules, expr, want):
    if not NODE:
        print("MicroPython part skipped: node not found (scripts/deps.sh)")
        return
    script = mpcheck.PRELUDE + "".join("import %s\n" % m for m in modules)
    script += "print(json.dumps(%s))\n" % expr
    try:
        got = mpcheck.run(NODE, script, [os.path.join(folder, m + ".py") for m in modules])
    except SystemExit:
        print("MicroPython part skipped: MicroPython WASM not installed (scripts/deps.sh)")
        return
    check(got == want, "%s import in MicroPython" % ", ".join(modules), got)


def hostile_font(src, dst, family, style):
    """A copy of the TrueType font `src` whose name table says `family` and
    `style` (Windows UTF-16 and Mac Roman records), appended at the end; the
    table directory entry points there (FreeType does not check sums)."""
    with open(src, "rb") as f:
        data = bytearray(f.read())
    records, strings = [], b""
    for pid, eid, lid, enc in ((1, 0, 0, "latin-1"), (3, 1, 0x409, "utf-16-be")):
        for nid, text in ((1, family), (2, style), (4, family + " " + style), (16, family),
                          (17, style)):
            b = text.encode(enc)
            records.append(struct.pack(">HHHHHH", pid, eid, lid, nid, len(b), len(strings)))
            strings += b
    table = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records)) + b"".join(records)
    table += strings
    data += b"\0" * (-len(data) % 4)
    for i in range(struct.unpack_from(">H", data, 4)[0]):
        if data[12 + 16 * i:16 + 16 * i] == b"name":
            struct.pack_into(">II", data, 20 + 16 * i, len(data), len(table))
    data += table
    with open(dst, "wb") as f:
        f.write(data)


def check_font_outputs(tmp):
    font = os.path.join(tmp, "Evil.ttf")
    hostile_font(os.path.join(DEJAVU, "DejaVuSans.ttf"), font,
                 "Evil */ ??/ \\ x coding: utf-7 +AAo-" + PAYLOAD, "Bold ??= '''")
    d = os.path.join(tmp, "font")
    os.makedirs(d)
    gp = [GLYPHPACK, font, "-s", "12", "-c", "0x41-0x43", "-q"]
    harness.run_ok(gp + ["-f", "py", "-o", os.path.join(d, "evilfont.py")])
    harness.run_ok(gp + ["-f", "c", "-o", os.path.join(d, "evilfont"), "--name", "evilfont"])
    with open(os.path.join(d, "evilfont.py"), "rb") as f:
        check(b"coding: utf-7" not in f.read(), "the font's name made no coding declaration")
    got = cpython_import(d, ["evilfont"], "[evilfont.height(), evilfont.min_ch()]")
    check(got[1] == 0x41, "the font module imports in CPython", got)
    check(not os.path.exists(os.path.join(d, "PWNED")), "no code from the font's name ran")
    main = os.path.join(d, "main.c")
    write(main, '#include "evilfont.h"\nint main(void)\n{\n'
          "    return evilfont.glyph_count == 3 ? 0 : 1;\n}\n")
    exe = compile_ok(tmp, "font_main", ["-I", d, main, os.path.join(d, "evilfont.c")])
    check(subprocess.run([exe]).returncode == 0,
          "the font's C output compiles with -trigraphs -Werror")


def preprocess_lvgl(tmp, source):
    """gcc -E of an LVGL C file with a stub lvgl.h (the version and options
    the file's #error guards ask for): comments gone, what is left is code."""
    stub = os.path.join(tmp, "lvstub")
    os.makedirs(stub, exist_ok=True)
    write(os.path.join(stub, "lvgl.h"), "#define LVGL_VERSION_MAJOR 9\n"
          "#define LV_USE_FONT_COMPRESSED 1\n#define LV_FONT_FMT_TXT_LARGE 1\n")
    p = harness.run([CC] + CFLAGS + ["-Wcomment", "-DLV_LVGL_H_INCLUDE_SIMPLE", "-I", stub, "-E",
                                     source], errors="replace")
    assert p.returncode == 0, "%s: %s" % (source, p.stderr[-1500:])
    return p.stdout


def check_lvgl_outputs(tmp):
    """-f lvgl writes the font's family and style into a comment, the image
    command its symbol (from --name) into comments and code."""
    font = os.path.join(tmp, "EvilLv.ttf")
    hostile_font(os.path.join(DEJAVU, "DejaVuSans.ttf"), font,
                 "Evil */ ??/ \\ #include </etc/passwd> " + PAYLOAD, "Bold ??= /*")
    d = os.path.join(tmp, "lvgl")
    os.makedirs(d)
    out = os.path.join(d, "evil_lv.c")
    harness.run_ok([GLYPHPACK, font, "-s", "12", "-c", "0x41-0x43", "-q", "-f", "lvgl", "-o", out])
    code = preprocess_lvgl(tmp, out)
    check("os.system" not in code and "passwd" not in code,
          "the font's names stay in the LVGL font's comment")
    png = os.path.join(tmp, "lvpic.png")
    write(png, harness.png_rgba(4, 4, lambda x, y: (x, y, 0, 255)))
    out = os.path.join(d, "pic.c")
    harness.run_ok([GLYPHPACK, png, "-p", "RGB565", "-f", "lvgl", "-q", "-o", out, "--name",
                    "x */ " + PAYLOAD + ' ??/ "q'])
    code = preprocess_lvgl(tmp, out)
    check("os.system" not in code and '"q' not in code,
          "an LVGL image's --name becomes a C identifier")


def check_font_to_py(tmp):
    """font-to-py writes the font's file name (line 2) and its command line
    into the module's comments as font_to_py does, UTF-8 as it is."""
    d = os.path.join(tmp, "ftp")
    os.makedirs(d)
    font = os.path.join(d, "Evil\ncaf\u00e9 x coding: utf-7 +AAo-" + PAYLOAD + "\r.ttf")
    with open(os.path.join(DEJAVU, "DejaVuSans.ttf"), "rb") as f:
        write(font, f.read())
    harness.run_ok([GLYPHPACK, "font-to-py", font, "12", os.path.join(d, "evilftp.py"),
                    "-c", "ABC\n" + PAYLOAD, "--quiet"])
    with open(os.path.join(d, "evilftp.py"), "rb") as f:
        head = f.read().split(b"\n")[:4]
    check(b"coding: utf-7" not in b"\n".join(head[:2]) and "caf\u00e9".encode() in head[1],
          "the font's file name is on line 2, UTF-8 kept, no coding declaration", head)
    got = cpython_import(d, ["evilftp"], "[evilftp.height() > 0, evilftp.min_ch()]")
    check(got[0] is True, "the font_to_py module imports in CPython", got)
    check(not os.path.exists(os.path.join(d, "PWNED")), "no code from the file name ran")
    micropython(d, ["evilftp"], "evilftp.height() > 0", True)


def check_refused_names(tmp):
    """Names that cannot be written safely are refused up front, naming them."""
    p = os.path.join(tmp, "P3")
    os.makedirs(p)
    write(os.path.join(p, "rasterd.conf"),
          MANIFEST.format(target="t", bundle="a.bin", dfu="x\\ny"))
    r = harness.run([RASTERD, "build", p], drop_env=("RASTERD_SIGNING_KEY_FILE",))
    check(r.returncode == 78 and "dfu.target_name" in r.stderr and "control" in r.stderr,
          "a DFU target name with a newline is refused", r.stderr)
    png = os.path.join(tmp, "pic.png")
    write(png, harness.png_rgba(4, 4, lambda x, y: (x, y, 0, 255)))
    for bad in ('we"ird', "back\\slash"):
        r = harness.run([GLYPHPACK, png, "-p", "L8", "-o", os.path.join(tmp, bad)])
        check(r.returncode == 64 and "#include" in r.stderr,
              "glyphpack image -o %r: usage error naming #include" % bad, r.stderr)
        r = harness.run([GLYPHPACK, os.path.join(DEJAVU, "DejaVuSans.ttf"), "-s", "8", "-o",
                         os.path.join(tmp, bad)])
        check(r.returncode == 64 and "#include" in r.stderr,
              "glyphpack font -o %r: usage error naming #include" % bad, r.stderr)
    font = os.path.join(DEJAVU, "DejaVuSans.ttf")
    for opt in ("--name", "--lvgl-fallback"):
        r = harness.run([GLYPHPACK, font, "-s", "8", "-f", "lvgl", opt, "x;y",
                         "-o", os.path.join(tmp, "lv")])
        check(r.returncode == 64 and "not a C identifier" in r.stderr,
              "glyphpack -f lvgl %s 'x;y': usage error" % opt, r.stderr)


def main():
    tmp = tempfile.mkdtemp(prefix="check-injection-")
    for part in (check_assets, check_frozen, check_font_outputs, check_lvgl_outputs,
                 check_font_to_py, check_refused_names):
        try:
            part(tmp)
        except AssertionError as e:
            check(False, part.__name__, str(e))
    subprocess.run(["rm", "-rf", tmp], check=True)
    return harness.finish()


if __name__ == "__main__":
    sys.exit(main())
