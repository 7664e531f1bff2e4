#!/usr/bin/env python3
"""Writes the frozen set of the MicroPython test builds (build time, called
by tests/micropython/meson.build) and the manifest that freezes it.

    mp_assets.py --rasterd R --glyphpack G --source-root SRC --work DIR --out MANIFEST

The example project (SRC/examples, copied to DIR/example without its out/
and keys/) is built by `rasterd build` with a key made once per build
directory (DIR/keys/example.key), then these files are copied to
DIR/frozen/ and frozen:

  assets_blob.py   the signed bundle in one bytes constant (asset_bundle)
  assets.py        its directory as constants and ASSETS
                   (these two through the example's own manifest fragment,
                   out/assets_manifest.py, which the manifest include()s)
  example_pub.py   the public key (RASTERD_PUBKEY_example)
  gp_font.py       `glyphpack DejaVuSans.ttf -s 14 -f py` (font_to_py API)
  gp_image.py      `glyphpack examples/images/icon.png -p RGB565 -f py`

plus every `--module FILE` given (Python modules of the tree, e.g. fwl_eve.py).
Beside them, not frozen, for the tests: assets.bin, example.pub and the
example's ROMFS image assets.romfs (the bundle and assets.py). Each file is rewritten only when its bytes change, so an unchanged set
does not make MicroPython freeze again. Tests find the originals in
DIR/frozen/ (the MICROPYTHON_FROZEN environment variable).
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys

DEJAVU = os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu")


def fail(msg):
    print("mp_assets: " + msg, file=sys.stderr)
    sys.exit(1)


def run(cmd, env=None):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        fail("%s failed (%d): %s" % (" ".join(cmd), p.returncode, p.stderr.strip()))


def put(path, data):
    """Writes `data` to `path` unless the file already holds exactly it."""
    try:
        with open(path, "rb") as f:
            if f.read() == data:
                return
    except FileNotFoundError:
        pass
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(path + ".tmp", path)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def sync_tree(src, dst):
    """Copies src to dst file by file (same bytes: untouched), without the
    example's own outputs and keys."""
    skip = {"out", "keys", ".out.gen"}
    for root, dirs, files in os.walk(src):
        dirs[:] = [d for d in dirs if d not in skip]
        rel = os.path.relpath(root, src)
        os.makedirs(os.path.join(dst, rel), exist_ok=True)
        for name in files:
            put(os.path.join(dst, rel, name), read(os.path.join(root, name)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rasterd", required=True)
    ap.add_argument("--glyphpack", required=True)
    ap.add_argument("--source-root", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--module", action="append", default=[])
    opts = ap.parse_args()

    work = os.path.abspath(opts.work)
    example = os.path.join(work, "example")
    gen = os.path.join(work, "gen")
    frozen = os.path.join(work, "frozen")
    keys = os.path.join(work, "keys")
    for d in (example, gen, frozen, keys):
        os.makedirs(d, exist_ok=True)
    os.chmod(keys, 0o700)

    sync_tree(os.path.join(opts.source_root, "examples"), example)
    key = os.path.join(keys, "example")
    if not os.path.exists(key + ".key"):
        run([opts.rasterd, "keygen", "-o", key])
    env = dict(os.environ)
    env.pop("RASTERD_SIGNING_KEY_FILE", None)
    run([opts.rasterd, "build", example, "--key", key + ".key", "-q"], env)
    run([opts.glyphpack, os.path.join(DEJAVU, "DejaVuSans.ttf"), "-s", "14", "-f", "py",
         "-q", "-o", os.path.join(gen, "gp_font.py")])
    run([opts.glyphpack, os.path.join(example, "images", "icon.png"), "-p", "RGB565",
         "-f", "py", "-q", "-o", os.path.join(gen, "gp_image.py")])

    out = os.path.join(example, "out")
    files = {
        "assets_blob.py": os.path.join(out, "assets_blob.py"),
        "assets.py": os.path.join(out, "assets.py"),
        "assets.bin": os.path.join(out, "assets.bin"),
        "assets.romfs": os.path.join(out, "assets.romfs"),
        "example_pub.py": key + "_pub.py",
        "example.pub": key + ".pub",
        "gp_font.py": os.path.join(gen, "gp_font.py"),
        "gp_image.py": os.path.join(gen, "gp_image.py"),
    }
    for m in opts.module:
        files[os.path.basename(m)] = m
    digest = hashlib.sha256()
    for name, path in sorted(files.items()):
        data = read(path)
        put(os.path.join(frozen, name), data)
        digest.update(name.encode() + b"\0" + data)
    # assets_blob and assets are frozen by the example's own manifest fragment
    # (frozen.manifest), as a board manifest would: include() is its consumer.
    fragment = os.path.join(out, "assets_manifest.py")
    by_fragment = ("assets_blob.py", "assets.py")
    digest.update(read(fragment))
    modules = sorted(n for n in files if n.endswith(".py") and n not in by_fragment)
    # The digest makes the manifest change (and the ports build again) when
    # a frozen file changes.
    text = ("# Generated by tests/micropython/mp_assets.py: the frozen set of the\n"
            "# MicroPython test builds (SHA-256 of the set %s).\n"
            "include(%r)\n"
            "freeze(%r, (%s))\n" % (digest.hexdigest(), fragment, frozen,
                                     ", ".join(repr(m) for m in modules)))
    put(os.path.abspath(opts.out), text.encode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
