"""The one helper module of the Python tests (tests/meson.build puts
tests/common on PYTHONPATH through test_env; by hand:
PYTHONPATH=tests/common python3 tests/...).

    from harness import check, run, finish
    check(rc == 0, "build exits 0", err)      # counted, the test goes on
    p = run([PROG, "build", d], cwd=d)        # CompletedProcess, text, timeout
    run_ok([CC, "-c", "x.c"])                 # the same; exit 1 with its output if it fails
    @case("name") def _(tmpdir): assert ...   # one case in a fresh folder
    sys.exit(finish())                        # 0, or 1 after listing failures
    skip("node not found (-Dmicropython_tests)")  # exit 77: meson's SKIP
"""
import os
import struct
import subprocess
import sys
import tempfile
import zlib

SKIP = 77

# Names of the failed checks and cases, in order.
failures = []


def check(cond, what, detail=""):
    """Counts a failure (FAIL line on stderr) when `cond` is false, else
    prints an ok line; never raises, so one run reports every failure."""
    if cond:
        print("ok:", what)
    else:
        failures.append(what)
        print("FAIL: %s %s" % (what, detail) if detail else "FAIL: %s" % what, file=sys.stderr)
    return bool(cond)


def case(name):
    """Decorator: runs the function at once with a fresh temporary folder;
    an AssertionError is a failure of this case, the next cases still run."""
    def wrap(fn):
        with tempfile.TemporaryDirectory() as d:
            try:
                fn(d)
                print("ok:", name)
            except AssertionError as e:
                failures.append(name)
                print("FAIL: %s: %s" % (name, e), file=sys.stderr)
        return fn
    return wrap


def run(argv, cwd=None, env=None, timeout=120, drop_env=(), **kw):
    """Runs a program, captures stdout and stderr as text; returns the
    CompletedProcess. `env` entries are added to the environment, names in
    `drop_env` removed from it."""
    e = dict(os.environ)
    for name in drop_env:
        e.pop(name, None)
    if env:
        e.update(env)
    return subprocess.run([str(a) for a in argv], cwd=cwd, env=e, capture_output=True,
                          text=True, timeout=timeout, **kw)


def run_ok(argv, **kw):
    """run(), and when the program fails, end the test (exit 1) showing the
    command and its output: for steps that must work for the test to mean
    anything (compiling, linking)."""
    p = run(argv, **kw)
    if p.returncode != 0:
        sys.stderr.write("failed (exit %d): %s\n%s%s" % (p.returncode, " ".join(map(str, argv)),
                                                        p.stdout, p.stderr))
        sys.exit(1)
    return p


def rasterd_keygen_build(rasterd, proj):
    """`rasterd keygen -o PROJ/keys/k` then `rasterd build -q PROJ` (without
    the environment's signing key), ending the test if either fails; for
    scripts that need a built project's outputs."""
    for args in (["keygen", "-o", os.path.join(proj, "keys", "k")], ["build", "-q", proj]):
        run_ok([rasterd] + args, drop_env=("RASTERD_SIGNING_KEY_FILE",))


def skip(reason):
    """Ends the test as skipped (exit 77) saying why and which option or
    package would enable it."""
    print("SKIP:", reason)
    sys.exit(SKIP)


def finish():
    """Exit status for the end of a test: 0 when every check passed."""
    if failures:
        print("%d failure(s): %s" % (len(failures), ", ".join(failures)), file=sys.stderr)
        return 1
    print("all passed")
    return 0


def png_rgba(w, h, pixel):
    """A minimal 8-bit RGBA PNG (zlib, one IDAT); pixel(x, y) -> (r, g, b, a).
    Written from the PNG specification, so libglyph's decoder is not its own
    oracle."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + bytes(c for x in range(w) for c in pixel(x, y)) for y in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
