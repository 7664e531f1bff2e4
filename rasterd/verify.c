#include "verify.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "exitcodes.h"
#include "fileio.h"
#include "wire/bundle_wire.h"
#include "fwl/loader.h"
#include "keys.h"
#include "log.h"

// The device loader's own code (firmware-loader/) decides, so the host and a
// device accept exactly the same bundles: a memory-mapped source and a sink
// that discards. The host has no target of its own, so the port takes the
// target id and address space from the header (the loader still checks that
// the payload and every entry lie inside that space).
static int discard(void *ctx, uint32_t addr, const uint8_t *buf, size_t len)
{
    (void)ctx, (void)addr, (void)buf, (void)len;
    return 0;
}

// zlib segments (format v2) are inflated with zlib as they stream, output
// discarded: a segment must be a valid stream of exactly out_len bytes, so a
// bundle that verifies here is one the chip can inflate.
struct inflater {
    z_stream z;
    int open;
    uint32_t out;
};

static int inflate_check(void *ctx, uint32_t addr, uint32_t out_len, const uint8_t *buf, size_t len,
                         unsigned flags)
{
    struct inflater *f = ctx;
    (void)addr;
    if (flags & FWL_INFLATE_FIRST) {
        if (f->open) {
            inflateEnd(&f->z);
        }
        memset(&f->z, 0, sizeof f->z);
        if (inflateInit(&f->z) != Z_OK) {
            return -1;
        }
        f->open = 1;
        f->out = 0;
    }
    uint8_t sink[16384];
    f->z.next_in = (Bytef *)(uintptr_t)buf;
    f->z.avail_in = (uInt)len;
    int rc = Z_OK;
    while (rc == Z_OK && f->z.avail_in > 0) {
        f->z.next_out = sink;
        f->z.avail_out = sizeof sink;
        rc = inflate(&f->z, Z_NO_FLUSH);
        f->out += (uint32_t)(sizeof sink - f->z.avail_out);
    }
    if (rc == Z_STREAM_END) {
        // Only the zero padding to 4 bytes may follow the stream.
        for (uInt i = 0; i < f->z.avail_in; i++) {
            rc = f->z.next_in[i] != 0 || f->z.avail_in > 3 ? Z_DATA_ERROR : rc;
        }
    }
    if ((rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) || f->out > out_len ||
        ((flags & FWL_INFLATE_LAST) && (rc != Z_STREAM_END || f->out != out_len))) {
        return -2;
    }
    return 0;
}

int verify_bundle(const uint8_t *buf, size_t len, const uint8_t public_key[32], char *why,
                  size_t why_len)
{
    int result = -1;
    if (len > UINT32_MAX) {
        snprintf(why, why_len, "bundle larger than 4 GiB");
        return result;
    }
    const uint8_t(*keys)[32] = (const uint8_t(*)[32])public_key;
    struct inflater inf = {.open = 0};
    struct fwl_port port = {.ctx = &inf,
                            .src = buf,
                            .src_len = (uint32_t)len,
                            .xram_write = discard,
                            .xram_inflate = inflate_check,
                            .keys = keys,
                            .key_count = 1,
                            .ram_base = 0,
                            .ram_size = UINT32_MAX};
    if (len >= BUNDLE_HDR_SIZE) {
        port.target_id = bundle_load_u32(buf + BUNDLE_OFF_TARGET_ID);
        port.ram_base = bundle_load_u32(buf + BUNDLE_OFF_SPACE_BASE);
        port.ram_size = bundle_load_u32(buf + BUNDLE_OFF_SPACE_SIZE);
        if (port.ram_size == 0) {
            port.ram_size = 1; // the loader then reports the header's bad space
        }
    }
    struct fwl_ctx ctx;
    int err = fwl_load(&ctx, &port);
    if (inf.open) {
        inflateEnd(&inf.z);
    }
    if (err == FWL_ERR_WRITE) {
        snprintf(why, why_len, "chunk %u of %u: a zlib segment does not inflate to its size",
                 (unsigned)ctx.chunk, (unsigned)ctx.chunk_count);
        return result;
    }
    if (err == FWL_ERR_CHUNK_DIGEST) {
        snprintf(why, why_len, "chunk %u of %u: %s", (unsigned)ctx.chunk, (unsigned)ctx.chunk_count,
                 fwl_strerror(err));
        return result;
    }
    if (err != FWL_OK) {
        snprintf(why, why_len, "%s", fwl_strerror(err));
        return result;
    }
    result = 0;
    return result;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: rasterd verify BUNDLE --pubkey FILE [-q]\n"
               "Checks the signature and every chunk digest of BUNDLE.\n");
}

int verify_main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"pubkey", required_argument, NULL, 'k'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *pub = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "k:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'k':
            pub = optarg;
            break;
        case 'q':
            log_quiet = 1;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc || pub == NULL) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *path = argv[optind];
    char why[1024];
    uint8_t pk[32];
    int rc = keys_load_public(pub, pk, why, sizeof(why));
    uint8_t *buf = NULL;
    size_t len = 0;
    rc = rc ? rc : file_read(path, &buf, &len, why, sizeof(why));
    if (rc != 0) {
        log_error("%s", why);
        return rc;
    }
    if (verify_bundle(buf, len, pk, why, sizeof(why)) != 0) {
        log_error("%s: INVALID: %s", path, why);
        rc = EXIT_DATAERR;
    } else {
        log_info("%s: OK (signature and all chunk digests verified)", path);
    }
    free(buf);
    return rc;
}
