#!/usr/bin/env python3
"""font_to_py's own font_test.py reads glyphpack font-to-py's modules: its
test_font() (which checks every bitmap's length against height() and the
width get_ch() returns, for the module's mapping, and prints the glyphs as
text) must print exactly what it prints for font_to_py's module of the same
font and arguments: for modules made with --bug-compatible on any string, for
default modules on strings without the glyphs the documented deviations move.

usage: check_ftp_font_test.py GLYPHPACK FONT_TO_PY_SRC BUILD_DIR
"""
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ftpcheck  # noqa: E402
from harness import check, finish  # noqa: E402

GLYPHPACK = os.path.abspath(sys.argv[1])

# font_test's default string (abg~, DEL, degree, plus-minus, Omega, phi) and
# one of ours.
STRINGS = [None, "Hello {World} 0123 jg|\\"]

CASES = [
    ("hmap", "DejaVuSans.ttf", 16, []),
    ("hmapr", "DejaVuSans.ttf", 16, ["-r"]),
    ("vmap", "DejaVuSerif.ttf", 14, ["-y"]),
    ("vmapr", "DejaVuSerif.ttf", 14, ["-y", "-r"]),
    ("fixed", "DejaVuSansMono.ttf", 18, ["-f", "-y"]),
    ("ext", "DejaVuSans-Bold.ttf", 21, ["-k", "extended"]),
    ("bdf", "t13.bdf", 0, ["-k", "extended", "-i"]),
]


def font_test(py, work, module, string):
    code = "import font_test; font_test.test_font(%r%s)" % (
        module, "" if string is None else ", %r" % string)
    p = subprocess.run([py, "-c", code], cwd=work, capture_output=True, text=True,
                       env=ftpcheck.clean_env(), timeout=120)
    return p.returncode, p.stdout + p.stderr


def main():
    py = ftpcheck.oracle_python_or_skip()
    ftp_dir = ftpcheck.font_to_py_dir(sys.argv[2], sys.argv[3])
    work = ftpcheck.workdir(py, ftp_dir, [c[1] for c in CASES], "ftp-fonttest-",
                            ("font_test.py", "charsets/extended"))
    for name, font, height, opts in CASES:
        (rc, _, log), ours = ftpcheck.make_modules(py, ftp_dir, work, GLYPHPACK, name,
                                                   opts + [font, str(height)])
        if not check(rc == 0, "%s: font_to_py writes its module" % name, log[-300:]):
            continue
        for (grc, err), mode in zip(ours, ("default", "--bug-compatible")):
            check(grc == 0, "%s: glyphpack %s" % (name, mode), err)
        for s in STRINGS:
            ref = font_test(py, work, "ftp_" + name, s)
            what = "%s %s" % (name, "default string" if s is None else repr(s))
            check(ref[0] == 0 and "#" in ref[1], "%s: font_test prints font_to_py's glyphs" % what,
                  ref[1][-300:])
            for prefix, mode in (("gc_", "--bug-compatible"), ("gp_", "default")):
                ours = font_test(py, work, prefix + name, s)
                check(ours == ref, "%s: font_test prints the same for the %s module" % (what, mode),
                      ours[1][-300:])
    shutil.rmtree(work)
    sys.exit(finish())


if __name__ == "__main__":
    main()
