"""Helpers for the test drivers that import generated modules in MicroPython
(WebAssembly under Node, mp_run.mjs beside this file).

    import mpcheck
    out = mpcheck.run(node, script_text, [module.py, ...])  # parsed JSON
"""
import json
import os
import tempfile

import harness

MP_RUN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mp_run.mjs")


def skip_unless(node):
    """Exits 77 (skip) when node is missing (tests/meson.build passes '')."""
    if not node or not os.path.exists(node):
        harness.skip("node not found: install nodejs (scripts/deps.sh), "
                     "or -Dmicropython_tests=disabled")


def run(node, script, modules):
    """Runs `script` in MicroPython with `modules` importable and returns the
    JSON its last output line holds. Exits 77 when MicroPython is not
    installed; raises RuntimeError when the script raised."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(script)
        path = f.name
    try:
        p = harness.run([node, MP_RUN, path] + list(modules), timeout=60)
    finally:
        os.unlink(path)
    if p.returncode == harness.SKIP:
        harness.skip(p.stderr.strip())
    if p.returncode != 0:
        raise RuntimeError("MicroPython: %s" % p.stderr.strip())
    lines = p.stdout.strip().splitlines()
    return json.loads(lines[-1])


# MicroPython-side helper, prepended to scripts: bytes as hex without
# depending on binascii being compiled in.
PRELUDE = """\
import json
def hexs(b):
    return ''.join('%02x' % x for x in b)
"""
