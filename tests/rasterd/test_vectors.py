#!/usr/bin/env python3
"""The committed loader test vectors (tests/formats/vectors/) are what
make_vectors produces today (signing stays deterministic), `rasterd verify`
accepts exactly the valid one, and payload.bin is the chain's payload.

Usage: test_vectors.py MAKE_VECTORS RASTERD VECTOR_DIR
"""
import filecmp
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_chain  # noqa: E402

make, rasterd, vdir = sys.argv[1:4]
fail = 0
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([make, tmp], check=True)
    names = sorted(n for n in os.listdir(tmp))
    committed = sorted(n for n in os.listdir(vdir) if n.endswith(".bin"))
    if names != committed:
        print("FAIL: vector set differs: %s vs %s" % (names, committed))
        fail = 1
    for n in names:
        if not filecmp.cmp(os.path.join(tmp, n), os.path.join(vdir, n), shallow=False):
            print("FAIL: %s differs from the committed vector" % n)
            fail = 1
pub = os.path.join(vdir, "pubkey.bin")
for n in sorted(os.listdir(vdir)):
    if not n.endswith(".bin") or n in ("pubkey.bin", "payload.bin"):
        continue
    rc = subprocess.run([rasterd, "verify", "-q", os.path.join(vdir, n), "--pubkey", pub],
                        capture_output=True).returncode
    # Host verify checks integrity only; these three are validly signed but must be
    # rejected by a loader for what they say (rollback, target, space).
    semantic = n.startswith("signed_") and n != "signed_unknown_flag.bin" \
        and n != "signed_payload_outside_space.bin"
    want = 0 if n == "valid.bin" or semantic else 65
    if rc != want:
        print("FAIL: rasterd verify %s exited %d, want %d" % (n, rc, want))
        fail = 1
    else:
        print("ok: %s -> %d" % (n, rc))
h = check_chain.check(open(os.path.join(vdir, "valid.bin"), "rb").read(), open(pub, "rb").read())
if h["payload"] != open(os.path.join(vdir, "payload.bin"), "rb").read():
    print("FAIL: payload.bin is not the valid bundle's payload")
    fail = 1
sys.exit(fail)
