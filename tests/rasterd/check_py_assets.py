#!/usr/bin/env python3
"""`assets.py` from `rasterd build` imported in real MicroPython (WebAssembly
under Node). The manifest puts the target space at 0xFFFE0000 and the
security version at 0x90000000, so addresses and counters do not fit a
MicroPython small int (31 bits) and must survive `const()` as big ints.
Every constant must equal the `#define` of the same name in assets.h (parsed
here) and the values `rasterd inspect --json` reads back from the bundle;
the ASSETS dictionary must agree with both.

usage: check_py_assets.py RASTERD NODE   (NODE empty: skip, exit 77)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "micropython"))
import mpcheck  # noqa: E402
import harness  # noqa: E402
from harness import check, png_rgba  # noqa: E402

DEJAVU = os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu")
BASE = 0xFFFE0000

MANIFEST = """\
target = {{ name = "mp-high"; base = 0x{base:08X}L; size = 0x10000L; }};
bundle = {{ chunk_size = 256; security_version = 0x90000000L; key = "keys/k.key"; }};
output = {{ prefix = "ASSET"; }};
{frozen}
fonts = ( {{ name = "digits"; file = "{font}"; size = 10; chars = "0x30-0x39"; bpp = 2; }} );
images = ( {{ name = "logo"; file = "logo.png"; format = "RGB565"; }},
           {{ name = "icon"; file = "logo.png"; format = "L4"; }} );
raw = ( {{ name = "table"; file = "table.bin"; align = 64; }} );
"""


def make_project(rasterd, frozen=""):
    """A built project folder (manifest, key, inputs, out/); returns its path."""
    d = tempfile.mkdtemp(prefix="rasterd-pyassets-")
    with open(os.path.join(d, "logo.png"), "wb") as f:
        f.write(png_rgba(9, 6, lambda x, y: (x * 20, y * 30, 99, 255)))
    with open(os.path.join(d, "table.bin"), "wb") as f:
        f.write(bytes(range(256)) * 3 + b"\"'\\\n\r\x00")  # every byte value, quotes
    with open(os.path.join(d, "rasterd.conf"), "w") as f:
        f.write(MANIFEST.format(base=BASE, frozen=frozen,
                                font=os.path.join(DEJAVU, "DejaVuSans.ttf")))
    env = dict(os.environ)
    env.pop("RASTERD_SIGNING_KEY_FILE", None)
    for args in (["keygen", "-o", os.path.join(d, "keys", "k")], ["build", d]):
        p = subprocess.run([rasterd] + args, capture_output=True, text=True, env=env)
        if p.returncode != 0:
            raise RuntimeError("rasterd %s: %s" % (args[0], p.stderr))
    return d


def header_defines(text, prefix):
    """NAME -> value for every `#define PREFIX_NAME <int>u` in a C header."""
    out = {}
    for m in re.finditer(r"^#define %s_(\w+) (0x[0-9a-fA-F]+|[0-9]+)u$" % prefix, text, re.M):
        out[m.group(1)] = int(m.group(2), 0)
    return out


SCRIPT = mpcheck.PRELUDE + """
import assets
from micropython import const
consts = {}
for k in dir(assets):
    v = getattr(assets, k)
    if k.isupper() and k != 'ASSETS' and not k.startswith('_'):
        consts[k] = [type(v).__name__, v]
tab = {}
for name, t in assets.ASSETS.items():
    tab[name] = list(t)
print(json.dumps({'consts': consts, 'assets': tab}))
"""

def main():
    rasterd, node = os.path.abspath(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else ""
    mpcheck.skip_unless(node)
    d = make_project(rasterd)
    try:
        out = os.path.join(d, "out")
        res = mpcheck.run(node, SCRIPT, [os.path.join(out, "assets.py")])
        with open(os.path.join(out, "assets.h")) as f:
            hdr = header_defines(f.read(), "ASSET")
        p = subprocess.run([rasterd, "inspect", "--json", os.path.join(out, "assets.bin")],
                           capture_output=True, text=True)
        check(p.returncode == 0, "inspect --json: %s" % p.stderr)
        info = json.loads(p.stdout)
        mp = {k: v for k, (t, v) in res["consts"].items()}
        types = {k: t for k, (t, v) in res["consts"].items()}

        check(all(t == "int" for t in types.values()),
              "assets.py constants are not all int: %r" % types)
        check(mp.get("BUNDLE_SPACE_BASE") == BASE and mp.get("BUNDLE_SECURITY_VERSION") == 0x90000000,
              "constants >= 0x80000000 read back in MicroPython: base %r, security %r" %
              (mp.get("BUNDLE_SPACE_BASE"), mp.get("BUNDLE_SECURITY_VERSION")))
        # Same names and values as assets.h; the count equals len(ASSETS).
        check(hdr.get("BUNDLE_ASSET_COUNT") == len(res["assets"]) == len(info["assets"]),
              "ASSET_BUNDLE_ASSET_COUNT != len(ASSETS)")
        check(sorted(mp) == sorted(hdr), "assets.py and assets.h name different constants: "
              "only in .py %s, only in .h %s" % (sorted(set(mp) - set(hdr)), sorted(set(hdr) - set(mp))))
        for k in sorted(set(mp) & set(hdr)):
            check(mp[k] == hdr[k], "%s: assets.py %#x != assets.h %#x" % (k, mp[k], hdr[k]))

        # The bundle as rasterd inspect reads it.
        want = {"BUNDLE_FORMAT_VERSION": info["version"], "BUNDLE_TARGET_ID": info["target_id"],
                "BUNDLE_SPACE_BASE": info["space_base"], "BUNDLE_SPACE_SIZE": info["space_size"],
                "BUNDLE_SECURITY_VERSION": info["security_version"],
                "BUNDLE_CHUNK_SIZE": info["chunk_size"], "BUNDLE_PAYLOAD_ADDR": info["payload_addr"],
                "BUNDLE_PAYLOAD_LEN": info["payload_len"], "BUNDLE_SIZE": info["file_size"]}
        check(info["file_size"] == os.path.getsize(os.path.join(out, "assets.bin")),
              "inspect file_size is the bundle's size")
        check(len(info["assets"]) == len(res["assets"]), "asset count: inspect %d, ASSETS %d" %
              (len(info["assets"]), len(res["assets"])))
        for a in info["assets"]:
            n = a["name"].upper()
            want.update({n + "_ADDR": a["addr"], n + "_SIZE": a["size"],
                         n + "_KIND": mp.get("BUNDLE_KIND_" + a["kind"].upper())})
            if a["kind"] != "raw":
                want.update({n + "_WIDTH": a["width"], n + "_HEIGHT": a["height"],
                             n + "_STRIDE": a["stride"], n + "_BPP": a["aux2"]})
            if a["kind"] == "font":
                want.update({n + "_FIRST_CHAR": a["aux0"], n + "_GLYPHS": a["aux1"]})
            t = res["assets"].get(a["name"])
            check(t is not None and t == [a["addr"], a["size"], mp.get(n + "_KIND"),
                                          mp.get(n + "_FORMAT"), a["width"], a["height"],
                                          a["stride"]],
                  "ASSETS[%r] = %r disagrees with inspect %r" % (a["name"], t, a))
            check(mp.get(n + "_ADDR", 0) >= 0x80000000, "%s_ADDR is above 2^31" % n)
        for k, v in sorted(want.items()):
            check(mp.get(k) == v, "%s: assets.py %r, inspect --json %r" % (k, mp.get(k), v))
        check(len(want) >= 30, "only %d constants compared with inspect" % len(want))
        print("%d assets.py constants equal assets.h (%d) and inspect --json (%d compared)" %
              (len(mp), len(hdr), len(want)))
    finally:
        shutil.rmtree(d)
    return harness.finish()


if __name__ == "__main__":
    sys.exit(main())
