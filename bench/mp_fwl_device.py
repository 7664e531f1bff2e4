# MicroPython side of bench/micropython.py, run in the qemu port (mps2-an385,
# Cortex-M3) under qemu-system-arm -icount shift=0 through the raw REPL. The
# host prepends CFG = {...} and reads one JSON line.
#
# Instruction counter: under -icount shift=0 virtual time advances 1 ns per
# instruction and SysTick counts the 25 MHz processor clock, so one SysTick
# tick is 40 instructions; the port's SysTick interrupt counts milliseconds.
# mark() stores the millisecond count and SysTick's current value as small
# ints (no heap, so also under heap_lock); the host turns them into
# instruction counts.
import gc
import json
import micropython
import time
import uctypes
from array import array

import machine

_CVR = 0xE000E018
MS = array("I", [0] * 64)
CVR = array("I", [0] * 64)
n = 0


def mark():
    global n
    while True:
        ms = time.ticks_ms()
        cvr = machine.mem32[_CVR]
        if time.ticks_ms() == ms:
            MS[n] = ms
            CVR[n] = cvr
            n += 1
            return


marks = {}
mark()
mark()
marks["cost"] = (0, 1)  # what one mark costs
mark()
import assets_blob  # noqa: E402
import assets  # noqa: E402
import example_pub  # noqa: E402
import fwl  # noqa: E402
mark()
marks["import"] = (2, 3)

ram = None
base = 0
first_write = -1


def copy(addr, mv):
    ram[addr - base:addr - base + len(mv)] = mv


def nothing(addr, mv):
    pass


def marking(addr, mv):
    global first_write
    if first_write < 0:
        first_write = n
    mark()
    ram[addr - base:addr - base + len(mv)] = mv


def measure(name, src, key, sink, tid, payload_addr, payload_len):
    global ram, base
    ram = bytearray(payload_len) if sink is not nothing else None
    base = payload_addr
    gc.collect()
    heap = gc.mem_alloc()
    start = n
    micropython.heap_lock()
    mark()
    r = fwl.load(src, key, sink, target_id=tid)
    mark()
    micropython.heap_unlock()
    heap = gc.mem_alloc() - heap  # before anything below allocates
    marks[name] = (start, n - 1)
    marks[name + "_heap"] = heap
    marks[name + "_result"] = list(r)
    ram = None


# The example, frozen: boot to loaded = import + this load.
measure("example", assets_blob.asset_bundle, example_pub.RASTERD_PUBKEY_example, marking,
        assets.BUNDLE_TARGET_ID, assets.BUNDLE_PAYLOAD_ADDR, assets.BUNDLE_PAYLOAD_LEN)
marks["example_writes"] = (first_write, marks["example_result"][1])  # first mark, count
measure("example_noop", assets_blob.asset_bundle, example_pub.RASTERD_PUBKEY_example, nothing,
        assets.BUNDLE_TARGET_ID, 0, 0)

# The bare C loader's demo bundles, placed in emulated memory by QEMU: the
# same bytes its bench loads.
key = bytes(CFG["demo_key"])
for size in ("small", "big"):
    src = uctypes.bytearray_at(CFG["demo_" + size + "_addr"], CFG["demo_" + size + "_len"])
    for sink in (nothing, copy):
        measure("demo_%s_%s" % (size, "copy" if sink is copy else "noop"), src, key, sink,
                CFG["demo_target_id"], CFG["demo_payload_addr"],
                CFG["demo_" + size + "_payload"])

print(json.dumps({"ms": list(MS)[:n], "cvr": list(CVR)[:n], "rvr": machine.mem32[0xE000E014],
                  "marks": marks, "first_write": first_write}))
