#!/usr/bin/env python3
"""firmware-loader/port/micropython/micropython.cmake, as a CMake-based
MicroPython port (esp32, rp2) would include it: CMake evaluates it in a
project that defines the `usermod` interface library as those ports do;
the module must link into `usermod`, its sources must exist and be the
ones micropython.mk lists (the make build of the unix and qemu ports proves
that list), and every loader source must compile with the include folders
the .cmake file exports (the binding itself needs MicroPython's generated
headers, which only a port build has).

usage: check_cmake_module.py        (skips, 77, without cmake)
"""
import os
import re
import shutil
import sys
import tempfile

from harness import check, finish, run, skip

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PORT = os.path.join(ROOT, "firmware-loader", "port", "micropython")

PROJECT = """\
cmake_minimum_required(VERSION 3.13)
project(fwl_usermod_check C)
add_library(usermod INTERFACE)
include(%s)
get_target_property(srcs usermod_fwl INTERFACE_SOURCES)
get_target_property(incs usermod_fwl INTERFACE_INCLUDE_DIRECTORIES)
get_target_property(linked usermod INTERFACE_LINK_LIBRARIES)
file(WRITE ${CMAKE_BINARY_DIR}/module.txt "${srcs}\\n${incs}\\n${linked}\\n")
list(FILTER srcs EXCLUDE REGEX "/modfwl\\\\.c$")
add_library(fwl_check STATIC ${srcs})
target_include_directories(fwl_check PRIVATE ${incs})
set_target_properties(fwl_check PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON)
"""


def make_sources():
    """The sources micropython.mk lists, as absolute paths."""
    text = open(os.path.join(PORT, "fwl", "micropython.mk")).read()
    fwl_dir = os.path.join(ROOT, "firmware-loader")
    out = set()
    for m in re.finditer(r"\$\((FWL_MOD_DIR|FWL_DIR|FWL_ROOT)\)/(\S+\.c)", text):
        base = {"FWL_MOD_DIR": os.path.join(PORT, "fwl"), "FWL_DIR": fwl_dir,
                "FWL_ROOT": ROOT}[m.group(1)]
        out.add(os.path.normpath(os.path.join(base, m.group(2))))
    return out


def main():
    cmake = shutil.which("cmake")
    if not cmake:
        skip("cmake not found (scripts/deps.sh installs it)")
    d = tempfile.mkdtemp(prefix="fwl-cmake-")
    try:
        with open(os.path.join(d, "CMakeLists.txt"), "w") as f:
            f.write(PROJECT % os.path.join(PORT, "micropython.cmake"))
        p = run([cmake, "-S", d, "-B", os.path.join(d, "b")])
        check(p.returncode == 0, "CMake evaluates micropython.cmake", p.stdout + p.stderr)
        if p.returncode != 0:
            return finish()
        srcs, incs, linked = open(os.path.join(d, "b", "module.txt")).read().splitlines()[:3]
        srcs = set(os.path.normpath(s) for s in srcs.split(";"))
        check("usermod_fwl" in linked.split(";"), "usermod links usermod_fwl", linked)
        missing = [s for s in srcs if not os.path.isfile(s)]
        check(not missing, "every source in micropython.cmake exists", repr(missing))
        want = make_sources()
        check(srcs == want, "micropython.cmake lists micropython.mk's sources",
              "only in .cmake %r, only in .mk %r" % (sorted(srcs - want), sorted(want - srcs)))
        for inc in incs.split(";"):
            check(os.path.isdir(inc), "include folder %s exists" % inc)
        p = run([cmake, "--build", os.path.join(d, "b")], timeout=300)
        check(p.returncode == 0, "the loader sources compile with the exported include folders",
              p.stdout[-3000:] + p.stderr[-3000:])
    finally:
        shutil.rmtree(d)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
