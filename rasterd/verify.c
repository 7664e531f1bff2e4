#include "verify.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "fileio.h"
#include "formats/bundle.h"
#include "formats/error.h"
#include "keys.h"
#include "log.h"

int verify_bundle(const uint8_t *buf, size_t len, const uint8_t public_key[32], char *why,
                  size_t why_len)
{
    int result = -1;
    uint32_t signed_len;
    int err = fmt_bundle_frame(buf, len, &signed_len);
    if (err < 0) {
        snprintf(why, why_len, "%s", fmt_strerror(err));
        return result;
    }
    if (crypto_sign_verify_detached(buf + signed_len, buf, signed_len, public_key) != 0) {
        snprintf(why, why_len, "signature does not verify with this public key");
        return result;
    }
    struct fmt_bundle_info info;
    err = fmt_bundle_parse(buf, len, &info);
    if (err < 0) {
        snprintf(why, why_len, "%s", fmt_strerror(err));
        return result;
    }
    uint8_t id[BUNDLE_KEY_ID_SIZE];
    fmt_bundle_key_id(id, public_key);
    if (memcmp(id, info.key_id, sizeof(id)) != 0) {
        snprintf(why, why_len, "key id in the header does not match the public key");
        return result;
    }
    uint32_t bad;
    err = fmt_bundle_check_chain(buf, &info, &bad);
    if (err < 0) {
        snprintf(why, why_len, "chunk %u of %u: %s", (unsigned)bad, (unsigned)info.chunk_count,
                 fmt_strerror(err));
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
