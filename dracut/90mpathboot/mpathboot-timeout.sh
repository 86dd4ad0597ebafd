#!/bin/sh
# initqueue/timeout hook 50: the root is still missing after 2/3 of rd.retry. One more
# assemble, verbose, so the console shows which paths mpathboot sees and why it built what
# it built.
. /lib/mpathboot-lib.sh

if [ ! -e "$MPATHBOOT_STATE/disabled" ]; then
    warn "mpathboot: root not found yet; assembling once more (verbose)"
    "$MPATHBOOT" assemble --cmdline --kmsg -v
fi
