#!/usr/bin/env python3
"""glyphpack -f lvgl and -f lvgl-bin --kerning on fonts with hostile
kerning tables: DejaVuSans with its GPOS (and GDEF) or kern table replaced
by each file of tests/libglyph/corpus/kern (bad offsets, extension cycles,
huge class counts, truncated pairs; see kern/gen_kern_corpus.py). Every run
must end with exit 0 (the font kerned less, with a warning for a table that
cannot be read) or 65, never a crash or a sanitizer report; the broken_*
tables must give a kerning warning.

usage: check_hostile_kern.py GLYPHPACK DejaVuSans.ttf CORPUS_FILE...
"""
import os
import struct
import sys
import tempfile

import harness
from harness import check


def tables(font):
    """{tag: bytes} of an sfnt."""
    n = struct.unpack(">H", font[4:6])[0]
    out = {}
    for i in range(n):
        tag, _, off, length = struct.unpack(">4sIII", font[12 + 16 * i:28 + 16 * i])
        out[tag] = font[off:off + length]
    return out


def checksum(data):
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(">%dI" % (len(data) // 4), data)) & 0xFFFFFFFF


def sfnt(version, tabs):
    """An sfnt with these tables, sorted by tag, 4-byte aligned."""
    tags = sorted(tabs)
    n = len(tags)
    es = max(i for i in range(16) if (1 << i) <= n)
    head = struct.pack(">IHHHH", version, n, 16 << es, es, n * 16 - (16 << es))
    off = 12 + 16 * n
    dirs, body = b"", b""
    for t in tags:
        d = tabs[t]
        dirs += struct.pack(">4sIII", t, checksum(d), off + len(body), len(d))
        body += d + b"\0" * (-len(d) % 4)
    return head + dirs + body


def hostile_font(base, corpus_file):
    """DejaVuSans with the corpus file's table(s) in place of its own."""
    data = open(corpus_file, "rb").read()
    sel, rest = data[0], data[1:]
    tabs = tables(base)
    if sel & 0x80:  # a legacy kern table; no GPOS, so that it is read
        tabs.pop(b"GPOS", None)
        tabs[b"kern"] = rest
    else:
        tabs.pop(b"kern", None)
        if sel & 0x40 and len(rest) >= 2:  # a GDEF of this length first
            glen = struct.unpack(">H", rest[:2])[0]
            tabs[b"GDEF"], rest = rest[2:2 + glen], rest[2 + glen:]
        tabs[b"GPOS"] = rest
    return sfnt(struct.unpack(">I", base[:4])[0], tabs)


def main():
    gp, dejavu, corpus = sys.argv[1], sys.argv[2], sys.argv[3:]
    base = open(dejavu, "rb").read()
    with tempfile.TemporaryDirectory() as d:
        for f in corpus:
            name = os.path.basename(f)
            font = os.path.join(d, name + ".ttf")
            open(font, "wb").write(hostile_font(base, f))
            for fmt in ("lvgl", "lvgl-bin"):
                out = os.path.join(d, "out_" + fmt.replace("-", "_"))
                p = harness.run([gp, font, "-s", "16", "-b", "4", "--kerning", "-c",
                                 "0x20-0x7E,0x410-0x44F", "-f", fmt, "-o", out], timeout=120)
                err = p.stderr
                clean = "runtime error" not in err and "Sanitizer" not in err
                check(p.returncode in (0, 65) and clean, "%s -f %s: exit 0 or 65, no crash" %
                      (name, fmt), "exit %d: %s" % (p.returncode, err.strip()[-400:]))
                if name.startswith("broken_") and p.returncode == 0:
                    check("warning" in err and "kerning" in err,
                          "%s -f %s: a kerning warning" % (name, fmt), err.strip())
    return harness.finish()


if __name__ == "__main__":
    sys.exit(main())
