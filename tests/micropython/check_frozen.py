#!/usr/bin/env python3
"""The example's frozen outputs in native MicroPython (unix port, or the qemu
Cortex-M3 port): importing the frozen bundle module costs < 256 bytes of
heap (gc.mem_alloc after gc.collect, MicroPython's own accounting), its
bytes are assets.bin byte for byte (SHA-256 computed by MicroPython's
hashlib), and assets.py and the key module import.

usage: check_frozen.py unix|qemu      (skips, 77, when the port is not built)
"""
import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mpport  # noqa: E402

HEAP_LIMIT = 256

SCRIPT = """
import gc, json, hashlib
mod = None
gc.collect()
before = gc.mem_alloc()
mod = __import__('assets_blob')
gc.collect()
after = gc.mem_alloc()
data = mod.asset_bundle
digest = hashlib.sha256(data).digest()
import assets, example_pub
print(json.dumps({'heap': after - before, 'type': type(data).__name__, 'len': len(data),
                  'sha256': ''.join('%02x' % b for b in digest), 'size': assets.BUNDLE_SIZE,
                  'pub': ''.join('%02x' % b for b in example_pub.RASTERD_PUBKEY_example)}))
"""


def main():
    port = sys.argv[1]
    binary = mpport.unix_or_skip() if port == "unix" else mpport.qemu_or_skip()
    frozen = mpport.frozen_dir()
    with open(os.path.join(frozen, "assets.bin"), "rb") as f:
        bundle = f.read()
    with open(os.path.join(frozen, "example.pub"), "rb") as f:
        pub = f.read()
    if port == "unix":
        out = mpport.run_unix(binary, SCRIPT)
    else:
        with mpport.Qemu(binary) as q:
            out = q.exec(SCRIPT)
    res = mpport.last_json(out)
    failures = []
    if res["heap"] >= HEAP_LIMIT:
        failures.append("importing the frozen bundle cost %d bytes of heap (limit %d)" %
                        (res["heap"], HEAP_LIMIT))
    if res["type"] != "bytes" or res["len"] != len(bundle):
        failures.append("asset_bundle is %s of %d bytes, the bundle has %d" %
                        (res["type"], res["len"], len(bundle)))
    if res["sha256"] != hashlib.sha256(bundle).hexdigest():
        failures.append("asset_bundle differs from assets.bin")
    if res["size"] != len(bundle):
        failures.append("assets.BUNDLE_SIZE %d != %d" % (res["size"], len(bundle)))
    if res["pub"] != pub.hex():
        failures.append("example_pub differs from example.pub")
    for f in failures:
        print("FAIL:", f)
    print("%s: frozen %d-byte bundle imported for %d bytes of heap" % (port, len(bundle),
                                                                      res["heap"]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
