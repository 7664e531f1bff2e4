#!/usr/bin/env bash
# Builds a project of Unicode fonts (test_eve_unicode.c writes its manifest)
# and draws their text through the simulated EVE. Each legacy font's text
# map and every font's ready CMD_SETFONT2 arguments are taken from the
# generated assets.py, as a MicroPython firmware would import them, and
# handed to the C test as OUTDIR/<name>.map and OUTDIR/<name>.font.
#
#   run_unicode.sh RASTERD TEST_EVE_UNICODE
set -euo pipefail
rasterd=$1
draw=$2
dejavu=${DEJAVU_DIR:-/usr/share/fonts/truetype/dejavu}
cjk=/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
if [ ! -f "$cjk" ]; then
    echo "SKIP: $cjk missing: install fonts-droid-fallback (scripts/deps.sh)"
    exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/eve-unicode.XXXXXX")
trap 'rm -rf "$work"' EXIT

# An FT81x product (legacy fonts: slot bytes) and a BT81x product (also
# extended fonts: UTF-8), each drawn with only the generated outputs.
for chip in FT810 BT815; do
    dir="$work/$chip"
    mkdir -p "$dir"
    "$draw" manifest "$dir" "$dejavu" "$cjk" "$chip"
    "$rasterd" keygen -o "$dir/keys/k" >/dev/null
    "$rasterd" build "$dir" -q 2>"$dir/build.log" || { cat "$dir/build.log"; exit 1; }
    python3 - "$dir/out" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import assets
for name in assets.ASSETS:
    up = name.upper()
    with open("%s/%s.font" % (sys.argv[1], name), "w") as f:
        f.write("%d %d\n" % (getattr(assets, up + "_SETFONT2_PTR"),
                             getattr(assets, up + "_SETFONT2_FIRST")))
    if hasattr(assets, up + "_TEXTMAP"):
        with open("%s/%s.map" % (sys.argv[1], name), "wb") as f:
            f.write(getattr(assets, up + "_TEXTMAP") +
                    bytes([getattr(assets, up + "_FALLBACK_SLOT")]))
PY
    echo "# $chip"
    "$draw" draw "$dir/out" "$dir/keys/k.pub" "$cjk" "$chip"
done
