#!/bin/bash
# tests/vm/installer.sh: the installer interface on a real kernel (issue 6).
#
# One guest with a two-path LUN (two virtio-scsi controllers, one image, same WWN) and a
# single-path local disk (a third controller, its own image and WWN). The guest
# (guest/installer-init.sh) runs probe, assemble, resolve and flush; this script checks:
#   probe:    exit 0, valid JSON, recommend_activation true, one map would_create over
#             the two paths, the local disk a single-path group, no dm device made;
#   assemble: exit 0, valid JSON, exactly one multipath map (created, two paths), and
#             exactly one dm multipath device in the kernel, over two sd slaves;
#   resolve:  each path of the LUN gives that map; the local disk fails; --json is valid;
#   edd:      the guest's /sys/firmware/edd (SeaBIOS drives) is in the report; every BIOS id
#             is the map or the local disk, never a path, and `resolve 0x8N` agrees;
#   flush:    exit 0 and no dm device left.
# Every JSON document is validated with scripts/validate-report.py (docs/report.schema.json).
# Prints PASS/FAIL per check and "N passed, N failed"; exits 1 on any failure.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$HERE/lib.sh"

MPATHBOOT=${MPATHBOOT:-$REPO/build/mpathboot}
# edd: /sys/firmware/edd from the BIOS (SeaBIOS) drive data the kernel's setup code read.
VM_MODULES="$VM_MODULES edd"
VALIDATE=$REPO/scripts/validate-report.py
LOCAL_WWN=0x5000c50015ea7200
PASSED=0
FAILED=0

pass() { echo "PASS $1"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL $1: $2"; FAILED=$((FAILED + 1)); }

# The JSON document the guest printed under TAG.
extract() { # LOG TAG OUT
    grep -a "^MPT-J $2 " "$1" | sed "s/^MPT-J $2 //" > "$3"
}

exit_of() { # LOG WHAT -> N
    grep -a -o "MPT-EXIT $2=[0-9]*" "$1" | head -n 1 | sed 's/.*=//'
}

dm_after() { # LOG WHAT -> dm count after that step
    grep -a -o "MPT-EXIT $2=[0-9]* dm=[0-9]*" "$1" | head -n 1 | sed 's/.*dm=//'
}

# Runs a python expression over a JSON file; prints nothing and succeeds when it holds,
# else prints MESSAGE and what the expression saw.
holds() { # FILE EXPR MESSAGE
    python3 - "$1" "$2" "$3" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
ok = eval(sys.argv[2], {"d": doc})
if not ok:
    print(sys.argv[3])
    sys.exit(1)
PY
}

check_json() { # NAME FILE CHECKS...
    local name=$1 file=$2 why
    shift 2
    if ! why=$("$VALIDATE" "$file" 2>&1); then fail "$name" "schema: $why"; return; fi
    while [ $# -ge 2 ]; do
        if ! why=$(holds "$file" "$1" "$2"); then fail "$name" "$why"; return; fi
        shift 2
    done
    pass "$name"
}

main() {
    if [ ! -f "$MPATHBOOT" ]; then
        echo "FAIL installer: no mpathboot binary at $MPATHBOOT"
        echo "0 passed, 1 failed"
        exit 1
    fi
    vm_fetch_kernel
    local log rc lun paths
    # Global: the EXIT trap runs after main has returned.
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    mkdir -p "$(vm_cache_dir)/logs"
    log=$(vm_cache_dir)/logs/installer-$(date +%Y%m%d-%H%M%S)-$$.log
    vm_build_initramfs "$work/initrd.gz" "$HERE/guest/installer-init.sh" "$MPATHBOOT"
    truncate -s 16M "$work/lun.img"
    truncate -s 24M "$work/local.img"
    echo "vm: kernel $KVER, binary $MPATHBOOT, log $log"
    rc=0
    VM_QEMU_ARGS="-blockdev driver=file,filename=$work/local.img,node-name=lf -blockdev driver=raw,file=lf,node-name=ld
        -device virtio-scsi-pci,id=scsil -device scsi-hd,bus=scsil.0,drive=ld,wwn=$LOCAL_WWN,serial=LOCAL0001" \
        VM_TIMEOUT=${VM_TIMEOUT:-120} vm_boot "$work/lun.img" "$work/initrd.gz" "mpt.case=installer" 2 "$log" || rc=$?
    if ! grep -aq '^MPT-END' "$log"; then
        fail installer "the guest did not finish (qemu status $rc); last lines:"
        tail -n 30 "$log" | sed 's/^/  | /'
        echo "$PASSED passed, $FAILED failed"
        exit 1
    fi

    extract "$log" probe "$work/probe.json"
    extract "$log" assemble "$work/assemble.json"
    extract "$log" resolve "$work/resolve.json"

    if [ "$(exit_of "$log" probe)" != 0 ]; then
        fail probe "exit $(exit_of "$log" probe), want 0"
    elif [ "$(dm_after "$log" probe)" != 0 ]; then
        fail probe "$(dm_after "$log" probe) dm devices after probe, want 0"
    else
        check_json probe "$work/probe.json" \
            "d['mode'] == 'probe' and d['summary']['recommend_activation']" "probe does not recommend activation" \
            "len(d['maps']) == 1 and d['maps'][0]['state'] == 'would_create' and len(d['maps'][0]['paths']) == 2" "probe does not plan one two-path map" \
            "d['maps'][0]['wwid'] == '$VM_WWID'" "the map is not the LUN" \
            "len(d['single_path_groups']) == 1 and d['summary']['single_path_groups'] == 1" "the local disk is not a single-path group" \
            "'/$VM_WWID/' in d['target_config']['wwids']" "the wwids text lacks the LUN"
    fi

    lun=""
    if [ "$(exit_of "$log" assemble)" != 0 ]; then
        fail assemble "exit $(exit_of "$log" assemble), want 0"
    else
        check_json assemble "$work/assemble.json" \
            "d['mode'] == 'assemble' and len(d['maps']) == 1 and d['maps'][0]['state'] == 'created'" "assemble did not create exactly one map" \
            "len(d['maps'][0]['paths']) == 2 and all(p['checker'] == 'up' for p in d['maps'][0]['paths'])" "the map has not two checked-up paths" \
            "d['maps'][0]['dev_t'] is not None and [p['name'] for p in d['maps'][0]['partitions']] == []" "the map has no dev_t, or partitions on a blank LUN"
        local maps
        maps=$(grep -a -c "^MPT-DM .* uuid=mpath-" "$log" || true)
        if [ "$maps" = 1 ] && grep -aq "^MPT-DM .* uuid=mpath-$VM_WWID slaves=sd[a-z]*,sd[a-z]*$" "$log"; then
            pass "assemble-kernel"
        else
            fail "assemble-kernel" "want one dm multipath map over two sd slaves, have: $(grep -a '^MPT-DM' "$log" | tr '\n' ';')"
        fi
        lun=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['maps'][0]['name'])" "$work/assemble.json" 2>/dev/null || true)
    fi

    # Each path of the LUN resolves to the map; the local disk does not resolve.
    paths=$(python3 -c "import json,sys; print(' '.join(p['dev'] for p in json.load(open(sys.argv[1]))['maps'][0]['paths']))" "$work/assemble.json" 2>/dev/null || true)
    local dev line bad="" n=0
    while read -r line; do
        dev=$(printf '%s\n' "$line" | sed -n 's/.*dev=\([a-z]*\) .*/\1/p')
        case " $paths " in
            *" $dev "*)
                n=$((n + 1))
                printf '%s\n' "$line" | grep -q "exit=0 out=$lun " || bad="$bad [$line]" ;;
            *)
                printf '%s\n' "$line" | grep -q "exit=1 out= err=.*not part of a multipath map" || bad="$bad [$line]" ;;
        esac
    done < <(grep -a -o '^MPT-RESOLVE .*' "$log")
    if [ -n "$lun" ] && [ "$n" = 2 ] && [ -z "$bad" ]; then
        pass resolve
    else
        fail resolve "map '$lun', $n path lines resolved; wrong:$bad"
    fi
    check_json resolve-json "$work/resolve.json" \
        "d['map'] is not None and d['map']['name'] == '$lun' and d['method'] == 'dev_t'" "resolve --json of a path's dev_t did not give the map"

    # EDD (SeaBIOS gives one int13 drive per disk): each BIOS id resolves to the map or to
    # the local disk, never to a path; resolve agrees with the report; the report's
    # host_bus/interface are the sysfs text (tabs and all).
    grep -a -o '^MPT-EDD .*' "$log" > "$work/edd.txt" || true
    grep -a -o '^MPT-RESOLVE-BIOS .*' "$log" > "$work/bios.txt" || true
    if why=$(python3 - "$work/assemble.json" "$work/edd.txt" "$work/bios.txt" "$lun" <<'PY'
import json, re, sys
report = json.load(open(sys.argv[1]))
lun = sys.argv[4]
edd = report["edd"]
sysfs = [l.split() for l in open(sys.argv[2])]
if not edd["available"] or not sysfs:
    sys.exit(f"no EDD: report says {edd['reason']!r}, guest listed {len(sysfs)} int13 entries")
if len(edd["disks"]) != len(sysfs):
    sys.exit(f"{len(edd['disks'])} EDD disks in the report, {len(sysfs)} in sysfs")
paths = {p["dev"] for p in report["maps"][0]["paths"]}
text = open(sys.argv[2]).read()
for disk in edd["disks"]:
    if disk["disk"] in paths:
        sys.exit(f"{disk['bios_id']} was given to the path {disk['disk']}")
    if disk["map"] not in (None, lun) or (disk["map"] is None and disk["disk"] is None):
        sys.exit(f"{disk['bios_id']}: map {disk['map']!r}, disk {disk['disk']!r}")
    if "bus=" + disk["host_bus"].replace("\t", " ") not in text:
        sys.exit(f"{disk['bios_id']}: host_bus {disk['host_bus']!r} is not the sysfs text")
maps = {d["bios_id"]: d["map"] for d in edd["disks"]}
for line in open(sys.argv[3]):
    m = re.match(r"MPT-RESOLVE-BIOS id=(\S+) exit=(\d) out=(\S*)", line)
    want = maps.get(m.group(1))
    if (m.group(2) == "0") != (want is not None) or (want and m.group(3) != want):
        sys.exit(f"resolve {m.group(1)}: exit {m.group(2)} out {m.group(3)!r}, report map {want!r}")
if lun not in maps.values():
    sys.exit("no BIOS drive resolved to the map")
PY
    ); then
        pass edd
    else
        fail edd "$why"
    fi

    if [ "$(exit_of "$log" flush)" = 0 ] && [ "$(dm_after "$log" flush)" = 0 ]; then
        pass flush
    else
        fail flush "exit $(exit_of "$log" flush), $(dm_after "$log" flush) dm devices left; $(grep -a 'mpt: flush' "$log" | tr '\n' ';')"
    fi

    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" = 0 ]
}

main "$@"
