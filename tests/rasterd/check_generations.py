#!/usr/bin/env python3
"""Output generations of `rasterd build` and `rasterd --watch`: the whole set
(bundle, assets.h, assets.py, frozen C/.S/py blobs, DFU) switches in one
step, failures and SIGTERM leave the previous generation, an old real output
folder is migrated, and one rasterd at a time writes an output folder.

A separate reader process opens the output folder once per round
(os.open(out, O_DIRECTORY), resolving the symlink once) and checks that every
file read relative to it comes from the same build.

usage: check_generations.py RASTERD TEST_NAME...
       check_generations.py RASTERD reader OUT PUBKEY STOPFILE   (internal)
"""
import fcntl
import json
import os
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_chain  # noqa: E402
import check_watch_daemon as wd  # noqa: E402

RASTERD = os.path.abspath(sys.argv[1])
TIMEOUT = 30.0


def read_at(dfd, name):
    fd = os.open(name, os.O_RDONLY, dir_fd=dfd)
    try:
        chunks = []
        while True:
            b = os.read(fd, 1 << 20)
            if not b:
                return b"".join(chunks)
            chunks.append(b)
    finally:
        os.close(fd)


def c_define(text, name):
    m = re.search(r"#define %s (0x[0-9a-fA-F]+|\d+)u" % name, text)
    assert m, "%s missing" % name
    return int(m.group(1), 0)


def check_set(dfd, pubkey):
    """Every file in the folder `dfd` describes the same bundle. Returns the
    gamma_lut payload (the build's tag)."""
    bundle = read_at(dfd, "assets.bin")
    h = check_chain.check(bundle, pubkey)
    hdr = read_at(dfd, "assets.h").decode()
    ns = {}
    exec(read_at(dfd, "assets.py").decode(), ns)  # pylint: disable=exec-used
    assert c_define(hdr, "ASSET_BUNDLE_SIZE") == len(bundle) == ns["BUNDLE_SIZE"], "size"
    assert c_define(hdr, "ASSET_BUNDLE_PAYLOAD_LEN") == h["payload_len"] == \
        ns["BUNDLE_PAYLOAD_LEN"], "payload length"
    tag = None
    for a in h["assets"]:
        up = a["name"].upper()
        assert c_define(hdr, "ASSET_%s_ADDR" % up) == a["addr"] == ns[up + "_ADDR"], a
        assert c_define(hdr, "ASSET_%s_SIZE" % up) == a["size"] == ns[up + "_SIZE"], a
        if a["name"] == "gamma_lut":
            off = a["addr"] - h["payload_addr"]
            tag = h["payload"][off:off + a["size"]]
    blob = {}
    exec(read_at(dfd, "assets_blob.py").decode(), blob)  # pylint: disable=exec-used
    assert blob["asset_bundle"] == bundle, "frozen .py differs from the bundle"
    c = read_at(dfd, "assets_blob.c").decode()
    body = c[c.index("{") + 1:c.rindex("}")]
    assert bytes(int(x, 0) for x in re.findall(r"0x[0-9a-fA-F]+|\b\d+\b", body)) == bundle, \
        "frozen C array differs from the bundle"
    for name in ("assets_blob.h", "assets_incbin.h"):
        assert c_define(read_at(dfd, name).decode(), "ASSET_BUNDLE_SIZE") == len(bundle), name
    elements, _ = wd.parse_dfu(read_at(dfd, "assets.dfu"))
    assert elements[-1] == (0x90000000, bundle), "DFU bundle element differs"
    return tag


def reader_main(out, pubkey_path, stop):
    """Checks sets until `stop` exists; prints a JSON summary."""
    pubkey = open(pubkey_path, "rb").read()
    reads = vanished = 0
    errors = []
    tags = set()
    while not os.path.exists(stop) and len(errors) < 5:
        try:
            dfd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            errors.append("output folder missing")
            continue
        try:
            tags.add(check_set(dfd, pubkey))
            reads += 1
        except FileNotFoundError:
            vanished += 1  # the generation was removed two builds later: not a mix
        except Exception as e:  # pylint: disable=broad-except
            errors.append("%s: %s" % (type(e).__name__, e))
        finally:
            os.close(dfd)
    print(json.dumps({"reads": reads, "vanished": vanished, "tags": len(tags),
                      "errors": errors}))
    return 0


class Reader:
    def __init__(self, base, root):
        self.stop_file = os.path.join(base, "reader.stop")
        self.proc = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), RASTERD, "reader",
             os.path.join(root, "out"), os.path.join(root, "keys", "example.pub"),
             self.stop_file], stdout=subprocess.PIPE, text=True)

    def finish(self):
        open(self.stop_file, "w").close()
        out, _ = self.proc.communicate(timeout=TIMEOUT)
        r = json.loads(out)
        assert not r["errors"], r["errors"]
        assert r["reads"] > 0, r
        return r


def setup(base):
    wd.fixture(base)
    return os.path.join(base, "assets")


def build(root, *args):
    return subprocess.run([RASTERD, "build", root, "-q"] + list(args), capture_output=True,
                          text=True, timeout=TIMEOUT)


def tag_bytes(i):
    return struct.pack("<I", i) * (64 + i)  # a new size (and address map) per build


def set_tag(root, i):
    wd.write(os.path.join(root, "data", "gamma.bin"), tag_bytes(i))


def store_entries(root):
    return sorted(os.listdir(os.path.join(root, ".out.gen")))


def assert_clean_store(root):
    """Only the lock, the current generation and at most the one before."""
    names = store_entries(root)
    cur = os.readlink(os.path.join(root, "out"))
    assert cur.startswith(".out.gen/"), cur
    gens = [n for n in names if n.isdigit()]
    assert set(names) == set(gens) | {"lock"}, names
    assert cur.split("/")[1] in gens and len(gens) <= 2, (cur, names)


def current_tag(root):
    dfd = os.open(os.path.join(root, "out"), os.O_RDONLY | os.O_DIRECTORY)
    try:
        return check_set(dfd, wd.read(os.path.join(root, "keys", "example.pub")))
    finally:
        os.close(dfd)


def test_reader_during_oneshot_builds(base):
    root = setup(base)
    set_tag(root, 0)
    r = build(root)
    assert r.returncode == 0, r.stderr
    reader = Reader(base, root)
    i, t0 = 0, time.monotonic()
    while i < 40 or time.monotonic() - t0 < 3.0:  # builds take a few ms each
        i += 1
        set_tag(root, i)
        r = build(root)
        assert r.returncode == 0, r.stderr
    res = reader.finish()
    print("%d builds; reader: %d consistent sets, %d builds seen, %d removed under it" %
          (i, res["reads"], res["tags"], res["vanished"]))
    assert current_tag(root) == tag_bytes(i)
    assert_clean_store(root)


def test_reader_during_daemon_burst(base):
    root = setup(base)
    set_tag(root, 0)
    d = wd.Daemon(base, ["--debounce-ms", "30"])
    ev = d.build()
    assert ev["event"] == "build_finished", ev
    reader = Reader(base, root)
    for i in range(1, 80):
        set_tag(root, i)
        time.sleep(random.uniform(0.0, 0.05))
    while d.quiet(1.5):
        pass
    builds = len([e for e in d.log if e["event"] == "build_finished"])
    res = reader.finish()
    print("daemon: %d builds; reader: %d consistent sets, %d builds seen" %
          (builds, res["reads"], res["tags"]))
    assert current_tag(root) == tag_bytes(79)
    assert d.stop() == 0
    assert_clean_store(root)


def test_sigterm_oneshot_at_random_points(base):
    root = setup(base)
    rng = random.Random(6)
    set_tag(root, 0)
    assert build(root).returncode == 0
    t0 = time.monotonic()
    assert build(root).returncode == 0
    span = time.monotonic() - t0
    old = current_tag(root)
    for i in range(1, 16):
        set_tag(root, i)
        kill = signal.SIGKILL if i % 5 == 0 else signal.SIGTERM
        p = subprocess.Popen([RASTERD, "build", root, "-q"], stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, span * 1.2))
        p.send_signal(kill)
        rc = p.wait(timeout=TIMEOUT)
        now = current_tag(root)
        assert now in (old, tag_bytes(i)), "neither the old nor the new generation"
        if kill == signal.SIGTERM:
            assert rc in (0, -signal.SIGTERM), rc
            assert_clean_store(root)  # nothing left behind
        else:
            r = build(root)  # the next run removes what SIGKILL left
            assert r.returncode == 0, r.stderr
            assert_clean_store(root)
            now = current_tag(root)
        old = now


def test_sigterm_daemon_at_random_points(base):
    root = setup(base)
    rng = random.Random(9)
    d = wd.Daemon(base)
    d.build()
    for i in range(1, 7):
        before = current_tag(root)
        set_tag(root, i)
        d.expect("build_started")
        time.sleep(rng.uniform(0.0, 0.08))
        assert d.stop() == 0, "exit status"
        assert current_tag(root) in (before, tag_bytes(i))
        assert_clean_store(root)
        d = wd.Daemon(base)
        d.build()
    assert d.stop() == 0


def test_killed_build_child_is_cleaned_by_daemon(base):
    """SIGKILL (no chance to clean up) of the daemon's build child while it
    writes its generation folder: by the time the daemon reports the failure,
    the half-written folder is gone and the outputs are the old generation."""
    root = setup(base)
    store = os.path.join(root, ".out.gen")
    d = wd.Daemon(base, ["--debounce-ms", "20"])
    d.build()
    hits = 0
    for i in range(1, 13):
        before = current_tag(root)
        set_tag(root, i)
        d.expect("build_started")
        end = time.monotonic() + 5.0
        while time.monotonic() < end and not any(n.startswith("new.") for n in os.listdir(store)):
            pass  # catch the moment the child writes its folder
        with open("/proc/%d/task/%d/children" % (d.proc.pid, d.proc.pid)) as f:
            kids = [int(p) for p in f.read().split()]
        for pid in kids:
            os.kill(pid, signal.SIGKILL)
        ev = d.expect_any(("build_finished", "build_failed"))
        hits += ev["event"] == "build_failed"
        assert current_tag(root) in (before, tag_bytes(i)), ev
        assert_clean_store(root)
    print("%d of 12 build children killed while writing their generation" % hits)
    assert hits > 0, "never caught a build writing"
    assert d.stop() == 0


def test_failure_keeps_generation(base):
    root = setup(base)
    assert build(root).returncode == 0
    out = os.path.join(root, "out")
    link = os.readlink(out)
    before = {n: wd.read(os.path.join(out, n)) for n in os.listdir(out)}
    wd.write(os.path.join(root, "images", "logo.png"), b"\x89PNG\r\n\x1a\n" + b"bad" * 20)
    set_tag(root, 5)
    r = build(root)
    assert r.returncode == 65 and "logo.png" in r.stderr, r.stderr
    assert os.readlink(out) == link
    assert {n: wd.read(os.path.join(out, n)) for n in os.listdir(out)} == before
    assert_clean_store(root)


def test_migrates_real_output_folder(base):
    root = setup(base)
    assert build(root).returncode == 0
    out = os.path.join(root, "out")
    old = {n: wd.read(os.path.join(out, n)) for n in os.listdir(out)}
    # The layout of rasterd before generations: a real folder, maybe with debris.
    os.unlink(out)
    shutil.rmtree(os.path.join(root, ".out.gen"))
    os.mkdir(out)
    for n, data in old.items():
        wd.write(os.path.join(out, n), data)
    wd.write(os.path.join(out, "assets.h.tmp.Ab12Cd"), b"debris")
    set_tag(root, 3)
    r = build(root)
    assert r.returncode == 0, r.stderr
    assert os.path.islink(out) and current_tag(root) == tag_bytes(3)
    prev = os.path.join(root, ".out.gen", "1")
    assert {n: wd.read(os.path.join(prev, n)) for n in os.listdir(prev)} == old, \
        "the migrated folder is kept as the previous generation"
    assert_clean_store(root)
    # A real folder holding someone else's file is refused, and left alone.
    os.unlink(out)
    os.mkdir(out)
    wd.write(os.path.join(out, "notes.txt"), b"mine")
    r = build(root)
    assert r.returncode == 73 and "notes.txt" in r.stderr and "symlink" in r.stderr, r.stderr
    assert os.listdir(out) == ["notes.txt"] and not os.path.islink(out)


def test_one_writer_per_output_folder(base):
    root = setup(base)
    d = wd.Daemon(base)
    assert d.build()["event"] == "build_finished"
    r = build(root)
    assert r.returncode == 73, r.stderr
    assert "another rasterd (pid %d)" % d.proc.pid in r.stderr, r.stderr
    second = subprocess.run([RASTERD, "--watch", root, "--no-cache"], capture_output=True,
                            text=True, timeout=TIMEOUT)
    assert second.returncode == 73 and "another rasterd" in second.stderr, second.stderr
    assert d.stop() == 0
    r = build(root)
    assert r.returncode == 0, r.stderr
    # Any process holding the lock (flock) keeps a one-shot build out.
    with open(os.path.join(root, ".out.gen", "lock"), "r+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        r = build(root)
        assert r.returncode == 73 and "one writer per output.dir" in r.stderr, r.stderr
    assert build(root).returncode == 0


def main():
    if len(sys.argv) > 2 and sys.argv[2] == "reader":
        return reader_main(*sys.argv[3:6])
    failed = 0
    parent = os.environ.get("MESON_BUILD_ROOT") or None
    for name in sys.argv[2:]:
        base = tempfile.mkdtemp(prefix="gens-", dir=parent)
        try:
            globals()[name](base)
            print("ok   %s" % name)
        except Exception as e:  # pylint: disable=broad-except
            failed += 1
            print("FAIL %s: %s: %s" % (name, type(e).__name__, e))
        finally:
            wd.Daemon.kill_started()
            shutil.rmtree(base, ignore_errors=True)
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
