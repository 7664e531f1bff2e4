#!/usr/bin/env python3
"""glyphpack font-to-py's command line:

- font_to_py's argument grammar, held against font_to_py itself: each
  spelling below (clustered flags, attached values, '=', abbreviations,
  repeats, '--', options after the positional arguments, Python integer
  forms) must give the same file font_to_py writes (--bug-compatible), or
  fail where font_to_py fails;
- hostile arguments that font_to_py turns into a broken module (a newline in
  -c or in the font's name, bytes that are not UTF-8) give a module that
  compiles, with the same glyphs as font_to_py's from the clean argument;
- errors: each names the file or option and exits with the documented code,
  nothing is written, and a previous output stays as it was (no temporary
  file left behind); FIFOs do not hang;
- the -f py hint of the old spelling.

usage: test_ftp_cli.py GLYPHPACK FONT_TO_PY_SRC BUILD_DIR
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ftpcheck  # noqa: E402
from harness import case, check, finish  # noqa: E402

GLYPHPACK = os.path.abspath(sys.argv[1])
DEJAVU = os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu")
SANS = os.path.join(DEJAVU, "DejaVuSans.ttf")

F = "DejaVuSans.ttf"
# Argument spellings: each is font_to_py's command line (output o.py/o.bin).
GRAMMAR = [
    ["-xr", F, "10", "o.py"],
    ["-c0123", F, "10", "o.py"],
    ["-c=0123", F, "10", "o.py"],
    ["--charset=0123", F, "10", "o.py"],
    ["--charset", "0123", F, "10", "o.py"],
    ["--chars", "0123", F, "10", "o.py"],          # ambiguous: both refuse
    ["--charset_", "extended", F, "10", "o.py"],   # a prefix of --charset_file
    ["--rev", "--fix", "--it", F, "10", "o.py"],
    [F, "10", "o.py", "-fi", "-y"],
    [F, "-y", "10", "-r", "o.py"],
    ["-s", "48", "-l", "57", "-l", "90", F, "10", "o.py"],
    ["--", F, "10", "o.py"],
    ["-e", " 35 ", "-s", "+40", "-l", "1_00", F, "10", "o.py"],
    ["-xc", "0123", F, "10", "o.py"],
    ["-xc=0123", F, "10", "o.py"],
    ["-c", "-x", F, "10", "o.py"],                 # a value that looks like an option
    ["-s", "-1", F, "10", "o.py"],                 # a negative number is a value
    ["-k", "extended", "-c", "abc", F, "10", "o.py"],
    ["-c", "", F, "10", "o.py"],
    ["-c", "\t \u00a0\u00ad x", F, "10", "o.py"],  # only printable characters count
    ["-e", "256", F, "10", "o.py"],
    ["-l", "256", F, "10", "o.py"],
    ["-y", "-x", F, "10", "o.py"],
    ["--xmap=1", F, "10", "o.py"],
    ["-z", F, "10", "o.py"],
    [F, "10", "o.py", "extra"],
    [F, "ten", "o.py"],
    [F, "10", "o.bin"],                            # a module needs .py
    ["-b", F, "10", "o.py"],                       # a binary file must not be .py
    ["-b", "-s", "32", "-e", "63", F, "10", "o.bin"],
    ["-b", "-l", "100", F, "10", "o.bin"],
    ["-b", "-y", "-r", "-k", "extended", F, "12", "o.bin"],
    ["-c", "\U0001F600", F, "10", "o.py"],         # 17-bit code point: font_to_py fails
]


def setup(work):
    os.symlink(SANS, os.path.join(work, F))


def glyphpack(work, args, extra=(), timeout=60):
    return subprocess.run([GLYPHPACK, "font-to-py"] + list(extra) + args, cwd=work,
                          capture_output=True, text=True, env=ftpcheck.clean_env(),
                          timeout=timeout)


def read(path):
    return open(path, "rb").read() if os.path.exists(path) else None


def grammar(py, ftp_dir):
    for args in GRAMMAR:
        with tempfile.TemporaryDirectory() as work:
            setup(work)
            os.symlink(os.path.join(ftp_dir, "charsets", "extended"),
                       os.path.join(work, "extended"))
            out = "o.bin" if "o.bin" in args else "o.py"
            rc, ref, _, log = ftpcheck.run_oracle(py, ftp_dir, work, args, out)
            if os.path.exists(os.path.join(work, out)):
                os.unlink(os.path.join(work, out))
            p = glyphpack(work, args, ["--bug-compatible", "--quiet"])
            ours = read(os.path.join(work, out))
            what = "arguments %r" % (args,)
            if rc != 0:
                check(p.returncode != 0 and ours is None and p.stderr.strip(),
                      what + ": font_to_py refuses them, so does glyphpack", p.stderr[-300:])
            else:
                check(p.returncode == 0 and ours == ref, what + ": the file font_to_py writes",
                      p.stderr[-300:])


def hostile(py, ftp_dir):
    # A newline in -c: font_to_py's "# Cmd:" line breaks its module.
    for name, ours_args, ref_args in (
            ("newline in -c", ["-c", "ab\ncd", F, "10", "o.py"], ["-c", "abcd", F, "10", "o.py"]),
            ("CR in -c", ["-c", "ab\rcd", F, "10", "o.py"], ["-c", "abcd", F, "10", "o.py"]),
            ("newline in the font's name", ["x\ny.ttf", "10", "o.py"], ["xy.ttf", "10", "o.py"]),
            ("an encoding declaration in the font's name", ["coding:utf-7.ttf", "10", "o.py"],
             ["xy.ttf", "10", "o.py"]),
            ("bytes not UTF-8 in -c", [b"-c", b"ab\xff\xfecd", F, "10", "o.py"],
             ["-c", "abcd", F, "10", "o.py"])):
        with tempfile.TemporaryDirectory() as work:
            for link in (F, "xy.ttf", "x\ny.ttf", "coding:utf-7.ttf"):
                os.symlink(SANS, os.path.join(work, link))
            rc, ref, _, log = ftpcheck.run_oracle(py, ftp_dir, work, ref_args, "o.py")
            os.unlink(os.path.join(work, "o.py"))
            p = subprocess.run([os.fsencode(GLYPHPACK), b"font-to-py", b"--quiet",
                                b"--bug-compatible"] +
                               [os.fsencode(a) for a in ours_args], cwd=work,
                               capture_output=True, env=ftpcheck.clean_env(), timeout=60)
            ours = read(os.path.join(work, "o.py"))
            if not check(p.returncode == 0 and ours is not None and rc == 0,
                         name + ": glyphpack writes the module", p.stderr[-300:]):
                continue
            text = ours.decode("utf-8")
            try:
                compile(text, "o.py", "exec")
                compiles = True
            except SyntaxError:
                compiles = False
            check(compiles, name + ": the module is valid UTF-8 Python")
            head = "\n".join(text.split("\n")[:2])  # where Python looks for one (PEP 263)
            check("coding:" not in head and "coding=" not in head,
                  name + ": no encoding declaration on the first two lines")
            r, o = ref.decode().split("\n"), text.split("\n")
            same = len(r) == len(o) and all(a == b for a, b in zip(r, o) if
                                            not a.startswith(("# Cmd:", "# Font:")))
            check(same, name + ": everything but the comments is font_to_py's module for the "
                  "clean argument")


def errors():
    @case("font-to-py: a missing font names it, exit 66, nothing written")
    def _(d):
        p = glyphpack(d, ["nofont.ttf", "16", "o.py"])
        assert p.returncode == 66 and "nofont.ttf" in p.stderr, p.stderr
        assert not os.path.exists(os.path.join(d, "o.py"))

    @case("font-to-py: a directory or a text file is no font (66, 65)")
    def _(d):
        os.mkdir(os.path.join(d, "dir.ttf"))
        p = glyphpack(d, ["dir.ttf", "16", "o.py"])
        assert p.returncode == 66 and "dir.ttf" in p.stderr, p.stderr
        with open(os.path.join(d, "t.ttf"), "w") as f:
            f.write("not a font\n")
        p = glyphpack(d, ["t.ttf", "16", "o.py"])
        assert p.returncode == 65 and "t.ttf" in p.stderr, p.stderr

    @case("font-to-py: -k names a FIFO: refused at once, no hang")
    def _(d):
        setup(d)
        os.mkfifo(os.path.join(d, "fifo"))
        p = glyphpack(d, ["-k", "fifo", F, "16", "o.py"], timeout=20)
        assert p.returncode != 0 and "fifo" in p.stderr, p.stderr

    @case("font-to-py: -k missing (66) or not UTF-8 (65, with the offset)")
    def _(d):
        setup(d)
        p = glyphpack(d, ["-k", "none.txt", F, "16", "o.py"])
        assert p.returncode == 66 and "none.txt" in p.stderr, p.stderr
        with open(os.path.join(d, "bad.txt"), "wb") as f:
            f.write(b"abc\xff")
        p = glyphpack(d, ["-k", "bad.txt", F, "16", "o.py"])
        assert p.returncode == 65 and "bad.txt" in p.stderr and "offset 3" in p.stderr, p.stderr

    @case("font-to-py: a -k file over 16 MiB is refused (65), not read into memory forever")
    def _(d):
        setup(d)
        with open(os.path.join(d, "big.txt"), "wb") as f:
            f.truncate((16 << 20) + 1)
        p = glyphpack(d, ["-k", "big.txt", F, "16", "o.py"])
        assert p.returncode == 65 and "big.txt" in p.stderr and "larger" in p.stderr, p.stderr

    @case("font-to-py: HEIGHT outside 1..2048 for a scalable font is a usage error")
    def _(d):
        setup(d)
        for h in ("0", "-3", "5000"):
            p = glyphpack(d, [F, h, "o.py"])
            assert p.returncode == 64 and "HEIGHT" in p.stderr, (h, p.stderr)

    @case("font-to-py: data that do not fit font_to_py's fields: exit 65, field named")
    def _(d):
        setup(d)
        # 95 glyphs of about 1 KB: the normal index's 16-bit offsets overflow.
        p = glyphpack(d, [F, "110", "o.py"])
        assert p.returncode == 65 and "16-bit index" in p.stderr, p.stderr
        # The binary file's header holds height and max_width in one byte.
        p = glyphpack(d, ["-b", F, "300", "o.bin"])
        assert p.returncode == 65 and "does not fit" in p.stderr, p.stderr
        assert not os.path.exists(os.path.join(d, "o.py"))

    @case("font-to-py: a failed run keeps the previous output, leaves no temporary file")
    def _(d):
        setup(d)
        p = glyphpack(d, ["--quiet", F, "12", "o.py"])
        assert p.returncode == 0, p.stderr
        before = read(os.path.join(d, "o.py"))
        p = glyphpack(d, [F, "110", "o.py"])
        assert p.returncode == 65
        assert read(os.path.join(d, "o.py")) == before
        assert sorted(os.listdir(d)) == [F, "o.py"], os.listdir(d)

    @case("font-to-py: an output that would replace an input is refused")
    def _(d):
        setup(d)
        with open(os.path.join(d, "k.py"), "w") as f:
            f.write("abc")
        p = glyphpack(d, ["-k", "k.py", F, "12", "k.py"])
        assert p.returncode == 64 and "overwrite" in p.stderr, p.stderr
        assert read(os.path.join(d, "k.py")) == b"abc"

    @case("font-to-py: output folder missing: exit 73")
    def _(d):
        setup(d)
        p = glyphpack(d, [F, "12", "no/dir/o.py"])
        assert p.returncode == 73 and "no/dir" in p.stderr, p.stderr

    @case("font-to-py: --help exits 0 and lists font_to_py's options and ours")
    def _(d):
        p = glyphpack(d, ["--help"])
        assert p.returncode == 0
        for opt in ("--xmap", "--ymap", "--reverse", "--fixed", "--smallest", "--largest",
                    "--errchar", "--charset", "--charset_file", "--iterate", "--binary",
                    "--bug-compatible"):
            assert opt in p.stdout, opt

    @case("font-to-py: --help, glyphpack(1) and docs/font-to-py.md name the same options")
    def _(d):
        import re
        help_opts = set(re.findall(r"--[a-z_-]+", glyphpack(d, ["--help"]).stdout))
        src = os.environ.get("SRCDIR", os.path.join(HERE, "..", ".."))
        man = open(os.path.join(src, "docs", "glyphpack.1.scd")).read()
        man = man[man.index("# FONT-TO-PY"):man.index("# EXIT STATUS")]
        guide = open(os.path.join(src, "docs", "font-to-py.md")).read()
        for opt in sorted(help_opts):
            assert "*" + opt + "*" in man, opt + " not in glyphpack(1)"
            assert "`" + opt in guide, opt + " not in docs/font-to-py.md"

    @case("font-to-py: a module name Python cannot import is warned about")
    def _(d):
        setup(d)
        p = glyphpack(d, [F, "12", "my-font.py"])
        assert p.returncode == 0 and "my-font" in p.stderr and "module" in p.stderr, p.stderr

    @case("-f py points users at font-to-py when they ask for a cell height")
    def _(d):
        p = subprocess.run([GLYPHPACK, SANS, "--line-height", "16", "-f", "py", "-o",
                            os.path.join(d, "f.py")], capture_output=True, text=True)
        assert p.returncode == 0 and "font-to-py" in p.stdout + p.stderr, p.stdout + p.stderr


def main():
    errors()
    py = ftpcheck.oracle_python()
    if py is None:
        print("note: no python3 with freetype: the checks against font_to_py are skipped")
    else:
        ftp_dir = ftpcheck.font_to_py_dir(sys.argv[2], sys.argv[3])
        grammar(py, ftp_dir)
        hostile(py, ftp_dir)
    sys.exit(finish())


if __name__ == "__main__":
    main()
