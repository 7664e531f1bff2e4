# MicroPython user C module `fwl` for CMake-based ports; included by
# ../micropython.cmake. Same sources as micropython.mk beside it.
add_library(usermod_fwl INTERFACE)

get_filename_component(FWL_DIR ${CMAKE_CURRENT_LIST_DIR}/../../.. ABSOLUTE)
get_filename_component(FWL_ROOT ${FWL_DIR}/.. ABSOLUTE)

target_sources(usermod_fwl INTERFACE
    ${CMAKE_CURRENT_LIST_DIR}/modfwl.c
    ${FWL_DIR}/loader.c
    ${FWL_DIR}/directory.c
    ${FWL_DIR}/segments.c
    ${FWL_DIR}/errors.c
    ${FWL_DIR}/sha512.c
    ${FWL_DIR}/fe25519.c
    ${FWL_DIR}/sc25519.c
    ${FWL_DIR}/ed25519.c
    ${FWL_DIR}/ed25519_errors.c
    ${FWL_ROOT}/wire/blake2s.c
)

target_include_directories(usermod_fwl INTERFACE
    ${FWL_DIR}/include
    ${FWL_ROOT}/wire/include
)

target_link_libraries(usermod INTERFACE usermod_fwl)
