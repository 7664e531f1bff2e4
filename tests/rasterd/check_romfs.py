#!/usr/bin/env python3
"""rasterd's ROMFS image and MicroPython manifest fragment (issue 10), end to
end through the real binary, against independent consumers:

  - MicroPython's own ROMFS code: vfs.VfsRom in the unix port mounts the
    image, lists it and reads every file (when this build directory has the
    unix port: -Dmicropython_src);
  - mpremote's ROMFS writer (tools/mpremote/mpremote/romfs.py), run in
    CPython from the MicroPython source, makes an image of the same files:
    both images must list the same entries with the same contents;
  - MicroPython's manifest interpreter (tools/manifestfile.py) reads the
    fragment and must find the two modules to freeze;
  - dfu-suffix --check and an element-by-element parse of the DfuSe file;
  - MicroPython's qemu port booted from the DFU's elements: the ROMFS image
    mounts from its address and the fwl module loads the bundle from it.

Hostile manifests (names that cannot be in an image, an image larger than
its partition, overlapping flash ranges) fail with the reason and the file,
and leave the previous generation of outputs as it was.

usage: check_romfs.py RASTERD [TEST_NAME...]
"""
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "micropython"))
import check_chain  # noqa: E402
import harness  # noqa: E402
import romfs_oracle  # noqa: E402

RASTERD = os.path.abspath(sys.argv[1])

MANIFEST = """\
target = { name = "romfs-test"; base = 0x0L; size = 0x10000L; };
bundle = { chunk_size = 256; key = "keys/k.key"; };
output = { dir = "out"; };
raw = ( { name = "blob"; file = "blob.bin"; },
        { name = "lut"; file = "lut.bin"; align = 64; } );
"""

ROMFS = """
romfs = {
  file = "assets.romfs";
  align = %(align)d;
  files = ( "lib/helper.py",
            { file = "data/table.bin"; name = "tables/deep/er/table.bin"; },
            "empty.txt" );
};
"""


def run(*args):
    return harness.run([RASTERD] + list(args), drop_env=("RASTERD_SIGNING_KEY_FILE",),
                       timeout=60)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def project(extra, align=4):
    d = tempfile.mkdtemp(prefix="romfs-", dir=os.environ.get("MESON_BUILD_ROOT"))
    write(os.path.join(d, "blob.bin"), bytes((i * 7) % 256 for i in range(3000)))
    write(os.path.join(d, "lut.bin"), bytes(range(256)))
    write(os.path.join(d, "lib", "helper.py"), b"def hello():\n    return 'hi'\n")
    write(os.path.join(d, "data", "table.bin"), bytes((i * 13 + 5) % 251 for i in range(999)))
    write(os.path.join(d, "empty.txt"), b"")
    write(os.path.join(d, "fw.bin"), bytes(range(256)) * 4 + b"\x01\x02\x03")
    write(os.path.join(d, "rasterd.conf"), (MANIFEST + extra % {"align": align}).encode())
    r = run("keygen", "-o", os.path.join(d, "keys", "k"))
    assert r.returncode == 0, r.stderr
    return d


def build_ok(d):
    r = run("build", d, "-q")
    assert r.returncode == 0, "build failed: %s" % r.stderr
    return os.path.join(d, "out")


def listing(image_path):
    """rasterd inspect --json of an image: {path: (offset, size)} of files."""
    r = run("inspect", "--json", image_path)
    assert r.returncode == 0, r.stderr
    j = json.loads(r.stdout)
    assert j["format"] == "romfs"
    return j, {e["path"]: (e["offset"], e["size"]) for e in j["entries"] if e["type"] == "file"}


def expected_files(d, out):
    return {
        "assets.bin": read(os.path.join(out, "assets.bin")),
        "assets.py": read(os.path.join(out, "assets.py")),
        "lib/helper.py": read(os.path.join(d, "lib", "helper.py")),
        "tables/deep/er/table.bin": read(os.path.join(d, "data", "table.bin")),
        "empty.txt": b"",
    }


def test_contents_alignment_and_generation():
    for align in (1, 4, 16, 256):
        d = project(ROMFS, align)
        out = build_ok(d)
        image = read(os.path.join(out, "assets.romfs"))
        j, files = listing(os.path.join(out, "assets.romfs"))
        want = expected_files(d, out)
        assert sorted(files) == sorted(want), (sorted(files), sorted(want))
        for name, data in want.items():
            off, size = files[name]
            assert image[off:off + size] == data, name
            assert size == 0 or off % align == 0, (name, off, align)
        assert j["fs_size"] == len(image) and len(image) % 2 == 0
        # One generation: the image is the bundle of the same build.
        gen = os.path.realpath(out)
        assert os.path.dirname(gen).endswith(".out.gen"), gen
        # Deterministic: a second build makes the same image.
        r = run("build", d, "-q")
        assert r.returncode == 0, r.stderr
        assert read(os.path.join(out, "assets.romfs")) == image, "image differs between builds"
        text = run("inspect", os.path.join(out, "assets.romfs")).stdout
        assert "tables/deep/er/table.bin" in text and "data alignment" in text, text
        shutil.rmtree(d)


def test_default_contents_are_bundle_and_assets_py():
    d = project('\nromfs = { address = 0x08100000L; size = 0x20000L; align = 8; };\n')
    out = build_ok(d)
    _, files = listing(os.path.join(out, "assets.romfs"))
    assert sorted(files) == ["assets.bin", "assets.py"], files
    # outputs = [...] stores other outputs of the build.
    d2 = project('\nfrozen = { python = "assets_blob.py"; manifest = "assets_manifest.py"; };\n'
                 'romfs = { outputs = [ "assets.bin", "assets.h", "assets_blob.py", '
                 '"assets_manifest.py" ]; };\n')
    out2 = build_ok(d2)
    image = read(os.path.join(out2, "assets.romfs"))
    _, files = listing(os.path.join(out2, "assets.romfs"))
    assert sorted(files) == ["assets.bin", "assets.h", "assets_blob.py", "assets_manifest.py"]
    for name, (off, size) in files.items():
        assert image[off:off + size] == read(os.path.join(out2, name)), name
    shutil.rmtree(d)
    shutil.rmtree(d2)


def snapshot(d):
    out = os.path.join(d, "out")
    return os.readlink(out), {n: read(os.path.join(out, n)) for n in sorted(os.listdir(out))}


# (manifest addition, exit status, words the message must hold)
HOSTILE = [
    ('romfs = { files = ( "../blob.bin" ); };', 78, ["rasterd.conf:", "'../blob.bin'",
                                                    "cannot be a path inside the image"]),
    ('romfs = { files = ( { file = "blob.bin"; name = "a/./b"; } ); };', 78,
     ["romfs.files[0].name", "'a/./b'"]),
    ('romfs = { files = ( { file = "blob.bin"; name = "caf\\u00e9"; } ); };', 78,
     ["cannot be a path inside the image"]),
    ('romfs = { files = ( { file = "blob.bin"; name = "tab\\there"; } ); };', 78,
     ["cannot be a path inside the image"]),
    ('romfs = { files = ( { file = "blob.bin"; name = "/abs"; } ); };', 78,
     ["cannot be a path inside the image"]),
    ('romfs = { files = ( { file = "blob.bin"; name = "assets.py"; } ); };', 78,
     ["'assets.py' is stored twice"]),
    ('romfs = { files = ( { file = "blob.bin"; name = "assets.bin/inner"; } ); };', 78,
     ["both a file and a folder"]),
    ('romfs = { files = ( "missing.bin" ); };', 66, ["missing.bin"]),
    ('romfs = { file = "sub/x.romfs"; };', 78, ["romfs.file", "without '/'"]),
    ('romfs = { outputs = [ "nope.bin" ]; };', 78, ["romfs.outputs", "'nope.bin'",
                                                   "not an output"]),
    ('romfs = { outputs = [ ]; };', 78, ["nothing to store"]),
    ('romfs = { size = 1024L; };', 65, ["assets.romfs is", "bytes, more than its 1024-byte "
                                                          "partition (romfs.size)"]),
    ('romfs = { address = 0x08000002L; };', 78, ["romfs.address", "not a multiple of "
                                                                  "romfs.align"]),
    ('romfs = { address = 0xFFFFF000L; size = 0x2000L; };', 78, ["32-bit address space"]),
    ('romfs = { align = 3; };', 78, ["romfs.align", "not a power of two"]),
    ('romfs = { colour = 1; };', 78, ["unknown key"]),
    ('dfu = { firmware = "fw.bin"; firmware_address = 0x08000000L; romfs = true; };\n'
     'romfs = { };', 78, ["dfu.romfs", "needs a romfs group with the partition address"]),
    ('dfu = { firmware = "fw.bin"; firmware_address = 0x08000000L; };', 78,
     ["bundle_address"]),
    ('dfu = { firmware = "fw.bin"; firmware_address = 0x08000000L; romfs = true; };\n'
     'romfs = { address = 0x08000400L; };', 78,
     ["the firmware (dfu.firmware_address) [0x08000000, 0x08000403) overlaps the ROMFS "
      "partition (romfs.address) [0x08000400,"]),
    ('dfu = { bundle_address = 0x90010000L; };\n'
     'romfs = { address = 0x90000000L; size = 0x20000L; };', 78,
     ["the bundle (dfu.bundle_address) [0x90010000,", "overlaps the ROMFS partition "
      "(romfs.address) [0x90000000, 0x90020000)"]),
    ('dfu = { bundle_address = 0x90000000L; };\nromfs = { address = 0x90000100L; };', 78,
     ["the bundle (dfu.bundle_address) [0x90000000,", "overlaps the ROMFS partition "
      "(romfs.address) [0x90000100,"]),
    ('frozen = { manifest = "assets_manifest.py"; };', 78, ["frozen.manifest",
                                                           "needs frozen.python"]),
    ('frozen = { python = "assets-blob.py"; manifest = "m.py"; };', 78,
     ["frozen.python 'assets-blob.py' cannot be frozen as an importable module"]),
    ('output = { python = "my assets.py"; };\n'
     'frozen = { python = "blob.py"; manifest = "m.py"; };', 78,
     ["output.python 'my assets.py'"]),
    ('frozen = { python = "assets.py"; manifest = "m.py"; };', 78, ["are the same file"]),
    ('romfs = { file = "Assets.bin"; };', 78, ["romfs.file 'Assets.bin' is also the name of "
                                              "another output"]),
    ('frozen = { c = "blob.c"; python = "b.py"; manifest = "blob.h"; };', 78,
     ["frozen.manifest 'blob.h' is also the name of another output"]),
    ('frozen = { python = "b.py"; manifest = "b.py"; };', 78, ["frozen.manifest 'b.py'"]),
    ('dfu = { bundle_address = 0x90000000L; file = "x.romfs"; };\nromfs = { file = "x.romfs"; };',
     78, ["romfs.file 'x.romfs'"]),
]


def test_hostile_manifests_keep_previous_outputs():
    d = project(ROMFS)
    build_ok(d)
    before = snapshot(d)
    conf = read(os.path.join(d, "rasterd.conf")).decode()
    base = conf.split("\nromfs = {")[0]
    for extra, code, words in HOSTILE:
        text = base + "\n" + extra + "\n"
        if extra.startswith("output = "):
            text = text.replace('output = { dir = "out"; };\n', "").replace(
                "output = {", 'output = { dir = "out";', 1)
        write(os.path.join(d, "rasterd.conf"), text.encode())
        r = run("build", d, "-q")
        msg = r.stderr
        assert r.returncode == code, (extra, r.returncode, msg)
        for w in words:
            assert w in msg, (extra, w, msg)
        assert "previous outputs left unchanged" in msg, msg
        assert snapshot(d) == before, "outputs changed after: " + extra
    shutil.rmtree(d)


def parse_dfu(data):
    """Elements of a one-target DfuSe file, read field by field (UM0391)."""
    assert data[:6] == b"DfuSe\x01" and data[10] == 1
    assert zlib.crc32(data[:-4]) ^ 0xFFFFFFFF == struct.unpack("<I", data[-4:])[0]
    assert data[11:17] == b"Target"
    tsize, count = struct.unpack_from("<II", data, 11 + 266)
    off, elements = 11 + 274, []
    for _ in range(count):
        addr, size = struct.unpack_from("<II", data, off)
        elements.append((addr, data[off + 8:off + 8 + size]))
        off += 8 + size
    assert off - (11 + 274) == tsize and off + 16 == len(data)
    assert data[-8:-5] == b"UFD" and struct.unpack_from("<H", data, len(data) - 10)[0] == 0x011A
    return elements


def dfu_suffix_check(path):
    tool = shutil.which("dfu-suffix")
    if tool is None:
        print("note: dfu-suffix not found (dfu-util), --check skipped")
        return
    r = subprocess.run([tool, "--check", path], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_dfu_carries_the_image_as_an_element():
    extra = ('dfu = { firmware = "fw.bin"; firmware_address = 0x08000000L;\n'
             '        bundle_address = 0x90000000L; romfs = true; };\n' + ROMFS.replace(
                 "align = %(align)d;", "align = 32; address = 0x90100000L; size = 0x100000L;"))
    d = project(extra)
    out = build_ok(d)
    dfu = os.path.join(out, "assets.dfu")
    dfu_suffix_check(dfu)
    elements = parse_dfu(read(dfu))
    assert elements == [(0x08000000, read(os.path.join(d, "fw.bin"))),
                        (0x90000000, read(os.path.join(out, "assets.bin"))),
                        (0x90100000, read(os.path.join(out, "assets.romfs")))], \
        [(hex(a), len(b)) for a, b in elements]
    # The bundle may travel only inside the image: no bundle_address.
    write(os.path.join(d, "rasterd.conf"), read(os.path.join(d, "rasterd.conf")).replace(
        b"        bundle_address = 0x90000000L; romfs = true;", b"        romfs = true;"))
    out = build_ok(d)
    dfu_suffix_check(os.path.join(out, "assets.dfu"))
    elements = parse_dfu(read(os.path.join(out, "assets.dfu")))
    assert [a for a, _ in elements] == [0x08000000, 0x90100000]
    assert elements[1][1] == read(os.path.join(out, "assets.romfs"))
    shutil.rmtree(d)


def test_fragment_read_by_micropython_manifest_tools():
    d = project('\nfrozen = { python = "assets_blob.py"; manifest = "assets_manifest.py"; };\n')
    out = build_ok(d)
    with romfs_oracle.micropython_tools() as tree:
        mf = romfs_oracle.load_module("manifestfile",
                                      os.path.join(tree, "tools", "manifestfile.py"))
        # A board manifest in another folder including the fragment, as a
        # firmware build would.
        board = os.path.join(d, "board")
        os.mkdir(board)
        write(os.path.join(board, "manifest.py"),
              ('include("%s")\n' % os.path.join(out, "assets_manifest.py")).encode())
        m = mf.ManifestFile(mf.MODE_FREEZE, {"MPY_DIR": tree, "MPY_LIB_DIR": None,
                                             "PORT_DIR": None, "BOARD_DIR": None})
        m.execute(os.path.join(board, "manifest.py"))
        got = sorted((f.target_path, f.full_path, f.kind) for f in m.files())
        gen = os.path.realpath(out)
        want = sorted([("assets_blob.py", os.path.join(gen, "assets_blob.py"),
                        mf.KIND_FREEZE_AS_MPY),
                       ("assets.py", os.path.join(gen, "assets.py"), mf.KIND_FREEZE_AS_MPY)])
        assert got == want, (got, want)
    shutil.rmtree(d)


def test_vfsrom_mounts_it_like_mpremotes_image():
    romfs_oracle.mpport.unix_or_skip()  # exits 77 without it, before any work
    d = project(ROMFS, 16)
    try:
        out = build_ok(d)
        with romfs_oracle.micropython_tools() as tree:
            # The same files as a folder tree, imaged by mpremote's writer.
            tree_dir = os.path.join(d, "tree")
            for name, data in expected_files(d, out).items():
                write(os.path.join(tree_dir, *name.split("/")), data)
            theirs = os.path.join(d, "mpremote.romfs")
            write(theirs, romfs_oracle.mpremote_image(tree, tree_dir))
        # Our reader (rasterd inspect) lists the independent writer's image.
        image = read(theirs)
        _, listed = listing(theirs)
        assert {n: image[o:o + z] for n, (o, z) in listed.items()} == expected_files(d, out)
        ours = os.path.join(out, "assets.romfs")
        got = romfs_oracle.vfsrom_listing([ours, theirs])
        mine, ref = got[ours], got[theirs]
        short = [e[:4] for e in mine]
        assert romfs_oracle.without_offsets(mine) == romfs_oracle.without_offsets(ref), short
        files = [e for e in mine if e[1] == "file"]
        assert len(files) == 5 and len(mine) == 9, short
        _, listed = listing(ours)
        for e in files:  # zero-copy views, aligned, where inspect says
            assert e[3] == -1 or (e[3] % 16 == 0 and e[3] == listed[e[0]][0]), e[:4]
    finally:
        shutil.rmtree(d)


QEMU_SCRIPT = """
import binascii, gc, hashlib, json, micropython, os, sys, uctypes, vfs
import fwl
micropython.alloc_emergency_exception_buf(256)
vfs.mount(vfs.VfsRom(uctypes.bytearray_at(0x%(addr)x, %(size)d)), '/rom')
sys.path.insert(0, '/rom')  # before .frozen: this firmware froze an assets.py too
import assets
with open('/rom/assets.bin', 'rb') as f:
    mv = memoryview(f)
    d = hashlib.sha256(mv).digest()
    at = uctypes.addressof(mv)
# The boot-time load: the verified bundle into a stand-in for the display's
# RAM, straight from the ROMFS partition, with the heap locked.
KEY = binascii.unhexlify('%(key)s')
TID = assets.BUNDLE_TARGET_ID
BASE = %(payload_addr)d
ram = bytearray(%(payload_len)d)
def sink(addr, view):
    ram[addr - BASE:addr - BASE + len(view)] = view
def locked_load():  # locals only: a new global would be counted
    gc.collect()
    before = gc.mem_alloc()
    micropython.heap_lock()
    try:
        r = fwl.load(mv, KEY, sink, target_id=TID)
    finally:
        micropython.heap_unlock()
    return r, gc.mem_alloc() - before
r, heap = locked_load()
print(json.dumps({'files': sorted(os.listdir('/rom')), 'at': at,
                  'size': len(mv), 'bundle_size': assets.BUNDLE_SIZE,
                  'sha256': ''.join('%%02x' %% b for b in d),
                  'loaded': list(r), 'heap': heap,
                  'ram_sha256': ''.join('%%02x' %% b for b in hashlib.sha256(ram).digest())}))
"""


def test_dfu_elements_boot_on_qemu_mount_and_load():
    """The device story without a bootloader: every element of the DfuSe file
    rasterd wrote is placed at its address in an emulated Cortex-M3
    (mps2-an385), the firmware element (MicroPython's qemu port) boots, the
    ROMFS element mounts from its address with the bundle in place, and the
    fwl module loads it from there into a stand-in for the display's RAM
    with the heap locked: its digest is the payload's, as the host parses
    the bundle (check_chain.py)."""
    elf = romfs_oracle.mpport.qemu_or_skip()  # exits 77 without it
    objcopy = shutil.which("arm-none-eabi-objcopy")
    if objcopy is None:
        raise romfs_oracle.Skip("arm-none-eabi-objcopy not found (gcc-arm-none-eabi)")
    extra = ('dfu = { firmware = "mp.bin"; firmware_address = 0x0L; romfs = true; };\n'
             'romfs = { address = 0x380000L; size = 0x70000L; align = 16; };\n')
    d = project(extra)
    try:
        harness.run_ok([objcopy, "-O", "binary", elf, os.path.join(d, "mp.bin")])
        out = build_ok(d)
        dfu = os.path.join(out, "assets.dfu")
        dfu_suffix_check(dfu)
        elements = parse_dfu(read(dfu))
        assert [a for a, _ in elements] == [0, 0x380000], [hex(a) for a, _ in elements]
        images = []
        for i, (addr, data) in enumerate(elements):
            path = os.path.join(d, "element%d.bin" % i)
            write(path, data)
            images.append((path, addr))
        bundle = read(os.path.join(out, "assets.bin"))
        pub = read(os.path.join(d, "keys", "k.pub"))
        h = check_chain.check(bundle, pub)
        script = QEMU_SCRIPT % {"addr": 0x380000, "size": len(elements[1][1]), "key": pub.hex(),
                                "payload_addr": h["payload_addr"],
                                "payload_len": h["payload_len"]}
        with romfs_oracle.mpport.Qemu(None, images=images) as q:
            got = romfs_oracle.mpport.last_json(q.exec(script))
        assert got["files"] == ["assets.bin", "assets.py"], got
        assert got["sha256"] == hashlib.sha256(bundle).hexdigest(), "bundle differs on the device"
        assert got["size"] == got["bundle_size"] == len(bundle), got
        # Zero-copy: the file is the flash (here emulated SRAM) at its place.
        _, files = listing(os.path.join(out, "assets.romfs"))
        assert got["at"] == 0x380000 + files["assets.bin"][0] and got["at"] % 16 == 0, got
        assert got["loaded"] == [h["security_version"], h["chunk_count"], h["payload_len"]], got
        assert got["heap"] == 0, "fwl.load allocated %r bytes" % got["heap"]
        assert got["ram_sha256"] == hashlib.sha256(h["payload"]).hexdigest(), \
            "the loaded RAM differs from the payload"
    finally:
        shutil.rmtree(d)


def varuint(v):
    out = [v & 0x7F]
    v >>= 7
    while v:
        out.insert(0, 0x80 | (v & 0x7F))
        v >>= 7
    return bytes(out)


def record(kind, payload):
    return varuint(kind) + varuint(len(payload)) + payload


def test_inspect_hostile_images():
    """Images written here from the format description, not by rasterd."""
    d = tempfile.mkdtemp(prefix="romfs-inspect-", dir=os.environ.get("MESON_BUILD_ROOT"))
    evil = b"\x1b]0;owned\x07a\x00b"
    body = record(5, varuint(len(evil)) + evil + record(2, b"data"))
    write(os.path.join(d, "names.romfs"), b"\xd2\xcd\x31" + varuint(len(body)) + body)
    r = run("inspect", os.path.join(d, "names.romfs"))
    assert r.returncode == 0, r.stderr
    assert "\\x1b]0;owned\\x07a\\x00b" in r.stdout and "\x1b" not in r.stdout, r.stdout
    r = run("inspect", "--json", os.path.join(d, "names.romfs"))
    entries = json.loads(r.stdout)["entries"]
    assert entries[0]["path"] == "\x1b]0;owned\x07a\ufffdb" and entries[0]["size"] == 4, entries
    deep = record(5, varuint(1) + b"f" + record(2, b"x"))
    for _ in range(17):
        deep = record(4, varuint(1) + b"d" + deep)
    cases = [
        (b"\xd2\xcd\x31\x7f" + body, "ROMFS image corrupt"),  # length past the end
        (b"\xd2\xcd\x31" + varuint(len(deep)) + deep, "nested too deep"),
        (b"\xd2\xcd\x31" + b"\xff" * 12 + b"\x01", "ROMFS image corrupt"),
    ]
    for i, (img, words) in enumerate(cases):
        path = os.path.join(d, "bad%d.romfs" % i)
        write(path, img)
        for args in ((path,), ("--json", path)):
            r = run("inspect", *args)
            assert r.returncode == 65 and words in r.stderr and path in r.stderr, (i, r.stderr)
            assert r.stdout == "", (i, r.stdout)
    shutil.rmtree(d)


TESTS = [test_inspect_hostile_images, test_contents_alignment_and_generation, test_default_contents_are_bundle_and_assets_py,
         test_hostile_manifests_keep_previous_outputs, test_dfu_carries_the_image_as_an_element,
         test_fragment_read_by_micropython_manifest_tools,
         test_vfsrom_mounts_it_like_mpremotes_image,
         test_dfu_elements_boot_on_qemu_mount_and_load]


def main():
    wanted = sys.argv[2:]
    failed = skipped = ran = 0
    for t in TESTS:
        if wanted and t.__name__ not in wanted:
            continue
        ran += 1
        try:
            t()
            print("ok   %s" % t.__name__)
        except romfs_oracle.Skip as e:
            skipped += 1
            print("SKIP %s: %s" % (t.__name__, e))
        except Exception as e:  # pylint: disable=broad-except
            failed += 1
            print("FAIL %s: %s: %s" % (t.__name__, type(e).__name__, e))
        sys.stdout.flush()
    if failed:
        return 1
    return harness.SKIP if ran and skipped == ran else 0


if __name__ == "__main__":
    sys.exit(main())
