// WaitCommand: `mpathboot wait`, the root wait of the initramfs scripts.
import MultipathCore
import MultipathSystem

/// `mpathboot wait [--timeout S] [--min-paths N] [ROOTSPEC]`: assembles again and again
/// (late paths join their maps by table reload, late maps are created) until the map holding
/// ROOTSPEC — or, without one, every map — has `minPaths` usable paths, or the budget ends.
///
/// A ROOTSPEC on a block device that no map holds (a local disk, or LVM on one) ends the wait
/// at once with status 2: generic images run `wait` on every boot.
///
/// Exit status: 0 when ready, and also when the budget ends with the map present but short
/// of paths (booting degraded beats not booting; a warning says so); 1 when the budget ends
/// with no map holding ROOTSPEC, or with a map that has no usable path, or when
/// device-mapper cannot be used. It never waits longer than the budget plus one assemble pass.
struct WaitCommand<DM: DeviceMapperControl, Clock: WaitClock> {
    let assemble: AssembleCommand<DM>
    let dm: DM
    let locator: RootLocator
    let console: Console
    /// The ROOTSPEC as given, and parsed.
    let specText: String?
    let timeoutSeconds: Int
    let minPaths: Int
    let clock: Clock
    var intervalMilliseconds: UInt32 = 500

    func run() -> ExitCode {
        let spec = specText.map(RootSpec.parse)
        if case .unsupported(let text)? = spec {
            console.log(.warning, "cannot look up '\(text)' on the maps; waiting for every map instead")
        }
        let what = specText.map { "'\($0)'" } ?? "every multipath map"
        let deadline = clock.nowMilliseconds() + Int64(timeoutSeconds) * 1000
        console.suppressRepeats = true
        var targets: [InventoryMap] = []
        while true {
            _ = assemble.run()
            let maps: [InventoryMap]
            do throws(SystemError) {
                maps = try MapInventory.read(dm)
            } catch {
                console.log(.error, "device-mapper is not usable: \(error.message) (is dm-multipath loaded?)")
                return .failure
            }
            switch placement(spec, in: maps) {
            case .maps(let indices):
                targets = indices.map { maps[$0] }
            case .elsewhere(let device):
                console.log(.notice, "\(what) is on \(device), which no multipath map holds: nothing to wait for")
                return .nothingToDo
            case .notFound:
                targets = []
            }
            if !targets.isEmpty && targets.allSatisfy({ $0.activePaths.count >= minPaths }) {
                for map in targets {
                    console.log(.notice, "\(map.name): ready with \(map.activePaths.count) usable paths (wanted \(minPaths))")
                }
                return .success
            }
            let now = clock.nowMilliseconds()
            if now >= deadline { break }
            clock.sleep(milliseconds: UInt32(min(Int64(intervalMilliseconds), deadline - now)))
        }

        guard !targets.isEmpty else {
            console.log(.error, "no multipath map holds \(what) after \(timeoutSeconds) s; the root cannot be on multipath this boot")
            return .failure
        }
        var usable = true
        for map in targets where map.activePaths.count < minPaths {
            if map.activePaths.isEmpty {
                console.log(.error, "\(map.name): no usable path of \(map.paths.count) after \(timeoutSeconds) s")
                usable = false
            } else {
                console.log(.warning, "\(map.name): booting degraded with \(map.activePaths.count) of \(minPaths) wanted paths after \(timeoutSeconds) s")
            }
        }
        return usable ? .success : .failure
    }

    private func placement(_ spec: RootSpec?, in maps: [InventoryMap]) -> RootPlacement {
        switch spec {
        case nil, .unsupported?:
            return maps.isEmpty ? .notFound : .maps(Array(maps.indices))
        case let spec?:
            return locator.place(spec, in: maps)
        }
    }
}
