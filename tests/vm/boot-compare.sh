#!/bin/bash
# tests/vm/boot-compare.sh: the test disk of tests/vm/boot.sh booted with Debian's own
# multipath integration instead of mpathboot, for comparison (not a pass/fail test).
#
#   tests/vm/boot-compare.sh [VARIANT...]   all variants, or the named ones; findings go
#                                           into tests/vm/BOOT-COMPARE.md by hand
#
# Variants, each on the same GPT disk over two virtio-scsi paths, root=UUID= of the ext4
# on partition 2, /etc/multipath/wwids listing the LU (an installed system):
#   dracut-multipath         dracut-core's 90multipath (multipath-tools from the host), no
#                            systemd, no /etc/multipath.conf (Debian's default)
#   dracut-multipath-conf    the same with an /etc/multipath.conf (`defaults {
#                            user_friendly_names yes }`): 90multipath starts multipathd only then
#   mkinitramfs-mtb          initramfs-tools with multipath-tools-boot's hook and scripts
#                            (the .deb unpacked into an overlay layer, not installed)
#   mkinitramfs-mtb-late     the same, the second path hot-added once the initramfs runs
# For each: did it boot, and is / on the map or on a raw path. Same read-only overlays and
# private mount namespace as boot.sh; nothing on the host changes.
set -eu

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=boot.sh
BOOT_SH_NO_MAIN=1 . "$HERE/boot.sh"

VARIANTS="dracut-multipath dracut-multipath-conf mkinitramfs-mtb mkinitramfs-mtb-late"

# multipath-tools-boot for the host's multipath-tools version, unpacked (cached).
mtb_layer() {
    local ver dir
    ver=$(dpkg-query -W -f='${Version}' multipath-tools)
    dir=$(vm_cache_dir)/multipath-tools-boot_$ver
    if [ ! -e "$dir/.ready" ]; then
        rm -rf "$dir" && mkdir -p "$dir"
        (cd "$dir" && apt-get download -q "multipath-tools-boot=$ver" >/dev/null 2>&1) ||
            vm_die "cannot download multipath-tools-boot $ver"
        dpkg -x "$dir"/multipath-tools-boot_*.deb "$dir/root"
        touch "$dir/.ready"
    fi
    echo "$dir/root"
}

build_variant_images() {
    local mtb
    mkdir -p "$WORK/layers/conf/etc/multipath"
    cp "$WORK/layers/etc/etc/multipath/wwids" "$WORK/layers/conf/etc/multipath/"
    printf 'defaults {\n\tuser_friendly_names yes\n}\n' > "$WORK/layers/conf/etc/multipath.conf"
    printf 'mpatha %s\n' "$VM_WWID" > "$WORK/layers/conf/etc/multipath/bindings"
    local mods="bash base udev-rules rootfs-block fs-lib dm multipath shutdown"
    NS_USR_LAYERS=$WORK/layers/mod/usr in_build_ns dracut --quiet --force --conf /dev/null \
        --confdir "$WORK/empty" --no-hostonly --kver "$KVER" --modules "$mods" \
        --drivers "$DRACUT_DRIVERS" --no-early-microcode "$WORK/dracut-multipath.img"
    NS_USR_LAYERS=$WORK/layers/mod/usr NS_ETC_LAYERS=$WORK/layers/conf/etc in_build_ns dracut --quiet \
        --force --conf /dev/null --confdir "$WORK/empty" --no-hostonly --kver "$KVER" --modules "$mods" \
        --drivers "$DRACUT_DRIVERS" --no-early-microcode "$WORK/dracut-multipath-conf.img"
    mtb=$(mtb_layer)
    cp -a /etc/initramfs-tools "$WORK/itconf"
    NS_USR_LAYERS=$mtb/usr:$WORK/layers/mod/usr NS_ETC_LAYERS=$WORK/layers/conf/etc \
        in_build_ns mkinitramfs -d "$WORK/itconf" -o "$WORK/mkinitramfs-mtb.img" "$KVER"
}

# What / ended up on, in one line.
outcome() { # LOG
    local r
    r=$(line "$1" MPT-ROOT)
    if [ -z "$r" ]; then
        explain_no_root "$1"
        return
    fi
    echo "booted; / on $(field "$r" kname) (name $(field "$r" name), map $(field "$r" map)," \
        "map paths $(field "$r" map_slaves)); $(line "$1" MPT-MAPS); $(line "$1" MPT-HOLDERS);" \
        "root init at $(line "$1" MPT-UPTIME | cut -d' ' -f2) s"
}

main_compare() {
    local v log img
    [ $# = 0 ] || VARIANTS=$*
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    vm_fetch_kernel
    make_layers
    build_variant_images
    VM_ROOT_INIT=$HERE/guest/boot-root-init.sh vm_build_disk "$WORK/disk.img" "$ROOT_UUID" "$MPATHBOOT"
    LOGDIR=$(vm_cache_dir)/logs/boot-compare-$(date +%Y%m%d-%H%M%S)-$$
    mkdir -p "$LOGDIR"
    echo "vm: kernel $KVER, multipath-tools $(dpkg-query -W -f='${Version}' multipath-tools)," \
        "dracut $(dpkg-query -W -f='${Version}' dracut-core), initramfs-tools" \
        "$(dpkg-query -W -f='${Version}' initramfs-tools-core); logs in $LOGDIR"
    for v in $VARIANTS; do
        log=$LOGDIR/$v.log
        img=$WORK/${v%-late}.img
        DISK=$WORK/disk.img IMAGE=$img PATHS=2 HOW=plain
        CMDLINE="$BASE_CMDLINE root=UUID=$ROOT_UUID"
        [ "$v" = mkinitramfs-mtb-late ] && PATHS=1 HOW=late
        T0=$(now)
        QEMU_RC=0
        if [ "$HOW" = late ]; then
            # With `quiet` the initramfs prints nothing to watch for; with loglevel=7 the
            # kernel says when local-top/multipath's one `multipath` made the map (the
            # path selector loads): the second path comes right after that.
            CMDLINE="$CMDLINE loglevel=7"
            LATE_MARK='multipath service-time' boot_late "$log" || QEMU_RC=$?
        else
            vm_boot "$DISK" "$IMAGE" "$CMDLINE" "$PATHS" "$log" || QEMU_RC=$?
        fi
        echo "$v: $(outcome "$log") [$(elapsed "$T0") s]"
    done
}

main_compare "$@"
