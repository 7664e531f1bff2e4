"""Helpers for the tests that hold glyphpack font-to-py against
micropython-font-to-py itself (the oracle):

- oracle_python(): a python3 that can `import freetype` (Debian's
  python3-freetype), which font_to_py and font_test.py need;
- font_to_py_dir(src, build_dir): font_to_py's sources, unpacked once per
  build directory from the archive in ../shared/thirdparty (cached under a
  stamp keyed on the archive's digest) or taken from a checkout;
- run_oracle(...): runs font_to_py's own command line (its main()) on a
  case, with the arguments exactly as given, and returns its output file
  plus FreeType's view of every glyph it drew (through font_to_py's own Font
  object, see oracle_run.py);
- bitmap_fonts(...): a BDF rendered from DejaVu Sans (make_bdf.py) and its
  PCF (bdftopcf from xfonts-utils).

Skipping goes through tests/common/harness.py (exit 77, meson's SKIP).
"""
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

from harness import skip

HERE = os.path.dirname(os.path.abspath(__file__))


def oracle_python():
    """A Python interpreter with freetype-py, or None."""
    seen = set()
    for cand in (os.environ.get("FTP_PYTHON"), sys.executable, "/usr/bin/python3",
                 shutil.which("python3")):
        if not cand or cand in seen:
            continue
        seen.add(cand)
        try:
            p = subprocess.run([cand, "-c", "import freetype"], capture_output=True, timeout=60)
        except OSError:
            continue
        if p.returncode == 0:
            return cand
    return None


def oracle_python_or_skip():
    py = oracle_python()
    if py is None:
        skip("no python3 with the freetype module (Debian python3-freetype, "
             "scripts/deps.sh installs it); set FTP_PYTHON to use another")
    return py


def _safe_members(tar, dest):
    for m in tar.getmembers():
        path = os.path.realpath(os.path.join(dest, m.name))
        if not path.startswith(os.path.realpath(dest) + os.sep) or not (m.isfile() or m.isdir()):
            raise RuntimeError("unexpected archive member %r" % m.name)
        yield m


def font_to_py_dir(src, build_dir):
    """The folder holding font_to_py.py. `src` is a checkout (used as it is)
    or the .tar.xz archive (unpacked into build_dir once, under a lock)."""
    if not src:
        skip("font_to_py not found: set the meson option font_to_py (a checkout or the "
             "archive; default ../shared/thirdparty/font_to_py-*.tar.xz)")
    if os.path.isdir(src):
        if not os.path.exists(os.path.join(src, "font_to_py.py")):
            skip("font_to_py option: %s has no font_to_py.py" % src)
        return src
    with open(src, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    root = os.path.join(build_dir, "font_to_py-" + digest)
    os.makedirs(build_dir, exist_ok=True)
    with open(os.path.join(build_dir, "font_to_py.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.path.exists(root + ".stamp"):
            tmp = tempfile.mkdtemp(dir=build_dir)
            with tarfile.open(src) as tar:
                tar.extractall(tmp, members=_safe_members(tar, tmp))
            shutil.rmtree(root, ignore_errors=True)
            os.rename(tmp, root)
            with open(root + ".stamp", "w") as f:
                f.write(src + "\n")
    for dirpath, _, files in os.walk(root):
        if "font_to_py.py" in files:
            return dirpath
    raise RuntimeError("no font_to_py.py in " + src)


def clean_env():
    """The environment for FreeType runs: FREETYPE_PROPERTIES changes
    rendering in font_to_py (FT_Init_FreeType reads it) but not in libglyph."""
    env = dict(os.environ)
    env.pop("FREETYPE_PROPERTIES", None)
    return env


def run_oracle(py, ftp_dir, workdir, args, outname, timeout=600):
    """Runs font_to_py with `args` in `workdir` (as `font_to_py.py ARGS`, so
    its "# Cmd:" comment reads "font_to_py.py ARGS"); `outname` is its output
    file. Returns (returncode, output bytes or None, glyph data or None,
    stdout+stderr text)."""
    link = os.path.join(workdir, "font_to_py.py")
    if not os.path.exists(link):
        os.symlink(os.path.join(ftp_dir, "font_to_py.py"), link)
    dump = os.path.join(workdir, "oracle.json")
    if os.path.exists(dump):
        os.unlink(dump)
    p = subprocess.run([py, os.path.join(HERE, "oracle_run.py"), dump] + args, cwd=workdir,
                       capture_output=True, text=True, env=clean_env(), timeout=timeout)
    out_path = os.path.join(workdir, outname)
    data = None
    glyphs = None
    if p.returncode == 0:
        data = open(out_path, "rb").read() if os.path.isfile(out_path) else None
    if os.path.exists(dump):
        with open(dump) as f:
            glyphs = json.load(f)
    return p.returncode, data, glyphs, p.stdout + p.stderr


def bitmap_fonts(py, workdir, px=13):
    """Writes t.bdf (DejaVu Sans at `px`) and, when bdftopcf exists, t.pcf
    into workdir; returns the list of paths."""
    src = os.path.join(os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu"),
                       "DejaVuSans.ttf")
    bdf = os.path.join(workdir, "t%d.bdf" % px)
    subprocess.run([py, os.path.join(HERE, "make_bdf.py"), src, str(px), bdf], check=True,
                   env=clean_env())
    out = [bdf]
    tool = shutil.which("bdftopcf")
    if tool:
        pcf = bdf[:-4] + ".pcf"
        subprocess.run([tool, "-o", pcf, bdf], check=True)
        out.append(pcf)
    else:
        print("note: bdftopcf not found (xfonts-utils): no PCF cases")
    return out


def workdir(py, ftp_dir, fonts, prefix, links=()):
    """A fresh folder holding the test BDF/PCF (bitmap_fonts), links to the
    DejaVu `fonts` named (other names: the bitmap fonts) and to the files
    `links` of font_to_py's sources (e.g. "charsets/extended")."""
    work = tempfile.mkdtemp(prefix=prefix)
    made = [os.path.basename(f) for f in bitmap_fonts(py, work)]
    dejavu = os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu")
    for f in set(fonts) - set(made):
        os.symlink(os.path.join(dejavu, f), os.path.join(work, f))
    for f in links:
        os.symlink(os.path.join(ftp_dir, f), os.path.join(work, os.path.basename(f)))
    return work


def make_modules(py, ftp_dir, work, glyphpack, name, args):
    """font_to_py's module ftp_NAME.py and glyphpack's gp_NAME.py (default)
    and gc_NAME.py (--bug-compatible) from the same `args` (font_to_py's,
    without OUTFILE). Returns font_to_py's (returncode, oracle data, log) and
    [(glyphpack's returncode, stderr)] for the two."""
    rc, _, oracle, log = run_oracle(py, ftp_dir, work, args + ["ftp_%s.py" % name],
                                    "ftp_%s.py" % name)
    ours = []
    for prefix, extra in (("gp_", []), ("gc_", ["--bug-compatible"])):
        p = subprocess.run([glyphpack, "font-to-py", "--quiet"] + extra + args +
                           [prefix + name + ".py"], cwd=work, capture_output=True, text=True,
                           env=clean_env())
        ours.append((p.returncode, p.stderr))
    return (rc, oracle, log), ours
