#!/usr/bin/env python3
"""Checks DfuSe files written by test_dfuse against dfu-util's tools and an
independent parser.

usage: check_dfuse.py TEST_DFUSE DFU_SUFFIX [DFUSE_PACK]
Exit 77 (meson: skipped) if dfu-suffix is missing.
"""
import os
import random
import struct
import subprocess
import sys
import tempfile
import zlib


def parse(data):
    """Returns (targets, suffix) where targets = [(alt, name, [(addr, bytes)])]."""
    assert data[:5] == b"DfuSe" and data[5] == 1, "bad prefix"
    (image_size, ntargets) = struct.unpack_from("<IB", data, 6)
    assert image_size == len(data), "DFUImageSize %d != %d" % (image_size, len(data))
    off = 11
    targets = []
    for _ in range(ntargets):
        sig, alt, named, name, tsize, nel = struct.unpack_from("<6sBI255sII", data, off)
        assert sig == b"Target" and named == 1, "bad target prefix"
        off += 274
        end = off + tsize
        elements = []
        for _ in range(nel):
            addr, size = struct.unpack_from("<II", data, off)
            off += 8
            elements.append((addr, data[off:off + size]))
            off += size
        assert off == end, "dwTargetSize does not match the elements"
        targets.append((alt, name.rstrip(b"\0").decode(), elements))
    suffix = struct.unpack_from("<4H3sBI", data, off)
    assert off + 16 == len(data), "trailing bytes"
    assert suffix[3] == 0x011A and suffix[4] == b"UFD" and suffix[5] == 16, "bad suffix"
    assert suffix[6] == 0xFFFFFFFF & ~zlib.crc32(data[:-4]), "bad CRC"
    return targets, suffix


def main():
    tool, dfu_suffix = sys.argv[1], sys.argv[2]
    dfuse_pack = sys.argv[3] if len(sys.argv) > 3 else ""
    if not os.access(dfu_suffix, os.X_OK):
        print("dfu-suffix not found; skipping")
        return 77
    rng = random.Random(6)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = []
        for i, (addr, size) in enumerate([(0x08000000, 4096 + 3), (0x90000000, 70001),
                                          (0x90020000, 1)]):
            path = os.path.join(tmp, "in%d.bin" % i)
            blob = bytes(rng.getrandbits(8) for _ in range(size))
            with open(path, "wb") as f:
                f.write(blob)
            inputs.append((addr, path, blob))
        out = os.path.join(tmp, "out.dfu")
        args = [tool, out, "0x1209", "0x0001", "0x0000"]
        args += ["0x%x:%s" % (a, p) for a, p, _ in inputs]
        subprocess.run(args, check=True)
        with open(out, "rb") as f:
            data = f.read()

        r = subprocess.run([dfu_suffix, "--check", out], capture_output=True, text=True)
        print(r.stdout.strip())
        assert r.returncode == 0, "dfu-suffix --check failed: " + r.stderr
        assert "Vendor ID:\t0x1209" in r.stdout and "Product ID:\t0x0001" in r.stdout
        assert "BCD DFU:\t0x011A" in r.stdout

        targets, _ = parse(data)
        assert len(targets) == 1 and targets[0][1] == "ST..."
        got = targets[0][2]
        assert [(a, b) for a, b in got] == [(a, b) for a, _, b in inputs], "element mismatch"
        print("parser: %d elements byte-identical at their addresses" % len(got))

        # A flipped byte must fail dfu-suffix's CRC check.
        bad = os.path.join(tmp, "bad.dfu")
        with open(bad, "wb") as f:
            f.write(data[:300] + bytes([data[300] ^ 1]) + data[301:])
        r = subprocess.run([dfu_suffix, "--check", bad], capture_output=True, text=True)
        assert r.returncode != 0, "dfu-suffix accepted a corrupted file"

        if dfuse_pack and os.access(dfuse_pack, os.X_OK):
            ref = os.path.join(tmp, "ref.dfu")
            cmd = [dfuse_pack, "-D", "0x1209:0x0001"]
            for a, p, _ in inputs:
                cmd += ["-b", "0x%x:%s" % (a, p)]
            subprocess.run(cmd + [ref], check=True, capture_output=True)
            with open(ref, "rb") as f:
                refdata = f.read()
            assert parse(refdata)[0] == targets, "structure differs from dfuse-pack"
            assert refdata == data, "bytes differ from dfuse-pack"
            print("dfuse-pack: byte-identical")
        else:
            print("dfuse-pack not found; comparison skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
