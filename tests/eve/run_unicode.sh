#!/usr/bin/env bash
# Builds a project of Unicode fonts (test_eve_unicode.c writes its manifest)
# and draws their text through the simulated EVE. Each legacy font's text
# map is taken from the generated assets.py, as a MicroPython firmware
# would import it, and handed to the C test as OUTDIR/<name>.map.
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

"$draw" manifest "$work" "$dejavu" "$cjk"
"$rasterd" keygen -o "$work/keys/k" >/dev/null
"$rasterd" build "$work" -q 2>"$work/build.log" || { cat "$work/build.log"; exit 1; }
python3 - "$work/out" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import assets
for name in ("de_pl", "greek", "cyrillic"):
    up = name.upper()
    with open("%s/%s.map" % (sys.argv[1], name), "wb") as f:
        f.write(getattr(assets, up + "_TEXTMAP") + bytes([getattr(assets, up + "_FALLBACK_SLOT")]))
PY
"$draw" draw "$work/out" "$work/keys/k.pub" "$cjk"
