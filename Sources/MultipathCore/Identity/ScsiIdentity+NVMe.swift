// ScsiIdentity+NVMe: ID_WWN of an NVMe namespace, the property multipath-tools reads for
// NVMe paths (uid_attribute "ID_WWN" in the built-in "NVMe" device entry).

extension ScsiIdentity {
    /// What udev stores in ID_WWN for an NVMe namespace, from its sysfs `wwid` attribute.
    ///
    /// systemd 252 `60-persistent-storage.rules`:
    /// `KERNEL=="nvme*[0-9]n*[0-9]", ENV{DEVTYPE}=="disk", ATTRS{wwid}=="?*", ENV{ID_WWN}="$attr{wwid}"`.
    /// `sd_device_get_sysattr_value()` reads the file as a C string and drops trailing
    /// newlines; the `$attr{}` substitution (udev-event.c) keeps at most 511 bytes, deletes
    /// trailing whitespace and runs `udev_replace_chars(…, "/ $%?,")` (whitespace becomes
    /// ' ', other disallowed bytes '_'). The match `=="?*"` needs a non-empty value.
    ///
    /// - Parameter sysfsWWID: the attribute's contents, verbatim (e.g. "eui.0025388b71b0e2a1\n").
    /// - Returns: ID_WWN in `idWWNBytes` with `uidAttribute == .idWWN`; nil when empty.
    public static func nvmeWWID(sysfsWWID: String) -> UdevSerial? {
        var value = UdevText.cString(Array(sysfsWWID.utf8))
        while let last = value.last, last == 0x0A || last == 0x0D { value.removeLast() }
        if value.count > 511 { value.removeLast(value.count - 511) }
        while let last = value.last, UdevText.isSystemdWhitespace(last) { value.removeLast() }
        guard !value.isEmpty else { return nil }
        UdevText.replaceChars(&value, allow: Array("/ $%?,".utf8))
        return UdevSerial(idSerialBytes: nil, idWWNBytes: value, source: .nvmeWWID,
                          uidAttribute: .idWWN)
    }
}
