#!/bin/sh
# tests/vm/guest/oracle-init.sh: /init of the oracle initramfs (busybox sh).
#
# Runs Debian's own udev (and multipath-tools) next to mpathboot on the same devices
# and prints, for tests/vm/oracle.sh to compare:
#   ORACLE-DISKS <dev> ...                   the disks found (sd*, nvme*n* not hidden)
#   ORACLE-RAW <dev> <attr> <od line>        sysfs inquiry / vpd_pg80 / vpd_pg83 bytes
#   ORACLE-ATTR <dev> <attr>=<text>          text attributes (wwid, vendor, model, NVMe ids)
#   ORACLE-MPB <mpathboot paths line>        mpathboot's view
#   ORACLE-UDEV <dev> ID_SERIAL=.. ID_WWN=.. ID_BUS=.. ID_SERIAL_SHORT=..
#                                            udev 252 with 50-udev-default + 60-persistent-storage
#   ORACLE-PROP <set> <dev> <KEY>=<value>    every ID_*/SCSI_* property of that run
#   ORACLE-MP <set> <dev> uid=<X> via=<how>  what `multipath -d -v3` took as the WWID
#   ORACLE-UDEV-SG3 <dev> ...                the same udev run again with sg3-utils-udev's
#                                            55-scsi-sg3_id.rules added (multipath-tools
#                                            Depends on sg3-utils-udev in Debian)
#   ORACLE-END
# In the one-line summaries a space inside a value is written \x20 (as udev's *_ENC).
#
# Kernel command line parameters:
#   mpt.disks=N     wait (up to 30 s) until N disks exist; default 1
#   mpt.case=NAME   only echoed
#   mpt.sdebug=A,B  insmod scsi_debug with these parameters (commas become spaces)
#   mpt.rules=SET   stock, sg3 or both (default both): which udev rule sets to run
#   mpt.mpv3=1      also print the whole `multipath -d -v3` output (ORACLE-MPV3 lines)
#
# No `set -e`: if /init exits, the kernel panics and the output is lost.

export PATH=/sbin:/bin:/usr/sbin:/usr/bin:/lib/udev
export LD_LIBRARY_PATH=/lib/x86_64-linux-gnu:/lib:/usr/lib/x86_64-linux-gnu:/usr/lib

say() { echo "oracle: [$(cut -d ' ' -f 1 /proc/uptime)] $*"; }
# shellcheck source=guest-lib.sh
. /lib/guest-lib.sh

read_cmdline() {
    DISKS=1 CASE=- SDEBUG='' RULES=both MPV3=0
    # shellcheck disable=SC2013  # one line of words
    for word in $(cat /proc/cmdline); do
        case $word in
            mpt.disks=*) DISKS=${word#*=} ;;
            mpt.case=*) CASE=${word#*=} ;;
            mpt.sdebug=*) SDEBUG=$(echo "${word#*=}" | tr , ' ') ;;
            mpt.rules=*) RULES=${word#*=} ;;
            mpt.mpv3=*) MPV3=${word#*=} ;;
        esac
    done
}

# Whole disks multipath-tools would look at: sd*, and NVMe namespaces that have a
# device node (not the hidden per-controller paths of native NVMe multipath).
disk_list() {
    for d in /sys/block/sd* /sys/block/nvme*n*; do
        [ -e "$d" ] || continue
        [ "$(cat "$d/hidden" 2>/dev/null)" = 1 ] && continue
        echo "${d##*/}"
    done
}

wait_for_disks() {
    i=0
    while [ "$(disk_list | wc -l)" -lt "$DISKS" ] && [ $i -lt 150 ]; do
        sleep 0.2
        i=$((i + 1))
    done
    echo "ORACLE-DISKS $(disk_list | tr '\n' ' ')"
    say "disks after $((i / 5)).$((i % 5 * 2)) s (wanted $DISKS)"
}

# Text attributes: spaces kept, the line ends at the value's end.
attr() { # DEV NAME FILE
    [ -f "$3" ] || return 0
    echo "ORACLE-ATTR $1 $2=$(cat "$3" 2>/dev/null)"
}

dump_raw() {
    for dev in $(disk_list); do
        b=/sys/block/$dev
        attr "$dev" size "$b/size"
        case $dev in
            sd*)
                for f in vendor model rev wwid type scsi_level; do attr "$dev" "$f" "$b/device/$f"; done
                for f in inquiry vpd_pg80 vpd_pg83; do
                    p=$b/device/$f
                    if [ -e "$p" ]; then
                        od -v -A x -t x1 "$p" | sed "s/^/ORACLE-RAW $dev $f /"
                    else
                        echo "ORACLE-RAW $dev $f missing"
                    fi
                done
                ;;
            nvme*)
                for f in wwid nsid eui nguid uuid; do attr "$dev" "$f" "$b/$f"; done
                # the controller(s) behind the namespace (head or plain namespace)
                for c in "$b"/device "$b"/device/nvme*; do
                    [ -f "$c/serial" ] || continue
                    for f in serial model firmware_rev subsysnqn; do
                        attr "$dev" "${c##*/}.$f" "$c/$f"
                    done
                done
                ;;
        esac
    done
}

since() { awk -v a="$1" -v b="$(cut -d ' ' -f 1 /proc/uptime)" 'BEGIN { printf "%.2f", b - a }'; }

run_mpathboot() {
    t0=$(cut -d ' ' -f 1 /proc/uptime)
    /sbin/mpathboot paths > /tmp/mpb 2>&1
    rc=$?
    say "mpathboot paths exit $rc after $(since "$t0") s"
    sed 's/^/ORACLE-MPB /' /tmp/mpb
}

# The same listing without sysfs: once unmounted (mpathboot falls back to the 2.4-style
# /dev scan by itself), before udev has touched anything.
run_mpathboot_without_sysfs() {
    umount /sys
    /sbin/mpathboot paths > /tmp/mpb-nosys 2>&1
    say "mpathboot paths without /sys exit $?"
    mount -t sysfs sysfs /sys
    sed 's/^/ORACLE-MPB-NOSYS /' /tmp/mpb-nosys
}

start_udev() {
    if [ -x /lib/systemd/systemd-udevd ]; then
        /lib/systemd/systemd-udevd --daemon --resolve-names=never
    else
        systemd-udevd --daemon --resolve-names=never
    fi
    sleep 0.2
    t0=$(cut -d ' ' -f 1 /proc/uptime)
    udevadm trigger --action=add --subsystem-match=block
    udevadm settle --timeout=120
    say "udev settled in $(since "$t0") s"
}

stop_udev() {
    udevadm control --exit
    rm -rf /run/udev
}

# The value of KEY in a property listing, a space written \x20.
prop() { # FILE KEY
    sed -n "s/^$2=//p" "$1" | head -n 1 | sed 's/ /\\x20/g'
}

print_udev() { # TAG SET
    for dev in $(disk_list); do
        p=/tmp/props.$dev
        udevadm info --query=property --name="/dev/$dev" > "$p" 2>&1
        echo "$1 $dev ID_SERIAL=$(prop "$p" ID_SERIAL) ID_WWN=$(prop "$p" ID_WWN)" \
            "ID_BUS=$(prop "$p" ID_BUS) ID_SERIAL_SHORT=$(prop "$p" ID_SERIAL_SHORT)"
        grep -E '^(ID_|SCSI_)' "$p" | grep -v '^ID_PART_\|^ID_PATH' | sed "s/^/ORACLE-PROP $2 $dev /"
    done
}

# multipath-tools' own reading of the WWID, from its path discovery at -v3 (dry run:
# nothing is created). Lines look like "sda: uid = 35000c50015ea71ac (udev)".
run_multipath() { # SET
    t0=$(cut -d ' ' -f 1 /proc/uptime)
    multipath -d -v3 > "/tmp/mp.$1" 2>&1
    rc=$?
    say "multipath -d -v3 ($1) exit $rc after $(since "$t0") s"
    sed -n 's/.* \([a-z0-9]*\): uid = \([^ ]*\) (\(.*\))$/ORACLE-MP '"$1"' \1 uid=\2 via=\3/p' "/tmp/mp.$1"
    [ "$MPV3" != 1 ] || sed "s/^/ORACLE-MPV3 $1 /" "/tmp/mp.$1"
    grep -i 'blacklist\|skip\|fail\|error\|not found' "/tmp/mp.$1" | head -n 20 | sed "s/^/ORACLE-MPLOG $1 /"
}

# The built-in defaults that decide which paths multipath looks at (property blacklist).
print_mp_config() {
    multipath -t 2>/dev/null | grep -E 'property|find_multipaths|uid_attr|recheck_wwid' |
        sort -u | sed 's/^[[:space:]]*/ORACLE-MPCONF /'
}

guest_mounts run
echo
read_cmdline
say "case $CASE: $DISKS disk(s) expected, rules $RULES"
guest_load_modules "$SDEBUG"
wait_for_disks
dump_raw
run_mpathboot
run_mpathboot_without_sysfs
print_mp_config
if [ "$RULES" != sg3 ]; then
    start_udev
    print_udev ORACLE-UDEV stock
    run_multipath stock
    stop_udev
fi
if [ "$RULES" != stock ]; then
    mkdir -p /etc/udev/rules.d
    cp /lib/udev/sg3-rules.d/*.rules /etc/udev/rules.d/
    start_udev
    print_udev ORACLE-UDEV-SG3 sg3
    run_multipath sg3
    stop_udev
fi
echo ORACLE-END
poweroff -f
