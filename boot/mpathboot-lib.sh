# shellcheck shell=sh
# mpathboot-lib.sh: shell helpers shared by the dracut module and the initramfs-tools scripts.
#
# Installed into the initramfs as /lib/mpathboot-lib.sh and sourced; POSIX sh only (busybox
# sh, klibc sh, dash, bash). Every name starts with mpathboot_ (functions) or _mpb_ (scratch
# variables) so nothing collides with dracut-lib.sh or initramfs-tools' functions. Functions
# that recurse run in a subshell, so their variables stay local.
#
#   mpathboot_disabled          true if the kernel command line turns multipath off
#   mpathboot_arg NAME          value of NAME=value on the command line (last one wins)
#   mpathboot_resolve SPEC      /dev node of a root spec (UUID=, LABEL=, PARTUUID=,
#                               PARTLABEL=, /dev/..., block:/dev/...) if it exists now
#   mpathboot_kname DEV         kernel name (sda2, dm-3) of a /dev node
#   mpathboot_maps_below KNAME  kernel names (dm-N) of the multipath maps KNAME is, or sits on
#   mpathboot_count DIR         number of entries in DIR (paths of a map: DIR=.../slaves)
#   mpathboot_have_maps         true if any multipath map exists
#   mpathboot_claimed KNAME     true if mpathboot claims KNAME (a path or a path partition)
#   mpathboot_paths_changed     true if the set of sd/nvme/dasd devices changed since last call
#   mpathboot_assemble_failed   after a failed assemble: make the next round retry, at most
#                               3 times in a row for one set of devices
#   mpathboot_wait_root SPEC [ARGS...]
#                               wait until the maps under the root have their paths (see below)

MPATHBOOT=${MPATHBOOT:-/sbin/mpathboot}
MPATHBOOT_STATE=${MPATHBOOT_STATE:-/run/mpathboot}

# The off switches: dracut's rd.multipath=0 and its legacy spellings (rd_NO_MULTIPATH,
# nompath, multipath=off; the last two are what multipath-tools' own udev rule honours),
# and mpathboot's own rd.mpathboot=0. 0, no and off all count as off, as for getargbool.
# /etc/cmdline.d (dracut's hostonly command line) is read as well as /proc/cmdline.
mpathboot_cmdline() {
    cat /proc/cmdline 2>/dev/null
    for _mpb_f in /etc/cmdline.d/*.conf; do
        [ -r "$_mpb_f" ] && cat "$_mpb_f"
    done
}

mpathboot_disabled() {
    for _mpb_a in $(mpathboot_cmdline); do
        case $_mpb_a in
            rd.multipath=0 | rd.multipath=no | rd.multipath=off) return 0 ;;
            rd.mpathboot=0 | rd.mpathboot=no | rd.mpathboot=off) return 0 ;;
            rd_NO_MULTIPATH | nompath | nompath=* | multipath=off) return 0 ;;
        esac
    done
    return 1
}

mpathboot_arg() { # NAME
    _mpb_v=
    for _mpb_a in $(mpathboot_cmdline); do
        case $_mpb_a in
            "$1"=*) _mpb_v=${_mpb_a#*=} ;;
        esac
    done
    [ -n "$_mpb_v" ] && echo "$_mpb_v"
}

# The udev link for a tag first (it points at the map's partition once udev saw it, thanks
# to link_priority), then blkid, which ranks dm devices above paths, for images without
# udev links.
mpathboot_resolve() { # SPEC
    _mpb_spec=${1#block:}
    case $_mpb_spec in
        UUID=*) _mpb_link=/dev/disk/by-uuid/${_mpb_spec#UUID=} ;;
        LABEL=*) _mpb_link=/dev/disk/by-label/${_mpb_spec#LABEL=} ;;
        PARTUUID=*) _mpb_link=/dev/disk/by-partuuid/${_mpb_spec#PARTUUID=} ;;
        PARTLABEL=*) _mpb_link=/dev/disk/by-partlabel/${_mpb_spec#PARTLABEL=} ;;
        /dev/*) _mpb_link=$_mpb_spec ;;
        *) return 1 ;;
    esac
    if [ -b "$_mpb_link" ]; then
        readlink -f "$_mpb_link"
        return 0
    fi
    case $_mpb_spec in
        *=*)
            command -v blkid >/dev/null 2>&1 || return 1
            _mpb_dev=$(blkid -l -t "$_mpb_spec" -o device 2>/dev/null) || return 1
            [ -b "$_mpb_dev" ] && echo "$_mpb_dev" && return 0
            ;;
    esac
    return 1
}

# libdm without udev makes real nodes in /dev/mapper, not links to /dev/dm-N: look the
# name up in sysfs then.
mpathboot_kname() { # DEV
    _mpb_k=${1##*/}
    if [ -e "/sys/class/block/$_mpb_k" ]; then
        echo "$_mpb_k"
        return 0
    fi
    case $1 in
        /dev/mapper/*)
            for _mpb_d in /sys/block/dm-*; do
                if [ "$(cat "$_mpb_d/dm/name" 2>/dev/null)" = "$_mpb_k" ]; then
                    echo "${_mpb_d##*/}"
                    return 0
                fi
            done
            ;;
    esac
    return 1
}

# A map itself, a partition map on it, or anything stacked on those (LVM, crypt): walk
# slaves/ down to the dm devices whose DM UUID is mpath-<wwid>.
mpathboot_maps_below() ( # KNAME
    _mpb_uuid=$(cat "/sys/class/block/$1/dm/uuid" 2>/dev/null)
    case $_mpb_uuid in
        mpath-?*)
            echo "$1"
            exit 0
            ;;
    esac
    for _mpb_s in "/sys/class/block/$1/slaves/"*; do
        [ -e "$_mpb_s" ] && mpathboot_maps_below "${_mpb_s##*/}"
    done
    exit 0
)

mpathboot_count() { # DIR: number of entries
    _mpb_c=0
    for _mpb_e in "$1"/*; do
        [ -e "$_mpb_e" ] && _mpb_c=$((_mpb_c + 1))
    done
    echo "$_mpb_c"
}

mpathboot_have_maps() {
    for _mpb_d in /sys/block/dm-*/dm/uuid; do
        case $(cat "$_mpb_d" 2>/dev/null) in
            mpath-?*) return 0 ;;
        esac
    done
    return 1
}

mpathboot_claimed() { # KNAME
    # A case pattern, not grep: grep would cost the image 94 KB (gzipped) for two lines.
    case "
$("$MPATHBOOT" udev-check "$1" 2>/dev/null)
" in
        *"
DM_MULTIPATH_DEVICE_PATH=1
"*) return 0 ;;
    esac
    return 1
}

# Re-running assemble is idempotent but not free (checkers, sysfs walk, log lines), so the
# repeated hooks call it only when a path device came or went. The fingerprint is the list
# of candidate block devices with their dev_t.
mpathboot_paths_changed() {
    mkdir -p "$MPATHBOOT_STATE"
    _mpb_now=
    for _mpb_d in /sys/block/sd* /sys/block/nvme* /sys/block/dasd*; do
        [ -e "$_mpb_d/dev" ] && _mpb_now="$_mpb_now ${_mpb_d##*/}=$(cat "$_mpb_d/dev")"
    done
    _mpb_old=$(cat "$MPATHBOOT_STATE/paths" 2>/dev/null)
    [ "$_mpb_now" = "$_mpb_old" ] && return 1
    # A new set of devices gets its own 3 tries.
    [ -n "$_mpb_old" ] && rm -f "$MPATHBOOT_STATE/failures"
    echo "$_mpb_now" > "$MPATHBOOT_STATE/paths"
    return 0
}

mpathboot_assemble_failed() {
    _mpb_n=$(cat "$MPATHBOOT_STATE/failures" 2>/dev/null)
    _mpb_n=$((${_mpb_n:-0} + 1))
    echo "$_mpb_n" > "$MPATHBOOT_STATE/failures"
    if [ "$_mpb_n" -lt 3 ]; then
        rm -f "$MPATHBOOT_STATE/paths"
    fi
}

mpathboot_assemble_ok() {
    rm -f "$MPATHBOOT_STATE/failures"
}

# mpathboot_wait_root SPEC [ARGS...]: ARGS go to every `mpathboot wait` (--timeout,
# --min-paths, --cmdline, -v). Returns mpathboot's last status, 0 if there was nothing to
# wait for. Decisions, so that a root that is not on multipath never costs a wait:
#   - SPEC resolves to a map, a partition map, or something stacked on maps (LVM):
#     wait for each of those maps by name;
#   - SPEC resolves to a path device that mpathboot claims (the map is missing): wait for
#     SPEC, mpathboot looks it up on the maps' partitions as they appear;
#   - SPEC resolves to anything else: not on multipath, no wait;
#   - SPEC does not resolve (yet; an LV before LVM ran): wait for all maps, if any exist.
mpathboot_wait_root() { # SPEC [ARGS...]
    _mpb_root=$1
    shift
    _mpb_rc=0
    if _mpb_dev=$(mpathboot_resolve "$_mpb_root") && _mpb_kn=$(mpathboot_kname "$_mpb_dev"); then
        # Unique, in order (an LV over two partitions of one map names it twice); no sort
        # or wc: the images have only what the tools put in.
        _mpb_maps=
        for _mpb_m in $(mpathboot_maps_below "$_mpb_kn"); do
            case " $_mpb_maps " in
                *" $_mpb_m "*) ;;
                *) _mpb_maps="$_mpb_maps $_mpb_m" ;;
            esac
        done
        if [ -n "$_mpb_maps" ]; then
            for _mpb_m in $_mpb_maps; do
                _mpb_name=$(cat "/sys/class/block/$_mpb_m/dm/name")
                echo "mpathboot: root $_mpb_dev is on map $_mpb_name ($_mpb_m), $(mpathboot_count "/sys/class/block/$_mpb_m/slaves") path(s) now; waiting for its paths"
                "$MPATHBOOT" wait "$@" "$_mpb_name" || _mpb_rc=$?
            done
            return $_mpb_rc
        fi
        if mpathboot_claimed "$_mpb_kn"; then
            echo "mpathboot: root $_mpb_dev is a multipath path with no map yet; waiting for the map"
            "$MPATHBOOT" wait "$@" "${_mpb_root#block:}"
            return $?
        fi
        echo "mpathboot: root $_mpb_dev ($_mpb_kn) is not on multipath; nothing to wait for"
        return 0
    fi
    mpathboot_have_maps || return 0
    echo "mpathboot: root $_mpb_root is not there yet; waiting for the paths of all maps"
    "$MPATHBOOT" wait "$@"
}
