# rasterd's MicroPython user C modules for CMake-based ports (esp32, rp2):
#   make USER_C_MODULES=/path/to/rasterd/firmware-loader/port/micropython/micropython.cmake
# Make-based ports (unix, stm32, qemu) use the folder instead:
#   make USER_C_MODULES=/path/to/rasterd/firmware-loader/port/micropython
# See docs/micropython.md.
include(${CMAKE_CURRENT_LIST_DIR}/fwl/micropython.cmake)
