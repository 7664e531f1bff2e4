// rasterd: content-addressed build cache. An asset job's key is a BLAKE2b-256
// (libsodium crypto_generichash) over the rasterd version, a job kind, the
// job's options and the bytes of every input file, so an unchanged asset is
// never converted again, also across restarts.
//
// Layout: DIR/v1/XX/KEYHEX, where XX is the first key byte in hex. Each
// entry is "RDC1" + u64le length + data + BLAKE2b-256 of the data; an entry
// that fails that check reads as a miss. Entries are written to a temporary
// file and renamed, so concurrent daemons and a crash leave no torn entries.
// Folders are made 0700 and entries 0600: they hold converted inputs, which
// may be private. The directory is safe to delete at any time; nothing is pruned
// automatically (delete it to reclaim space).
//
// Default DIR: $RASTERD_CACHE_DIR, else $XDG_CACHE_HOME/rasterd, else
// $HOME/.cache/rasterd.
#ifndef RASTERD_CACHE_H
#define RASTERD_CACHE_H

#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

#define CACHE_KEY_SIZE 32

struct cache {
    char *dir; // NULL: caching disabled (every lookup misses, puts are dropped)
};

struct cache_hasher {
    crypto_generichash_state st;
};

// Opens (creating it) the cache under `dir`, or the default when NULL.
// On failure returns -1 with `why`; the cache is then disabled, not fatal.
int cache_open(struct cache *c, const char *dir, char *why, size_t why_len);
void cache_close(struct cache *c);

// Starts a key for a job of `kind` ("font", "image"...), binding the tool
// version so an upgrade invalidates old entries.
void cache_hasher_init(struct cache_hasher *h, const char *kind);
// Adds a field (length-prefixed, so ("ab","c") and ("a","bc") differ).
void cache_hasher_add(struct cache_hasher *h, const void *data, size_t len);
void cache_hasher_add_str(struct cache_hasher *h, const char *s); // NULL allowed
void cache_hasher_add_u64(struct cache_hasher *h, uint64_t v);
// Adds a file's path and contents. Returns 0, or -1 if it cannot be read
// (the job then runs uncached and reports the real error itself).
int cache_hasher_add_file(struct cache_hasher *h, const char *path);
void cache_hasher_final(struct cache_hasher *h, uint8_t key[CACHE_KEY_SIZE]);

// Looks `key` up. Returns 1 with a malloc'ed copy in *data/*len (caller
// frees), or 0 on a miss (including a damaged entry).
int cache_get(const struct cache *c, const uint8_t key[CACHE_KEY_SIZE], uint8_t **data,
              size_t *len);
// Stores an entry. Returns 0 or -1 (errors are not fatal for a build).
int cache_put(const struct cache *c, const uint8_t key[CACHE_KEY_SIZE], const void *data,
              size_t len);

#endif
