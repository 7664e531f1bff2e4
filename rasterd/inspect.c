// rasterd inspect: a bundle's header, directory and chunk layout, or a ROMFS
// image's files, as text or JSON. Structure only: `rasterd verify` checks
// signature and digests.
#include "inspect.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "fileio.h"
#include "formats/bundle.h"
#include "formats/error.h"
#include "formats/eve.h"
#include "formats/romfs.h"
#include "formats/sink.h"
#include "log.h"

static int file_sink_write(void *ctx, const void *buf, size_t len)
{
    return fwrite(buf, 1, len, ctx) == len ? 0 : FMT_ERR_SINK;
}

// Where chunk record i lies in the file and where its payload goes.
struct chunk_pos {
    size_t offset;
    uint32_t record_len, len, addr;
};

// v1 chunks go to a target address; v2 chunks carry a range of the segment
// stream (addr is then the stream offset).
static struct chunk_pos chunk_at(const struct fmt_bundle_info *in, uint32_t i)
{
    uint32_t base = in->version == BUNDLE_VERSION_1 ? in->payload_addr : 0;
    struct chunk_pos c = {in->records_off, 0, 0, base + i * in->chunk_size};
    // Every record before i is chunk_size + 32 bytes.
    c.offset += (size_t)i * (in->chunk_size + BUNDLE_DIGEST_SIZE);
    c.record_len = bundle_record_len(in->stored_len, in->chunk_size, i);
    c.len = bundle_chunk_len(in->stored_len, in->chunk_size, i);
    return c;
}

static void print_chunks_text(struct fmt_sink *s, const struct fmt_bundle_info *in)
{
    fmt_sink_printf(s, "\n%-7s %-10s %-8s %-23s\n", "chunk", "offset", "record",
                    in->version == BUNDLE_VERSION_1 ? "target range" : "stream range");
    for (uint32_t i = 0; i < in->chunk_count; i++) {
        if (in->chunk_count > 8 && i == 3) {
            fmt_sink_printf(s, "...     (%u more)\n", (unsigned)(in->chunk_count - 5));
            i = in->chunk_count - 3;
            continue;
        }
        struct chunk_pos c = chunk_at(in, i);
        fmt_sink_printf(s, "%-7u %-10zu %-8u [0x%08x, 0x%08llx)\n", (unsigned)i, c.offset,
                        (unsigned)c.record_len, (unsigned)c.addr,
                        (unsigned long long)c.addr + c.len);
    }
}

// Copies a name for a terminal: inspect reads unverified bundles and images,
// so a name may hold control bytes (escape sequences); those become \xNN.
static void printable_name(char *out, size_t out_len, const char *name, size_t len)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)name;
         p < (const unsigned char *)name + len; p++) {
        if (n + 5 > out_len) {
            break;
        }
        if (*p >= 0x20 && *p < 0x7f) {
            out[n++] = (char)*p;
        } else {
            n += (size_t)snprintf(out + n, out_len - n, "\\x%02x", *p);
        }
    }
    out[n] = '\0';
}

// Payload segments: where each lands, how it is stored (plain or zlib),
// stored and inflated sizes, and the assets it holds. A v1 payload is one
// plain segment.
struct seg_print {
    struct fmt_sink *s;
    const uint8_t *buf;
    const struct fmt_bundle_info *in;
    int json;
    unsigned n;
};

static int print_segment(void *ctx, const struct fmt_bundle_segment *g)
{
    struct seg_print *p = ctx;
    const char *enc = g->encoding == BUNDLE_ENC_ZLIB ? "zlib" : "plain";
    if (p->json) {
        fmt_sink_printf(p->s,
                        "%s{\"dest\": %u, \"encoding\": \"%s\", \"stored_len\": %u, "
                        "\"out_len\": %u, \"assets\": [",
                        p->n == 0 ? "\n    " : ",\n    ", (unsigned)g->dest, enc,
                        (unsigned)g->stored_len, (unsigned)g->out_len);
    } else {
        fmt_sink_printf(p->s, "%-5s [0x%08x, 0x%08llx) %9u %9u %5.1f%%  ", enc, (unsigned)g->dest,
                        (unsigned long long)g->dest + g->out_len, (unsigned)g->stored_len,
                        (unsigned)g->out_len, 100.0 * g->stored_len / g->out_len);
    }
    unsigned listed = 0;
    for (uint32_t k = 0; k < p->in->asset_count; k++) {
        struct fmt_bundle_entry e;
        fmt_bundle_entry_get(p->buf, p->in, k, &e);
        if (e.addr >= g->dest && e.addr - g->dest < g->out_len) {
            char name[4 * BUNDLE_NAME_SIZE];
            if (p->json) {
                fmt_sink_puts(p->s, listed++ ? ", " : "");
                fmt_sink_json_string(p->s, e.name);
            } else {
                printable_name(name, sizeof(name), e.name, strlen(e.name));
                fmt_sink_printf(p->s, "%s%s", listed++ ? ", " : "", name);
            }
        }
    }
    fmt_sink_puts(p->s, p->json ? "]}" : "\n");
    p->n++;
    return 0;
}

static void inspect_segments(struct fmt_sink *s, const uint8_t *buf,
                             const struct fmt_bundle_info *in, int json)
{
    struct seg_print p = {s, buf, in, json, 0};
    if (!json) {
        fmt_sink_printf(s, "\n%-5s %-24s %9s %9s %6s  %s\n", "seg", "target range", "stored",
                        "inflated", "ratio", "assets");
    }
    int err = fmt_bundle_segments(buf, in, print_segment, &p);
    if (err < 0 && !json) {
        fmt_sink_printf(s, "(segments unreadable: %s)\n", fmt_strerror(err));
    }
}

// The "extra" column of images and palettes (docs/bundle-format.md 4).
static void image_extra(struct fmt_sink *s, const struct fmt_bundle_entry *e)
{
    unsigned bw, bh;
    if (e->kind == BUNDLE_KIND_PALETTE) {
        fmt_sink_printf(s, " %u entries of %u bits", (unsigned)e->aux1, (unsigned)e->aux2);
    } else if (e->kind != BUNDLE_KIND_IMAGE) {
        return;
    } else if (e->format >= BUNDLE_FMT_PALETTED565 && e->format <= BUNDLE_FMT_PALETTED8) {
        fmt_sink_printf(s, " palette at 0x%08x, %u entries", (unsigned)e->aux0, (unsigned)e->aux1);
    } else if (e->format == BUNDLE_FMT_GLFORMAT && fmt_eve_astc_block(e->aux0, &bw, &bh)) {
        fmt_sink_printf(s, " ASTC %ux%u", bw, bh);
    } else {
        fmt_sink_printf(s, " %u bpp", (unsigned)e->aux2);
    }
}

static void print_text(struct fmt_sink *s, const uint8_t *buf, const struct fmt_bundle_info *in)
{
    fmt_sink_printf(s, "format version   %u (flags 0x%04x)\n", in->version, in->flags);
    fmt_sink_printf(s, "signed region    [0, %u): header %u + %u entries x %u\n",
                    (unsigned)in->signed_len, (unsigned)in->hdr_size, (unsigned)in->asset_count,
                    (unsigned)in->entry_size);
    fmt_sink_printf(s, "signature        [%u, %u) Ed25519\n", (unsigned)in->signed_len,
                    (unsigned)in->signed_len + BUNDLE_SIG_SIZE);
    fmt_sink_printf(s, "target id        0x%08x\n", (unsigned)in->target_id);
    fmt_sink_printf(s, "address space    [0x%08x, 0x%08llx) %u bytes\n", (unsigned)in->space_base,
                    (unsigned long long)in->space_base + in->space_size, (unsigned)in->space_size);
    fmt_sink_printf(s, "security version %u\n", (unsigned)in->security_version);
    fmt_sink_puts(s, "key id           ");
    fmt_sink_hex(s, in->key_id, sizeof(in->key_id));
    fmt_sink_printf(
        s, "\npayload          [0x%08x, 0x%08llx) %u bytes\n", (unsigned)in->payload_addr,
        (unsigned long long)in->payload_addr + in->payload_len, (unsigned)in->payload_len);
    if (in->version != BUNDLE_VERSION_1) {
        fmt_sink_printf(s, "stored           %u bytes of segments for %u payload bytes\n",
                        (unsigned)in->stored_len, (unsigned)in->payload_len);
    }
    uint32_t last = bundle_chunk_len(in->stored_len, in->chunk_size, in->chunk_count - 1);
    fmt_sink_printf(s, "chunks           %u x %u bytes (last %u), records from offset %zu\n",
                    (unsigned)in->chunk_count, (unsigned)in->chunk_size, (unsigned)last,
                    in->records_off);
    fmt_sink_puts(s, "first digest     ");
    fmt_sink_hex(s, in->first_digest, sizeof(in->first_digest));
    fmt_sink_printf(s, "\nfile size        %zu bytes (overhead %zu)\n\n", in->total_len,
                    in->total_len - in->stored_len);
    fmt_sink_printf(s, "%-23s %-5s %-8s %-10s %8s %5s %5s %6s %s\n", "name", "kind", "format",
                    "address", "size", "w", "h", "stride", "extra");
    for (uint32_t k = 0; k < in->asset_count; k++) {
        struct fmt_bundle_entry e;
        fmt_bundle_entry_get(buf, in, k, &e);
        char name[4 * BUNDLE_NAME_SIZE];
        printable_name(name, sizeof(name), e.name, strlen(e.name));
        fmt_sink_printf(s, "%-23s %-5s %-8s 0x%08x %8u %5u %5u %6u", name, fmt_kind_name(e.kind),
                        fmt_format_name(e.format), (unsigned)e.addr, (unsigned)e.size,
                        (unsigned)e.width, (unsigned)e.height, (unsigned)e.stride);
        if (e.kind == BUNDLE_KIND_FONT && (e.flags & BUNDLE_ENT_FLAG_XFONT)) {
            fmt_sink_printf(s, " extended font, U+0000..U+%04X, %u bpp", (unsigned)e.aux1 - 1u,
                            (unsigned)e.aux2);
        } else if (e.kind == BUNDLE_KIND_FONT) {
            fmt_sink_printf(s, " first slot %u, %u glyphs, %u bpp", (unsigned)e.aux0,
                            (unsigned)e.aux1, (unsigned)e.aux2);
        } else {
            image_extra(s, &e);
        }
        fmt_sink_puts(s, "\n");
    }
    inspect_segments(s, buf, in, 0);
    print_chunks_text(s, in);
}

static void json_u32(struct fmt_sink *s, const char *key, uint32_t v, int comma)
{
    fmt_sink_printf(s, "\"%s\": %u%s", key, (unsigned)v, comma ? ", " : "");
}

static void print_json(struct fmt_sink *s, const uint8_t *buf, const struct fmt_bundle_info *in)
{
    fmt_sink_puts(s, "{\n  ");
    json_u32(s, "version", in->version, 1);
    json_u32(s, "flags", in->flags, 1);
    json_u32(s, "signed_len", in->signed_len, 1);
    json_u32(s, "target_id", in->target_id, 1);
    json_u32(s, "space_base", in->space_base, 1);
    json_u32(s, "space_size", in->space_size, 1);
    json_u32(s, "security_version", in->security_version, 1);
    fmt_sink_puts(s, "\n  \"key_id\": \"");
    fmt_sink_hex(s, in->key_id, sizeof(in->key_id));
    fmt_sink_puts(s, "\", ");
    json_u32(s, "chunk_size", in->chunk_size, 1);
    json_u32(s, "chunk_count", in->chunk_count, 1);
    json_u32(s, "payload_addr", in->payload_addr, 1);
    json_u32(s, "payload_len", in->payload_len, 1);
    fmt_sink_printf(s, "\"records_offset\": %zu, \"file_size\": %zu,\n  \"first_digest\": \"",
                    in->records_off, in->total_len);
    fmt_sink_hex(s, in->first_digest, sizeof(in->first_digest));
    fmt_sink_puts(s, "\",\n  \"assets\": [");
    for (uint32_t k = 0; k < in->asset_count; k++) {
        struct fmt_bundle_entry e;
        fmt_bundle_entry_get(buf, in, k, &e);
        fmt_sink_puts(s, k == 0 ? "\n    {" : ",\n    {");
        fmt_sink_puts(s, "\"name\": ");
        fmt_sink_json_string(s, e.name);
        fmt_sink_printf(s, ", \"kind\": \"%s\", \"format\": \"%s\", ", fmt_kind_name(e.kind),
                        fmt_format_name(e.format));
        json_u32(s, "addr", e.addr, 1);
        json_u32(s, "size", e.size, 1);
        json_u32(s, "width", e.width, 1);
        json_u32(s, "height", e.height, 1);
        json_u32(s, "stride", e.stride, 1);
        json_u32(s, "aux0", e.aux0, 1);
        json_u32(s, "aux1", e.aux1, 1);
        json_u32(s, "aux2", e.aux2, 0);
        fmt_sink_puts(s, "}");
    }
    fmt_sink_puts(s, "\n  ],\n  ");
    json_u32(s, "stored_len", in->stored_len, 0);
    fmt_sink_puts(s, ",\n  \"segments\": [");
    inspect_segments(s, buf, in, 1);
    fmt_sink_puts(s, "\n  ],\n  \"chunks\": [");
    for (uint32_t i = 0; i < in->chunk_count; i++) {
        struct chunk_pos c = chunk_at(in, i);
        fmt_sink_printf(s,
                        "%s{\"index\": %u, \"offset\": %zu, \"record_len\": %u, "
                        "\"len\": %u, \"%s\": %u}",
                        i == 0 ? "\n    " : ",\n    ", (unsigned)i, c.offset,
                        (unsigned)c.record_len, (unsigned)c.len,
                        in->version == BUNDLE_VERSION_1 ? "addr" : "stream_offset",
                        (unsigned)c.addr);
    }
    fmt_sink_puts(s, "\n  ]\n}\n");
}

// ---- ROMFS images ------------------------------------------------------

struct romfs_print {
    struct fmt_sink *s;
    int json;
    size_t files, dirs, data;
    size_t align; // largest power of two (<= 4096) dividing every file's offset
};

static int romfs_count(void *ctx, const struct fmt_romfs_entry *e)
{
    struct romfs_print *p = ctx;
    *(e->is_dir ? &p->dirs : &p->files) += 1;
    p->data += e->size;
    while (!e->is_dir && p->align > 1 && e->offset % p->align != 0) {
        p->align /= 2;
    }
    return 0;
}

static int romfs_print_entry(void *ctx, const struct fmt_romfs_entry *e)
{
    struct romfs_print *p = ctx;
    if (p->json) {
        // A NUL inside a name becomes an invalid byte, which the JSON writer
        // shows as U+FFFD instead of ending the string there.
        char name[FMT_ROMFS_PATH_MAX + 1];
        for (size_t i = 0; i <= e->path_len; i++) {
            name[i] = i < e->path_len && e->path[i] == '\0' ? (char)0xff : e->path[i];
        }
        fmt_sink_puts(p->s, p->files + p->dirs == 0 ? "\n    {\"path\": " : ",\n    {\"path\": ");
        fmt_sink_json_string(p->s, name);
        fmt_sink_printf(p->s, ", \"type\": \"%s\", \"offset\": %zu, \"size\": %zu}",
                        e->is_dir ? "dir" : "file", e->offset, e->size);
    } else if (e->is_dir) {
        char name[4 * FMT_ROMFS_PATH_MAX + 1];
        printable_name(name, sizeof(name), e->path, e->path_len);
        fmt_sink_printf(p->s, "%10s %10s  %s/\n", "-", "-", name);
    } else {
        char name[4 * FMT_ROMFS_PATH_MAX + 1];
        printable_name(name, sizeof(name), e->path, e->path_len);
        fmt_sink_printf(p->s, "%10zu %10zu  %s\n", e->offset, e->size, name);
    }
    *(e->is_dir ? &p->dirs : &p->files) += 1;
    return 0;
}

static int inspect_romfs(struct fmt_sink *s, const uint8_t *buf, size_t len, int json)
{
    struct romfs_print p = {s, json, 0, 0, 0, 4096};
    size_t fs_len = 0;
    int err = fmt_romfs_walk(buf, len, romfs_count, &p, &fs_len);
    if (err < 0) {
        return err;
    }
    if (json) {
        fmt_sink_printf(s,
                        "{\n  \"format\": \"romfs\", \"file_size\": %zu, \"fs_size\": %zu, "
                        "\"files\": %zu, \"dirs\": %zu, \"data_align\": %zu,\n  \"entries\": [",
                        len, fs_len, p.files, p.dirs, p.files ? p.align : 0);
    } else {
        fmt_sink_printf(s, "ROMFS image      %zu bytes (filesystem record %zu bytes)\n", len,
                        fs_len);
        fmt_sink_printf(s, "contents         %zu files in %zu folders, %zu bytes of data\n",
                        p.files, p.dirs, p.data);
        if (p.files > 0) {
            fmt_sink_printf(s, "data alignment   %zu (every file's data offset is a multiple)\n",
                            p.align);
        }
        fmt_sink_printf(s, "\n%10s %10s  %s\n", "offset", "size", "path");
    }
    p.files = p.dirs = 0;
    err = fmt_romfs_walk(buf, len, romfs_print_entry, &p, NULL);
    if (json) {
        fmt_sink_puts(s, "\n  ]\n}\n");
    }
    return err;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: rasterd inspect FILE [--json]\n"
               "Prints the header, asset directory and chunk layout of a bundle, or the\n"
               "files of a ROMFS image (with their data offsets and sizes).\n");
}

int inspect_main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int json = 0;
    int c;
    while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
        if (c == 'j') {
            json = 1;
        } else if (c == 'h') {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *path = argv[optind];
    char why[1024];
    uint8_t *buf;
    size_t len;
    int rc = file_read(path, 0, &buf, &len, NULL, why, sizeof(why));
    if (rc != 0) {
        log_error("%s", why);
        return rc;
    }
    struct fmt_sink out = {file_sink_write, stdout, 0};
    struct fmt_bundle_info info;
    // A ROMFS image is printed as it is read (its first walk checks it all).
    int romfs = len >= 3 && memcmp(buf, FMT_ROMFS_MAGIC, 3) == 0;
    int err = romfs ? inspect_romfs(&out, buf, len, json) : fmt_bundle_parse(buf, len, &info);
    if (err < 0) {
        log_error("%s: %s", path, fmt_strerror(err));
        free(buf);
        return EXIT_DATAERR;
    }
    if (!romfs && json) {
        print_json(&out, buf, &info);
    } else if (!romfs) {
        print_text(&out, buf, &info);
    }
    free(buf);
    if (fmt_sink_status(&out) < 0 || fflush(stdout) != 0) {
        log_error("cannot write to standard output");
        return EXIT_CANTCREAT;
    }
    return 0;
}
