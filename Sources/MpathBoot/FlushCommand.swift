// FlushCommand: `mpathboot flush [NAME...]`, removes unused multipath maps and their
// partition maps (multipath-tools `multipath -f NAME` / `multipath -F`).
import MultipathCore
import MultipathSystem

/// Removes the named multipath maps (all of them without names), partition maps first;
/// refuses, removing nothing of that map, when the map or a partition map is open or
/// mounted. Exit 0 when all went, 1 when one was refused or failed, 2 when there was none.
struct FlushCommand<DM: DeviceMapperControl> {
    let dm: DM
    let procRoot: String
    let console: Console
    let names: [String]

    func run() -> ExitCode {
        // Without device-mapper in the kernel there is nothing to flush, and asking libdm
        // would create /dev/mapper/control.
        let misc = (try? FileSystem.readText(procRoot + "/misc")) ?? ""
        if !TextScan.contains(misc, " device-mapper\n") && FileSystem.exists(procRoot + "/misc") {
            console.log(.notice, "device-mapper is not loaded; no maps to flush")
            return names.isEmpty ? .nothingToDo : .failure
        }
        let outcomes: [FlushOutcome]
        do throws(SystemError) {
            outcomes = try MapRemover(dm: dm, procRoot: procRoot).flush(names)
        } catch {
            console.log(.error, "device-mapper is not usable: \(error.message)")
            return .failure
        }
        if outcomes.isEmpty {
            console.log(.notice, "no multipath maps to flush")
            return .nothingToDo
        }
        var failed = false
        for outcome in outcomes {
            for name in outcome.removed { console.output("removed \(name)") }
            if let refused = outcome.refused {
                failed = true
                console.log(.error, "\(outcome.name): \(refused)")
            }
            if let error = outcome.error {
                failed = true
                console.log(.error, "\(outcome.name): \(error)")
            }
        }
        return failed ? .failure : .success
    }
}
