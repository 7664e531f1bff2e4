#!/usr/bin/env bash
# The README's main command: installs what is missing, builds, and builds the
# example asset folder into a signed bundle (examples/out/), printing what it
# wrote. A development signing key is created in examples/keys/ (gitignored)
# on first run.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
if [ ! -f build/build.ninja ]; then
  meson setup build -Dbuildtype=release >/dev/null
fi
ninja -C build >/dev/null

rasterd=./build/rasterd/rasterd
if [ ! -f examples/keys/example.key ]; then
  "$rasterd" keygen -o examples/keys/example
fi
"$rasterd" build examples/
"$rasterd" verify examples/out/assets.bin --pubkey examples/keys/example.pub
echo "outputs:"
ls -l examples/out/

# One font to C with glyphpack (when this build has the glyphpack converter).
if ./build/rasterd/glyphpack --help >/dev/null 2>&1; then
  mkdir -p out
  font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
  ./build/rasterd/glyphpack "$font" -s 16 -c 0x20-0x7E,0xA0-0xFF -b 4 -f c -o out/dejavu16 \
    --preview out/dejavu16.png
fi
