# shellcheck shell=bash
# tests/vm/debian-tools.sh: Debian 12's udev 252, multipath-tools 0.9.4, kpartx, dmsetup and
# sg3-utils-udev, copied from this host with every shared library into a guest tree, beside
# the static mpathboot. Sourced, after lib.sh, by tests/vm/oracle.sh, tests/vm/mpath-oracle.sh,
# tests/bench/bench.sh, profile.sh and footprint.sh.
#
#   dt_ensure_packages [PKG...]   install DT_PACKAGES plus PKG... if missing, no service started
#   dt_stage_tools TREE           binaries, udev rules, then dt_stage_runtime
#   dt_stage_runtime TREE BIN...  libraries, systemd-udevd, /etc/passwd and group
#   dt_put_libraries TREE FILE... the shared libraries FILE... need
#   dt_tree_extras TREE           one SRC:DEST word per file, for vm_build_initramfs

DT_PACKAGES="udev multipath-tools kpartx dmsetup sg3-utils sg3-utils-udev util-linux"

# partx: 68-del-part-nodes.rules runs it on multipath members. kpartx_id: 56-dm-parts.rules
# and 56-dm-mpath.rules.
DT_BINARIES="/bin/udevadm /lib/udev/scsi_id /lib/udev/ata_id /sbin/multipath /sbin/multipathd
    /sbin/kpartx /sbin/dmsetup /usr/bin/sg_inq /usr/bin/partx"
DT_SCRIPTS="/lib/udev/kpartx_id"
# What a Debian system with multipath-tools has for block and dm devices: udev's own, then
# sg3-utils-udev (ID_SERIAL), dmsetup's (55-dm, 60-persistent-storage-dm, 95-dm-notify,
# without which libdm waits forever for its udev cookie), multipath-tools' and kpartx's.
DT_RULES="50-udev-default 60-persistent-storage 55-scsi-sg3_id 55-dm 56-dm-mpath 56-dm-parts
    60-persistent-storage-dm 60-multipath 60-kpartx 68-del-part-nodes 95-dm-notify"

_dt_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

dt_ensure_packages() {
    local p missing="" policy=/usr/sbin/policy-rc.d made=0
    for p in $DT_PACKAGES "$@"; do _dt_installed "$p" || missing="$missing $p"; done
    [ -n "$missing" ] || return 0
    vm_log "installing$missing (no service is started)"
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy"
        made=1
    fi
    # shellcheck disable=SC2086  # a word list
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null; then
        apt-get update -q >/dev/null 2>&1 || true
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null ||
            { [ "$made" = 0 ] || rm -f "$policy"; vm_die "apt-get install$missing failed"; }
    fi
    [ "$made" = 0 ] || rm -f "$policy"
}

_dt_put() { # TREE FILE [DEST]
    local dest=${3:-$2}
    mkdir -p "$1/$(dirname "$dest")"
    cp -L "$2" "$1/$dest"
}

dt_stage_tools() { # TREE
    local tree=$1 f r
    for f in $DT_BINARIES $DT_SCRIPTS /lib/multipath/*.so; do
        [ -e "$f" ] || vm_die "missing $f on the host"
        _dt_put "$tree" "$f"
    done
    for r in $DT_RULES; do
        f=/lib/udev/rules.d/$r.rules
        [ -e "$f" ] || vm_die "missing $f on the host"
        _dt_put "$tree" "$f"
    done
    # shellcheck disable=SC2086  # a word list
    dt_stage_runtime "$tree" $DT_BINARIES
}

# What the staged binaries need to run in the guest: every library ldd names for them and
# for multipath-tools' plugins (the loader included), libgcc_s (glibc dlopens it for
# pthread_cancel; multipathd needs it), systemd-udevd (udevadm under another name, a
# symlink in the package too), and the groups 50-udev-default.rules names, so udevd does
# not complain about each one. Then refuses a tree that would overwrite a busybox applet.
dt_stage_runtime() { # TREE BINARY...
    local tree=$1 f lib bb
    shift
    mkdir -p "$tree/lib/systemd"
    ln -s /bin/udevadm "$tree/lib/systemd/systemd-udevd"
    dt_put_libraries "$tree" "$@" /lib/multipath/*.so
    _dt_put "$tree" /lib/x86_64-linux-gnu/libgcc_s.so.1
    mkdir -p "$tree/etc"
    echo "root:x:0:0:root:/:/bin/sh" > "$tree/etc/passwd"
    printf '%s\n' root:x:0: tty:x:5: disk:x:6: lp:x:7: kmem:x:15: dialout:x:20: cdrom:x:24: \
        tape:x:26: audio:x:29: video:x:44: input:x:101: kvm:x:102: render:x:103: sgx:x:104: \
        > "$tree/etc/group"
    # vm_build_initramfs copies with cp -a: a destination that is a busybox applet link
    # would be written through, onto the host's busybox. Refuse rather than do that.
    bb=$(command -v busybox)
    for f in $("$bb" --list-full); do
        if [ -e "$tree/$f" ] || [ -L "$tree/$f" ]; then
            vm_die "$f is both a busybox applet and a staged Debian tool"
        fi
    done
}

# Every shared library ldd names for FILE... (the loader included), into TREE.
dt_put_libraries() { # TREE FILE...
    local tree=$1 lib f
    shift
    for lib in $(for f in "$@"; do ldd "$f" 2>/dev/null; done |
        awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' | sort -u); do
        _dt_put "$tree" "$lib"
    done
}

dt_tree_extras() { # TREE
    (cd "$1" && find . \( -type f -o -type l \) | sed 's|^\./||') |
        while read -r rel; do echo "$1/$rel:/$rel"; done
}
