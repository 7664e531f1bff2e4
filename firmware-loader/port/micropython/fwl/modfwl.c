// fwl: the firmware loader as a MicroPython module (docs/micropython.md).
//
// A thin layer over fwl_load(): a buffer-protocol source (frozen bytes, a
// memoryview of a ROMFS file, a bytearray) is hashed and written in place;
// a stream source is read with readinto() into the caller's buffer. While
// loading from a buffer nothing is allocated on the MicroPython heap:
// fwl_ctx, the keys and the port live on the C stack, and the memoryview
// handed to write() is one module-owned object, re-aimed at each chunk and
// emptied (length 0) as soon as write() returns, so a reference the callee
// kept can only ever see an empty view (a slice it made is its own view of
// the same bytes: documented, not preventable). For the same reason loads
// do not nest: a second fwl.load() while one runs (from write(), or another
// thread) raises RuntimeError.
#include <string.h>

#include "py/mphal.h"
#include "py/nlr.h"
#include "py/objarray.h"
#include "py/objexcept.h"
#include "py/runtime.h"

#include "fwl/loader.h"

#if !MICROPY_PY_BUILTINS_MEMORYVIEW
#error "the fwl module needs MICROPY_PY_BUILTINS_MEMORYVIEW"
#endif
#ifndef MP_NORETURN
#define MP_NORETURN NORETURN // older MicroPython releases
#endif

// Trusted keys accepted in one call (copied to the C stack).
#define FWL_MP_KEYS_MAX 8

// ---- LoadError ------------------------------------------------------------

// args: (code, name, chunk, written). chunk is the failing chunk for
// CHUNK_DIGEST, READ and WRITE, else None; written is how many chunks
// reached write().
static void load_error_attr(mp_obj_t self_in, qstr attr, mp_obj_t *dest)
{
    static const qstr fields[] = {MP_QSTR_code, MP_QSTR_name, MP_QSTR_chunk, MP_QSTR_written};
    if (dest[0] == MP_OBJ_NULL) {
        mp_obj_exception_t *self = MP_OBJ_TO_PTR(self_in);
        for (size_t i = 0; i < MP_ARRAY_SIZE(fields); i++) {
            if (attr == fields[i]) {
                dest[0] = i < self->args->len ? self->args->items[i] : mp_const_none;
                return;
            }
        }
    }
    MP_OBJ_TYPE_GET_SLOT(&mp_type_Exception, attr)(self_in, attr, dest);
}

// "LoadError: chunk digest mismatch (FWL_ERR_CHUNK_DIGEST, chunk 3)".
static void load_error_print(const mp_print_t *print, mp_obj_t self_in, mp_print_kind_t kind)
{
    mp_obj_exception_t *self = MP_OBJ_TO_PTR(self_in);
    mp_print_kind_t k = kind & ~PRINT_EXC_SUBCLASS;
    if ((k == PRINT_STR || k == PRINT_EXC) && self->args->len == 4 &&
        mp_obj_is_small_int(self->args->items[0])) {
        if (k == PRINT_EXC) {
            mp_printf(print, "%q: ", (qstr)self->base.type->name);
        }
        int code = (int)MP_OBJ_SMALL_INT_VALUE(self->args->items[0]);
        mp_printf(print, "%s (%s", fwl_strerror(code), fwl_error_name(code));
        if (self->args->items[2] != mp_const_none) {
            mp_printf(print, ", chunk %d", (int)mp_obj_get_int(self->args->items[2]));
        }
        mp_print_str(print, ")");
        return;
    }
    MP_OBJ_TYPE_GET_SLOT(&mp_type_Exception, print)(print, self_in, kind);
}

static MP_DEFINE_CONST_OBJ_TYPE(fwl_type_LoadError, MP_QSTR_LoadError, MP_TYPE_FLAG_NONE, make_new,
                                mp_obj_exception_make_new, print, load_error_print, attr,
                                load_error_attr, parent, &mp_type_Exception);

static qstr error_qstr(int err)
{
    switch (err) {
#define X(name, value, msg)                                                                        \
    case value:                                                                                    \
        return MP_QSTR_##name;
#include "fwl/errors.def"
#undef X
    default:
        return MP_QSTR_FWL_ERR_FAIL;
    }
}

// Allocation-free when the heap is locked: MicroPython then builds the
// exception in its emergency buffer (if the port has one).
static MP_NORETURN void raise_load_error(const struct fwl_ctx *ctx, int err)
{
    int has_chunk = err == FWL_ERR_CHUNK_DIGEST || err == FWL_ERR_READ || err == FWL_ERR_WRITE;
    mp_obj_t args[4] = {
        MP_OBJ_NEW_SMALL_INT(err),
        MP_OBJ_NEW_QSTR(error_qstr(err)),
        has_chunk ? mp_obj_new_int_from_uint(ctx->chunk) : mp_const_none,
        mp_obj_new_int_from_uint(ctx->chunks_done),
    };
    nlr_raise(mp_obj_exception_make_new(&fwl_type_LoadError, 4, 0, args));
}

// ---- Module-owned views and the one-load-at-a-time guard -------------------

static uint8_t empty_view_data[1];
static mp_obj_array_t write_view; // handed to write(); read-only
static mp_obj_array_t read_view;  // handed to readinto(); writable
static int busy;

static void view_empty(mp_obj_array_t *view)
{
    mp_obj_memoryview_init(view, 'B', 0, 0, empty_view_data);
}

static void guard_enter(void)
{
    mp_uint_t state = MICROPY_BEGIN_ATOMIC_SECTION();
    int was = busy;
    busy = 1;
    MICROPY_END_ATOMIC_SECTION(state);
    if (was) {
        mp_raise_msg(&mp_type_RuntimeError, MP_ERROR_TEXT("fwl: a load is already running"));
    }
    view_empty(&write_view);
    view_empty(&read_view);
}

static void guard_leave(void)
{
    view_empty(&write_view);
    view_empty(&read_view);
    busy = 0;
}

// ---- One call's state, on the C stack --------------------------------------

struct call {
    mp_obj_t source;
    mp_obj_t write;       // callable(addr, memoryview), or MP_OBJ_NULL (verify only)
    mp_obj_t readinto[3]; // method, self, argument slot (stream sources)
    mp_obj_t seek[4];     // method, self, offset, whence
    uint32_t pos;         // stream position
    // Buffers whose pointer and length must not change during the load.
    mp_obj_t pinned[2];
    mp_buffer_info_t pinned_info[2];
    uint32_t min_version;
    uint8_t keys[FWL_MP_KEYS_MAX][32];
    struct fwl_port port;
    struct fwl_ctx ctx;
};

static void pin(struct call *c, int slot, mp_obj_t obj, mp_uint_t flags)
{
    c->pinned[slot] = obj;
    mp_get_buffer_raise(obj, &c->pinned_info[slot], flags);
}

// Python code may resize a bytearray the loader is reading from; stop before
// the loader touches a freed block.
static void check_pinned(const struct call *c)
{
    for (int i = 0; i < 2; i++) {
        mp_buffer_info_t now;
        if (c->pinned[i] == MP_OBJ_NULL) {
            continue;
        }
        if (!mp_get_buffer(c->pinned[i], &now, MP_BUFFER_READ) ||
            now.buf != c->pinned_info[i].buf || now.len != c->pinned_info[i].len) {
            mp_raise_msg(&mp_type_RuntimeError,
                         MP_ERROR_TEXT("fwl: source or buf resized during the load"));
        }
    }
}

static mp_obj_t uint_obj(uint32_t v)
{
    // Small ints (below 2^30 on 32-bit ports) need no heap.
    return mp_obj_new_int_from_uint(v);
}

static int py_write(void *ctx, uint32_t addr, const uint8_t *buf, size_t len)
{
    struct call *c = ctx;
    if (c->write == MP_OBJ_NULL) {
        return 0;
    }
    mp_obj_memoryview_init(&write_view, 'B', 0, len, (void *)buf);
    mp_call_function_2(c->write, uint_obj(addr), MP_OBJ_FROM_PTR(&write_view));
    view_empty(&write_view);
    check_pinned(c);
    return 0;
}

static int py_read(void *ctx, uint32_t off, uint8_t *buf, size_t len)
{
    struct call *c = ctx;
    if (off != c->pos) {
        if (c->seek[0] == MP_OBJ_NULL) {
            return -1; // the stream cannot seek
        }
        c->seek[2] = uint_obj(off);
        c->seek[3] = MP_OBJ_NEW_SMALL_INT(0);
        mp_call_method_n_kw(2, 0, c->seek);
        check_pinned(c);
        c->pos = off;
    }
    while (len > 0) {
        mp_obj_memoryview_init(&read_view, 'B' | MP_OBJ_ARRAY_TYPECODE_FLAG_RW, 0, len, buf);
        c->readinto[2] = MP_OBJ_FROM_PTR(&read_view);
        mp_obj_t got_obj = mp_call_method_n_kw(1, 0, c->readinto);
        view_empty(&read_view);
        check_pinned(c);
        if (got_obj == mp_const_none) {
            return -2; // no data (a non-blocking stream)
        }
        mp_int_t got = mp_obj_get_int(got_obj);
        if (got <= 0 || (size_t)got > len) {
            return -3; // end of stream before the bundle's end
        }
        buf += got;
        len -= (size_t)got;
        c->pos += (uint32_t)got;
    }
    return 0;
}

static int get_version(void *ctx, uint32_t *version)
{
    *version = ((struct call *)ctx)->min_version;
    return 0;
}

static int set_version(void *ctx, uint32_t version)
{
    (void)ctx; // the caller stores the version fwl.load() returns
    (void)version;
    return 0;
}

// ---- Argument handling -----------------------------------------------------

static void set_keys(struct call *c, mp_obj_t keys)
{
    size_t n = 0;
    mp_buffer_info_t bi;
    if (mp_get_buffer(keys, &bi, MP_BUFFER_READ)) {
        // One buffer of 32-byte keys, e.g. a _pub.py constant.
        if (bi.len == 0 || bi.len % 32 != 0 || bi.len / 32 > FWL_MP_KEYS_MAX) {
            mp_raise_ValueError(MP_ERROR_TEXT("keys: 32 bytes per key, 1 to 8 keys"));
        }
        n = bi.len / 32;
        memcpy(c->keys, bi.buf, bi.len);
    } else {
        mp_obj_t *items;
        mp_obj_get_array(keys, &n, &items);
        if (n == 0 || n > FWL_MP_KEYS_MAX) {
            mp_raise_ValueError(MP_ERROR_TEXT("keys: 32 bytes per key, 1 to 8 keys"));
        }
        for (size_t i = 0; i < n; i++) {
            mp_get_buffer_raise(items[i], &bi, MP_BUFFER_READ);
            if (bi.len != 32) {
                mp_raise_ValueError(MP_ERROR_TEXT("keys: 32 bytes per key, 1 to 8 keys"));
            }
            memcpy(c->keys[i], bi.buf, 32);
        }
    }
    c->port.keys = (const uint8_t(*)[32])c->keys;
    c->port.key_count = n;
}

static uint32_t get_u32(mp_obj_t obj)
{
    mp_uint_t v = mp_obj_int_get_uint_checked(obj); // OverflowError if negative
    if ((uint64_t)v > UINT32_MAX) {
        mp_raise_msg(&mp_type_OverflowError, MP_ERROR_TEXT("value does not fit 32 bits"));
    }
    return (uint32_t)v;
}

static void set_ram(struct call *c, mp_obj_t ram)
{
    c->port.ram_base = 0;
    c->port.ram_size = UINT32_MAX; // default: the bundle's own address space
    if (ram != mp_const_none) {
        mp_obj_t *items;
        mp_obj_get_array_fixed_n(ram, 2, &items);
        c->port.ram_base = get_u32(items[0]);
        c->port.ram_size = get_u32(items[1]);
    }
}

// A buffer source is mapped in place; anything with readinto() is a stream
// read through `buf`.
static void set_source(struct call *c, mp_obj_t source, mp_obj_t buf)
{
    mp_buffer_info_t bi;
    c->source = source;
    if (mp_get_buffer(source, &bi, MP_BUFFER_READ)) {
        if ((uint64_t)bi.len > UINT32_MAX) {
            mp_raise_ValueError(MP_ERROR_TEXT("source larger than 4 GiB"));
        }
        pin(c, 0, source, MP_BUFFER_READ);
        c->port.src = bi.buf;
        c->port.src_len = (uint32_t)bi.len;
        return;
    }
    mp_load_method_maybe(source, MP_QSTR_readinto, c->readinto);
    if (c->readinto[0] == MP_OBJ_NULL) {
        mp_raise_TypeError(MP_ERROR_TEXT("source: a buffer or a stream with readinto()"));
    }
    if (buf == mp_const_none) {
        mp_raise_ValueError(MP_ERROR_TEXT("buf: a stream source needs a chunk buffer"));
    }
    pin(c, 1, buf, MP_BUFFER_WRITE);
    mp_load_method_maybe(source, MP_QSTR_seek, c->seek);
    if (c->seek[0] == MP_OBJ_NULL) {
        mp_raise_TypeError(MP_ERROR_TEXT("source: a stream needs seek()"));
    }
    // The bundle is the whole stream: its length is where the end is.
    c->seek[2] = MP_OBJ_NEW_SMALL_INT(0);
    c->seek[3] = MP_OBJ_NEW_SMALL_INT(2);
    c->port.src_len = get_u32(mp_call_method_n_kw(2, 0, c->seek));
    c->pos = c->port.src_len;
    c->port.read = py_read;
    c->port.buf = c->pinned_info[1].buf;
    c->port.buf_size = c->pinned_info[1].len;
}

enum { ARG_target_id, ARG_min_version, ARG_buf, ARG_ram };

static const mp_arg_t load_kwargs[] = {
    {MP_QSTR_target_id, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_INT(0)}},
    {MP_QSTR_min_version, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_INT(0)}},
    {MP_QSTR_buf, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE}},
    {MP_QSTR_ram, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE}},
};

// Runs fwl_load() with the guard held; Python exceptions from the callbacks
// pass through unchanged after the guard is released.
static int run_load(struct call *c, const mp_obj_t *pos, mp_map_t *kw, mp_obj_t write)
{
    mp_arg_val_t args[MP_ARRAY_SIZE(load_kwargs)];
    mp_arg_parse_all(0, NULL, kw, MP_ARRAY_SIZE(load_kwargs), load_kwargs, args);
    if (write != MP_OBJ_NULL && !mp_obj_is_callable(write)) {
        mp_raise_TypeError(MP_ERROR_TEXT("write: a callable(addr, memoryview)"));
    }
    memset(c, 0, sizeof *c);
    c->write = write;
    c->min_version = get_u32(args[ARG_min_version].u_obj);
    c->port.ctx = c;
    c->port.xram_write = py_write;
    c->port.get_security_version = get_version;
    c->port.set_security_version = set_version;
    c->port.target_id = get_u32(args[ARG_target_id].u_obj);
    set_ram(c, args[ARG_ram].u_obj);
    set_keys(c, pos[1]);
    guard_enter();
    nlr_buf_t nlr;
    if (nlr_push(&nlr) != 0) {
        guard_leave();
        nlr_jump(nlr.ret_val);
    }
    set_source(c, pos[0], args[ARG_buf].u_obj);
    int err = fwl_load(&c->ctx, &c->port);
    nlr_pop();
    guard_leave();
    return err;
}

// ---- fwl.load ---------------------------------------------------------------

// Returned when the heap cannot hold a fresh tuple (locked or full): the
// same object each time, overwritten by the next such load.
static struct {
    mp_obj_base_t base;
    size_t len;
    mp_obj_t items[3];
} result_fallback = {{&mp_type_tuple}, 3, {MP_ROM_INT(0), MP_ROM_INT(0), MP_ROM_INT(0)}};

static mp_obj_t fwl_mp_load(size_t n_args, const mp_obj_t *pos, mp_map_t *kw)
{
    struct call c;
    int err = run_load(&c, pos, kw, pos[2]);
    (void)n_args;
    if (err != FWL_OK) {
        raise_load_error(&c.ctx, err);
    }
    mp_obj_t items[3] = {uint_obj(c.ctx.security_version), uint_obj(c.ctx.chunks_done),
                         uint_obj(c.ctx.payload_len)};
    mp_obj_tuple_t *t = m_new_obj_var_maybe(mp_obj_tuple_t, items, mp_obj_t, 3);
    if (t == NULL) {
        t = (mp_obj_tuple_t *)&result_fallback;
    } else {
        t->base.type = &mp_type_tuple;
        t->len = 3;
    }
    memcpy(t->items, items, sizeof items);
    return MP_OBJ_FROM_PTR(t);
}
static MP_DEFINE_CONST_FUN_OBJ_KW(fwl_mp_load_obj, 3, fwl_mp_load);

// ---- fwl.assets ---------------------------------------------------------------

static mp_obj_t fwl_mp_assets(size_t n_args, const mp_obj_t *pos, mp_map_t *kw)
{
    struct call c;
    int err = run_load(&c, pos, kw, MP_OBJ_NULL);
    (void)n_args;
    if (err != FWL_OK) {
        raise_load_error(&c.ctx, err);
    }
    mp_obj_t dict = mp_obj_new_dict(c.ctx.asset_count);
    for (uint32_t i = 0; i < c.ctx.asset_count; i++) {
        struct fwl_asset_info a;
        // A stream source is read again here: keep it unchanged (the
        // loader refuses a changed directory with FWL_ERR_DIR_CHANGED).
        guard_enter();
        nlr_buf_t nlr;
        if (nlr_push(&nlr) != 0) {
            guard_leave();
            nlr_jump(nlr.ret_val);
        }
        err = fwl_asset_at(&c.ctx, i, &a);
        nlr_pop();
        guard_leave();
        if (err != FWL_OK) {
            raise_load_error(&c.ctx, err);
        }
        // Like assets.py's ASSETS: (addr, size, kind, format, width, height, stride).
        mp_obj_t t[7] = {
            uint_obj(a.addr),
            uint_obj(a.size),
            MP_OBJ_NEW_SMALL_INT(a.kind),
            MP_OBJ_NEW_SMALL_INT(a.format),
            uint_obj(a.width),
            uint_obj(a.height),
            uint_obj(a.stride),
        };
        mp_obj_dict_store(dict, mp_obj_new_str(a.name, strlen(a.name)), mp_obj_new_tuple(7, t));
    }
    return dict;
}
static MP_DEFINE_CONST_FUN_OBJ_KW(fwl_mp_assets_obj, 2, fwl_mp_assets);

// ---- The module -----------------------------------------------------------------

static const mp_rom_map_elem_t fwl_module_globals_table[] = {
    {MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR_fwl)},
    {MP_ROM_QSTR(MP_QSTR_load), MP_ROM_PTR(&fwl_mp_load_obj)},
    {MP_ROM_QSTR(MP_QSTR_assets), MP_ROM_PTR(&fwl_mp_assets_obj)},
    {MP_ROM_QSTR(MP_QSTR_LoadError), MP_ROM_PTR(&fwl_type_LoadError)},
#define X(name, value, msg) {MP_ROM_QSTR(MP_QSTR_##name), MP_ROM_INT(value)},
#include "fwl/errors.def"
#undef X
};
static MP_DEFINE_CONST_DICT(fwl_module_globals, fwl_module_globals_table);

const mp_obj_module_t fwl_user_cmodule = {
    .base = {&mp_type_module},
    .globals = (mp_obj_dict_t *)&fwl_module_globals,
};

MP_REGISTER_MODULE(MP_QSTR_fwl, fwl_user_cmodule);
