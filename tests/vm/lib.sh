# shellcheck shell=bash
# tests/vm/lib.sh: building blocks for booting mpathboot on a real kernel in QEMU.
#
# Sourced by tests/vm/run.sh (and by later VM tests). The host's own kernel has no
# SCSI and no device-mapper, so everything that touches /sys/block or dm runs in a
# QEMU guest with Debian's kernel instead: see shared/reference/vm-testing.md.
#
# Functions:
#   vm_cache_dir                      print (and create) the cache folder
#   vm_fetch_kernel                   fetch/unpack Debian's kernel; sets KVER KDIR VMLINUZ
#   vm_modules_for MODULE...          .ko paths in load order (deps first), de-duplicated
#   vm_build_initramfs OUT INIT BIN [SRC[:DEST]...]
#   vm_build_disk OUT ROOT_UUID [BIN] GPT disk, partition 2 = ext4 root with mpathboot
#   vm_root_tree DIR INIT BIN         a test root's tree (busybox, init, mpathboot)
#   vm_gpt_image OUT TYPE NAME        64 MiB GPT image; prints partition 2's start and size
#   vm_boot IMAGE INITRAMFS CMDLINE_EXTRA PATHS LOG
#   vm_qmp SOCKET COMMAND...          send QMP commands (JSON, one per argument) to a guest
#
# Knobs (environment):
#   VM_MODULES   modules for the initramfs (names as modprobe knows them); later tests
#                append scsi_debug, sg, nvme, ahci ... to it.
#   VM_STREAM=1  vm_boot also copies the guest console to stdout, live (demo mode).
#   VM_TIMEOUT   seconds before a hung guest is killed (default 180).
#   VM_QEMU_ARGS extra QEMU arguments, word-split (e.g. "-smp 2").
#   VM_QMP       vm_boot opens a QMP socket at this path (for vm_qmp: device_add ...).
#   VM_SPARE_CONTROLLERS  vm_boot adds this many more virtio-scsi controllers with no disk
#                (ids scsiPATHS, scsiPATHS+1 ...), for paths hot-added over QMP.
#   VM_ROOT_INIT the /sbin/init vm_build_disk puts on the root (default guest/root-init.sh).

set -eu

VM_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# The WWN given to QEMU's scsi-hd and the WWID the guest derives from it (NAA type 3 prefix).
VM_WWN=0x5000c50015ea71ac
VM_SERIAL=MPATH0001
export VM_WWID=35000c50015ea71ac # for the scripts that source this file

# scsi_dh_* come before the controllers on purpose: a device handler attaches when a
# SCSI device is added, as on a real boot where they are loaded early. ext4 is for the
# root, sg for the 2.4-style /dev scan, scsi_debug (only insmod'ed on request, with
# parameters) for many LUNs with ALUA; the rest is the stack between virtio and dm-multipath.
: "${VM_MODULES:=scsi_dh_alua scsi_dh_emc scsi_dh_rdac virtio_pci virtio_scsi sd_mod dm-mod dm-multipath dm-service-time dm-round-robin dm-queue-length ext4 sg scsi_debug}"

vm_log() { echo "vm: $*" >&2; }
vm_die() { echo "vm: error: $*" >&2; exit 1; }

# The cache lives outside the clone so a fresh clone and `git clean` keep the kernel.
vm_cache_dir() {
    local d="${XDG_CACHE_HOME:-$HOME/.cache}/mpathboot"
    mkdir -p "$d"
    echo "$d"
}

# --- kernel -------------------------------------------------------------------------

# Which package linux-image-amd64 points at today, e.g. linux-image-6.1.0-56-amd64.
_vm_kernel_package() {
    apt-cache depends linux-image-amd64 2>/dev/null |
        awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }'
}

_vm_package_version() {
    apt-cache show --no-all-versions "$1" 2>/dev/null | awk '$1 == "Version:" { print $2; exit }'
}

# Newest kernel already unpacked in the cache; lets the tests run when apt cannot answer.
_vm_cached_kernel_dir() {
    local d
    d=$(ls -d "$(vm_cache_dir)"/kernel/*/root/.ready 2>/dev/null | sort -V | tail -n 1)
    [ -n "$d" ] && dirname "$d"
}

# Unpack the package apt names now into $cache/PKG_VERSION/root, unless it is there.
# Prints that root; fails if apt cannot name or download the package.
_vm_unpack_current() { # CACHE
    local cache=$1 pkg ver dir
    pkg=$(_vm_kernel_package)
    [ -n "$pkg" ] || return 1
    ver=$(_vm_package_version "$pkg")
    dir=$cache/${pkg}_${ver}
    if [ ! -e "$dir/root/.ready" ]; then
        vm_log "fetching $pkg $ver into $dir"
        rm -rf "$dir" && mkdir -p "$dir"
        (cd "$dir" && apt-get download -q "$pkg" >/dev/null 2>&1) || return 1
        dpkg -x "$dir"/"$pkg"_*.deb "$dir/root"
    fi
    echo "$dir/root"
}

vm_fetch_kernel() {
    local cache root lock
    cache=$(vm_cache_dir)/kernel
    mkdir -p "$cache"
    # Two runs at once (several engineers, CI) must not unpack into the same folder.
    exec {lock}>"$cache/.lock"
    flock "$lock"
    # apt-get update only when needed: no lists yet (apt-cache knows no kernel) or
    # stale lists (the version they name is gone from the mirror, download fails).
    if ! root=$(_vm_unpack_current "$cache"); then
        vm_log "apt cannot name or download the kernel; running apt-get update"
        apt-get update -q >/dev/null 2>&1 || vm_log "apt-get update failed"
        if ! root=$(_vm_unpack_current "$cache"); then
            root=$(_vm_cached_kernel_dir) || vm_die "cannot fetch a kernel and none is cached"
            vm_log "using the cached kernel in $root"
        fi
    fi
    KVER=$(ls "$root/lib/modules" | head -n 1)
    [ -n "$KVER" ] || vm_die "no lib/modules in $root"
    # The .deb ships no modules.dep; modprobe --show-depends needs it.
    if [ ! -e "$root/.ready" ]; then
        depmod -b "$root" "$KVER"
        touch "$root/.ready"
    fi
    exec {lock}>&-
    KDIR=$root
    VMLINUZ=$root/boot/vmlinuz-$KVER
    [ -r "$VMLINUZ" ] || vm_die "no kernel image at $VMLINUZ"
    export KVER KDIR VMLINUZ
}

# Paths of the .ko files, dependencies first. Built-in modules print "builtin ..." and
# are skipped. A module that two requests share is listed once, at its first place.
vm_modules_for() {
    local m out
    [ -n "${KDIR:-}" ] || vm_die "vm_modules_for: call vm_fetch_kernel first"
    for m in "$@"; do
        out=$(modprobe -d "$KDIR" -S "$KVER" --show-depends "$m") ||
            vm_die "modprobe cannot resolve module $m for $KVER"
        printf '%s\n' "$out" | awk '$1 == "insmod" { print $2 }'
    done | awk '!seen[$0]++'
}

# --- images -------------------------------------------------------------------------

# /bin/busybox plus one symlink per applet (bin/sh, sbin/switch_root, ...), never over a
# file that is already there (the root's own /sbin/init must win over busybox init).
_vm_install_busybox() { # DIR
    local dir=$1 bb link
    bb=$(command -v busybox) || vm_die "busybox not found (apt-get install busybox-static)"
    mkdir -p "$dir/bin" "$dir/sbin" "$dir/usr/bin" "$dir/usr/sbin"
    cp "$bb" "$dir/bin/busybox"
    for link in $("$dir/bin/busybox" --list-full); do
        [ -e "$dir/$link" ] || [ -L "$dir/$link" ] || ln -s /bin/busybox "$dir/$link"
    done
}

# A busybox binary that is not static would die in a guest without libc; say so early.
_vm_check_static() { # FILE
    local f=$1
    [ "$(head -c 2 "$f")" = "#!" ] && return 0 # a script run by busybox sh (test fakes)
    if command -v readelf >/dev/null && readelf -l "$f" 2>/dev/null | grep -q 'INTERP'; then
        vm_log "warning: $f is dynamically linked; it will not run in the guest"
    fi
}

# vm_build_initramfs OUT INIT_SCRIPT MPATHBOOT_BIN [SRC[:DEST]...]
# Extra files go to DEST inside the image, or to SRC's own path when no :DEST is given.
vm_build_initramfs() {
    local out=$1 init=$2 bin=$3 stage ko extra src dest
    shift 3
    [ -n "${KDIR:-}" ] || vm_die "vm_build_initramfs: call vm_fetch_kernel first"
    _vm_check_static "$bin"
    stage=$(mktemp -d)
    mkdir -p "$stage"/{dev,proc,sys,run,tmp,etc,newroot,lib/modules/mpt}
    # Without /dev/console in the cpio the kernel starts /init with no stdout at all.
    mknod -m 600 "$stage/dev/console" c 5 1
    _vm_install_busybox "$stage"
    install -m 755 "$init" "$stage/init"
    # The start every guest /init shares (mounts, modules): sourced from there.
    install -m 644 "$VM_LIB_DIR/guest/guest-lib.sh" "$stage/lib/guest-lib.sh"
    install -m 755 "$bin" "$stage/sbin/mpathboot"
    # Flat module folder plus a list in load order; the init insmods line by line.
    : > "$stage/lib/modules/mpt/load.list"
    # shellcheck disable=SC2086  # VM_MODULES is a word list on purpose
    for ko in $(vm_modules_for $VM_MODULES); do
        cp "$ko" "$stage/lib/modules/mpt/"
        basename "$ko" >> "$stage/lib/modules/mpt/load.list"
    done
    echo "$KVER" > "$stage/lib/modules/mpt/kver"
    for extra in "$@"; do
        src=${extra%%:*}
        dest=${extra#*:}
        [ "$extra" = "$src" ] && dest=$src
        mkdir -p "$stage/$(dirname "$dest")"
        cp -a "$src" "$stage/$dest"
    done
    (cd "$stage" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 > "$out"
    rm -rf "$stage"
}

# vm_build_disk OUT ROOT_UUID [MPATHBOOT_BIN]
# 64 MiB raw image, GPT: partition 1 = 1 MiB (BIOS boot type, unused), partition 2 =
# the rest, an ext4 root holding busybox, /sbin/mpathboot and guest/root-init.sh as
# /sbin/init. Built per run: it holds the binary under test.
vm_build_disk() {
    local out=$1 uuid=$2 bin=${3:-${MPATHBOOT:-}} rootdir start size
    [ -n "$bin" ] || vm_die "vm_build_disk: no mpathboot binary given"
    rootdir=$(mktemp -d)
    vm_root_tree "$rootdir" "${VM_ROOT_INIT:-$VM_LIB_DIR/guest/root-init.sh}" "$bin"
    read -r start size < <(vm_gpt_image "$out" 0FC63DAF-8483-4772-8E79-3D69D8477DE4 root)
    # The filesystem must be exactly the partition's size (in KiB) or the kernel
    # refuses the mount with "bad geometry".
    mke2fs -q -F -t ext4 -L mpt-root -U "$uuid" -d "$rootdir" \
        -E offset=$((start * 512)) "$out" $((size / 2))k
    rm -rf "$rootdir"
}

# vm_root_tree DIR INIT BIN: the test root's tree in DIR: busybox, INIT as /sbin/init, BIN
# as /sbin/mpathboot and an os-release (systemd's switch-root refuses a root without one:
# "not an OS tree").
vm_root_tree() {
    local rootdir=$1
    mkdir -p "$rootdir"/{dev,proc,sys,run,tmp,etc/multipath,mnt,sbin}
    install -m 755 "$2" "$rootdir/sbin/init"
    printf 'PRETTY_NAME="mpathboot test root"\nID=debian\n' > "$rootdir/etc/os-release"
    install -m 755 "$3" "$rootdir/sbin/mpathboot"
    _vm_install_busybox "$rootdir"
}

# vm_gpt_image OUT TYPE NAME: a new 64 MiB GPT image, partition 1 a 1 MiB BIOS boot
# partition, partition 2 (GPT type TYPE, name NAME) the rest; prints partition 2's start
# and size in 512-byte sectors, read back from what sfdisk wrote.
vm_gpt_image() {
    local out=$1 total p2size
    rm -f "$out"
    truncate -s 64M "$out"
    # The backup GPT takes the last 33 sectors; partition 2 gets the rest, rounded down to
    # 4 KiB so an ext4 (4 KiB blocks) fills it exactly.
    total=$(($(stat -c %s "$out") / 512))
    p2size=$(((total - 33 - 4096) / 8 * 8))
    sfdisk --quiet "$out" <<EOF
label: gpt
start=2048, size=2048, type=21686148-6449-6E6F-744E-656564454649, name="bios"
start=4096, size=$p2size, type=$2, name="$3"
EOF
    sfdisk --dump "$out" | awk -F'[=,]' '/: start=/ && ++n == 2 { gsub(/ /, ""); print $2, $4 }'
}

# --- boot ---------------------------------------------------------------------------

# vm_boot IMAGE INITRAMFS CMDLINE_EXTRA PATHS LOG
# PATHS virtio-scsi controllers, each with a scsi-hd on the same -blockdev node
# (share-rw=on), with the same wwn and serial: the guest sees PATHS sd disks that
# are one LU. The guest mounts the root read-only, so the image stays as built.
# Returns QEMU's status (124 = killed by timeout). The log has the console, \r removed.
vm_boot() {
    local image=$1 initrd=$2 extra=$3 paths=$4 log=$5 i rc
    local -a args
    [ -n "${VMLINUZ:-}" ] || vm_die "vm_boot: call vm_fetch_kernel first"
    # KVM fails on these hosts (vm-testing.md), so TCG. -cpu max under TCG gives the
    # guest SSE4.2/PCLMUL, so crc32c-intel and crct10dif-pclmul load like on real
    # hardware instead of failing with ENODEV; it also boots a little faster.
    # No NIC: nothing to probe, quieter console.
    args=(-accel tcg -cpu max -m 512 -nographic -no-reboot -net none
        -kernel "$VMLINUZ" -initrd "$initrd"
        -append "console=ttyS0 quiet panic=-1 $extra"
        -blockdev "driver=file,filename=$image,node-name=f0"
        -blockdev "driver=raw,file=f0,node-name=d0")
    # shellcheck disable=SC2206  # word list on purpose
    args+=(${VM_QEMU_ARGS:-})
    for ((i = 0; i < paths; i++)); do
        args+=(-device "virtio-scsi-pci,id=scsi$i"
            -device "scsi-hd,bus=scsi$i.0,drive=d0,id=p$i,share-rw=on,wwn=$VM_WWN,serial=$VM_SERIAL")
    done
    for ((i = paths; i < paths + ${VM_SPARE_CONTROLLERS:-0}; i++)); do
        args+=(-device "virtio-scsi-pci,id=scsi$i")
    done
    [ -z "${VM_QMP:-}" ] || args+=(-qmp "unix:$VM_QMP,server=on,wait=off")
    set +e
    # sed -u (unbuffered) so the demo streams live: drop \r and the terminal escapes
    # SeaBIOS prints, keep everything else.
    timeout "${VM_TIMEOUT:-180}" qemu-system-x86_64 "${args[@]}" </dev/null 2>&1 |
        sed -u -e 's/\r$//' -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\x1bc//g' |
        if [ "${VM_STREAM:-0}" = 1 ]; then tee "$log"; else cat > "$log"; fi
    rc=${PIPESTATUS[0]}
    set -e
    return "$rc"
}

# vm_qmp SOCKET COMMAND...: each COMMAND is one QMP JSON object, e.g.
# '{"execute":"device_add","arguments":{"driver":"scsi-hd",...}}'. Prints QEMU's replies.
# The capabilities handshake comes first; the pause lets QEMU answer before socat hangs up.
vm_qmp() {
    local sock=$1 c
    shift
    command -v socat >/dev/null || vm_die "socat not found (apt-get install socat)"
    {
        echo '{"execute":"qmp_capabilities"}'
        for c in "$@"; do echo "$c"; done
        sleep 1
    } | socat - "UNIX-CONNECT:$sock"
}

# The scsi-hd properties of path N (N >= 0) to the test LU, for device_add over QMP: the
# same drive, wwn and serial as vm_boot's paths, on controller scsiN.
vm_path_device_json() { # N
    printf '{"driver":"scsi-hd","bus":"scsi%s.0","drive":"d0","id":"p%s","share-rw":true,"wwn":%s,"serial":"%s"}' \
        "$1" "$1" "$((VM_WWN))" "$VM_SERIAL"
}
