#!/usr/bin/env python3
"""font_to_py's Writer and CWriter (its writer/writer.py, unchanged) in real
MicroPython draw the same text from font_to_py's module and from glyphpack
font-to-py's module of the same font and arguments, onto framebuf displays
(a MONO_HLSB one for Writer, an RGB565 one with a palette for CWriter):

- modules made with --bug-compatible: identical framebuffers for any text
  (word wrap, tabs, newlines, inverted text, characters the font lacks);
- default modules: identical framebuffers for text without the glyphs the
  documented deviations move; an underscore ('_', wholly below the baseline)
  is drawn -top rows lower than font_to_py draws it, top being FreeType's
  bitmap_top as font_to_py's own Font object reports it;
- vertical modules (-y): Writer refuses both alike.

MicroPython: PORT "unix" is the unix port of MicroPython 1.28 built in this
build directory (tests/micropython, -Dmicropython_src), "wasm" is
MicroPython-WASM 1.27 under Node (tests/micropython/mp_run.mjs).

usage: check_ftp_writer.py GLYPHPACK FONT_TO_PY_SRC BUILD_DIR PORT [NODE]
"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "micropython"))
import ftpcheck  # noqa: E402
import mpcheck  # noqa: E402
import mpport  # noqa: E402
from harness import check, finish  # noqa: E402

GLYPHPACK = os.path.abspath(sys.argv[1])
PORT = sys.argv[4]
NODE = sys.argv[5] if len(sys.argv) > 5 else ""

TEXT = ("Hello, World! 0123456789 {~} Ww gjpqy |\\/| @#$%&*\n"
        "A second line\twith a tab, long enough to need word wrapping on this display.\n"
        "Absent: \u4e2d\u6587 end")
EXT_TEXT = "Temp 23\u00b0C \u03bc=\u03c0\u03c9 \u03b1\u03b2\u03b3\u03b4\u03bb\u03a9 ok"

# (name, font, height, options, text)
CASES = [
    ("sans16", "DejaVuSans.ttf", 16, [], TEXT),
    ("sans16r", "DejaVuSans.ttf", 16, ["-r"], TEXT),
    ("mono14f", "DejaVuSansMono.ttf", 14, ["-f"], TEXT),
    ("serif23k", "DejaVuSerif-Italic.ttf", 23, ["-k", "extended"], EXT_TEXT + "\n" + TEXT),
    ("bold20i", "DejaVuSans-Bold.ttf", 20, ["-i", "-c", "0123456789: "], "12:34 56\n7890"),
    ("bdf13", "t13.bdf", 0, ["-x"], TEXT),
    ("sans16y", "DejaVuSans.ttf", 16, ["-y"], TEXT),
]

SCRIPT = mpcheck.PRELUDE + r"""
import framebuf
from writer import Writer, CWriter

W, H = 320, 200


class Mono(framebuf.FrameBuffer):
    def __init__(self):
        self.width, self.height = W, H
        self.buf = bytearray(((W + 7) // 8) * H)
        super().__init__(self.buf, W, H, framebuf.MONO_HLSB)


class Palette(framebuf.FrameBuffer):
    def __init__(self):
        super().__init__(bytearray(4), 2, 1, framebuf.RGB565)

    def fg(self, c):
        self.pixel(1, 0, c)

    def bg(self, c):
        self.pixel(0, 0, c)


class Color(framebuf.FrameBuffer):
    def __init__(self):
        self.width, self.height = W, H
        self.buf = bytearray(2 * W * H)
        super().__init__(self.buf, W, H, framebuf.RGB565)
        self.palette = Palette()

    @staticmethod
    def rgb(r, g, b):
        return ((r & 0xF8) << 8) | ((g & 0xFC) << 3) | (b >> 3)


def mono(font, text):
    d = Mono()
    Writer.set_textpos(d, 0, 0)
    w = Writer(d, font, verbose=False)
    w.printstring(text)
    w.printstring(" inverted ", invert=True)
    return d.buf


def color(font, text):
    d = Color()
    CWriter.set_textpos(d, 0, 0)
    w = CWriter(d, font, fgcolor=Color.rgb(255, 200, 0), bgcolor=Color.rgb(0, 0, 90),
                verbose=False)
    w.printstring(text)
    w.printstring(" inverted ", invert=True)
    return d.buf


def lit(buf):
    return sum(bin(b).count('1') for b in buf)


def ink_rows(font):
    # rows of the display holding ink after drawing '_' at row 0
    d = Mono()
    Writer.set_textpos(d, 0, 0)
    Writer(d, font, verbose=False).printstring('_')
    return [y for y in range(font.height()) if any(d.pixel(x, y) for x in range(W))]


def case(name, text):
    ref, gp, gc = (__import__(p + name) for p in ('ftp_', 'gp_', 'gc_'))
    out = {}
    try:
        rm = mono(ref, text)
    except ValueError as e:
        out['refused'] = str(e)
        try:
            mono(gp, text)
            out['gp_refused'] = ''
        except ValueError as e2:
            out['gp_refused'] = str(e2)
        return out
    out['ink'] = lit(rm)
    out['mono_compat'] = rm == mono(gc, text)
    out['color_compat'] = color(ref, text) == color(gc, text)
    out['mono_default'] = rm == mono(gp, text)
    out['color_default'] = color(ref, text) == color(gp, text)
    if ord('_') in [ord(c) for c in text] or name.startswith('sans'):
        out['underscore'] = [ink_rows(ref), ink_rows(gp)]
    return out


results = {}
for name, text in CASES:
    results[name] = case(name, text)
print(json.dumps(results))
"""


def run_micropython(script, modules):
    """Runs the script in the unix port (modules beside it) or in WASM."""
    if PORT == "wasm":
        return mpcheck.run(NODE, script, modules)
    out = mpport.run_unix(mpport.unix_or_skip(), script, modules, timeout=300, heap="16M")
    return mpport.last_json(out)


def main():
    if PORT == "wasm":
        mpcheck.skip_unless(NODE)
    else:
        mpport.unix_or_skip()
    py = ftpcheck.oracle_python_or_skip()
    ftp_dir = ftpcheck.font_to_py_dir(sys.argv[2], sys.argv[3])
    work = ftpcheck.workdir(py, ftp_dir, [c[1] for c in CASES], "ftp-writer-",
                            ("charsets/extended",))
    tops = {}
    modules = [os.path.join(ftp_dir, "writer", "writer.py")]
    for name, font, height, opts, _ in CASES:
        (rc, oracle, log), ours = ftpcheck.make_modules(py, ftp_dir, work, GLYPHPACK, name,
                                                        opts + [font, str(height)])
        if rc != 0 or any(r != 0 for r, _ in ours):
            raise RuntimeError("%s: font_to_py or glyphpack failed: %s %s" % (name, log[-300:],
                                                                             ours))
        g = oracle["glyphs"].get(str(ord("_")))
        tops[name] = g["top"] if g and g["height"] > 0 else None
        modules += [os.path.join(work, p + name + ".py") for p in ("ftp_", "gp_", "gc_")]
    script = "CASES = %r\n" % [(c[0], c[4]) for c in CASES] + SCRIPT
    results = run_micropython(script, modules)
    for name, *_ in CASES:
        r = results[name]
        if "refused" in r:
            check(r["refused"] == r["gp_refused"] and "horizontally" in r["refused"],
                  "%s: Writer refuses both vertical modules alike" % name, str(r))
            continue
        check(r["ink"] > 100, "%s: Writer drew the text (%d lit pixels)" % (name, r["ink"]))
        check(r["mono_compat"], "%s: Writer, --bug-compatible module: identical framebuffer" % name)
        check(r["color_compat"], "%s: CWriter, --bug-compatible module: identical framebuffer"
              % name)
        check(r["mono_default"], "%s: Writer, default module, text without '_': identical" % name)
        check(r["color_default"], "%s: CWriter, default module, text without '_': identical"
              % name)
        if "underscore" in r and tops[name] is not None:
            ref_rows, gp_rows = r["underscore"]
            shift = max(0, -tops[name])
            check(ref_rows and gp_rows == [y + shift for y in ref_rows],
                  "%s: '_' drawn %d rows below font_to_py's (its top is %d)"
                  % (name, shift, tops[name]), str(r["underscore"]))
    shutil.rmtree(work)
    sys.exit(finish())


if __name__ == "__main__":
    main()
