// The coprocessor of the EVE model: reads commands from the 4 KiB ring
// buffer RAM_CMD between REG_CMD_READ and REG_CMD_WRITE (FT81x programming
// guide, chapter 5) and executes them.
//
// - Words whose top byte is not 0xFF are display-list commands: appended to
//   RAM_DL at REG_CMD_DL, which advances by 4.
// - CMD_MEMWRITE (ptr, num, data padded to 4 bytes) and CMD_INFLATE (ptr, an
//   RFC 1950 zlib stream padded to 4 bytes) consume their data as it arrives,
//   so a host may stream more than the FIFO holds (zlib inflates it here,
//   Debian's zlib). CMD_GETPTR writes the end address of the last inflate
//   into its result word.
// - A command that cannot be executed (unknown code, corrupt zlib data, a
//   destination outside RAM_G, a display list past 8 KiB) is a fault:
//   REG_CMD_READ reads 0xFFF and nothing runs until the host resets the
//   coprocessor (REG_CPURESET 1, REG_CMD_READ = REG_CMD_WRITE = 0,
//   REG_CPURESET 0). A fault is also recorded as the model's error unless
//   the test expects it (eve_model_expect_fault).
#include <string.h>

#include "eve_priv.h"

static uint32_t avail(const struct eve_model *m)
{
    return (m->cmd_write - m->cmd_read) & 4095u;
}

static uint32_t word_at(const struct eve_model *m, uint32_t k)
{
    uint8_t b[4];
    for (uint32_t i = 0; i < 4; i++) {
        b[i] = m->ram_cmd[(m->cmd_read + 4 * k + i) & 4095u];
    }
    return eve_load32(b);
}

static void advance(struct eve_model *m, uint32_t n)
{
    m->cmd_read = (m->cmd_read + n) & 4095u;
    m->stats.cmd_bytes += n;
}

static void fault(struct eve_model *m, const char *why, uint32_t value)
{
    m->fault = 1;
    m->stats.faults++;
    if (!m->expect_fault) {
        eve_fail(m, "coprocessor fault: %s (0x%x)", why, (unsigned)value);
    }
}

void eve_copro_dl(struct eve_model *m, uint32_t word)
{
    if (m->cmd_dl > EVE_RAM_DL_SIZE - 4u) {
        fault(m, "display list longer than 8 KiB", m->cmd_dl);
        return;
    }
    eve_store32(m->ram_dl + m->cmd_dl, word);
    m->cmd_dl += 4;
}

void eve_copro_reset(struct eve_model *m)
{
    m->fault = 0;
    m->copro = COPRO_IDLE;
    m->cmd_dl = 0;
    if (m->z_ready) {
        inflateEnd(&m->z);
        m->z_ready = 0;
    }
    memset(m->fonts, 0, sizeof m->fonts);
}

// Contiguous FIFO bytes from the read pointer (up to the wrap).
static uint32_t contiguous(const struct eve_model *m)
{
    uint32_t n = avail(m);
    uint32_t to_end = 4096u - m->cmd_read;
    return n < to_end ? n : to_end;
}

// Bytes for RAM_G at m->dest: only RAM_G and the display list are writable
// by these commands here.
static int put_bytes(struct eve_model *m, const uint8_t *p, uint32_t n)
{
    if (m->dest < EVE_RAM_G_SIZE && n <= EVE_RAM_G_SIZE - m->dest) {
        memcpy(m->ram_g + m->dest, p, n);
    } else if (m->dest - EVE_RAM_DL < EVE_RAM_DL_SIZE &&
               n <= EVE_RAM_DL + EVE_RAM_DL_SIZE - m->dest) {
        memcpy(m->ram_dl + (m->dest - EVE_RAM_DL), p, n);
    } else {
        fault(m, "write outside RAM_G and RAM_DL", m->dest);
        return -1;
    }
    m->dest += n;
    return 0;
}

// CMD_MEMWRITE data: consumed as far as it has arrived; the padding after
// the last byte is skipped once its word is in the FIFO.
static int step_memwrite(struct eve_model *m)
{
    while (m->remaining > 0) {
        uint32_t n = contiguous(m);
        if (n == 0) {
            return 0;
        }
        n = n < m->remaining ? n : m->remaining;
        if (put_bytes(m, m->ram_cmd + m->cmd_read, n) < 0) {
            return 0;
        }
        m->remaining -= n;
        advance(m, n);
    }
    if (avail(m) < m->pad) {
        return 0;
    }
    advance(m, m->pad);
    m->copro = COPRO_IDLE;
    return 1;
}

static int step_inflate(struct eve_model *m)
{
    uint8_t out[16384];
    for (;;) {
        uint32_t n = contiguous(m);
        if (n == 0) {
            return 0;
        }
        m->z.next_in = m->ram_cmd + m->cmd_read;
        m->z.avail_in = n;
        m->z.next_out = out;
        m->z.avail_out = sizeof out;
        int rc = inflate(&m->z, Z_NO_FLUSH);
        uint32_t used = n - m->z.avail_in;
        uint32_t made = (uint32_t)(sizeof out - m->z.avail_out);
        m->consumed += used;
        advance(m, used);
        if (made > 0) {
            if (put_bytes(m, out, made) < 0) {
                return 0;
            }
            m->stats.inflated += made;
        }
        if (rc == Z_STREAM_END) {
            // The stream started on a word boundary; skip to the next one.
            uint32_t pad = (4u - (m->consumed & 3u)) & 3u;
            advance(m, pad);
            m->last_ptr = m->dest;
            inflateEnd(&m->z);
            m->z_ready = 0;
            m->copro = COPRO_IDLE;
            return 1;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            fault(m, m->z.msg != NULL ? m->z.msg : "corrupt zlib stream", (uint32_t)rc);
            return 0;
        }
        if (used == 0 && made == 0) {
            return 0;
        }
    }
}

static void start_inflate(struct eve_model *m, uint32_t dest)
{
    memset(&m->z, 0, sizeof m->z);
    if (inflateInit(&m->z) != Z_OK) {
        fault(m, "zlib init", 0);
        return;
    }
    m->z_ready = 1;
    m->dest = dest;
    m->consumed = 0;
    m->copro = COPRO_INFLATE;
}

// CMD_TEXT: x, y (int16), font, options (uint16), then the string with its
// NUL, padded to 4 bytes. Returns the bytes the whole command takes, or 0
// while the string has not fully arrived.
static uint32_t text_len(const struct eve_model *m)
{
    uint32_t n = avail(m);
    for (uint32_t i = 12; i < n; i++) {
        if (m->ram_cmd[(m->cmd_read + i) & 4095u] == 0) {
            return (i + 1 + 3) & ~3u;
        }
    }
    return 0;
}

static void run_text(struct eve_model *m, uint32_t len)
{
    uint8_t s[4096];
    uint32_t a = word_at(m, 1), b = word_at(m, 2);
    for (uint32_t i = 12; i < len; i++) {
        s[i - 12] = m->ram_cmd[(m->cmd_read + i) & 4095u];
    }
    s[len - 12 - 1] = 0;
    eve_text_draw(m, (int16_t)(a & 0xFFFFu), (int16_t)(a >> 16), b & 0xFFFFu, b >> 16, s);
}

// Executes one command if all of its fixed part is in the FIFO. Returns 1 if
// it made progress.
static int step_command(struct eve_model *m)
{
    uint32_t n = avail(m);
    if (n < 4) {
        return 0;
    }
    uint32_t cmd = word_at(m, 0);
    if ((cmd >> 24) != 0xFFu) {
        eve_copro_dl(m, cmd);
        advance(m, 4);
        return 1;
    }
    switch (cmd) {
    case CMD_DLSTART:
        m->cmd_dl = 0;
        advance(m, 4);
        return 1;
    case CMD_SWAP:
        advance(m, 4);
        eve_dl_render(m);
        return 1;
    case CMD_MEMWRITE:
        if (n < 12) {
            return 0;
        }
        m->dest = word_at(m, 1);
        m->remaining = word_at(m, 2);
        m->pad = (4u - (m->remaining & 3u)) & 3u;
        m->copro = COPRO_MEMWRITE;
        advance(m, 12);
        return 1;
    case CMD_INFLATE:
        if (n < 8) {
            return 0;
        }
        start_inflate(m, word_at(m, 1));
        advance(m, 8);
        return 1;
    case CMD_GETPTR:
        if (n < 8) {
            return 0;
        }
        for (uint32_t i = 0; i < 4; i++) {
            m->ram_cmd[(m->cmd_read + 4 + i) & 4095u] = (uint8_t)(m->last_ptr >> (8 * i));
        }
        advance(m, 8);
        return 1;
    case CMD_SETFONT:
        if (n < 12) {
            return 0;
        }
        eve_text_setfont(m, word_at(m, 1), word_at(m, 2));
        advance(m, 12);
        return 1;
    case CMD_SETFONT2:
        if (n < 16) {
            return 0;
        }
        eve_text_setfont2(m, word_at(m, 1), word_at(m, 2), word_at(m, 3));
        advance(m, 16);
        return 1;
    case CMD_TEXT: {
        uint32_t len = text_len(m);
        if (len == 0 || n < len) {
            if (n >= 4092u) {
                fault(m, "CMD_TEXT string longer than the FIFO", n);
            }
            return 0;
        }
        run_text(m, len);
        advance(m, len);
        return 1;
    }
    default:
        fault(m, "coprocessor command not modelled", cmd);
        return 0;
    }
}

void eve_copro_run(struct eve_model *m)
{
    int progress = 1;
    while (progress && !m->fault && !m->in_reset) {
        switch (m->copro) {
        case COPRO_MEMWRITE:
            progress = step_memwrite(m);
            break;
        case COPRO_INFLATE:
            progress = step_inflate(m);
            break;
        default:
            progress = step_command(m);
            break;
        }
    }
}
