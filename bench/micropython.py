#!/usr/bin/env python3
"""The fwl MicroPython module on an emulated Cortex-M3 (the qemu port,
MPS2_AN385, built by tests/micropython/ into the build directory), against
the bare C loader on the same core (QEMU -icount shift=0: exact,
deterministic instruction counts):

- instructions per payload byte through fwl.load (no-op and copying Python
  sinks) and through the bare C loader (tests/firmware-loader/cortex_m_demo.sh
  built for cortex-m3), on the same two bundles (the demo's 258- and
  48,960-byte payloads), as the marginal cost (big - small) / (bytes);
- heap bytes per load (gc.mem_alloc, under heap_lock);
- instructions from reset to a loaded example: reset to the REPL waiting
  for input (an exec trace, one line per instruction), plus importing the
  frozen example modules and fwl.load of its 33 KB bundle into a stand-in
  RAM_G (the REPL's wait for the script and the script's compilation are
  not counted);
- flash: the qemu firmware with and without the fwl module (same frozen set).

    python3 bench/micropython.py [BUILD]      (default: build)

Needs a build directory where the MicroPython tests are built (ninja).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "micropython"))
sys.path.insert(0, os.path.join(ROOT, "tests", "common"))
import mpport  # noqa: E402

DEMO_SMALL_ADDR = 0x20000000  # SSRAM2 of the MPS2 board, unused by the port
DEMO_BIG_ADDR = 0x20100000


def run(cmd, env=None):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit("%s failed:\n%s%s" % (" ".join(cmd), p.stdout, p.stderr))
    return p.stdout


def bare_loader(build, out):
    """The C demo on the Cortex-M3: its report, bundles and key."""
    env = dict(os.environ, FWL_DEMO_CPU="cortex-m3", FWL_DEMO_MACHINE="mps2-an385")
    run(["ninja", "-C", build, "tests/firmware-loader/make_demo_bundle"])
    report = run(["bash", os.path.join(ROOT, "tests/firmware-loader/cortex_m_demo.sh"),
                  os.path.join(build, "tests/firmware-loader/make_demo_bundle"), out,
                  "--report"], env)
    loads = {m.group(1): int(m.group(2))
             for m in re.finditer(r"^(\w+)\s+load:\s+(\d+) instructions", report, re.M)}
    per_byte = float(re.search(r"memory-mapped source: ([\d.]+)", report).group(1))
    header = open(os.path.join(out, "demo_bundle.h")).read()
    key = bytes(int(x, 16) for x in
                re.search(r"demo_keys\[1\]\[32\] = \{\{([^}]*)\}", header).group(1).split(","))
    defs = {m.group(1): int(m.group(2), 0)
            for m in re.finditer(r"#define DEMO_(\w+) (0x[0-9a-f]+|\d+)u", header)}
    return loads, per_byte, key, defs


def boot_instructions(elf):
    """Instructions from reset until the REPL first asks the UART for input."""
    sym = run(["arm-none-eabi-nm", elf])
    target = int(re.search(r"^([0-9a-f]+) T mp_hal_stdin_rx_chr$", sym, re.M).group(1), 16)
    p = subprocess.Popen(["qemu-system-arm", "-machine", "mps2-an385", "-nographic", "-monitor",
                          "null", "-semihosting", "-serial", "null", "-icount", "shift=0",
                          "-singlestep", "-d", "exec,nochain", "-kernel", elf],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    count = 0
    for line in p.stderr:
        if line.startswith(b"Trace"):
            if int(line.split(b"[")[1].split(b"/")[1], 16) == target:
                break
            count += 1
    p.kill()
    p.wait()
    return count


def flash(build, elf):
    """text + data of the firmware with and without the fwl module."""
    mp = os.path.join(build, "tests", "micropython")
    # The tree the tests built from: the unpacked archive, or a checkout.
    unpacked = os.path.join(mp, "mp", "src.stamp")
    if os.path.exists(unpacked):
        with open(unpacked) as f:
            source = json.load(f)["tree"]
    else:
        with open(os.path.join(mp, "mp", "qemu.stamp")) as f:
            source = json.load(f)["origin"].split(":", 1)[1]
    bare = os.path.join(mp, "micropython-qemu-nofwl.elf")
    run(["python3", os.path.join(ROOT, "tests/micropython/mpbuild.py"), "--source", source,
         "--work", os.path.join(mp, "mp"), "--port", "qemu", "--variant", "nofwl",
         "--manifest", os.path.join(mp, "mp_frozen_manifest.py"), "--out", bare])

    def size(path):
        text, data = run(["arm-none-eabi-size", path]).splitlines()[1].split()[:2]
        return int(text) + int(data)
    return size(elf), size(bare)


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
    mp = os.path.join(build, "tests", "micropython")
    elf = os.path.join(mp, "micropython-qemu.elf")
    if not os.path.exists(elf):
        sys.exit("%s missing: build with the MicroPython tests (ninja -C %s)" % (elf, build))
    out = tempfile.mkdtemp(prefix="bench-mp-")
    loads, c_per_byte, key, defs = bare_loader(build, out)
    small = open(os.path.join(out, "demo_small.bin"), "rb").read()
    big = open(os.path.join(out, "demo_big.bin"), "rb").read()
    cfg = {"demo_key": list(key), "demo_target_id": defs["TARGET_ID"],
           "demo_payload_addr": defs["PAYLOAD_ADDR"],
           "demo_small_addr": DEMO_SMALL_ADDR, "demo_small_len": len(small),
           "demo_small_payload": defs["SMALL_PAYLOAD"],
           "demo_big_addr": DEMO_BIG_ADDR, "demo_big_len": len(big),
           "demo_big_payload": defs["BIG_PAYLOAD"]}
    with open(os.path.join(ROOT, "bench", "mp_fwl_device.py")) as f:
        script = "CFG = %r\n%s" % (cfg, f.read())
    images = [(os.path.join(out, "demo_small.bin"), DEMO_SMALL_ADDR),
              (os.path.join(out, "demo_big.bin"), DEMO_BIG_ADDR)]
    with mpport.Qemu(elf, images=images, icount=True, timeout=300) as q:
        res = mpport.last_json(q.exec(script))

    rvr = res["rvr"]

    def at(i):  # instructions since reset at mark i
        return (res["ms"][i] * (rvr + 1) + (rvr - res["cvr"][i])) * 40
    marks = res["marks"]
    cost = at(marks["cost"][1]) - at(marks["cost"][0])

    def span(name, inner=0):
        # inner: marks taken inside the interval (the example's sink marks
        # each chunk), each costing `cost` as well.
        a, b = marks[name]
        return at(b) - at(a) - cost * (1 + inner)
    boot = boot_instructions(elf)
    with_fwl, without = flash(build, elf)

    print("QEMU mps2-an385 (Cortex-M3) -icount shift=0; MicroPython 1.28 qemu port, -Os")
    print("one mark (counter read) costs %d instructions, subtracted" % cost)
    db = defs["BIG_PAYLOAD"] - defs["SMALL_PAYLOAD"]
    print("\nper payload byte, marginal (%d - %d bytes, demo bundles, 4 KiB chunks):" %
          (defs["BIG_PAYLOAD"], defs["SMALL_PAYLOAD"]))
    c = (loads["big_mmap"] - loads["small_mmap"]) / db
    print("  bare C loader (memcpy sink):          %6.2f instructions/byte (report: %.2f)" %
          (c, c_per_byte))
    for sink in ("noop", "copy"):
        f = (span("demo_big_" + sink) - span("demo_small_" + sink)) / db
        print("  fwl.load, %s Python sink:%s %6.2f instructions/byte (%.3f x the C loader)" %
              (sink, " " * (11 - len(sink)), f, f / c))
    print("\nwhole loads:")
    print("  bare C loader: small %d, big %d instructions" % (loads["small_mmap"],
                                                              loads["big_mmap"]))
    for sink in ("noop", "copy"):
        print("  fwl.load (%s sink): small %d, big %d instructions" %
              (sink, span("demo_small_" + sink), span("demo_big_" + sink)))
    print("\nheap bytes per load (gc.mem_alloc around fwl.load under heap_lock):")
    for name in ("example", "example_noop", "demo_small_noop", "demo_small_copy",
                 "demo_big_noop", "demo_big_copy"):
        print("  %-16s %d" % (name, marks[name + "_heap"]))
    ex = marks["example_result"]
    example = span("example", ex[1])
    print("\nreset to a loaded example (%d-byte payload, %d chunks, frozen):" % (ex[2], ex[1]))
    print("  reset to REPL waiting for input:   %9d instructions (exec trace)" % boot)
    print("  import the frozen example modules: %9d" % span("import"))
    print("  fwl.load into a stand-in RAM_G:    %9d (no-op sink: %d)" % (example,
                                                                       span("example_noop")))
    print("  total:                             %9d" % (boot + span("import") + example))
    print("\nflash (text + data of firmware.elf, same frozen set):")
    print("  with fwl %d, without %d: the module costs %d bytes" % (with_fwl, without,
                                                                    with_fwl - without))
    return 0


if __name__ == "__main__":
    sys.exit(main())
