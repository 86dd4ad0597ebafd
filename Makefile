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
SWIFTC       ?= swiftc
TOOLCHAIN    := $(dir $(shell readlink -f $$(command -v $(SWIFTC))))
# The toolchain's clang and lld (not the system's): lld's identical code folding, below.
CLANG        ?= $(TOOLCHAIN)clang

# Every Swift file of the four targets is compiled as ONE module by one `swiftc -wmo`, not as
# SwiftPM's four modules: with the whole program in view the optimiser drops API nothing
# calls and emits each generic specialisation once instead of once per module and per file
# (31 KB raw, 17 KB gzip -9 smaller than SwiftPM's build of the same sources). The sources
# keep their `import MultipathCore` lines for `swift build`; here those imports find empty
# stand-in modules ($(STUBS)).
SWIFT_SOURCES := $(sort $(shell find Sources/MultipathCore Sources/MultipathSystem Sources/MpathBoot Sources/mpathboot -name '*.swift'))
C_SHIM        := Sources/CMPath/cmpath.c Sources/CMPath/include/cmpath.h Sources/CMPath/include/module.modulemap
STUBS         := $(patsubst %,$(BUILD)/stubs/%.swiftmodule,MultipathCore MultipathSystem MpathBoot)

# What the SIL inliner must not inline. In Embedded Swift the whole standard library is
# inlinable, and -Osize still copied the bodies of a few small, very common functions into
# every caller: every string interpolation became a dozen inlined appends (about 1 KB a
# message), every `switch` over a String an inlined `==`, every `Int(text)` a number parser.
# Called instead, they cost a call each.
# -sil-inline-never-functions takes ONE substring of the mangled name: "6append" is every
# function named append (Array's, String's and _StringGuts', which string interpolation
# calls). -sil-inline-never-function takes a list of exact mangled names, NEVER_INLINED:
# String == and +, String(stringInterpolation:), String._createEmpty(withInitialCapacity:)
NEVER_INLINED := $$eSS2eeoiySbSS_SStFZ $$eSS1poiyS2S_SStFZ $$eSS19stringInterpolationSSs013DefaultStringB0V_tcfC \
	$$eSS12_createEmpty19withInitialCapacitySSSi_tFZ
# hashing: Hasher(_seed:), _HashTable.copyContents(of:)
NEVER_INLINED += $$es6HasherV5_seedABSi_tcfC $$es10_HashTableV12copyContents2ofyAB_tF
# Characters: the stride forward and back, ==, Character literals, String's iterator
NEVER_INLINED += $$es11_StringGutsV22_opaqueCharacterStride10startingAtS2i_tF \
	$$es11_StringGutsV22_opaqueCharacterStride8endingAtS2i_tF $$eSJ2eeoiySbSJ_SJtFZ \
	$$eSJ38_builtinExtendedGraphemeClusterLiteral17utf8CodeUnitCount7isASCIISJBp_BwBi1_tcfC \
	$$eSS8IteratorV4nextSJSgyF
# String.withCString for the libc calls (Int32 and pointer results)
NEVER_INLINED += $$eSS11withCStringyxxSPys4Int8VGKXEKlFs5Int32V_Tg5 \
	$$eSS11withCStringyxxSPys4Int8VGKXEKlFSpyACGSg_Tg5
# Int, UInt32 and UInt64 from text (the digit loop of FixedWidthInteger.init(_:radix:))
NEVER_INLINED += \
	$$es17FixedWidthIntegerPsE_5radixxSgqd___SitcSyRd__lufcADSRys5UInt8VGXEfU_Si_SSTG5 \
	$$es17FixedWidthIntegerPsE_5radixxSgqd___SitcSyRd__lufcADSRys5UInt8VGXEfU_AF_SSTG5 \
	$$es17FixedWidthIntegerPsE_5radixxSgqd___SitcSyRd__lufcADSRys5UInt8VGXEfU_s6UInt32V_SSTG5 \
	$$es17FixedWidthIntegerPsE_5radixxSgqd___SitcSyRd__lufcADSRys5UInt8VGXEfU_s6UInt64V_SSTG5
# String from UTF-8 bytes: String(decoding:as:) for arrays and slices, the ASCII check
NEVER_INLINED += $$eSS18_uncheckedFromUTF8_18asciiPreScanResultSSSRys5UInt8VG_SbtFZ $$es9_allASCIIySbSRys5UInt8VGF \
	$$eSS8decoding2asSSx_q_mtcSlRzs16_UnicodeEncodingR_8CodeUnitQy_7ElementRtzr0_lufcSSSRyAGGXEfU_Says5UInt8VG_s0C0O4UTF8OTG5 \
	$$eSS8decoding2asSSx_q_mtcSlRzs16_UnicodeEncodingR_8CodeUnitQy_7ElementRtzr0_lufcSSSRyAGGXEfU_s10ArraySliceVys5UInt8VG_s0C0O4UTF8OTG5
comma := ,
empty :=
space := $(empty) $(empty)
# Then LLVM's own inliner, with a threshold below -Osize's: it inlines only what makes the
# caller smaller (a threshold of 0 and -20 measured best; -60 was larger again). And no loop
# unrolling in SIL: -Osize still unrolled loops over literal arrays (`for policy in
# ["failover", "multibus", ...]`) into one copy of the body per element (7.5 KB raw, 3 KB
# gzip -9; a 64x2 dry run: 1% more instructions).
INLINING_FLAGS := -Xllvm '-sil-inline-never-functions=6append' \
	-Xllvm '-sil-inline-never-function=$(subst $(space),$(comma),$(strip $(NEVER_INLINED)))' \
	-Xllvm -inline-threshold=-20 -Xfrontend -sil-unroll-threshold -Xfrontend 0

# Embedded Swift, size-optimised, the language mode and warnings-as-errors SwiftPM uses, one
# section per function so --gc-sections can drop what nothing calls. Traps are mergeable:
# one `ud2` a function instead of one per check (a trap says nothing about which check
# failed in either case). No machine outliner (-Xllvm -enable-machine-outliner): it takes
# 10 KB off the raw size but adds 10 KB under gzip -9 and 12 KB under zstd -19, since it
# removes exactly the repeats a compressor would have found, and the initramfs grows by the
# compressed size.
EMBEDDED_FLAGS := \
	-enable-experimental-feature Embedded -wmo -Osize -swift-version 6 -Werror EmbeddedRestrictions \
	-target x86_64-unknown-linux-gnu -Xfrontend -function-sections -Xfrontend -mergeable-traps \
	$(INLINING_FLAGS)

# musl instead of glibc: its headers for every C import (Swift's and the C shim's), the
# kernel's uapi headers beside them, and its crt objects and libc.a at link time. argv is
# captured by wrapping __libc_start_main (musl passes nothing to constructors).
MUSL_CFLAGS := -nostdlibinc -isystem $(MUSL_INCLUDE) -isystem $(KERNEL_HEADERS)

# Linked static by the toolchain's lld with identical code folding: functions that compile to
# the same machine code are kept once (about 23 KB less than with GNU ld).
LINK_FLAGS := -static -nostdlib -fuse-ld=lld -Wl,--gc-sections -Wl,--icf=all -Wl,--wrap=__libc_start_main

.PHONY: all test parity check vmtest vmtest-installer vmtest-faults vmtest-oracle-alua vmtest-boot vmtest-boot-check demo deps clean fuzz fuzz-smoke install uninstall bench footprint

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

$(BUILD)/stubs/%.swiftmodule: Makefile
	@mkdir -p $(BUILD)/stubs
	@: > $(BUILD)/stubs/empty.swift
	@$(SWIFTC) $(EMBEDDED_FLAGS) -parse-as-library -emit-module -module-name $* \
	  -module-cache-path $(BUILD)/module-cache -emit-module-path $@ $(BUILD)/stubs/empty.swift \
	  2>&1 | { grep -v -e 'libc not found for' >&2 || true; }
	@# swiftc leaves an identical module untouched, and make would emit it again every time.
	@touch $@

$(BUILD)/mpathboot.o: $(SWIFT_SOURCES) $(C_SHIM) $(STUBS) $(BUILD)/libdm.path Makefile
	@LVM=$$(cat $(BUILD)/libdm.path); set -o pipefail; \
	$(SWIFTC) $(EMBEDDED_FLAGS) $(addprefix -Xcc ,$(MUSL_CFLAGS)) -I $(BUILD)/stubs \
	  -I Sources/CMPath/include -Xcc -I$$LVM/libdm -module-cache-path $(BUILD)/module-cache \
	  -module-name mpathboot -c $(SWIFT_SOURCES) -o $@ \
	  2>&1 | { grep -v -e 'libc not found for' >&2 || true; }
	@# swiftc leaves an identical object untouched, and make would run it again every time.
	@touch $@

$(BUILD)/cmpath.o: $(C_SHIM) $(BUILD)/libdm.path Makefile
	@LVM=$$(cat $(BUILD)/libdm.path); \
	$(CLANG) -Os -ffunction-sections -fdata-sections $(MUSL_CFLAGS) -I Sources/CMPath/include -I$$LVM/libdm \
	  -c Sources/CMPath/cmpath.c -o $@

# The binary's C runtime pieces, one file each, compiled against musl, the only build in
# which their symbols exist: Sources/BootAllocator (malloc, free, ... in place of musl's) and
# Sources/InertNormalization (the Unicode normalization data the standard library asks for,
# all of it "none"; in the link before libswiftUnicodeDataTables.a, so its tables are never
# pulled in).
C_RUNTIME := $(BUILD)/BootAllocator.o $(BUILD)/InertNormalization.o
.SECONDEXPANSION:
$(C_RUNTIME): $(BUILD)/%.o: Sources/$$*/$$*.c Sources/$$*/include/$$*.h Makefile
	@mkdir -p $(BUILD)
	@$(CLANG) -Os -ffunction-sections -fdata-sections $(MUSL_CFLAGS) -I Sources/$*/include -c $< -o $@

$(BIN): $(BUILD)/mpathboot.o $(BUILD)/cmpath.o $(C_RUNTIME) $(BUILD)/libdm.path Makefile
	@LVM=$$(cat $(BUILD)/libdm.path); \
	$(CLANG) $(LINK_FLAGS) -o $@.unstripped $(MUSL_LIB)/crt1.o $(MUSL_LIB)/crti.o \
	  $(BUILD)/mpathboot.o $(BUILD)/cmpath.o $(C_RUNTIME) \
	  $$LVM/libdm/ioctl/libdevmapper.a \
	  $(EMBEDDED_LIB)/libswiftUnicodeDataTables.a $(MUSL_LIB)/libc.a $(LIBGCC) $(MUSL_LIB)/crtn.o \
	  -Wl,-Map=$(BUILD)/mpathboot.map
	@# No unwind tables: Embedded Swift never unwinds (typed throws return, traps abort) and
	@# neither musl nor libdm throws or walks the stack; .eh_frame was 26 KB of the budget.
	@# .comment only names the compilers and linker that made the objects.
	@strip -R .eh_frame -R .eh_frame_hdr -R .comment -o $@.tmp $@.unstripped
	@file $@.tmp | grep -q 'statically linked' || { echo "$@ is not statically linked" >&2; exit 1; }
	@# BootAllocator replaces musl's malloc; two allocators in one binary would free each
	@# other's blocks. None of musl's allocator objects may be in the link.
	@if grep -E -q 'libc\.a\((malloc|lite_malloc|aligned_alloc|calloc|libc_calloc|donate|malloc_usable_size)\.lo\)' $(BUILD)/mpathboot.map; then \
	  echo "$@: musl's allocator was linked beside BootAllocator" >&2; exit 1; fi
	@# InertNormalization stands in for the normalization tables (31 KB); they must not return.
	@if grep -q 'UnicodeNormalization\.cpp\.o' $(BUILD)/mpathboot.map; then \
	  echo "$@: the Unicode normalization tables were linked beside InertNormalization" >&2; exit 1; fi
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

# The oracle on ALUA disks (tests/vm/mpath-oracle.sh): mpathboot's maps against Debian's
# multipath-tools on scsi_debug's two port groups, once after scsi_dh_alua knows every
# state and once before (mpathboot reads the states itself with REPORT TARGET PORT GROUPS;
# scsi_debug answers each host with its own groups, so every path asks), and on an LIO LUN
# whose non-optimized port group has the PREF bit (lio-pref). About a minute and a half.
# `tests/vm/mpath-oracle.sh` with no argument runs every default scenario.
vmtest-oracle-alua: $(BIN) deps
	MPATHBOOT=$(CURDIR)/$(BIN) tests/vm/mpath-oracle.sh scsi-debug-alua scsi-debug-alua-early lio-pref

# Boot integration on images made by Debian's dracut and mkinitramfs (tests/vm/boot.sh).
# `make check` runs BOOT_CASES; mkinitramfs-lvm repeats dracut-lvm's proof on the other tool
# and is left to `make vmtest-boot BOOT_CASES=` (empty: every case) to keep check short.
BOOT_CASES ?=
CHECK_BOOT_CASES := dracut-uuid dracut-systemd-uuid mkinitramfs-uuid rd-multipath-0 dead-path late-path dracut-lvm
vmtest-boot: $(BIN) deps
	MPATHBOOT=$(CURDIR)/$(BIN) tests/vm/boot.sh $(BOOT_CASES)

vmtest-boot-check: $(BIN) deps
	MPATHBOOT=$(CURDIR)/$(BIN) tests/vm/boot.sh $(CHECK_BOOT_CASES)

# libFuzzer targets for every parser (Fuzz/README.md): a short smoke in check, long runs here.
fuzz-smoke:
	scripts/fuzz.sh smoke

FUZZ_SECONDS ?= 600
fuzz:
	scripts/fuzz.sh all $(FUZZ_SECONDS)

check: test all parity fuzz-smoke vmtest vmtest-installer vmtest-faults vmtest-oracle-alua vmtest-boot-check

# The benchmark (tests/bench/README.md), not part of check: one guest per scsi_debug topology
# with mpathboot, the raw device-mapper floor and Debian's udev + multipath-tools, then the
# dracut footprint; results/bench/<date>/. BENCH_ARGS: e.g. "4x2 64x2" or "--no-mpt".
# The 1024x4 topology alone takes the better part of an hour under TCG.
bench: $(BIN)
	MPATHBOOT=$(CURDIR)/$(BIN) BENCH_LIBDM=$$(cat $(BUILD)/libdm.path) tests/bench/bench.sh $(BENCH_ARGS)

footprint: $(BIN)
	tests/bench/footprint.sh --binary $(BIN) $(if $(wildcard dracut/*/module-setup.sh),--module $(dir $(firstword $(wildcard dracut/*/module-setup.sh))))

demo: $(BIN)
	MPATHBOOT=$(CURDIR)/$(BIN) tests/vm/run.sh --demo

# --- install -------------------------------------------------------------------------------
# `make install DESTDIR=... PREFIX=...`: the binary under PREFIX, the boot integration where
# each tool looks for it (dracut and initramfs-tools read only their own folders, so those do
# not move with PREFIX). The udev rule and the shell library go to DATADIR/mpathboot for the
# initramfs-tools hook, and into the dracut module itself: the rule is for the initramfs
# only, not for the running system, whose multipath-tools rules and multipathd own the paths.
PREFIX       ?= /usr
SBINDIR      ?= $(PREFIX)/sbin
DATADIR      ?= $(PREFIX)/share
DRACUTDIR    ?= /usr/lib/dracut
INITRAMFSDIR ?= /usr/share/initramfs-tools
DRACUT_MOD   := $(DRACUTDIR)/modules.d/90mpathboot
BOOT_SCRIPTS := init-top/mpathboot init-premount/mpathboot local-top/mpathboot local-block/multipath
# The scripts name /usr/sbin/mpathboot as the binary to put into images; point them at SBINDIR.
SET_BINARY   := sed -e 's|/usr/sbin/mpathboot|$(SBINDIR)/mpathboot|g' -e 's|/usr/share/mpathboot|$(DATADIR)/mpathboot|g'

install: $(BIN)
	install -D -m 755 $(BIN) $(DESTDIR)$(SBINDIR)/mpathboot
	install -d $(DESTDIR)$(DATADIR)/mpathboot $(DESTDIR)$(DRACUT_MOD) $(DESTDIR)$(DRACUTDIR)/dracut.conf.d
	install -m 644 boot/56-mpathboot.rules boot/mpathboot-lib.sh $(DESTDIR)$(DATADIR)/mpathboot/
	install -m 644 boot/56-mpathboot.rules boot/mpathboot-lib.sh $(DESTDIR)$(DRACUT_MOD)/
	for f in dracut/90mpathboot/*.sh; do \
	  case $$f in */mpathboot-lib.sh) continue ;; esac; \
	  $(SET_BINARY) $$f > $(DESTDIR)$(DRACUT_MOD)/$${f##*/} && chmod 755 $(DESTDIR)$(DRACUT_MOD)/$${f##*/} || exit 1; \
	done
	install -m 644 dracut/90-mpathboot.conf $(DESTDIR)$(DRACUTDIR)/dracut.conf.d/90-mpathboot.conf
	install -d $(DESTDIR)$(INITRAMFSDIR)/hooks
	$(SET_BINARY) initramfs/hooks/mpathboot > $(DESTDIR)$(INITRAMFSDIR)/hooks/mpathboot
	chmod 755 $(DESTDIR)$(INITRAMFSDIR)/hooks/mpathboot
	for s in $(BOOT_SCRIPTS); do \
	  install -D -m 755 initramfs/scripts/$$s $(DESTDIR)$(INITRAMFSDIR)/scripts/$$s || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/mpathboot $(DESTDIR)$(DRACUTDIR)/dracut.conf.d/90-mpathboot.conf
	rm -rf $(DESTDIR)$(DATADIR)/mpathboot $(DESTDIR)$(DRACUT_MOD)
	rm -f $(DESTDIR)$(INITRAMFSDIR)/hooks/mpathboot $(addprefix $(DESTDIR)$(INITRAMFSDIR)/scripts/,$(BOOT_SCRIPTS))

clean:
	rm -rf $(BUILD) .build .build-embedded
