"""Helpers for the test drivers that import generated modules in MicroPython
(WebAssembly under Node, mp_run.mjs beside this file).

    import mpcheck
    out = mpcheck.run(node, script_text, [module.py, ...])  # parsed JSON
"""
import json
import os
import subprocess
import sys
import tempfile

MP_RUN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mp_run.mjs")
SKIP = 77


def skip_unless(node):
    """Exits 77 (skip) when node or the MicroPython package is missing."""
    if not node or not os.path.exists(node):
        print("SKIP: node not found")
        sys.exit(SKIP)


def run(node, script, modules):
    """Runs `script` in MicroPython with `modules` importable and returns the
    JSON its last output line holds. Exits 77 when MicroPython is not
    installed; raises RuntimeError when the script raised."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(script)
        path = f.name
    try:
        p = subprocess.run([node, MP_RUN, path] + list(modules), capture_output=True,
                           text=True, timeout=60)
    finally:
        os.unlink(path)
    if p.returncode == SKIP:
        print("SKIP:", p.stderr.strip())
        sys.exit(SKIP)
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
