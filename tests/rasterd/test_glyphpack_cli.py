#!/usr/bin/env python3
"""glyphpack command-line behaviour: exit codes (sysexits), messages naming
the file and reason, output naming, all-or-nothing outputs (no partial file,
no temporary file, previous output kept), --strict coverage, determinism.

usage: test_glyphpack_cli.py GLYPHPACK   (DEJAVU_DIR from the environment)
"""
import hashlib
import json
import os
import random
import struct
import sys

import harness
from harness import case

GP = os.path.abspath(sys.argv[1])
DEJAVU = os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu")
SANS = os.path.join(DEJAVU, "DejaVuSans.ttf")
MONO = os.path.join(DEJAVU, "DejaVuSansMono.ttf")


def run(args, cwd):
    """glyphpack ARGS in `cwd`: (exit, out, err)."""
    p = harness.run([GP] + args, cwd=cwd, timeout=60)
    return p.returncode, p.stdout, p.stderr


def tree(d):
    """Every file under d with its SHA-256."""
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            path = os.path.join(root, f)
            if not os.path.isfile(path):  # FIFOs: never open them
                out[os.path.relpath(path, d)] = "special"
                continue
            out[os.path.relpath(path, d)] = hashlib.sha256(open(path, "rb").read()).hexdigest()
    return out


def expect(args, d, code, mentions=(), unchanged=True):
    before = tree(d)
    rc, out, err = run(args, d)
    assert rc == code, f"{args}: exit {rc}, want {code}; stderr: {err.strip()}"
    for m in mentions:
        assert m in err, f"{args}: stderr does not mention {m!r}: {err.strip()}"
    if unchanged:
        after = tree(d)
        assert after == before, f"{args}: files changed: {sorted(set(after) ^ set(before)) or 'contents'}"
    return out, err


@case("cli_help_and_version_exit_0")
def _(d):
    for a in (["--help"], ["-h"]):
        out, _ = expect(a, d, 0)
        for opt in ("--size", "--line-height", "--chars", "--chars-file", "--bpp", "--layout",
                    "--bit-order", "--row-align", "--cell", "--format", "--output", "--name",
                    "--preview", "--strict", "--hinting", "--face", "--verbose", "--quiet",
                    "--compact", "--kerning", "--quantize"):
            assert opt in out, f"--help lacks {opt}"
    out, _ = expect(["--version"], d, 0)
    assert out.startswith("glyphpack "), out


@case("cli_bad_options_exit_64")
def _(d):
    bad = [["--bogus", SANS, "-s", "16"], [SANS, "-s", "0"], [SANS, "-s", "99999"],
           [SANS, "-s", "1e3"], [SANS, "-s", "-4"], [SANS], [SANS, "-s", "16", "--line-height", "16"],
           ["-s", "16"], [SANS, "-s", "16", "-b", "3"], [SANS, "-s", "16", "--layout", "diagonal"],
           [SANS, "-s", "16", "--bit-order", "middle"], [SANS, "-s", "16", "-f", "pdf"],
           [SANS, "-s", "16", "--row-align", "3"], [SANS, "-s", "16", "--hinting", "max"],
           [SANS, "-s", "16", "--layout", "pages", "--row-align", "packed"],
           [SANS, "-s", "16", "-f", "py", "-b", "4"], [SANS, "-s", "16", "-f", "py", "--row-align", "packed"],
           [SANS, "-s", "16", "--name", "9lives"], [SANS, "-s", "16", "--face", "x"],
           [SANS, "-s", "16", "-c", ""], [SANS, "-s", "16", "-o", "dir/"], [SANS, "-s", "16", "-q", "-v"]]
    for a in bad:
        expect(a, d, 64)


@case("cli_missing_file_exit_66_names_it")
def _(d):
    expect(["nope.ttf", "-s", "16"], d, 66, ["nope.ttf", "not found"])
    expect([SANS, "-s", "16", "--chars-file", "nochars.txt"], d, 66, ["nochars.txt"])


@case("cli_directory_input_exit_66")
def _(d):
    os.mkdir(os.path.join(d, "fonts"))
    expect(["fonts", "-s", "16"], d, 66, ["fonts", "directory"])


@case("cli_hostile_font_files_exit_65_no_output")
def _(d):
    data = open(SANS, "rb").read()
    rnd = random.Random(1234)
    samples = {"trunc.ttf": data[:20000], "head.ttf": data[:12], "empty.ttf": b"",
               "random.ttf": bytes(rnd.getrandbits(8) for _ in range(5000)),
               "text.ttf": b"this is not a font\n" * 50,
               # valid header and tables directory, garbage glyph data
               "scrambled.ttf": data[:2000] + bytes(rnd.getrandbits(8) for _ in range(len(data) - 2000))}
    for name, blob in samples.items():
        open(os.path.join(d, name), "wb").write(blob)
    for name in samples:
        rc, _, err = run([name, "-s", "16", "-f", "bin", "-o", "out.bin", "--preview", "p.png"], d)
        assert rc in (0, 65), f"{name}: exit {rc}: {err.strip()}"
        if rc == 65:
            assert name in err, f"{name}: message does not name the file: {err.strip()}"
            left = sorted(f for f in os.listdir(d) if f not in samples)
            assert left == [], f"{name}: left {left}"
        elif name != "scrambled.ttf":
            raise AssertionError(f"{name}: accepted")
        for f in ("out.bin", "p.png"):
            if os.path.exists(os.path.join(d, f)):
                os.remove(os.path.join(d, f))


@case("cli_fifo_and_device_inputs_do_not_hang")
def _(d):
    fifo = os.path.join(d, "pipe.ttf")
    os.mkfifo(fifo)
    expect(["pipe.ttf", "-s", "16"], d, 66, ["pipe.ttf"])
    expect([SANS, "-s", "16", "--chars-file", "pipe.ttf"], d, 66, ["pipe.ttf"])
    rc, _, err = run(["/dev/null", "-s", "16", "-o", "n"], d)
    assert rc in (65, 66) and "/dev/null" in err, f"/dev/null: exit {rc}: {err}"
    assert not os.path.exists(os.path.join(d, "n.c")), "output written"


@case("cli_bad_chars_file_exit_65")
def _(d):
    open(os.path.join(d, "bad.txt"), "wb").write(b"abc\xff\xfe")
    expect([SANS, "-s", "16", "--chars-file", "bad.txt"], d, 65, ["bad.txt"])
    open(os.path.join(d, "ctl.txt"), "wb").write(b"\n\t\n")
    expect([SANS, "-s", "16", "--chars-file", "ctl.txt"], d, 65, ["ctl.txt"])


@case("cli_strict_missing_code_point_exit_65_no_output")
def _(d):
    expect([SANS, "-s", "16", "-c", "0x41-0x43,0xE000", "--strict", "--preview", "p.png"], d, 65,
           ["strict"])


@case("cli_missing_code_point_warns_and_writes")
def _(d):
    rc, out, err = run([SANS, "-s", "16", "-c", "0x41-0x43,0xE000"], d)
    assert rc == 0 and "U+E000" in err and "warning" in err, err
    assert sorted(os.listdir(d)) == ["DejaVuSans_16.c", "DejaVuSans_16.h"], os.listdir(d)


@case("cli_fallback_chain_reports_coverage")
def _(d):
    rc, out, err = run([MONO, SANS, "-s", "12", "-c", "0x41-0x5A,0x1E00-0x1E0F,0x2190-0x21FF",
                        "-f", "json", "-o", "fb.json"], d)
    assert rc == 0, err
    assert "coverage: DejaVuSansMono.ttf:" in out and "coverage: DejaVuSans.ttf:" in out, out
    # Which font supplied what, as ranges: every JSON glyph lies in a range of
    # its font's line (-v: the lines are not cut), and the counts add up.
    import json
    import re
    rc, out, err = run([MONO, SANS, "-s", "12", "-c", "0x41-0x5A,0x1E00-0x1E0F,0x2190-0x21FF",
                        "-v", "-f", "json", "-o", "fb.json"], d)
    assert rc == 0, err
    spans = {}
    for name, count, ranges in re.findall(r"coverage: (\S+): (\d+) code points?:? ?(.*)", out):
        spans[name] = [tuple(int(x, 16) for x in r.split("-U+")) if "-" in r else (int(r, 16),) * 2
                       for r in re.findall(r"([0-9A-F]{4,6}(?:-U\+[0-9A-F]{4,6})?)", ranges)]
        assert sum(b - a + 1 for a, b in spans[name]) == int(count), (name, count, ranges)
    assert (0x41, 0x5A) in spans["DejaVuSansMono.ttf"], spans
    glyphs = json.load(open(os.path.join(d, "fb.json")))["glyphs"]
    covered = sorted(cp for rs in spans.values() for a, b in rs for cp in range(a, b + 1))
    assert covered == [g["codepoint"] for g in glyphs], "coverage ranges differ from the output"


@case("cli_output_naming")
def _(d):
    for args, want in [([], ["DejaVuSans_16.c", "DejaVuSans_16.h"]),
                       (["-f", "bin"], ["DejaVuSans_16.bin"]),
                       (["-f", "py"], ["DejaVuSans_16.py"]),
                       (["-f", "json"], ["DejaVuSans_16.json"]),
                       (["--line-height", "16", "-f", "json"], ["DejaVuSans_lh16.json"]),
                       (["-o", "font.c"], ["font.c", "font.h"]),
                       (["-o", "font.h"], ["font.c", "font.h"]),
                       (["-o", "font"], ["font.c", "font.h"]),
                       (["-f", "bin", "-o", "blob"], ["blob"]),
                       (["-f", "json", "-o", "f.txt", "--preview", "f.png"], ["f.png", "f.txt"])]:
        for f in os.listdir(d):
            os.remove(os.path.join(d, f))
        size = [] if "--line-height" in args else ["-s", "16"]
        rc, out, err = run([SANS] + size + args, d)
        assert rc == 0, f"{args}: {err}"
        assert sorted(os.listdir(d)) == want, f"{args}: {sorted(os.listdir(d))}"
        for w in want:
            if not w.endswith(".h"):
                assert w in out, f"{args}: stdout does not say it wrote {w}: {out}"
    rc, out, err = run([SANS, "-s", "16", "-q", "-f", "json", "-o", "q.json"], d)
    assert rc == 0 and out == "", f"-q printed {out!r}"


@case("cli_unwritable_output_exit_73_nothing_written")
def _(d):
    expect([SANS, "-s", "16", "-o", "no/such/dir/font"], d, 73, ["no/such/dir/font"])
    # First output fine, preview impossible: neither may appear.
    expect([SANS, "-s", "16", "-o", "font", "--preview", "no/dir/p.png"], d, 73, ["p.png"])


@case("cli_failed_run_keeps_previous_output")
def _(d):
    rc, _, err = run([SANS, "-s", "16", "-o", "keep", "--preview", "keep.png"], d)
    assert rc == 0, err
    before = tree(d)
    open(os.path.join(d, "broken.ttf"), "wb").write(open(SANS, "rb").read()[:5000])
    before = tree(d)
    for args in (["broken.ttf", "-s", "16"], [SANS, "-s", "16", "-c", "0xE000", "--strict"],
                 [SANS, "-s", "16", "-c", "0x41", "--preview", "no/dir/x.png"]):
        rc, _, _ = run(args + ["-o", "keep", "--preview", "keep.png"] if "--preview" not in args
                       else args + ["-o", "keep"], d)
        assert rc != 0, f"{args}: succeeded"
        assert tree(d) == before, f"{args}: previous outputs changed"


@case("cli_outputs_are_deterministic")
def _(d):
    a, b = os.path.join(d, "a"), os.path.join(d, "b")
    os.makedirs(a)
    os.makedirs(os.path.join(b, "deeper"))
    link = os.path.join(d, "b", "deeper", "Sans.ttf")
    os.symlink(SANS, link)
    for fmt in ("c", "bin", "py", "json"):
        r1 = run([SANS, "-s", "14", "-b", "1" if fmt == "py" else "4", "-f", fmt, "-o", "x",
                  "--preview", "x.png"], a)
        r2 = run([os.path.relpath(link, os.path.join(b, "deeper")), "-s", "14",
                  "-b", "1" if fmt == "py" else "4", "-f", fmt, "-o", "x", "--preview", "x.png"],
                 os.path.join(b, "deeper"))
        assert r1[0] == 0 and r2[0] == 0, r1[2] + r2[2]
        t1, t2 = tree(a), tree(os.path.join(b, "deeper"))
        t2.pop("Sans.ttf")
        assert t1 == t2, f"-f {fmt}: outputs differ between runs"


@case("cli_refuses_to_overwrite_an_input")
def _(d):
    import shutil
    shutil.copy(SANS, os.path.join(d, "f.ttf"))
    open(os.path.join(d, "chars.txt"), "w").write("abc")
    expect(["f.ttf", "-s", "16", "-f", "bin", "-o", "f.ttf"], d, 64, ["f.ttf"])
    expect(["f.ttf", "-s", "16", "--preview", "./f.ttf"], d, 64, ["f.ttf"])
    expect(["f.ttf", "-s", "16", "--chars-file", "chars.txt", "-f", "json", "-o", "chars.txt"],
           d, 64, ["chars.txt"])


@case("cli_face_out_of_range_exit_65")
def _(d):
    expect([SANS, "-s", "16", "--face", "3"], d, 65, ["DejaVuSans.ttf", "face"])


@case("cli_line_height_and_hinting_modes")
def _(d):
    import json
    rc, _, err = run([SANS, "--line-height", "16", "-f", "json", "-o", "lh.json"], d)
    assert rc == 0, err
    font = json.load(open(os.path.join(d, "lh.json")))["font"]
    assert font["line_height"] <= 16 and font["size_px"] < 16, font
    for mode in ("normal", "light", "mono", "none", "auto", "auto-strong"):
        rc, _, err = run([SANS, "-s", "16", "-b", "4", "--hinting", mode, "-f", "json",
                          "-o", mode + ".json"], d)
        assert rc == 0, f"--hinting {mode}: {err}"


@case("cli_quantize_and_lvgl_rendering_defaults")
def _(d):
    # (Pixels against FreeType: tests/libglyph and tests/lvgl.) Here: which
    # rendering each format takes by default, and the words.
    def out(name, args):
        rc, _, err = run([SANS, "-s", "24", "-b", "4", "-o", name] + args, d)
        assert rc == 0, f"{args}: {err}"
        return open(os.path.join(d, name), "rb").read()
    # LVGL outputs: lv_font_conv's rendering unless asked otherwise.
    lv = out("a.bin", ["-f", "lvgl-bin"])
    assert lv == out("b.bin", ["-f", "lvgl-bin", "--hinting", "auto", "--quantize", "truncate"])
    assert lv != out("c.bin", ["-f", "lvgl-bin", "--quantize", "round"])
    assert lv != out("d.bin", ["-f", "lvgl-bin", "--hinting", "none"])
    # The other formats keep FreeType's default hinting and rounding.
    js = out("a.json", ["-f", "json"])
    assert js == out("b.json", ["-f", "json", "--quantize", "round"])
    assert js != out("c.json", ["-f", "json", "--quantize", "truncate"])
    expect([SANS, "-s", "16", "--quantize", "floor"], d, 64, ["--quantize", "round or truncate"])
    expect([SANS, "-s", "16", "--hinting", "max"], d, 64, ["auto-strong"])


@case("cli_outputs_embed_no_paths")
def _(d):
    for fmt in ("c", "bin", "py", "json"):
        rc, _, err = run([SANS, "-s", "12", "-f", fmt, "-o", os.path.join(d, "p" + fmt)], d)
        assert rc == 0, err
    for f in os.listdir(d):
        blob = open(os.path.join(d, f), "rb").read()
        for needle in (DEJAVU.encode(), d.encode(), b"/usr/", b"/tmp"):
            assert needle not in blob, f"{f} contains {needle!r}"


@case("cli_man_page_lists_every_help_option")
def _(d):
    import re
    src = os.environ.get("SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
    scd = open(os.path.join(src, "docs", "glyphpack.1.scd"), encoding="utf-8").read()
    guide = open(os.path.join(src, "docs", "user-guide.md"), encoding="utf-8").read()
    _, out, _ = run(["--help"], d)
    opts = set(re.findall(r"--[a-z][a-z-]+", out))
    assert len(opts) >= 18, opts
    for o in sorted(opts):
        assert f"*{o}*" in scd, f"man page lacks {o}"
        assert f"`{o}" in guide or f", {o}" in guide, f"user guide lacks {o}"


@case("cli_cell_keeps_every_pixel_of_the_tight_boxes")
def _(d):
    import json

    def ink(path):
        """code point -> (advance, set of (x, y, level)) relative to pen and baseline."""
        out = {}
        for g in json.load(open(os.path.join(d, path)))["glyphs"]:
            px = bytes.fromhex(g["bitmap"])  # -b 8, rows: one byte per pixel
            dots = {(g["left"] + i % g["width"], g["top"] - i // g["width"], v)
                    for i, v in enumerate(px) if v}
            out[g["codepoint"]] = (g["advance"], dots, g["width"], g["height"], g["top"])
        return out

    chars = "0x20-0x7E,0xA0-0x17F,0x300-0x30F,0x370-0x3FF"
    for args in ([], ["--cell"]):
        rc, _, err = run([SANS, "-s", "12", "-b", "8", "-c", chars, "-f", "json",
                          "-o", "cell.json" if args else "tight.json"] + args, d)
        assert rc == 0 and "clip" not in err, err
    tight, cell = ink("tight.json"), ink("cell.json")
    assert tight.keys() == cell.keys()
    assert cell[ord("J")][2] > cell[ord("J")][0], "J's cell is not wider than its advance"
    rows = {(c[3], c[4]) for c in cell.values() if c[2]}
    assert len(rows) == 1, f"cells differ in height/top: {rows}"
    for cp in tight:
        assert tight[cp][0] == cell[cp][0], f"U+{cp:04X}: advance changed"
        assert tight[cp][1] == cell[cp][1], f"U+{cp:04X}: pixels differ between tight and cell"


@case("cli_compact_bin_range_checked_exit_65_names_glyph")
def _(d):
    # At 200 px 'A' is taller than 255 rows and its top above 127: an error
    # naming the glyph and the field, nothing written.
    expect([SANS, "-s", "200", "-c", "A", "--compact", "-f", "bin", "-o", "big.bin"], d, 65,
           ["U+0041", "compact glyph record", "(drop --compact)"])
    expect([SANS, "-s", "16", "--compact", "-f", "json"], d, 64, ["--compact"])
    rc, _, err = run([SANS, "-s", "16", "--compact", "-f", "bin", "-o", "c.bin"], d)
    rc2, _, err2 = run([SANS, "-s", "16", "-f", "bin", "-o", "n.bin"], d)
    assert rc == 0 and rc2 == 0, err + err2
    small = os.path.getsize(os.path.join(d, "c.bin"))
    assert small == os.path.getsize(os.path.join(d, "n.bin")) - 8 * 95, small


@case("cli_lvgl_options_and_names")
def _(d):
    # LVGL has its own layout; RLE exists at 2 and 4 bpp only; the fallback
    # is a C identifier and a C font's alone.
    for bad in (["--cell"], ["--layout", "pages"], ["--row-align", "byte"], ["--bit-order", "msb"]):
        expect([SANS, "-s", "16", "-f", "lvgl"] + bad, d, 64, ["LVGL"])
    expect([SANS, "-s", "16", "-f", "lvgl-bin", "--lvgl-bitmaps", "rle"], d, 64, ["2 and 4 bpp"])
    expect([SANS, "-s", "16", "-b", "8", "-f", "lvgl", "--lvgl-bitmaps", "rle-no-prefilter"],
           d, 64, ["2 and 4 bpp"])
    expect([SANS, "-s", "16", "-f", "lvgl", "--lvgl-fallback", "x);int y"], d, 64,
           ["--lvgl-fallback"])
    expect([SANS, "-s", "16", "-f", "lvgl-bin", "--lvgl-fallback", "other"], d, 64,
           ["--lvgl-fallback"])
    expect([SANS, "-s", "16", "-f", "bin", "--lvgl-bitmaps", "plain"], d, 64, ["--lvgl-bitmaps"])
    expect([SANS, "-s", "16", "-f", "lvgl", "--lvgl-bitmaps", "lz4"], d, 64, ["--lvgl-bitmaps"])
    # Names: -o out/ui_16 and out/ui_16.c both write out/ui_16.c defining
    # lv_font_t ui_16; byte-identical on a second run; the binary as given.
    os.mkdir(os.path.join(d, "out"))
    for o in ("out/ui_16", "out/ui_16.c"):
        rc, _, err = run([SANS, "-s", "16", "-b", "4", "-f", "lvgl", "-o", o], d)
        assert rc == 0, err
        assert sorted(os.listdir(os.path.join(d, "out"))) == ["ui_16.c"], os.listdir(d + "/out")
    c = open(os.path.join(d, "out", "ui_16.c")).read()
    assert "const lv_font_t ui_16 = {" in c and "LV_FONT_DECLARE(ui_16)" in c, c[:400]
    first = tree(d)
    run([SANS, "-s", "16", "-b", "4", "-f", "lvgl", "-o", "out/ui_16"], d)
    assert tree(d) == first, "not deterministic"
    rc, _, err = run([SANS, "-s", "16", "-f", "lvgl-bin", "-o", "font16"], d)
    assert rc == 0 and os.path.getsize(os.path.join(d, "font16")) > 100, err


@case("cli_lvgl_bitmaps_smallest_is_smallest")
def _(d):
    # --lvgl-bitmaps smallest (the default) writes the smallest of the
    # binary fonts the three encodings give, for text and CJK-like shapes.
    for px, bpp, chars in (("16", "4", "0x20-0x7E"), ("48", "2", "0x20-0x7E"),
                           ("24", "4", "0x410-0x44F")):
        sizes = {}
        for m in ("smallest", "plain", "rle", "rle-no-prefilter"):
            out = os.path.join(d, m + ".bin")
            rc, _, err = run([SANS, "-s", px, "-b", bpp, "-c", chars, "-f", "lvgl-bin",
                              "--lvgl-bitmaps", m, "-o", out], d)
            assert rc == 0, err
            sizes[m] = os.path.getsize(out)
        assert sizes["smallest"] == min(sizes.values()), sizes


@case("cli_lvgl_large_glyphs_warn")
def _(d):
    # A 300 px glyph exceeds LVGL's default descriptors: a warning naming
    # LV_FONT_FMT_TXT_LARGE, and the C font refuses to build without it.
    rc, _, err = run([SANS, "-s", "300", "-c", "M", "-b", "4", "-f", "lvgl", "-o", "m"], d)
    assert rc == 0 and "LV_FONT_FMT_TXT_LARGE" in err, err
    assert "#if !LV_FONT_FMT_TXT_LARGE\n#error" in open(os.path.join(d, "m.c")).read()
    rc, _, err = run([SANS, "-s", "16", "-b", "4", "-f", "lvgl", "-o", "s"], d)
    assert rc == 0 and "LARGE" not in err and "LARGE" not in open(os.path.join(d, "s.c")).read()


@case("cli_png_input_goes_to_image_command")
def _(d):
    # A file with the PNG signature but a broken body reaches the image
    # command, which names it and exits 65 (bad input data).
    open(os.path.join(d, "img.bin"), "wb").write(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    expect(["img.bin", "-p", "RGB565"], d, 65, ["img.bin"])


@case("cli_kerning_in_json_and_bin_only_when_asked")
def _(d):
    expect([SANS, "-s", "16", "--kerning", "-f", "py", "-o", "k.py"], d, 64, ["--kerning"])
    for extra in ([], ["--kerning"]):
        rc, out, err = run([SANS, "-s", "16", "-f", "json", "-o", "k.json"] + extra, d)
        rc2, _, err2 = run([SANS, "-s", "16", "-f", "bin", "-o", "k.bin"] + extra, d)
        assert rc == 0 and rc2 == 0, err + err2
        doc = json.load(open(os.path.join(d, "k.json")))
        version, = struct.unpack_from("<H", open(os.path.join(d, "k.bin"), "rb").read(), 4)
        if extra:
            pairs = {(a, b): v for a, b, v in doc["kerning"]["pairs"]}
            assert pairs[(ord("A"), ord("V"))] < 0 and version == 2, (pairs, version)
            assert "kerning pairs" in out, out
        else:
            assert "kerning" not in doc and version == 1, version
    # A font without kerning tables: no kerning, no error.
    rc, _, err = run([MONO, "-s", "16", "--kerning", "-f", "json", "-o", "m.json"], d)
    assert rc == 0 and "kerning" not in json.load(open(os.path.join(d, "m.json"))), err


sys.exit(harness.finish())
