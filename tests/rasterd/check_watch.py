#!/usr/bin/env python3
"""End-to-end tests of the watcher, debounce, loop and build child through
tests/rasterd/watch_driver: each save pattern editors and tools use must
trigger exactly the rebuild it should, debris none, and signals, crashes and
bursts must leave the outputs consistent.

usage: check_watch.py WATCH_DRIVER [TEST_NAME...]
"""
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

TIMEOUT = 15.0  # generous: 2 shared cores, sanitizer builds
QUIET = 0.6     # how long "nothing more happens" is observed


class Driver:
    started = []  # every driver process, so a failing test kills them all

    def __init__(self, exe, base, rel, extra=(), first_ok=True, root=None, out=None):
        self.root = root or os.path.join(base, "assets")
        self.out = out or os.path.join(base, "out")
        self.rel = rel
        self.lines = queue.Queue()
        self.log = []
        args = [exe, "--out", self.out] + list(extra) + [self.root] + rel
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        Driver.started.append(self.proc)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        try:
            self.expect("ready")
            self.expect("build-done 1 ok" if first_ok else "build-done 1")
        except AssertionError:
            self.proc.kill()
            self.proc.wait()
            raise

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def expect(self, prefix, timeout=TIMEOUT):
        """Returns the next line starting with prefix; fails on timeout."""
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            try:
                line = self.lines.get(timeout=max(left, 0.01))
            except queue.Empty:
                line = None
                left = 0
            if line is None and left <= 0 or line is None and self.proc.poll() is not None:
                raise AssertionError("timed out waiting for %r; log: %r" % (prefix, self.log))
            if line is None:
                continue
            self.log.append(line)
            if line.startswith(prefix):
                return line

    def quiet(self, seconds=QUIET):
        """Returns the lines that arrive within `seconds`."""
        got = []
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=max(end - time.monotonic(), 0.01))
            except queue.Empty:
                break
            if line is None:
                break
            self.log.append(line)
            got.append(line)
        return got

    def builds_after(self, action, n_expected=1):
        """Runs action, then collects build lines until n_expected builds are
        done and nothing more happens. Returns the build-start lines."""
        action()
        starts = []
        for _ in range(n_expected):
            starts.append(self.expect("build-start"))
            self.expect("build-done")
        extra = [l for l in self.quiet() if l.startswith("build-start")]
        assert not extra, "unexpected extra builds %r; log %r" % (extra, self.log)
        return starts

    def outputs(self):
        with open(os.path.join(self.out, "a.out"), "rb") as f:
            a = f.read()
        with open(os.path.join(self.out, "b.out"), "rb") as f:
            b = f.read()
        assert a == b, "outputs from different generations"
        return a

    def expected(self):
        data = b""
        for r in self.rel:
            with open(os.path.join(self.root, r), "rb") as f:
                data += f.read()
        return data

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        rc = self.proc.wait(timeout=TIMEOUT)
        self.reader.join(timeout=TIMEOUT)
        return rc


def write(path, data, mode="wb"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(data)


def fixture(base):
    root = os.path.join(base, "assets")
    os.makedirs(os.path.join(base, "out"))
    write(os.path.join(root, "rasterd.conf"), b"manifest\n")
    write(os.path.join(root, "fonts", "a.ttf"), b"font-a\n")
    write(os.path.join(root, "img", "logo.png"), b"png-1\n")
    return ["rasterd.conf", "fonts/a.ttf", "img/logo.png"]


def test_rename_over_save(d):
    """vim (backupcopy=auto), JetBrains safe write, sed -i."""
    a = os.path.join(d.root, "fonts", "a.ttf")

    def vim():
        write(os.path.join(d.root, "fonts", ".a.ttf.swp"), b"swap")
        write(os.path.join(d.root, "fonts", "4913"), b"")
        os.unlink(os.path.join(d.root, "fonts", "4913"))
        os.rename(a, a + "~")
        write(a, b"font-a vim\n")
        os.unlink(a + "~")
        os.unlink(os.path.join(d.root, "fonts", ".a.ttf.swp"))

    starts = d.builds_after(vim)
    assert starts[0].endswith(" fonts/a.ttf"), starts

    def jetbrains():
        tmp = a + "___jb_tmp___"
        write(tmp, b"font-a jb\n")
        os.rename(a, a + "___jb_old___")
        os.rename(tmp, a)
        os.unlink(a + "___jb_old___")

    starts = d.builds_after(jetbrains)
    assert starts[0].endswith(" fonts/a.ttf"), starts

    def sed_i():
        tmp = os.path.join(d.root, "img", "sedO1pBM5")
        write(tmp, b"png-sed\n")
        os.rename(tmp, os.path.join(d.root, "img", "logo.png"))

    starts = d.builds_after(sed_i)
    assert starts[0].endswith(" img/logo.png"), starts
    assert d.outputs() == d.expected()


def test_write_in_place(d):
    """nano, VS Code, cp, shell >: truncate and write the same inode."""
    a = os.path.join(d.root, "fonts", "a.ttf")

    def nano():
        write(os.path.join(d.root, "fonts", ".a.ttf.swp"), b"lock")
        with open(a, "r+b") as f:
            f.truncate(0)
            f.write(b"font-a ")
            f.flush()
            f.write(b"nano\n")
        os.unlink(os.path.join(d.root, "fonts", ".a.ttf.swp"))

    starts = d.builds_after(nano)
    assert starts[0].endswith(" fonts/a.ttf"), starts
    assert d.outputs() == d.expected()


def test_delete_and_recreate(d):
    """git checkout: unlink, then create; the build waits for the file."""
    a = os.path.join(d.root, "fonts", "a.ttf")

    def git():
        os.unlink(a)
        time.sleep(0.3)
        write(a, b"font-a from git\n")

    starts = d.builds_after(git)
    assert starts[0].endswith(" fonts/a.ttf"), starts
    assert not any(l.startswith("missing") for l in d.log), d.log
    assert d.outputs() == d.expected()


def test_debris_does_not_build(d):
    def debris():
        f = os.path.join(d.root, "fonts")
        for name in ("4913", "a.ttf~", ".a.ttf.swp", ".#a.ttf", "a.ttf___jb_tmp___",
                     "sedXyZ123", "x.vsctmp", "other.ttf"):
            write(os.path.join(f, name), b"debris")
        os.makedirs(os.path.join(d.root, "tmpdir"))
        write(os.path.join(d.root, "tmpdir", "junk.png"), b"x")

    debris()
    got = d.quiet(1.0)
    assert not [l for l in got if l.startswith(("build", "changed"))], got


def test_new_and_moved_in_directories(d, base):
    """mkdir -p + write, and a populated directory moved into the tree."""
    d2 = os.path.join(d.root, "new", "deep", "er")

    def mkdir_p():
        os.makedirs(d2)
        write(os.path.join(d2, "f.png"), b"deep\n")

    # f.png becomes relevant only for this driver: restart with it listed.
    d.stop()
    d = Driver(sys.argv[1], base, d.rel + ["new/deep/er/f.png", "pkg/sub/x.png"], first_ok=False)
    write(os.path.join(base, "staging", "sub", "x.png"), b"moved in\n")
    d.builds_after(mkdir_p)
    starts = d.builds_after(lambda: os.rename(os.path.join(base, "staging"),
                                              os.path.join(d.root, "pkg")))
    assert starts[0].endswith(" pkg/sub/x.png"), starts
    # Moved out: the file goes missing (after the grace period), no stale paths.
    os.rename(os.path.join(d.root, "pkg"), os.path.join(base, "gone"))
    d.expect("missing pkg/sub/x.png")
    d.expect("build-done")
    write(os.path.join(base, "gone", "sub", "x.png"), b"changed outside\n")
    got = d.quiet(1.0)
    assert not [l for l in got if "pkg/" in l], got
    return d


def test_corrupt_input_keeps_outputs(d):
    """A build that crashes (a bad PNG) or fails keeps the last outputs."""
    good = d.outputs()
    logo = os.path.join(d.root, "img", "logo.png")
    d.builds_after(lambda: write(logo, b"CRASH: corrupt png\n"))
    line = [l for l in d.log if l.startswith("build-done")][-1]
    assert "failed crashed: signal 11" in line, line
    assert d.outputs() == good
    d.builds_after(lambda: write(logo, b"FAIL: bad font\n"))
    line = [l for l in d.log if l.startswith("build-done")][-1]
    assert "file=img/logo.png reason=bad content" in line, line
    assert d.outputs() == good
    assert not [f for f in os.listdir(d.out) if ".tmp." in f]
    d.builds_after(lambda: write(logo, b"png fixed\n"))
    assert d.outputs() == d.expected()


def test_missing_input_fails_build(d):
    good = d.outputs()
    os.unlink(os.path.join(d.root, "fonts", "a.ttf"))
    d.expect("missing fonts/a.ttf")
    assert "failed" in d.expect("build-done")
    assert d.outputs() == good
    d.builds_after(lambda: write(os.path.join(d.root, "fonts", "a.ttf"), b"back\n"))
    assert d.outputs() == d.expected()


def test_burst_of_saves(d):
    t0 = time.monotonic()
    for i in range(200):
        r = d.rel[i % 3]
        write(os.path.join(d.root, r), b"%s save %d\n" % (r.encode(), i))
        time.sleep(0.015)  # about 3 s of saves: longer than the 2 s cap
    span = time.monotonic() - t0
    d.expect("build-start")
    builds = 1
    # Drain until quiet.
    while True:
        got = d.quiet(1.0)
        builds += len([l for l in got if l.startswith("build-start")])
        if not got:
            break
    assert d.outputs() == d.expected()
    print("burst: 200 saves over %.2f s -> %d builds" % (span, builds))
    # The cap must fire during the stream, the quiet period must merge the rest.
    assert 2 <= builds <= 10, builds


def test_sigterm_during_build(d, base):
    d.stop()
    d = Driver(sys.argv[1], base, d.rel, ["--build-ms", "3000"])
    old = d.outputs()
    write(os.path.join(d.root, "fonts", "a.ttf"), b"never committed\n")
    d.expect("build-start 2")
    time.sleep(0.3)  # let it stage its temporary files
    assert d.stop() == 0
    assert not [f for f in os.listdir(d.out) if ".tmp." in f], os.listdir(d.out)
    assert d.outputs() == old
    return None


def test_root_removed_and_recreated(d):
    saved = {r: open(os.path.join(d.root, r), "rb").read() for r in d.rel}
    shutil.rmtree(d.root)
    d.expect("root-gone")
    for r, data in saved.items():
        write(os.path.join(d.root, r), data + b"again\n")
    d.expect("root-back")
    d.expect("build-done")
    d.quiet(1.5)  # files written while re-arming may add one more build
    assert d.outputs() == d.expected()


def test_queue_overflow_rescans(d):
    """Events lost (IN_Q_OVERFLOW) -> full rescan and a build of everything.
    The driver is stopped (SIGSTOP) while more events than the kernel queue
    holds are generated, which overflows only this inotify instance."""
    try:
        with open("/proc/sys/fs/inotify/max_queued_events") as f:
            limit = int(f.read())
    except OSError:
        limit = 16384
    if limit > 100000:
        print("max_queued_events %d too large to overflow quickly; skipped" % limit)
        return
    noise = d.root  # watched already (a new directory would not be yet)
    d.proc.send_signal(signal.SIGSTOP)
    try:
        # Distinct names: the kernel merges identical consecutive events.
        # Each file queues CREATE and CLOSE_WRITE (IN_MODIFY is not watched).
        for i in range(limit // 2 + 2000):
            os.close(os.open(os.path.join(noise, "n%d" % i), os.O_CREAT | os.O_WRONLY, 0o644))
        write(os.path.join(d.root, "fonts", "a.ttf"), b"changed during overflow\n")
    finally:
        d.proc.send_signal(signal.SIGCONT)
    d.expect("rescan")
    assert d.expect("build-start").endswith(" all")
    d.expect("build-done")
    d.quiet()
    assert d.outputs() == d.expected()


def test_sighup_rebuilds_everything(d):
    d.proc.send_signal(signal.SIGHUP)
    d.expect("reload")
    assert d.expect("build-start").endswith(" all")
    d.expect("build-done 2 ok")


def test_directory_renamed_and_back(d):
    """A directory renamed inside the tree: its files are found under the new
    name (and are not relevant there); renamed back, they are changes again,
    never reported missing because they returned within the grace period."""
    img = os.path.join(d.root, "img")

    def rename_twice():
        os.rename(img, img + ".old")
        time.sleep(0.1)
        os.rename(img + ".old", img)

    starts = d.builds_after(rename_twice)
    assert starts[0].endswith(" img/logo.png"), starts
    assert not [l for l in d.log if l.startswith("missing")], d.log
    # The watch on the renamed directory follows the new path.
    d.builds_after(lambda: write(os.path.join(img, "logo.png"), b"after rename\n"))
    assert d.outputs() == d.expected()


def test_root_is_a_symlink(d, base):
    d.stop()
    link = os.path.join(base, "link")
    os.symlink("assets", link)
    d = Driver(sys.argv[1], base, d.rel, root=link)
    starts = d.builds_after(lambda: write(os.path.join(link, "fonts", "a.ttf"), b"via link\n"))
    assert starts[0].endswith(" fonts/a.ttf"), starts
    return d


def test_outside_root(d, base):
    """A referenced file in a sibling directory outside the root: its
    directory is watched (not recursively), only its name builds."""
    d.stop()
    fonts = os.path.join(base, "fonts-outside")
    o = os.path.join(fonts, "o.ttf")
    write(o, b"outside-1\n")
    write(os.path.join(fonts, "sub", "deep.ttf"), b"unrelated\n")
    d = Driver(sys.argv[1], base, d.rel + [o])

    def vim():
        os.rename(o, o + "~")
        write(o, b"outside vim\n")
        os.unlink(o + "~")

    def sed_i():
        tmp = os.path.join(fonts, "sedQ1w2E3")
        write(tmp, b"outside sed\n")
        os.rename(tmp, o)

    def nano():
        with open(o, "r+b") as f:
            f.truncate(0)
            f.write(b"outside ")
            f.flush()
            f.write(b"nano\n")

    def git():
        os.unlink(o)
        time.sleep(0.3)
        write(o, b"outside git\n")

    for action in (vim, sed_i, nano, git):
        starts = d.builds_after(action)
        assert starts[0].endswith(" " + o), (action.__name__, starts)
        assert d.outputs() == d.expected(), action.__name__

    for name in ("4913", "o.ttf~", ".o.ttf.swp", "o.ttf___jb_tmp___", "other.ttf"):
        write(os.path.join(fonts, name), b"debris")
    write(os.path.join(fonts, "sub", "deep.ttf"), b"still unrelated\n")
    os.makedirs(os.path.join(fonts, "newdir"))
    got = d.quiet(1.0)
    assert not [l for l in got if l.startswith(("build", "changed"))], got
    return d


def test_outside_directory_missing(d, base):
    """A missing outside directory is a warning, retried until it appears."""
    d.stop()
    fonts = os.path.join(base, "later")
    o = os.path.join(fonts, "o.ttf")
    d = Driver(sys.argv[1], base, d.rel + [o], first_ok=False)
    # The warning arrives before the first (failing) build.
    assert any(l.startswith("warning " + fonts + ": ") for l in d.log), d.log
    assert d.proc.poll() is None
    write(o, b"arrived\n")
    d.expect("changed " + o, timeout=TIMEOUT)
    d.expect("build-done")
    # Now watched: an ordinary save builds.
    starts = d.builds_after(lambda: write(o, b"saved\n"))
    assert starts[0].endswith(" " + o), starts
    assert d.outputs() == d.expected()
    return d


def test_generation_store_not_watched(d, base):
    """Outputs inside the root as generations: builds add no watches."""
    d.stop()
    out = os.path.join(d.root, "out")
    d = Driver(sys.argv[1], base, d.rel, root=d.root, out=out,
               extra=["--gen", "--skip", "out", "--skip", ".out.gen"])
    first = [l for l in d.log if l.startswith("build-done 1")][0]
    dirs = first.rsplit("dirs=", 1)[1]
    a = os.path.join(d.root, "fonts", "a.ttf")
    for i in range(6):
        d.builds_after(lambda: write(a, b"font-a %d\n" % i))
        done = [l for l in d.log if l.startswith("build-done")][-1]
        assert done.rsplit("dirs=", 1)[1] == dirs, (dirs, d.log)
    assert os.path.islink(out)
    assert d.outputs() == d.expected()
    return d


TESTS = [test_outside_root, test_outside_directory_missing, test_generation_store_not_watched, test_root_is_a_symlink, test_directory_renamed_and_back, test_sighup_rebuilds_everything, test_queue_overflow_rescans, test_rename_over_save, test_write_in_place, test_delete_and_recreate,
         test_debris_does_not_build, test_new_and_moved_in_directories,
         test_corrupt_input_keeps_outputs, test_missing_input_fails_build, test_burst_of_saves,
         test_sigterm_during_build, test_root_removed_and_recreated]


def main():
    exe = sys.argv[1]
    wanted = sys.argv[2:]
    failed = 0
    # Not /tmp: vim skips its rename save there, so keep fixtures elsewhere.
    parent = os.environ.get("MESON_BUILD_ROOT", os.getcwd())
    for t in TESTS:
        if wanted and t.__name__ not in wanted:
            continue
        base = tempfile.mkdtemp(prefix="watch-", dir=parent)
        d = None
        try:
            d = Driver(exe, base, fixture(base))
            if t.__code__.co_argcount == 2:
                d = t(d, base)
            else:
                t(d)
            if d is not None:
                rc = d.stop()
                assert rc == 0, "exit status %d" % rc
            print("ok   %s" % t.__name__)
        except Exception as e:  # pylint: disable=broad-except
            failed += 1
            print("FAIL %s: %s: %s" % (t.__name__, type(e).__name__, e))
        finally:
            for p in Driver.started:
                if p.poll() is None:
                    p.kill()
                    p.wait()
            Driver.started.clear()
            shutil.rmtree(base, ignore_errors=True)
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
