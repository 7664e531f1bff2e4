#!/usr/bin/env python3
"""Build-time generator of the LVGL image test (test_lvgl_image.c).

  lvimg_gen.py GLYPHPACK OUTDIR CASES_C [RASTERD]

Writes the fixture PNGs into OUTDIR (an RGBA image with every kind of alpha,
and images of exactly 2, 4, 16 and 256 colours for the indexed formats),
runs `glyphpack PNG -f lvgl|lvgl-bin -p CF ...` once per case into OUTDIR,
and writes CASES_C: it #includes every generated C file (so the C files
compile against LVGL's own headers) and defines the case table of
lvimg_case.h with the fixtures' pixels as the test's source of truth.
With RASTERD, the MANIFEST_CASES are also built by `rasterd build` from a
manifest's lvgl.images group: their C files, .bin files and the header
declaring them come out of the build's generation.
"""
import os
import shutil
import sys

from harness import png_rgba, rasterd_keygen_build

W, H = 37, 13  # odd width: padded rows and partial bytes at every bpp
ALPHAS = (255, 0, 128, 200, 33, 254, 1)

DIRECT = ("RGB565", "RGB565_SWAPPED", "RGB565A8", "ARGB8565", "RGB888", "XRGB8888",
          "ARGB8888", "ARGB8888_PREMULTIPLIED", "L8", "AL88", "A1", "A2", "A4", "A8",
          "ARGB1555", "ARGB4444", "ARGB2222")
INDEXED = {"I1": 2, "I2": 4, "I4": 16, "I8": 256}
# LVGL 9.5's binary decoder opens .bin files of these only when compressed.
BIN_NEEDS_COMPRESSION = ("ARGB8888_PREMULTIPLIED", "L8", "AL88", "ARGB1555", "ARGB4444",
                         "ARGB2222")
COMPRESS = ("none", "rle", "lz4")


def rgba_pixel(x, y):
    return ((x * 255) // (W - 1), (y * 255) // (H - 1), ((x * 13 + y * 29) * 3) % 256,
            ALPHAS[(x + 3 * y) % len(ALPHAS)])


def palette(n):
    """n distinct colours (37 and 91 are odd: i * k mod 256 is one to one)."""
    return [((i * 37) % 256, (i * 91 + 7) % 256, (i * 53) % 256, 255 if i % 4 else i)
            for i in range(n)]


def pal_pixel(n):
    cols = palette(n)
    return lambda x, y: cols[(x + y * W) % n]


def cases():
    """(name, fixture, cf, container, compress, align, premultiply, background, dither)."""
    out = []
    for cf in DIRECT + tuple(INDEXED):
        src = "pal%d" % INDEXED[cf] if cf in INDEXED else "rgba"
        for kind in ("c", "bin"):
            for comp in COMPRESS:
                if kind == "bin" and comp == "none" and cf in BIN_NEEDS_COMPRESSION:
                    continue
                out.append((cf, src, kind, comp, 1, 0, None, 0))
        # Aligned strides: plain C, RLE .bin (RLE blocks then cross padding).
        out.append((cf, src, "c", "none", 8, 0, None, 0))
        out.append((cf, src, "bin", "rle", 16, 0, None, 0))
    for cf in ("ARGB8888", "RGB565A8", "ARGB8565", "AL88", "ARGB4444", "I4"):
        src = "pal16" if cf == "I4" else "rgba"
        out.append((cf, src, "c", "none", 1, 1, None, 0))
        out.append((cf, src, "bin", "lz4", 1, 1, None, 0))
    out.append(("RGB565", "rgba", "c", "none", 1, 0, "3366cc", 0))
    out.append(("XRGB8888", "rgba", "bin", "rle", 1, 0, "f0e0d0", 0))
    out.append(("RGB565", "rgba", "c", "none", 1, 0, None, 1))
    out.append(("ARGB4444", "rgba", "bin", "rle", 4, 0, None, 1))
    named = []
    for c in out:
        cf, src, kind, comp, align, pm, bg, dither = c
        name = "%s_%s_%s_a%d%s%s%s" % (cf, kind, comp, align, "_pm" if pm else "",
                                       "_bg" if bg else "", "_dither" if dither else "")
        named.append((name.lower(),) + c)
    return named


# Manifest cases (name = symbol, cf, fixture, container, compress, align,
# premultiply): each writes <name>.c, and <name>.bin for "bin".
MANIFEST_CASES = (
    ("mf_rgb565", "RGB565", "rgba", "c", "none", 1, 0),
    ("mf_argb8888", "ARGB8888", "rgba", "bin", "lz4", 8, 0),
    ("mf_rgb565a8", "RGB565A8", "rgba", "bin", "rle", 4, 0),
    ("mf_argb4444_pm", "ARGB4444", "rgba", "c", "rle", 1, 1),
    ("mf_i4", "I4", "pal16", "bin", "lz4", 1, 0),
)


def manifest_cases(rasterd, outdir):
    """Builds MANIFEST_CASES with rasterd; returns rows as cases() gives
    them, each with its C symbol and .bin path (None for C-only cases)."""
    proj = os.path.join(outdir, "manifest")
    shutil.rmtree(proj, ignore_errors=True)
    os.makedirs(proj)
    with open(os.path.join(proj, "blob.bin"), "wb") as f:
        f.write(b"\x01" * 16)
    groups = []
    for name, cf, src, kind, comp, align, pm in MANIFEST_CASES:
        groups.append('{ name = "%s"; file = "%s"; format = "%s"; compress = "%s"; '
                      'stride_align = %d; premultiply = %s; binary = %s; }' %
                      (name, os.path.join(outdir, src + ".png"), cf, comp, align,
                       "true" if pm else "false", "true" if kind == "bin" else "false"))
    with open(os.path.join(proj, "rasterd.conf"), "w") as f:
        f.write('target = { name = "lvimg"; base = 0x0L; size = 0x10000L; };\n'
                'bundle = { key = "keys/k.key"; };\n'
                'raw = ( { name = "blob"; file = "blob.bin"; } );\n'
                'lvgl = { header = "lvimg_assets.h"; images = ( %s ); };\n' % ", ".join(groups))
    rasterd_keygen_build(rasterd, proj)
    gen = os.path.realpath(os.path.join(proj, "out"))
    rows = []
    for name, cf, src, kind, comp, align, pm in MANIFEST_CASES:
        case = (name, cf, src, "c", comp, align, pm, None, 0)
        rows.append((case, os.path.join(gen, name + ".c"), name))
        if kind == "bin":
            rows.append(((name + "_bin", cf, src, "bin", comp, align, pm, None, 0),
                         os.path.join(gen, name + ".bin"), None))
    return os.path.join(gen, "lvimg_assets.h"), rows


def c_bytes(data):
    return ",\n".join("    " + ", ".join("%d" % b for b in data[i:i + 24])
                      for i in range(0, len(data), 24))


def main(argv):
    gp, outdir, cases_c = argv[1], os.path.abspath(argv[2]), argv[3]
    rasterd = argv[4] if len(argv) > 4 else None
    if any(ch in outdir for ch in '"\\\n'):
        sys.exit("lvimg_gen: %s: cannot be written in a C string" % outdir)
    os.makedirs(outdir, exist_ok=True)
    fixtures = {"rgba": rgba_pixel}
    for n in INDEXED.values():
        fixtures["pal%d" % n] = pal_pixel(n)
    for name, pixel in fixtures.items():
        with open(os.path.join(outdir, name + ".png"), "wb") as f:
            f.write(png_rgba(W, H, pixel))
    rows = []  # (case, output file, C symbol or None)
    for case in cases():
        name, cf, src, kind, comp, align, pm, bg, dither = case
        out = os.path.join(outdir, name + (".c" if kind == "c" else ".bin"))
        args = [gp, os.path.join(outdir, src + ".png"), "-q", "-f",
                "lvgl" if kind == "c" else "lvgl-bin", "-p", cf, "-o", out,
                "--compress", comp, "--stride-align", str(align)]
        if pm:
            args.append("--premultiply")
        if bg:
            args += ["--background", "#" + bg]
        if dither:
            args += ["--dither", "ordered"]
        if kind == "c":
            args += ["--name", "lvimg_" + name]
        rc = os.spawnv(os.P_WAIT, gp, args)
        if rc != 0:
            sys.exit("lvimg_gen: %s exited %d" % (" ".join(args), rc))
        rows.append((case, out, "lvimg_" + name if kind == "c" else None))
    header = None
    if rasterd is not None:
        header, more = manifest_cases(rasterd, outdir)
        rows += more
    with open(cases_c + ".tmp", "w") as f:
        f.write("// Generated by tests/lvgl/lvimg_gen.py: the LVGL image test's cases.\n")
        f.write('#include "lvimg_case.h"\n\n')
        if header is not None:  # rasterd's header declares its images
            f.write('#include "%s"\n' % header)
        for _, out, symbol in rows:
            if symbol is not None:
                f.write('#include "%s"\n' % out)
        for name, pixel in fixtures.items():
            data = bytes(v for y in range(H) for x in range(W) for v in pixel(x, y))
            f.write("\nstatic const uint8_t src_%s[] = {\n%s,\n};\n" % (name, c_bytes(data)))
        f.write("\nconst struct lvimg_case lvimg_cases[] = {\n")
        for (name, cf, src, kind, comp, align, pm, bg, dither), out, symbol in rows:
            colours = INDEXED.get(cf, 0)
            dsc = "&" + symbol if symbol is not None else "NULL"
            path = "NULL" if symbol is not None else '"A:%s"' % out
            f.write('    {"%s", "%s", %s, %s, src_%s, %d, %d, %d, %d, %d, %s, %d},\n' %
                    (name, cf, dsc, path, src, colours, align, COMPRESS.index(comp), pm,
                     1 if bg else 0, "0x" + bg if bg else "0", dither))
        f.write("};\n\nconst size_t lvimg_case_count = sizeof(lvimg_cases) / "
                "sizeof(lvimg_cases[0]);\n")
    os.replace(cases_c + ".tmp", cases_c)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
