// TargetPortGroups: REPORT TARGET PORT GROUPS data (SPC-4 6.36) and the path's own target
// port group (VPD 0x83 designator type 5): each ALUA path's state and PREF bit straight
// from the device (see ALUAStates).

/// One target port group descriptor.
public struct TargetPortGroup: Equatable, Sendable {
    public var id: UInt16
    /// ASYMMETRIC ACCESS STATE, byte 0 bits 3:0.
    public var state: UInt8
    /// PREF, byte 0 bit 7.
    public var preferred: Bool

    /// The state as the kernel prints it in `access_state` (scsi_dh_alua.c `print_alua_state`).
    public var stateText: String {
        switch state {
        case 0x0: return "active/optimized"
        case 0x1: return "active/non-optimized"
        case 0x2: return "standby"
        case 0x3: return "unavailable"
        case 0x4: return "lba-dependent"
        case 0xE: return "offline"
        case 0xF: return "transitioning"
        default: return "unknown"
        }
    }
}

/// Parsers for the ALUA data.
public enum TargetPortGroups {
    /// Descriptors of REPORT TARGET PORT GROUPS parameter data (length format 0: a 4-byte
    /// RETURN DATA LENGTH, then 8-byte descriptors each followed by 4 bytes per port).
    /// Stops at the first descriptor that does not fit; never reads out of bounds.
    public static func parse(_ bytes: [UInt8]) -> [TargetPortGroup] {
        guard bytes.count >= 4 else { return [] }
        let declared = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        let end = min(bytes.count, 4 + declared)
        var groups: [TargetPortGroup] = []
        var offset = 4
        while offset + 8 <= end {
            let ports = Int(bytes[offset + 7])
            groups.append(TargetPortGroup(id: UInt16(bytes[offset + 2]) << 8 | UInt16(bytes[offset + 3]),
                                          state: bytes[offset] & 0x0F, preferred: bytes[offset] & 0x80 != 0))
            offset += 8 + 4 * ports
        }
        return groups
    }

    /// The descriptor of group `id` in the answer `groups`; nil when the answer does not list it.
    public static func group(_ id: UInt16, in groups: [TargetPortGroup]) -> TargetPortGroup? {
        groups.first { $0.id == id }
    }

    /// The path's target port group id from its VPD 0x83 page: the designator of type 5
    /// with target-port association (multipath-tools `prioritizers/alua_rtpg.c:get_target_port_group`).
    /// Walked in place (`DeviceIdentificationPage.walk`): the structured page copied every
    /// identifier, for one 2-byte answer per ALUA path.
    public static func groupID(page83 bytes: [UInt8]) -> UInt16? {
        var group: UInt16?
        _ = try? DeviceIdentificationPage.walk(bytes) { offset, length in
            let byte1 = bytes[offset + 1]
            guard VPDDesignator.type(byte1: byte1) == .targetPortGroup
                && VPDDesignator.association(byte1: byte1) == .targetPort && length >= 4 else { return true }
            group = UInt16(bytes[offset + 6]) << 8 | UInt16(bytes[offset + 7])
            return false
        }
        return group
    }
}
