// Imports a glyphpack MicroPython font module in MicroPython (WebAssembly)
// and checks it against the JSON output of the same font:
//   node check_py_font.mjs MODULE.py FONT.json
// - the font_to_py API functions exist and agree with the JSON metrics and cells;
// - get_ch(c) returns (memoryview, height, width) with the JSON's bytes;
// - the bytes, viewed through framebuf in the format Writer picks
//   (MONO_VLSB unless hmap(), else MONO_HMSB if reverse() else MONO_HLSB),
//   give the pixels the JSON bitmap decodes to;
// - a character the font lacks returns the default glyph ('?').
// Exit 0 on success, 1 on a mismatch, 77 (skip) when MicroPython is missing.
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// tests/meson.build passes the package's path (MICROPYTHON_WASM).
const mpPath = process.env.MICROPYTHON_WASM ??
    join(here, "node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs");
const [modPath, jsonPath] = process.argv.slice(2);
if (!modPath || !jsonPath) {
    console.error("usage: node check_py_font.mjs MODULE.py FONT.json");
    process.exit(2);
}
if (!existsSync(mpPath)) {
    console.error(`MicroPython WASM not installed (${mpPath}): run scripts/deps.sh, or -Dmicropython_tests=disabled`);
    process.exit(77);
}
const { loadMicroPython } = await import(mpPath);

const font = JSON.parse(readFileSync(jsonPath, "utf8"));
const out = [];
const mp = await loadMicroPython({ stdout: (l) => out.push(l), stderr: (l) => out.push(l) });
const name = basename(modPath, ".py");
mp.FS.mkdir("/fonts");
mp.FS.writeFile(`/fonts/${name}.py`, readFileSync(modPath));

// Pixels of a JSON bitmap, row-major, one level per entry (rows or pages,
// byte-aligned rows as the MicroPython format requires).
function decode(hex, w, h, f) {
    const bytes = Buffer.from(hex, "hex");
    const bpp = f.bpp, per = 8 / bpp, mask = (1 << bpp) - 1, px = [];
    for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
            let idx, k;
            if (f.layout === "rows") {
                const stride = Math.ceil((w * bpp) / 8);
                idx = y * stride + Math.floor(x / per);
                k = x % per;
            } else {
                idx = Math.floor(y / per) * w + x;
                k = y % per;
            }
            const shift = f.bit_order === "msb" ? 8 - bpp * (k + 1) : bpp * k;
            px.push((bytes[idx] >> shift) & mask);
        }
    }
    return px;
}

let failures = 0;
function fail(msg) {
    if (failures++ < 20) console.error(`${name}: ${msg}`);
}

// Runs Python code and returns its printed output; a Python exception ends
// the check with its last lines (not the WASM runtime's whole stack).
function py(code) {
    out.length = 0;
    try {
        mp.runPython(code);
    } catch (e) {
        const msg = String(e && e.message ? e.message : e).split("\n").slice(-3).join(" | ");
        console.error(`${name}: MicroPython raised: ${msg.slice(0, 400)}`);
        process.exit(1);
    }
    return out.join("\n");
}

py(`import sys\nsys.path.append('/fonts')\nimport ${name} as F\nimport framebuf`);
const api = JSON.parse(py(
    "import json\nprint(json.dumps([F.height(), F.baseline(), F.max_width(), F.hmap(), F.reverse(), F.monospaced(), F.min_ch(), F.max_ch()]))"));
const [height, baseline, maxWidth, hmap, reverse, mono, minCh, maxCh] = api;
const f = font.font, glyphs = font.glyphs;
// Cells: every non-blank glyph is height() rows with its top (the baseline)
// baseline() rows down; the cell holds at least the line.
const cells = glyphs.filter((g) => g.width > 0);
if (cells.some((g) => g.height !== height || g.top !== baseline))
    fail(`height()/baseline() ${height}/${baseline} differ from the JSON cells`);
if (height < f.line_height || baseline < f.ascender || height - baseline < -f.descender)
    fail(`cell ${height}/${baseline} does not hold the line ${f.line_height}/${f.ascender}`);
if (hmap !== (f.layout === "rows")) fail(`hmap() ${hmap} but layout ${f.layout}`);
if (reverse !== (f.layout === "rows" && f.bit_order === "lsb")) fail(`reverse() ${reverse}`);
if (minCh !== glyphs[0].codepoint || maxCh !== glyphs[glyphs.length - 1].codepoint)
    fail(`min_ch/max_ch ${minCh}/${maxCh}`);
const widths = glyphs.map((g) => g.width);
if (maxWidth !== Math.max(...widths)) fail(`max_width() ${maxWidth}`);
if (mono !== widths.every((w) => w === widths[0])) fail(`monospaced() ${mono}`);

// One MicroPython call per glyph batch: bytes in hex plus framebuf pixels.
const res = JSON.parse(py(`
import json
fmt = framebuf.MONO_VLSB if not F.hmap() else (framebuf.MONO_HMSB if F.reverse() else framebuf.MONO_HLSB)
def probe(cp):
    mv, h, w = F.get_ch(chr(cp))
    px = []
    if w > 0 and h > 0:
        fb = framebuf.FrameBuffer(bytearray(mv), w, h, fmt)
        px = [fb.pixel(x, y) for y in range(h) for x in range(w)]
    return [type(mv).__name__, ''.join('%02x' % b for b in mv), h, w, px]
print(json.dumps([probe(cp) for cp in ${JSON.stringify(glyphs.map((g) => g.codepoint))}]))
`));
glyphs.forEach((g, i) => {
    const [type, hex, h, w, px] = res[i];
    const cp = `U+${g.codepoint.toString(16).toUpperCase().padStart(4, "0")}`;
    if (type !== "memoryview") fail(`${cp}: get_ch returned ${type}, not memoryview`);
    if (h !== g.height || w !== g.width) fail(`${cp}: size ${w}x${h}, JSON ${g.width}x${g.height}`);
    if (hex !== g.bitmap) fail(`${cp}: bytes ${hex} != JSON ${g.bitmap}`);
    const want = decode(g.bitmap, g.width, g.height, f);
    if (px.length && want.some((v, k) => v !== px[k])) fail(`${cp}: framebuf pixels differ from JSON`);
});

// A character outside the font gives the default glyph.
const present = new Set(glyphs.map((g) => g.codepoint));
let absent = 0x10fffd;
while (present.has(absent)) absent--;
const dflt = glyphs.find((g) => g.codepoint === 0x3f) || glyphs[0];
const miss = JSON.parse(py(`print(json.dumps(F.get_ch(chr(${absent}))[1:]))`));
if (miss[0] !== dflt.height || miss[1] !== dflt.width) fail(`missing char did not give the default glyph`);

if (failures) {
    console.error(`${name}: ${failures} mismatch(es)`);
    process.exit(1);
}
console.log(`${name}: ${glyphs.length} glyphs match in MicroPython ${py("import sys\nprint(sys.version)")}`);
