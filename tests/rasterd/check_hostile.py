#!/usr/bin/env python3
"""rasterd and glyphpack against a hostile project folder (issue 9 A): a
symlinked output store, generation folder or lock, FIFOs where inputs
belong, colliding output names, secrets among the inputs, odd command lines.
Each scenario checks what an attacker would want (a file outside the output
folder deleted or overwritten, a hang, a secret in a world-readable file)
did not happen, and that the error names the file.

usage: check_hostile.py RASTERD GLYPHPACK CC TEST_NAME...
"""
import fcntl
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time

import harness

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_watch_daemon as wd  # noqa: E402

RASTERD = os.path.abspath(sys.argv[1])
GLYPHPACK = os.path.abspath(sys.argv[2])
CC = sys.argv[3]
SRC = os.environ.get("SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
TIMEOUT = 30

MANIFEST = """\
target = { name = "hostile"; base = 0x0L; size = 0x10000L; };
bundle = { chunk_size = 256; key = "keys/k.key"; };
raw = ( { name = "blob"; file = "blob.bin"; } );
images = ( { name = "pic"; file = "pic.png"; format = "L4"; } );
"""


def png(width, height):
    return harness.png_rgba(width, height, lambda x, y: (x * 7 + y, y * 9, x, 255))


def write(path, data, mode=None):
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)
    if mode is not None:
        os.chmod(path, mode)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def run(*args, timeout=TIMEOUT, env=None, prog=None, **kw):
    """Runs rasterd (or `prog`); a hang past `timeout` is a failure, not a wait."""
    argv = [prog or RASTERD] + list(args)
    try:
        p = harness.run(argv, env=env, timeout=timeout, drop_env=("RASTERD_SIGNING_KEY_FILE",),
                        errors="replace", **kw)
    except subprocess.TimeoutExpired:
        raise AssertionError("%s hung for %d s" % (" ".join(argv), timeout)) from None
    return p.returncode, p.stdout, p.stderr


def project(base, manifest=MANIFEST):
    """A small project folder with a key; returns its path."""
    p = os.path.join(base, "P")
    os.makedirs(p)
    write(os.path.join(p, "rasterd.conf"), manifest)
    write(os.path.join(p, "blob.bin"), bytes(range(64)))
    write(os.path.join(p, "pic.png"), png(16, 8))
    rc, _, err = run("keygen", "-o", os.path.join(p, "keys", "k"))
    assert rc == 0, err
    return p


def victim(base):
    """A folder and a file an attacker wants rasterd to delete or overwrite."""
    v = os.path.join(base, "V")
    os.makedirs(os.path.join(v, "sub"))
    write(os.path.join(v, "notes.txt"), "precious\n")
    write(os.path.join(v, "sub", "deep.txt"), "deep\n")
    write(os.path.join(base, "victim.txt"), "victim\n")
    return v


def assert_victim_intact(base):
    v = os.path.join(base, "V")
    assert sorted(os.listdir(v)) == ["notes.txt", "sub"], os.listdir(v)
    assert read(os.path.join(v, "notes.txt")) == b"precious\n"
    assert os.listdir(os.path.join(v, "sub")) == ["deep.txt"]
    assert read(os.path.join(base, "victim.txt")) == b"victim\n"


def assert_refused(rc, err, code, *needles):
    assert rc == code, "exit %d, want %d: %s" % (rc, code, err)
    for n in needles:
        assert n in err, "%r not in %r" % (n, err)


# ---- A1, A2: the generation store -------------------------------------------

def test_symlinked_store(base):
    p = project(base)
    victim(base)
    store = os.path.join(p, ".out.gen")
    for target in (os.path.join(base, "V"), ".."):
        os.symlink(target, store)
        rc, _, err = run("build", p)
        assert_refused(rc, err, 73, store, "symlink")
        assert_victim_intact(base)
        assert os.path.exists(os.path.join(p, "rasterd.conf")), "deleted the manifest"
        assert not os.path.lexists(os.path.join(p, "out")), "switched output.dir"
        os.unlink(store)


def test_symlinked_store_watch(base):
    p = project(base)
    victim(base)
    os.symlink("..", os.path.join(p, ".out.gen"))
    rc, out, err = run("--watch", p, "--no-cache", "--json", timeout=15)
    assert_refused(rc, err + out, 73, ".out.gen", "symlink")
    assert_victim_intact(base)
    assert sorted(os.listdir(p)) == sorted([".out.gen", "blob.bin", "keys", "pic.png",
                                            "rasterd.conf"]), os.listdir(p)


def test_symlinked_generation(base):
    p = project(base)
    victim(base)
    rc, _, err = run("build", p)
    assert rc == 0, err
    gen = os.path.join(p, ".out.gen", "9")
    os.symlink(os.path.join(base, "V"), gen)
    rc, _, err = run("build", p)
    assert_refused(rc, err, 73, gen, "symlink")
    assert_victim_intact(base)
    os.unlink(gen)
    # The current generation itself replaced by a symlink.
    cur = os.path.join(p, ".out.gen", "1")
    shutil.rmtree(cur)
    os.symlink(os.path.join(base, "V"), cur)
    rc, _, err = run("build", p)
    assert_refused(rc, err, 73, cur, "symlink")
    assert_victim_intact(base)


def test_foreign_files_in_store_are_kept(base):
    p = project(base)
    os.makedirs(os.path.join(p, ".out.gen", "notes"))
    write(os.path.join(p, ".out.gen", "README"), "mine\n")
    for _ in range(4):
        rc, _, err = run("build", p)
        assert rc == 0, err
    names = sorted(os.listdir(os.path.join(p, ".out.gen")))
    assert names == ["3", "4", "README", "lock", "notes"], names


def test_symlinked_lock(base):
    p = project(base)
    victim(base)
    os.makedirs(os.path.join(p, ".out.gen"))
    lock = os.path.join(p, ".out.gen", "lock")
    os.symlink("../../victim.txt", lock)
    rc, _, err = run("build", p)
    assert_refused(rc, err, 73, lock, "symlink")
    assert_victim_intact(base)
    os.unlink(lock)
    os.mkfifo(lock)
    rc, _, err = run("build", p)
    assert_refused(rc, err, 73, lock, "not a regular file")


def test_lock_pid_while_holder_starts(base):
    """A second build reading the lock while its holder has taken it but not
    yet written its pid still names the holder."""
    p = project(base)
    os.makedirs(os.path.join(p, ".out.gen"))
    fd = os.open(os.path.join(p, ".out.gen", "lock"), os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    proc = subprocess.Popen([RASTERD, "build", p], stderr=subprocess.PIPE, text=True)
    time.sleep(0.2)
    os.pwrite(fd, b"%d\n" % os.getpid(), 0)
    err = proc.communicate(timeout=TIMEOUT)[1]
    os.close(fd)
    assert_refused(proc.returncode, err, 73, "another rasterd (pid %d)" % os.getpid())


def test_rejected_output_dir_leaves_no_lock(base):
    p = project(base)
    out = os.path.join(p, "out")
    os.makedirs(out)
    write(os.path.join(out, "mine.txt"), "mine\n")
    rc, _, err = run("build", p)
    assert_refused(rc, err, 73, out, "mine.txt")
    assert not os.path.lexists(os.path.join(p, ".out.gen")), os.listdir(p)
    shutil.rmtree(out)
    os.symlink("/tmp", out)
    rc, _, err = run("build", p)
    assert_refused(rc, err, 73, out, "not a symlink to")
    assert not os.path.lexists(os.path.join(p, ".out.gen")), os.listdir(p)


# ---- A4: FIFOs and other special files where inputs belong -----------------

def replace_with_fifo(path):
    os.unlink(path)
    os.mkfifo(path)


def test_fifo_inputs(base):
    """Raw asset, image asset, key, included file and the manifest itself."""
    p = project(base, MANIFEST + '@include "extra.conf"\n')
    write(os.path.join(p, "extra.conf"), "# more settings\n")
    for rel, code in (("blob.bin", 66), ("pic.png", 66), ("keys/k.key", 66),
                      ("extra.conf", 66), ("rasterd.conf", 66)):
        path = os.path.join(p, rel)
        saved = read(path)
        mode = os.stat(path).st_mode
        replace_with_fifo(path)
        start = time.monotonic()
        rc, _, err = run("build", p, timeout=20)
        assert_refused(rc, err, code, path, "FIFO")
        assert time.monotonic() - start < 10, "slow"
        os.unlink(path)
        write(path, saved, mode & 0o777)
        rc, _, err = run("build", p)
        assert rc == 0, err


def test_fifo_inputs_of_outputs(base):
    """The inputs of the other outputs: a file the ROMFS image holds, the
    DFU's firmware, an LVGL font and an LVGL image: each a FIFO in turn,
    refused at once naming it, the previous generation kept."""
    font = os.path.join(os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu"),
                        "DejaVuSans.ttf")
    p = project(base, MANIFEST +
                'romfs = { files = ( "lib.py" ); };\n'
                'dfu = { firmware = "fw.bin"; firmware_address = 0x08000000L;'
                ' bundle_address = 0x90000000L; };\n'
                'lvgl = { fonts = ( { name = "ui_f"; file = "f.ttf"; size = 12; } );'
                ' images = ( { name = "ui_p"; file = "ui.png"; format = "RGB565"; } ); };\n')
    write(os.path.join(p, "lib.py"), "X = 1\n")
    write(os.path.join(p, "fw.bin"), b"\x00" * 64)
    write(os.path.join(p, "f.ttf"), read(font))
    write(os.path.join(p, "ui.png"), png(5, 3))
    rc, _, err = run("build", p)
    assert rc == 0, err
    gen = os.path.realpath(os.path.join(p, "out"))
    for rel in ("lib.py", "fw.bin", "f.ttf", "ui.png"):
        path = os.path.join(p, rel)
        saved = read(path)
        replace_with_fifo(path)
        start = time.monotonic()
        rc, _, err = run("build", p, timeout=20)
        assert_refused(rc, err, 66, path, "regular file")
        assert time.monotonic() - start < 10, "slow"
        assert os.path.realpath(os.path.join(p, "out")) == gen, "generation switched"
        os.unlink(path)
        write(path, saved)


def test_special_files_as_inputs(base):
    """A folder or a device where a file belongs: 66 (missing or unreadable
    input, docs/rasterd.1.scd), naming it; the key included."""
    p = project(base)
    key = os.path.join(p, "keys", "k.key")
    rc, _, err = run("build", p, "--key", os.path.join(p, "keys"))
    assert_refused(rc, err, 66, os.path.join(p, "keys"), "folder")
    rc, _, err = run("build", p, "--key", "/dev/zero")
    assert_refused(rc, err, 66, "/dev/zero", "device")
    assert os.path.exists(key)
    write(os.path.join(p, "rasterd.conf"), MANIFEST.replace("blob.bin", "/dev/zero"))
    rc, _, err = run("build", p)
    assert_refused(rc, err, 66, "/dev/zero", "device")


def test_missing_include_is_named(base):
    p = project(base, MANIFEST + '@include "gone.conf"\n')
    rc, _, err = run("build", p)
    assert_refused(rc, err, 78, "rasterd.conf:5", os.path.join(p, "gone.conf"),
                   "No such file")


def start_daemon(base, p, *args):
    """rasterd --watch on project `p`, in check_watch_daemon's harness."""
    d = wd.Daemon.__new__(wd.Daemon)
    os.rename(p, os.path.join(base, "assets"))
    wd.Daemon.__init__(d, base, args)
    return d


def test_fifo_watch(base):
    p = project(base)
    replace_with_fifo(os.path.join(p, "blob.bin"))
    d = start_daemon(base, p, "--no-cache")
    try:
        ev = d.build()
        assert ev["event"] == "build_failed" and "blob.bin" in ev["file"], ev
        assert "FIFO" in ev["reason"], ev
        ev = d.one_build(lambda: (os.unlink(os.path.join(d.root, "blob.bin")),
                                  write(os.path.join(d.root, "blob.bin"), b"x" * 10)))
        assert ev["event"] == "build_finished", ev
        assert d.stop() == 0
    finally:
        d.proc.kill()


def test_watch_build_timeout(base):
    """A build that blocks without using CPU (a post-build command that never
    ends) is stopped at the wall-clock limit; the daemon keeps watching."""
    p = project(base, MANIFEST + 'watch = { post_build = "sleep 60"; };\n')
    d = start_daemon(base, p, "--no-cache", "--build-timeout", "2")
    try:
        start = time.monotonic()
        ev = d.build()
        assert ev["event"] == "build_failed", ev
        assert "wall-clock limit of 2 s" in ev["reason"] + ev.get("detail", ""), ev
        assert time.monotonic() - start < 15, "not stopped at the limit"
        assert d.proc.poll() is None, "daemon exited"
        assert d.stop() == 0
    finally:
        d.proc.kill()


# ---- A7: output names ---------------------------------------------------------

LVGL_FONT = 'lvgl = { fonts = ( { name = "ui"; file = "f.ttf"; size = 8; %s } ); };'


def test_output_name_collisions(base):
    p = project(base)
    conf = os.path.join(p, "rasterd.conf")
    cases = [
        ('output = { bundle = "assets.h"; };', "output.c_header", "output.bundle"),
        ('dfu = { file = "assets.bin"; bundle_address = 0x0L; };', "dfu.file", "output.bundle"),
        ('frozen = { c = "x.c"; asm = "x.S"; };', "frozen.asm", "frozen.c"),
        ('frozen = { python = "ASSETS.PY"; };', "frozen.python", "output.python"),
        ('output = { bundle = ".."; };', "output.bundle", "'..'"),
        ('output = { python = "a\\nb.py"; };', "output.python", "control characters"),
        ('frozen = { c = "a\\"b.c"; };', "frozen.c", "#include"),
        # The outputs of the lvgl group, the ROMFS image and the frozen
        # manifest fragment are rows of the same table.
        ('frozen = { c = "assets_blob.c"; };\nlvgl = { header = "assets_blob.h"; };',
         "lvgl.header: 'assets_blob.h' is also written for frozen.c (its header)", "line 5"),
        ('romfs = { file = "ui.bin"; };\n' + LVGL_FONT % "binary = true;",
         "lvgl.fonts[0].name: its file 'ui.bin' is also written for romfs.file", "line 5"),
        ('frozen = { python = "b.py"; manifest = "UI.c"; };\n' + LVGL_FONT % "",
         "lvgl.fonts[0].name: its file 'ui.c' is also written for frozen.manifest", "line 5"),
        ('lvgl = { header = "a\\"b.h"; };', "lvgl.header", "#include"),
    ]
    for extra, key1, key2 in cases:
        write(conf, MANIFEST + extra + "\n")
        rc, _, err = run("build", p)
        assert_refused(rc, err, 78, key1, key2)
        assert not os.path.lexists(os.path.join(p, "out")), "wrote outputs"


def test_frozen_headers_match_sources(base):
    """The shipped example's frozen C and assembler copies each link against
    every symbol their own header declares."""
    p = os.path.join(base, "ex")
    shutil.copytree(os.path.join(SRC, "examples"), p, ignore=shutil.ignore_patterns("out", "keys"))
    rc, _, err = run("keygen", "-o", os.path.join(p, "keys", "example"))
    assert rc == 0, err
    rc, _, err = run("build", p)
    assert rc == 0, err
    out = os.path.realpath(os.path.join(p, "out"))
    sources = [n for n in os.listdir(out) if n.endswith((".c", ".S"))]
    assert len(sources) == 2, sources
    for src in sources:
        header = src[:-2] + ".h"
        with open(os.path.join(out, header)) as f:
            decls = re.findall(r"extern const \w+ (\w+)", f.read())
        assert decls, header
        main = os.path.join(base, "main_%s.c" % src[-1])
        write(main, '#include <stdint.h>\n#include "%s"\nint main(void)\n{\n'
              "    uintptr_t sum = 0;\n%s    return sum == 0;\n}\n"
              % (header, "".join("    sum += (uintptr_t)&%s;\n" % d for d in decls)))
        r = harness.run([CC, "-I", out, "-o", main[:-2], main, src], cwd=out)
        assert r.returncode == 0, "%s with %s: %s" % (src, header, r.stderr)


# ---- A8: secrets --------------------------------------------------------------

def test_signing_key_not_embedded(base):
    p = project(base)
    key = os.path.join(p, "keys", "k.key")
    os.symlink("keys/k.key", os.path.join(p, "innocent.bin"))
    for name in ("keys/k.key", "innocent.bin"):
        write(os.path.join(p, "rasterd.conf"), MANIFEST.replace("blob.bin", name))
        rc, _, err = run("build", p)
        assert_refused(rc, err, 78, os.path.join(p, name), "signing key")
        assert not os.path.lexists(os.path.join(p, "out")), "wrote outputs"
    # A file carried in the ROMFS image.
    write(os.path.join(p, "rasterd.conf"),
          MANIFEST + 'romfs = { files = ( { file = "innocent.bin"; name = "k.bin"; } ); };\n')
    rc, _, err = run("build", p)
    assert_refused(rc, err, 78, os.path.join(p, "innocent.bin"), "signing key", "romfs")
    assert os.path.exists(key)


def test_private_input_warns(base):
    p = project(base)
    os.chmod(os.path.join(p, "blob.bin"), 0o600)
    rc, _, err = run("build", p)
    assert rc == 0, err
    assert os.path.join(p, "blob.bin") in err and "others may not read" in err, err
    os.chmod(os.path.join(p, "blob.bin"), 0o644)
    rc, _, err = run("build", p)
    assert rc == 0 and "others may not read" not in err, err


def modes(folder):
    return {n: stat.S_IMODE(os.lstat(os.path.join(folder, n)).st_mode)
            for n in os.listdir(folder)}


def test_outputs_honour_umask(base):
    p = project(base)
    rc, _, err = run("build", p, umask=0o077)
    assert rc == 0, err
    out = os.path.realpath(os.path.join(p, "out"))
    assert set(modes(out).values()) == {0o600}, modes(out)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o700
    rc, _, err = run("build", p, umask=0o022)
    assert rc == 0, err
    out = os.path.realpath(os.path.join(p, "out"))
    assert set(modes(out).values()) == {0o644}, modes(out)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o755


def test_cache_is_private(base):
    """The default cache ($XDG_CACHE_HOME/rasterd) is the user's alone."""
    p = project(base)
    xdg = os.path.join(base, "xdg")
    env = dict(os.environ, XDG_CACHE_HOME=xdg)
    env.pop("RASTERD_CACHE_DIR", None)
    proc = subprocess.Popen([RASTERD, "--watch", p, "--json"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env, umask=0o022)
    wd.Daemon.started.append(proc)
    for line in proc.stdout:
        if '"build_finished"' in line or '"build_failed"' in line:
            break
    proc.terminate()
    proc.wait(timeout=TIMEOUT)
    assert '"build_finished"' in line, line
    found = []
    for root, dirs, files in os.walk(os.path.join(xdg, "rasterd")):
        found += [(os.path.join(root, d), 0o700) for d in dirs]
        found += [(os.path.join(root, f), 0o600) for f in files]
    assert len(found) > 3, found
    for path, want in found:
        assert stat.S_IMODE(os.stat(path).st_mode) == want, (path, oct(os.stat(path).st_mode))


# ---- A9: odd command lines -----------------------------------------------------

def test_keygen_needs_a_name(base):
    for out in ("", "/", os.path.join(base, "keys") + "/", os.path.join(base, "."),
                os.path.join(base, "..")):
        rc, _, err = run("keygen", "-o", out, cwd=base)
        assert_refused(rc, err, 64, "keygen -o", "file name")
    assert os.listdir(base) == [], os.listdir(base)
    assert not os.path.exists("/.key")


# ---- A10: what build writes, readers and the display can take ------------------

def test_bundle_over_reader_limit(base):
    """Two raw assets of 129 MiB (sparse files): a 258 MiB bundle, which
    rasterd verify and inspect would refuse to read (256 MiB), is refused at
    build instead."""
    p = project(base, MANIFEST.replace("0x10000L", "0x20000000L") +
                'raw = ( { name = "big1"; file = "big1.bin"; }, '
                '{ name = "big2"; file = "big2.bin"; } );\n')
    write(os.path.join(p, "rasterd.conf"),
          read(os.path.join(p, "rasterd.conf")).decode().replace(
              'raw = ( { name = "blob"; file = "blob.bin"; } );\n', ""))
    for name in ("big1.bin", "big2.bin"):
        with open(os.path.join(p, name), "wb") as f:
            f.truncate(129 << 20)
    rc, _, err = run("build", p, timeout=120)
    assert_refused(rc, err, 65, "rasterd.conf", "268435456")
    assert not os.path.lexists(os.path.join(p, "out")), "wrote outputs"


def test_image_over_eve_limits(base):
    """Images get the EVE bitmap limits (BITMAP_SIZE/_H): at most 2047 pixels
    either way, so no row passes 4095 bytes either (RGB565 2047 wide: 4094);
    the chip's own limits are checked after linking."""
    p = project(base)
    conf = os.path.join(p, "rasterd.conf")
    for w, h, fmt, what in ((1, 2048, "L8", "1 x 2048"), (2048, 1, "RGB565", "2048 x 1")):
        write(os.path.join(p, "pic.png"), harness.png_rgba(w, h, lambda x, y: (x % 256, y % 256, 0, 255)))
        write(conf, MANIFEST.replace('"L4"', '"%s"' % fmt))
        rc, _, err = run("build", p)
        assert_refused(rc, err, 65, os.path.join(p, "pic.png"), "EVE")
        assert what in err and "2047" in err, err
    write(os.path.join(p, "pic.png"), harness.png_rgba(1, 2047, lambda x, y: (x, y % 256, 0, 255)))
    write(conf, MANIFEST.replace('"L4"', '"L8"'))
    rc, _, err = run("build", p)
    assert rc == 0, err


# ---- A12 -----------------------------------------------------------------------

def test_manifest_syntax_errors_exit_78(base):
    """Syntax errors inside libconfig exit 78 naming file and line, also in
    the sanitized build (libconfig leaks on some of them)."""
    p = project(base)
    conf = os.path.join(p, "rasterd.conf")
    for text in ('x = "a"b"c";', 'x = ;', 'x = "abc', 'x = { y = 1; ', 'x = "a" "b" 3;'):
        write(conf, text + "\n")
        rc, _, err = run("build", p)
        assert_refused(rc, err, 78, conf + ":", "syntax error")
        assert "LeakSanitizer" not in err, err


# ---- A6: glyphpack writes all outputs or none ---------------------------------

def test_glyphpack_all_or_nothing(base):
    o = os.path.join(base, "o")
    os.makedirs(os.path.join(o, "x.h"))
    write(os.path.join(o, "x.c"), "OLD\n")
    font = os.path.join(os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu"),
                        "DejaVuSans.ttf")
    rc, _, err = run(font, "-s", "8", "-o", os.path.join(o, "x"), prog=GLYPHPACK)
    assert read(os.path.join(o, "x.c")) == b"OLD\n", "x.c replaced"
    assert_refused(rc, err, 73, os.path.join(o, "x.h"), "folder")
    assert sorted(os.listdir(o)) == ["x.c", "x.h"], os.listdir(o)
    png = os.path.join(base, "p.png")
    write(png, harness.png_rgba(4, 4, lambda x, y: (x, y, 0, 255)))
    rc, _, err = run(png, "-p", "L8", "-o", os.path.join(o, "x"), prog=GLYPHPACK)
    assert read(os.path.join(o, "x.c")) == b"OLD\n", "x.c replaced by the image command"
    assert_refused(rc, err, 73, os.path.join(o, "x.h"), "folder")


# ---- Also ----------------------------------------------------------------------

def test_target_ending_at_4g_is_logged(base):
    p = project(base, MANIFEST.replace("base = 0x0L; size = 0x10000L;",
                                       "base = 0xFFFFFF00L; size = 0x100L;")
                .replace('images = ( { name = "pic"; file = "pic.png"; format = "L4"; } );\n', ""))
    write(os.path.join(p, "blob.bin"), bytes(range(256)))
    rc, _, err = run("build", p)
    assert rc == 0, err
    assert "[0xffffff00, 0x100000000)" in err, err


def test_messages_escape_terminal_bytes(base):
    """Text from the command line or a manifest reaches the terminal with
    control bytes and invalid UTF-8 escaped (\\xNN), never raw."""
    font = os.path.join(os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu"),
                        "DejaVuSans.ttf")
    evil = b"\xff\x1b[31mRED\x07\xc2\x9b"
    p = subprocess.run([GLYPHPACK, font, "-s", "8", "-c", evil, "-o", os.path.join(base, "x")],
                       capture_output=True, timeout=TIMEOUT)
    assert p.returncode == 64, p.stderr
    for raw in (b"\x1b", b"\xff", b"\x07", b"\xc2\x9b"):
        assert raw not in p.stderr, p.stderr
    assert b"\\x1b[31mRED\\x07" in p.stderr and b"\\xff" in p.stderr, p.stderr
    png = os.path.join(base, "\x1b[2J.png")
    p = subprocess.run([GLYPHPACK, png, "-p", "L8", "-f", "bin", "-o", os.path.join(base, "o.bin")],
                       capture_output=True, timeout=TIMEOUT)
    assert p.returncode == 66 and b"\x1b" not in p.stderr and b"\\x1b[2J.png" in p.stderr, \
        p.stderr
    # The font-to-py and LVGL image commands print through the same logger.
    for args in ([GLYPHPACK, "font-to-py", font, evil, os.path.join(base, "o.py")],
                 [GLYPHPACK, os.path.join(base, "p.png"), "-p", evil, "-f", "lvgl"]):
        write(os.path.join(base, "p.png"), harness.png_rgba(4, 4, lambda x, y: (x, y, 0, 255)))
        p = subprocess.run(args, capture_output=True, timeout=TIMEOUT)
        assert p.returncode == 64 and b"\\x1b[31mRED\\x07" in p.stderr, p.stderr
        for raw in (b"\x1b", b"\xff", b"\x07", b"\xc2\x9b"):
            assert raw not in p.stderr, p.stderr
    proj = project(base, MANIFEST.replace('"hostile"', '"t\\x1b[2J\\xff"'))
    p = subprocess.run([RASTERD, "build", proj], capture_output=True, timeout=TIMEOUT)
    assert p.returncode == 0 and b"\x1b" not in p.stderr and b"\\x1b[2J\\xff" in p.stderr, \
        p.stderr


TESTS = [v for k, v in sorted(globals().items()) if k.startswith("test_")]


def main():
    wanted = sys.argv[4:]
    parent = os.environ.get("MESON_BUILD_ROOT") or None
    for t in TESTS:
        if wanted and t.__name__ not in wanted:
            continue
        base = tempfile.mkdtemp(prefix="hostile-", dir=parent)
        try:
            t(base)
            print("ok:", t.__name__)
        except Exception as e:  # pylint: disable=broad-except
            harness.failures.append(t.__name__)
            print("FAIL: %s: %s: %s" % (t.__name__, type(e).__name__, e), file=sys.stderr)
        finally:
            wd.Daemon.kill_started()
            shutil.rmtree(base, ignore_errors=True)
        sys.stdout.flush()
    return harness.finish()


if __name__ == "__main__":
    sys.exit(main())
