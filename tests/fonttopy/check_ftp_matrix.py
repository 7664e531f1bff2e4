#!/usr/bin/env python3
"""glyphpack font-to-py against micropython-font-to-py itself, case by case:
fonts (DejaVu TrueType variants, FreeFont OpenType, a BDF and a PCF), heights, character selections and
every option combination font_to_py has (-x/-y, -r, -f, -i, and -b with its
mappings). For each case font_to_py runs on its own command line, then
glyphpack with the same arguments:

- where font_to_py fails, glyphpack must fail too (and write nothing);
- with --bug-compatible the file must be byte-identical, except the glyphs()
  string literal where font_to_py's does not hold its characters;
- by default the file must be byte-identical, or differ only in the listed
  deviations (docs/font-to-py.md): glyphs wholly below the baseline drawn
  -top rows below it, ink overhanging a fixed-pitch cell moved in, and the
  glyphs() literal. Every other line, every index entry and every other
  glyph's bytes are identical, and each deviating glyph's cell is checked
  pixel by pixel against FreeType's bitmap of it (as font_to_py's own Font
  object sees it), placed by the documented rule.

usage: check_ftp_matrix.py GLYPHPACK FONT_TO_PY_SRC BUILD_DIR [STRIDE]
STRIDE n runs every n-th case only (the sanitizer build: font_to_py's time is
the same there, glyphpack's code paths are all still taken).
Prints the counts; exit 1 on any mismatch, 77 when the oracle is missing.
"""
import ast
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ftpcheck  # noqa: E402

GLYPHPACK = os.path.abspath(sys.argv[1])
DEJAVU = os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu")

# Character selections: (name, font_to_py arguments).
CHARSETS = {
    "ascii": [],
    "clock": ["-c", "0123456789:"],             # font_to_py's own -c example
    "extended": ["-k", "extended"],             # charset files from its archive
    "cyrillic": ["-k", "cyrillic"],
    "latin1": ["-s", "32", "-l", "255"],        # a range past 127: sparse index
    "digits": ["-s", "48", "-l", "57", "-e", "32"],
    "mixed": ["-c", "aé€ñ\ue000\u2603Ω", "-e", "35"],  # PUA kept, absent ones dropped
    "controls": ["-s", "0", "-l", "255", "-e", "0"],  # .notdef for absent code points
    "escapes": ["-c", 'A\\nb"x'],                # a backslash before 'b' in glyphs()
    "quote": ["-c", '!"', "-e", "32"],          # '"' closes glyphs()' literal
}
# Every combination of font_to_py's module options.
MODULE_OPTS = [m + r + f + i for m in (["-x"], ["-y"]) for r in ([], ["-r"])
               for f in ([], ["-f"]) for i in ([], ["-i"])]
BINARY_OPTS = [["-b"] + m + r for m in (["-x"], ["-y"]) for r in ([], ["-r"])]


# OpenType (CFF outlines) from Debian's fonts-freefont-otf: FreeSans is the
# font of font_to_py's own examples.
OTF_DIR = "/usr/share/fonts/opentype/freefont"


def otf_fonts():
    found = [os.path.join(OTF_DIR, f) for f in ("FreeSans.otf", "FreeSerifItalic.otf")
             if os.path.exists(os.path.join(OTF_DIR, f))]
    if not found:
        print("note: no OpenType fonts (fonts-freefont-otf, scripts/deps.sh): no OTF cases")
    return found


def cases(bitmap_fonts):
    out = []
    # One base case with every module and binary combination.
    for opts in MODULE_OPTS:
        out.append(("DejaVuSans.ttf", 16, "ascii", opts))
    for opts in BINARY_OPTS + [["-b", "-f"]]:
        out.append(("DejaVuSans.ttf", 16, "ascii", opts))
    # Fonts x heights x selections, the option combinations in rotation.
    k = 0
    fonts = ["DejaVuSans.ttf", "DejaVuSansMono.ttf", "DejaVuSerif-Italic.ttf",
             "DejaVuSansCondensed-BoldOblique.ttf"]
    for font in fonts:
        for height in (8, 13, 23):
            for cs in CHARSETS:
                out.append((font, height, cs, MODULE_OPTS[k % len(MODULE_OPTS)]))
                k += 1
        for height in (10, 32):
            out.append((font, height, "ascii", BINARY_OPTS[k % len(BINARY_OPTS)]))
            k += 1
    out.append(("DejaVuSans.ttf", 32, "latin1", ["-f", "-i"]))
    for font in otf_fonts():
        for height in (12, 23):
            for cs in CHARSETS:
                out.append((font, height, cs, MODULE_OPTS[k % len(MODULE_OPTS)]))
                k += 1
        out.append((font, 17, "ascii", BINARY_OPTS[k % len(BINARY_OPTS)]))
        k += 1
    for font in bitmap_fonts:
        for cs in ("ascii", "extended", "cyrillic", "latin1", "controls"):
            out.append((font, 0, cs, MODULE_OPTS[k % len(MODULE_OPTS)]))
            k += 1
    return out


class Case:
    def __init__(self, n, font, height, cs, opts):
        self.n, self.font, self.height, self.cs, self.opts = n, font, height, cs, opts
        self.binary = "-b" in opts
        self.out = "out.bin" if self.binary else "out.py"
        pos = [os.path.basename(font), str(height), self.out]
        sel = [] if self.binary else CHARSETS[cs]
        self.default = int(sel[sel.index("-e") + 1]) if "-e" in sel else 63
        # Options before and after the positional arguments, alternately.
        self.args = opts + sel + pos if n % 2 else pos + sel + opts
        self.name = "%s %d %s %s" % (os.path.basename(font), height, cs, " ".join(opts))
        self.problems = []
        self.status = None
        self.deviations = {"below_baseline": 0, "overhang": 0, "glyphs_literal": 0}

    def fail(self, msg):
        self.problems.append(msg)


def run_glyphpack(work, case, extra):
    out = os.path.join(work, case.out)
    if os.path.exists(out):
        os.unlink(out)
    p = subprocess.run([GLYPHPACK, "font-to-py", "--quiet"] + extra + case.args, cwd=work,
                       capture_output=True, text=True, env=ftpcheck.clean_env(), timeout=300)
    data = open(out, "rb").read() if os.path.exists(out) else None
    return p.returncode, data, p.stderr


GLYPHS_HEAD = 'def glyphs():\n    for c in """'
GLYPHS_TAIL = '""":\n        yield c, get_ch(c)\n'


def split_literal(text):
    """(text with glyphs()' literal emptied, the literal's source)."""
    a = text.find(GLYPHS_HEAD)
    if a < 0:
        return text, None
    a += len(GLYPHS_HEAD)
    b = text.find(GLYPHS_TAIL, a)
    return text[:a] + text[b:], text[a:b]


def load(text):
    ns = {}
    exec(compile(text, "<font>", "exec"), ns)  # noqa: S102 (our own test output)
    return ns


def decode(buf, w, h, hmap, reverse):
    """Pixel rows of a cell, from font_to_py's documented byte layout."""
    grid = [[0] * w for _ in range(h)]
    if hmap:
        stride = (w + 7) // 8
        for y in range(h):
            for x in range(w):
                byte = buf[y * stride + x // 8]
                bit = (1 << (x % 8)) if reverse else (0x80 >> (x % 8))
                grid[y][x] = 1 if byte & bit else 0
    else:
        stride = (h + 7) // 8
        for x in range(w):
            for y in range(h):
                byte = buf[x * stride + y // 8]
                bit = (0x80 >> (y % 8)) if reverse else (1 << (y % 8))
                grid[y][x] = 1 if byte & bit else 0
    return grid


def placement(g, cell_w, baseline, fixed):
    """Where the documented rule puts glyph g's ink: (row, col, deviating
    kinds). Ink starts -top rows below the baseline's row; at column
    max(0, left), moved left when it would overhang a fixed-pitch cell."""
    row = baseline - g["top"]
    col = max(0, g["left"])
    kinds = []
    if g["height"] > 0 and g["width"] > 0 and g["top"] < 0:
        kinds.append("below_baseline")
    if fixed and g["width"] > 0 and g["height"] > 0 and col + g["width"] > cell_w:
        col = cell_w - g["width"]
        kinds.append("overhang")
    return row, col, kinds


def expected_grid(g, cell_w, cell_h, row, col):
    grid = [[0] * cell_w for _ in range(cell_h)]
    for y in range(g["height"]):
        for x in range(g["width"]):
            if g["pixels"][y * g["width"] + x] == "1":
                grid[row + y][col + x] = 1
    return grid


def cell_bytes(w, h, hmap):
    return ((w + 7) // 8) * h if hmap else ((h + 7) // 8) * w


def check_glyph(case, g, ref_bytes, our_bytes, w, h, baseline, hmap, reverse, fixed, cp):
    """Returns the deviation kinds of one glyph after checking it."""
    row, col, kinds = placement(g, w, baseline, fixed)
    if not kinds:
        if bytes(ref_bytes) != bytes(our_bytes):
            case.fail("U+%04X differs from font_to_py and is no listed deviation" % cp)
        return []
    if decode(our_bytes, w, h, hmap, reverse) != expected_grid(g, w, h, row, col):
        case.fail("U+%04X (%s): cell is not FreeType's bitmap at row %d, column %d"
                  % (cp, "+".join(kinds), row, col))
    return kinds


def font_records(ns, hmap):
    """(start, end, code point) of every record in _font, from the index."""
    font = ns["_font"]
    h = ns["height"]()
    def rec(off):
        w = font[off] | font[off + 1] << 8
        return off, off + 2 + cell_bytes(w, h, hmap)
    out = []
    if "_index" in ns:
        idx = ns["_index"]
        lo = ns["min_ch"]()
        for i in range(len(idx) // 2 - 1):
            off = idx[2 * i] | idx[2 * i + 1] << 8
            if off or i == 0:
                out.append(rec(off) + (None if i == 0 else lo + i - 1,))
    else:
        sp = ns["_sparse"]
        out.append(rec(0) + (None,))
        for i in range(0, len(sp), 4):
            cp = sp[i] | sp[i + 1] << 8
            off = (sp[i + 2] | sp[i + 3] << 8) << 3
            out.append(rec(off) + (cp,))
    return out


def check_literal(case, ref_lit, our_lit, glyphs):
    keys = "".join(sorted(chr(int(k)) for k in glyphs))
    if ref_lit != keys:
        case.fail("font_to_py's glyphs() literal is not its characters (test assumption)")
    try:
        ours = ast.literal_eval('"""' + our_lit + '"""')
    except (SyntaxError, ValueError) as e:
        case.fail("glyphs() literal does not parse: %s" % e)
        return
    if ours != keys:
        case.fail("glyphs() literal holds %r, not the characters %r" % (ours, keys))
    if our_lit != ref_lit:
        case.deviations["glyphs_literal"] += 1


def compare_module(case, ref, ours, oracle, reverse, fixed):
    ref_body, ref_lit = split_literal(ref.decode("utf-8", "surrogateescape"))
    our_body, our_lit = split_literal(ours.decode("utf-8"))
    if (ref_lit is None) != (our_lit is None):
        return case.fail("glyphs() present in one file only")
    if ref_lit is not None:
        check_literal(case, ref_lit, our_lit, oracle["glyphs"])
    ref_lines, our_lines = ref_body.split("\n"), our_body.split("\n")
    if len(ref_lines) != len(our_lines):
        return case.fail("%d lines, font_to_py %d" % (len(our_lines), len(ref_lines)))
    in_font = False
    for a, b in zip(ref_lines, our_lines):
        in_font = a == "_font =\\" or (in_font and a.startswith("b'"))
        if a != b and not (in_font and a.startswith("b'")):
            return case.fail("line differs: %r vs font_to_py %r" % (b[:80], a[:80]))
    rns, ons = load(ref_body), load(our_body)
    hmap = rns["hmap"]()
    base = rns["baseline"]()
    deviating = set()
    for key, g in oracle["glyphs"].items():
        cp = int(key)
        rb, rh, rw = rns["get_ch"](chr(cp))
        ob, oh, ow = ons["get_ch"](chr(cp))
        if (rh, rw) != (oh, ow):
            case.fail("U+%04X: %dx%d cell, font_to_py %dx%d" % (cp, ow, oh, rw, rh))
            continue
        kinds = check_glyph(case, g, rb, ob, ow, oh, base, hmap, reverse, fixed, cp)
        for kind in kinds:
            case.deviations[kind] += 1
        if kinds:
            deviating.add(cp)
    check_font_bytes(case, rns, ons, hmap, deviating)


def model_check(case, ours, oracle, reverse):
    """Every glyph of our module against FreeType's bitmap placed by the
    documented rule (for cases where font_to_py writes no file)."""
    body, lit = split_literal(ours.decode("utf-8"))
    if lit is not None:
        check_literal(case, lit, lit, oracle["glyphs"])
    ns = load(body)
    h, base, hmap = ns["height"](), ns["baseline"](), ns["hmap"]()
    if (h, base, ns["max_width"]()) != (oracle["height"], oracle["baseline"],
                                        oracle["max_width"]):
        return case.fail("height/baseline/max_width differ from font_to_py's")
    for key, g in oracle["glyphs"].items():
        cp = int(key)
        buf, gh, w = ns["get_ch"](chr(cp))
        row, col, kinds = placement(g, w, base, True)
        for kind in kinds:
            case.deviations[kind] += 1
        if w != (oracle["fixed_width"] or w) or gh != h:
            case.fail("U+%04X: %dx%d cell" % (cp, w, gh))
        elif decode(buf, w, h, hmap, reverse) != expected_grid(g, w, h, row, col):
            case.fail("U+%04X: cell is not FreeType's bitmap at row %d, column %d"
                      % (cp, row, col))


def check_font_bytes(case, rns, ons, hmap, deviating):
    """Bytes of _font that differ must lie in records of deviating glyphs."""
    rf, of = rns["_font"], ons["_font"]
    if len(rf) != len(of):
        return case.fail("_font holds %d bytes, font_to_py %d" % (len(of), len(rf)))
    allowed = bytearray(len(rf))
    for start, end, cp in font_records(rns, hmap):
        if (case.default if cp is None else cp) in deviating:
            allowed[start + 2:end] = b"\x01" * (end - start - 2)
    for p in range(len(rf)):
        if rf[p] != of[p] and not allowed[p]:
            return case.fail("_font byte %d differs outside every deviating glyph" % p)


def compare_binary(case, ref, ours, oracle, reverse):
    if len(ref) != len(ours) or ref[:4] != ours[:4]:
        return case.fail("binary header or length differs")
    hmap = ref[0] in (0x40, 0x42)
    h = ref[3]
    pos = 4
    for cp in range(32, 127):
        g = oracle["glyphs"][str(cp)]
        w = g["cell_width"]
        size = cell_bytes(w, h, hmap)
        if ref[pos] != ours[pos]:
            case.fail("U+%04X: width byte differs" % cp)
        rb, ob = ref[pos + 1:pos + 1 + size], ours[pos + 1:pos + 1 + size]
        for kind in check_glyph(case, g, rb, ob, w, h, oracle["baseline"], hmap, reverse,
                                True, cp):
            case.deviations[kind] += 1
        pos += 1 + size


def run_case(case, py, ftp_dir, base):
    work = tempfile.mkdtemp(prefix="case%03d-" % case.n, dir=base)
    font_src = case.font if os.path.isabs(case.font) else os.path.join(DEJAVU, case.font)
    os.symlink(font_src, os.path.join(work, os.path.basename(font_src)))
    for name in ("extended", "cyrillic"):
        os.symlink(os.path.join(ftp_dir, "charsets", name), os.path.join(work, name))
    rc, ref, oracle, log = ftpcheck.run_oracle(py, ftp_dir, work, case.args, case.out)
    grc, ours, gerr = run_glyphpack(work, case, [])
    crc, compat, cerr = run_glyphpack(work, case, ["--bug-compatible"])
    if rc != 0 and oracle and "IndexError" in (oracle["error"] or "") and "-f" in case.opts:
        # font_to_py's fixed-pitch overhang past the cell's last row: it
        # fails; glyphpack writes the file, every glyph where the rule says.
        case.status = "fixed"
        if grc != 0 or crc != 0:
            case.fail("glyphpack failed: %s" % (gerr or cerr).strip())
        else:
            model_check(case, ours, oracle, "-r" in case.opts)
        return case
    if rc != 0 or ref is None:
        case.status = "refused"
        if grc == 0 or crc == 0 or ours is not None or compat is not None:
            case.fail("font_to_py failed (%s) but glyphpack wrote a file"
                      % log.strip().splitlines()[-1:])
        elif not gerr.strip():
            case.fail("glyphpack failed without a message")
        return case
    if grc != 0 or crc != 0:
        case.fail("glyphpack failed: %s" % (gerr or cerr).strip())
        return case
    reverse = "-r" in case.opts
    if case.binary:
        if compat != ref:
            case.fail("--bug-compatible: binary file differs")
        compare_binary(case, ref, ours, oracle, reverse)
    else:
        if compat != ref:
            r, rl = split_literal(ref.decode("utf-8", "surrogateescape"))
            c, cl = split_literal(compat.decode("utf-8"))
            if r != c or rl == cl:
                case.fail("--bug-compatible: file differs beyond glyphs()' literal")
        compare_module(case, ref, ours, oracle, reverse, "-f" in case.opts)
    case.status = "identical" if ours == ref else "deviations"
    if not case.problems:
        shutil.rmtree(work)
    return case


def main():
    py = ftpcheck.oracle_python_or_skip()
    ftp_dir = ftpcheck.font_to_py_dir(sys.argv[2], sys.argv[3])
    base = tempfile.mkdtemp(prefix="ftp-matrix-")
    stride = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    all_cases = [Case(n, *c) for n, c in enumerate(cases(ftpcheck.bitmap_fonts(py, base)))]
    if stride > 1:
        print("running every %d-th of %d cases" % (stride, len(all_cases)))
        all_cases = all_cases[::stride]
    workers = max(2, os.cpu_count() or 2)
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        done = list(pool.map(lambda c: run_case(c, py, ftp_dir, base), all_cases))
    bad = [c for c in done if c.problems]
    for c in bad:
        print("FAIL: %s (args: %s)" % (c.name, " ".join(c.args)))
        for p in c.problems[:8]:
            print("    " + p)
    count = {s: sum(1 for c in done if c.status == s)
             for s in ("identical", "deviations", "refused", "fixed")}
    dev = {k: sum(c.deviations[k] for c in done) for k in done[0].deviations}
    print("font-to-py matrix: %d cases: %d byte-identical, %d with listed deviations only, "
          "%d refused by both, %d where font_to_py fails (fixed-pitch overhang) and glyphpack "
          "writes the file" % (len(done), count["identical"], count["deviations"],
                               count["refused"], count["fixed"]))
    print("deviating glyphs: %d below the baseline, %d overhanging a fixed-pitch cell; "
          "glyphs() literals escaped: %d" % (dev["below_baseline"], dev["overhang"],
                                             dev["glyphs_literal"]))
    completes = count["identical"] + count["deviations"]
    literals = sum(1 for c in done if c.status in ("identical", "deviations")
                   and c.deviations["glyphs_literal"])
    print("--bug-compatible: identical in %d of the %d cases font_to_py completes (the rest "
          "differ in the glyphs() literal only)" % (completes - literals, completes))
    if not bad:
        shutil.rmtree(base)
    print("%d case(s) failed" % len(bad) if bad else "all cases pass")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
