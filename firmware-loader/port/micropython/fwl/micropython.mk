# MicroPython user C module `fwl` (make-based ports: unix, stm32, qemu, ...):
#   make USER_C_MODULES=/path/to/rasterd/firmware-loader/port/micropython
# See docs/micropython.md. The loader sources are library sources (not
# scanned for qstrs); only modfwl.c defines Python objects.
FWL_MOD_DIR := $(USERMOD_DIR)
FWL_DIR := $(abspath $(FWL_MOD_DIR)/../../..)
FWL_ROOT := $(abspath $(FWL_DIR)/..)

SRC_USERMOD_C += $(FWL_MOD_DIR)/modfwl.c

SRC_USERMOD_LIB_C += \
	$(FWL_DIR)/loader.c \
	$(FWL_DIR)/directory.c \
	$(FWL_DIR)/segments.c \
	$(FWL_DIR)/errors.c \
	$(FWL_DIR)/sha512.c \
	$(FWL_DIR)/fe25519.c \
	$(FWL_DIR)/sc25519.c \
	$(FWL_DIR)/ed25519.c \
	$(FWL_DIR)/ed25519_errors.c \
	$(FWL_ROOT)/wire/blake2s.c

CFLAGS_USERMOD += -I$(FWL_DIR)/include -I$(FWL_ROOT)/wire/include

# modfwl.c makes one qstr per loader error from errors.def: make scans the
# sources for qstrs again when the error list changes.
QSTR_GLOBAL_DEPENDENCIES += $(FWL_DIR)/include/fwl/errors.def
