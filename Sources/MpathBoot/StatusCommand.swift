// StatusCommand: `mpathboot status [NAME...]`, the multipath maps as the kernel reports them.
import MultipathCore
import MultipathSystem

/// Prints `map <name> uuid <uuid> dev <maj:min> paths <n> active <m>` per multipath map,
/// counted from the kernel's status line (dm-mpath.c `multipath_status`).
struct StatusCommand<DM: DeviceMapperControl> {
    let dm: DM
    let console: Console
    let names: [String]

    func run() -> ExitCode {
        let devices: [DmDeviceInfo]
        do throws(SystemError) {
            devices = try dm.devices()
        } catch {
            console.log(.error, "device-mapper is not usable: \(error.message)")
            return .failure
        }
        var shown = 0
        for info in devices where info.uuid.hasPrefix("mpath-") {
            if !names.isEmpty && !names.contains(info.name) { continue }
            do throws(SystemError) {
                let status = try dm.targets(name: info.name, status: true)
                guard status.count == 1, status[0].type == "multipath",
                      let readback = MultipathTargetReadback.parseStatus(status[0].parameters) else {
                    console.log(.warning, "\(info.name): not a single multipath target")
                    continue
                }
                let active = readback.paths.filter { $0.active }.count
                console.output("map \(info.name) uuid \(info.uuid) dev \(info.device) paths \(readback.paths.count) active \(active)")
                console.log(.info, "\(info.name): status \(status[0].parameters)")
                shown += 1
            } catch {
                console.log(.error, error.message)
            }
        }
        return shown > 0 || names.isEmpty ? .success : .failure
    }
}
