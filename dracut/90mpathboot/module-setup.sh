#!/bin/bash
# dracut module 90mpathboot: multipath maps at boot with one static program, no multipathd.
#
# Installed as /usr/lib/dracut/modules.d/90mpathboot by `make install`. What goes into the
# image: /sbin/mpathboot (static: no libraries), the multipath-tools configuration that
# exists (/etc/multipath.conf, /etc/multipath/conf.d, bindings, wwids), dm-multipath, the
# path selectors and the scsi_dh handlers, the udev rule 56-mpathboot.rules and these hooks:
#
#   cmdline/30      parse-mpathboot.sh        off switches (rd.multipath=0 ...): drop the rule
#   pre-trigger/05  mpathboot-pretrigger.sh   load scsi_dh_* and dm-multipath before coldplug
#   initqueue/settled/50 mpathboot-settled.sh assemble, again whenever a path device came/went
#   initqueue/timeout/50 mpathboot-timeout.sh one verbose last attempt
#   pre-mount/10    mpathboot-wait.sh         root wait: the root's maps have their paths
#   cleanup/80      mpathboot-needshutdown.sh shutdown hook only if a map queues
#   shutdown/20     mpathboot-shutdown.sh     fail_if_no_path on queueing maps
#
# initqueue and the other hook folders are run by 99base's init without systemd and by the
# dracut-*.service units with systemd, so one set of hooks serves both kinds of image.
# The kernel command-line options are documented in README.md ("Boot integration").
#
# Build-time environment (for installers and tests): MPATHBOOT_BINARY, the binary to install
# (default /usr/sbin/mpathboot, under --sysroot if given); MPATHBOOT_CONFIG_ROOT, where
# etc/multipath* are read from (default the --sysroot, else /).

_mpathboot_binary() {
    echo "${MPATHBOOT_BINARY:-${dracutsysrootdir-}/usr/sbin/mpathboot}"
}

_mpathboot_is_map() { # MAJ:MIN
    [[ $(cat "/sys/dev/block/$1/dm/uuid" 2> /dev/null) == mpath-?* ]]
}

# called by dracut
check() {
    local _bin
    _bin=$(_mpathboot_binary)
    if [[ ! -x $_bin ]]; then
        dinfo "mpathboot: no executable $_bin"
        return 1
    fi
    # Like 90multipath: a hostonly image gets the module only if a host device is on a map.
    if [[ $hostonly ]] || [[ $mount_needs ]]; then
        for_each_host_dev_and_slaves _mpathboot_is_map || return 255
    fi
    return 0
}

# called by dracut
depends() {
    echo rootfs-block dm
    return 0
}

# Hostonly images record the fewest paths any map under a host device (root, /usr, swap ...)
# has now as mpathboot.min_paths, so the root wait holds the pivot until each map has as many
# paths as this machine has (bounded by mpathboot.wait), instead of the default 2.
_mpathboot_count_map() { # MAJ:MIN
    local _n
    _mpathboot_is_map "$1" || return 1
    _n=$(find "/sys/dev/block/$1/slaves/" -mindepth 1 -maxdepth 1 | wc -l)
    if [[ -z $_mpathboot_min ]] || ((_n < _mpathboot_min)); then _mpathboot_min=$_n; fi
    return 0
}

_mpathboot_min_paths() {
    _mpathboot_min=""
    for_each_host_dev_and_slaves_all _mpathboot_count_map
    [[ -n $_mpathboot_min ]] && ((_mpathboot_min > 0)) && echo "$_mpathboot_min"
}

# called by dracut
cmdline() {
    local _n
    if [[ $hostonly ]]; then
        _n=$(_mpathboot_min_paths)
        [[ -n $_n ]] && printf ' mpathboot.min_paths=%s' "$_n"
    fi
    return 0
}

# called by dracut
installkernel() {
    # The handlers attach when a SCSI device is scanned, so they must be in every image
    # (not only hostonly's), like the selectors multipath.conf may name.
    hostonly='' instmods dm_multipath dm_service_time dm_round_robin dm_queue_length \
        dm_historical_service_time scsi_dh_alua scsi_dh_emc scsi_dh_rdac scsi_dh_hp_sw
}

# called by dracut
install() {
    local _bin _conf _f _line

    # Two agents would race for the same paths (and multipath's rules would mark them with
    # multipath -u, which says "not valid" without multipathd).
    if dracut_module_included multipath; then
        dfatal "mpathboot: the dracut modules 'mpathboot' and 'multipath' cannot both be in one image; omit one (omit_dracutmodules+=\" multipath \")"
        exit 1
    fi

    _bin=$(_mpathboot_binary)
    # Only the binary: it is static. A dynamic one would need its libraries, which this
    # module does not install on purpose.
    if LC_ALL=C readelf -l "$_bin" 2> /dev/null | grep -q 'INTERP'; then
        dfatal "mpathboot: $_bin is dynamically linked; install the static build"
        exit 1
    fi
    inst_simple "$_bin" /sbin/mpathboot

    _conf=${MPATHBOOT_CONFIG_ROOT:-${dracutsysrootdir-}}
    [[ -f $_conf/etc/multipath.conf ]] && inst_simple "$_conf/etc/multipath.conf" /etc/multipath.conf
    for _f in "$_conf"/etc/multipath/conf.d/*.conf "$_conf"/etc/multipath/bindings "$_conf"/etc/multipath/wwids; do
        [[ -f $_f ]] && inst_simple "$_f" "/etc/multipath/${_f#"$_conf"/etc/multipath/}"
    done

    inst_simple "$moddir/mpathboot-lib.sh" /lib/mpathboot-lib.sh
    inst_simple "$moddir/56-mpathboot.rules" "${udevdir:-/lib/udev}/rules.d/56-mpathboot.rules"
    inst_multiple -o blkid readlink

    inst_hook cmdline 30 "$moddir/parse-mpathboot.sh"
    inst_hook pre-trigger 05 "$moddir/mpathboot-pretrigger.sh"
    inst_hook initqueue/settled 50 "$moddir/mpathboot-settled.sh"
    inst_hook initqueue/timeout 50 "$moddir/mpathboot-timeout.sh"
    inst_hook pre-mount 10 "$moddir/mpathboot-wait.sh"
    inst_hook cleanup 80 "$moddir/mpathboot-needshutdown.sh"
    inst_hook shutdown 20 "$moddir/mpathboot-shutdown.sh"

    if [[ $hostonly_cmdline == yes ]]; then
        _line=$(cmdline)
        [[ -n $_line ]] && echo "$_line" > "${initdir}/etc/cmdline.d/90mpathboot.conf"
    fi
    return 0
}
