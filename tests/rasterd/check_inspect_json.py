#!/usr/bin/env python3
"""`rasterd inspect --json` output is JSON for Python's json module, also for a
bundle whose entry names were tampered with (inspect reads files it has not
verified): invalid UTF-8, control characters and quotes in a name still give
valid UTF-8 JSON, with U+FFFD for bytes that are not UTF-8.

usage: check_inspect_json.py RASTERD
"""
import json
import os
import shutil
import subprocess
import sys

from check_py_assets import make_project

# (bytes written over the name "logo", the name inspect --json must report)
CASES = [
    (b"logo", "logo"),
    (b"l\xffg\xc3", "l\ufffdg\ufffd"),
    (b"\xc3\xa9\x1b\"", "\u00e9\x1b\""),
    (b"\xed\xa0\x80\\", "\ufffd\ufffd\ufffd\\"),
]


def main():
    rasterd = os.path.abspath(sys.argv[1])
    d = make_project(rasterd)
    failed = 0
    try:
        with open(os.path.join(d, "out", "assets.bin"), "rb") as f:
            good = f.read()
        at = good.index(b"logo\0")
        for raw, want in CASES:
            bad = os.path.join(d, "tampered.bin")
            with open(bad, "wb") as f:
                f.write(good[:at] + raw + good[at + len(raw):])
            p = subprocess.run([rasterd, "inspect", "--json", bad], capture_output=True)
            try:
                info = json.loads(p.stdout)  # bytes: must be UTF-8
                names = [a["name"] for a in info["assets"]]
            except ValueError as e:
                print("FAIL: name %r: inspect --json is not JSON: %s" % (raw, e))
                failed += 1
                continue
            if p.returncode != 0 or want not in names:
                print("FAIL: name %r: exit %d, names %r, want %r" % (raw, p.returncode, names, want))
                failed += 1
            else:
                print("ok: name %r reads back as %r" % (raw, want))
            # The text form goes to terminals: no control or non-ASCII bytes.
            t = subprocess.run([rasterd, "inspect", bad], capture_output=True)
            bad_bytes = [c for c in t.stdout if (c < 0x20 and c != 0x0a) or c >= 0x7f]
            if t.returncode != 0 or bad_bytes:
                print("FAIL: name %r: text inspect exit %d, raw bytes %r" %
                      (raw, t.returncode, bytes(bad_bytes)))
                failed += 1
    finally:
        shutil.rmtree(d)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
