#!/usr/bin/env python3
"""rasterd command-line tests: build, inspect, verify, keygen, manifest errors,
exit codes, reproducibility, keeping the last good output.

Usage: test_cli.py RASTERD_BINARY   (meson passes it; DEJAVU_DIR from the env)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_chain  # noqa: E402
import harness  # noqa: E402
from harness import check  # noqa: E402

RASTERD = os.path.abspath(sys.argv[1])
DEJAVU = os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu")
FONT = os.path.join(DEJAVU, "DejaVuSans.ttf")


def run(*args, env=None):
    """rasterd ARGS, never with the caller's signing key: (exit, out, err)."""
    p = harness.run([RASTERD, *args], env=env, drop_env=("RASTERD_SIGNING_KEY_FILE",))
    return p.returncode, p.stdout, p.stderr


MANIFEST = """\
target = {{ name = "test"; base = {base}; size = {size}; }};
bundle = {{ chunk_size = 256; security_version = 2; key = "keys/k.key"; }};
fonts = ( {{ name = "f"; file = "{font}"; size = 10; chars = "0x30-0x39"; bpp = 2; }} );
raw = (
  {{ name = "one"; file = "one.bin"; }},
  {{ name = "two"; file = "two.bin"; align = 64; {extra} }}
);
"""


def make_dir(base="0x1000L", size="0x10000L", extra="", font=FONT, keygen=True):
    d = tempfile.mkdtemp(prefix="rasterd-cli-")
    with open(os.path.join(d, "one.bin"), "wb") as f:
        f.write(bytes(range(256)) * 2)
    with open(os.path.join(d, "two.bin"), "wb") as f:
        f.write(b"\x5a" * 100)
    write_manifest(d, MANIFEST.format(base=base, size=size, extra=extra, font=font))
    if keygen:
        rc, _, err = run("keygen", "-o", os.path.join(d, "keys", "k"))
        assert rc == 0, err
    return d


def write_manifest(d, text):
    with open(os.path.join(d, "rasterd.conf"), "w") as f:
        f.write(text)


def outputs(d):
    out = os.path.join(d, "out")
    if not os.path.isdir(out):
        return {}
    return {n: open(os.path.join(out, n), "rb").read() if os.path.isfile(os.path.join(out, n))
            else None for n in sorted(os.listdir(out))}


def test_build_inspect_verify_and_chain():
    d = make_dir()
    rc, _, err = run("build", d)
    check(rc == 0, "build succeeds", err)
    outs = outputs(d)
    check(sorted(outs) == ["assets.bin", "assets.h", "assets.py"], "three outputs", str(list(outs)))
    bundle = os.path.join(d, "out", "assets.bin")
    rc, _, err = run("verify", bundle, "--pubkey", os.path.join(d, "keys", "k.pub"))
    check(rc == 0, "verify accepts the bundle", err)
    pub = open(os.path.join(d, "keys", "k.pub"), "rb").read()
    h = check_chain.check(outs["assets.bin"], pub)
    check(h["security_version"] == 2 and h["chunk_size"] == 256, "python oracle decodes header")
    rc, js, err = run("inspect", "--json", bundle)
    info = json.loads(js)
    check(rc == 0 and info["chunk_count"] == h["chunk_count"], "inspect --json agrees with oracle")
    check(info["key_id"] == h["key_id"], "key id = BLAKE2s(pubkey)[:8]")
    last = info["chunks"][-1]
    check(len(info["chunks"]) == h["chunk_count"] and
          last["offset"] + last["record_len"] == len(outs["assets.bin"]) and
          last["addr"] + last["len"] == h["payload_addr"] + h["payload_len"],
          "inspect --json chunk layout covers the file and the payload range")
    # The payload holds each asset verbatim at addr - payload_addr.
    one = open(os.path.join(d, "one.bin"), "rb").read()
    a = {x["name"]: x for x in h["assets"]}
    off = a["one"]["addr"] - h["payload_addr"]
    check(h["payload"][off:off + len(one)] == one, "raw asset stored verbatim at its address")
    check(a["two"]["addr"] % 64 == 0, "per-asset alignment honoured")
    # assets.py is importable and agrees with the bundle.
    ns = {}
    exec(compile(outs["assets.py"], "assets.py", "exec"), ns)
    check(ns["TWO_ADDR"] == a["two"]["addr"] and ns["ONE_SIZE"] == 512, "assets.py constants")
    check(ns["F_FIRST_CHAR"] == 0x30 and ns["F_GLYPHS"] == 10, "assets.py font metadata")
    hdr = outs["assets.h"].decode()
    check("#define ASSET_TWO_ADDR 0x%08xu" % a["two"]["addr"] in hdr, "assets.h constants")
    # Tampering is caught by rasterd verify.
    data = bytearray(outs["assets.bin"])
    data[-1] ^= 1
    bad = os.path.join(d, "bad.bin")
    open(bad, "wb").write(data)
    rc, _, err = run("verify", bad, "--pubkey", os.path.join(d, "keys", "k.pub"))
    check(rc == 65 and "INVALID" in err, "verify rejects a flipped payload bit (65)", err)
    rc, _, err = run("inspect", bad[:-4] + ".missing")
    check(rc == 66, "inspect of a missing file exits 66", err)
    shutil.rmtree(d)


def test_reproducible():
    d = make_dir()
    rc1, _, _ = run("build", d)
    first = outputs(d)
    os.unlink(os.path.join(d, "out"))  # the generation symlink
    shutil.rmtree(os.path.join(d, ".out.gen"))
    rc2, _, _ = run("build", d)
    check(rc1 == 0 and rc2 == 0 and first == outputs(d), "two builds are byte-identical")
    shutil.rmtree(d)


def expect_config_error(text, needle, what):
    d = make_dir()
    write_manifest(d, text)
    rc, _, err = run("build", d)
    check(rc == 78 and needle in err, what, "rc=%d err=%s" % (rc, err))
    shutil.rmtree(d)


def test_manifest_errors():
    base = MANIFEST.format(base="0x1000L", size="0x10000L", extra="", font=FONT)
    expect_config_error(base.replace('security_version = 2;', 'security_version = 2; colour = 1;'),
                        "rasterd.conf:2: bundle.colour: unknown key", "unknown key: file:line + path")
    expect_config_error(base.replace('chunk_size = 256;', 'chunk_size = "big";'),
                        "rasterd.conf:2: bundle.chunk_size: expected an integer, got a string",
                        "wrong type: file:line + path")
    expect_config_error(base.replace('bpp = 2;', 'bpp = 3;'),
                        "rasterd.conf:3: fonts[0].bpp: bpp must be 1, 2, 4 or 8", "bad bpp names fonts[0].bpp")
    expect_config_error(base.replace('chunk_size = 256;', 'chunk_size = 128;'),
                        "bundle.chunk_size: value 128 out of range 256..65536", "out of range")
    expect_config_error(base.replace('align = 64;', 'align = 48;'),
                        "rasterd.conf:6: raw[1].align: 48 is not a power of two",
                        "alignment must be a power of two")
    expect_config_error(base.replace('name = "two";', 'name = "one";'),
                        "already used on line 5", "duplicate asset name")
    expect_config_error(base.replace('size = 0x10000L;', 'size = -5;'),
                        "target.size: value -5 out of range", "negative size rejected")
    expect_config_error(base.replace('};\nbundle', '\nbundle', 1), "rasterd.conf:8: syntax error",
                        "syntax error has file:line")
    expect_config_error(base.replace('two.bin"; align = 64;', 'two.bin"; align = 64; address = 0x1001;'),
                        "fixed address 0x00001001 is not aligned", "misaligned fixed address (78)")


def test_hex_addresses_above_2g():
    # 0x88020000 without L is parsed by libconfig 1.5 as a negative 32-bit int.
    d = make_dir(base="0x80000000", size="0x10000000", extra="address = 0x88020000;")
    rc, _, err = run("build", d)
    check(rc == 0, "hex address >= 0x80000000 without L accepted", err)
    if rc == 0:
        _, js, _ = run("inspect", "--json", os.path.join(d, "out", "assets.bin"))
        info = json.loads(js)
        two = [a for a in info["assets"] if a["name"] == "two"][0]
        check(two["addr"] == 0x88020000 and info["space_base"] == 0x80000000,
              "address 0x88020000 and base 0x80000000 read as unsigned")
    shutil.rmtree(d)
    d = make_dir(base="0x80000000L", size="0x10000000L", extra="address = 0x88020000L;")
    rc, _, err = run("build", d)
    check(rc == 0, "hex address with L suffix accepted", err)
    shutil.rmtree(d)


def test_overflow_and_overlap_errors():
    d = make_dir(size="0x200L")
    rc, _, err = run("build", d)
    check(rc == 65 and "does not fit" in err and "largest assets" in err,
          "overflow exits 65 and lists largest assets", err)
    shutil.rmtree(d)
    d = make_dir(extra="address = 0x1000L;")
    text = open(os.path.join(d, "rasterd.conf")).read()
    write_manifest(d, text.replace('file = "one.bin";', 'file = "one.bin"; address = 0x1040L;'))
    rc, _, err = run("build", d)
    check(rc == 78 and "overlap" in err, "overlapping fixed addresses exit 78", err)
    shutil.rmtree(d)


def test_keys():
    d = make_dir()
    key = os.path.join(d, "keys", "k.key")
    check(os.stat(key).st_mode & 0o777 == 0o600, "keygen writes the secret key 0600")
    rc, _, err = run("keygen", "-o", os.path.join(d, "keys", "k"))
    check(rc == 73 and "refusing to overwrite" in err, "keygen refuses to overwrite", err)
    ns = {}
    exec(open(os.path.join(d, "keys", "k_pub.py")).read(), ns)
    check(ns["RASTERD_PUBKEY_k"] == open(os.path.join(d, "keys", "k.pub"), "rb").read(),
          "Python public key constant matches")
    rc, _, _ = run("build", d)
    before = outputs(d)
    os.chmod(key, 0o644)
    rc, _, err = run("build", d)
    check(rc == 77 and "too open" in err, "0644 secret key refused with 77", err)
    check(before == outputs(d), "refused key leaves outputs unchanged")
    os.chmod(key, 0o600)
    # The environment variable overrides the manifest's key.
    other = os.path.join(d, "keys", "ci")
    run("keygen", "-o", other)
    rc, _, err = run("build", d, env={"RASTERD_SIGNING_KEY_FILE": other + ".key"})
    check(rc == 0, "RASTERD_SIGNING_KEY_FILE build", err)
    rc, _, _ = run("verify", os.path.join(d, "out", "assets.bin"), "--pubkey", other + ".pub")
    check(rc == 0, "bundle signed with the key from the environment")
    rc, _, _ = run("verify", os.path.join(d, "out", "assets.bin"), "--pubkey",
                   os.path.join(d, "keys", "k.pub"))
    check(rc == 65, "and not with the manifest's key")
    shutil.rmtree(d)


def test_broken_input_keeps_previous_outputs():
    d = make_dir()
    broken = os.path.join(d, "broken.ttf")
    shutil.copy(FONT, broken)
    text = open(os.path.join(d, "rasterd.conf")).read()
    write_manifest(d, text.replace(FONT, broken))
    rc, _, err = run("build", d)
    check(rc == 0, "build with a copied font", err)
    before = outputs(d)
    with open(broken, "r+b") as f:
        f.truncate(2000)
    rc, _, err = run("build", d)
    check(rc == 65 and "broken.ttf" in err, "truncated font exits 65 naming the file", err)
    check(before == outputs(d), "broken font leaves previous outputs byte-identical")
    shutil.copy(FONT, broken)
    os.unlink(os.path.join(d, "two.bin"))
    rc, _, err = run("build", d)
    check(rc == 66 and "two.bin" in err, "missing raw file exits 66 naming it", err)
    check(before == outputs(d), "missing input leaves previous outputs byte-identical")
    shutil.rmtree(d)


def test_unwritable_output_keeps_previous_outputs():
    # A file size limit makes writing the new generation fail half-way (with
    # SIGXFSZ ignored, write() returns EFBIG): the switch never happens.
    import resource
    import signal
    d = make_dir()
    rc, _, _ = run("build", d)
    before = outputs(d)
    link = os.readlink(os.path.join(d, "out"))
    with open(os.path.join(d, "one.bin"), "ab") as f:
        f.write(b"changed" * 300)

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))
    e = dict(os.environ)
    e.pop("RASTERD_SIGNING_KEY_FILE", None)
    p = subprocess.run([RASTERD, "build", d], capture_output=True, text=True, env=e,
                       preexec_fn=limit)
    check(p.returncode == 73 and "assets" in p.stderr, "output that cannot be written exits 73",
          p.stderr)
    check(before == outputs(d) and os.readlink(os.path.join(d, "out")) == link,
          "no output replaced when one cannot be written")
    store = sorted(os.listdir(os.path.join(d, ".out.gen")))
    check(store == sorted(["lock", link.split("/")[-1]]), "no half-written generation left", str(store))
    shutil.rmtree(d)


def test_misc_exit_codes():
    rc, out, _ = run("--help")
    check(rc == 0 and "build DIR" in out, "--help")
    rc, out, _ = run("--version")
    check(rc == 0 and out.startswith("rasterd "), "--version")
    rc, _, _ = run("frobnicate")
    check(rc == 64, "unknown command exits 64")
    d = tempfile.mkdtemp()
    rc, _, err = run("build", d)
    check(rc == 66 and "rasterd.conf" in err, "missing manifest exits 66", err)
    shutil.rmtree(d)
    d = make_dir(keygen=False)
    rc, _, err = run("build", d)
    check(rc == 66 and "k.key" in err, "missing key file exits 66", err)
    shutil.rmtree(d)


def test_example_builds():
    src = os.path.join(os.environ.get("SRCDIR", "."), "examples")
    d = tempfile.mkdtemp(prefix="rasterd-example-")
    ex = os.path.join(d, "examples")
    shutil.copytree(src, ex, ignore=shutil.ignore_patterns("out", "keys"))
    run("keygen", "-o", os.path.join(d, "ci"))
    rc, _, err = run("build", ex, env={"RASTERD_SIGNING_KEY_FILE": os.path.join(d, "ci.key")})
    check(rc == 0, "examples/ builds", err)
    if rc == 0:
        data = open(os.path.join(ex, "out", "assets.bin"), "rb").read()
        h = check_chain.check(data, open(os.path.join(d, "ci.pub"), "rb").read())
        print("example bundle: %d bytes, payload %d, overhead %d, %d assets" %
              (len(data), h["payload_len"], len(data) - h["payload_len"], h["asset_count"]))
        cc = shutil.which("cc")
        if cc:
            prog = os.path.join(d, "use.c")
            with open(prog, "w") as f:
                f.write('#include "assets.h"\n#include "ci.pub.h"\n'
                        'int main(void) { return (ASSET_SANS16_ADDR + ASSET_LOGO_STRIDE'
                        ' + rasterd_pubkey_ci[0]) == 0u; }\n')
            p = subprocess.run([cc, "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic",
                                "-I", os.path.join(ex, "out"), "-I", d, "-fsyntax-only", prog],
                               capture_output=True, text=True)
            check(p.returncode == 0, "assets.h and the key header compile as C99", p.stderr)
    shutil.rmtree(d)


def test_images():
    src = os.path.join(os.environ.get("SRCDIR", "."), "examples", "images", "icon.png")
    d = make_dir()
    shutil.copy(src, os.path.join(d, "icon.png"))
    text = open(os.path.join(d, "rasterd.conf")).read()
    text += """images = (
  { name = "i565"; file = "icon.png"; format = "RGB565"; },
  { name = "i1"; file = "icon.png"; format = "L1"; dither = true; }
);
"""
    write_manifest(d, text)
    rc, _, err = run("build", d)
    check(rc == 0, "build with images", err)
    before = outputs(d)
    h = check_chain.check(before.get("assets.bin", b""))
    a = {x["name"]: x for x in h["assets"]}
    check(a["i565"]["size"] == 24 * 24 * 2 and a["i565"]["format"] == 7, "RGB565 24x24 = 1152 bytes")
    check(a["i1"]["size"] == 3 * 24 and a["i1"]["format"] == 1, "L1 24x24 = 72 bytes")
    with open(os.path.join(d, "icon.png"), "r+b") as f:
        f.truncate(60)
    rc, _, err = run("build", d)
    check(rc == 65 and "icon.png" in err, "truncated PNG exits 65 naming the file", err)
    check(before == outputs(d), "broken PNG leaves previous outputs byte-identical")
    shutil.rmtree(d)


def main():
    test_images()
    test_example_builds()
    test_build_inspect_verify_and_chain()
    test_reproducible()
    test_manifest_errors()
    test_hex_addresses_above_2g()
    test_overflow_and_overlap_errors()
    test_keys()
    test_broken_input_keeps_previous_outputs()
    test_unwritable_output_keeps_previous_outputs()
    test_misc_exit_codes()
    return harness.finish()


if __name__ == "__main__":
    sys.exit(main())
