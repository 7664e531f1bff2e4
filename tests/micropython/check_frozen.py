#!/usr/bin/env python3
"""The example's frozen outputs in native MicroPython (unix port, or the qemu
Cortex-M3 port): importing the frozen bundle module costs < 256 bytes of
heap (gc.mem_alloc after gc.collect, MicroPython's own accounting; the
module's qstrs interned beforehand, see mpport.MEASURE_IMPORT), its
bytes are assets.bin byte for byte (SHA-256 computed by MicroPython's
hashlib), and assets.py and the key module import.

usage: check_frozen.py unix|qemu      (skips, 77, when the port is not built)
"""
import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mpport  # noqa: E402
from harness import check, finish  # noqa: E402

HEAP_LIMIT = 256

SCRIPT = mpport.MEASURE_IMPORT + """
import json, hashlib
FILES = ('assets_blob.py',)  # interned first (mpport.MEASURE_IMPORT)

mod, heap = measure('assets_blob')
data = mod.asset_bundle
digest = hashlib.sha256(data).digest()
import assets, example_pub
print(json.dumps({'heap': heap, 'type': type(data).__name__, 'len': len(data),
                  'sha256': ''.join('%02x' % b for b in digest), 'size': assets.BUNDLE_SIZE,
                  'pub': ''.join('%02x' % b for b in example_pub.RASTERD_PUBKEY_example)}))
"""


def main():
    port = sys.argv[1]
    mpport.port_or_skip(port)
    frozen = mpport.frozen_dir()
    with open(os.path.join(frozen, "assets.bin"), "rb") as f:
        bundle = f.read()
    with open(os.path.join(frozen, "example.pub"), "rb") as f:
        pub = f.read()
    res = mpport.last_json(mpport.run_on(port, SCRIPT))
    check(res["heap"] < HEAP_LIMIT, "importing the frozen bundle costs < %d B of heap" %
          HEAP_LIMIT, "(%d B)" % res["heap"])
    check(res["type"] == "bytes" and res["len"] == len(bundle),
          "asset_bundle is bytes of the bundle's length", "(%s of %d bytes, bundle %d)" %
          (res["type"], res["len"], len(bundle)))
    check(res["sha256"] == hashlib.sha256(bundle).hexdigest(), "asset_bundle equals assets.bin")
    check(res["size"] == len(bundle), "assets.BUNDLE_SIZE is the bundle's size")
    check(res["pub"] == pub.hex(), "example_pub holds example.pub")
    print("%s: frozen %d-byte bundle imported for %d bytes of heap" % (port, len(bundle),
                                                                      res["heap"]))
    return finish()


if __name__ == "__main__":
    sys.exit(main())
