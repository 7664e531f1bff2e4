#!/usr/bin/env python3
"""End-to-end tests of `rasterd --watch DIR` (the real binary, JSON events)
on a copy of examples/: save patterns, debris, a corrupt PNG, a burst of
saves, SIGTERM at random points of builds, post-build and the DFU, the asset
cache across restarts.

usage: check_watch_daemon.py RASTERD [TEST_NAME...]
"""
import json
import os
import queue
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

RASTERD = os.path.abspath(sys.argv[1])
SRC = os.environ.get("SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
TIMEOUT = 30.0
QUIET = 0.8

DFU_EXTRA = """
frozen = { c = "assets_blob.c"; asm = "assets_incbin.S"; python = "assets_blob.py"; };
dfu = {
  file = "assets.dfu";
  firmware = "../fw.bin";
  firmware_address = 0x08000000L;
  bundle_address = 0x90000000L;
  vendor_id = 0x1209; product_id = 0x0001; bcd_device = 0x0102;
};
"""


def png(width, height, seed):
    """A valid RGBA PNG whose pixels depend on seed."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    rows = b"".join(b"\x00" + bytes(((x * 7 + y * 3 + seed * 29) % 256, seed % 256, x % 256, 255)
                                    [i % 4] for x in range(width) for i in range(4))
                    for y in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) +
            chunk(b"IEND", b""))


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


class Daemon:
    started = []

    def __init__(self, base, args=()):
        self.base = base
        self.root = os.path.join(base, "assets")
        self.out = os.path.join(self.root, "out")
        self.events = queue.Queue()
        self.log = []
        cmd = [RASTERD, "--watch", self.root, "--json", "--cache-dir",
               os.path.join(base, "cache")] + list(args)
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        Daemon.started.append(self.proc)
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            try:
                self.events.put(json.loads(line))
            except ValueError:
                self.events.put({"event": "garbage", "line": line})
        self.events.put(None)

    def _drain_stderr(self):
        self.stderr = []
        for line in self.proc.stderr:
            self.stderr.append(line)

    def expect(self, event, timeout=TIMEOUT):
        end = time.monotonic() + timeout
        while True:
            try:
                ev = self.events.get(timeout=max(end - time.monotonic(), 0.01))
            except queue.Empty:
                ev = None
            if ev is None:
                raise AssertionError("no %s event; log %r" % (event, self.log[-12:]))
            self.log.append(ev)
            if ev["event"] == event:
                return ev

    def build(self):
        """Waits for the next build to end; returns its finished/failed event."""
        self.expect("build_started")
        while True:
            ev = self.expect_any(("build_finished", "build_failed"))
            return ev

    def expect_any(self, names):
        end = time.monotonic() + TIMEOUT
        while True:
            try:
                ev = self.events.get(timeout=max(end - time.monotonic(), 0.01))
            except queue.Empty:
                ev = None
            if ev is None:
                raise AssertionError("no %s event; log %r" % (names, self.log[-12:]))
            self.log.append(ev)
            if ev["event"] in names:
                return ev

    def quiet(self, seconds=QUIET):
        got = []
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                ev = self.events.get(timeout=max(end - time.monotonic(), 0.01))
            except queue.Empty:
                break
            if ev is None:
                break
            self.log.append(ev)
            got.append(ev)
        return got

    def one_build(self, action):
        action()
        ev = self.build()
        extra = [e for e in self.quiet() if e["event"] == "build_started"]
        assert not extra, "extra builds: %r" % extra
        return ev

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=TIMEOUT)


def fixture(base, extra=DFU_EXTRA):
    root = os.path.join(base, "assets")
    shutil.copytree(os.path.join(SRC, "examples"), root,
                    ignore=shutil.ignore_patterns("out", "keys", "*.py"))
    # The example's own frozen/dfu/romfs groups give way to the test's.
    conf = os.path.join(root, "rasterd.conf")
    with open(conf) as f:
        text = f.read()
    text = re.sub(r"^(frozen|dfu|romfs) = \{.*?^\};\n", "", text, flags=re.S | re.M)
    with open(conf, "w") as f:
        f.write(text + extra)
    write(os.path.join(base, "fw.bin"), bytes(range(256)) * 16)
    r = subprocess.run([RASTERD, "keygen", "-o", os.path.join(root, "keys", "example")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def outputs(d):
    return {n: read(os.path.join(d.out, n)) for n in sorted(os.listdir(d.out))}


def parse_dfu(data):
    assert data[:5] == b"DfuSe" and zlib.crc32(data[:-4]) ^ 0xFFFFFFFF == \
        struct.unpack("<I", data[-4:])[0], "bad DfuSe file"
    off, elements = 11 + 274, []
    for _ in range(struct.unpack_from("<I", data, 11 + 270)[0]):
        addr, size = struct.unpack_from("<II", data, off)
        elements.append((addr, data[off + 8:off + 8 + size]))
        off += 8 + size
    return elements, struct.unpack_from("<HHH", data, len(data) - 16)


def check_generation(d, fw=None):
    """All outputs of one generation: no temp files, frozen copies and the
    DFU hold exactly the bundle next to them."""
    names = os.listdir(d.out)
    assert not [n for n in names if ".tmp." in n], names
    o = outputs(d)
    bundle = o["assets.bin"]
    elements, (bcd, pid, vid) = parse_dfu(o["assets.dfu"])
    fw = read(os.path.join(d.base, "fw.bin")) if fw is None else fw
    assert elements == [(0x08000000, fw), (0x90000000, bundle)], "DFU does not match"
    assert (vid, pid, bcd) == (0x1209, 0x0001, 0x0102)
    ns = {}
    exec(o["assets_blob.py"].decode(), ns)  # pylint: disable=exec-used
    assert ns["asset_bundle"] == bundle, "frozen .py differs from the bundle"
    assert ("%du" % len(bundle)).encode() in o["assets_blob.h"]
    return o


def test_initial_build_and_outputs(d):
    check_generation(d)
    dfu_suffix = shutil.which("dfu-suffix")
    if dfu_suffix:
        r = subprocess.run([dfu_suffix, "--check", os.path.join(d.out, "assets.dfu")],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr


def test_save_patterns(d):
    logo = os.path.join(d.root, "images", "logo.png")
    before = outputs(d)

    def vim():
        write(os.path.join(d.root, "images", "4913"), b"")
        os.unlink(os.path.join(d.root, "images", "4913"))
        os.rename(logo, logo + "~")
        write(logo, png(96, 48, 1))
        os.unlink(logo + "~")

    ev = d.one_build(vim)
    assert ev["event"] == "build_finished" and ev["changed"] == ["images/logo.png"], ev
    assert "1 converted, 4 cached" in ev["summary"], ev
    assert outputs(d)["assets.bin"] != before["assets.bin"]
    ev = d.one_build(lambda: write(logo, png(96, 48, 2)))  # in place
    assert ev["changed"] == ["images/logo.png"], ev

    def git():
        os.unlink(logo)
        time.sleep(0.2)
        write(logo, png(96, 48, 3))

    ev = d.one_build(git)
    assert ev["event"] == "build_finished" and ev["changed"] == ["images/logo.png"], ev
    for name in ("4913", "logo.png~", ".logo.png.swp", "sedAbc123", "logo.png___jb_tmp___"):
        write(os.path.join(d.root, "images", name), b"debris")
    got = [e for e in d.quiet(1.0) if e["event"].startswith("build")]
    assert not got, got
    check_generation(d)


def test_corrupt_png_keeps_outputs(d):
    logo = os.path.join(d.root, "images", "logo.png")
    good = outputs(d)
    ev = d.one_build(lambda: write(logo, b"\x89PNG\r\n\x1a\n" + b"garbage" * 10))
    assert ev["event"] == "build_failed", ev
    assert "logo.png" in ev["file"] and ev["reason"], ev
    assert outputs(d) == good, "outputs changed after a failed build"
    assert d.proc.poll() is None
    ev = d.one_build(lambda: write(logo, png(96, 48, 7)))
    assert ev["event"] == "build_finished", ev
    check_generation(d)


def test_burst_of_saves(d):
    rng = random.Random(200)
    paths = [os.path.join(d.root, p) for p in ("images/logo.png", "images/icon.png",
                                                "data/gamma.bin")]
    t0 = time.monotonic()
    for i in range(200):
        k = rng.randrange(3)
        data = png(96 if k == 0 else 24, 48 if k == 0 else 24, i) if k < 2 else \
            bytes((j * i) % 256 for j in range(256))
        write(paths[k], data)
        time.sleep(0.005)
    span = time.monotonic() - t0
    builds = 0
    while True:
        got = d.quiet(2.0)
        builds += len([e for e in got if e["event"] == "build_started"])
        if not got:
            break
    assert d.log[-1]["event"] == "build_finished" or any(
        e["event"] == "build_finished" for e in d.log[-3:]), d.log[-3:]
    check_generation(d)
    # The final outputs are exactly what a one-shot build of the final inputs gives.
    ref = os.path.join(d.base, "ref")
    shutil.copytree(d.root, ref, ignore=shutil.ignore_patterns("out"))
    r = subprocess.run([RASTERD, "build", ref, "-q"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert read(os.path.join(ref, "out", "assets.bin")) == outputs(d)["assets.bin"]
    print("burst: 200 saves over %.2f s -> %d builds" % (span, builds))
    assert builds <= 12, builds


def test_sigterm_at_random_points(d, base):
    """Stop the daemon at random moments of a build: it exits 0, leaves no
    temporary files, and the outputs are one complete generation."""
    rng = random.Random(15)
    logo = os.path.join(d.root, "images", "logo.png")
    for i in range(6):
        write(logo, png(96, 48, 100 + i))
        d.expect("build_started")
        time.sleep(rng.uniform(0.0, 0.06))
        assert d.stop() == 0, "exit status"
        check_generation(d)
        d = Daemon(base)
        d.build()
    return d


def test_post_build_and_firmware_dfu(d, base):
    d.stop()
    conf = os.path.join(d.root, "rasterd.conf")
    with open(conf, "a") as f:
        f.write('watch = { post_build = "echo building firmware; '
                'cp ../fw_new.bin ../fw.bin; test ! -e ../fail"; };\n')
    new_fw = b"\xAA" * 1000
    write(os.path.join(base, "fw_new.bin"), new_fw)
    d = Daemon(base)
    ev = d.build()
    assert ev["event"] == "build_finished", ev
    assert "DFU regenerated" in ev["summary"], ev
    check_generation(d, fw=new_fw)
    write(os.path.join(base, "fail"), b"")
    ev = d.one_build(lambda: write(os.path.join(d.root, "data", "gamma.bin"), b"\x01" * 256))
    assert ev["event"] == "build_failed" and "post_build" in ev["reason"], ev
    assert d.proc.poll() is None, "daemon died"
    assert any("building firmware" in l for l in d.stderr), d.stderr
    return d


def test_cache_survives_restart(d, base):
    d.stop()
    d = Daemon(base)
    ev = d.build()
    assert "0 converted, 5 cached" in ev["summary"], ev
    d.proc.send_signal(signal.SIGHUP)
    d.expect("reload")
    ev = d.build()
    assert ev["event"] == "build_finished", ev
    return d


def test_sd_notify(d, base):
    """READY=1 after the first build, RELOADING=1/READY=1 around SIGHUP,
    STOPPING=1 (only when built with libsystemd)."""
    import socket  # pylint: disable=import-outside-toplevel
    if os.environ.get("RASTERD_HAVE_SYSTEMD") != "1":
        print("built without libsystemd; skipped")
        return d
    d.stop()
    path = os.path.join(base, "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(TIMEOUT)
    os.environ["NOTIFY_SOCKET"] = path
    try:
        d = Daemon(base)
    finally:
        del os.environ["NOTIFY_SOCKET"]
    msg = sock.recv(4096).decode()
    assert msg.startswith("READY=1\nSTATUS=build 1 ok"), msg
    d.proc.send_signal(signal.SIGHUP)
    assert sock.recv(4096).decode().startswith("RELOADING=1\nMONOTONIC_USEC=")
    assert sock.recv(4096).decode().startswith("READY=1\nSTATUS=build 2 ok")
    d.stop()
    assert sock.recv(4096).decode() == "STOPPING=1"
    sock.close()
    return d


def test_corrupt_font_keeps_outputs(d, base):
    """A font inside the watched folder: truncate it (a broken TTF), then
    restore it."""
    d.stop()
    conf = os.path.join(d.root, "rasterd.conf")
    mono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
    font = os.path.join(d.root, "fonts", "mono.ttf")
    os.makedirs(os.path.dirname(font))
    shutil.copyfile(os.path.join(os.environ.get("DEJAVU_DIR", os.path.dirname(mono)),
                                 os.path.basename(mono)), font)
    text = read(conf).decode().replace('"%s"' % mono, '"fonts/mono.ttf"')
    assert "fonts/mono.ttf" in text
    write(conf, text.encode())
    d = Daemon(base)
    assert d.build()["event"] == "build_finished"
    good = outputs(d)
    data = read(font)
    ev = d.one_build(lambda: write(font, data[:len(data) // 3]))
    assert ev["event"] == "build_failed" and "mono.ttf" in ev["file"], ev
    assert outputs(d) == good
    ev = d.one_build(lambda: write(font, data))
    assert ev["event"] == "build_finished", ev
    assert outputs(d) == good  # same inputs, same signed bytes
    return d


def test_manifest_edits(d):
    """A broken manifest fails the build naming its line; a manifest that
    names a new file makes that file trigger builds."""
    conf = os.path.join(d.root, "rasterd.conf")
    text = read(conf)
    good = outputs(d)
    ev = d.one_build(lambda: write(conf, text + b"\nraw = ( { name = ; } );\n"))
    assert ev["event"] == "build_failed" and "rasterd.conf" in ev["file"], ev
    assert outputs(d) == good
    new = os.path.join(d.root, "data", "new.bin")
    write(new, b"\x11" * 64)
    got = [e for e in d.quiet(0.6) if e["event"].startswith("build")]
    assert not got, "an unreferenced file triggered a build: %r" % got
    added = text.replace(b"raw = (\n", b'raw = (\n  { name = "newblob"; file = "data/new.bin"; },\n')
    assert added != text
    ev = d.one_build(lambda: write(conf, added))
    assert ev["event"] == "build_finished", ev
    ev = d.one_build(lambda: write(new, b"\x22" * 64))
    assert ev["event"] == "build_finished" and ev["changed"] == ["data/new.bin"], ev
    check_generation(d)


def inotify_watches(d):
    """How many inotify watches the daemon holds (from /proc fdinfo)."""
    fdinfo = "/proc/%d/fdinfo" % d.proc.pid
    n = 0
    for fd in os.listdir(fdinfo):
        try:
            with open(os.path.join(fdinfo, fd)) as f:
                n += sum(1 for l in f if l.startswith("inotify wd:"))
        except OSError:
            pass
    return n


def test_font_outside_root(d, base):
    """A font referenced by '../fonts/mono.ttf' (a sibling folder outside the
    watched root): saves by rename-over and in place build once each, debris
    beside it none."""
    d.stop()
    conf = os.path.join(d.root, "rasterd.conf")
    mono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
    fonts = os.path.join(base, "fonts")
    font = os.path.join(fonts, "mono.ttf")
    os.makedirs(fonts)
    shutil.copyfile(os.path.join(os.environ.get("DEJAVU_DIR", os.path.dirname(mono)),
                                 os.path.basename(mono)), font)
    text = read(conf).decode().replace('"%s"' % mono, '"../fonts/mono.ttf"')
    assert "../fonts/mono.ttf" in text
    write(conf, text.encode())
    d = Daemon(base)
    assert d.build()["event"] == "build_finished"
    good = outputs(d)
    data = read(font)

    def vim():
        os.rename(font, font + "~")
        write(font, data[:len(data) // 3])
        os.unlink(font + "~")

    ev = d.one_build(vim)
    assert ev["event"] == "build_failed" and "mono.ttf" in ev["file"], ev
    assert ev["changed"] == [os.path.realpath(font)] or ev["changed"] == [font], ev
    ev = d.one_build(lambda: write(font, data))  # in place
    assert ev["event"] == "build_finished", ev
    assert outputs(d) == good
    for name in ("4913", "mono.ttf~", ".mono.ttf.swp", "sedAbc123", "other.ttf"):
        write(os.path.join(fonts, name), b"debris")
    got = [e for e in d.quiet(1.0) if e["event"].startswith("build")]
    assert not got, got
    return d


def test_outside_set_follows_manifest(d, base):
    """Saving the manifest re-evaluates the outside directories: a font it
    starts to name in ../fonts builds on save; once it no longer names it,
    saving it builds nothing and its directory is no longer watched."""
    conf = os.path.join(d.root, "rasterd.conf")
    text = read(conf)
    mono = b"/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
    font = os.path.join(base, "fonts", "mono.ttf")
    os.makedirs(os.path.dirname(font))
    shutil.copyfile(os.path.join(os.environ.get("DEJAVU_DIR", os.path.dirname(mono.decode())),
                                 "DejaVuSansMono-Bold.ttf"), font)
    before = inotify_watches(d)
    moved = text.replace(b'"' + mono + b'"', b'"../fonts/mono.ttf"')
    assert moved != text
    ev = d.one_build(lambda: write(conf, moved))
    assert ev["event"] == "build_finished", ev
    assert inotify_watches(d) == before + 1
    data = read(font)
    ev = d.one_build(lambda: write(font, data[:len(data) // 3]))
    assert ev["event"] == "build_failed" and "mono.ttf" in ev["file"], ev
    ev = d.one_build(lambda: write(conf, text))
    assert ev["event"] == "build_finished", ev
    assert inotify_watches(d) == before
    write(font, data)
    got = [e for e in d.quiet(1.0) if e["event"].startswith("build")]
    assert not got, got
    return d


def test_generations_add_no_watches(d):
    """output.dir inside the root: new generation folders are not watched."""
    before = inotify_watches(d)
    assert before > 0
    logo = os.path.join(d.root, "images", "logo.png")
    for i in range(5):
        ev = d.one_build(lambda: write(logo, png(96, 48, 20 + i)))
        assert ev["event"] == "build_finished", ev
        assert inotify_watches(d) == before, (before, inotify_watches(d))
    check_generation(d)


def romfs_files(d):
    """{path: bytes} of the files in out/assets.romfs, read by rasterd inspect."""
    image = read(os.path.join(d.out, "assets.romfs"))
    r = subprocess.run([RASTERD, "inspect", "--json", os.path.join(d.out, "assets.romfs")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return {e["path"]: image[e["offset"]:e["offset"] + e["size"]]
            for e in json.loads(r.stdout)["entries"] if e["type"] == "file"}


def test_romfs_follows_saves(d, base):
    """A file stored in the ROMFS image is watched; the image and the DFU
    element holding it switch with the bundle, also when post_build changes
    the firmware and the DFU is regenerated."""
    d.stop()
    conf = os.path.join(d.root, "rasterd.conf")
    with open(conf) as f:
        text = f.read()
    text = text.replace("  bundle_address = 0x90000000L;\n",
                        "  bundle_address = 0x90000000L;\n  romfs = true;\n")
    text += ('romfs = { address = 0x90100000L; size = 0x40000L; align = 8;\n'
             '          files = ( { file = "data/note.txt"; name = "lib/note.txt"; } ); };\n'
             'watch = { post_build = "cp ../fw_next.bin ../fw.bin"; };\n')
    with open(conf, "w") as f:
        f.write(text)
    write(os.path.join(d.root, "data", "note.txt"), b"first")
    write(os.path.join(base, "fw_next.bin"), read(os.path.join(base, "fw.bin")))
    d = Daemon(base)
    assert d.build()["event"] == "build_finished"

    def check(note):
        o = outputs(d)
        files = romfs_files(d)
        assert files == {"assets.bin": o["assets.bin"], "assets.py": o["assets.py"],
                         "lib/note.txt": note}, sorted(files)
        elements, _ = parse_dfu(o["assets.dfu"])
        assert elements == [(0x08000000, read(os.path.join(base, "fw.bin"))),
                            (0x90000000, o["assets.bin"]), (0x90100000, o["assets.romfs"])]

    check(b"first")
    ev = d.one_build(lambda: write(os.path.join(d.root, "data", "note.txt"), b"second"))
    assert ev["event"] == "build_finished" and ev["changed"] == ["data/note.txt"], ev
    check(b"second")
    write(os.path.join(base, "fw_next.bin"), b"\x5a" * 700)
    ev = d.one_build(lambda: write(os.path.join(d.root, "data", "note.txt"), b"third"))
    assert "DFU regenerated" in ev["summary"], ev
    check(b"third")
    return d


TESTS = [test_romfs_follows_saves, test_font_outside_root, test_outside_set_follows_manifest, test_generations_add_no_watches, test_manifest_edits, test_corrupt_font_keeps_outputs, test_sd_notify, test_initial_build_and_outputs, test_save_patterns, test_corrupt_png_keeps_outputs,
         test_burst_of_saves, test_sigterm_at_random_points, test_post_build_and_firmware_dfu,
         test_cache_survives_restart]


def main():
    wanted = sys.argv[2:]
    failed = 0
    parent = os.environ.get("MESON_BUILD_ROOT", os.getcwd())
    for t in TESTS:
        if wanted and t.__name__ not in wanted:
            continue
        base = tempfile.mkdtemp(prefix="watchd-", dir=parent)
        try:
            fixture(base)
            d = Daemon(base)
            ev = d.build()
            assert ev["event"] == "build_finished", ev
            d = t(d, base) if t.__code__.co_argcount == 2 else (t(d) or d)
            assert d.stop() == 0, "exit status"
            print("ok   %s" % t.__name__)
        except Exception as e:  # pylint: disable=broad-except
            failed += 1
            print("FAIL %s: %s: %s" % (t.__name__, type(e).__name__, e))
        finally:
            for p in Daemon.started:
                if p.poll() is None:
                    p.kill()
                    p.wait()
            Daemon.started.clear()
            shutil.rmtree(base, ignore_errors=True)
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
