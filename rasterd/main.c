// rasterd: build signed asset bundles for embedded displays. Thin: parses the
// subcommand and its options and hands over to build/inspect/verify/keys.
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "build.h"
#include "exitcodes.h"
#include "wire/bundle_wire.h"
#include "inspect.h"
#include "keys.h"
#include "log.h"
#include "rasterd_version.h"
#include "verify.h"
#include "watchmain.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: rasterd COMMAND [options]\n\n"
            "commands:\n"
            "  build DIR [--key FILE] [-q]       build DIR/rasterd.conf into a signed bundle,\n"
            "                                    assets.h and assets.py\n"
            "  --watch DIR [--key FILE] [--json] [-v|-q] [--cache-dir D|--no-cache]\n"
            "                                    build, then rebuild on every save\n"
            "  inspect FILE [--json]             print a bundle's header, directory, segments and\n"
            "                                    chunks, or a ROMFS image's files\n"
            "  verify BUNDLE --pubkey FILE       check the signature, every chunk digest and\n"
            "                                    that zlib segments inflate to their size\n"
            "  keygen -o PATH/NAME               create an Ed25519 signing key pair\n\n"
            "  --help, --version\n\n"
            "The signing key comes from --key, else $%s, else bundle.key.\n"
            "Exit codes: 0 ok, 64 usage, 65 bad input data, 66 missing input, 73 cannot\n"
            "create output, 77 key permissions, 78 bad manifest. See rasterd(1).\n",
            KEYS_ENV);
}

static int build_main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"key", required_argument, NULL, 'k'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct build_opts bo = {NULL};
    int c;
    while ((c = getopt_long(argc, argv, "k:qh", opts, NULL)) != -1) {
        if (c == 'k') {
            bo.key_path = optarg;
        } else if (c == 'q') {
            log_quiet = 1;
        } else if (c == 'h') {
            fprintf(stdout, "usage: rasterd build DIR [--key FILE] [-q]\n");
            return 0;
        } else {
            fprintf(stderr, "usage: rasterd build DIR [--key FILE] [-q]\n");
            return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        fprintf(stderr, "usage: rasterd build DIR [--key FILE] [-q]\n");
        return EXIT_USAGE;
    }
    return build_run(argv[optind], &bo);
}

static int keygen_main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *out = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        if (c == 'o') {
            out = optarg;
        } else if (c == 'h') {
            fprintf(stdout, "usage: rasterd keygen -o PATH/NAME\n");
            return 0;
        } else {
            fprintf(stderr, "usage: rasterd keygen -o PATH/NAME\n");
            return EXIT_USAGE;
        }
    }
    if (out == NULL || optind != argc) {
        fprintf(stderr, "usage: rasterd keygen -o PATH/NAME\n");
        return EXIT_USAGE;
    }
    char why[1024];
    int rc = keys_generate(out, why, sizeof(why));
    if (rc != 0) {
        log_error("%s", why);
        return rc;
    }
    log_info("wrote %s.key (secret, mode 0600), %s.pub, %s.pub.h, %s_pub.py", out, out, out, out);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("rasterd %s (bundle formats %u to %u)\n", RASTERD_VERSION,
               (unsigned)BUNDLE_VERSION_1, (unsigned)BUNDLE_VERSION);
        return 0;
    }
    if (sodium_init() < 0) {
        log_error("libsodium failed to initialise");
        return EXIT_SOFTWARE;
    }
    // Subcommands parse argv[1..] so that argv[0] of getopt is the command.
    argc--;
    argv++;
    if (strcmp(cmd, "--watch") == 0 || strcmp(cmd, "watch") == 0) {
        return watch_main(argc, argv);
    }
    if (strcmp(cmd, "build") == 0) {
        return build_main(argc, argv);
    }
    if (strcmp(cmd, "inspect") == 0) {
        return inspect_main(argc, argv);
    }
    if (strcmp(cmd, "verify") == 0) {
        return verify_main(argc, argv);
    }
    if (strcmp(cmd, "keygen") == 0) {
        return keygen_main(argc, argv);
    }
    log_error("unknown command '%s' (try rasterd --help)", cmd);
    return EXIT_USAGE;
}
