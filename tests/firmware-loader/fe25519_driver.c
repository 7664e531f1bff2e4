// Driver for test_fe25519.py: reads "op a b" lines (64-hex-digit little-endian
// field encodings) on stdin and prints the canonical result of each operation.
// ops: mul, sq, sq2, add, sub, inv, pow, enc (a only), chain (a*b, then
// (a*b + a) - b squared: checks the documented input bounds). Scalar ops:
// "scr X -" prints X mod L for a 128-hex-digit X, "scc S -" prints 1 if S < L.
#include <stdio.h>
#include <string.h>

#include "fe25519.h"
#include "sc25519.h"

static int unhex_n(uint8_t *out, const char *hex, int n)
{
    if ((int)strlen(hex) != 2 * n) {
        return -1;
    }
    for (int i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) {
            return -1;
        }
        out[i] = (uint8_t)v;
    }
    return 0;
}

static int unhex(uint8_t out[32], const char *hex)
{
    return unhex_n(out, hex, 32);
}

static void print_hex(const uint8_t *p, int n)
{
    for (int i = 0; i < n; i++) {
        printf("%02x", p[i]);
    }
}

int main(void)
{
    char op[16], ha[160], hb[160];
    while (scanf("%15s %159s %159s", op, ha, hb) == 3) {
        uint8_t a[32], b[32], out[32], wide[64];
        fe f, g, h, t;
        if (!strcmp(op, "scr")) {
            if (unhex_n(wide, ha, 64) < 0) {
                return 2;
            }
            fwl_sc_reduce64(out, wide);
            print_hex(out, 32);
            printf("\n");
            continue;
        }
        if (!strcmp(op, "scc")) {
            if (unhex(a, ha) < 0) {
                return 2;
            }
            printf("%d\n", fwl_sc_is_canonical(a));
            continue;
        }
        if (unhex(a, ha) < 0 || unhex(b, hb) < 0) {
            return 2;
        }
        fwl_fe_frombytes(f, a);
        fwl_fe_frombytes(g, b);
        if (!strcmp(op, "mul")) {
            fwl_fe_mul(h, f, g);
        } else if (!strcmp(op, "sq")) {
            fwl_fe_sq(h, f);
        } else if (!strcmp(op, "sq2")) {
            fwl_fe_sq2(h, f);
        } else if (!strcmp(op, "add")) {
            fwl_fe_add(h, f, g);
        } else if (!strcmp(op, "sub")) {
            fwl_fe_sub(h, f, g);
        } else if (!strcmp(op, "inv")) {
            fwl_fe_invert(h, f);
        } else if (!strcmp(op, "pow")) {
            fwl_fe_pow22523(h, f);
        } else if (!strcmp(op, "enc")) {
            memcpy(h, f, sizeof h);
        } else if (!strcmp(op, "chain")) {
            // Three-term sums of tight values as multiplier inputs (a decoded
            // element counts as two, so tighten f and g first).
            fe one = {1};
            fwl_fe_mul(f, f, one);
            fwl_fe_mul(g, g, one);
            fwl_fe_mul(t, f, g);
            fwl_fe_add(h, t, f);
            fwl_fe_sub(h, h, g);
            fwl_fe_sub(t, g, t);
            fwl_fe_sub(t, t, f);
            fwl_fe_mul(h, h, t);
        } else {
            return 2;
        }
        fwl_fe_tobytes(out, h);
        print_hex(out, 32);
        printf(" %d %d\n", fwl_fe_iszero(h), fwl_fe_isodd(h));
    }
    return 0;
}
