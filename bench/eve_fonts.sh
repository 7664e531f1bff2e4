#!/usr/bin/env bash
# EVE Unicode fonts (issue 13 item 1): RAM_G bytes of the same characters as
# a remapped legacy font and as an extended font (L4, L8, ASTC), and the size
# of the firmware's UTF-8 to slots encoder (fwl/eve_text.h) on a Cortex-M0.
#
#   bash bench/eve_fonts.sh [host-build-dir]     (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" -Dwerror=true >/dev/null
fi
ninja -C "$dir" rasterd/rasterd >/dev/null
rasterd=$dir/rasterd/rasterd
work=$(mktemp -d "${TMPDIR:-/tmp}/eve-fonts.XXXXXX")
trap 'rm -rf "$work"' EXIT
dejavu=${DEJAVU_DIR:-/usr/share/fonts/truetype/dejavu}/DejaVuSans.ttf
droid=/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
latin="0x20-0x7E,äöüßÄÖÜąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
greek="0x20,αβγδεζηθικλμνξοπρςστυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ"
all="0x20-0x7E,0xA0-0x17F,0x370-0x3FF,0x400-0x4FF"
cjk="0x20,中文字体漢字日本語你好世界東京"
font() { # name file size chars extra
    printf '  { name = "%s"; file = "%s"; size = %s; chars = "%s"; %s },\n' "$@"
}
{
    echo 'target = { name = "eve-fonts-bench"; base = 0x0L; size = 0x100000L; chip = "BT815"; };'
    echo 'bundle = { key = "k.key"; };'
    echo 'fonts = ('
    font latin_legacy "$dejavu" 16 "$latin" 'bpp = 4;'
    font latin_x_l4 "$dejavu" 16 "$latin" 'bpp = 4; layout = "eve-extended";'
    font greek_legacy "$dejavu" 16 "$greek" 'bpp = 4;'
    font greek_x_l4 "$dejavu" 16 "$greek" 'bpp = 4; layout = "eve-extended";'
    font all_x_l4 "$dejavu" 16 "$all" 'bpp = 4; layout = "eve-extended";'
    font all_x_l8 "$dejavu" 16 "$all" 'bpp = 8; layout = "eve-extended";'
    font all_x_astc8x8 "$dejavu" 16 "$all" 'layout = "eve-extended"; format = "ASTC_8x8";'
    font all_x_astc4x4 "$dejavu" 16 "$all" 'layout = "eve-extended"; format = "ASTC_4x4";'
    font cjk_legacy "$droid" 20 "$cjk" 'bpp = 8;'
    printf '  { name = "cjk_x_l8"; file = "%s"; size = 20; chars = "%s"; bpp = 8; layout = "eve-extended"; }\n' "$droid" "$cjk"
    echo ');'
} >"$work/rasterd.conf"
"$rasterd" keygen -o "$work/k" >/dev/null 2>&1
"$rasterd" build "$work" -q
printf '%-16s %-8s %9s %7s  %s\n' asset format bytes cell extra
"$rasterd" inspect "$work/out/assets.bin" | awk '/^name/{on=1; next} on && NF==0{exit}
    on {printf "%-16s %-8s %9s %3sx%-3s  %s\n", $1, $3, $5, $6, $7, substr($0, index($0, $9))}'

if command -v arm-none-eabi-gcc >/dev/null; then
    printf '#include "fwl/eve_text.h"\nsize_t f(uint8_t *o, const char *s, size_t n, const uint8_t *m);\nsize_t f(uint8_t *o, const char *s, size_t n, const uint8_t *m) { size_t u; return fwl_eve_text_encode(o, 64, s, n, m, 100, 63, &u) + u; }\n' >"$work/enc.c"
    arm-none-eabi-gcc -mcpu=cortex-m0 -mthumb -Os -std=c99 -ffreestanding \
        -Ifirmware-loader/include -c "$work/enc.c" -o "$work/enc.o"
    echo "fwl_eve_text_encode, Cortex-M0 -Os: $(arm-none-eabi-size "$work/enc.o" | awk 'NR==2{print $1}') bytes of code"
fi
