#!/usr/bin/env python3
"""The frozen-bundle MicroPython module (manifest `frozen.python`, written by
`rasterd build` with the bundle) imported in real MicroPython (WebAssembly
under Node): its bytes constant must be the bundle file byte for byte, with
SIZE and FORMAT; once with the default symbol, once with `frozen.symbol`.
The public-key module `rasterd keygen` writes (keys/NAME_pub.py) must hold
the .pub file's 32 bytes.

usage: check_py_frozen.py RASTERD NODE   (NODE empty: skip, exit 77)
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "micropython"))
import mpcheck  # noqa: E402
import harness  # noqa: E402
from harness import check  # noqa: E402
from check_py_assets import make_project  # noqa: E402

SCRIPT = mpcheck.PRELUDE + """
import @MODULE@ as B, k_pub
data = getattr(B, '@SYMBOL@')
print(json.dumps({'type': type(data).__name__, 'hex': hexs(data), 'size': B.SIZE,
                  'format': B.FORMAT, 'pub': hexs(k_pub.RASTERD_PUBKEY_k)}))
"""

def main():
    rasterd, node = os.path.abspath(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else ""
    mpcheck.skip_unless(node)
    for module, symbol, frozen in (
            ("assets_blob", "asset_bundle", 'frozen = { python = "assets_blob.py"; };'),
            ("fw_assets", "FW_BLOB", 'frozen = { python = "fw_assets.py"; symbol = "FW_BLOB"; };')):
        d = make_project(rasterd, frozen)
        try:
            out = os.path.join(d, "out")
            with open(os.path.join(out, "assets.bin"), "rb") as f:
                bundle = f.read()
            with open(os.path.join(d, "keys", "k.pub"), "rb") as f:
                pub = f.read()
            script = SCRIPT.replace("@MODULE@", module).replace("@SYMBOL@", symbol)
            res = mpcheck.run(node, script, [os.path.join(out, module + ".py"),
                                             os.path.join(d, "keys", "k_pub.py")])
            check(res["type"] == "bytes", "%s.%s is %s, not bytes" % (module, symbol, res["type"]))
            got = bytes.fromhex(res["hex"])
            first = next((i for i, (a, b) in enumerate(zip(got, bundle)) if a != b), None)
            check(got == bundle, "%s.%s differs from assets.bin (%d vs %d bytes, first at %r)" %
                  (module, symbol, len(got), len(bundle), first))
            check(res["size"] == len(bundle), "%s.SIZE %d != %d" % (module, res["size"], len(bundle)))
            check(res["format"] == 1, "%s.FORMAT %r" % (module, res["format"]))
            check(len(pub) == 32 and res["pub"] == pub.hex(), "k_pub.py differs from k.pub")
            print("%s.%s: %d bytes equal the bundle in MicroPython" % (module, symbol, len(got)))
        finally:
            shutil.rmtree(d)
    return harness.finish()


if __name__ == "__main__":
    sys.exit(main())
