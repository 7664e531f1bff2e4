# MicroPython side of tests/micropython/check_fwl.py: runs the fwl module and
# fwl_eve in a native MicroPython build (unix port, or the qemu Cortex-M3
# port through its raw REPL) and prints one JSON line per check. The host
# prepends `CFG = {...}` (what to run, on which bundle) and judges the
# results against its own parse of the bundle (tests/rasterd/check_chain.py).
# Runs from a temporary folder, so `import assets_blob` finds the frozen one.
import binascii
import gc
import hashlib
import json
import micropython
from array import array

import fwl
import fwl_eve

# Room for LoadError's arguments when it is raised with the heap locked (the
# unix port has a static buffer and no such function).
if hasattr(micropython, "alloc_emergency_exception_buf"):
    micropython.alloc_emergency_exception_buf(256)

KEY = binascii.unhexlify(CFG["key"])
TID = CFG["target_id"]
MAXLOG = 128


def hexs(b):
    return binascii.hexlify(b).decode()


def sha(b):
    return hexs(hashlib.sha256(b).digest())


def out(name, **kw):
    kw["check"] = name
    print(json.dumps(kw))


# ---- A stand-in for RAM_G that logs every write (no heap per call) --------

ram = None
ram_base = 0
log = array("I", [0] * (2 * MAXLOG))
nwrites = 0
expect = None  # bytes the sink must receive (flip test), or None
bad_writes = 0


def sink(addr, mv):
    global nwrites, bad_writes
    off = addr - ram_base
    n = len(mv)
    if nwrites < MAXLOG:
        log[2 * nwrites] = addr
        log[2 * nwrites + 1] = n
    nwrites += 1
    if expect is not None and bytes(mv) != expect[off:off + n]:
        bad_writes += 1
    ram[off:off + n] = mv


def reset_sink(base, size):
    global ram, ram_base, nwrites, bad_writes
    ram = None
    gc.collect()
    ram = bytearray(size)
    ram_base = base
    nwrites = 0
    bad_writes = 0


def writes():
    return [[log[2 * i], log[2 * i + 1]] for i in range(min(nwrites, MAXLOG))]


def locked(fn):
    """fn() with the heap locked; returns (result, exception, heap bytes
    allocated across the call as gc.mem_alloc sees them). fn is a function
    made beforehand: building the call (*args) would allocate itself."""
    gc.collect()
    before = gc.mem_alloc()
    r = e = None
    micropython.heap_lock()
    try:
        r = fn()
    except Exception as x:
        e = x
    micropython.heap_unlock()
    after = gc.mem_alloc()
    return r, e, after - before


def err_fields(e):
    if isinstance(e, fwl.LoadError):
        return [e.code, e.name, e.chunk, e.written, str(e)]
    return None if e is None else [type(e).__name__, str(e)]


# ---- Checks ---------------------------------------------------------------

def check_frozen_locked():
    import assets_blob
    src = assets_blob.asset_bundle
    reset_sink(CFG["payload_addr"], CFG["payload_len"])
    r, e, heap = locked(lambda: fwl.load(src, KEY, sink, target_id=TID))
    out("frozen_locked", result=list(r) if r else None, error=err_fields(e), heap=heap,
        writes=writes(), ram_sha256=sha(ram))


def check_assets():
    import assets
    import assets_blob
    d = fwl.assets(assets_blob.asset_bundle, KEY, target_id=TID)
    out("assets", assets={k: list(v) for k, v in d.items()}, same_as_assets_py=d == assets.ASSETS)


class FakeSPI:
    """machine.SPI stand-in: records every byte written and each write's size."""

    def __init__(self, size):
        self.data = bytearray(size)
        self.n = 0
        self.sizes = array("I", [0] * 4096)
        self.nsizes = 0

    def write(self, b):
        k = len(b)
        self.data[self.n:self.n + k] = b
        self.n += k
        if self.nsizes < 4096:
            self.sizes[self.nsizes] = k
        self.nsizes += 1


class FakePin:
    """machine.Pin stand-in: records (stream position, level) at each change."""

    def __init__(self, spi):
        self.spi = spi
        self.edges = array("I", [0] * 1024)
        self.nedges = 0

    def value(self, v):
        if self.nedges < 1024:
            self.edges[self.nedges] = (self.spi.n << 1) | (1 if v else 0)
        self.nedges += 1


def check_eve(max_transfer, lock):
    import assets_blob
    global ram
    ram = None
    gc.collect()
    spi = FakeSPI(CFG["payload_len"] + 3 * 64)
    cs = FakePin(spi)
    w = fwl_eve.Writer(spi, cs, max_transfer=max_transfer)
    if lock:
        r, e, heap = locked(lambda: fwl.load(assets_blob.asset_bundle, KEY, w, target_id=TID,
                                             ram=fwl_eve.RAM_G_RANGE))
    else:
        e = heap = None
        r = fwl.load(assets_blob.asset_bundle, KEY, w, target_id=TID, ram=fwl_eve.RAM_G_RANGE)
    out("eve", max_transfer=max_transfer, locked=lock, result=list(r) if r else None,
        error=err_fields(e), heap=heap, edges=[cs.edges[i] for i in range(cs.nedges)],
        sizes=[spi.sizes[i] for i in range(min(spi.nsizes, 4096))], nsizes=spi.nsizes,
        nbytes=spi.n)
    # The byte stream in lines (a small heap on the qemu port).
    for i in range(0, spi.n, 512):
        print("SPI " + hexs(memoryview(spi.data)[i:min(i + 512, spi.n)]))
    spi = None


def expected_at(off):
    """Chunk record holding byte `off` of the bundle, -1 before the records."""
    at = CFG["records_at"]
    if off < at:
        return -1
    for i, n in enumerate(CFG["record_lens"]):
        at += n
        if off < at:
            return i
    return len(CFG["record_lens"])


def judge(e, want_chunk, prefix_writes):
    """None when the failure is what the loader must report, else why not."""
    if not isinstance(e, fwl.LoadError):
        return "no LoadError: %r" % (e,)
    if e.written != nwrites or nwrites != prefix_writes:
        return "sink got %d writes, LoadError.written %d, want %d" % (
            nwrites, e.written, prefix_writes)
    if bad_writes:
        return "sink got bytes that are not the payload's"
    if want_chunk >= 0 and (e.code != fwl.FWL_ERR_CHUNK_DIGEST or e.chunk != want_chunk):
        return "want CHUNK_DIGEST at %d, got %s" % (want_chunk, str(e))
    if want_chunk < 0 and e.chunk is not None:
        return "chunk %r before the records" % (e.chunk,)
    return None


def check_damage():
    """Every single-bit flip and every truncation of a copy of CFG['bundle']
    (or one bit of every flip_stride-th byte and every trunc_stride-th
    length), and a one-byte extension."""
    global expect
    data = bytearray(binascii.unhexlify(CFG["bundle"]))
    expect = binascii.unhexlify(CFG["payload"])
    base = CFG["small_payload_addr"]
    stride = CFG.get("flip_stride", 1)
    every_bit = CFG.get("flip_bits", 8) == 8
    fails = []
    n = 0
    for off in range(0, len(data), stride):
        for bit in range(8) if every_bit else (off & 7,):
            data[off] ^= 1 << bit
            reset_sink(base, len(expect))
            e = None
            try:
                fwl.load(data, KEY, sink, target_id=CFG["small_target_id"])
            except Exception as x:
                e = x
            data[off] ^= 1 << bit
            want = expected_at(off)
            why = judge(e, want, max(want, 0))
            n += 1
            if why and len(fails) < 10:
                fails.append([off, bit, why])
    mv = memoryview(data)
    ntrunc = 0
    for length in list(range(0, len(data), CFG.get("trunc_stride", 1))) + [-1]:
        reset_sink(base, len(expect))
        src = mv[:length] if length >= 0 else data + b"\0"
        e = None
        try:
            fwl.load(src, KEY, sink, target_id=CFG["small_target_id"])
        except Exception as x:
            e = x
        want = fwl.FWL_ERR_TRUNCATED if length >= 0 else fwl.FWL_ERR_TRAILING
        why = judge(e, -1, 0)
        if not why and e.code != want:
            why = "want %d, got %s" % (want, str(e))
        ntrunc += 1
        if why and len(fails) < 20:
            fails.append([length, "truncated", why])
    expect = None
    out("damage", flips=n, truncations=ntrunc, failures=fails)


def check_misuse():
    """The memoryview write() gets is empty after the call; no nesting; a
    resized source is refused; write()'s exception passes through;
    arguments are checked; rollback, target and RAM range errors."""
    import assets_blob
    src = assets_blob.asset_bundle
    res = {}
    kept = []
    reset_sink(CFG["payload_addr"], CFG["payload_len"])
    fwl.load(src, KEY, lambda a, mv: kept.append(mv), target_id=TID)
    res["kept_lengths"] = sorted(set(len(m) for m in kept))
    res["kept_bytes"] = bytes(kept[0]) == b""
    kept = None

    def nested(a, mv):
        fwl.load(src, KEY, sink, target_id=TID)
    res["nested"] = run(lambda: fwl.load(src, KEY, nested, target_id=TID))
    copy = bytearray(src)

    def grow(a, mv):
        copy.extend(b"\0" * 64)
    res["resized"] = run(lambda: fwl.load(copy, KEY, grow, target_id=TID))

    def boom(a, mv):
        raise KeyError("from write")
    res["raised"] = run(lambda: fwl.load(src, KEY, boom, target_id=TID))
    res["after"] = run(lambda: fwl.load(src, KEY, sink, target_id=TID))
    res["readonly_view"] = run(lambda: fwl.load(src, KEY, poke, target_id=TID))
    res["key_short"] = run(lambda: fwl.load(src, KEY[:31], sink, target_id=TID))
    res["keys_nine"] = run(lambda: fwl.load(src, [KEY] * 9, sink, target_id=TID))
    other = bytes(32)
    res["rotation"] = run(lambda: fwl.load(src, [other, KEY], sink, target_id=TID))
    res["concat_keys"] = run(lambda: fwl.load(src, other + KEY, sink, target_id=TID))
    res["unknown_key"] = run(lambda: fwl.load(src, other, sink, target_id=TID))
    ver = CFG["security_version"]
    res["min_equal"] = run(lambda: fwl.load(src, KEY, sink, target_id=TID, min_version=ver))
    res["rollback"] = run(lambda: fwl.load(src, KEY, sink, target_id=TID, min_version=ver + 1))
    res["target"] = run(lambda: fwl.load(src, KEY, sink, target_id=TID ^ 1))
    res["ram_small"] = run(lambda: fwl.load(src, KEY, sink, target_id=TID, ram=(0, 0x1000)))
    res["not_callable"] = run(lambda: fwl.load(src, KEY, 5, target_id=TID))
    res["bad_source"] = run(lambda: fwl.load(12, KEY, sink, target_id=TID))
    res["negative_target"] = run(lambda: fwl.load(src, KEY, sink, target_id=-1))
    res["big_target"] = run(lambda: fwl.load(src, KEY, sink, target_id=1 << 32))
    out("misuse", **res)


def poke(a, mv):
    mv[0] = 1


def run(fn):
    global nwrites
    nwrites = 0
    try:
        r = fn()
        return ["ok", list(r), nwrites]
    except fwl.LoadError as e:
        return ["LoadError", e.name, e.chunk, e.written, nwrites]
    except Exception as e:
        return [type(e).__name__, str(e), nwrites]


def check_romfs():
    """The example's ROMFS image (rasterd's romfs group) mounted with
    vfs.VfsRom: in place at CFG['romfs_addr'] (qemu, placed there by QEMU),
    or over a bytearray read from CFG['romfs_path'] (unix). fwl.load from
    memoryview(open('/rom/assets.bin', 'rb')) with the heap locked."""
    import uctypes
    import vfs
    if CFG.get("romfs_addr"):
        image = uctypes.bytearray_at(CFG["romfs_addr"], CFG["romfs_len"])
    else:
        with open(CFG["romfs_path"], "rb") as f:
            image = bytearray(f.read())
    vfs.mount(vfs.VfsRom(image), "/rom")
    reset_sink(CFG["payload_addr"], CFG["payload_len"])
    with open("/rom/assets.bin", "rb") as f:
        src = memoryview(f)
    at = uctypes.addressof(src) - uctypes.addressof(image)
    r, e, heap = locked(lambda: fwl.load(src, KEY, sink, target_id=TID))
    out("romfs", result=list(r) if r else None, error=err_fields(e), heap=heap,
        offset=at, size=len(src), files=sorted(__import__("os").listdir("/rom")),
        ram_sha256=sha(ram))
    vfs.umount("/rom")


def check_stream():
    """A file as the source, read through one chunk buffer."""
    reset_sink(CFG["payload_addr"], CFG["payload_len"])
    buf = bytearray(CFG["chunk_size"] + 32)
    res = {}
    with open(CFG["bundle_path"], "rb") as f:
        r, e, heap = locked(lambda: fwl.load(f, KEY, sink, target_id=TID, buf=buf))
        res["locked"] = [list(r) if r else None, err_fields(e), heap, sha(ram)]
        f.seek(0)
        res["assets"] = {k: list(v) for k, v in
                         fwl.assets(f, KEY, target_id=TID, buf=buf).items()}
        res["no_buf"] = run(lambda: fwl.load(f, KEY, sink, target_id=TID))
        res["small_buf"] = run(lambda: fwl.load(f, KEY, sink, target_id=TID,
                                                buf=bytearray(CFG["chunk_size"])))
    out("stream", **res)


for name in CFG["checks"]:
    globals()["check_" + name[0]](*name[1:])
