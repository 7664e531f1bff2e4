"""UTF-8 text to legacy-font slot bytes (docs/eve-fonts.md, "Unicode on FT81x"),
checked against CPython's own UTF-8 decoder as the oracle:

- fwl_eve_text_encode (fwl/eve_text.h) through eve_text_driver, on random
  valid and ill-formed UTF-8: each maximal subpart of an ill-formed sequence
  becomes one fallback slot, exactly where bytes.decode("utf-8", "replace")
  puts one U+FFFD;
- the eve_text() function rasterd writes into assets.py, in the real
  MicroPython unix port (tests/micropython), on valid text.

    check_eve_text.py c DRIVER              the C encoder
    check_eve_text.py micropython RASTERD   the Python encoder (skips without
                                            the unix port)
"""
import os
import random
import sys
import tempfile

from harness import check, finish, run, skip  # noqa: F401

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "micropython"))
import mpport  # noqa: E402

MODE, PROG = sys.argv[1], sys.argv[2]
rng = random.Random(13)

# Characters the tests draw from: ASCII, Latin-1, Polish, Greek, Cyrillic,
# CJK, an emoji (4 bytes), and U+0000.
POOL = ([chr(c) for c in range(1, 128)] + list("äöüßÄÖÜéèàç") + list("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ") +
        list("αβγδεζηθλμπσωΑΒΓΔΩ") + list("абвгдежзийклмнопрстуфхцчшщъыьэюяЖЯ") +
        list("中文字体漢字日本語한국") + ["\U0001F600", "\u20ac", "\x00"])


def make_map(chars):
    """A text map as rasterd writes it: sorted (code point, slot)."""
    cps = sorted({ord(c) for c in chars})
    slots = rng.sample(range(1, 128), len(cps))
    return dict(zip(cps, slots))


def map_bytes(m):
    return b"".join(cp.to_bytes(3, "little") + bytes([s]) for cp, s in sorted(m.items()))


def oracle(data, m, fallback):
    """Slots and unmapped count from CPython's decoder ('replace': one U+FFFD
    per maximal subpart; the maps never hold U+FFFD or U+0000)."""
    text = data.decode("utf-8", "replace")
    out = bytes(m.get(ord(c), fallback) if c not in "\ufffd\x00" else fallback for c in text)
    missing = sum(1 for c in text if c in "\ufffd\x00" or ord(c) not in m)
    return out, missing


def random_bytes():
    """Valid text with random damage: cut, flipped, inserted bytes."""
    s = "".join(rng.choice(POOL) for _ in range(rng.randint(0, 24))).encode()
    b = bytearray(s)
    for _ in range(rng.randint(0, 4)):
        op = rng.randint(0, 3)
        if op == 0 and b:
            del b[rng.randrange(len(b))]
        elif op == 1 and b:
            b[rng.randrange(len(b))] = rng.randint(0x80, 0xFF)
        elif op == 2:
            b.insert(rng.randint(0, len(b)), rng.choice([0x80, 0xBF, 0xC0, 0xC1, 0xE0, 0xED,
                                                           0xF0, 0xF4, 0xF5, 0xFF]))
    return bytes(b)


# Hand-picked edges of the Unicode ill-formed-sequence table.
EDGES = [b"", b"\xc0\x80", b"\xe0\x80\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xf0\x8f",
         b"\xe2\x82", b"\xe2\x82\xac", b"\xf0\x9f\x98", b"\xf0\x9f\x98\x80", b"\x80\x80",
         b"\xc3", b"a\xc3b", b"\xef\xbf\xbf", b"\xf4\x8f\xbf\xbf", b"\xf8\x88\x80\x80\x80",
         b"\x00a\x00"]


def c_cases():
    cases = []
    for i in range(400):
        m = make_map(rng.sample(POOL[:-1], rng.randint(0, 60)))
        data = EDGES[i] if i < len(EDGES) else random_bytes()
        fallback = rng.randint(1, 127)
        outsize = rng.choice([0, 1, 2, 5, 64, 200])
        cases.append((m, fallback, outsize, data))
    lines = ["%s %d %d %s" % (map_bytes(m).hex() or "-", fb, size, data.hex() or "-")
             for m, fb, size, data in cases]
    p = run([PROG], input="\n".join(lines) + "\n")
    check(p.returncode == 0, "eve_text_driver runs", p.stderr)
    results = p.stdout.splitlines()
    check(len(results) == len(cases), "one answer per case")
    bad = 0
    for (m, fb, size, data), got in zip(cases, results):
        want, missing = oracle(data, m, fb)
        kept = want[:max(size - 1, 0)] if size > 0 else b""
        expect = "%d %d %s" % (len(want), missing, kept.hex() or "-")
        if got != expect:
            bad += 1
            if bad <= 5:
                print("mismatch for %r (size %d): got %s want %s" % (data, size, got, expect),
                      file=sys.stderr)
    check(bad == 0, "C encoder equals CPython's decoder on %d cases" % len(cases),
          "%d differ" % bad)


MANIFEST = """target = { name = "eve-text"; base = 0x0L; size = 0x100000L; };
bundle = { key = "k.key"; };
fonts = (
  { name = "latin"; file = "%(dejavu)s/DejaVuSans.ttf"; size = 14;
    chars = "0x20-0x7E,äöüßÄÖÜąćęłńóśźżŁŚŻ"; fallback = "?"; },
  { name = "greek"; file = "%(dejavu)s/DejaVuSans.ttf"; size = 14;
    chars = "αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΩ .,!"; }
);
"""


def micropython_case():
    mp = mpport.unix_or_skip()
    dejavu = os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu")
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "rasterd.conf"), "w") as f:
            f.write(MANIFEST % {"dejavu": dejavu})
        p = run([PROG, "keygen", "-o", os.path.join(d, "k")])
        check(p.returncode == 0, "keygen", p.stderr)
        p = run([PROG, "build", d, "-q"])
        if not check(p.returncode == 0, "rasterd builds the remapped fonts", p.stderr):
            return
        assets = os.path.join(d, "out", "assets.py")
        ns = {}
        exec(compile(open(assets).read(), assets, "exec"), ns)
        texts = ["Zażółć gęślą jaźń", "Grüße, Ärger!", "αβγ δέλτα ΔΩ", "Съешь же ещё",
                 "中文 € \U0001F600", "", "plain ASCII ~"] + [
            "".join(rng.choice(POOL[:-1]) for _ in range(rng.randint(0, 30))) for _ in range(40)]
        script = ("import assets, json\nout = []\nfor s in %r:\n"
                  "    for m, fb in ((assets.LATIN_TEXTMAP, assets.LATIN_FALLBACK_SLOT),\n"
                  "                  (assets.GREEK_TEXTMAP, assets.GREEK_FALLBACK_SLOT)):\n"
                  "        b, n = assets.eve_text(s, m, fb)\n"
                  "        out.append([b.hex(), n])\nprint(json.dumps(out))\n" % texts)
        got = mpport.last_json(mpport.run_unix(mp, script, files=[assets]))
        want = []
        for s in texts:
            for name in ("LATIN", "GREEK"):
                raw = ns[name + "_TEXTMAP"]
                m = {int.from_bytes(raw[k:k + 3], "little"): raw[k + 3]
                     for k in range(0, len(raw), 4)}
                b, n = oracle(s.encode(), m, ns[name + "_FALLBACK_SLOT"])
                want.append([b.hex(), n])
        check(got == want, "MicroPython's eve_text equals CPython's decoding on %d texts"
              % len(texts))
        # The map itself: ASCII keeps its slot, every character has one.
        raw = ns["LATIN_TEXTMAP"]
        m = {int.from_bytes(raw[k:k + 3], "little"): raw[k + 3] for k in range(0, len(raw), 4)}
        check(all(m[c] == c for c in range(0x20, 0x7F)), "ASCII keeps its own slots")
        check(len(set(m.values())) == len(m) and all(1 <= s <= 127 for s in m.values()),
              "slots are distinct and in 1..127")
        check(ns["LATIN_FALLBACK_SLOT"] == ord("?"), "fallback '?' is slot 63")


if MODE == "c":
    c_cases()
else:
    micropython_case()
sys.exit(finish())
