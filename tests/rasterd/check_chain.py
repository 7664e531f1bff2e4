#!/usr/bin/env python3
"""Independent check of a rasterd bundle's layout and BLAKE2s hash chain.

Written from docs/bundle-format.md alone, with Python's hashlib.blake2s as
the oracle (not the C implementation the writer uses). Does not check the
Ed25519 signature (the C tests do that with libsodium).

Usage: check_chain.py BUNDLE [PUBKEY]   exit 0 when consistent, 1 otherwise.
As a module: check(data, pubkey=None) returns a dict of the decoded header.
"""
import hashlib
import struct
import sys
import zlib


def u16(b, off):
    return struct.unpack_from("<H", b, off)[0]


def u32(b, off):
    return struct.unpack_from("<I", b, off)[0]


def check(data, pubkey=None):
    if data[0:4] != b"RBND":
        raise ValueError("bad magic")
    h = {
        "version": u16(data, 4), "flags": u16(data, 6), "signed_len": u32(data, 8),
        "hdr_size": u32(data, 12), "target_id": u32(data, 16), "space_base": u32(data, 20),
        "space_size": u32(data, 24), "security_version": u32(data, 28),
        "key_id": data[32:40].hex(), "chunk_size": u32(data, 40), "chunk_count": u32(data, 44),
        "payload_addr": u32(data, 48), "payload_len": u32(data, 52),
        "asset_count": u32(data, 56), "entry_size": u32(data, 60), "first_digest": data[64:96],
    }
    if h["version"] not in (1, 2) or h["flags"] & ~(1 if h["version"] == 2 else 0):
        raise ValueError("version/flags")
    # v2: the chunks carry stored_len bytes of segments (u32 at +96).
    h["stored_len"] = u32(data, 96) if h["version"] == 2 else h["payload_len"]
    if h["signed_len"] != h["hdr_size"] + h["asset_count"] * h["entry_size"]:
        raise ValueError("signed_len does not match directory")
    cs, pl = h["chunk_size"], h["stored_len"]
    if cs & (cs - 1) or not 256 <= cs <= 65536:
        raise ValueError("chunk size")
    n = (pl + cs - 1) // cs
    if n != h["chunk_count"]:
        raise ValueError("chunk count")
    if pubkey is not None and hashlib.blake2s(pubkey).digest()[:8].hex() != h["key_id"]:
        raise ValueError("key id")
    assets = []
    for k in range(h["asset_count"]):
        e = h["hdr_size"] + k * h["entry_size"]
        name = data[e:e + 24].split(b"\0")[0].decode()
        assets.append({"name": name, "kind": data[e + 24], "format": data[e + 25],
                       "addr": u32(data, e + 28), "size": u32(data, e + 32)})
    # Walk the chain: record_i = chunk_i || digest(record_{i+1}).
    off = h["signed_len"] + 64
    expected = h["first_digest"]
    payload = bytearray()
    for i in range(n):
        clen = min(cs, pl - i * cs)
        rlen = clen + (32 if i < n - 1 else 0)
        record = data[off:off + rlen]
        if len(record) != rlen:
            raise ValueError("truncated at chunk %d" % i)
        if hashlib.blake2s(record).digest() != expected:
            raise ValueError("digest mismatch at chunk %d" % i)
        payload += record[:clen]
        expected = record[clen:]
        off += rlen
    if off != len(data):
        raise ValueError("%d trailing bytes" % (len(data) - off))
    h["assets"] = assets
    h["payload"] = bytes(payload)  # v2: the segment stream
    return h


def segments(h):
    """The payload segments (dest, out_len, encoding, data) of a checked
    bundle: v1 is one plain segment; v2 is parsed from the stream by the rules
    of docs/bundle-format.md section 5.1."""
    if h["version"] == 1:
        return [(h["payload_addr"], h["payload_len"], 0, h["payload"])]
    s, pos, out = h["payload"], 0, []
    lo, hi = h["payload_addr"], h["payload_addr"] + h["payload_len"]
    while pos < len(s):
        if len(s) - pos < 16:
            raise ValueError("stream ends inside a segment header")
        dest, out_len, stored, enc = struct.unpack_from("<IIII", s, pos)
        pos += 16
        padded = (stored + 3) & ~3
        if stored == 0 or out_len == 0 or dest < lo or dest + out_len > hi or enc not in (0, 1):
            raise ValueError("bad segment at stream offset %d" % (pos - 16))
        if enc == 0 and stored != out_len or enc == 1 and not h["flags"] & 1:
            raise ValueError("bad segment encoding at stream offset %d" % (pos - 16))
        if pos + padded > len(s) or any(s[pos + stored:pos + padded]):
            raise ValueError("bad segment padding at stream offset %d" % (pos - 16))
        out.append((dest, out_len, enc, s[pos:pos + stored]))
        pos += padded
    return out


def ram_image(h):
    """{address: byte string} of what a loader writes, zlib segments
    inflated by Python's zlib (and checked against out_len)."""
    ram = {}
    for dest, out_len, enc, data in segments(h):
        if enc == 1:
            d = zlib.decompressobj()
            data = d.decompress(data)
            if not d.eof or d.unused_data or len(data) != out_len:
                raise ValueError("zlib segment at 0x%x does not inflate to %d bytes" %
                                 (dest, out_len))
        ram[dest] = data
    return ram


def read_ram(ram, addr, size):
    """Bytes [addr, addr + size) of a ram_image, which must cover them."""
    for dest, data in ram.items():
        if dest <= addr and addr + size <= dest + len(data):
            return data[addr - dest:addr - dest + size]
    raise ValueError("no segment covers [0x%x, +%d)" % (addr, size))


def main():
    data = open(sys.argv[1], "rb").read()
    pub = open(sys.argv[2], "rb").read() if len(sys.argv) > 2 else None
    try:
        h = check(data, pub)
    except ValueError as e:
        print("%s: INVALID: %s" % (sys.argv[1], e))
        return 1
    print("%s: chain OK, %d chunks of %d, %d assets" % (sys.argv[1], h["chunk_count"],
                                                       h["chunk_size"], h["asset_count"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
