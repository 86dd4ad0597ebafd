#!/bin/bash
# tests/vm/boot.sh: the boot integration on images made by the real tools.
#
#   tests/vm/boot.sh [CASE...]     run all cases, or only the named ones
#   tests/vm/boot.sh --list        print the case names
#
# `make install DESTDIR=stage` puts mpathboot, the dracut module and the initramfs-tools
# files where the tools look for them; Debian's dracut (dracut-core) and mkinitramfs
# (initramfs-tools-core) then build images for Debian's kernel (vm_fetch_kernel) in a
# private mount namespace whose /usr and /etc are read-only overlays: the stage over the
# host's /usr, the kernel's modules at /lib/modules/KVER, /etc/multipath/wwids listing the
# test LU over the host's /etc, /boot/config-KVER on a tmpfs. Nothing on the host changes.
# The guest boots from a disk seen over two virtio-scsi paths; its root's /sbin/init
# (guest/boot-root-init.sh) reports what / is on.
#
# Environment: MPATHBOOT (default build/mpathboot), VM_TIMEOUT, VM_QEMU_ARGS as in lib.sh.
# Images are cached in $(vm_cache_dir)/boot-images/KEY, KEY a hash of everything that goes
# into them (binary, installed files, these scripts, tool versions, kernel).
# Prints "PASS name" or "FAIL name: reason" per case, then "N passed, N failed".
set -eu

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$HERE/lib.sh"

MPATHBOOT=${MPATHBOOT:-$REPO/build/mpathboot}
MPATHBOOT=$(readlink -f "$MPATHBOOT")
# Full dracut/systemd images under TCG on a loaded 2-core host took up to ~150 s to reach
# the root wait; lib.sh's 180 s default killed a good boot once.
: "${VM_TIMEOUT:=300}"
export VM_TIMEOUT
ROOT_UUID=3f6c1d2e-8a4b-4c7d-9e1f-2a3b4c5d6e7f
LVM_ROOT_UUID=5a1e2b3c-4d5e-4f60-8172-93a4b5c6d7e8
VG=mptvg
LV=root
ALL_CASES="dracut-uuid dracut-systemd-uuid mkinitramfs-uuid rd-multipath-0 dead-path late-path dracut-lvm mkinitramfs-lvm"
# Every case is an installed system: /etc/multipath/wwids lists the LU (multipath-tools'
# default find_multipaths strict then maps it, even with one path).
# rd.shell=0 and rd.retry: a dracut image that cannot find root gives up (panic, and QEMU
# exits) within a minute instead of the default 3.
BASE_CMDLINE="ro rd.info rd.shell=0 rd.retry=45"
PASSED=0
FAILED=0

# --- cases ---------------------------------------------------------------------------

# Sets IMAGE (initramfs), DISK, PATHS, CMDLINE and HOW (plain, or late: hot-add a path
# over QMP once the root wait runs) for a case.
case_setup() { # NAME
    HOW=plain
    PATHS=2
    DISK=$WORK/disk.img
    IMAGE=$IMAGES/dracut.img
    case $1 in
        dracut-uuid) CMDLINE="root=UUID=$ROOT_UUID" ;;
        dracut-systemd-uuid) IMAGE=$IMAGES/dracut-systemd.img CMDLINE="root=UUID=$ROOT_UUID" ;;
        mkinitramfs-uuid) IMAGE=$IMAGES/mkinitramfs.img CMDLINE="root=UUID=$ROOT_UUID" ;;
        rd-multipath-0) CMDLINE="root=UUID=$ROOT_UUID rd.multipath=0" ;;
        dead-path) PATHS=1 CMDLINE="root=UUID=$ROOT_UUID mpathboot.wait=5" ;;
        late-path) PATHS=1 HOW=late CMDLINE="root=UUID=$ROOT_UUID mpathboot.wait=60" ;;
        dracut-lvm) DISK=$WORK/lvm.img CMDLINE="root=/dev/mapper/$VG-$LV" ;;
        mkinitramfs-lvm) DISK=$WORK/lvm.img IMAGE=$IMAGES/mkinitramfs.img CMDLINE="root=/dev/mapper/$VG-$LV" ;;
        *) return 1 ;;
    esac
    CMDLINE="$BASE_CMDLINE $CMDLINE"
}

case_check() { # NAME LOG
    local log=$2
    case $1 in
        dracut-uuid | dracut-systemd-uuid | mkinitramfs-uuid)
            check_root_on_map "$log" "$VM_WWID-part2" 2 && check_paths_unheld "$log" ;;
        rd-multipath-0) check_root_on_path "$log" ;;
        dead-path)
            check_root_on_map "$log" "$VM_WWID-part2" 1 && check_paths_unheld "$log" &&
                check_console "$log" 'booting degraded' "no 'booting degraded' warning from the root wait on the console" ;;
        late-path)
            check_console "$log" 'mpathboot: root .* 1 path(s) now; waiting' \
                "the root wait never saw the map with one path (the hot-added path was not late)" &&
                check_root_on_map "$log" "$VM_WWID-part2" 2 && check_paths_unheld "$log" ;;
        dracut-lvm | mkinitramfs-lvm)
            check_root_on_map "$log" "$VG-$LV" 2 && check_paths_unheld "$log" &&
                check_chain "$log" 3 ;;
    esac
}

# --- reading the console ---------------------------------------------------------------

line() { # LOG TAG: the first line starting with TAG (kernel messages may precede it)
    grep -a -o "$2 .*" "$1" | head -n 1 || true
}

field() { # LINE KEY
    printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1
}

explain_no_root() { # LOG
    if [ "$QEMU_RC" = 124 ]; then
        echo "no root verdict: guest killed after ${VM_TIMEOUT:-180} s"
    elif grep -aq 'Kernel panic' "$1"; then
        echo "no root verdict: $(grep -a -o 'Kernel panic.*' "$1" | head -n 1)"
    elif grep -aq -e 'emergency' -e 'Dropping to a shell' -e 'Gave up waiting' "$1"; then
        echo "no root verdict: the initramfs gave up ($(grep -a -o -e 'Could not boot.*' -e 'Gave up waiting.*' -e 'ALERT!.*' "$1" | head -n 1))"
    else
        echo "no root verdict in the console (qemu exit status $QEMU_RC)"
    fi
}

# / is the dm device NAME (a partition map or an LV) over the map mpath-WWID with N sd
# slaves, the only multipath map, and `mpathboot status` counts N paths, all active.
check_root_on_map() { # LOG NAME NPATHS
    local log=$1 want=$2 n=$3 r kname slaves count st
    r=$(line "$log" MPT-ROOT)
    [ -n "$r" ] || { explain_no_root "$log"; return 1; }
    kname=$(field "$r" kname)
    case $kname in
        dm-*) ;;
        *) echo "/ is on $kname, not on a device-mapper device ($r)"; return 1 ;;
    esac
    [ "$(field "$r" name)" = "$want" ] || { echo "/ is on '$(field "$r" name)', want '$want' ($r)"; return 1; }
    [ "$(field "$r" map_uuid)" = "mpath-$VM_WWID" ] ||
        { echo "/ is not over the map mpath-$VM_WWID ($r)"; return 1; }
    slaves=$(field "$r" map_slaves)
    count=$(printf '%s\n' "$slaves" | tr ',' '\n' | grep -c '^sd[a-z]*$' || true)
    [ "$count" = "$n" ] || { echo "the map's slaves are '$slaves', want $n sd devices"; return 1; }
    [ "$(field "$(line "$log" MPT-MAPS)" count)" = 1 ] ||
        { echo "want exactly one multipath map: $(line "$log" MPT-MAPS)"; return 1; }
    st=$(grep -a -o "MPT-STATUS map .* uuid mpath-$VM_WWID .*" "$log" | head -n 1 || true)
    case "$st " in
        *" paths $n active $n "*) ;;
        *) echo "mpathboot status says '${st#MPT-STATUS }', want 'paths $n active $n'"; return 1 ;;
    esac
}

# No sd partition is held by anything (no PV, no md member, no dm on a path) and every
# held sd disk is held only by the map.
check_paths_unheld() { # LOG
    local h bad
    h=$(line "$1" MPT-HOLDERS)
    [ -n "$h" ] || { echo "no MPT-HOLDERS line"; return 1; }
    bad=$(printf '%s\n' "${h#MPT-HOLDERS }" | tr ' ' '\n' | awk -F= -v map="$(field "$(line "$1" MPT-ROOT)" chain | awk -F'>' '{ print $NF }')" '
        $1 ~ /[0-9]$/ && $2 != "-" { print "partition " $0 }
        $1 !~ /[0-9]$/ && $2 != "-" && $2 != map { print "disk " $0 }')
    [ -z "$bad" ] || { echo "path devices held by something else than the map: $bad"; return 1; }
}

# The root's stack is N dm levels deep (LV > partition map > map).
check_chain() { # LOG N
    local c
    c=$(field "$(line "$1" MPT-ROOT)" chain)
    [ "$(printf '%s\n' "$c" | tr '>' '\n' | grep -c '^dm-')" = "$2" ] ||
        { echo "root stack is '$c', want $2 dm levels (LV > partition map > map)"; return 1; }
}

# rd.multipath=0: as documented, no map at all and / mounted from a raw path's partition.
check_root_on_path() { # LOG
    local r kname
    r=$(line "$1" MPT-ROOT)
    [ -n "$r" ] || { explain_no_root "$1"; return 1; }
    kname=$(field "$r" kname)
    case $kname in
        sd[a-z]2) ;;
        *) echo "/ is on $kname, want a raw path partition sdX2 ($r)"; return 1 ;;
    esac
    [ "$(field "$(line "$1" MPT-MAPS)" count)" = 0 ] ||
        { echo "want no multipath map: $(line "$1" MPT-MAPS)"; return 1; }
}

check_console() { # LOG REGEX WHY
    grep -aqi -e "$2" "$1" && return 0
    echo "$3"
    return 1
}

# --- images ----------------------------------------------------------------------------

# `make install` into the stage: the files exactly as a user gets them.
stage_install() {
    make -C "$REPO" -s --no-print-directory -o "$MPATHBOOT" BIN="$MPATHBOOT" \
        DESTDIR="$WORK/stage" install >/dev/null
}

# What the images depend on; any change gives new images.
image_key() {
    {
        (cd "$WORK/stage" && find . -type f | sort | xargs sha256sum)
        sha256sum "$HERE/boot.sh" "$HERE/lib.sh" "$HERE/guest/boot-root-init.sh"
        dpkg-query -W dracut-core initramfs-tools-core udev lvm2 busybox-static kmod 2>/dev/null
        echo "$KVER $KDIR"
    } | sha256sum | cut -c1-16
}

# Layers for the build namespace: the kernel's modules where both tools look for them, and
# an /etc/multipath of an installed system that multipaths the test LU.
make_layers() {
    # An empty folder; in_build_ns bind-mounts the kernel's modules onto it (a symlink would
    # do for mkinitramfs, but dracut-install resolves it and copies the modules to the
    # link's target path inside the image).
    mkdir -p "$WORK/layers/mod/usr/lib/modules/$KVER" "$WORK/layers/etc/etc/multipath" "$WORK/empty"
    printf '# Multipath wwids, Version : 1.0\n/%s/\n' "$VM_WWID" > "$WORK/layers/etc/etc/multipath/wwids"
}

# in_build_ns COMMAND...: run COMMAND in a private mount namespace with the stage and the
# layers over /usr and /etc (read-only overlays) and the kernel config in /boot.
# NS_USR_LAYERS / NS_ETC_LAYERS (colon lists, topmost first) replace the default layers
# (boot-compare.sh builds images without mpathboot that way).
in_build_ns() {
    local usr=${NS_USR_LAYERS:-$WORK/stage/usr:$WORK/layers/mod/usr}
    local etc=${NS_ETC_LAYERS:-$WORK/layers/etc/etc}
    unshare -m --propagation private -- /bin/bash -c '
        set -e
        mount -t overlay mpt-usr -o "lowerdir=$0:/usr" /usr
        mount -t overlay mpt-etc -o "lowerdir=$1:/etc" /etc
        mount --bind -o ro "$2/lib/modules/$3" "/usr/lib/modules/$3"
        mount -t tmpfs mpt-boot /boot
        cp "$2/boot/config-$3" /boot/
        shift 3
        exec "$@"' "$usr" "$etc" "$KDIR" "$KVER" "$@"
}

# dracut without systemd (udev from the udev package), host configuration left out. The
# module list is a small generic one (shell, udev, block root, dm, LVM, mpathboot, shutdown)
# and only the drivers this VM needs: a stock --no-hostonly image takes ~3 min to build and
# is 39 MB, which TCG unpacks slowly. dracut's multipath module is not asked for; 90mpathboot
# would refuse it (and /usr/lib/dracut/dracut.conf.d/90-mpathboot.conf omits it).
DRACUT_MODULES="bash base udev-rules rootfs-block fs-lib dm lvm mpathboot shutdown"
DRACUT_DRIVERS="virtio_pci virtio_scsi sd_mod ext4"
build_dracut() { # OUT [MORE-MODULES]
    in_build_ns dracut --quiet --force --conf /dev/null --confdir "$WORK/empty" --no-hostonly \
        --kver "$KVER" --modules "${2:-} $DRACUT_MODULES" --drivers "$DRACUT_DRIVERS" \
        --no-early-microcode "$1"
}

# mkinitramfs with Debian's default configuration (MODULES=most, busybox).
build_mkinitramfs() { # OUT
    cp -a /etc/initramfs-tools "$WORK/itconf"
    in_build_ns mkinitramfs -d "$WORK/itconf" -o "$1" "$KVER"
}

# vm_build_disk's layout, but partition 2 is an LVM PV (VG mptvg) whose one LV (root) holds
# the ext4 root. LVM runs on a loop device of partition 2, with its own configuration
# (LVM_SYSTEM_DIR), no udev, no activation and no backups: nothing of the host's LVM is
# touched and no device-mapper is needed (the host kernel has none).
build_lvm_disk() { # OUT
    local out=$1 rootdir start size loop lvmdir pe_start
    rootdir=$(mktemp -d)
    vm_root_tree "$rootdir" "$HERE/guest/boot-root-init.sh" "$MPATHBOOT"
    read -r start size < <(vm_gpt_image "$out" E6D6D379-F507-44C2-A23C-238F2A3DF928 lvm)
    lvmdir=$WORK/lvm-conf
    mkdir -p "$lvmdir"
    cat > "$lvmdir/lvm.conf" <<EOF
devices { scan = [ "/dev" ] use_devicesfile = 0 obtain_device_list_from_udev = 0 external_device_info_source = "none" multipath_component_detection = 0 md_component_detection = 0 hints = "none" filter = [ "a|^/dev/loop|", "r|.*|" ] }
activation { udev_sync = 0 udev_rules = 0 monitoring = 0 }
backup { backup = 0 archive = 0 }
global { locking_dir = "$lvmdir/lock" use_lvmlockd = 0 use_lvmpolld = 0 }
EOF
    local LVM_SUPPRESS_FD_WARNINGS=1
    export LVM_SUPPRESS_FD_WARNINGS
    loop=$(losetup -f --show -o $((start * 512)) --sizelimit $((size * 512)) "$out")
    (
        export LVM_SYSTEM_DIR=$lvmdir
        set -e
        lvm pvcreate -q -y --dataalignment 1m "$loop" >/dev/null
        lvm vgcreate -q -s 4m "$VG" "$loop" >/dev/null 2>&1
        lvm lvcreate -q --driverloaded n -an -Zn -y -l 100%FREE -n "$LV" "$VG" >/dev/null 2>&1
        echo "$(lvm pvs --noheadings --units b --nosuffix -o pe_start "$loop")" \
            "$(lvm lvs --driverloaded n --noheadings --units b --nosuffix -o lv_size "$VG/$LV" 2>/dev/null)"
    ) > "$WORK/lvm-geometry" || { losetup -d "$loop"; vm_die "LVM setup on $loop failed"; }
    losetup -d "$loop"
    local lvsize
    read -r pe_start lvsize < "$WORK/lvm-geometry"
    # The LV is the VG's first and only segment: it starts at the PV's first extent.
    mke2fs -q -F -t ext4 -L mpt-lvroot -U "$LVM_ROOT_UUID" -d "$rootdir" \
        -E offset=$((start * 512 + pe_start)) "$out" $((lvsize / 1024))k
    rm -rf "$rootdir"
}

# All images once per run, from the cache when their inputs did not change.
build_images() {
    local key cache
    key=$(image_key)
    cache=$(vm_cache_dir)/boot-images
    IMAGES=$cache/$key
    if [ ! -e "$IMAGES/.ready" ]; then
        rm -rf "$IMAGES" && mkdir -p "$IMAGES"
        vm_log "building images into $IMAGES"
        build_dracut "$IMAGES/dracut.img" || vm_die "dracut failed"
        # The same with systemd as the initramfs' init (the hooks then run from dracut's units).
        build_dracut "$IMAGES/dracut-systemd.img" "systemd systemd-initrd dracut-systemd" ||
            vm_die "dracut (systemd) failed"
        build_mkinitramfs "$IMAGES/mkinitramfs.img" || vm_die "mkinitramfs failed"
        VM_ROOT_INIT=$HERE/guest/boot-root-init.sh vm_build_disk "$IMAGES/disk.img" "$ROOT_UUID" "$MPATHBOOT"
        build_lvm_disk "$IMAGES/lvm.img"
        touch "$IMAGES/.ready"
        # keep the 3 newest image sets
        ls -dt "$cache"/*/ | tail -n +4 | xargs -r rm -rf
    fi
    # The guests mount / read-only; boot copies all the same, so a case cannot leave the
    # cached disks changed for the next.
    cp "$IMAGES/disk.img" "$IMAGES/lvm.img" "$WORK/"
}

# --- running ---------------------------------------------------------------------------

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# A path hot-added while the root wait runs: boot with one path and a spare controller,
# watch the console for the wait's first line (LATE_MARK, an extended regex), wait
# LATE_DELAY seconds more, then device_add the second path.
boot_late() { # LOG
    local log=$1 sock=$WORK/qmp.sock pid i mark=${LATE_MARK:-'path\(s\) now; waiting'}
    rm -f "$sock" "$log"
    (VM_QMP=$sock VM_SPARE_CONTROLLERS=1 vm_boot "$DISK" "$IMAGE" "$CMDLINE" "$PATHS" "$log") &
    pid=$!
    for ((i = 0; i < ${VM_TIMEOUT:-180} * 5; i++)); do
        grep -aqE "$mark" "$log" 2>/dev/null && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    sleep "${LATE_DELAY:-0}"
    if kill -0 "$pid" 2>/dev/null; then
        echo "  (hot-adding path 1 at $(elapsed "$T0") s)" >> "$log.host"
        vm_qmp "$sock" "{\"execute\":\"device_add\",\"arguments\":$(vm_path_device_json 1)}" >> "$log.host" 2>&1 || true
    fi
    wait "$pid"
}

run_case() { # NAME
    local name=$1 log=$LOGDIR/$1.log reason
    case_setup "$name"
    T0=$(now)
    QEMU_RC=0
    if [ "$HOW" = late ]; then
        boot_late "$log" || QEMU_RC=$?
    else
        vm_boot "$DISK" "$IMAGE" "$CMDLINE" "$PATHS" "$log" || QEMU_RC=$?
    fi
    if reason=$(case_check "$name" "$log"); then
        echo "PASS $name"
        PASSED=$((PASSED + 1))
    else
        echo "FAIL $name: $reason"
        echo "  last 40 console lines of $log:"
        tail -n 40 "$log" | sed 's/^/  | /'
        FAILED=$((FAILED + 1))
    fi
    echo "  boot took $(elapsed "$T0") s (root init at $(line "$log" MPT-UPTIME | cut -d' ' -f2) s uptime); log $log"
}

usage() {
    echo "usage: $0 [--list] [CASE...]   cases: $ALL_CASES" >&2
    exit 2
}

main() {
    local cases="" c
    while [ $# -gt 0 ]; do
        case $1 in
            --list) echo "$ALL_CASES" | tr ' ' '\n'; exit 0 ;;
            -*) usage ;;
            *) cases="$cases $1" ;;
        esac
        shift
    done
    [ -n "$cases" ] || cases=$ALL_CASES
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    IMAGES=$WORK
    for c in $cases; do case_setup "$c" || { echo "unknown case: $c" >&2; usage; }; done
    if [ ! -f "$MPATHBOOT" ]; then
        for c in $cases; do echo "FAIL $c: no mpathboot binary at $MPATHBOOT"; done
        echo "0 passed, $(echo "$cases" | wc -w) failed"
        exit 1
    fi
    for c in dracut mkinitramfs unshare losetup lvm sfdisk mke2fs socat; do
        command -v "$c" >/dev/null || vm_die "$c not found (scripts/install-deps.sh installs it)"
    done

    vm_fetch_kernel
    stage_install
    make_layers
    build_images
    LOGDIR=$(vm_cache_dir)/logs/boot-$(date +%Y%m%d-%H%M%S)-$$
    mkdir -p "$LOGDIR"
    ls -d "$(vm_cache_dir)"/logs/boot-*/ 2>/dev/null | grep -v "^$LOGDIR/$" | sort | head -n -19 | xargs -r rm -rf
    echo "vm: kernel $KVER, binary $MPATHBOOT, images $IMAGES, logs in $LOGDIR"
    for c in $cases; do
        run_case "$c"
    done
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" = 0 ]
}

[ "${BOOT_SH_NO_MAIN:-0}" = 1 ] || main "$@"
