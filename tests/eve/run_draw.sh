#!/usr/bin/env bash
# Builds a rasterd project and draws it through the simulated EVE
# (test_eve_draw.c). Kinds:
#   examples  a copy of examples/ (every asset of the shipped example)
#   examples-zlib  the same with the whole payload zlib-compressed
#   formats   examples/images/logo.png in every EVE bitmap format, with and
#             without Floyd-Steinberg dithering; the dithered ones stored
#             zlib-compressed (format v2, plain and zlib segments)
#
#   run_draw.sh RASTERD TEST_EVE_DRAW KIND
set -euo pipefail
rasterd=$1
draw=$2
kind=$3
src=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
work=$(mktemp -d "${TMPDIR:-/tmp}/eve-draw.XXXXXX")
trap 'rm -rf "$work"' EXIT

cp -r "$src/examples/images" "$src/examples/data" "$src/examples/firmware" "$work/"
if [ "$kind" = examples ] || [ "$kind" = examples-zlib ]; then
    cp "$src/examples/rasterd.conf" "$work/"
    if [ "$kind" = examples-zlib ]; then
        sed -i 's|^bundle = {|bundle = {\n  compress = "zlib";|' "$work/rasterd.conf"
        grep -q 'compress = "zlib"' "$work/rasterd.conf"
    fi
    key=$work/keys/example
else
    key=$work/keys/k
    {
        echo 'target = { name = "eve-formats"; base = 0x0L; size = 0x100000L; };'
        echo 'bundle = { chunk_size = 4096; key = "keys/k.key"; };'
        echo 'images = ('
        sep=""
        for f in ARGB1555:0 L1:1 L4:2 L8:3 RGB332:4 ARGB2:5 ARGB4:6 RGB565:7 L2:17; do
            for d in plain:false fs:true; do
                z=none
                [ "${d%:*}" = fs ] && z=zlib
                printf '%s  { name = "logo_%s_%s"; file = "images/logo.png"; format = "%s"; dither = %s; compress = "%s"; }\n' \
                    "$sep" "${f#*:}" "${d%:*}" "${f%:*}" "${d#*:}" "$z"
                sep=","
            done
        done
        echo ');'
    } >"$work/rasterd.conf"
fi
"$rasterd" keygen -o "$key" >/dev/null
"$rasterd" build "$work" -q 2>"$work/build.log" || { cat "$work/build.log"; exit 1; }
"$rasterd" verify "$work/out/assets.bin" --pubkey "$key.pub" -q
"$draw" "$kind" "$work/out" "$key.pub" "$work"
