// Test helpers for the loader: a bundle builder written from
// docs/bundle-format.md alone (libsodium signs, so it is an oracle
// independent of the loader's verifier), and a simulated port with fault
// injection (read error at byte N, write error at chunk K, a logging RAM).
#ifndef TEST_BUNDLE_GEN_H
#define TEST_BUNDLE_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "fwl/loader.h"

struct gen_asset {
    const char *name;
    uint8_t kind, format;
    uint32_t addr, size;
    uint32_t width, height, stride, aux0, aux1, aux2;
};

struct gen_params {
    uint32_t target_id, space_base, space_size, security_version, chunk_size;
    uint32_t payload_addr, payload_len; // 0, 0: from the assets
    uint32_t hdr_size, entry_size;      // 0: 96 / 64
    uint16_t version, flags;            // 0 version: 1
    const uint8_t *seed;                // 32-byte Ed25519 seed of the signing key
    const uint8_t *key_id_pk;           // public key whose id goes in the header (NULL: signer)
    int tamper_chunk_count;             // add this to chunk_count before signing
    int bad_name;                       // first entry's name without NUL
    // Format v2: the segment stream the chunks carry, composed by the test
    // (docs/bundle-format.md section 5.1); NULL: v1 with the payload image.
    // Version defaults to 2, hdr_size to 100, stored_len = stream_len.
    const uint8_t *stream;
    uint32_t stream_len;
};

// Builds a bundle into buf (capacity cap); returns its length, 0 if it does
// not fit. Asset bytes are a pattern seeded by the asset index; the payload
// image (gaps zero) goes to *payload if not NULL (payload_len bytes).
size_t gen_bundle(uint8_t *buf, size_t cap, const struct gen_params *p,
                  const struct gen_asset *assets, size_t n, uint8_t *payload);

// Ed25519 public key for a 32-byte seed.
void gen_public_key(uint8_t pk[32], const uint8_t seed[32]);

// Simulated target RAM and source, with a write log.
#define SIM_RAM_SIZE 0x10000u
#define SIM_LOG_MAX  256
struct sim {
    const uint8_t *bundle;
    size_t bundle_len;
    uint32_t read_fail_at;  // a read touching this byte fails; UINT32_MAX: never
    uint32_t write_fail_at; // this write (0-based) fails; UINT32_MAX: never
    uint32_t writes, reads, bytes_read;
    uint32_t log_addr[SIM_LOG_MAX], log_len[SIM_LOG_MAX];
    uint8_t ram[SIM_RAM_SIZE];
    uint32_t stored_version, set_calls, progress_calls, last_done;
    int storage_fail;
};

void sim_reset(struct sim *s, const uint8_t *bundle, size_t len);
int sim_read(void *ctx, uint32_t off, uint8_t *buf, size_t len);
int sim_write(void *ctx, uint32_t addr, const uint8_t *buf, size_t len);
int sim_get_version(void *ctx, uint32_t *v);
int sim_set_version(void *ctx, uint32_t v);
void sim_progress(void *ctx, uint32_t done, uint32_t total);

// A port over `s`: memory-mapped when `buf` is NULL, else a read-callback
// source with that buffer. Keys and target as given; RAM [0, SIM_RAM_SIZE).
void sim_port(struct fwl_port *port, struct sim *s, uint8_t *buf, size_t buf_size,
              const uint8_t (*keys)[32], size_t key_count, uint32_t target_id);

#endif
