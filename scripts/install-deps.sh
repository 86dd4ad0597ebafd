#!/bin/bash
# Installs the Debian packages mpathboot's build and tests need, only those missing.
# Safe to run repeatedly; `make check` and `make demo` call it.
set -euo pipefail
need=(libdevmapper-dev dpkg-dev musl-tools qemu-system-x86 busybox-static cpio kmod fdisk e2fsprogs
      file binutils python3-jsonschema)
missing=()
for pkg in "${need[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq "${missing[@]}" >/dev/null; then
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi
