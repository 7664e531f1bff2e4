#!/usr/bin/env python3
"""Builds MicroPython from source into the build directory, once, for the
tests that run our outputs in real MicroPython (meson custom targets in
tests/micropython/meson.build call this).

    mpbuild.py --source SRC --work DIR --port unix|qemu --out FILE
               [--manifest M] [--user-c-modules DIR] [--sanitize LIST] [--variant V]

SRC is a MicroPython checkout (a folder with py/mpconfig.h) or a source
archive (.tar.xz, .tar.gz, .tar). An archive is unpacked into DIR/src once;
a checkout is only read: every object file goes to DIR (make's BUILD=).
mpy-cross is built once per DIR and shared by the ports (a lock file keeps
two concurrent invocations apart). The port is built with its own make,
then copied to FILE (the unix `micropython` binary, or the qemu port's
`firmware.elf` for the MPS2_AN385 board, Cortex-M3).

Caching: make is incremental for source edits, but ignores changed make
variables. So DIR/<port>.stamp records what make cannot see (the archive's
digest or the checkout's path, the manifest path, the module folder, the
variables); when it differs, that port's objects are removed first.

--sanitize (meson's b_sanitize, e.g. "address,undefined") builds the unix
port with the same sanitizers, so our C module runs under them.
"""
import argparse
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile

# Options for a unix build without the optional libraries the archive lacks
# (berkeley-db, mbedtls/axtls, libffi submodules are empty).
UNIX_VARS = ["MICROPY_PY_BTREE=0", "MICROPY_PY_SSL=0", "MICROPY_PY_FFI=0"]
# Sanitizer flags for the unix port, as MicroPython's own CI builds it (the
# MP_ASAN/MP_UBSAN macros tell py/ it runs under a sanitizer on gcc <= 13).
SANITIZE = {
    "address": ("-fsanitize=address --param asan-use-after-return=0 -DMP_ASAN=1",
                "-fsanitize=address --param asan-use-after-return=0"),
    "undefined": ("-fsanitize=undefined -fno-sanitize=nonnull-attribute -DMP_UBSAN=1",
                  "-fsanitize=undefined -fno-sanitize=nonnull-attribute"),
}


def fail(msg):
    print("mpbuild: " + msg, file=sys.stderr)
    sys.exit(1)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def is_tree(path):
    return os.path.isfile(os.path.join(path, "py", "mpconfig.h"))


def unpack(archive, work):
    """Unpacks `archive` into work/src once per digest; returns the tree."""
    digest = sha256_file(archive)
    src = os.path.join(work, "src")
    stamp = os.path.join(work, "src.stamp")
    if os.path.exists(stamp):
        with open(stamp) as f:
            old = json.load(f)
        if old.get("sha256") == digest and is_tree(old.get("tree", "")):
            return old["tree"], digest
    # A new tree: every port and mpy-cross was built from the old one.
    for name in os.listdir(work):
        path = os.path.join(work, name)
        if name == "lock":
            continue
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.unlink(path)
    os.makedirs(src)
    with tarfile.open(archive) as t:
        for m in t.getmembers():
            # Only plain files and folders inside src (the archive is
            # trusted, but this is cheap).
            if m.name.startswith("/") or ".." in m.name.split("/") or not (m.isfile() or m.isdir()):
                fail("%s: unsafe member %r" % (archive, m.name))
        t.extractall(src)
    tops = [d for d in os.listdir(src) if is_tree(os.path.join(src, d))]
    if len(tops) != 1:
        fail("%s: no single MicroPython tree inside (found %r)" % (archive, tops))
    tree = os.path.join(src, tops[0])
    with open(stamp, "w") as f:
        json.dump({"sha256": digest, "tree": tree}, f)
    return tree, digest


def make(tree, subdir, args, log):
    cmd = ["make", "-C", os.path.join(tree, subdir), "-j%d" % max(1, min(os.cpu_count() or 1, 2))]
    cmd += args
    with open(log, "w") as f:
        f.write(" ".join(cmd) + "\n")
        f.flush()
        p = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT)
    if p.returncode != 0:
        with open(log) as f:
            tail = f.readlines()[-40:]
        sys.stderr.write("".join(tail))
        fail("make in %s failed (full log: %s)" % (subdir, log))


def port_args(opts, tree, work, mpy_cross):
    sanitize = [s for s in (opts.sanitize or "").split(",") if s in SANITIZE]
    args = ["MICROPY_MPYCROSS=" + mpy_cross,
            "FROZEN_MANIFEST=" + (os.path.abspath(opts.manifest) if opts.manifest else "")]
    if opts.user_c_modules:
        args.append("USER_C_MODULES=" + os.path.abspath(opts.user_c_modules))
    if opts.port == "unix":
        args += UNIX_VARS
        if sanitize:
            args.append("CFLAGS_EXTRA=" + " ".join(SANITIZE[s][0] for s in sanitize))
            args.append("LDFLAGS_EXTRA=" + " ".join(SANITIZE[s][1] for s in sanitize))
        return "ports/unix", args, "micropython"
    args.append("BOARD=MPS2_AN385")
    return "ports/qemu", args, "firmware.elf"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--port", choices=["unix", "qemu"], required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--manifest", default="")
    ap.add_argument("--user-c-modules", default="")
    ap.add_argument("--sanitize", default="")
    ap.add_argument("--variant", default="", help="a second build of the same port "
                    "(bench/micropython.sh: the qemu port without our modules)")
    opts = ap.parse_args()

    work = os.path.abspath(opts.work)
    os.makedirs(work, exist_ok=True)
    source = os.path.abspath(opts.source)
    with open(os.path.join(work, "lock"), "w") as lock:
        # Unpacking and mpy-cross are shared by both ports.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if is_tree(source):
            tree, origin = source, "tree:" + source
        elif os.path.isfile(source):
            tree, digest = unpack(source, work)
            origin = "sha256:" + digest
        else:
            fail("%s is neither a MicroPython tree nor a source archive" % source)
        mpy_cross = os.path.join(work, "mpy-cross", "mpy-cross")
        make(tree, "mpy-cross", ["BUILD=" + os.path.dirname(mpy_cross)],
             os.path.join(work, "mpy-cross.log"))
        fcntl.flock(lock, fcntl.LOCK_UN)

    subdir, args, product = port_args(opts, tree, work, mpy_cross)
    name = opts.port + ("-" + opts.variant if opts.variant else "")
    build = os.path.join(work, "build-" + name)
    key = {"origin": origin, "port": opts.port, "args": args}
    stamp = os.path.join(work, name + ".stamp")
    old = None
    if os.path.exists(stamp):
        with open(stamp) as f:
            old = json.load(f)
    if old != key:
        shutil.rmtree(build, ignore_errors=True)
    # No stale product if make fails: ninja then runs this again next time.
    if os.path.exists(opts.out):
        os.unlink(opts.out)
    make(tree, subdir, ["BUILD=" + build] + args, os.path.join(work, name + ".log"))
    with open(stamp + ".tmp", "w") as f:
        json.dump(key, f)
    os.replace(stamp + ".tmp", stamp)
    tmp = opts.out + ".tmp"
    shutil.copy2(os.path.join(build, product), tmp)
    os.replace(tmp, opts.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
