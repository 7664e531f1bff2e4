#!/usr/bin/env bash
# EVE image forms (issue 13 item 2): what each format costs in RAM_G and SPI
# bytes for the example logo (96 x 48, RGBA) and icon (24 x 24, grey +
# alpha), and what the lossy ones keep, side by side with RGB565:
#   bytes    the image asset, plus its palette piece for PALETTED*
#   bits/px  bytes * 8 / pixels
#   PSNR     paletted: the frame the simulated EVE drew against the
#            unquantized conversion; ASTC: Arm's libastcenc decoding of the
#            blocks against the PNG (colour weighted by alpha, and alpha)
# The numbers come from the BT81x ready-words test project
# (tests/eve/ready_project.py), drawn by tests/eve/test_eve_ready.
#
#   bash bench/eve_images.sh [host-build-dir]     (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" -Dwerror=true >/dev/null
fi
ninja -C "$dir" rasterd/rasterd tests/eve/test_eve_ready_bt81x >/dev/null
eve=$dir/tests/eve
"$dir/rasterd/rasterd" inspect --json "$eve/bt81x_assets.bin" >"$eve/bt81x_inspect.json"
"$eve/test_eve_ready_bt81x" "$eve/bt81x_assets.bin" "$eve/bt81x_key.pub" >"$eve/bt81x_draw.txt"
python3 - "$eve/bt81x_inspect.json" "$eve/bt81x_draw.txt" <<'PY'
import json, re, sys
assets = {a["name"]: a for a in json.load(open(sys.argv[1]))["assets"]}
psnr = {}
for line in open(sys.argv[2]):
    m = re.match(r"psnr: bt81x (\w+) .*?([\d.]+) dB", line)
    if m:
        psnr[m.group(1).lower()] = float(m.group(2))
base = assets["logo565"]["size"]
print("%-14s %-12s %7s %7s %8s %8s" % ("asset", "format", "bytes", "bits/px", "vs 565", "PSNR dB"))
for name, a in assets.items():
    if a["kind"] != "image" or not name.startswith("logo"):
        continue
    size = a["size"] + (assets[name + "_lut"]["size"] if name + "_lut" in assets else 0)
    fmt = a["format"] if a["format"] != "GLFORMAT" else "ASTC " + name[6:]
    px = a["width"] * a["height"]
    print("%-14s %-12s %7d %7.2f %7.2fx %8s" % (name, fmt, size, size * 8 / px, base / size,
                                               "%.1f" % psnr[name] if name in psnr else "exact"))
PY
