// ALUAStates: which answer gives each path its ALUA access state and PREF bit. Policy only:
// the REPORT TARGET PORT GROUPS command and the sysfs read come in as functions from the OS
// layer (PathDiscovery), so the sharing rules are tested without a device.

/// Fills in the ALUA state and PREF bit of paths from REPORT TARGET PORT GROUPS answers.
public enum ALUAStates {
    /// Sets the ALUA state and PREF bit of every TPGS path whose VPD 0x83 page
    /// (`page83(index)`) names its target port group, from REPORT TARGET PORT GROUPS
    /// (`reportTargetPortGroups`, SPC-4 6.36, sent down that path). A path whose group no
    /// answer lists keeps what sysfs said, and then its PREF bit is sysfs's too
    /// (`preferredPath`, `device/preferred_path`, asked only for such paths).
    ///
    /// Straight from the device because sysfs `access_state` can still be the value from
    /// before scsi_dh_alua's first RTPG finished (a UNIT ATTENTION delays it by seconds),
    /// which put a standby path first in the VM (MPATH-ORACLE.md, difference 6). The
    /// prioritizer name stays what multipath-tools detects (sysfs when the attribute exists).
    /// An answer describes every group of the logical unit, so it serves all the unit's paths
    /// (as scsi_dh_alua shares one RTPG per port group): a path asks the device only when the
    /// last answer for its unit does not list its group (scsi_debug gives each host a group
    /// of its own, so there every path asks).
    public static func fill(_ paths: inout [Path], page83: (Int) -> [UInt8]?,
                            reportTargetPortGroups: (BlockDevice) -> [TargetPortGroup]?,
                            preferredPath: (BlockDevice) -> Bool) {
        var groupsOfUnit: [LogicalUnit: [TargetPortGroup]] = [:]
        for index in paths.indices {
            let page = paths[index].identity.tpgs != 0 ? page83(index) : nil
            if let answer = ownGroup(of: paths[index], page83: page, groupsOfUnit: &groupsOfUnit,
                                     reportTargetPortGroups: reportTargetPortGroups) {
                paths[index].device.accessStateFromRTPG = paths[index].device.accessState == nil
                paths[index].device.accessState = answer.stateText
                paths[index].device.accessPreferred = answer.preferred
            } else if paths[index].device.accessState != nil {
                // The kernel sets both from the same descriptor byte (scsi_dh_alua `alua_rtpg`).
                paths[index].device.accessPreferred = preferredPath(paths[index].device)
            }
        }
    }

    /// The descriptor of `path`'s own target port group (named in `page83`): from the last
    /// answer for its unit when that lists the group, else from the path's own REPORT TARGET
    /// PORT GROUPS; nil without a group designator, or when no answer lists the group.
    private static func ownGroup(of path: Path, page83: [UInt8]?,
                                 groupsOfUnit: inout [LogicalUnit: [TargetPortGroup]],
                                 reportTargetPortGroups: (BlockDevice) -> [TargetPortGroup]?) -> TargetPortGroup? {
        guard let page83, let id = TargetPortGroups.groupID(page83: page83) else { return nil }
        let unit = path.identity.wwid.map { LogicalUnit(wwid: $0, serial: path.identity.serial) }
        if let known = unit.flatMap({ groupsOfUnit[$0] }).flatMap({ TargetPortGroups.group(id, in: $0) }) {
            return known
        }
        guard let groups = reportTargetPortGroups(path.device) else { return nil }
        if let unit { groupsOfUnit[unit] = groups }
        return TargetPortGroups.group(id, in: groups)
    }
}

/// The logical unit a path leads to, as far as sharing its REPORT TARGET PORT GROUPS answer
/// goes: paths of one WWID that disagree on the unit serial are not the same unit.
private struct LogicalUnit: Hashable {
    var wwid: WWID
    var serial: String?
}
