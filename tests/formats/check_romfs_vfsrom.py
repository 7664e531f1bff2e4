#!/usr/bin/env python3
"""formats' ROMFS writer (through tests/formats/romfs_pack) against the
independent sides of tests/micropython/romfs_oracle.py, on edge cases the
rasterd manifest rarely produces: names with spaces and punctuation, a
255-character name, a file 16 folders deep, empty and one-byte files, data
larger than 64 KiB, and every alignment from 1 to 4096.

For each alignment the image is mounted with vfs.VfsRom in MicroPython's
unix port next to the image mpremote's writer makes of the same folder:
both must list the same entries, in the same order, with the same bytes,
and every non-empty file of ours must be a view at an aligned offset.

usage: check_romfs_vfsrom.py ROMFS_PACK
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "micropython"))
import romfs_oracle  # noqa: E402

PACK = os.path.abspath(sys.argv[1])
DEEP = "/".join("d%d" % i for i in range(16)) + "/leaf.bin"
FILES = {
    "a b.txt": b"spaces\n",
    "~!@#$%^&()-_=+[]{};,.'": b"punctuation",
    "n" * 255: b"long name",
    DEEP: bytes(range(200)),
    "empty": b"",
    "one": b"\x01",
    "big.bin": bytes((i * 31 + 7) % 256 for i in range(70000)),
    "lib/x.py": b"X = 1\n",
    "lib.py": b"L = 2\n",
}


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def main():
    romfs_oracle.mpport.unix_or_skip()  # exits 77 without it, before any work
    d = tempfile.mkdtemp(prefix="romfs-vfsrom-", dir=os.environ.get("MESON_BUILD_ROOT"))
    try:
        tree = os.path.join(d, "tree")
        for name, data in FILES.items():
            write(os.path.join(tree, *name.split("/")), data)
        with romfs_oracle.micropython_tools() as mp_tree:
            theirs = os.path.join(d, "mpremote.romfs")
            write(theirs, romfs_oracle.mpremote_image(mp_tree, tree))
        images = []
        for shift in range(13):
            align = 1 << shift
            out = os.path.join(d, "ours_%d.romfs" % align)
            args = [a for n in FILES for a in (n, os.path.join(tree, *n.split("/")))]
            r = subprocess.run([PACK, out, str(align)] + args, capture_output=True, text=True)
            assert r.returncode == 0, r.stderr
            images.append((align, out))
        got = romfs_oracle.vfsrom_listing([theirs] + [p for _, p in images])
        ref = romfs_oracle.without_offsets(got[theirs])
        assert len([e for e in got[theirs] if e[1] == "file"]) == len(FILES)
        for align, path in images:
            mine = got[path]
            assert romfs_oracle.without_offsets(mine) == ref, (align, [e[:4] for e in mine])
            for e in mine:
                if e[1] == "file" and e[3] != -1:
                    assert e[3] % align == 0, (align, e[:4])
            print("ok   align %4d: %d bytes (mpremote: %d)" % (
                align, os.path.getsize(path), os.path.getsize(theirs)))
    except romfs_oracle.Skip as e:
        print("SKIP:", e)
        return 77
    finally:
        shutil.rmtree(d)
    return 0


if __name__ == "__main__":
    sys.exit(main())
