#!/usr/bin/env python3
"""`meson install` into a DESTDIR, then what a user of the libraries sees:
the public headers, versioned libraries, libglyph.pc and libfwl.pc, man
pages; a C program and a C++ file built only through the installed .pc files
(pkg-config with PKG_CONFIG_SYSROOT_DIR), run, and checked against Python's
hashlib and the project version; shared libraries export only their public
prefix (glyph_, fmt_).

usage: check_install.py MESON BUILDDIR PREFIX LIBDIR DEFAULT_LIBRARY SANITIZE
       VERSION MAN(0|1) CC CXX(or '') PKG_CONFIG(or '') CONSUMER.c CONSUMER.cpp
"""
import glob
import hashlib
import os
import sys
import tempfile

import harness
from harness import check

(MESON, BUILD, PREFIX, LIBDIR, DEFAULT_LIBRARY, SANITIZE, VERSION, MAN, CC, CXX, PKG_CONFIG,
 CONSUMER_C, CONSUMER_CXX) = sys.argv[1:14]
SHARED = DEFAULT_LIBRARY != "static"
# Libraries built with the sanitizers need them in the consumer's link too.
SAN = ["-fsanitize=" + SANITIZE] if SANITIZE not in ("", "none") else []


def under(dest, path):
    return os.path.join(dest, path.lstrip("/"))


def installed_files(dest):
    out = []
    for root, _, files in os.walk(dest):
        out += [os.path.relpath(os.path.join(root, f), dest) for f in files]
    return sorted(out)


def check_layout(dest, libdir, incdir):
    files = installed_files(dest)
    for h in ("glyph/context.h", "glyph/errors.def", "glyph/export.h", "fwl/loader.h",
              "fwl/version.h", "fwl/errors.def", "fwl/eve_text.h", "wire/blake2s.h",
              "wire/bundle_wire.h"):
        check(os.path.isfile(os.path.join(incdir, h)), "header installed: rasterd/" + h)
    check(not glob.glob(os.path.join(incdir, "formats")), "formats' headers are not installed")
    for pc in ("libglyph.pc", "libfwl.pc"):
        check(os.path.isfile(os.path.join(libdir, "pkgconfig", pc)), pc + " installed")
    check(os.path.isfile(os.path.join(libdir, "libfwl.a")), "libfwl.a installed (static loader)")
    if SHARED:
        major = VERSION.split(".")[0]
        real = os.path.join(libdir, "libglyph.so." + VERSION)
        check(os.path.isfile(real), "libglyph.so.%s installed" % VERSION)
        check(os.readlink(os.path.join(libdir, "libglyph.so." + major)) == "libglyph.so." + VERSION,
              "soname link libglyph.so.%s" % major)
        check(os.path.isfile(os.path.join(libdir, "rasterd", "librasterd-formats.so." + VERSION)),
              "private librasterd-formats.so in <libdir>/rasterd")
    else:
        check(os.path.isfile(os.path.join(libdir, "libglyph.a")), "libglyph.a installed")
    if MAN == "1":
        for page in ("glyphpack.1", "rasterd.1"):
            check(any(f.endswith("man1/" + page) for f in files), "man page " + page)
    for prog in ("glyphpack", "rasterd"):
        check(any(f.endswith("bin/" + prog) for f in files), "program " + prog)


def check_exports(libdir):
    """A shared library exports its public prefix and nothing else."""
    for lib, prefix in (("libglyph.so." + VERSION, "glyph_"),
                        (os.path.join("rasterd", "librasterd-formats.so." + VERSION), "fmt_")):
        p = harness.run(["nm", "-D", "--defined-only", os.path.join(libdir, lib)])
        syms = [ln.split()[-1] for ln in p.stdout.splitlines() if ln.split()[1:2] == ["T"]]
        stray = [s for s in syms if not s.startswith(prefix)]
        check(p.returncode == 0 and syms and not stray,
              "%s exports only %s* (%d functions)" % (lib, prefix, len(syms)), str(stray[:10]))


def pkg_config(dest, libdir, *args):
    env = {"PKG_CONFIG_PATH": os.path.join(libdir, "pkgconfig"), "PKG_CONFIG_SYSROOT_DIR": dest}
    static = [] if SHARED else ["--static"]
    p = harness.run_ok([PKG_CONFIG] + static + list(args) + ["libglyph", "libfwl"], env=env)
    return p.stdout.split()


def build_and_run_c(dest, libdir, tmp):
    flags = pkg_config(dest, libdir, "--cflags", "--libs")
    exe = os.path.join(tmp, "consumer")
    harness.run_ok([CC, "-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror"] + SAN +
                   ["-o", exe, CONSUMER_C] + flags)
    p = harness.run([exe], env={"LD_LIBRARY_PATH": libdir})
    check(p.returncode == 0, "C consumer built from the installed .pc files runs", p.stderr)
    got = dict(ln.split(" ", 1) for ln in p.stdout.splitlines() if " " in ln)
    check(got.get("blake2s_abc") == hashlib.blake2s(b"abc").hexdigest(),
          "installed bundle_blake2s(\"abc\") equals hashlib", got.get("blake2s_abc", ""))
    check(got.get("rgb565_bpp") == "16", "installed libglyph knows RGB565 (16 bpp)")
    check(got.get("fwl_version") == VERSION, "FWL_VERSION_STRING is the project version")
    check(got.get("fwl_bad_signature") == "FWL_ERR_BAD_SIGNATURE" and
          got.get("glyph_nomem") == "GLYPH_ERR_NOMEM", "error tables reachable")
    if SHARED:
        ldd = harness.run(["ldd", exe], env={"LD_LIBRARY_PATH": libdir}).stdout
        check(os.path.join(libdir, "libglyph.so.") in ldd, "linked against the installed libglyph.so",
              ldd)


def build_cxx(dest, libdir, incdir, tmp):
    if not CXX:
        print("no C++ compiler: C++ header check not run")
        return
    headers = sorted(os.path.relpath(h, incdir) for h in glob.glob(os.path.join(incdir, "*", "*.h")))
    with open(os.path.join(tmp, "all_public_headers.h"), "w") as f:
        f.writelines('#include <%s>\n' % h for h in headers)
    flags = pkg_config(dest, libdir, "--cflags", "--libs")
    exe = os.path.join(tmp, "consumer_cxx")
    harness.run_ok([CXX, "-std=c++11", "-Wall", "-Wextra", "-pedantic", "-Werror"] + SAN +
                   ["-I", tmp, "-o", exe, CONSUMER_CXX] + flags)
    p = harness.run([exe], env={"LD_LIBRARY_PATH": libdir})
    check(p.returncode == 0 and p.stdout.startswith("cxx GLYPH_ERR_NOMEM FWL_ERR_BAD_SIGNATURE"),
          "C++ program including all %d public headers links and runs" % len(headers),
          p.stdout + p.stderr)


def main():
    if not PKG_CONFIG:
        harness.skip("pkg-config not found: install pkgconf (scripts/deps.sh)")
    with tempfile.TemporaryDirectory(prefix="rasterd-install-") as tmp:
        dest = os.path.join(tmp, "destdir")
        harness.run_ok([MESON, "install", "-C", BUILD, "--destdir", dest, "--no-rebuild"],
                       timeout=300)
        libdir = under(dest, os.path.join(PREFIX, LIBDIR))
        incdir = under(dest, os.path.join(PREFIX, "include", "rasterd"))
        check_layout(dest, libdir, incdir)
        if SHARED:
            check_exports(libdir)
        build_and_run_c(dest, libdir, tmp)
        build_cxx(dest, libdir, incdir, tmp)
    return harness.finish()


if __name__ == "__main__":
    sys.exit(main())
