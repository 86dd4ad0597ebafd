#!/bin/sh
# pre-trigger hook 05: a SCSI device handler attaches only when the device is scanned, so
# scsi_dh_* must be loaded before udev's coldplug trigger loads the HBA drivers.
. /lib/mpathboot-lib.sh

if [ ! -e "$MPATHBOOT_STATE/disabled" ]; then
    for _mpb_m in scsi_dh_alua scsi_dh_emc scsi_dh_rdac scsi_dh_hp_sw dm_multipath; do
        modprobe -q "$_mpb_m" 2>/dev/null
    done
fi
