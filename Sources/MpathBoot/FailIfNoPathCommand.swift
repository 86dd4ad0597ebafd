// FailIfNoPathCommand: `mpathboot fail-if-no-path`, for shutdown hooks and rescue shells.
import MultipathCore
import MultipathSystem

/// Sends `fail_if_no_path` (dm-mpath.c `multipath_message`) to every multipath map whose
/// table queues I/O when no path is left, so a shutdown or a rescue shell is not stuck
/// behind I/O that can never complete. What dracut's 90multipath shutdown hook does with
/// `dmsetup message`.
struct FailIfNoPathCommand<DM: DeviceMapperControl> {
    let dm: DM
    let console: Console

    func run() -> ExitCode {
        let maps: [InventoryMap]
        do throws(SystemError) {
            maps = try MapInventory.read(dm)
        } catch {
            console.log(.error, "device-mapper is not usable: \(error.message)")
            return .failure
        }
        var failed = false
        var sent = 0
        for map in maps where map.queueing {
            do throws(SystemError) {
                try dm.message(name: map.name, "fail_if_no_path")
                console.output("\(map.name): fail_if_no_path")
                sent += 1
            } catch {
                console.log(.error, error.message)
                failed = true
            }
        }
        if failed { return .failure }
        return sent > 0 ? .success : .nothingToDo
    }
}
