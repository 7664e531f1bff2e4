#!/usr/bin/env python3
"""Prepares an LVGL source tree for the tests, once per build directory.

  lvgl_prepare.py list SOURCE
      Prints the tree's top directory (for an archive: the folder it unpacks
      to; for a tree: its absolute path), then the name of the wrapper of
      each C source the test library compiles (see unpack).

  lvgl_prepare.py unpack SOURCE OUTDIR STAMP_H WRAPPER...
      Unpacks an archive into OUTDIR (skipped while OUTDIR/.lvgl-stamp holds
      the archive's SHA-256), then writes STAMP_H (the tree's path as a C
      string) and one wrapper per source: a .c file that includes the real
      source, so that meson can compile a tree it only sees at build time.
      Files are rewritten only when their content changes.

SOURCE is an LVGL 9 tree (a directory holding lvgl.h and src/) or a .tar.xz
/ .tar.gz archive of one, as in ../shared/thirdparty/. Nothing from LVGL is
copied into rasterd's tree: wrappers and the unpacked copy live in the build
directory.
"""
import hashlib
import os
import sys
import tarfile

# Folders of src/ the tests need none of: GPU and OS back ends, drivers,
# debugging aids, the bundled third-party libraries other than the decoders
# LVGL's own image and font formats use, and fonts other than the default.
SKIP_DIRS = (
    'src/draw/nxp/', 'src/draw/renesas/', 'src/draw/vg_lite/', 'src/draw/sdl/',
    'src/draw/opengles/', 'src/draw/dma2d/', 'src/draw/nema_gfx/',
    'src/draw/espressif/', 'src/draw/eve/', 'src/draw/nanovg/',
    'src/draw/sw/arm2d/', 'src/draw/sw/blend/arm2d/', 'src/draw/sw/blend/helium/',
    'src/draw/sw/blend/neon/', 'src/draw/sw/blend/riscv_v/',
    'src/drivers/', 'src/debugging/',
)
KEEP_LIBS = ('src/libs/bin_decoder/', 'src/libs/fsdrv/', 'src/libs/lz4/', 'src/libs/rle/')
KEEP_FONTS = ('src/font/lv_font_montserrat_14.c',)


def wanted(rel):
    if not rel.startswith('src/') or not rel.endswith('.c'):
        return False
    if rel.startswith(SKIP_DIRS):
        return False
    if rel.startswith('src/libs/'):
        return rel.startswith(KEEP_LIBS)
    if rel.startswith('src/font/lv_font_') and rel.count('/') == 2:
        return rel in KEEP_FONTS
    return True


def die(msg):
    sys.stderr.write('lvgl_prepare: %s\n' % msg)
    sys.exit(1)


def archive_members(path):
    """(top directory, sorted list of regular files relative to it)."""
    try:
        with tarfile.open(path) as tar:
            names = [m.name for m in tar.getmembers() if m.isfile()]
    except (OSError, tarfile.TarError) as e:
        die('%s: cannot read the archive: %s' % (path, e))
    tops = {n.split('/', 1)[0] for n in names if '/' in n}
    if len(tops) != 1:
        die('%s: expected one top directory, found %d' % (path, len(tops)))
    top = tops.pop()
    rels = sorted(n.split('/', 1)[1] for n in names if n.startswith(top + '/'))
    return top, rels


def tree_members(path):
    rels = []
    for root, dirs, files in os.walk(os.path.join(path, 'src')):
        dirs.sort()
        for f in files:
            rels.append(os.path.relpath(os.path.join(root, f), path).replace(os.sep, '/'))
    return sorted(rels)


def sources(source):
    if os.path.isdir(source):
        if not os.path.isfile(os.path.join(source, 'lvgl.h')):
            die('%s: not an LVGL tree (no lvgl.h)' % source)
        return os.path.abspath(source), [r for r in tree_members(source) if wanted(r)]
    top, rels = archive_members(source)
    if 'lvgl.h' not in rels:
        die('%s: not an LVGL archive (no %s/lvgl.h)' % (source, top))
    return top, [r for r in rels if wanted(r)]


def wrapper_name(rel):
    return 'lvgl_' + rel[len('src/'):-len('.c')].replace('/', '__') + '.c'


def write_if_changed(path, text):
    try:
        with open(path, encoding='utf-8') as f:
            if f.read() == text:
                return
    except OSError:
        pass
    tmp = path + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(text)
    os.replace(tmp, path)


def sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    return h.hexdigest()


def unpack(source, outdir):
    """Unpacks `source` into outdir once; returns the tree's path."""
    top, _ = archive_members(source)
    tree = os.path.join(outdir, top)
    stamp = os.path.join(outdir, '.lvgl-stamp')
    digest = sha256(source)
    try:
        with open(stamp, encoding='utf-8') as f:
            if f.read().strip() == digest + ' ' + top and os.path.isfile(os.path.join(tree, 'lvgl.h')):
                return tree
    except OSError:
        pass
    with tarfile.open(source) as tar:
        members = [m for m in tar.getmembers() if m.isfile() or m.isdir()]
        for m in members:
            if m.name.startswith('/') or '..' in m.name.split('/'):
                die('%s: refusing member %r' % (source, m.name))
        tar.extractall(outdir, members=members)
    write_if_changed(stamp, digest + ' ' + top + '\n')
    return tree


def main(argv):
    if len(argv) >= 2 and argv[0] == 'list':
        top, rels = sources(argv[1])
        sys.stdout.write('\n'.join([top] + [wrapper_name(r) for r in rels]) + '\n')
        return 0
    if len(argv) >= 4 and argv[0] == 'unpack':
        source, outdir, stamp_h, wrappers = argv[1], os.path.abspath(argv[2]), argv[3], argv[4:]
        top, rels = sources(source)
        tree = os.path.abspath(source) if os.path.isdir(source) else unpack(source, outdir)
        if any(c in tree for c in '"\\\n'):
            die('%s: the path cannot be written in an #include line' % tree)
        by_name = {wrapper_name(r): r for r in rels}
        for w in wrappers:
            rel = by_name.get(os.path.basename(w))
            if rel is None:
                die('%s: no LVGL source for this wrapper (reconfigure the build)' % w)
            real = os.path.join(tree, rel)
            write_if_changed(w, '// Generated: compiles LVGL\'s %s.\n#include "%s"\n' % (rel, real))
        write_if_changed(stamp_h, '// Generated: where the tests\' LVGL tree is.\n'
                         '#define LVGL_TREE "%s"\n' % tree)
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
