#!/usr/bin/env python3
"""Field arithmetic mod 2^255 - 19 and scalar reduction mod L against Python
integers. Usage: test_fe25519.py DRIVER"""
import random
import subprocess
import sys

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
OPS = {
    "mul": lambda a, b: a * b,
    "sq": lambda a, b: a * a,
    "sq2": lambda a, b: 2 * a * a,
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "inv": lambda a, b: pow(a, P - 2, P),
    "pow": lambda a, b: pow(a, (P - 5) // 8, P),
    "enc": lambda a, b: a,
    "chain": lambda a, b: (a * b + a - b) * (b - a * b - a),
}


def main():
    rng = random.Random(25519)
    edge = [0, 1, 2, 18, 19, 20, P - 2, P - 1, P, P + 1, P + 18, 2**255 - 1,
            2**254, 2**255 - 20, 2**26 - 1, 2**51, (P - 1) // 2]
    values = edge + [rng.getrandbits(255) for _ in range(300)]
    values += [(1 << 255) - 1 - rng.getrandbits(40) for _ in range(40)]
    lines, want = [], []
    for op, fn in OPS.items():
        pairs = [(a, b) for a in edge for b in edge]
        pairs += [(rng.choice(values), rng.choice(values)) for _ in range(400)]
        for a, b in pairs:
            # Bit 255 is ignored on input.
            r = fn(a % 2**255, b % 2**255) % P
            lines.append("%s %s %s" % (op, a.to_bytes(32, "little").hex(),
                                       b.to_bytes(32, "little").hex()))
            want.append("%s %d %d" % (r.to_bytes(32, "little").hex(), r == 0, r & 1))
    # Scalars: random digests, multiples of L, values just below and above
    # multiples of L (the rare "low part below q (L - 2^252)" branch).
    wide = [0, 1, L - 1, L, L + 1, 2**512 - 1, 2**252, 2**252 - 1, 2**253]
    wide += [rng.getrandbits(512) for _ in range(300)]
    for _ in range(300):
        k = rng.getrandbits(rng.choice((8, 64, 200, 259)))
        wide += [k * L, k * L + rng.getrandbits(rng.choice((1, 8, 100))), max(k * L - 1, 0)]
    for _ in range(100):
        shift = rng.randrange(0, 260)
        wide.append((L << shift) % 2**512)
        wide.append(((L << shift) + rng.getrandbits(20)) % 2**512)
    for x in wide:
        x %= 2**512
        lines.append("scr %s -" % x.to_bytes(64, "little").hex())
        want.append((x % L).to_bytes(32, "little").hex())
    for x in [0, 1, L - 1, L, L + 1, 2**256 - 1, 2**252, L - 2**200] + \
            [rng.getrandbits(253) for _ in range(200)]:
        lines.append("scc %s -" % x.to_bytes(32, "little").hex())
        want.append("%d" % (x < L))
    out = subprocess.run([sys.argv[1]], input="\n".join(lines) + "\n",
                         capture_output=True, text=True, check=True).stdout.split("\n")
    bad = 0
    for i, w in enumerate(want):
        if i >= len(out) or out[i] != w:
            bad += 1
            if bad <= 10:
                print("FAIL", lines[i], "got", out[i] if i < len(out) else None, "want", w)
    print("%d cases, %d failures" % (len(want), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
