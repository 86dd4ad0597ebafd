#!/bin/bash
# Regenerates the seed corpora in Fuzz/corpus/ (committed; run this only to change them).
# Needs sfdisk and fdisk (util-linux). Real INQUIRY/VPD bytes come from the sysfs trees
# captured in Tests/TestSupport/Fixtures; the rest is written here from the specifications
# (SPC-4, ACS-3, UEFI 2.10) or by sfdisk/fdisk on small image files.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
C=$ROOT/Fuzz/corpus
FIX=$ROOT/Tests/TestSupport/Fixtures
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
rm -rf "$C"
mkdir -p "$C"/{inquiry,vpd83,vpd80,sense,mbr,gpt,wwids,dmstatus,rtpg,multipathconf,bindings,cmdline}

# hex "00 83 00 0c": those bytes on stdout.
hex() { local h=${1// /}; printf "$(sed 's/../\\x&/g' <<< "$h")"; }
# field TEXT WIDTH: TEXT cut or space-padded to WIDTH bytes.
field() { printf '%-*.*s' "$2" "$2" "$1"; }
# byte N: one byte with value N.
byte() { hex "$(printf '%02x' "$1")"; }
# zeros N
zeros() { head -c "$1" /dev/zero; }

SD=$FIX/scsi-debug-4x2/sys/devices/pseudo_0/adapter0/host0/target0:0:0
VIRTIO=$FIX/virtio-one-path/sys/devices/pci0000:00/0000:00:03.0/virtio0/host0/target0:0:0/0:0:0:0

# ---------------------------------------------------------------------------- inquiry
cp "$SD/0:0:0:0/inquiry" "$C/inquiry/scsi-debug"
cp "$VIRTIO/inquiry" "$C/inquiry/qemu-virtio"
# SPC-2 (version 3: scsi_level 4, sg3_utils asks the device), and a SCSI-2 removable disk.
{ hex "00 00 03 02 1f 00 00 02"; field HITACHI 8; field OPEN-V 16; field 5001 4; } > "$C/inquiry/spc2"
{ hex "00 80 02 01 1f 00 00 00"; field SONY 8; field "CD-ROM CDU-76S" 16; field 1.0 4; } > "$C/inquiry/scsi2-removable"
# The sysfs vendor, model and rev attributes, as rebuilt by init(vendor:product:revision:).
printf 'QEMU    \nQEMU HARDDISK   \n2.5+\n' > "$C/inquiry/sysfs-attributes"
# ATA IDENTIFY DEVICE (ACS-3 7.12.7): strings byte-swapped per word, WWN NAA 5 in words 108-111.
ata_identify() {
    local serial=$1 model=$2 out=$TMP/identify
    zeros 512 > "$out"
    swap() { sed 's/\(.\)\(.\)/\2\1/g' <<< "$1" | tr -d '\n'; }
    printf '%s' "$(swap "$(field "$serial" 20)")" | dd of="$out" bs=1 seek=20 conv=notrunc status=none
    printf '%s' "$(swap "$(field "$model" 40)")" | dd of="$out" bs=1 seek=54 conv=notrunc status=none
    hex "00 50 c5 00 15 00 ac 71" | dd of="$out" bs=1 seek=216 conv=notrunc status=none
    cat "$out"
}
ata_identify QM00001 "QEMU HARDDISK" > "$C/inquiry/ata-identify"
# Vendor "ATA" INQUIRY in the first 36 bytes of IDENTIFY data: both readings at once.
{ hex "00 00 05 02 5b 00 00 02"; field ATA 8; field "QEMU HARDDISK" 16; field 2.5+ 4; } > "$TMP/ata-inq"
{ cat "$TMP/ata-inq"; ata_identify WD-WCAV12345678 "WDC WD10EZEX-08WN4A0" | tail -c +37; } > "$C/inquiry/ata-vendor"
# A file sg_inq --inhex takes for a VPD page 0x83 (byte 2 <= 2, byte 1 = 0x83).
{ cat "$VIRTIO/vpd_pg83"; zeros 7; } > "$C/inquiry/guessed-as-page83"

# ------------------------------------------------------------------------------ vpd83
cp "$VIRTIO/vpd_pg83" "$C/vpd83/qemu-virtio"
cp "$SD/0:0:0:0/vpd_pg83" "$C/vpd83/scsi-debug-0"
cp "$SD/0:0:0:1/vpd_pg83" "$C/vpd83/scsi-debug-1"
# page83 DESCRIPTORS...: the page header with the right length.
page83() { local body; body=$(cat); { hex "00 83"; byte $(( ${#body} / 2 / 256 )); byte $(( ${#body} / 2 % 256 )); hex "$body"; }; }
# desc CODESET TYPE_BYTE1 HEXDATA
desc() { printf '%02x%02x00%02x%s' "$1" "$2" $(( ${#3} / 2 )) "$3"; }
asc() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; }
desc 2 0x01 "$(asc "$(field ATA 8)$(field "QEMU HARDDISK" 40)$(field QM00001 20)")" | page83 > "$C/vpd83/ata-t10"
{ desc 1 0x03 600a0b800026a1b20000e5b94e2e6a66; desc 1 0x13 5000c50015ea71ac; desc 1 0x14 00000001; } |
    page83 > "$C/vpd83/naa6-and-target-port"
desc 1 0x02 0025388b71b0e2a1002538aa11000001 | page83 > "$C/vpd83/eui64-16"
desc 3 0x08 "$(asc "naa.600140537a1cbf9b7b146f0a1fa1d1e2")00000000" | page83 > "$C/vpd83/scsi-name-naa"
desc 3 0x08 "$(asc "iqn.2003-01.org.linux-iscsi.target:sn.1234,t,0x0001")00" | page83 > "$C/vpd83/scsi-name-iqn"
desc 2 0x03 "$(asc 6001405fe1e5ba3c3f14f39a0ca6da5b)" | page83 > "$C/vpd83/naa-ascii"
{ desc 2 0x00 "$(asc "VENDOR-ID-1234")"; desc 1 0x07 ""; desc 1 0x01 "$(asc "$(field LIO-ORG 8)")01020304"; } |
    page83 > "$C/vpd83/vendor-md5-t10"
# Pre-SPC-3 reply: byte 6 (reserved in SPC-3) non-zero.
hex "00 83 00 0c 01 03 01 08 60 05 07 68 01 80 80 26" > "$C/vpd83/pre-spc3"
# A page longer than scsi_id's 254-byte buffer, the NAA past it.
{ desc 2 0x01 "$(asc "$(field LIO-ORG 8)$(printf 'x%.0s' {1..240})")"; desc 1 0x03 600140537a1cbf9b7b146f0a1fa1d1e2; } |
    page83 > "$C/vpd83/past-254-bytes"
# Udev values for WWID.parse: an NVMe WWID of >= 128 bytes with "00"-padded serial and model.
printf 'nvme.8086-%s-%s-00000001' "$(asc "$(field PHLF8174034L1P0GGN 20)")" \
    "$(asc "INTEL SSDPE2KX010T8")$(printf '00%.0s' {1..21})" > "$C/vpd83/nvme-wwid-long"
printf 'eui.0025388b71b0e2a1\n' > "$C/vpd83/nvme-eui-sysfs"

# ------------------------------------------------------------------------------ vpd80
cp "$SD/0:0:0:0/vpd_pg80" "$C/vpd80/scsi-debug"
cp "$VIRTIO/vpd_pg80" "$C/vpd80/qemu-virtio"
{ hex "00 80 00 14"; printf '   WD-WCAV12345678  '; } > "$C/vpd80/space-padded"
{ hex "00 80 00 02"; printf 'ab'; } > "$C/vpd80/length-2-2"
{ hex "00 80 00 10"; printf 'SER'; hex "00 00"; printf '123'; } > "$C/vpd80/nul-and-short"

# ------------------------------------------------------------------------------ sense
{ hex "70 00 02 00 00 00 00 0a 00 00 00 00 04 02 00 00 00 00"; } > "$C/sense/fixed-not-ready"
{ hex "f0 00 03 00 01 23 45 0a 00 00 00 00 11 00 00 00 00 00"; } > "$C/sense/fixed-valid-medium"
{ hex "71 00 06 00 00 00 00 0a 00 00 00 00 29 00 00 00 00 00"; } > "$C/sense/deferred-unit-attention"
{ hex "72 05 24 00 00 00 00 08 02 06 00 00 c0 00 00 00"; } > "$C/sense/descriptor-illegal-request"
{ hex "73 0b 47 03"; } > "$C/sense/descriptor-deferred-short"
{ hex "70 00 06"; } > "$C/sense/fixed-3-bytes"

# ------------------------------------------------------------------ partition images
# disk_seed OUT FLAGS IMAGE HEAD_BYTES TAIL_BYTES: the FuzzDiskImage encoding (flags byte,
# tail length in 512-byte units, the image's first HEAD_BYTES, then its last TAIL_BYTES).
disk_seed() {
    { byte "$2"; byte $(( $5 / 512 )); head -c "$4" "$3"; [ "$5" -eq 0 ] || tail -c "$5" "$3"; } > "$1"
}
img() { rm -f "$TMP/$1"; truncate -s 1M "$TMP/$1"; echo "$TMP/$1"; }
# Flags: bit 0 4096-byte blocks, bits 1-3 size class (7 = 1 MiB), bit 4 repair GPT CRCs.
MIB512=$(( 7 << 1 )) MIB4K=$(( 7 << 1 | 1 )) REPAIR=16

i=$(img dos-primaries)
printf 'label: dos\nstart=8, size=100, type=83, bootable\nstart=108, size=200, type=82\nstart=400, size=600, type=8e\n' |
    sfdisk -q "$i"
disk_seed "$C/mbr/dos-primaries" $MIB512 "$i" 512 0

i=$(img dos-extended)
printf 'label: dos\nstart=2, size=2, type=83\nstart=4, size=200, type=5\nstart=5, size=1, type=83\nstart=7, size=1, type=82\nstart=9, size=100, type=83\n' |
    sfdisk -q "$i"
disk_seed "$C/mbr/dos-extended" $MIB512 "$i" $(( 8 * 512 + 512 )) 0
# The same chain with the last EBR (LBA 8) linking back to the first (relative start 0):
# the walk must stop (the kernel gives up after 100 EBRs).
printf '\x00\x00\x00\x00\x05\x00\x00\x00\x00\x00\x00\x00\xc8\x00\x00\x00' |
    dd of="$i" bs=1 seek=$(( 8 * 512 + 462 )) conv=notrunc status=none
disk_seed "$C/mbr/dos-extended-loop" $MIB512 "$i" $(( 8 * 512 + 512 )) 0

i=$(img dos-extended-4k)
printf 'o\nn\np\n1\n1\n1\nn\ne\n2\n2\n40\nn\nl\n3\n3\nn\nl\n5\n5\nn\nl\n7\n27\nw\n' | fdisk -b 4096 "$i" > /dev/null
disk_seed "$C/mbr/dos-extended-4k" $MIB4K "$i" $(( 6 * 4096 + 512 )) 0

{ zeros 510; hex "55 aa"; } > "$TMP/empty-mbr"
disk_seed "$C/mbr/dos-signature-only" $(( 1 << 1 )) "$TMP/empty-mbr" 512 0
{ zeros 446; hex "00 00 02 00 ee ff ff ff 01 00 00 00 ff 07 00 00"; zeros 48; hex "55 aa"; } > "$TMP/pmbr"
disk_seed "$C/mbr/protective-without-gpt" $MIB512 "$TMP/pmbr" 512 0
{ zeros 512; hex "57 45 56 82"; zeros 508; } > "$TMP/bsd"
disk_seed "$C/mbr/bsd-label" $(( 1 << 1 )) "$TMP/bsd" 1024 0

i=$(img gpt-small)
printf 'label: gpt\ntable-length: 4\nfirst-lba: 4\nstart=4, size=64, type=L, name="root"\nstart=80, size=32, type=S\nstart=200, size=8, type=U\n' |
    sfdisk -q "$i"
disk_seed "$C/gpt/small" $MIB512 "$i" $(( 3 * 512 )) $(( 2 * 512 ))
disk_seed "$C/gpt/small-repair" $(( MIB512 | REPAIR )) "$i" $(( 3 * 512 )) $(( 2 * 512 ))
# Primary only (the backup reads as zeros): "alternate GPT is invalid".
disk_seed "$C/gpt/small-primary-only" $(( 6 << 1 )) "$i" $(( 3 * 512 )) 0
# A DOS MBR in front of a valid GPT: kpartx uses the DOS table.
{ head -c 446 "$TMP/pmbr"; hex "80 00 02 00 83 ff ff ff 04 00 00 00 40 00 00 00"; zeros 48; hex "55 aa"; tail -c +513 "$i"; } > "$TMP/hybrid"
disk_seed "$C/gpt/dos-in-front" $MIB512 "$TMP/hybrid" $(( 3 * 512 )) $(( 2 * 512 ))

i=$(img gpt-128)
printf 'label: gpt\nstart=34, size=256, type=L\nstart=290, size=256, type=L\nstart=1024, size=512, type=L\n' | sfdisk -q "$i"
disk_seed "$C/gpt/default-128-entries" $(( MIB512 | REPAIR )) "$i" $(( 34 * 512 )) 512

i=$(img gpt-4k)
printf 'g\nx\nl\n4\nr\nn\n1\n4\n+16\nn\n2\n40\n+8\nw\n' | fdisk -b 4096 "$i" > /dev/null
disk_seed "$C/gpt/small-4k" $MIB4K "$i" $(( 2 * 4096 + 512 )) $(( 2 * 4096 ))
# Checksums that do not match: a flipped byte in the primary header (header CRC), and one
# in the first entry (entry array CRC); no repair flag, so the parser sees the bad CRCs.
i=$TMP/gpt-crc
cp "$TMP/gpt-small" "$i"
printf '\x01' | dd of="$i" bs=1 seek=$(( 512 + 40 )) conv=notrunc status=none
disk_seed "$C/gpt/bad-header-crc" $MIB512 "$i" $(( 3 * 512 )) $(( 2 * 512 ))
cp "$TMP/gpt-small" "$i"
printf '\x01' | dd of="$i" bs=1 seek=$(( 1024 + 56 )) conv=notrunc status=none
disk_seed "$C/gpt/bad-entries-crc" $MIB512 "$i" $(( 3 * 512 )) $(( 2 * 512 ))

# ------------------------------------------------------------------------------ wwids
cat > "$C/wwids/multipath-tools" << 'EOF'
# Multipath wwids, Version : 1.0
# NOTE: This file is automatically maintained by multipath and multipathd.
# You should not need to edit this file in normal circumstances.
#
# Valid WWIDs:
/3600508b4000156d700012000000b0000/
#35000c50015ea71ac/
/35000c50015ea71ad/
garbage here
EOF
printf '  /eui.0025388b71b0e2a1/  \n/SATA_QEMU_HARDDISK_QM00001/\n//\n/a/\n/3600a0b800026a1b20000e5b94e2e6a66/\r' > "$C/wwids/mixed"
printf '/nvme.8086-%s-%s-00000001/\n/3%s/\n' "$(asc PHLF8174034L1P0GGN)" "$(asc INTEL)$(printf '00%.0s' {1..40})" \
    "$(printf '0%.0s' {1..130})" > "$C/wwids/long-entries"

# --------------------------------------------------------------------------- dmstatus
printf '1 queue_if_no_path 1 alua 2 1 service-time 0 2 2 8:16 1 1 8:48 1 1 service-time 0 2 2 8:32 1 1 8:64 1 1' > "$C/dmstatus/table-two-groups"
printf '2 0 0 0 2 1 A 0 2 2 8:16 A 0 0 1 8:48 F 3 0 1 E 0 2 2 8:32 A 0 0 1 8:64 A 0 0 1' > "$C/dmstatus/status-two-groups"
printf '0 0 1 1 round-robin 0 2 1 8:0 1000 8:16 1000\n0 0 1 1 A 0 2 0 8:0 A 0 8:16 F 1\n' > "$C/dmstatus/table-and-status"
printf '8:16\n259:0\n2:0:1:3\n0:0:0:18446744073709551615\n' > "$C/dmstatus/numbers"

# ------------------------------------------------------------------------------- rtpg
# REPORT TARGET PORT GROUPS as scsi_debug answers it: two groups of one port each, group
# A's state host_no % 3 (0 active/optimized here), group B unavailable (3); PREF set on A.
hex "00 00 00 18  8f 0f 00 01 00 00 00 01  00 00 00 01  03 0f 00 02 00 00 00 01  00 00 00 02" > "$C/rtpg/scsi-debug"
# Extended header (format 1, byte 4 = 0x10), standby and transitioning, two ports each.
hex "00 00 00 28 10 0a 00 00  02 0f 00 05 00 00 00 02  00 00 00 01 00 00 00 02  0f 0f 00 06 00 00 00 02  00 00 00 03 00 00 00 04" > "$C/rtpg/extended-header"
# A descriptor claiming more ports than the data holds, and a length past the data.
hex "00 00 00 10  01 0f 00 07 00 00 00 ff  00 00 00 01" > "$C/rtpg/too-many-ports"
hex "00 00 ff ff  0e 0f 80 00 00 00 00 00" > "$C/rtpg/long-length"
# A VPD page 0x83 with a relative target port (type 4) and a target port group (type 5).
{ desc 1 0x03 6005076303ffc00d0000000000001234; desc 1 0x94 00000001; desc 1 0x95 00000002; } |
    page83 > "$C/rtpg/page83-tpg"

# ---------------------------------------------------------------------- multipathconf
cp "$FIX/etc-find-multipaths-yes/multipath.conf" "$C/multipathconf/find-yes"
cat > "$C/multipathconf/every-section" << 'EOF'
defaults {
	user_friendly_names yes
	find_multipaths smart
	path_grouping_policy group_by_prio
	features "1 queue_if_no_path"
	no_path_retry 12
	retain_attached_hw_handler no
	detect_prio yes
	prio_args ""
}
blacklist {
	devnode "^(ram|loop|fd|md|sr|scd|st)[0-9]*"
	wwid 3600508b1001030353434363646301200
	property "(SCSI_IDENT_|ID_WWN)"
	device {
		vendor "IBM"
		product "3S42"
	}
}
blacklist_exceptions {
	wwid "^35000c5"
	device {
		vendor "QEMU"
		product ".*"
	}
}
devices {
	device {
		vendor "3PARdata"
		product "VV"
		path_grouping_policy group_by_prio
		hardware_handler "1 alua"
		prio alua
		features "2 queue_if_no_path retain_attached_hw_handler"
	}
	device {
		vendor "QEMU"
		product "QEMU HARDDISK"
		path_selector "round-robin 0"
		rr_min_io_rq 2
	}
}
overrides {
	no_path_retry fail
	protocol {
		type scsi:fcp
		fast_io_fail_tmo 5
	}
}
multipaths {
	multipath {
		wwid 35000c50015ea71ac
		alias "root disk"
		path_selector "queue-length 0"
	}
	multipath {
		wwid 360002ac000000000000000010001a2b3
		alias mpathz
		prio weightedpath
		prio_args "hbtl 8:0:.* 10"
	}
}
EOF
# What multipath-tools' parser forgives: no braces, unknown keywords and sections, a
# missing `}`, doubled quotes, comments after words, CRLF, a line past 1023 bytes.
{
    printf 'defaults\n\tpolling_interval 10\n\tbogus_keyword 1\n}\n'
    printf 'unknown_section {\n\tfoo bar\n}\n'
    printf 'multipaths {\n multipath {\n  wwid "35000c50015ea71ac"#comment\n  alias "a""b"\r\n'
    printf '  features "3 queue_if_no_path pg_init_retries 50"\n  no_path_retry queue\n'
    printf '  alias %s\n' "$(printf 'x%.0s' {1..1100})"
    printf 'devices {\n device {\n  vendor "(HITACHI|HP)"\n  product OPEN-.*\n  revision "*"\n'
} > "$C/multipathconf/forgiven"

# --------------------------------------------------------------------------- bindings
cat > "$C/bindings/multipath-tools" << 'EOF'
# Multipath bindings, Version : 1.0
# NOTE: this file is automatically maintained by the multipath program.
# You should not need to edit this file in normal circumstances.
#
# Format:
# alias wwid
#
mpatha 35000c50015ea71ac
mpathb 3600508b4000156d700012000000b0000
mpathd	360002ac000000000000000010001a2b3
EOF
printf 'mpatha 35000c50015ea71ac\nmpathb 35000c50015ea71ac\nmpatha 3600a0b8\nlonely\nmpathzzzzzzzz 3x extra words\r\n  mpathc\t3y # comment\nmpath 3z\nmpathaaaaaaa 3w\n' > "$C/bindings/conflicts"
printf 'mpathq 3%s\n' "$(printf '0%.0s' {1..140})" > "$C/bindings/long-wwid"

# ---------------------------------------------------------------------------- cmdline
printf 'BOOT_IMAGE=/boot/vmlinuz-6.1.0-56-amd64 root=UUID=6d2f3c1e-4b7a-4e59-9c1d-5a0b8e7f2a31 ro quiet\n' > "$C/cmdline/debian"
printf 'rd.multipath=0 rd.lvm=0 root=/dev/mapper/mpatha-part2 rootflags=ro "mpathboot.debug" mpathboot.find_multipaths=yes -- single init_arg="a b"\n' > "$C/cmdline/dracut"
printf 'mpathboot.wait=abc mpathboot.min_paths=99999 mpathboot.wait mpathboot.find_multipaths=maybe param="quoted value" "whole=quoted" =lead x= multipath=off nompath rd_NO_MULTIPATH root=block:/dev/disk/by-id/dm-uuid-mpath-35000c50015ea71ac\n' > "$C/cmdline/options"
printf 'root=/dev/disk/by-label/r\\x20oot root=8:2 root=/dev/dm-3 root=PARTUUID=1234 console=ttyS0,115200n8 "unterminated\n' > "$C/cmdline/roots"

du -sb "$C"/* "$C"
