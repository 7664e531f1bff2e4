// Content-addressed build cache; see cache.h.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "fileio.h"
#include "outset.h"
#include "rasterd_version.h"

#define MAGIC "RDC1"

static int mkdir_p(const char *path)
{
    char *p = strdup(path);
    if (p == NULL) {
        return -1;
    }
    for (char *s = p + 1; *s != '\0'; s++) {
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0700) != 0 && errno != EEXIST) {
                free(p);
                return -1;
            }
            *s = '/';
        }
    }
    int rc = (mkdir(p, 0700) == 0 || errno == EEXIST) ? 0 : -1;
    free(p);
    return rc;
}

static char *default_dir(void)
{
    const char *env = getenv("RASTERD_CACHE_DIR");
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    char *dir = NULL;
    if (env != NULL && env[0] != '\0') {
        dir = strdup(env);
    } else if (xdg != NULL && xdg[0] == '/') {
        dir = asprintf(&dir, "%s/rasterd", xdg) < 0 ? NULL : dir;
    } else if (home != NULL && home[0] == '/') {
        dir = asprintf(&dir, "%s/.cache/rasterd", home) < 0 ? NULL : dir;
    }
    return dir;
}

int cache_open(struct cache *c, const char *dir, char *why, size_t why_len)
{
    c->dir = NULL;
    char *base = dir != NULL ? strdup(dir) : default_dir();
    if (base == NULL) {
        snprintf(why, why_len, "no cache directory (set RASTERD_CACHE_DIR or HOME)");
        return -1;
    }
    char *v1 = NULL;
    if (asprintf(&v1, "%s/v1", base) < 0) {
        v1 = NULL;
    }
    free(base);
    if (v1 == NULL || mkdir_p(v1) != 0) {
        snprintf(why, why_len, "%s: cannot create cache directory: %s", v1 ? v1 : "cache",
                 strerror(errno));
        free(v1);
        return -1;
    }
    // Entries hold converted inputs, which may be private: the cache is the
    // user's alone (an older rasterd made this folder 0755).
    (void)chmod(v1, 0700);
    c->dir = v1;
    return 0;
}

void cache_close(struct cache *c)
{
    free(c->dir);
    c->dir = NULL;
}

void cache_hasher_init(struct cache_hasher *h, const char *kind)
{
    crypto_generichash_init(&h->st, NULL, 0, CACHE_KEY_SIZE);
    cache_hasher_add_str(h, "rasterd " RASTERD_VERSION);
    cache_hasher_add_str(h, kind);
}

void cache_hasher_add_u64(struct cache_hasher *h, uint64_t v)
{
    uint8_t b[8];
    for (int i = 0; i < 8; i++) {
        b[i] = (uint8_t)(v >> (8 * i));
    }
    crypto_generichash_update(&h->st, b, sizeof(b));
}

void cache_hasher_add(struct cache_hasher *h, const void *data, size_t len)
{
    cache_hasher_add_u64(h, len);
    crypto_generichash_update(&h->st, data, len);
}

void cache_hasher_add_str(struct cache_hasher *h, const char *s)
{
    if (s == NULL) {
        cache_hasher_add_u64(h, UINT64_MAX); // differs from ""
        return;
    }
    cache_hasher_add(h, s, strlen(s));
}

int cache_hasher_add_file(struct cache_hasher *h, const char *path)
{
    int fd;
    struct stat st;
    char why[16];
    if (file_open(path, &fd, &st, why, sizeof(why)) != 0) {
        return -1;
    }
    cache_hasher_add_str(h, path);
    cache_hasher_add_u64(h, (uint64_t)st.st_size);
    uint8_t buf[65536];
    ssize_t n;
    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        crypto_generichash_update(&h->st, buf, (unsigned long long)n);
    }
    close(fd);
    return n < 0 ? -1 : 0;
}

void cache_hasher_final(struct cache_hasher *h, uint8_t key[CACHE_KEY_SIZE])
{
    crypto_generichash_final(&h->st, key, CACHE_KEY_SIZE);
}

static char *entry_path(const struct cache *c, const uint8_t key[CACHE_KEY_SIZE], int make_dir)
{
    char hex[CACHE_KEY_SIZE * 2 + 1];
    sodium_bin2hex(hex, sizeof(hex), key, CACHE_KEY_SIZE);
    char *p = NULL;
    if (asprintf(&p, "%s/%.2s", c->dir, hex) < 0) {
        return NULL;
    }
    if (make_dir && mkdir(p, 0700) != 0 && errno != EEXIST) {
        free(p);
        return NULL;
    }
    char *full = NULL;
    int rc = asprintf(&full, "%s/%s", p, hex);
    free(p);
    return rc < 0 ? NULL : full;
}

static int read_all(int fd, uint8_t *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = read(fd, buf, len);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) {
                continue;
            }
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static int check_entry(int fd, uint8_t **data, size_t *len)
{
    uint8_t head[12], sum[CACHE_KEY_SIZE], want[CACHE_KEY_SIZE];
    struct stat st;
    if (fstat(fd, &st) != 0 || read_all(fd, head, sizeof(head)) != 0 ||
        memcmp(head, MAGIC, 4) != 0) {
        return 0;
    }
    uint64_t n = 0;
    for (int i = 7; i >= 0; i--) {
        n = n << 8 | head[4 + i];
    }
    if ((uint64_t)st.st_size < sizeof(head) + CACHE_KEY_SIZE ||
        n != (uint64_t)st.st_size - sizeof(head) - CACHE_KEY_SIZE) {
        return 0;
    }
    uint8_t *buf = malloc(n ? (size_t)n : 1);
    if (buf == NULL || read_all(fd, buf, (size_t)n) != 0 || read_all(fd, want, sizeof(want)) != 0) {
        free(buf);
        return 0;
    }
    crypto_generichash(sum, sizeof(sum), buf, n, NULL, 0);
    if (sodium_memcmp(sum, want, sizeof(sum)) != 0) {
        free(buf);
        return 0;
    }
    *data = buf;
    *len = (size_t)n;
    return 1;
}

int cache_get(const struct cache *c, const uint8_t key[CACHE_KEY_SIZE], uint8_t **data, size_t *len)
{
    if (c->dir == NULL) {
        return 0;
    }
    char *path = entry_path(c, key, 0);
    int fd = path != NULL ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    free(path);
    if (fd < 0) {
        return 0;
    }
    int hit = check_entry(fd, data, len);
    close(fd);
    return hit;
}

int cache_put(const struct cache *c, const uint8_t key[CACHE_KEY_SIZE], const void *data,
              size_t len)
{
    if (c->dir == NULL) {
        return -1;
    }
    char *path = entry_path(c, key, 1);
    char *tmp = NULL;
    if (path == NULL || asprintf(&tmp, "%s.tmp.XXXXXX", path) < 0) {
        free(path);
        return -1;
    }
    int fd = mkstemp(tmp);
    uint8_t head[12], sum[CACHE_KEY_SIZE];
    memcpy(head, MAGIC, 4);
    for (int i = 0; i < 8; i++) {
        head[4 + i] = (uint8_t)((uint64_t)len >> (8 * i));
    }
    crypto_generichash(sum, sizeof(sum), data, len, NULL, 0);
    int rc = -1;
    if (fd >= 0) {
        rc = outset_write_all(fd, head, sizeof(head)) || outset_write_all(fd, data, len) ||
                     outset_write_all(fd, sum, sizeof(sum)) // mkstemp: mode 0600
                 ? -1
                 : 0;
        close(fd);
        rc = rc == 0 ? rename(tmp, path) : -1;
        if (rc != 0) {
            unlink(tmp);
        }
    }
    free(tmp);
    free(path);
    return rc;
}
