#!/usr/bin/env python3
"""zlib-stored assets end to end (issue 13 item 4): rasterd builds the
example with some assets, then the whole payload, stored zlib-compressed
(bundle format v2). Checked from docs/bundle-format.md with Python's hashlib
and zlib as oracles (check_chain.py): the chain authenticates the stored
bytes, every asset inflates to the bytes of the plain (v1) build, inspect
reports stored and inflated sizes, verify accepts the bundle and refuses it
once a byte of a zlib record is changed, assets.h names format 2, and a bad
manifest value is refused.

Usage: check_zlib.py RASTERD_BINARY
"""
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_chain  # noqa: E402
from harness import check, finish  # noqa: E402
import harness  # noqa: E402

RASTERD = os.path.abspath(sys.argv[1])
SRC = os.environ.get("SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))


def run(*args):
    p = harness.run([RASTERD] + list(args))
    return p.returncode, p.stdout, p.stderr


def project(edit):
    d = tempfile.mkdtemp(prefix="rasterd-zlib-")
    for sub in ("images", "data", "firmware"):
        shutil.copytree(os.path.join(SRC, "examples", sub), os.path.join(d, sub))
    text = open(os.path.join(SRC, "examples", "rasterd.conf")).read()
    with open(os.path.join(d, "rasterd.conf"), "w") as f:
        f.write(edit(text))
    rc, _, err = run("keygen", "-o", os.path.join(d, "keys", "example"))
    assert rc == 0, err
    return d


def build(d):
    rc, _, err = run("build", d)
    check(rc == 0, "build " + os.path.basename(d), err)
    data = open(os.path.join(d, "out", "assets.bin"), "rb").read()
    pub = open(os.path.join(d, "keys", "example.pub"), "rb").read()
    return data, pub


def per_asset(text):
    text = text.replace('format = "ARGB4";', 'format = "ARGB4"; compress = "zlib";')
    return text.replace('bpp = 4;                # L4', 'bpp = 4; compress = "zlib";')


def whole(text):
    return text.replace("bundle = {", 'bundle = {\n  compress = "zlib";', 1)


def main():
    plain_dir = project(lambda t: t)
    plain, _ = build(plain_dir)
    ref = check_chain.check(plain)
    check(ref["version"] == 1, "a bundle without compression stays format 1")
    ref_ram = check_chain.ram_image(ref)
    for name, edit in (("per-asset", per_asset), ("whole bundle", whole)):
        d = project(edit)
        data, pub = build(d)
        h = check_chain.check(data, pub)
        check(h["version"] == 2 and h["flags"] == 1, name + ": format 2 with the zlib flag")
        check(h["stored_len"] < h["payload_len"], name + ": fewer bytes stored than linked",
              "%d >= %d" % (h["stored_len"], h["payload_len"]))
        ram = check_chain.ram_image(h)
        for a in h["assets"]:
            want = check_chain.read_ram(ref_ram, a["addr"], a["size"])
            check(check_chain.read_ram(ram, a["addr"], a["size"]) == want,
                  "%s: %s inflates to the plain build's bytes" % (name, a["name"]))
        rc, out, err = run("inspect", os.path.join(d, "out", "assets.bin"), "--json")
        info = json.loads(out)
        zsegs = [s for s in info["segments"] if s["encoding"] == "zlib"]
        check(rc == 0 and zsegs and all(s["stored_len"] < s["out_len"] for s in zsegs),
              name + ": inspect lists zlib segments, stored < inflated", out[:400])
        if name == "per-asset":
            names = sorted(n for s in zsegs for n in s["assets"])
            check(names == ["logo", "sans16"], "per-asset: logo and sans16 are zlib", names)
        rc, out, _ = run("inspect", os.path.join(d, "out", "assets.bin"))
        check("zlib" in out and "inflated" in out, name + ": text inspect shows the sizes")
        pubf = os.path.join(d, "keys", "example.pub")
        rc, _, err = run("verify", os.path.join(d, "out", "assets.bin"), "--pubkey", pubf)
        check(rc == 0, name + ": rasterd verify accepts it", err)
        hdr = open(os.path.join(d, "out", "assets.h")).read()
        check("_BUNDLE_FORMAT_VERSION 2u" in hdr, name + ": assets.h says format 2")
        # Change one byte inside the first zlib segment's data, in its record.
        seg_off = 0
        for dest, out_len, enc, sd in check_chain.segments(h):
            if enc == 1:
                break
            seg_off += 16 + ((len(sd) + 3) & ~3)
        target = seg_off + 16 + 40  # stream offset inside the compressed data
        cs = h["chunk_size"]
        chunk = target // cs
        at = h["signed_len"] + 64 + chunk * (cs + 32) + target % cs
        bad = bytearray(data)
        bad[at] ^= 0x20
        badf = os.path.join(d, "bad.bin")
        open(badf, "wb").write(bad)
        rc, _, err = run("verify", badf, "--pubkey", pubf)
        check(rc == 65 and "chunk %d" % chunk in err,
              name + ": a changed byte in a zlib record fails verification at its chunk", err)
        try:
            check_chain.check(bytes(bad))
            check(False, name + ": the independent chain check refuses the changed record")
        except ValueError as e:
            check("chunk %d" % chunk in str(e), name + ": the independent chain check refuses it")
        shutil.rmtree(d)
    d = project(lambda t: t.replace('format = "L4";', 'format = "L4"; compress = "lzma";'))
    rc, _, err = run("build", d)
    check(rc == 78 and "compress" in err and "lzma" in err, "unknown compression is refused", err)
    shutil.rmtree(d)
    shutil.rmtree(plain_dir)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
