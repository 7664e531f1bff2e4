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
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ftpcheck  # noqa: E402
from harness import check, finish  # noqa: E402

GLYPHPACK = os.path.abspath(sys.argv[1])
DEJAVU = os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu")

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
    work = tempfile.mkdtemp(prefix="ftp-fonttest-")
    ftpcheck.bitmap_fonts(py, work)
    for f in {c[1] for c in CASES} - {"t13.bdf"}:
        os.symlink(os.path.join(DEJAVU, f), os.path.join(work, f))
    for f in ("font_test.py", "charsets/extended"):
        os.symlink(os.path.join(ftp_dir, f), os.path.join(work, os.path.basename(f)))
    for name, font, height, opts in CASES:
        args = opts + [font, str(height)]
        rc, _, _, log = ftpcheck.run_oracle(py, ftp_dir, work, args + ["ftp_%s.py" % name],
                                            "ftp_%s.py" % name)
        if not check(rc == 0, "%s: font_to_py writes its module" % name, log[-300:]):
            continue
        for prefix, extra in (("gp_", []), ("gc_", ["--bug-compatible"])):
            p = subprocess.run([GLYPHPACK, "font-to-py", "--quiet"] + extra + args +
                               [prefix + name + ".py"], cwd=work, capture_output=True,
                               text=True, env=ftpcheck.clean_env())
            check(p.returncode == 0, "%s: glyphpack %s" % (name, " ".join(extra)), p.stderr)
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
