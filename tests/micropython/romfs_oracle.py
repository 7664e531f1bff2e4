"""The independent sides of the ROMFS tests (issue 10), shared by
tests/formats/check_romfs_vfsrom.py and tests/rasterd/check_romfs.py:

  - micropython_tools(): a MicroPython source tree holding tools/ (this build
    directory's, from MICROPYTHON_TREE, or the pinned archive's tools/
    unpacked into a temporary folder); raises Skip naming the option;
  - mpremote_image(tree, folder): the image mpremote's ROMFS writer
    (tools/mpremote/mpremote/romfs.py, run here in CPython) makes of a folder;
  - vfsrom_listing(images): every image mounted with vfs.VfsRom in this
    build's unix port (mpport; exits 77 without it), listed recursively and read through memoryviews:
    {image: [[path, 'dir', 0] or [path, 'file', size, offset, sha256], ...]},
    offset being where the memoryview points inside the image (-1 if empty),
    sha256 the hex digest of the bytes read through it.
"""
import contextlib
import importlib.util
import io
import os
import shutil
import sys
import tarfile
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mpport  # noqa: E402

ARCHIVE_NAME = "micropython-1.28.0"


class Skip(Exception):
    """A missing optional tool; the message names the option."""


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@contextlib.contextmanager
def micropython_tools():
    tree = os.environ.get("MICROPYTHON_TREE", "")
    if tree and os.path.isfile(os.path.join(tree, "tools", "manifestfile.py")):
        yield tree
        return
    src = os.environ.get("SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
    archive = os.path.join(src, "..", "shared", "thirdparty", ARCHIVE_NAME + ".tar.xz")
    if not os.path.isfile(archive):
        raise Skip("no MicroPython source: set -Dmicropython_src=PATH (default "
                   "../shared/thirdparty/%s.tar.xz)" % ARCHIVE_NAME)
    tmp = tempfile.mkdtemp(prefix="mp-tools-")
    try:
        with tarfile.open(archive) as t:
            prefix = ARCHIVE_NAME + "/tools/"
            t.extractall(tmp, members=[m for m in t.getmembers() if m.name.startswith(prefix)])
        yield os.path.join(tmp, ARCHIVE_NAME)
    finally:
        shutil.rmtree(tmp)


def mpremote_image(tree, folder):
    romfs = load_module("mpremote_romfs",
                        os.path.join(tree, "tools", "mpremote", "mpremote", "romfs.py"))
    with contextlib.redirect_stdout(io.StringIO()):  # it prints the tree
        return bytes(romfs.make_romfs(folder, mpy_cross=False))


MOUNT_SCRIPT = r"""
import binascii, hashlib, json, sys, uctypes, vfs
def walk(fs, d, out):
    for e in fs.ilistdir(d):
        p = d + '/' + e[0] if d else e[0]
        if e[1] == 0x4000:
            out.append([p, 'dir', 0])
            walk(fs, p, out)
        else:
            out.append([p, 'file', e[3]])
result = {}
for n, img in enumerate(IMAGES):
    buf = open(img, 'rb').read()
    fs = vfs.VfsRom(buf)
    entries = []
    walk(fs, '', entries)
    mnt = '/rom%d' % n
    vfs.mount(fs, mnt)
    for e in entries:
        if e[1] == 'file':
            with open(mnt + '/' + e[0], 'rb') as f:
                mv = memoryview(f)
                e.append(uctypes.addressof(mv) - uctypes.addressof(buf) if len(mv) else -1)
                e.append(binascii.hexlify(hashlib.sha256(mv).digest()).decode())
    vfs.umount(mnt)
    result[img] = entries
print(json.dumps(result))
"""


def vfsrom_listing(images):
    """Exits 77 (mpport) when this build has no unix port."""
    mp = mpport.unix_or_skip()
    names = [os.path.basename(p) for p in images]
    assert len(set(names)) == len(names), names
    script = "IMAGES = %r\n" % names + MOUNT_SCRIPT
    got = mpport.last_json(mpport.run_unix(mp, script, files=images))
    return {p: got[os.path.basename(p)] for p in images}


def without_offsets(entries):
    """Entries as both writers must agree on them: no data offsets."""
    return [e[:3] + e[4:] for e in entries]
