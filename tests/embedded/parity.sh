#!/bin/bash
# tests/embedded/parity.sh: the shipped Embedded binary must say exactly what the normal
# Swift build says, on every captured /sys tree. The two are compiled differently (Embedded
# Swift, -Osize, musl), and an optimizer difference once changed a SATA disk's WWID in the
# Embedded build only; the unit tests run the normal build, so this compares the two.
#
#   tests/embedded/parity.sh EMBEDDED_BIN NORMAL_BIN
# Ends with "N passed, N failed"; exits 1 on any difference.
set -u
embedded=${1:?embedded binary}
normal=${2:?normal binary}
here=$(cd "$(dirname "$0")/../.." && pwd)
fixtures=$here/Tests/TestSupport/Fixtures
nowhere=/nonexistent-mpathboot-parity
passed=0 failed=0
for sys in "$fixtures"/*/sys; do
    name=$(basename "$(dirname "$sys")")
    for etc in etc-find-multipaths-yes etc-empty etc-unicode; do
        # udev-check of every disk and partition of the tree: the decision a udev rule imports.
        checks=()
        for dev in "$sys"/block/*; do
            checks+=("udev-check $(basename "$dev")")
            for part in "$dev"/*/partition; do
                [ -e "$part" ] && checks+=("udev-check $(basename "$(dirname "$part")")")
            done
        done
        for cmd in "paths --json" "-d -v3" "probe --json" "${checks[@]}"; do
            # shellcheck disable=SC2086  # cmd is a word list
            args=($cmd --sysfs-root "$sys" --proc-root $nowhere --dev-root $nowhere --etc-root "$fixtures/$etc")
            a=$("$embedded" "${args[@]}" 2>&1; echo "exit $?")
            b=$("$normal" "${args[@]}" 2>&1; echo "exit $?")
            if [ "$a" = "$b" ]; then
                passed=$((passed + 1))
            else
                failed=$((failed + 1))
                echo "FAIL $name $etc $cmd:"
                diff <(printf '%s\n' "$b") <(printf '%s\n' "$a") | sed 's/^/  /' | head -20
            fi
        done
    done
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
