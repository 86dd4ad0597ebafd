#!/bin/sh
# tests/vm/guest/root-init.sh: /sbin/init of the test root filesystem (busybox sh).
#
# Reports, from the kernel's own view (mountinfo and sysfs), which block device the
# root is on and what stacks under it, then what `mpathboot status` says, then powers
# off. Lines for tests/vm/run.sh:
#   MPT-VERDICT root dev=MAJ:MIN kname=dm-N|sdXN name=... uuid=... parent=dm-M
#       parent_name=... parent_uuid=... slaves=sda,sdb
#   MPT-STATUS <each line of mpathboot status, stdout and stderr>
#   MPT-END status_exit=N
# A field with nothing to report is "-".

export PATH=/sbin:/bin:/usr/sbin:/usr/bin

# The initramfs moved its mounts here; mount whatever is missing.
[ -e /proc/self/mountinfo ] || mount -t proc proc /proc
[ -d /sys/block ] || mount -t sysfs sysfs /sys
[ -e /dev/console ] || mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1

val() { # FILE: its content, or "-"
    if [ -r "$1" ]; then cat "$1"; else echo -; fi
}

list_dir() { # DIR: entries joined by commas, or "-"
    l=$(ls "$1" 2>/dev/null | tr '\n' , | sed 's/,$//')
    echo "${l:--}"
}

# dev_t of / (3rd field of the mountinfo line whose mount point is /; the last one
# wins, as later mounts hide earlier ones).
dev=$(awk '$5 == "/" { d = $3 } END { print d }' /proc/self/mountinfo)
# /sys/dev/block/MAJ:MIN links to the device's sysfs folder, whose name is the kname.
sysdir=$(readlink -f "/sys/dev/block/$dev")
kname=${sysdir##*/}

name=$(val "$sysdir/dm/name")
uuid=$(val "$sysdir/dm/uuid")
parent=-
for s in "$sysdir"/slaves/*; do
    [ -e "$s" ] && parent=${s##*/} && break
done
pdir=/sys/block/$parent
echo "MPT-VERDICT root dev=$dev kname=$kname name=$name uuid=$uuid parent=$parent" \
    "parent_name=$(val "$pdir/dm/name") parent_uuid=$(val "$pdir/dm/uuid")" \
    "slaves=$(list_dir "$pdir/slaves")"

# The root is mounted read-only: keep the output in a variable, not a file.
out=$(timeout 60 /sbin/mpathboot status 2>&1)
rc=$?
[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/MPT-STATUS /'
echo "MPT-END status_exit=$rc"
poweroff -f
