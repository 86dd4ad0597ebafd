#!/bin/bash
# tests/bench/footprint.sh: how much mpathboot adds to a boot image, beside Debian's multipath.
#
#   tests/bench/footprint.sh [--module DIR] [--binary BIN] [--out DIR]
#
# Prints (and writes footprint.csv / footprint.md into --out, default
# results/bench/footprint-<UTC date-time>/):
#   - the stripped size of the mpathboot binary (default build/mpathboot);
#   - the size of what Debian's multipath needs in userspace (multipath, kpartx and their
#     shared libraries and plugins), for scale;
#   - dracut images of Debian's kernel (lib.sh's cached package, --kver/--kmoddir as in
#     initramfs.md 1.6), all with the same base modules, no host
#     configuration (--conf /dev/null, an empty --confdir), not host-only, no microcode,
#     base modules "base udev-rules dm rootfs-block" (both modules depend on the last two),
#     reproducible, uncompressed; then compressed here the same way (gzip -9 -n, zstd -19):
#       base, base + Debian's `multipath` (dracut-core + multipath-tools from apt),
#       base + our module (DIR, a dracut module folder with module-setup.sh, e.g.
#       dracut/90mpathboot; installed into a private copy of /usr/lib/dracut)
#     once with the kernel modules each dracut module installs (installkernel) and once with
#     --no-kernel (userspace alone). Growth = image - base image.
# Our module finds the binary at /usr/sbin/mpathboot, /sbin/mpathboot or on PATH: dracut runs
# in a private mount namespace where an overlay on /usr/sbin holds the binary under test
# (the host's / is not changed). Without --module only Debian's module is measured.
# Needs root (apt-get, unshare -m, mount).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../vm/lib.sh
. "$REPO/tests/vm/lib.sh"
# shellcheck source=../vm/debian-tools.sh
. "$REPO/tests/vm/debian-tools.sh"

MODULE="" BIN=$REPO/build/mpathboot OUT=""
while [ $# -gt 0 ]; do
    case $1 in
        --module) MODULE=$(cd "$2" && pwd); shift ;;
        --binary) BIN=$2; shift ;;
        --out) OUT=$2; shift ;;
        *) echo "usage: $0 [--module DIR] [--binary BIN] [--out DIR]" >&2; exit 2 ;;
    esac
    shift
done
[ "$(id -u)" = 0 ] || vm_die "needs root"
[ -f "$BIN" ] || vm_die "no binary at $BIN (make, or --binary)"
[ -z "$MODULE" ] || [ -f "$MODULE/module-setup.sh" ] || vm_die "$MODULE has no module-setup.sh"
[ -n "$OUT" ] || OUT=$REPO/results/bench/footprint-$(date -u +%Y-%m-%dT%H%M%SZ)
mkdir -p "$OUT"
dt_ensure_packages dracut-core zstd
vm_fetch_kernel

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# A private dracut tree: the host's modules plus ours.
cp -a /usr/lib/dracut "$WORK/dracut"
MODNAME=""
if [ -n "$MODULE" ]; then
    # -L: the module folder links its shared files (rules, library) from boot/.
    cp -aL "$MODULE" "$WORK/dracut/modules.d/"
    MODNAME=$(basename "$MODULE" | sed 's/^[0-9]*//')
fi
mkdir -p "$WORK/sbin-upper" "$WORK/sbin-work" "$WORK/confdir"
install -m 755 "$BIN" "$WORK/sbin-upper/mpathboot"

# Both modules depend on rootfs-block and dm: in the base, so the growth is the module's own.
BASE="base udev-rules dm rootfs-block"

# dracut_image OUT EXTRA_MODULES [--no-kernel]
dracut_image() {
    local out=$1 mods="$BASE${2:+ $2}" nokernel=${3:-}
    # shellcheck disable=SC2016  # expanded by the inner shell
    unshare -m env DRACUT_OUT="$out" DRACUT_MODS="$mods" NOKERNEL="$nokernel" WORK="$WORK" KVER="$KVER" \
        KMODDIR="$KDIR/lib/modules/$KVER" bash -c '
        set -e
        mount --make-rprivate /
        mount -t overlay overlay -o "lowerdir=/usr/sbin,upperdir=$WORK/sbin-upper,workdir=$WORK/sbin-work" /usr/sbin
        dracutbasedir=$WORK/dracut dracut --quiet --force --no-hostonly --reproducible --no-compress \
            --no-early-microcode --conf /dev/null --confdir "$WORK/confdir" --tmpdir "$WORK" \
            --kver "$KVER" --kmoddir "$KMODDIR" $NOKERNEL \
            --modules "$DRACUT_MODS" --omit "systemd systemd-initrd dracut-systemd plymouth" \
            "$DRACUT_OUT"' > "$out.log" 2>&1 || { tail -n 20 "$out.log" >&2; vm_die "dracut failed for: $mods"; }
    gzip -9 -n -c "$out" > "$out.gz"
    zstd -q -19 -c "$out" > "$out.zst"
}

# "<size> <path>" of every regular file in an uncompressed image.
files() { (mkdir -p "$WORK/x" && cd "$WORK/x" && rm -rf ./* && cpio -id --quiet < "$1" && find . -type f -printf '%s %P\n'); }

sizes() { echo "$(stat -c %s "$1") $(stat -c %s "$1.gz") $(stat -c %s "$1.zst")"; }

# What Debian's multipath needs in userspace, deduplicated by real path (for scale).
debian_userspace() {
    local f
    for f in /sbin/multipath /sbin/kpartx /lib/multipath/*.so; do
        readlink -f "$f"
        ldd "$f" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' | xargs -r readlink -f
    done | sort -u | xargs stat -c %s | awk '{ s += $1 } END { print s }'
}

echo "footprint: kernel $KVER, dracut $(dpkg-query -W -f='${Version}' dracut-core)," \
    "multipath-tools $(dpkg-query -W -f='${Version}' multipath-tools), module ${MODULE:-none}"
bin_size=$(stat -c %s "$BIN")
if readelf -S "$BIN" | grep -q '\.symtab'; then bin_note="NOT stripped"; else bin_note="stripped"; fi
echo "footprint: $BIN: $bin_size bytes ($bin_note); Debian multipath + kpartx + libraries + plugins: $(debian_userspace) bytes"

echo "variant,modules,uncompressed,gzip9,zstd19,growth_uncompressed,growth_gzip9,growth_zstd19" > "$OUT/footprint.csv"
for variant in kernel-modules no-kernel; do
    nk=""
    [ "$variant" = no-kernel ] && nk=--no-kernel
    dracut_image "$WORK/base.img" "" $nk
    read -r b0 b1 b2 <<< "$(sizes "$WORK/base.img")"
    echo "$variant,$BASE,$b0,$b1,$b2,0,0,0" >> "$OUT/footprint.csv"
    for extra in multipath $MODNAME; do
        dracut_image "$WORK/$extra.img" "$extra" $nk
        read -r s0 s1 s2 <<< "$(sizes "$WORK/$extra.img")"
        echo "$variant,$BASE $extra,$s0,$s1,$s2,$((s0 - b0)),$((s1 - b1)),$((s2 - b2))" >> "$OUT/footprint.csv"
        # What the module added to the base image, largest first (files only).
        files "$WORK/base.img" > "$WORK/base.files"
        files "$WORK/$extra.img" | awk 'NR == FNR { seen[$2] = 1; next } !($2 in seen)' "$WORK/base.files" - |
            sort -rn > "$OUT/$variant-$extra.added-files.txt"
    done
done

{
    echo "Stripped binary: $bin_size bytes ($(awk -v s="$bin_size" 'BEGIN { printf "%.2f", s / 1048576 }') MiB; target <= 1 MiB)."
    echo
    echo "dracut $(dpkg-query -W -f='${Version}' dracut-core) images for $KVER, base modules \`$BASE\`, sizes in MB (10^6 bytes):"
    echo
    echo "| image | kernel modules | uncompressed | gzip -9 | zstd -19 | growth uncompressed | growth gzip -9 | growth zstd -19 |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
    awk -F, 'NR > 1 { printf "| %s | %s | %.2f | %.2f | %.2f | %+.2f | %+.2f | %+.2f |\n", $2,
        ($1 == "no-kernel" ? "none (--no-kernel)" : "installkernel"), $3 / 1e6, $4 / 1e6, $5 / 1e6, $6 / 1e6, $7 / 1e6, $8 / 1e6 }' \
        "$OUT/footprint.csv"
} > "$OUT/footprint.md"
cat "$OUT/footprint.md"
echo "footprint: results in $OUT"
