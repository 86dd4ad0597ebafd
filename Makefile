# mpathboot: `make` builds the shipped binary, `make check` runs every test, `make demo`
# boots a guest whose root is on a two-path multipath partition.
#
# The shipped binary is Embedded Swift, linked fully static against musl's libc.a and a
# libdevmapper.a built with musl-gcc from Debian's lvm2 source (scripts/build-libdm.sh,
# cached outside the clone). `swift build` and `swift test` build the same sources as normal
# Swift against glibc and the shared libdevmapper.
#
# Why musl: a static glibc binary starts at ~680 KB before any code of ours (stdio, locale,
# gettext, iconv and the static-dlopen machinery come along); with musl the whole program is
# ~0.45 MB, which leaves the 1 MiB budget room for the rest of mpathboot.

SHELL        := /bin/bash
SWIFT        ?= swift
BUILD        := build
BIN          := $(BUILD)/mpathboot
SIZE_BUDGET  := 1048576
MUSL_LIB     := /usr/lib/x86_64-linux-musl
MUSL_INCLUDE := /usr/include/x86_64-linux-musl
LIBGCC       := $(shell gcc -print-libgcc-file-name)
CACHE        ?= $(or $(MPATHBOOT_CACHE),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/mpathboot)
# In the cache, not the clone: its path is part of libdevmapper.a's build key (the CC line).
KERNEL_HEADERS := $(CACHE)/kernel-headers
EMBEDDED_LIB ?= $(abspath $(dir $(shell readlink -f $$(command -v swiftc)))../lib/swift/embedded/x86_64-unknown-linux-gnu)
SOURCES      := $(shell find Sources -name '*.swift' -o -name '*.c' -o -name '*.h') Package.swift

# Embedded Swift, size-optimised, one section per function so --gc-sections can drop what
# nothing calls; `-Xclang-linker -static` (not -static-executable, see embedded-swift.md).
# Linked by the toolchain's lld with identical code folding: generic specialisations that
# compile to the same machine code are kept once (about 23 KB less than with GNU ld).
EMBEDDED_FLAGS := \
	-Xswiftc -enable-experimental-feature -Xswiftc Embedded -Xswiftc -wmo -Xswiftc -Osize \
	-Xswiftc -Xfrontend -Xswiftc -function-sections \
	-Xswiftc -Xclang-linker -Xswiftc -static -Xswiftc -use-ld=lld -Xlinker --icf=all \
	-Xcc -ffunction-sections -Xcc -fdata-sections

# musl instead of glibc: its headers for every C import (Swift's and the C shim's), the
# kernel's uapi headers beside them, and its crt objects and libc.a at link time. argv is
# captured by wrapping __libc_start_main (musl passes nothing to constructors).
MUSL_FLAGS := \
	-Xcc -nostdlibinc -Xcc -isystem -Xcc $(MUSL_INCLUDE) -Xcc -isystem -Xcc $(KERNEL_HEADERS) \
	-Xswiftc -Xclang-linker -Xswiftc -nostdlib \
	-Xlinker $(MUSL_LIB)/crt1.o -Xlinker $(MUSL_LIB)/crti.o \
	-Xlinker --wrap=__libc_start_main
MUSL_LINK_LAST := -Xlinker $(MUSL_LIB)/libc.a -Xlinker $(LIBGCC) -Xlinker $(MUSL_LIB)/crtn.o

.PHONY: all test parity check vmtest vmtest-installer vmtest-faults demo deps clean fuzz fuzz-smoke

all: $(BIN)

deps:
	@scripts/install-deps.sh

# musl ships no kernel headers; link Debian's linux/, asm/ and asm-generic/ beside its own.
$(KERNEL_HEADERS):
	@mkdir -p $@
	@ln -sfn /usr/include/linux $@/linux
	@ln -sfn /usr/include/x86_64-linux-gnu/asm $@/asm
	@ln -sfn /usr/include/asm-generic $@/asm-generic

# libdevmapper.a: the script prints the lvm2 build folder (cached, keyed by version and flags).
$(BUILD)/libdm.path: scripts/build-libdm.sh | deps $(KERNEL_HEADERS)
	@mkdir -p $(BUILD)
	@MPATHBOOT_CACHE=$(CACHE) MPATHBOOT_KERNEL_HEADERS=$(KERNEL_HEADERS) scripts/build-libdm.sh > $@.tmp && mv $@.tmp $@

$(BIN): $(SOURCES) $(BUILD)/libdm.path Makefile
	@LVM=$$(cat $(BUILD)/libdm.path); set -o pipefail; \
	$(SWIFT) build -c release --product mpathboot --scratch-path .build-embedded $(EMBEDDED_FLAGS) $(MUSL_FLAGS) \
	  -Xcc -I$$LVM/libdm -Xlinker -L$$LVM/libdm/ioctl \
	  -Xlinker $(EMBEDDED_LIB)/libswiftUnicodeDataTables.a $(MUSL_LINK_LAST) \
	  -Xlinker -Map=$(CURDIR)/$(BUILD)/mpathboot.map \
	  2>&1 | { grep -v -e 'argument unused during compilation' -e 'libc not found for' -e '^\[[0-9]*/[0-9]*\]' >&2 || true; }
	@strip -o $@.tmp .build-embedded/release/mpathboot
	@file $@.tmp | grep -q 'statically linked' || { echo "$@ is not statically linked" >&2; exit 1; }
	@if readelf -d $@.tmp | grep -q 'Dynamic section'; then echo "$@ has a dynamic section" >&2; exit 1; fi
	@size=$$(stat -c %s $@.tmp); \
	 echo "$@: Embedded Swift + musl, statically linked, no dynamic section, $$size bytes stripped (budget $(SIZE_BUDGET))"; \
	 if [ $$size -gt $(SIZE_BUDGET) ]; then echo "warning: $@ is over its size budget by $$((size - $(SIZE_BUDGET))) bytes" >&2; fi
	@mv $@.tmp $@

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The Embedded binary must print what the normal build prints on every captured /sys tree.
parity: $(BIN)
	$(SWIFT) build --product mpathboot
	tests/embedded/parity.sh $(BIN) .build/debug/mpathboot

vmtest: $(BIN)
	MPATHBOOT=$(CURDIR)/$(BIN) tests/vm/run.sh

# The installer interface (probe/assemble --json, resolve, flush) on a two-path LUN plus a
# local disk; every JSON document validated against docs/report.schema.json.
vmtest-installer: $(BIN) deps
	MPATHBOOT=$(CURDIR)/$(BIN) tests/vm/installer.sh

# The fault matrix (tests/vm/README.md): two boots, about 2 minutes.
vmtest-faults: $(BIN)
	MPATHBOOT=$(CURDIR)/$(BIN) tests/vm/faults.sh

# libFuzzer targets for every parser (Fuzz/README.md): a short smoke in check, long runs here.
fuzz-smoke:
	scripts/fuzz.sh smoke

FUZZ_SECONDS ?= 600
fuzz:
	scripts/fuzz.sh all $(FUZZ_SECONDS)

check: test all parity fuzz-smoke vmtest vmtest-installer vmtest-faults

demo: $(BIN)
	MPATHBOOT=$(CURDIR)/$(BIN) tests/vm/run.sh --demo

clean:
	rm -rf $(BUILD) .build .build-embedded
