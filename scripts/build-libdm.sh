#!/bin/bash
# Builds libdevmapper.a from Debian's lvm2 source package of exactly the version that
# libdevmapper-dev was built from (udev sync, selinux, blkid and readline off), with musl
# (musl-gcc), the C library the shipped static binary links, and prints the folder holding it. Source and result are cached outside the clone, keyed by version,
# so a second run costs nothing. Debian ships no static libdevmapper; this is the only way
# to link the shipped mpathboot fully static against the same libdm as the distribution.
set -euo pipefail

cache=${MPATHBOOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mpathboot}

# The source version is what libdevmapper-dev names as its Source (lvm2 2.03.16-2 on bookworm).
srcver=$(dpkg-query -W -f='${source:Version}' libdevmapper-dev 2>/dev/null) || {
    echo "build-libdm: libdevmapper-dev is not installed (scripts/install-deps.sh installs it)" >&2
    exit 1
}
upver=${srcver#*:}          # drop the epoch
upver=${upver%-*}           # drop the Debian revision
out=$cache/lvm2-$srcver
# The configure line, in one place: its checksum names the build folder, so changing a flag
# builds afresh instead of reusing a library made differently.
kernel_headers=${MPATHBOOT_KERNEL_HEADERS:?set by the Makefile: a folder linking linux/ asm/ asm-generic/}
cc="musl-gcc -isystem $kernel_headers"
config=(--disable-selinux --disable-udev_sync --disable-udev-systemd-background-jobs
        --disable-blkid_wiping --disable-readline --enable-static_link
        "CC=$cc" "CFLAGS=-Os -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables")
flavour=$(printf '%s\n' "${config[@]}" | md5sum | cut -c1-8)
build=$out/build-musl-$flavour
lib=$build/libdm/ioctl/libdevmapper.a

if [ -f "$lib" ] && [ -f "$build/libdm/libdevmapper.h" ]; then
    echo "$build"
    exit 0
fi
command -v musl-gcc >/dev/null || { echo "build-libdm: musl-gcc missing (apt-get install musl-tools)" >&2; exit 1; }

mkdir -p "$out"
cd "$out"
if ! ls lvm2_*.dsc >/dev/null 2>&1; then
    # A private source list: the machine's own apt setup is left alone.
    uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
    [ -n "$uri" ] || { echo "build-libdm: no Debian mirror found in the apt configuration" >&2; exit 1; }
    suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
    mkdir -p apt/lists/partial
    echo "deb-src $uri $suite main" > apt/src.list
    echo "deb-src $uri $suite-updates main" >> apt/src.list
    opts=(-o Dir::Etc::SourceList="$out/apt/src.list" -o Dir::Etc::SourceParts=/dev/null
          -o Dir::State::Lists="$out/apt/lists" -o Debug::NoLocking=1)
    apt-get "${opts[@]}" -qq update >&2
    apt-get "${opts[@]}" -qq source --download-only "lvm2=$srcver" >&2
fi
rm -rf "$build"
dpkg-source --no-check -x lvm2_*.dsc "$build" >&2       # applies Debian's patches
cd "$build"
./configure "${config[@]}" >configure.log 2>&1 || { tail -20 configure.log >&2; exit 1; }
make -s -C libdm -j"$(nproc)" >make.log 2>&1 || { tail -30 make.log >&2; exit 1; }
[ -f "$lib" ] || { echo "build-libdm: $lib was not produced" >&2; exit 1; }
echo "$build"
