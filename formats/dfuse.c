// DfuSe writer. Sizes are computed in 64 bits and checked against the u32
// fields before anything is written, so a too-large input never produces a
// truncated header.
#include <string.h>
#include <zlib.h>

#include "formats/dfuse.h"
#include "formats/error.h"

#define DEFAULT_NAME "ST..."

// Forwards to the real sink and keeps a running CRC-32 of what passed.
struct crc_sink {
    struct fmt_sink *inner;
    uLong crc;
};

static int crc_write(void *ctx, const void *buf, size_t len)
{
    struct crc_sink *cs = ctx;
    const Bytef *p = buf;
    size_t left = len;
    while (left > 0) {
        uInt n = left > 0x40000000u ? 0x40000000u : (uInt)left;
        cs->crc = crc32(cs->crc, p, n);
        p += n;
        left -= n;
    }
    fmt_sink_write(cs->inner, buf, len);
    return cs->inner->err;
}

static uint64_t padded_size(size_t size, uint32_t pad_to)
{
    uint64_t s = size;
    if (pad_to > 1) {
        s = (s + pad_to - 1) & ~(uint64_t)(pad_to - 1);
    }
    return s;
}

static int check_element(const struct fmt_dfuse_element *e, uint32_t pad_to, uint64_t *payload)
{
    if (e->data == NULL && e->size != 0) {
        return FMT_ERR_INVALID_ARG;
    }
    uint64_t size = padded_size(e->size, pad_to);
    if (size > UINT32_MAX || size > (uint64_t)UINT32_MAX + 1 - e->address) {
        return FMT_ERR_RANGE;
    }
    *payload = size;
    return 0;
}

static int overlaps(const struct fmt_dfuse_element *a, const struct fmt_dfuse_element *b,
                    uint32_t pad_to)
{
    uint64_t a0 = a->address, a1 = a0 + padded_size(a->size, pad_to);
    uint64_t b0 = b->address, b1 = b0 + padded_size(b->size, pad_to);
    return a0 < b1 && b0 < a1;
}

// Checks one target and returns the bytes of its elements (headers included)
// in *size.
static int check_target(const struct fmt_dfuse_target *t, uint32_t pad_to, uint64_t *size)
{
    if (t->element_count == 0 || t->elements == NULL) {
        return FMT_ERR_INVALID_ARG;
    }
    if (t->name != NULL && strlen(t->name) > FMT_DFUSE_NAME_MAX) {
        return FMT_ERR_INVALID_ARG;
    }
    if (t->element_count > UINT32_MAX) {
        return FMT_ERR_RANGE;
    }
    uint64_t total = 0;
    for (size_t i = 0; i < t->element_count; i++) {
        uint64_t payload;
        int err = check_element(&t->elements[i], pad_to, &payload);
        if (err < 0) {
            return err;
        }
        for (size_t j = 0; j < i; j++) {
            if (overlaps(&t->elements[i], &t->elements[j], pad_to)) {
                return FMT_ERR_INVALID_ARG;
            }
        }
        total += FMT_DFUSE_ELEMENT_HEADER + payload;
        if (total > UINT32_MAX) {
            return FMT_ERR_RANGE;
        }
    }
    *size = total;
    return 0;
}

static int check_all(const struct fmt_dfuse_target *targets, size_t count, uint32_t pad_to,
                     uint64_t *file_size)
{
    if (count == 0 || targets == NULL) {
        return FMT_ERR_INVALID_ARG;
    }
    if (count > FMT_DFUSE_TARGETS_MAX) {
        return FMT_ERR_RANGE;
    }
    if (pad_to > 4096 || (pad_to & (pad_to - 1)) != 0) {
        return FMT_ERR_INVALID_ARG;
    }
    uint64_t total = FMT_DFUSE_PREFIX_SIZE + FMT_DFUSE_SUFFIX_SIZE;
    for (size_t i = 0; i < count; i++) {
        uint64_t tsize;
        int err = check_target(&targets[i], pad_to, &tsize);
        if (err < 0) {
            return err;
        }
        total += FMT_DFUSE_TARGET_PREFIX_SIZE + tsize;
        if (total > UINT32_MAX) {
            return FMT_ERR_RANGE;
        }
    }
    *file_size = total;
    return 0;
}

size_t fmt_dfuse_size(const struct fmt_dfuse_target *targets, size_t target_count,
                      const struct fmt_dfuse_options *opt)
{
    uint64_t size = 0;
    if (check_all(targets, target_count, opt != NULL ? opt->pad_to : 0, &size) < 0) {
        return 0;
    }
    return (size_t)size;
}

static void write_target_prefix(struct fmt_sink *s, const struct fmt_dfuse_target *t,
                                uint32_t tsize)
{
    uint8_t name[255] = {0};
    const char *n = t->name != NULL ? t->name : DEFAULT_NAME;
    memcpy(name, n, strlen(n));
    fmt_sink_write(s, "Target", 6);
    fmt_sink_u8(s, t->alt_setting);
    fmt_sink_u32le(s, 1);
    fmt_sink_write(s, name, sizeof(name));
    fmt_sink_u32le(s, tsize);
    fmt_sink_u32le(s, (uint32_t)t->element_count);
}

static void write_elements(struct fmt_sink *s, const struct fmt_dfuse_target *t, uint32_t pad_to)
{
    static const uint8_t ff[64] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    for (size_t i = 0; i < t->element_count; i++) {
        const struct fmt_dfuse_element *e = &t->elements[i];
        uint64_t size = padded_size(e->size, pad_to);
        fmt_sink_u32le(s, e->address);
        fmt_sink_u32le(s, (uint32_t)size);
        fmt_sink_write(s, e->data, e->size);
        for (uint64_t pad = size - e->size; pad > 0;) {
            size_t n = pad > sizeof(ff) ? sizeof(ff) : (size_t)pad;
            fmt_sink_write(s, ff, n);
            pad -= n;
        }
    }
}

int fmt_dfuse_write(struct fmt_sink *out, const struct fmt_dfuse_device *dev,
                    const struct fmt_dfuse_target *targets, size_t target_count,
                    const struct fmt_dfuse_options *opt)
{
    if (out == NULL || dev == NULL) {
        return FMT_ERR_INVALID_ARG;
    }
    uint32_t pad_to = opt != NULL ? opt->pad_to : 0;
    uint64_t file_size = 0;
    int err = check_all(targets, target_count, pad_to, &file_size);
    if (err < 0) {
        return err;
    }
    struct crc_sink cs = {out, crc32(0L, Z_NULL, 0)};
    struct fmt_sink s = {crc_write, &cs, 0};

    fmt_sink_write(&s, "DfuSe", 5);
    fmt_sink_u8(&s, 0x01);
    fmt_sink_u32le(&s, (uint32_t)file_size);
    fmt_sink_u8(&s, (uint8_t)target_count);
    for (size_t i = 0; i < target_count; i++) {
        uint64_t tsize = 0;
        (void)check_target(&targets[i], pad_to, &tsize); // passed in check_all
        write_target_prefix(&s, &targets[i], (uint32_t)tsize);
        write_elements(&s, &targets[i], pad_to);
    }
    fmt_sink_u16le(&s, dev->bcd_device);
    fmt_sink_u16le(&s, dev->product_id);
    fmt_sink_u16le(&s, dev->vendor_id);
    fmt_sink_u16le(&s, 0x011a);
    fmt_sink_write(&s, "UFD", 3);
    fmt_sink_u8(&s, (uint8_t)FMT_DFUSE_SUFFIX_SIZE);
    // DFU's CRC is the register before the final XOR zlib applies.
    uint32_t crc = (uint32_t)(~cs.crc & 0xffffffffu);
    fmt_sink_u32le(out, crc);
    err = fmt_sink_status(&s);
    if (err == 0) {
        err = fmt_sink_status(out);
    }
    return err;
}
