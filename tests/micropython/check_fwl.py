#!/usr/bin/env python3
"""The `fwl` module (firmware-loader/port/micropython/) and fwl_eve.py in
native MicroPython, judged against the host's own parse of the bundles
(tests/rasterd/check_chain.py, written from docs/bundle-format.md with
Python's hashlib.blake2s) and an EVE SPI slave model written from the
published host protocol (CS low, 3 address bytes with bits 23:22 = 10 for
a write, data to auto-incremented addresses, CS high):

- fwl.load from the frozen example bundle under micropython.heap_lock():
  0 heap bytes, one write per chunk at ascending addresses, the stand-in
  RAM_G holds the payload (SHA-256), the result is (security version,
  chunks, payload bytes);
- fwl.assets equals the bundle's directory and assets.py's ASSETS;
- fwl_eve.Writer into the EVE model, under heap_lock when chunks fit
  max_transfer, split into pieces <= max_transfer otherwise;
- every single-bit flip and every truncation of a small bundle (unix; a
  spread sample on qemu): LoadError with the loader's code, the failing
  chunk, and a sink that got exactly the chunks before it, byte for byte;
- misuse: a kept memoryview is empty, loads do not nest, a resized source
  is refused, write()'s exception passes through, argument errors;
- a stream source (a file) read through one chunk buffer (unix);
- the example's ROMFS image (rasterd's romfs group) mounted with vfs.VfsRom,
  in place at its address (qemu) or from a bytearray (unix): fwl.load from
  memoryview(open('/rom/assets.bin', 'rb')) under heap_lock, a view into
  the image at the aligned offset rasterd inspect reports.

usage: check_fwl.py unix|qemu RASTERD
"""
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "rasterd"))
import mpport  # noqa: E402
import check_chain  # noqa: E402
from harness import check, finish  # noqa: E402


# Where the qemu run places the ROMFS image: inside the board's 4 MiB code
# SRAM at 0, above the firmware (about 400 KB with its heap) and below the
# stack at the top.
ROMFS_ADDR = 0x380000


def romfs_offset(rasterd, image, name):
    """Offset of a file's data in an image, as rasterd inspect reports it."""
    p = subprocess.run([rasterd, "inspect", "--json", image], capture_output=True, text=True)
    entries = json.loads(p.stdout)["entries"]
    return next(e["offset"] for e in entries if e["path"] == name)


def entries(data, h):
    """name -> [addr, size, kind, format, width, height, stride] (section 4)."""
    out = {}
    for k in range(h["asset_count"]):
        e = h["hdr_size"] + k * h["entry_size"]
        name = data[e:e + 24].split(b"\0")[0].decode()
        addr, size, width, height, stride = struct.unpack_from("<IIIII", data, e + 28)
        out[name] = [addr, size, data[e + 24], data[e + 25], width, height, stride]
    return out


def small_bundle(rasterd, key):
    """A 3-chunk bundle signed with the frozen key, for the damage test."""
    d = tempfile.mkdtemp(prefix="fwl-small-")
    try:
        with open(os.path.join(d, "blob.bin"), "wb") as f:
            f.write(bytes((i * 7 + 3) & 0xFF for i in range(600)))
        with open(os.path.join(d, "rasterd.conf"), "w") as f:
            f.write('target = { name = "fwl-small"; base = 0x1000L; size = 0x1000L; };\n'
                    'bundle = { chunk_size = 256; security_version = 2; };\n'
                    'raw = ( { name = "blob"; file = "blob.bin"; } );\n')
        p = subprocess.run([rasterd, "build", d, "--key", key, "-q"], capture_output=True,
                           text=True)
        if p.returncode != 0:
            raise RuntimeError("rasterd build: " + p.stderr)
        with open(os.path.join(d, "out", "assets.bin"), "rb") as f:
            return f.read()
    finally:
        shutil.rmtree(d)


def records(h):
    n, cs, pl = h["chunk_count"], h["chunk_size"], h["payload_len"]
    return [min(cs, pl - i * cs) + (32 if i < n - 1 else 0) for i in range(n)]


def eve_model(stream, edges):
    """Decodes the SPI byte stream into {address: byte} by the EVE rules."""
    mem = {}
    level, start, tx = 1, 0, 0
    for e in edges:
        pos, v = e >> 1, e & 1
        if level == 1 and v == 0:
            start = pos
        elif level == 0 and v == 1 and pos > start:
            t = stream[start:pos]
            check(len(t) > 3 and t[0] & 0xC0 == 0x80, "EVE transaction %d is not a write" % tx)
            addr = ((t[0] & 0x3F) << 16) | (t[1] << 8) | t[2]
            for i, b in enumerate(t[3:]):
                mem[addr + i] = b
            tx += 1
        level = v
    check(level == 1, "chip select left low")
    return mem, tx


def judge_eve(r, stream, h, payload):
    mem, tx = eve_model(stream, r["edges"])
    base = h["payload_addr"]
    got = bytes(mem.get(base + i, 0) for i in range(len(payload)))
    tag = "eve max_transfer=%d" % r["max_transfer"]
    check(r["error"] is None and r["result"] == [h["security_version"], h["chunk_count"],
                                                  h["payload_len"]], "%s: %r" % (tag, r["error"]))
    check(got == payload and len(mem) == len(payload), "%s: EVE RAM differs from the payload"
          % tag)
    check(tx == h["chunk_count"], "%s: %d transactions for %d chunks" % (tag, tx,
                                                                          h["chunk_count"]))
    if r["max_transfer"]:
        check(max(r["sizes"]) <= max(r["max_transfer"], 3), "%s: a piece of %d bytes" %
              (tag, max(r["sizes"])))
    if r["locked"]:
        check(r["heap"] == 0, "%s: %r heap bytes under heap_lock" % (tag, r["heap"]))


def judge_misuse(r, h):
    ok = ["ok", [h["security_version"], h["chunk_count"], h["payload_len"]], h["chunk_count"]]
    expect = {
        "kept_lengths": [0], "kept_bytes": True,
        "nested": ["RuntimeError", "fwl: a load is already running", 0],
        "resized": ["RuntimeError", "fwl: source or buf resized during the load", 0],
        "raised": ["KeyError", "from write", 0],
        "after": ok, "rotation": ok, "concat_keys": ok, "min_equal": ok,
        "key_short": ["ValueError", "keys: 32 bytes per key, 1 to 8 keys", 0],
        "keys_nine": ["ValueError", "keys: 32 bytes per key, 1 to 8 keys", 0],
        "unknown_key": ["LoadError", "FWL_ERR_UNKNOWN_KEY", None, 0, 0],
        "rollback": ["LoadError", "FWL_ERR_ROLLBACK", None, 0, 0],
        "target": ["LoadError", "FWL_ERR_WRONG_TARGET", None, 0, 0],
        "ram_small": ["LoadError", "FWL_ERR_WRONG_TARGET", None, 0, 0],
        "not_callable": ["TypeError", "write: a callable(addr, memoryview)", 0],
        "bad_source": ["TypeError", "source: a buffer or a stream with readinto()", 0],
    }
    for k, v in expect.items():
        check(r.get(k) == v, "misuse %s: got %r, want %r" % (k, r.get(k), v))
    check(r["readonly_view"][0] == "TypeError", "write() could modify the source through its view")
    for k in ("negative_target", "big_target"):
        check(r[k][0] == "OverflowError", "%s: %r" % (k, r[k]))


def main():
    port, rasterd = sys.argv[1], os.path.abspath(sys.argv[2])
    mpport.port_or_skip(port)
    frozen = mpport.frozen_dir()
    bundle_path = os.path.join(frozen, "assets.bin")
    with open(bundle_path, "rb") as f:
        bundle = f.read()
    with open(os.path.join(frozen, "example.pub"), "rb") as f:
        pub = f.read()
    h = check_chain.check(bundle, pub)
    payload = h["payload"]
    small = small_bundle(rasterd, os.path.join(frozen, "..", "keys", "example.key"))
    hs = check_chain.check(small, pub)
    romfs_path = os.path.join(frozen, "assets.romfs")
    romfs_len = os.path.getsize(romfs_path)
    cfg = {
        "romfs_path": romfs_path, "romfs_len": romfs_len,
        "key": pub.hex(), "target_id": h["target_id"], "payload_addr": h["payload_addr"],
        "payload_len": h["payload_len"], "chunk_size": h["chunk_size"],
        "security_version": h["security_version"], "bundle_path": bundle_path,
        "bundle": small.hex(), "payload": hs["payload"].hex(),
        "small_payload_addr": hs["payload_addr"], "small_target_id": hs["target_id"],
        "records_at": hs["signed_len"] + 64, "record_lens": records(hs),
    }
    if port == "unix":
        cfg["checks"] = [["frozen_locked"], ["assets"], ["eve", 0, True], ["eve", 4096, True],
                         ["eve", 1000, False], ["damage"], ["misuse"], ["stream"], ["romfs"]]
    else:
        # Each load costs an Ed25519 check in emulation: a spread of flips
        # (one bit per byte, every 7th byte) and truncations there.
        cfg["checks"] = [["frozen_locked"], ["assets"], ["eve", 0, True], ["eve", 1000, False],
                         ["damage"], ["misuse"], ["romfs"]]
        cfg["romfs_addr"] = ROMFS_ADDR  # QEMU places the image there
        cfg["flip_stride"], cfg["flip_bits"], cfg["trunc_stride"] = 7, 1, 7
    with open(os.path.join(HERE, "fwl_device.py")) as f:
        script = "CFG = %r\n%s" % (cfg, f.read())
    text = mpport.run_on(port, script, timeout=600, images=[(romfs_path, ROMFS_ADDR)])
    results = {}
    spi = {}
    current = None
    for line in text.splitlines():
        if line.startswith("SPI "):
            spi[current] += bytes.fromhex(line[4:])
        elif line.startswith("{"):
            r = json.loads(line)
            current = len(results)
            results[current] = r
            spi[current] = b""

    expected_writes = [[h["payload_addr"] + i * h["chunk_size"],
                        min(h["chunk_size"], h["payload_len"] - i * h["chunk_size"])]
                       for i in range(h["chunk_count"])]
    for i, r in results.items():
        c = r["check"]
        if c == "frozen_locked":
            check(r["error"] is None, "frozen load: %r" % (r["error"],))
            check(r["result"] == [h["security_version"], h["chunk_count"], h["payload_len"]],
                  "frozen load returned %r" % (r["result"],))
            check(r["heap"] == 0, "frozen load under heap_lock: %r heap bytes" % r["heap"])
            check(r["writes"] == expected_writes, "writes %r" % (r["writes"],))
            check(r["ram_sha256"] == hashlib.sha256(payload).hexdigest(),
                  "stand-in RAM_G differs from the payload")
            print("%s: frozen %d-byte bundle loaded under heap_lock, %d heap bytes, %d chunks" %
                  (port, len(bundle), r["heap"], len(r["writes"])))
        elif c == "assets":
            check(r["assets"] == entries(bundle, h), "fwl.assets %r" % (r["assets"],))
            check(r["same_as_assets_py"], "fwl.assets != assets.ASSETS")
        elif c == "eve":
            judge_eve(r, spi[i], h, payload)
        elif c == "damage":
            check(not r["failures"], "damage: %r" % (r["failures"],))
            print("%s: %d bit flips and %d truncations/extensions of a %d-byte bundle rejected" %
                  (port, r["flips"], r["truncations"], len(small)))
        elif c == "misuse":
            judge_misuse(r, h)
        elif c == "stream":
            lr = r["locked"]
            check(lr[0] == [h["security_version"], h["chunk_count"], h["payload_len"]] and
                  lr[1] is None, "stream load: %r" % (lr,))
            check(lr[3] == hashlib.sha256(payload).hexdigest(), "stream: RAM differs")
            check(lr[2] == 0, "stream load under heap_lock: %r heap bytes" % lr[2])
            check(r["assets"] == entries(bundle, h), "stream fwl.assets")
            check(r["no_buf"][0] == "ValueError", "stream without buf: %r" % (r["no_buf"],))
            check(r["small_buf"][:2] == ["LoadError", "FWL_ERR_TOO_LARGE"],
                  "stream with a small buf: %r" % (r["small_buf"],))
        elif c == "romfs":
            check(r["error"] is None and r["result"] == [h["security_version"], h["chunk_count"],
                                                          h["payload_len"]],
                  "fwl.load from /rom/assets.bin", "%r %r" % (r["error"], r["result"]))
            check(r["heap"] == 0, "fwl.load from ROMFS under heap_lock: 0 heap bytes",
                  "(%r)" % r["heap"])
            check(r["ram_sha256"] == hashlib.sha256(payload).hexdigest(),
                  "stand-in RAM_G from ROMFS holds the payload")
            want = romfs_offset(rasterd, romfs_path, "assets.bin")
            check(r["offset"] == want and r["offset"] % 4 == 0 and r["size"] == len(bundle),
                  "memoryview of /rom/assets.bin is the image's bytes in place, aligned",
                  "(offset %r, inspect %r)" % (r["offset"], want))
            check(r["files"] == ["assets.bin", "assets.py"], "image lists %r" % (r["files"],))
            print("%s: fwl.load from ROMFS under heap_lock, %d heap bytes" % (port, r["heap"]))
    want = [c[0] for c in cfg["checks"]]
    check(sorted(r["check"] for r in results.values()) == sorted(want),
          "checks that reported: %r" % ([r["check"] for r in results.values()],))
    return finish()


if __name__ == "__main__":
    sys.exit(main())
