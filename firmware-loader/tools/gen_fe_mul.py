#!/usr/bin/env python3
"""Prints the unrolled bodies of fe_mul() and fe_sq() for fe25519.c.

Radix 2^25.5: limb i holds bits [ceil(25.5 i), ceil(25.5 (i+1))), so even limbs
have 26 bits and odd limbs 25. A product f_i g_j lands on limb i+j, doubled
when i and j are both odd (the two half bits add up), and limbs past 9 wrap
around multiplied by 19 because 2^255 = 19 (mod p). Developer tool: its
output is pasted into fe25519.c, not run at build time."""


def mul_terms(k):
    terms = []
    for i in range(10):
        for j in range(10):
            if (i + j) % 10 != k:
                continue
            odd = i % 2 == 1 and j % 2 == 1
            left = "f%d_2" % i if odd else "f%d" % i
            right = "g%d_19" % j if i + j >= 10 else "g%d" % j
            terms.append("(uint64_t)%s * %s" % (left, right))
    return terms


def sq_terms(k):
    terms = []
    for i in range(10):
        for j in range(i, 10):
            if (i + j) % 10 != k:
                continue
            coef = (2 if i != j else 1) * (2 if i % 2 and j % 2 else 1)
            left = {1: "f%d" % i, 2: "f%d_2" % i, 4: "f%d_4" % i}[coef]
            right = "f%d_19" % j if i + j >= 10 else "f%d" % j
            terms.append("(uint64_t)%s * %s" % (left, right))
    return terms


def emit(name, fn):
    print("// %s" % name)
    for k in range(10):
        print("    uint64_t h%d = %s;" % (k, " + ".join(fn(k))))


emit("mul", mul_terms)
emit("sq", sq_terms)
