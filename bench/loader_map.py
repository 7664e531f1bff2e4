#!/usr/bin/env python3
"""Sums what the firmware loader's objects put into a linked Cortex-M image.

Reads a GNU ld map (-Wl,-Map) and adds up the input sections that came from
libfwl-cm.a, per object: code and constants in flash (.text*, .rodata*) and
static RAM (.data*, .bss*, COMMON). Only sections kept after --gc-sections
are in the memory map part, so this is what the loader really costs.

    loader_map.py demo_load.map            (table)
    loader_map.py demo_load.map --totals   ("CORE RAM SINK" in bytes, for scripts)

The core is everything but the EVE sink (eve*.o), which a port links only
if it uses it and which the zlib path (eve_inflate.o) grows: its flash is
reported apart.
"""
import re
import sys
from collections import defaultdict


def main():
    text = open(sys.argv[1]).read()
    start = text.find('Linker script and memory map')
    lines = text[start:].splitlines()
    flash = defaultdict(int)
    ram = defaultdict(int)
    pending = None
    pat = re.compile(r'^\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(\S+)$')
    for line in lines:
        m = re.match(r'^ (\.[A-Za-z_.$0-9]+|COMMON)(.*)$', line)
        if m:
            pending = m.group(1)
            rest = m.group(2)
            m2 = pat.match(rest) if rest.strip() else None
            if not m2:
                continue
        else:
            m2 = pat.match(line)
            if not m2 or pending is None:
                pending = None if not line.startswith('  ') else pending
                continue
        size = int(m2.group(2), 16)
        obj = m2.group(3)
        sec = pending
        pending = None
        om = re.search(r'libfwl-cm\.a\((\w+)\.o\)', obj)
        if not om or size == 0:
            continue
        name = om.group(1)
        if sec.startswith(('.text', '.rodata')):
            flash[name] += size
        elif sec.startswith(('.data', '.bss')) or sec == 'COMMON':
            ram[name] += size
    sink = sum(v for k, v in flash.items() if k.startswith('eve'))
    if sys.argv[2:] == ['--totals']:
        print(sum(flash.values()) - sink, sum(ram.values()), sink)
        return
    print('loader in the linked image (arm-none-eabi-gcc -Os -mthumb, --gc-sections):')
    for name in sorted(flash, key=lambda k: -flash[k]):
        print('  %6d  %s' % (flash[name], name))
    total = sum(flash.values())
    print('  %6d  total flash (.text + .rodata) = %.2f KiB' % (total, total / 1024))
    print('  %6d  core (all but the EVE sink) = %.2f KiB' % (total - sink, (total - sink) / 1024))
    print('  %6d  EVE sink (eve, eve_inflate)' % sink)
    print('  %6d  static RAM (.data + .bss)' % sum(ram.values()))


if __name__ == '__main__':
    main()
