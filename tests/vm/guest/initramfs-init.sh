#!/bin/sh
# tests/vm/guest/initramfs-init.sh: /init of the test initramfs (busybox sh).
#
# Loads the modules, waits for the SCSI paths, runs `mpathboot -v` the way a boot
# script would, then either mounts the root from the multipath partition map and
# switch_roots to it (the root's /sbin/init prints the verdict), or prints
# "MPT-VERDICT initramfs nomap ..." and powers off. Everything goes to the serial
# console, which tests/vm/run.sh reads.
#
# Kernel command line parameters:
#   mpt.paths=N   wait (up to 20 s) until N sd disks exist; default 1
#   mpt.case=NAME only echoed, so a console log says which case it belongs to
#   mpt.wwids=1   write /etc/multipath/wwids listing the test disk's WWID first
#   mpt.conf=yes  write /etc/multipath.conf with `defaults { find_multipaths yes }`
#                 (without it mpathboot applies multipath-tools' default, strict)
#   mpt.args=A,B  arguments for mpathboot instead of "-v" (commas become spaces)
#   mpt.debug=1   dump each path's INQUIRY and VPD 0x80/0x83 from sysfs, and the dm
#                 devices after mpathboot
#   mpt.timeout=S kill mpathboot after S seconds (default 60), so a hang still ends
#                 in a verdict (exit=143) instead of QEMU's timeout
#   mpt.sdebug=A,B  insmod scsi_debug with these parameters (commas become spaces);
#                 scsi_debug is never loaded otherwise
#   mpt.scan=1    before assembling, list the paths three ways: from /sys, with
#                 --no-sysfs, and with /sys unmounted (MPT-SCAN sysfs|devscan|nosys lines)
#   mpt.report=1  after assembling, print every dm device (MPT-DM), `mpathboot status`
#                 (MPT-STATUS), then run mpathboot again (MPT-RERUN exit=N dm=N)
#   mpt.lio=1     before waiting for the paths, guest_lio_two_paths (guest-lib.sh): one
#                 LIO LUN over two tcm_loop paths (the tcm_loop module must be in the image)
#   mpt.capture=1 print a base64 tar of the path devices' sysfs attributes between
#                 MPT-CAPTURE-BEGIN/END lines (tests/vm/capture.sh makes fixtures of it)
#
# No `set -e`: if /init exits, the kernel panics and the verdict is lost.

WWID=35000c50015ea71ac
MAP=/dev/mapper/$WWID-part2
export PATH=/sbin:/bin:/usr/sbin:/usr/bin

# Progress lines carry the guest's uptime, so a log shows where boot time went.
say() { echo "mpt: [$(uptime_s)] $*"; }
uptime_s() { cut -d ' ' -f 1 /proc/uptime 2>/dev/null || echo ?; }
# shellcheck source=guest-lib.sh
. /lib/guest-lib.sh

# Sets PATHS, CASE, WWIDS, ARGS, DEBUG, TIMEOUT from /proc/cmdline.
read_cmdline() {
    PATHS=1 CASE=- WWIDS=0 ARGS=-v DEBUG=0 TIMEOUT=60 SDEBUG= CAPTURE=0 SCAN=0 REPORT=0 CONF= LIO=0
    # shellcheck disable=SC2013  # the command line is one line of words
    for word in $(cat /proc/cmdline); do
        case $word in
            mpt.paths=*) PATHS=${word#*=} ;;
            mpt.case=*) CASE=${word#*=} ;;
            mpt.wwids=*) WWIDS=${word#*=} ;;
            mpt.args=*) ARGS=$(echo "${word#*=}" | tr , ' ') ;;
            mpt.debug=*) DEBUG=${word#*=} ;;
            mpt.timeout=*) TIMEOUT=${word#*=} ;;
            mpt.sdebug=*) SDEBUG=$(echo "${word#*=}" | tr , ' ') ;;
            mpt.capture=*) CAPTURE=${word#*=} ;;
            mpt.lio=*) LIO=${word#*=} ;;
            mpt.scan=*) SCAN=${word#*=} ;;
            mpt.report=*) REPORT=${word#*=} ;;
            mpt.conf=*) CONF=${word#*=} ;;
        esac
    done
}

sd_list() {
    for d in /sys/block/sd*; do
        [ -e "$d" ] && echo "${d##*/}"
    done
}

# SCSI scanning is asynchronous: poll until PATHS sd disks exist, 20 s at most.
wait_for_paths() {
    i=0
    while [ "$(sd_list | wc -l)" -lt "$PATHS" ] && [ $i -lt 100 ]; do
        sleep 0.2
        i=$((i + 1))
    done
    # NVMe namespaces (mpt.paths counts sd disks only) come up asynchronously too.
    if [ -e /sys/module/nvme ]; then
        n=0
        while ! ls /sys/block/ | grep -q '^nvme' && [ $n -lt 50 ]; do sleep 0.2; n=$((n + 1)); done
    fi
    found=$(sd_list | tr '\n' ' ' | sed 's/ $//')
    say "paths found after $((i / 5)).$((i % 5 * 2)) s: ${found:-none} (wanted $PATHS)"
    for d in $found; do
        say "  $d wwid=$(cat "/sys/block/$d/device/wwid" 2>/dev/null) size=$(cat "/sys/block/$d/size")"
    done
}

# What mpathboot reads to identify a path: the sysfs copies of INQUIRY and VPD pages.
debug_paths() {
    for d in $(sd_list); do
        for f in inquiry vpd_pg80 vpd_pg83; do
            p=/sys/block/$d/device/$f
            [ -e "$p" ] || { say "debug: $p: missing"; continue; }
            say "debug: $p (st_size $(stat -c %s "$p")):"
            od -A x -t x1 "$p" | sed 's/^/mpt:   /'
        done
    done
}

# The sysfs attributes mpathboot reads, for every path device, with the directory
# structure and the relative symlinks of the real tree, so realpath works on the copy.
copy_link() { # LINK DESTDIR
    [ -L "$1" ] && ln -s "$(readlink "$1")" "$2/${1##*/}"
}
copy_files() { # SRCDIR DESTDIR NAME...
    src=$1 dst=$2
    shift 2
    mkdir -p "$dst"
    for f in "$@"; do
        [ -f "$src/$f" ] && cat "$src/$f" > "$dst/$f" 2>/dev/null
    done
    return 0
}
capture_sysfs() {
    out=/tmp/capture
    rm -rf $out && mkdir -p $out/sys/block $out/sys/dev/block
    for b in /sys/block/sd* /sys/block/nvme*; do
        [ -e "$b" ] || continue
        name=${b##*/}
        copy_link "$b" $out/sys/block
        real=$(readlink -f "$b")
        d=$out$real
        copy_files "$real" "$d" dev size ro removable hidden wwid nsid uuid nguid eui
        # /sys/dev/block/MAJ:MIN of the disk and its partitions: how a mounted dev_t is traced
        # to its disk (BlockUsage).
        [ -f "$real/dev" ] && copy_link "/sys/dev/block/$(cat "$real/dev")" $out/sys/dev/block
        copy_files "$real/queue" "$d/queue" logical_block_size physical_block_size
        mkdir -p "$d/holders"
        for h in "$real"/holders/*; do copy_link "$h" "$d/holders"; done
        for p in "$real/$name"*; do
            [ -f "$p/partition" ] || continue
            copy_files "$p" "$d/${p##*/}" dev partition start size
            copy_link "/sys/dev/block/$(cat "$p/dev")" $out/sys/dev/block
            mkdir -p "$d/${p##*/}/holders"
        done
        copy_link "$real/device" "$d"
        dev=$(readlink -f "$real/device")
        copy_files "$dev" "$out$dev" vendor model rev state type inquiry vpd_pg80 vpd_pg83 \
            access_state dh_state preferred_path wwid queue_depth serial firmware_rev transport
    done
    echo MPT-CAPTURE-BEGIN
    tar -C $out -czf - sys | base64
    echo MPT-CAPTURE-END
}

# The same path list from /sys, from the /dev scan, and with /sys gone altogether.
scan_three_ways() {
    /sbin/mpathboot paths -q | sed 's/^/MPT-SCAN sysfs /'
    /sbin/mpathboot paths -q --no-sysfs | sed 's/^/MPT-SCAN devscan /'
    umount /sys
    /sbin/mpathboot paths -q | sed 's/^/MPT-SCAN nosys /'
    mount -t sysfs sysfs /sys
}

# What exists after assembling, read from sysfs and from the kernel's dm status; then a
# second run, which must change nothing.
report_dm() {
    for d in /sys/block/dm-*; do
        [ -e "$d" ] || continue
        echo "MPT-DM ${d##*/} name=$(cat "$d/dm/name") uuid=$(cat "$d/dm/uuid") slaves=$(ls "$d/slaves" | tr '\n' , | sed 's/,$//')"
    done
    /sbin/mpathboot status | sed 's/^/MPT-STATUS /'
    /sbin/mpathboot -q
    echo "MPT-RERUN exit=$? dm=$(dm_count)"
}

write_conf_find_yes() {
    mkdir -p /etc/multipath
    printf 'defaults {\n\tfind_multipaths yes\n}\n' > /etc/multipath.conf
    say "wrote /etc/multipath.conf: find_multipaths yes"
}

# The format multipath-tools writes (libmultipath/wwids.c).
write_wwids() {
    mkdir -p /etc/multipath
    cat > /etc/multipath/wwids <<EOF
# Multipath wwids, Version : 1.0
# NOTE: This file is automatically maintained by multipath and multipathd.
# You should not need to edit this file in normal circumstances.
#
# Valid WWIDs:
/$WWID/
EOF
    say "wrote /etc/multipath/wwids listing $WWID"
}

run_mpathboot() {
    say "running: mpathboot $ARGS"
    t0=$(uptime_s)
    # shellcheck disable=SC2086  # ARGS is a word list
    timeout "$TIMEOUT" /sbin/mpathboot $ARGS
    RC=$?
    took=$(awk -v a="$t0" -v b="$(uptime_s)" 'BEGIN { printf "%.2f", b - a }')
    say "mpathboot exit status $RC after $took s"
    [ "$RC" != 143 ] || say "mpathboot killed after $TIMEOUT s (mpt.timeout)"
}

dm_count() {
    n=0
    for d in /sys/block/dm-*; do [ -e "$d" ] && n=$((n + 1)); done
    echo $n
}

debug_dm() {
    for d in /sys/block/dm-*; do
        [ -e "$d" ] || continue
        say "debug: ${d##*/} name=$(cat "$d/dm/name") uuid=$(cat "$d/dm/uuid") slaves=$(ls "$d/slaves" | tr '\n' ,)"
    done
    say "debug: /dev/mapper: $(ls /dev/mapper | tr '\n' ' ')"
}

# Root on the partition map: mount it, hand /dev /proc /sys over, pivot.
switch_to_root() {
    say "mounting $MAP read-only on /newroot"
    if ! mount -t ext4 -o ro "$MAP" /newroot; then
        say "mount of $MAP failed"
        return 1
    fi
    say "moving /dev /proc /sys, switch_root to /newroot, /sbin/init"
    for fs in dev proc sys; do
        mount --move /$fs /newroot/$fs || echo "mpt: mount --move /$fs failed"
    done
    exec switch_root /newroot /sbin/init
}

verdict_nomap() {
    echo "MPT-VERDICT initramfs nomap exit=$RC dm=$(dm_count) sd=$(sd_list | tr '\n' , | sed 's/,$//')"
}

guest_mounts
# SeaBIOS's last line is cut when the kernel takes the serial port over: start clean.
echo
read_cmdline
say "case $CASE: initramfs started, $PATHS path(s) expected"
guest_load_modules "$SDEBUG"
[ "$LIO" = 1 ] && guest_lio_two_paths
wait_for_paths
[ "$CAPTURE" = 1 ] && capture_sysfs
[ "$SCAN" = 1 ] && scan_three_ways
[ "$DEBUG" = 1 ] && debug_paths
[ "$WWIDS" = 1 ] && write_wwids
[ "$CONF" = yes ] && write_conf_find_yes
run_mpathboot
[ "$REPORT" = 1 ] && report_dm
[ "$DEBUG" = 1 ] && debug_dm
if [ -b "$MAP" ]; then
    switch_to_root
    say "could not switch to the root on $MAP"
else
    say "no $MAP"
fi
verdict_nomap
poweroff -f
