# mpathboot: `make` builds the shipped binary, `make check` runs every test, `make demo`
# boots a guest whose root is on a two-path multipath partition.
#
# The shipped binary is Embedded Swift, linked fully static against a libdevmapper.a built
# from Debian's lvm2 source (scripts/build-libdm.sh, cached outside the clone). `swift build`
# and `swift test` build the same sources as normal Swift against the shared libdevmapper.

SHELL        := /bin/bash
SWIFT        ?= swift
BUILD        := build
BIN          := $(BUILD)/mpathboot
SIZE_BUDGET  := 1048576
EMBEDDED_LIB ?= $(abspath $(dir $(shell readlink -f $$(command -v swiftc)))../lib/swift/embedded/x86_64-unknown-linux-gnu)
SOURCES      := $(shell find Sources -name '*.swift' -o -name '*.c' -o -name '*.h') Package.swift

# Embedded Swift, size-optimised, one section per function so --gc-sections can drop what
# nothing calls; `-Xclang-linker -static` (not -static-executable, see embedded-swift.md).
EMBEDDED_FLAGS := \
	-Xswiftc -enable-experimental-feature -Xswiftc Embedded -Xswiftc -wmo -Xswiftc -Osize \
	-Xswiftc -Xfrontend -Xswiftc -function-sections \
	-Xswiftc -Xclang-linker -Xswiftc -static \
	-Xcc -ffunction-sections -Xcc -fdata-sections

.PHONY: all test check vmtest demo deps clean

all: $(BIN)

deps:
	@scripts/install-deps.sh

# libdevmapper.a: the script prints the lvm2 build folder (cached, keyed by version).
$(BUILD)/libdm.path: scripts/build-libdm.sh | deps
	@mkdir -p $(BUILD)
	@scripts/build-libdm.sh > $@.tmp && mv $@.tmp $@

$(BIN): $(SOURCES) $(BUILD)/libdm.path Makefile
	@LVM=$$(cat $(BUILD)/libdm.path); set -o pipefail; \
	$(SWIFT) build -c release --product mpathboot --scratch-path .build-embedded $(EMBEDDED_FLAGS) \
	  -Xcc -I$$LVM/libdm -Xlinker -L$$LVM/libdm/ioctl -Xlinker -L$(EMBEDDED_LIB) \
	  -Xlinker -lswiftUnicodeDataTables -Xlinker -lm -Xlinker -Map=$(CURDIR)/$(BUILD)/mpathboot.map \
	  2>&1 | { grep -v -e 'argument unused during compilation' -e '^\[[0-9]*/[0-9]*\]' >&2 || true; }
	@strip -o $@.tmp .build-embedded/release/mpathboot
	@file $@.tmp | grep -q 'statically linked' || { echo "$@ is not statically linked" >&2; exit 1; }
	@if readelf -d $@.tmp | grep -q 'Dynamic section'; then echo "$@ has a dynamic section" >&2; exit 1; fi
	@size=$$(stat -c %s $@.tmp); \
	 echo "$@: Embedded Swift, statically linked, no dynamic section, $$size bytes stripped (budget $(SIZE_BUDGET))"; \
	 if [ $$size -gt $(SIZE_BUDGET) ]; then echo "warning: $@ is over its size budget by $$((size - $(SIZE_BUDGET))) bytes" >&2; fi
	@mv $@.tmp $@

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

vmtest: $(BIN)
	MPATHBOOT=$(CURDIR)/$(BIN) tests/vm/run.sh

check: test all vmtest

demo: $(BIN)
	MPATHBOOT=$(CURDIR)/$(BIN) tests/vm/run.sh --demo

clean:
	rm -rf $(BUILD) .build .build-embedded
