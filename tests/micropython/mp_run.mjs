// Runs a Python script in MicroPython (WebAssembly) with generated modules
// importable, and prints what the script prints:
//   node mp_run.mjs SCRIPT.py MODULE.py...
// Each MODULE.py is copied into /lib (on sys.path) under its own name, so the
// script can `import` it. The test drivers (check_py_*.py) write the script,
// which prints JSON, and compare the result in CPython.
// Exit 0 when the script ran, 1 when it raised (its last lines on stderr),
// 77 (skip) when MicroPython is missing.
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// tests/meson.build passes the package's path (MICROPYTHON_WASM).
const mpPath = process.env.MICROPYTHON_WASM ??
    join(here, "node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs");
const [scriptPath, ...modules] = process.argv.slice(2);
if (!scriptPath) {
    console.error("usage: node mp_run.mjs SCRIPT.py MODULE.py...");
    process.exit(2);
}
if (!existsSync(mpPath)) {
    console.error(`MicroPython WASM not installed (${mpPath}): run scripts/deps.sh, or -Dmicropython_tests=disabled`);
    process.exit(77);
}
const { loadMicroPython } = await import(mpPath);

const out = [];
const err = [];
// A generous heap: the frozen bundle module holds the whole bundle as bytes.
const mp = await loadMicroPython({
    heapsize: 16 * 1024 * 1024,
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
});
mp.FS.mkdir("/lib");
for (const m of modules) {
    mp.FS.writeFile(`/lib/${basename(m)}`, readFileSync(m));
}
try {
    mp.runPython("import sys\nif '/lib' not in sys.path:\n    sys.path.append('/lib')\n");
    mp.runPython(readFileSync(scriptPath, "utf8"));
} catch (e) {
    const msg = String(e && e.message ? e.message : e).split("\n").slice(-4).join(" | ");
    console.error(`MicroPython raised: ${msg.slice(0, 600)}`);
    if (err.length) console.error(err.join("\n").slice(-600));
    process.exit(1);
}
process.stdout.write(out.join("\n") + "\n");
