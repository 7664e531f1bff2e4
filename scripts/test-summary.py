#!/usr/bin/env python3
"""Sums meson's test logs (meson-logs/testlog.json) of the given build dirs.

Prints one line per build dir and a last line 'N passed, N failed, N skipped'.
Exit status 1 if any test failed or no test ran.
"""
import json
import sys

OK = {"OK", "EXPECTEDFAIL"}
SKIP = {"SKIP"}

passed = failed = skipped = 0
for d in sys.argv[1:]:
    p = f = s = 0
    try:
        with open(f"{d}/meson-logs/testlog.json", encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                r = json.loads(line).get("result")
                if r in OK:
                    p += 1
                elif r in SKIP:
                    s += 1
                else:
                    f += 1
    except FileNotFoundError:
        print(f"{d}: no test log", file=sys.stderr)
        f += 1
    print(f"{d}: {p} passed, {f} failed, {s} skipped", file=sys.stderr)
    passed += p
    failed += f
    skipped += s

print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
