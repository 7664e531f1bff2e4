#!/usr/bin/env python3
"""Writes the seed corpus of fuzz_png.c (tests/libglyph/corpus/png/): tiny
valid PNGs of every colour type, several bit depths, Adam7, tRNS, plus broken
ones (truncated, bad CRC, bad chunk order, absurd dimensions). Only zlib and
struct: the files are built chunk by chunk. Deterministic; rerun to
regenerate:  python3 tests/libglyph/gen_png_corpus.py tests/libglyph/corpus/png
"""
import os
import struct
import sys
import zlib

SIG = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def chunk(kind, data, crc=None):
    c = zlib.crc32(kind + data) & 0xFFFFFFFF if crc is None else crc
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", c)


def ihdr(w, h, depth, ctype, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, interlace))


def pack_row(samples, depth):
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    if depth == 8:
        return bytes(samples)
    out, acc, bits = bytearray(), 0, 0
    for s in samples:
        acc, bits = acc << depth | s, bits + depth
        if bits == 8:
            out.append(acc)
            acc, bits = 0, 0
    if bits:
        out.append(acc << (8 - bits))
    return bytes(out)


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
         (0, 1, 1, 2)]


def image_data(w, h, depth, ctype, sample, interlace, filt=0):
    """Filtered scanlines; sample(x, y, c) gives each channel value. Filter
    type `filt` (0..4) is written as the filter byte with unfiltered data
    only when 0; otherwise 'Sub' (1) is applied properly."""
    n = CHANNELS[ctype]
    bpp = max(1, n * depth // 8)

    def rows(xs, ys):
        out = b""
        for y in ys:
            raw = pack_row([sample(x, y, c) for x in xs for c in range(n)], depth)
            if filt == 1:
                raw = bytes((raw[i] - (raw[i - bpp] if i >= bpp else 0)) & 255
                            for i in range(len(raw)))
            out += bytes([filt]) + raw
        return out
    if not interlace:
        return rows(range(w), range(h))
    out = b""
    for x0, y0, dx, dy in ADAM7:
        xs, ys = range(x0, w, dx), range(y0, h, dy)
        if len(xs) and len(ys):
            out += rows(xs, ys)
    return out


def png(w, h, depth, ctype, sample, interlace=0, extra=b"", filt=0):
    idat = zlib.compress(image_data(w, h, depth, ctype, sample, interlace, filt), 9)
    return (SIG + ihdr(w, h, depth, ctype, interlace) + extra + chunk(b"IDAT", idat) +
            chunk(b"IEND", b""))


def grad(depth):
    top = (1 << depth) - 1
    return lambda x, y, c: (x * 3 + y * 5 + c * 7) % (top + 1) if depth < 8 else \
        ((x * 37 + y * 71 + c * 101) * (257 if depth == 16 else 1)) % (top + 1)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus", "png")
    os.makedirs(out, exist_ok=True)
    plte = chunk(b"PLTE", bytes(range(0, 48)))  # 16 colours
    files = {
        "gray1.png": png(9, 3, 1, 0, grad(1)),
        "gray2_trns.png": png(5, 4, 2, 0, grad(2), extra=chunk(b"tRNS", b"\x00\x01")),
        "gray4_adam7.png": png(11, 9, 4, 0, grad(4), interlace=1),
        "gray8_sub.png": png(6, 5, 8, 0, grad(8), filt=1),
        "gray16.png": png(4, 3, 16, 0, grad(16)),
        "graya8.png": png(5, 5, 8, 4, grad(8)),
        "graya16_adam7.png": png(9, 9, 16, 4, grad(16), interlace=1),
        "rgb8_trns.png": png(7, 4, 8, 2, grad(8), extra=chunk(b"tRNS", b"\x00\x25\x00\x4a\x00\x6f")),
        "rgb16_adam7.png": png(10, 7, 16, 2, grad(16), interlace=1),
        "rgba8.png": png(8, 6, 8, 6, grad(8)),
        "rgba16_adam7.png": png(9, 10, 16, 6, grad(16), interlace=1),
        "pal1.png": png(10, 2, 1, 3, grad(1), extra=chunk(b"PLTE", b"\x00\x00\x00\xff\xff\xff")),
        "pal4_trns.png": png(6, 6, 4, 3, grad(4), extra=plte + chunk(b"tRNS", b"\x00\x80\xff")),
        "pal8_adam7.png": png(12, 5, 8, 3, lambda x, y, c: (x + y) % 16, interlace=1, extra=plte),
        "one_pixel.png": png(1, 1, 8, 6, lambda x, y, c: 200),
    }
    good = files["rgba8.png"]
    idat_at = good.index(b"IDAT") - 4
    files.update({
        "broken_truncated_idat.png": good[:idat_at + 20],
        "broken_bad_crc.png": good[:idat_at + 12] + bytes([good[idat_at + 12] ^ 0x10]) +
        good[idat_at + 13:],
        "broken_zero_width.png": SIG + ihdr(0, 4, 8, 6) + good[33:],
        "broken_too_large.png": SIG + ihdr(40000, 1, 8, 0) + good[33:],
        "broken_no_plte.png": png(4, 4, 8, 3, lambda x, y, c: 0),
        "broken_idat_before_ihdr.png": SIG + good[idat_at:-12] + good[8:idat_at] + good[-12:],
        "broken_short_rows.png": SIG + ihdr(8, 6, 8, 6) +
        chunk(b"IDAT", zlib.compress(b"\x00" * 20)) + chunk(b"IEND", b""),
        "broken_signature.png": b"\x89PNG\r\n\x1a\x0a"[:7] + b"\x00" + good[8:],
    })
    for name, data in sorted(files.items()):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    print("wrote %d files to %s" % (len(files), out))


if __name__ == "__main__":
    main()
