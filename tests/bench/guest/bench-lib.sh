# shellcheck shell=sh
# tests/bench/guest/bench-lib.sh: what the benchmark guest (bench-init.sh) and the profiling
# guest (profile-init.sh) do alike, so both measure the same disks from the same cold start.
# Put into both initramfs images as /lib/bench-lib.sh (busybox sh, POSIX) and sourced.
#
#   bench_start                  /proc, /sys, /dev, /run; the console; quiet kernel messages
#   bench_multipath_conf         the multipath.conf both tools read
#   bench_disks SDEBUG DISKS     the modules, scsi_debug with SDEBUG, then wait for DISKS sd
#                                disks and their ALUA states; prints BENCH-DISKS and BENCH-ALUA
#   dump_tables OUT              "<name> <uuid> <table>" per target line of every dm device
#   remove_maps                  every dm device and its /dev/mapper node (BENCH-NOTE if any stays)

export PATH=/sbin:/bin:/usr/sbin:/usr/bin:/lib/udev
export LD_LIBRARY_PATH=/lib/x86_64-linux-gnu:/lib:/usr/lib/x86_64-linux-gnu:/usr/lib

now() { cut -d ' ' -f 1 /proc/uptime; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
say() { echo "bench: [$(now)] $*"; }

# shellcheck source=../../vm/guest/guest-lib.sh
. /lib/guest-lib.sh

bench_start() {
    guest_mounts run quiet
}

# Same multipath.conf for both tools: every WWID mapped, maps named by WWID (no bindings
# file written by multipath, whose lookup would cost it per map).
bench_multipath_conf() {
    mkdir -p /etc/multipath
    printf 'defaults {\n\tfind_multipaths no\n\tuser_friendly_names no\n}\n' > /etc/multipath.conf
}

bench_disks() { # SDEBUG DISKS
    guest_load_modules
    t0=$(now)
    # shellcheck disable=SC2086  # a word list
    insmod /lib/modules/mpt/scsi_debug.ko $1 || say "insmod scsi_debug failed"
    i=0
    n=$(ls /sys/block | grep -c '^sd')
    while [ "$n" -lt "$2" ] && [ $i -lt 3600 ]; do
        sleep 1
        i=$((i + 1))
        n=$(ls /sys/block | grep -c '^sd')
        [ $((i % 30)) = 0 ] && say "$n of $2 disks"
    done
    echo "BENCH-DISKS $n $(since "$t0")"
    # scsi_dh_alua reads each disk's state in the background (kaluad); until its first RTPG
    # answers, access_state says active/optimized. Wait until the kernel logged it for every
    # disk (bounded), so no tool competes with kaluad and all see the same states.
    t1=$(now)
    i=0
    while [ $i -lt 600 ]; do
        known=$(dmesg | grep -c 'alua: port group .* state')
        [ "$known" -ge "$n" ] && break
        sleep 1
        i=$((i + 1))
        [ $((i % 30)) = 0 ] && say "ALUA state known for $known of $n disks"
    done
    echo "BENCH-ALUA $known $n $(since "$t1")"
    sleep 1
}

dump_tables() { # OUT
    dmsetup info -c --noheadings --separator ' ' -o name,uuid 2>/dev/null | grep -v '^No devices found' > /tmp/names
    dmsetup table 2>/dev/null | grep -v '^No devices found' > /tmp/tables
    awk 'NR == FNR { u[$1] = $2; next } { n = $1; sub(/:$/, "", n); $1 = ""; print n, u[n] $0 }' \
        /tmp/names /tmp/tables | sort > "$1"
}

remove_maps() {
    dmsetup remove_all
    left=$(dmsetup info -c --noheadings -o name 2>/dev/null | grep -vc '^No devices found')
    [ "$left" = 0 ] || echo "BENCH-NOTE $left dm devices left after remove_all"
    for f in /dev/mapper/*; do
        [ "${f##*/}" = control ] || rm -f "$f"
    done
}
