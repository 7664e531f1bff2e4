"""rasterd build with EVE Unicode fonts (docs/eve-fonts.md): the bundle's
font blocks read back by this script from the documented layout, and every
refused input (more than 127 characters in a legacy font, an advance over
255 px, a cell over 2047 px, ASTC on a legacy font, a sample the font
lacks, a fallback it lacks) stops the build with a message naming the file
or manifest line, the asset and the reason, leaving the previous output as
it was.

    check_eve_fonts.py RASTERD
"""
import ctypes
import ctypes.util
import os
import struct
import sys

from harness import case, check, finish, run  # noqa: F401

RASTERD = sys.argv[1]
DEJAVU = os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu") + "/DejaVuSans.ttf"
HEAD = 'target = { name = "eve-fonts"; base = 0x0L; size = 0x100000L; chip = "BT815"; };\n' \
       'bundle = { key = "k.key"; };\n'


USE_C = r"""#include <stdio.h>
#include <string.h>

#include "assets.h"

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        uint8_t out[256];
        size_t unmapped = 0;
        size_t n = asset_pl_text(out, sizeof out, argv[i], strlen(argv[i]), &unmapped);
        printf("%u %u ", (unsigned)n, (unsigned)unmapped);
        for (size_t k = 0; k < n && k < sizeof out - 1; k++) {
            printf("%02x", out[k]);
        }
        printf("\n");
    }
    return 0;
}
"""


def project(d, fonts):
    with open(os.path.join(d, "rasterd.conf"), "w") as f:
        f.write(HEAD + "fonts = (\n" + ",\n".join(fonts) + "\n);\n")
    if not os.path.exists(os.path.join(d, "k.key")):
        run([RASTERD, "keygen", "-o", os.path.join(d, "k")])


def font(name, chars, extra="", size=16):
    return '{ name = "%s"; file = "%s"; size = %d; chars = "%s"; %s }' % (
        name, DEJAVU, size, chars, extra)


def build(d):
    return run([RASTERD, "build", d, "-q"])


def directory(bundle):
    """name -> (kind, format, flags, addr, size, w, h, stride, aux0, aux1, aux2)"""
    hdr = struct.unpack_from("<4sHHIIIIII8sIIIIII", bundle, 0)
    hdr_size, count, esize = hdr[4], hdr[14], hdr[15]
    out = {}
    for k in range(count):
        e = bundle[hdr_size + k * esize:hdr_size + (k + 1) * esize]
        name = e[:24].split(b"\0")[0].decode()
        out[name] = (e[24], e[25], struct.unpack_from("<H", e, 26)[0]) + \
            struct.unpack_from("<8I", e, 28)
    return out


def payload(d):
    """The linked image (format 1 bundles: the chunks in order, digests cut)."""
    b = open(os.path.join(d, "out", "assets.bin"), "rb").read()
    signed_len, chunk, count = struct.unpack_from("<I", b, 8)[0], \
        struct.unpack_from("<I", b, 40)[0], struct.unpack_from("<I", b, 44)[0]
    base, plen = struct.unpack_from("<II", b, 48)
    pos, data = signed_len + 64, bytearray()
    for i in range(count):
        n = min(chunk, plen - len(data))
        data += b[pos:pos + n]
        pos += n + (32 if i < count - 1 else 0)
    return b, base, bytes(data)


@case("a legacy font holds Polish letters in free slots, ASCII in its own")
def _(d):
    project(d, [font("pl", "0x20-0x7E,ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", 'samples = ["Zażółć gęślą jaźń"];')])
    p = build(d)
    assert p.returncode == 0, p.stderr
    b, base, img = payload(d)
    e = directory(b)["pl"]
    kind, fmt, flags, addr, size, w, h, stride, first, cells = e[:10]
    assert flags == 0 and kind == 3
    blk = img[addr - base:addr - base + size]
    # Slot 127 and slots 31 down to 15 hold the 18 Polish letters.
    assert (first, cells) == (15, 113), (first, cells)
    assert struct.unpack_from("<I", blk, 144)[0] == addr + 148
    assert blk[ord("A")] > 0 and blk[127] > 0 and blk[13] == 0
    h_text = open(os.path.join(d, "out", "assets.h")).read()
    assert "static inline size_t asset_pl_text(" in h_text
    assert "#define ASSET_PL_TEXTMAP_COUNT 113u" in h_text
    # The generated encoder, compiled as C99 with -Wconversion -Werror, turns
    # text into the slots CPython's decoding and the map in assets.py give.
    with open(os.path.join(d, "use.c"), "w") as f:
        f.write(USE_C)
    cc = os.environ.get("CC", "cc")
    inc = os.path.join(os.environ.get("SRCDIR", "."), "firmware-loader", "include")
    p = run([cc, "-std=c99", "-Wall", "-Wextra", "-Wpedantic", "-Wconversion", "-Werror",
             "-I", os.path.join(d, "out"), "-I", inc, "-o", os.path.join(d, "use"),
             os.path.join(d, "use.c")])
    assert p.returncode == 0, p.stderr
    ns = {}
    exec(open(os.path.join(d, "out", "assets.py")).read(), ns)
    raw = ns["PL_TEXTMAP"]
    m = {int.from_bytes(raw[k:k + 3], "little"): raw[k + 3] for k in range(0, len(raw), 4)}
    texts = ["Zażółć gęślą jaźń", "ŻÓŁW, łódź!", "Grüße", "plain", "€ \U0001F600"]
    p = run([os.path.join(d, "use")] + texts)
    for t, line in zip(texts, p.stdout.splitlines()):
        slots = [m.get(ord(c), ns["PL_FALLBACK_SLOT"]) for c in t]
        missing = sum(1 for c in t if ord(c) not in m)
        assert line == "%d %d %s" % (len(slots), missing, bytes(slots).hex()), (t, line)
    assert ns["PL_FALLBACK_SLOT"] == ord("?")


@case("an extended font: signature, tables, relocated glyph start")
def _(d):
    project(d, [font("x", "0x20-0x7E,αβγδΩЖЯ€", 'layout = "eve-extended"; bpp = 2;',)])
    p = build(d)
    assert p.returncode == 0, p.stderr
    b, base, img = payload(d)
    e = directory(b)["x"]
    kind, fmt, flags, addr, size = e[:5]
    assert flags == 1 and fmt == 17, e
    blk = img[addr - base:addr - base + size]
    sig, bsize, gfmt, swz, lw, lh, pw, ph, start, n = struct.unpack_from("<10I", blk, 0)
    assert sig == 0x0100AAFF and gfmt == 17 and n == 0x20AC // 128 * 128 + 128, (hex(sig), n)
    assert start == addr + bsize and bsize % 4 == 0
    pages = n // 128
    gptr = struct.unpack_from("<%dI" % pages, blk, 40)
    wptr = struct.unpack_from("<%dI" % pages, blk, 40 + 4 * pages)
    for cp in (ord("A"), ord("Ω"), ord("Я"), ord("€")):
        width = blk[wptr[cp // 128] + cp % 128]
        assert 0 < width < 40, (cp, width)
        cell = start - addr + gptr[cp // 128] + (cp % 128) * lw * lh
        assert any(blk[cell:cell + lw * lh]), "glyph of U+%04X is empty" % cp
    assert blk[wptr[1] + 5] == 0  # U+0085: a page without characters


def astc_decoder():
    """libastcenc's decompressor through ctypes (its C ABI), or None."""
    name = ctypes.util.find_library("astcenc")
    if name is None:
        return None
    lib = ctypes.CDLL(name)
    lib.astcenc_config_init.argtypes = [ctypes.c_int, ctypes.c_uint, ctypes.c_uint, ctypes.c_uint,
                                        ctypes.c_float, ctypes.c_uint, ctypes.c_void_p]
    lib.astcenc_context_alloc.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_void_p]
    lib.astcenc_decompress_image.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                             ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint]
    lib.astcenc_context_free.argtypes = [ctypes.c_void_p]

    class Image(ctypes.Structure):
        _fields_ = [("x", ctypes.c_uint), ("y", ctypes.c_uint), ("z", ctypes.c_uint),
                    ("type", ctypes.c_int), ("data", ctypes.POINTER(ctypes.c_void_p))]

    def decode(blocks, w, h, bw, bh):
        """Row-major ASTC blocks -> w*h R values."""
        cfg = ctypes.create_string_buffer(4096)
        assert lib.astcenc_config_init(1, bw, bh, 1, 60.0, 1 << 4, cfg) == 0  # LDR, decompress
        ctx = ctypes.c_void_p()
        assert lib.astcenc_context_alloc(cfg, 1, ctypes.byref(ctx)) == 0
        out = ctypes.create_string_buffer(w * h * 4)
        slices = (ctypes.c_void_p * 1)(ctypes.cast(out, ctypes.c_void_p))
        img = Image(w, h, 1, 0, slices)
        swz = (ctypes.c_int * 4)(0, 1, 2, 3)
        rc = lib.astcenc_decompress_image(ctx, bytes(blocks), len(blocks), ctypes.byref(img),
                                          swz, 0)
        lib.astcenc_context_free(ctx)
        assert rc == 0, rc
        return out.raw[0::4]
    return decode


def untile(cell, nbx, nby):
    """The BT81x block order (docs/eve-fonts.md) back to rows of blocks."""
    rows = bytearray(len(cell))
    for by in range(nby):
        for bx in range(nbx):
            base = by // 2 * nbx * 32
            if nby % 2 and by == nby - 1:
                off = base + bx * 16
            elif nbx % 2 and bx == nbx - 1:
                off = base + bx // 2 * 64 + (by & 1) * 16
            else:
                v = by & 1
                off = base + bx // 2 * 64 + ((3 - v) if bx & 1 else v) * 16
            k = (by * nbx + bx) * 16
            rows[k:k + 16] = cell[off:off + 16]
    return bytes(rows)


@case("ASTC glyphs decode (libastcenc) to the L8 glyphs of the same font")
def _(d):
    decode = astc_decoder()
    if decode is None:
        print("note: libastcenc not found, ASTC case not run")
        return
    chars = "0x20-0x7E,ΩЖ€"
    project(d, [font("l8", chars, 'layout = "eve-extended"; bpp = 8;', size=20),
                font("a6", chars, 'layout = "eve-extended"; format = "ASTC_6x5";', size=20)])
    p = build(d)
    assert p.returncode == 0, p.stderr
    b, base, img = payload(d)
    ent = directory(b)
    fonts = {}
    for name in ("l8", "a6"):
        addr, size = ent[name][3], ent[name][4]
        blk = img[addr - base:addr - base + size]
        hdr = struct.unpack_from("<10I", blk, 0)
        fonts[name] = (addr, blk, hdr)
    addr, blk, (sig, bsize, fmt, swz, lw, lh, pw, ph, start, n) = fonts["a6"]
    assert (fmt, swz) == (37811, 0x24A), (fmt, hex(swz))
    assert start % 64 == 0 and lw == (pw + 5) // 6 * 16 and lh == (ph + 4) // 5, (lw, lh, pw, ph)
    l8addr, l8, l8h = fonts["l8"]
    assert (l8h[6], l8h[7]) == (pw, ph)
    worst, total, count = 0, 0, 0
    for cp in [ord(c) for c in "AgW@ΩЖ€"]:
        pg = 40 + 4 * (cp // 128)
        cell = start - addr + struct.unpack_from("<I", blk, pg)[0] + (cp % 128) * lw * lh
        got = decode(untile(blk[cell:cell + lw * lh], lw // 16, lh), pw, ph, 6, 5)
        c8 = l8h[8] - l8addr + struct.unpack_from("<I", l8, pg)[0] + (cp % 128) * pw * ph
        want = l8[c8:c8 + pw * ph]
        diffs = [abs(x - y) for x, y in zip(got, want)]
        worst, total, count = max(worst, max(diffs)), total + sum(diffs), count + len(diffs)
        assert sum(want) > 0
    print("ASTC 6x5 glyphs: mean error %.2f, worst %d (of 255)" % (total / count, worst))
    assert total / count < 3 and worst < 64, (total / count, worst)


def refused(d, fonts, words, code=None):
    """A good build first, then the broken manifest: refused, output kept."""
    project(d, [font("ok", "0x20-0x7E")])
    assert build(d).returncode == 0
    before = open(os.path.join(d, "out", "assets.bin"), "rb").read()
    project(d, fonts)
    p = build(d)
    assert p.returncode != 0, "accepted"
    if code is not None:
        assert p.returncode == code, (p.returncode, p.stderr)
    for w in words:
        assert w in p.stderr, (w, p.stderr)
    assert open(os.path.join(d, "out", "assets.bin"), "rb").read() == before, "output changed"


@case("128 characters in a legacy font are refused")
def _(d):
    refused(d, [font("big", "0x20-0x7E,0xC0-0xE0")], ["'big'", "128 characters", "at most 127"],
            78)


@case("an advance over 255 px is refused, not clamped")
def _(d):
    refused(d, [font("huge", "W", size=400)], ["'huge'", "U+0057", "255"], 65)


@case("a cell taller than 2047 px is refused")
def _(d):
    refused(d, [font("tall", "U+0301", size=2048)], ["'tall'", "2047"], 65)


@case("ASTC glyphs need an extended font")
def _(d):
    refused(d, [font("a", "0x20-0x7E", 'format = "ASTC_8x8";')], ["format", "eve-extended"], 78)


@case("a sample the font lacks stops the build")
def _(d):
    refused(d, [font("s", "0x20-0x7E", 'samples = ["Grüße"];')],
            ["'s'", "samples[0]", "U+00FC", "U+00DF"], 78)


@case("a fallback outside the font is refused")
def _(d):
    refused(d, [font("f", "0x30-0x39", 'fallback = "?";')], ["'f'", "fallback U+003F"], 78)
    refused(d, [font("g", "0x30-0x39,ä", 'fallback = "?";')], ["'g'", "fallback"], 78)


@case("U+0000 in chars is refused")
def _(d):
    refused(d, [font("z", "0x00-0x7E")], ["'z'", "U+0000"], 78)


sys.exit(finish())
