#!/usr/bin/env bash
# zlib through the EVE coprocessor (issue 13 item 6): SPI bytes and wire time
# at 30 MHz, bundle and DFU bytes, plain against zlib, for the example and
# for a 1 MiB asset set; then the loader's flash and instructions per byte
# with the inflate path (bench/loader.sh).
#
#   bash bench/eve_zlib.sh [host-build-dir]     (default: build)
#
# Each bundle is built by rasterd and loaded by the firmware loader's EVE
# sink into the simulated EVE (tests/eve/eve_load), which counts every byte
# on the bus (headers, register reads and FIFO traffic included). Wire time
# is bytes x 8 / 30 MHz on a single-lane SPI; the coprocessor's own inflate
# time is not modelled (no published figure), so it is not in the sums.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" -Dwerror=true >/dev/null
fi
ninja -C "$dir" rasterd/rasterd tests/eve/eve_load >/dev/null
rasterd=$dir/rasterd/rasterd
load=$dir/tests/eve/eve_load
work=$(mktemp -d "${TMPDIR:-/tmp}/eve-zlib.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The 1 MiB set: fonts and PNGs drawn here (deterministic): a photo-like
# picture (gradients with noise), a UI background (flat panels, a gradient
# header), icons with alpha, and DejaVu fonts from 16 to 48 px.
big_assets() {
    python3 - "$1" <<'PY'
import math, os, struct, sys, zlib
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
def png(name, w, h, ct, rows):
    def chunk(k, d):
        return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d))
    raw = b"".join(b"\0" + r for r in rows)
    with open(os.path.join(out, name), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, ct, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))
seed = 12345
def rnd():
    global seed
    seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
    return seed >> 16
rows = []
for y in range(272):
    r = bytearray()
    for x in range(480):
        n = rnd() % 13 - 6
        r += bytes(max(0, min(255, int(v) + n)) for v in
                   (128 + 100 * math.sin(x / 50.0), 90 + 80 * math.cos(y / 35.0), (x + y) * 255 // 752))
    rows.append(bytes(r))
png("photo.png", 480, 272, 2, rows)
rows = []
for y in range(272):
    r = bytearray()
    for x in range(480):
        if y < 40:
            c = (20, 40 + y * 3, 90 + y * 2)
        elif 60 <= y < 250 and (20 <= x < 220 or 260 <= x < 460):
            c = (235, 235, 240) if (y // 30) % 2 else (250, 250, 252)
        else:
            c = (200, 205, 210)
        r += bytes(c)
    rows.append(bytes(r))
png("ui.png", 480, 272, 2, rows)
for i in range(12):
    rows = []
    for y in range(64):
        r = bytearray()
        for x in range(64):
            d = math.hypot(x - 31.5, y - 31.5)
            a = 255 if d < 26 else (0 if d > 28 else int(255 * (28 - d) / 2))
            ring = 18 < d < 22 or abs(x - y) < 3 + i % 3
            r += bytes((255 if ring else 40 + 15 * i, 255 if ring else 120, 255 if ring else 200 - 10 * i, a))
        rows.append(bytes(r))
    png("icon%d.png" % i, 64, 64, 6, rows)
PY
}

manifest() { # dir, bundle compress (none|zlib), extra asset lines
    local d=$1 comp=$2
    cat >"$d/rasterd.conf" <<EOF2
target = { name = "eve-bench"; base = 0x0L; size = 0x100000L; };
bundle = { chunk_size = 4096; key = "keys/k.key"; compress = "$comp"; };
dfu = { file = "assets.dfu"; bundle_address = 0x90000000L; };
$3
EOF2
}

big_lines() {
    local F=/usr/share/fonts/truetype/dejavu
    echo 'fonts = ('
    local sep=""
    for s in 16 24 32; do
        for f in DejaVuSans DejaVuSerif; do
            printf '%s{ name = "%s_%s"; file = "%s/%s.ttf"; size = %s; bpp = 4; }\n' \
                "$sep" "${f//-/_}" "$s" "$F" "$f" "$s"
            sep=","
        done
    done
    echo ');'
    echo 'images = ('
    echo '{ name = "photo"; file = "photo.png"; format = "RGB565"; dither = true; },'
    echo '{ name = "photo_l8"; file = "photo.png"; format = "L8"; },'
    echo '{ name = "ui"; file = "ui.png"; format = "RGB565"; }'
    for i in $(seq 0 11); do
        printf ',{ name = "icon%d"; file = "icon%d.png"; format = "ARGB4"; }\n' "$i" "$i"
    done
    echo ');'
}

measure() { # label, project dir
    "$rasterd" keygen -o "$2/keys/k" >/dev/null 2>&1
    "$rasterd" build "$2" -q
    local bin=$2/out/assets.bin
    read -r _ spi _ _ _ stored _ payload _ _ < <("$load" "$bin" "$2/keys/k.pub")
    printf '%-26s %9d %9d %9d %9d %10d %9.1f\n' "$1" "$payload" "$stored" "$(stat -c %s "$bin")" \
        "$(stat -c %s "$2/out/assets.dfu")" "$spi" "$(python3 -c "print($spi * 8 / 30e6 * 1000)")"
}

printf '%-26s %9s %9s %9s %9s %10s %9s\n' "bundle" "payload" "stored" "bundle" "DFU" "SPI bytes" "ms@30MHz"
for comp in none zlib; do
    d=$work/example-$comp
    mkdir -p "$d"
    cp -r examples/images examples/data examples/firmware examples/rasterd.conf "$d/"
    sed -i "s|^bundle = {|bundle = {\n  compress = \"$comp\";|" "$d/rasterd.conf"
    sed -i 's|key = "keys/example.key";|key = "keys/k.key";|' "$d/rasterd.conf"
    measure "example, $comp" "$d"
done
big_assets "$work/big-src"
for comp in none zlib; do
    d=$work/big-$comp
    cp -r "$work/big-src" "$d"
    manifest "$d" "$comp" "$(big_lines)"
    measure "1 MiB set, $comp" "$d"
done
echo
echo "Loader on QEMU mps2-an386 (bench/loader.sh):"
bash bench/loader.sh "$dir" | grep -E 'instructions/byte|flash|EVE sink|core|demo bundle' | sed 's/^/  /'
