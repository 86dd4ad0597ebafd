#!/bin/bash
# tests/vm/mpath-oracle.sh: mpathboot's dm-multipath maps against Debian's multipath-tools
# 0.9.4 on a real kernel, and multipathd adopting mpathboot's maps.
#
#   tests/vm/mpath-oracle.sh [SCENARIO...]   all default scenarios, or the named ones
#   tests/vm/mpath-oracle.sh --list          print the scenario names
#
# One initramfs (built like oracle.sh's: busybox, the static mpathboot under test, and
# Debian 12's udev 252, multipath-tools 0.9.4, kpartx, dmsetup, sg3-utils-udev with every
# shared library, copied from this host) and one QEMU boot (TCG) per scenario.
# guest/mpath-oracle-init.sh does the work; guest/mpath-oracle-conf/ holds the /etc files.
#
# Proof 1, tables (virtio-defaults, scsi-debug-alua, scsi-debug-config, lio-pref): in one boot,
# `mpathboot -v3` makes its maps; every dm device's name, UUID and `dmsetup table` are
# recorded; `dmsetup remove_all`; udev starts with Debian's rules (sg3-utils-udev, dm,
# multipath, kpartx); `multipath -v4` and `kpartx -a -p -part` on each map (as Debian's
# initramfs script) with the same /etc; the same record again. Per dm device (matched by
# DM UUID): PASS iff the name, the UUID and the kernel's table readback are identical.
# Per multipath map also the table as loaded (mpathboot's planned table against
# multipath's "assembled map"): the readback hides some differences (round-robin clamps
# the repeat count to 1). lio-pref: one LIO LUN over two tcm_loop paths whose port groups
# are active/optimized and active/non-optimized with the PREF bit (sysfs `preferred_path`):
# the prioritizers add 80 for it, so the preferred group must come first on both sides.
#
# Proof 2, adoption (adopt, adopt-change): two virtio paths (lib.sh's GPT disk) and
# scsi_debug 4x2, find_multipaths yes, every WWID in the wwids file. mpathboot makes the
# maps, then udev coldplug (`udevadm trigger --action=add`, settle), then
# `multipathd -d -s -v3`. Per dm device PASS iff it was not renamed, its table and event
# counter are unchanged, multipathd logged no reload/rename for it (set ACT_RELOAD ...),
# and the kernel sent no "change" uevent for it while multipathd started (a reload with an
# identical table changes neither the table nor the event counter: the uevent of the
# resume and multipathd's log are the evidence). Also: all paths "active ready running",
# and /dev/disk/by-uuid/<root fs> links to the partition map (what the installed system
# mounts). adopt-change first writes `change` into every dm device's uevent file after the
# coldplug. Not run by default (name them): adopt-udevdb (the udev db entries an initramfs
# with udev would leave, written before udevd starts), adopt-resume (`dmsetup suspend
# --noflush` + `resume` of each map with udev running), adopt-config (scsi-debug-config's
# /etc, db seeded: what multipathd does with aliases, bindings and rr_min_io_rq), and
# scsi-debug-alua-early (proof 1 without waiting for scsi_dh_alua's first RTPG).
#
# Prints PASS/FAIL lines (and NOTE lines for the documented, expected differences), the
# tables of both sides, per scenario the boot time, then "N passed, N failed"; exit 1 if
# any failed. Console logs stay under $(vm_cache_dir)/logs/mpath-oracle-*/.
# Environment: MPATHBOOT (default build/mpathboot); VM_TIMEOUT, VM_QEMU_ARGS, VM_STREAM
# as in lib.sh.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$HERE/lib.sh"
# shellcheck source=debian-tools.sh
. "$HERE/debian-tools.sh"

MPATHBOOT=${MPATHBOOT:-$REPO/build/mpathboot}
# lio-pref's target: LIO (target_core_mod, with configfs) through tcm_loop.
VM_MODULES="$VM_MODULES tcm_loop"
ALL_SCENARIOS="virtio-defaults scsi-debug-alua scsi-debug-config lio-pref adopt adopt-change"
EXTRA_SCENARIOS="adopt-udevdb adopt-resume adopt-config scsi-debug-alua-early"
# The ext4 UUID of the test disk's partition 2 (adopt: udev must link it to the part map).
ROOT_UUID=3f5e1a52-6c1b-4d7e-9a0e-6a1f0c2b7d11
SDEBUG="add_host=2,num_tgts=1,max_luns=4,vpd_use_hostno=0,dev_size_mb=8"
PASSED=0
FAILED=0

# --- host packages and the guest's tools (tests/vm/debian-tools.sh) -------------------------

# Debian's tools (dt_stage_tools) plus the /etc files of each scenario.
stage_tools() { # TREE
    dt_stage_tools "$1"
    mkdir -p "$1/mpt-conf"
    cp -r "$HERE/guest/mpath-oracle-conf/." "$1/mpt-conf/"
}

# --- scenarios ---------------------------------------------------------------------------

# Sets MODE CONF DISKS VIRTIO (0/1) SD (0/1) TRIGGER MAPS and EXPECT_* for the checks.
scenario_setup() { # NAME
    MODE=tables CONF=find-multipaths-yes VIRTIO=0 SD=0 LIO=0 TRIGGER=none MAPS=0 ALUAWAIT=1
    # UUIDs whose map name may differ, with the name mpathboot must give (documented).
    EXPECT_NAME_DIFF="" BLACKLISTED=""
    case $1 in
        virtio-defaults) VIRTIO=1 ;;
        scsi-debug-alua) SD=1 ;;
        scsi-debug-alua-early) SD=1 ALUAWAIT=0 ;;
        lio-pref) LIO=1 ;;
        scsi-debug-config)
            SD=1 CONF=scsi-debug-config
            EXPECT_NAME_DIFF="mpath-1Linux_scsi_debug_2002"
            BLACKLISTED="mpath-1Linux_scsi_debug_2003" ;;
        adopt | adopt-change | adopt-resume | adopt-udevdb)
            MODE=adopt CONF=adopt VIRTIO=1 SD=1 MAPS=5
            case $1 in adopt-*) TRIGGER=${1#adopt-} ;; esac ;;
        adopt-config) # scsi-debug-config's multipath.conf and bindings, udev db seeded
            MODE=adopt CONF=scsi-debug-config SD=1 MAPS=3 TRIGGER=udevdb
            EXPECT_NAME_DIFF="mpath-1Linux_scsi_debug_2002" ;;
        *) return 1 ;;
    esac
    DISKS=$((VIRTIO * 2 + SD * 8 + LIO * 2))
}

# lib.sh's vm_boot with the two virtio-scsi paths, optionally none (scsi_debug only).
# shellcheck disable=SC2054  # the commas are inside QEMU's option values
boot() { # LOG CMDLINE
    local log=$1 extra=$2 i rc
    local -a args=(-accel tcg -cpu max -m 768 -nographic -no-reboot -net none
        -kernel "$VMLINUZ" -initrd "$INITRD"
        -append "console=ttyS0 quiet panic=-1 $extra")
    if [ "$VIRTIO" = 1 ]; then
        args+=(-blockdev "driver=file,filename=$WORK/disk.img,node-name=f0"
            -blockdev "driver=raw,file=f0,node-name=d0")
        for i in 0 1; do
            args+=(-device "virtio-scsi-pci,id=scsi$i"
                -device "scsi-hd,bus=scsi$i.0,drive=d0,id=p$i,share-rw=on,wwn=$VM_WWN,serial=$VM_SERIAL")
        done
    fi
    # shellcheck disable=SC2206  # word list on purpose
    args+=(${VM_QEMU_ARGS:-})
    set +e
    timeout "${VM_TIMEOUT:-180}" qemu-system-x86_64 "${args[@]}" </dev/null 2>&1 |
        sed -u -e 's/\r$//' -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\x1bc//g' |
        if [ "${VM_STREAM:-0}" = 1 ]; then tee "$log"; else cat > "$log"; fi
    rc=${PIPESTATUS[0]}
    set -e
    return "$rc"
}

# --- checks ------------------------------------------------------------------------------

pass() { echo "PASS $*"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL $*"; FAILED=$((FAILED + 1)); }
note() { echo "NOTE $*"; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Lines of TAG without the tag (the console may put kernel text in front: grep -o).
tagged() { grep -a -o "$2 .*" "$1" | sed "s/^$2 //" || true; }

name_of_uuid() { awk -v u="$2" '$2 == u { print $1; exit }' <<< "$1"; }
field_of_uuid() { awk -v u="$2" -v f="$3" '$2 == u { print $f; exit }' <<< "$1"; }
table_of() { awk -v n="$2" '$1 == n { $1 = ""; sub(/^ /, ""); print }' <<< "$1"; }

# A multipath table line without the queue_if_no_path feature (the count adjusted).
strip_queueing() { # TABLE
    awk '{
        n = $4; out = $1 " " $2 " " $3; kept = ""; k = 0
        for (i = 5; i < 5 + n; i++) if ($i != "queue_if_no_path") { kept = kept " " $i; k++ }
        out = out " " k kept
        for (i = 5 + n; i <= NF; i++) out = out " " $i
        print out
    }' <<< "$1"
}

# A linear table with its device written "parent".
parent_as_word() { awk '$3 == "linear" { $4 = "parent" } { print }' <<< "$1"; }

# mpathboot's planned (loaded) table for map NAME, parameters only.
mpb_plan() { # LOG NAME
    tagged "$1" MPB-LOG | sed -n "s/^.*[[:space:]]$2: table 0 [0-9]* multipath //p" | head -n 1
}
mpt_plan() { # LOG NAME
    tagged "$1" MPT-PLAN | awk -v n="$2" '$1 == n { $1 = ""; sub(/^ /, ""); print; exit }'
}

check_tables() { # NAME LOG
    local sc=$1 log=$2 mpb_dm mpt_dm mpb_tab mpt_tab uuids u n1 n2 t1 t2 kind p1 p2
    mpb_dm=$(tagged "$log" MPB-DM)
    mpt_dm=$(tagged "$log" MPT-DM)
    mpb_tab=$(tagged "$log" MPB-TABLE)
    mpt_tab=$(tagged "$log" MPT-TABLE)
    local rc
    rc=$(tagged "$log" MPB-EXIT | head -n 1)
    [ "$rc" = 0 ] || fail "$sc: mpathboot -v3 exit status ${rc:-none}"
    [ "$(tagged "$log" MPO-LEFT | head -n 1)" = 0 ] || fail "$sc: dm devices left after dmsetup remove_all"
    [ -n "$mpb_dm" ] || fail "$sc: mpathboot made no dm device"
    [ -n "$mpt_dm" ] || fail "$sc: multipath made no dm device"
    echo "  mpathboot (MPB) and multipath+kpartx (MPT), kernel readback:"
    printf '%s\n' "$mpb_tab" | sed '/^$/d; s/^/    MPB /'
    printf '%s\n' "$mpt_tab" | sed '/^$/d; s/^/    MPT /'
    uuids=$( (awk '{ print $2 }' <<< "$mpb_dm"; awk '{ print $2 }' <<< "$mpt_dm") | sed '/^$/d' | sort -u)
    for u in $uuids; do
        n1=$(name_of_uuid "$mpb_dm" "$u")
        n2=$(name_of_uuid "$mpt_dm" "$u")
        case $u in part*) kind="partition map" ;; *) kind=map ;; esac
        if [ -z "$n1" ] || [ -z "$n2" ]; then
            fail "$sc: $kind $u only made by $([ -n "$n1" ] && echo "mpathboot ($n1)" || echo "multipath ($n2)")"
            continue
        fi
        t1=$(table_of "$mpb_tab" "$n1")
        t2=$(table_of "$mpt_tab" "$n2")
        # A partition map's table names its parent by dev_t, which differs between the two
        # runs (the maps were made twice): compare with the parent's dev_t replaced by
        # "parent". The parents are matched by UUID above.
        if [ "$kind" = "partition map" ]; then
            t1=$(parent_as_word "$t1")
            t2=$(parent_as_word "$t2")
        fi
        local namepart="name $n1"
        if [ "$n1" != "$n2" ]; then
            if [[ " $EXPECT_NAME_DIFF " == *" ${u#part*-} "* ]]; then
                note "$sc: $kind $u: name mpathboot=$n1 multipath=$n2 (expected: multipath allocated a" \
                    "user_friendly_names binding and wrote it; mpathboot never writes bindings at boot and uses the WWID)"
                namepart="name $n1 (multipath: $n2, documented)"
                [ "$n1" = "${u#*mpath-}" ] || [ "$kind" = "partition map" ] ||
                    fail "$sc: $kind $u: mpathboot named it $n1, not its WWID"
            else
                fail "$sc: $kind $u: name mpathboot=$n1 multipath=$n2"
                continue
            fi
        fi
        if [ "$t1" = "$t2" ]; then
            pass "$sc: $kind $u $namepart, table identical"
        elif [ "$kind" = map ] && tagged "$log" MPT-LOG |
            grep -q "[[:space:]]$n2: multipathd not running, unset queue_if_no_path feature" &&
            [ "$(strip_queueing "$t1")" = "$(strip_queueing "$t2")" ]; then
            # multipath (the command) without multipathd running sends fail_if_no_path
            # after loading the map (configure.c coalesce_paths, unless -Q). mpathboot keeps
            # the queueing multipathd itself would load; documented in MPATH-ORACLE.md.
            note "$sc: map $u: readback differs only in queue_if_no_path: mpathboot keeps it," \
                "multipath without multipathd running turned it off ('multipathd not running, unset queue_if_no_path feature')"
            pass "$sc: $kind $u $namepart, table identical but for queue_if_no_path (documented)"
        else
            fail "$sc: $kind $u ($n1 / $n2): table mpathboot='$t1' multipath='$t2'"
        fi
        # The loaded tables (multipath maps only).
        if [ "$kind" = map ]; then
            p1=$(mpb_plan "$log" "$n1")
            p2=$(mpt_plan "$log" "$n2")
            if [ -z "$p2" ]; then
                note "$sc: map $u: no 'assembled map' line from multipath -v4"
            elif [ "$p1" = "$p2" ]; then
                pass "$sc: map $u loaded table identical: $p1"
            else
                fail "$sc: map $u loaded table: mpathboot='$p1' multipath='$p2'"
            fi
        fi
    done
    for u in $BLACKLISTED; do
        if [ -n "$(name_of_uuid "$mpb_dm" "$u")$(name_of_uuid "$mpt_dm" "$u")" ]; then
            fail "$sc: blacklisted $u has a map"
        else
            pass "$sc: blacklisted ${u#mpath-}: no map on either side"
        fi
    done
    if [ -n "$EXPECT_NAME_DIFF" ]; then
        tagged "$log" MPB-LOG | grep -i 'binding\|user_friendly' | sed 's/^/  mpathboot said: /' | head -n 5
        tagged "$log" MPT-LOG | grep -i 'binding\|alias' | sed 's/^/  multipath said: /' | head -n 8
    fi
}

# The phase (coldplug, trigger, multipathd, end) a guest uptime T falls in.
phase_at() { # LOG T
    tagged "$1" MPO-PHASE | awk -v t="$2" '$2 <= t { p = $1 } END { print p ? p : "before" }'
}

check_adopt() { # NAME LOG
    local sc=$1 log=$2 before after tb ta n u ev n2 ev2 t1 t2 acts bad rc paths dev uev kind
    before=$(tagged "$log" ADB-DM)
    after=$(tagged "$log" ADA-DM)
    tb=$(tagged "$log" ADB-TABLE)
    ta=$(tagged "$log" ADA-TABLE)
    rc=$(tagged "$log" MPB-EXIT | head -n 1)
    [ "$rc" = 0 ] || fail "$sc: mpathboot -v3 exit status ${rc:-none}"
    [ -n "$before" ] || { fail "$sc: mpathboot made no dm device"; return; }
    echo "  before multipathd (name uuid events) / after:"
    printf '%s\n' "$before" | sed 's/^/    before /'
    printf '%s\n' "$after" | sed 's/^/    after  /'
    echo "  tables before / after:"
    printf '%s\n' "$tb" | sed 's/^/    before /'
    printf '%s\n' "$ta" | sed 's/^/    after  /'
    tagged "$log" MPO-UDEVDB | sed 's/^/  udev db written before udevd: /'
    tagged "$log" ADU-coldplug | sed 's/^/  udev db after coldplug: /'
    tagged "$log" ADU-trigger | sed 's/^/  udev db after trigger:  /'
    tagged "$log" ADU-end | sed 's/^/  udev db at the end:     /'
    echo "  multipathd's decisions:"
    tagged "$log" MPD-LOG | grep -E 'set ACT_|rename|reload|udev incomplete' | sed 's/^/    mpd: /' | head -n 40
    echo "  kernel uevents of dm devices (phase time dev name action cookie):"
    # UEV lines: T DEV NAME ACTION cookie=C
    uev=$(tagged "$log" UEV | while read -r t dev n action c; do
        echo "$(phase_at "$log" "$t") $t $dev $n $action $c"
    done)
    printf '%s\n' "$uev" | sed '/^$/d; s/^/    /'
    while read -r n u ev; do
        [ -n "$n" ] || continue
        n2=$(name_of_uuid "$after" "$u")
        ev2=$(field_of_uuid "$after" "$u" 3)
        t1=$(table_of "$tb" "$n")
        t2=$(table_of "$ta" "$n2")
        bad="" acts_ok=""
        [ -n "$n2" ] || bad="$bad gone;"
        if [ -n "$n2" ] && [ "$n2" != "$n" ]; then
            if [[ " $EXPECT_NAME_DIFF " == *" ${u#part*-} "* ]]; then
                note "$sc: $n renamed to $n2 by multipathd (expected: user_friendly_names without a binding;" \
                    "multipathd allocated one; mpathboot never writes bindings)"
                acts_ok=RENAME
            else
                bad="$bad renamed to $n2;"
            fi
        fi
        [ "$t1" = "$t2" ] || bad="$bad table '$t1' -> '$t2';"
        # (a rename counts as an event: not held against the expected rename)
        [ "$ev" = "$ev2" ] || [ "$acts_ok" = RENAME ] || bad="$bad events $ev -> ${ev2:-?};"
        # multipathd's own word (its -v3 log) and the kernel's resume uevents: a reload
        # with an identical table leaves no trace in the table or the event counter (the
        # counter counts dm_table_event(): path failures, PG switches; not table swaps).
        acts=$(tagged "$log" MPD-LOG | grep -E "(^|[[:space:]])($n|${n2:-$n}): set ACT_" | sed 's/.*set //' | sort -u | paste -sd, - || true)
        case $acts in *RELOAD* | *RESIZE*) bad="$bad multipathd: $acts;" ;; esac
        case $acts in *RENAME*) [ "$acts_ok" = RENAME ] || bad="$bad multipathd: $acts;" ;; esac
        # multipathd names the map in the log by its new name after a rename
        dev=$(awk -v n="$n" -v m="${n2:-$n}" '($4 == n || $4 == m) && $5 == "change" && $1 == "multipathd" { c++ } END { print c + 0 }' <<< "$uev")
        # (a rename sends a change uevent too: not counted for the expected rename)
        [ "$dev" = 0 ] || [ "$acts_ok" = RENAME ] || bad="$bad $dev change uevent(s) (resume) while multipathd started;"
        case $u in part*) kind="partition map $n" ;; *) kind="map $n" ;; esac
        if [ -z "$bad" ]; then
            if [ "$acts_ok" = RENAME ]; then
                pass "$sc: $kind: renamed as expected, otherwise adopted: same table, no reload${acts:+ (multipathd: $acts)}"
            else
                pass "$sc: $kind adopted: same name, table, events $ev, no resume${acts:+ (multipathd: $acts)}"
            fi
        else
            fail "$sc: $kind:$bad"
        fi
        dev=$(awk -v n="$n" '$4 == n && $5 == "change" && $1 != "multipathd" { printf "%s%s", s, $1; s = "," }' <<< "$uev")
        [ -z "$dev" ] || note "$sc: $kind: change uevents before multipathd started (phases: $dev)"
    done <<< "$before"
    while read -r n u ev; do
        [ -n "$n" ] || continue
        [ -n "$(name_of_uuid "$before" "$u")" ] || fail "$sc: new dm device after multipathd: $n $u"
    done <<< "$after"
    paths=$(tagged "$log" MPD-PATH | grep -v '^dev ')
    if [ -z "$paths" ]; then
        fail "$sc: multipathd listed no paths"
    elif grep -qv ' active ready running *$' <<< "$paths"; then
        fail "$sc: paths not all active/ready/running: $(paste -sd ';' - <<< "$paths")"
    else
        pass "$sc: multipathd: $(wc -l <<< "$paths") paths active ready running"
    fi
    n=$(tagged "$log" MPD-MAPS | grep -vc '^name ' || true)
    [ "$n" -ge "$MAPS" ] || fail "$sc: multipathd lists $n maps, want $MAPS"
    # What the installed system mounts by: udev's links for the root partition's map.
    echo "  udev links to dm devices at the end:"
    tagged "$log" MPO-LINK | sed 's/^/    /'
    [ "$VIRTIO" = 1 ] || return 0
    n=$(tagged "$log" MPO-LINK | sed -n "s|^/dev/disk/by-uuid/$ROOT_UUID -> ||p")
    dev=$(tagged "$log" ADA-DM | awk '$2 == "part2-mpath-'"$VM_WWID"'" { print $1 }')
    if [ -n "$n" ] && [ "$(tagged "$log" MPO-DMDEV | awk -v d="${n##*/}" '$1 == d { print $2; exit }')" = "$dev" ]; then
        pass "$sc: udev: /dev/disk/by-uuid/$ROOT_UUID -> $n ($dev)"
    else
        fail "$sc: udev: /dev/disk/by-uuid/$ROOT_UUID ${n:+-> $n, }not a link to $dev (the root partition's map)"
    fi
}

# ALUA states mpathboot saw (MPO-PATH, just before it ran) against the end of the boot.
check_alua_drift() { # NAME LOG
    local a b
    a=$(tagged "$2" MPO-PATH | awk '{ print $3, $5 }' | sort)
    b=$(tagged "$2" MPO-PATH-END | awk '{ print $3, $5 }' | sort)
    [ -n "$b" ] || return 0
    diff <(echo "$a") <(echo "$b") | sed -n 's/^> \(.*\)/\1/p' | while read -r h st; do
        note "$1: $h: ALUA state when mpathboot ran: $(awk -v h="$h" '$1 == h { print $2 }' <<< "$a"), at the end: $st"
    done
}

run_scenario() { # NAME
    local sc=$1 log=$LOGDIR/$1.log t0 secs rc=0 disks cmdline
    scenario_setup "$sc"
    cmdline="mpt.case=$sc mpt.mode=$MODE mpt.conf=$CONF mpt.disks=$DISKS mpt.trigger=$TRIGGER mpt.maps=$MAPS"
    cmdline="$cmdline mpt.aluawait=$ALUAWAIT"
    [ "$SD" = 0 ] || cmdline="$cmdline mpt.sdebug=$SDEBUG"
    [ "$LIO" = 0 ] || cmdline="$cmdline mpt.lio=1"
    echo "== $sc"
    t0=$(now)
    boot "$log" "$cmdline" || rc=$?
    secs=$(elapsed "$t0")
    disks=$(tagged "$log" MPO-DISKS | head -n 1)
    if ! grep -aq MPO-END "$log"; then
        fail "$sc: no MPO-END in the console (qemu status $rc, disks: ${disks:-none})"
        tail -n 30 "$log" | sed 's/^/  | /'
        return
    fi
    [ "$(wc -w <<< "$disks")" -ge "$DISKS" ] || fail "$sc: the guest found ${disks:-no disks}, want $DISKS"
    check_alua_drift "$sc" "$log"
    if [ "$MODE" = tables ]; then
        check_tables "$sc" "$log"
    else
        check_adopt "$sc" "$log"
    fi
    echo "  timings: $(grep -a -o 'mpo: \[[0-9.]*\] \(mpathboot\|multipath\|udev\|dmsetup\|paths\|multipathd\|ALUA\).*' "$log" |
        sed 's/^mpo: //' | paste -sd ';' -)"
    echo "  boot took $secs s; log $log"
}

usage() {
    echo "usage: $0 [--list] [SCENARIO...]   scenarios: $ALL_SCENARIOS (also: $EXTRA_SCENARIOS)" >&2
    exit 2
}

main() {
    local scenarios="" s binary
    while [ $# -gt 0 ]; do
        case $1 in
            --list) echo "$ALL_SCENARIOS $EXTRA_SCENARIOS" | tr ' ' '\n'; exit 0 ;;
            -*) usage ;;
            *) case " $ALL_SCENARIOS $EXTRA_SCENARIOS " in
                   *" $1 "*) scenarios="$scenarios $1" ;;
                   *) echo "unknown scenario: $1" >&2; usage ;;
               esac ;;
        esac
        shift
    done
    [ -n "$scenarios" ] || scenarios=$ALL_SCENARIOS
    [ -f "$MPATHBOOT" ] || vm_die "no mpathboot binary at $MPATHBOOT (build it, or set MPATHBOOT)"
    [ "$(id -u)" = 0 ] || vm_die "needs root (apt-get, mknod in the initramfs)"

    dt_ensure_packages
    vm_fetch_kernel
    LOGDIR=$(vm_cache_dir)/logs/mpath-oracle-$(date +%Y%m%d-%H%M%S)-$$
    mkdir -p "$LOGDIR"
    find "$(vm_cache_dir)/logs" -maxdepth 1 -name 'mpath-oracle-*' -type d | sort | head -n -10 | xargs -r rm -rf
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    # A private copy: build/mpathboot may be rebuilt while this runs.
    cp "$MPATHBOOT" "$WORK/mpathboot"
    binary="$MPATHBOOT (md5 $(md5sum < "$WORK/mpathboot" | cut -c 1-12), $(date -r "$MPATHBOOT" '+%F %T'))"
    stage_tools "$WORK/tree"
    INITRD=$WORK/initrd.gz
    local t0
    t0=$(now)
    # shellcheck disable=SC2046  # one SRC:DEST word per file
    vm_build_initramfs "$INITRD" "$HERE/guest/mpath-oracle-init.sh" "$WORK/mpathboot" $(dt_tree_extras "$WORK/tree")
    # The partitioned test disk (GPT, 2 partitions) of lib.sh for the virtio paths.
    vm_build_disk "$WORK/disk.img" "$ROOT_UUID" "$WORK/mpathboot"
    echo "vm: kernel $KVER, binary $binary, initramfs $(($(stat -c %s "$INITRD") / 1024)) KiB" \
        "(built in $(elapsed "$t0") s), logs in $LOGDIR"
    for s in $scenarios; do
        run_scenario "$s"
    done
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" = 0 ]
}

main "$@"
