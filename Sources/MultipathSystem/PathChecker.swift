// PathChecker: runs a path checker once per path at assembly, bounded in time. Never
// writes: TEST UNIT READY carries no data, directio/readsector0 only read.
import CMPath
import MultipathCore

/// Checks paths the way multipath-tools' checkers do, once.
public struct PathChecker: Sendable {
    public var devRoot: String
    /// Upper bound for one check, in milliseconds (multipath-tools' checker_timeout default
    /// is the SCSI command timeout, 30 s; at boot a shorter bound keeps a dead path from
    /// stalling the boot).
    public var timeoutMilliseconds: UInt32

    public init(devRoot: String = "/dev", timeoutMilliseconds: UInt32 = 5000) {
        self.devRoot = devRoot
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// The verdict for `device` with checker `kind`.
    public func check(_ device: BlockDevice, kind: PathCheckerKind) -> PathCheck {
        // Every checker first looks at the kernel's own view (multipath-tools `path_offline`).
        if let state = device.state, state == "offline" || state == "blocked" || state == "transport-offline" {
            return .down("device state \(state)")
        }
        let node = devRoot + "/" + device.name
        switch kind {
        case .none:
            return .up
        case .tur:
            let fd: Int32
            switch retryingOnInterrupt({ cmp_open(node, O_RDONLY | O_NONBLOCK) }) {
            case .success(let value): fd = value
            case .failure(let errno): return .down("open \(node): \(errno)")
            }
            defer { close(fd) }
            do throws(SystemError) {
                try ScsiGeneric(timeoutMilliseconds: timeoutMilliseconds).testUnitReady(fd: fd, device: node)
                return .up
            } catch {
                // NOT READY, "asymmetric access state transition"/"standby" (04/0A, 04/0B):
                // a passive path, as tur.c's PATH_GHOST.
                if case .scsi(_, _, let detail) = error,
                   detail.hasPrefix("NOT READY, ASC/ASCQ 04/0b") || detail.hasPrefix("NOT READY, ASC/ASCQ 04/0a") {
                    return .ghost
                }
                return .down(error.message)
            }
        case .directio, .readsector0:
            return readCheck(node, direct: kind == .directio)
        }
    }

    /// Reads the first 4 KiB in a child process, so a read that hangs on a dead path (block
    /// reads have no timeout of their own) costs at most `timeoutMilliseconds`.
    func readCheck(_ node: String, direct: Bool) -> PathCheck {
        let child = fork()
        if child < 0 { return .down("fork: \(Errno.current)") }
        if child == 0 {
            let fd = cmp_open(node, O_RDONLY | (direct ? cmp_O_DIRECT() : 0))
            if fd < 0 { _exit(2) }
            var buffer: UnsafeMutableRawPointer? = nil
            guard posix_memalign(&buffer, 4096, 4096) == 0, let buffer else { _exit(3) }
            _exit(pread(fd, buffer, 4096, 0) == 4096 ? 0 : 1)
        }
        let deadline = cmp_monotonic_ms() + Int64(timeoutMilliseconds)
        var status: Int32 = 0
        while cmp_monotonic_ms() < deadline {
            let done = waitpid(child, &status, WNOHANG)
            if done == child {
                let code = (status >> 8) & 0xFF
                switch code {
                case 0: return .up
                case 2: return .down("open \(node) failed")
                default: return .down("read of the first block of \(node) failed")
                }
            }
            cmp_sleep_ms(10)
        }
        kill(child, SIGKILL)
        return .down("read of \(node) did not finish in \(timeoutMilliseconds) ms")
    }
}
