# EVE (FT81x/BT81x) sink for fwl.load(): writes each verified chunk into the
# display controller's memory with SPI host memory-write transactions
# (docs/micropython.md). Freeze it with your firmware or copy it to the board.
#
#   import fwl, fwl_eve
#   eve = fwl_eve.Writer(spi, cs)          # machine.SPI (mode 0), machine.Pin
#   fwl.load(bundle, keys, eve, target_id=assets.BUNDLE_TARGET_ID,
#            ram=fwl_eve.RAM_G_RANGE)
#
# One transaction per call: chip select low, three address bytes (bits 23:22
# = 10 for a write, then address bits 21:0, most significant byte first),
# the data, chip select high. The data goes to spi.write() in pieces of at
# most `max_transfer` bytes (0: no limit) while chip select stays low.
#
# Heap: nothing is allocated per call while a chunk fits `max_transfer`.
# A chunk longer than `max_transfer` costs one small memoryview per extra
# piece; build the bundle with chunk_size <= max_transfer to load under
# micropython.heap_lock().
#
# The constants are plain names, not const(): mpy-tool freezes the ints of
# a constant tuple as long-int objects, and arithmetic on those allocates.
RAM_G = 0x000000
RAM_G_SIZE = 0x100000  # 1 MiB on FT81x/BT81x (FT80x: 256 KiB)
RAM_G_RANGE = (RAM_G, RAM_G_SIZE)
_ADDR_LIMIT = 0x400000  # 22-bit EVE address space


class Writer:
    def __init__(self, spi, cs, max_transfer=0, ram=RAM_G_RANGE):
        base, size = ram
        if base < 0 or size <= 0 or base + size > _ADDR_LIMIT or max_transfer < 0:
            raise ValueError("ram must lie in the 22-bit EVE address space")
        self._spi = spi
        self._cs = cs
        self._max = max_transfer
        self._base = base
        self._size = size
        self._hdr = bytearray(3)
        cs.value(1)

    def __call__(self, addr, mv):
        n = len(mv)
        off = addr - self._base
        if off < 0 or n == 0 or off >= self._size or n > self._size - off:
            raise ValueError("EVE write outside the RAM range")
        hdr = self._hdr
        hdr[0] = 0x80 | (addr >> 16)
        hdr[1] = (addr >> 8) & 0xFF
        hdr[2] = addr & 0xFF
        spi = self._spi
        step = self._max
        self._cs.value(0)
        try:
            spi.write(hdr)
            if step == 0 or n <= step:
                spi.write(mv)
            else:
                i = 0
                while i < n:
                    spi.write(mv[i:i + step])
                    i += step
        finally:
            self._cs.value(1)
