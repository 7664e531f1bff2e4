#!/usr/bin/env bash
# The README's main command: installs what is missing, builds, and runs the
# main job on the bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
if [ ! -f build/build.ninja ]; then
  meson setup build -Dbuildtype=release >/dev/null
fi
ninja -C build >/dev/null

mkdir -p out
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
./build/rasterd/glyphpack "$font" -s 16 -c 0x20-0x7E,0xA0-0xFF -b 4 -f c -o out/dejavu16 \
  --preview out/dejavu16.png
